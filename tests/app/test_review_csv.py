"""The Review page's CSV export: exactly the filtered rounds, with a coach's score beside the
AI's."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

from coach.analytics import CSV_COLUMNS
from tests.app.conftest import query, select_row
from tests.app.review_steps import (
    first_round_of_selected,
    learner_options,
    metrics,
    open_review,
    override,
    pick,
)


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> list[tuple[bytes, str | None]]:
    """The files the page hands to download buttons, as the media storage receives them."""
    seen: list[tuple[bytes, str | None]] = []
    original = MemoryMediaFileStorage.load_and_get_id

    def spy(self: Any, path_or_data: Any, mimetype: str, kind: Any, filename: Any = None) -> str:
        if isinstance(path_or_data, bytes) and mimetype == "text/csv":
            seen.append((path_or_data, filename))
        return original(self, path_or_data, mimetype, kind, filename)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", spy)
    return seen


def read_csv(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_the_csv_holds_exactly_the_filtered_rounds(
    app_env: str, downloads: list[tuple[bytes, str | None]]
) -> None:
    at = open_review()
    learner = learner_options(at)[0]
    pick(at, "review_learner", learner)
    data, filename = downloads[-1]
    assert filename is not None and filename.endswith(".csv")
    rows = read_csv(data)
    assert tuple(rows[0]) == CSV_COLUMNS
    stored = query(
        "select r.id::text, r.score from coaching_sessions r join learners l "
        "on r.learner_id = l.id::text where l.name = %s",
        learner,
    )
    assert sorted(r["round_id"] for r in rows) == sorted(s["id"] for s in stored)
    assert {r["learner_name"] for r in rows} == {learner}
    assert int(metrics(at)["Rounds"]) == len(rows)
    ai = {s["id"]: s["score"] for s in stored}
    for r in rows:
        assert r["ai_score"] == ("" if ai[r["round_id"]] is None else str(ai[r["round_id"]]))
        assert r["score"] == (r["human_score"] or r["ai_score"])


def test_the_csv_carries_an_override_beside_the_ai_score(
    app_env: str, downloads: list[tuple[bytes, str | None]]
) -> None:
    at = select_row(open_review())
    round_id = first_round_of_selected(at)
    override(at, round_id, 10, "Exemplary: calm, specific, with a date.")
    [row] = [r for r in read_csv(downloads[-1][0]) if r["round_id"] == round_id]
    assert (row["human_score"], row["score"]) == ("10", "10")
    assert row["override_by"] == "Dr. Sam Rivera"
    assert row["override_reason"] == "Exemplary: calm, specific, with a date."
    assert row["reviewed"] == "true"


def test_the_csv_carries_the_review_and_its_note(
    app_env: str, downloads: list[tuple[bytes, str | None]]
) -> None:
    """A coach-review audit: the export said `reviewed` and nothing of who reviewed the
    session, when, or the note they wrote."""
    at = select_row(open_review())
    [submit] = [b for b in at.button if b.key and b.key.startswith("review_submit_")]
    session_id = submit.key.removeprefix("review_submit_")
    at.text_input(key=f"review_note_{session_id}").input("=Good empathy; check the close.")
    submit.click().run()
    assert not at.exception, at.exception
    [stored] = query(
        "select reviewed_at, noted_at from coaching_session_reviews where session_id = %s",
        session_id,
    )
    rows = [r for r in read_csv(downloads[-1][0]) if r["session_id"] == session_id]
    assert rows
    for row in rows:
        assert row["reviewed"] == "true"
        assert row["reviewed_by_name"] == "Dr. Sam Rivera"
        assert row["reviewed_at"] == stored["reviewed_at"].isoformat()
        assert row["review_note"] == "'=Good empathy; check the close."  # never a formula
        assert row["review_note_by"] == "Dr. Sam Rivera"
        assert row["review_noted_at"] == stored["noted_at"].isoformat()
    others = [r for r in read_csv(downloads[-1][0]) if r["session_id"] != session_id]
    assert all(r["review_note"] != "'=Good empathy; check the close." for r in others)
