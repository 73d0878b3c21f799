"""Scholarships like one that did not work out, on the Game plan page: a lost application's
card offers them (its "Next: Try a similar scholarship" offered none, a browser audit found),
each to track in one click, as a missed deadline's do."""

from __future__ import annotations

import psycopg

from tests.app.conftest import db_url, plain
from tests.app.conftest import shown as texts
from tests.app.game_plan_steps import COCA_COLA, click, open_page, row


def test_a_lost_application_offers_similar_open_scholarships_to_track(app_env: str) -> None:
    coca = row(COCA_COLA)
    with psycopg.connect(db_url(), autocommit=True) as conn:
        conn.execute(
            "update applications set status = 'rejected', metadata = metadata || "
            """'{"coach_state": "lost"}' where id = %s""",
            (coca["id"],),
        )
    at = open_page()
    shown = texts(at)
    assert "Next: Try a similar scholarship" in shown
    [offered] = [
        e
        for e in at.expander
        if e.label.startswith("Scholarships like it (")
        and any((b.key or "").startswith(f"track_similar_{coca['id']}") for b in e.button)
    ]
    assert "Similar open scholarships to try instead:" in plain(
        "\n".join(c.value for c in offered.caption)
    )
    similar = [b.key for b in offered.button if b.key and b.key.startswith("track_similar_")]
    assert similar and offered.label == f"Scholarships like it ({len(similar)})"
    assert "Guaranteed" not in shown  # a labelled scam is never offered
    at = click(at, similar[0])
    assert "is on your plan now" in texts(at)


def test_a_lost_application_reopens_only_while_its_deadline_is_ahead(app_env: str) -> None:
    """A browser audit: Reopen as drafting on a lost application whose deadline had passed
    made it a "Missed deadline … while it was still drafting" card, of one sent in September,
    with no question first."""
    burger = row("Burger King Scholars")
    reopen = f"move_drafting_{burger['id']}"

    def due_in(days: int) -> None:
        with psycopg.connect(db_url(), autocommit=True) as conn:
            conn.execute(
                "update scholarships set deadline = app_now() + make_interval(days => %s) "
                "where id = %s",
                (days, burger["scholarship_id"]),
            )

    due_in(5)
    assert reopen in {b.key for b in open_page().button}
    due_in(-1)
    at = open_page()
    assert reopen not in {b.key for b in at.button}
    assert any(e.label.startswith("Scholarships like it (") for e in at.expander)  # still there
