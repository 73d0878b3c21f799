"""Review's sessions by name (app_pages/pick_by_name.py): what a coach on a keyboard opens a
session with, since the table's rows take no keyboard selection (an audit). A pick opens the
session as a row would, and the table and the picker each open what was chosen last; on
Learners, a learner."""

from __future__ import annotations

from tests.app.conftest import plain, select_row, table
from tests.app.review_steps import open_review
from tests.app.test_learners_page import open_learners


def opened(at: object) -> str:
    return at.header[-1].value  # type: ignore[attr-defined]


def heading(frame: object, row: int) -> str:
    learner, coach = frame.iloc[row]["Learner"], frame.iloc[row]["Coach"]  # type: ignore[attr-defined]
    return f"{learner} · {coach}"


def test_a_session_picked_by_name_opens_as_a_row_would(app_env: str) -> None:
    at = open_review()
    frame = table(at)
    picker = at.selectbox(key="review_pick")
    assert picker.value is None and len(picker.options) == len(frame)
    picker.select_index(1).run()
    assert not at.exception, at.exception
    assert "Select a session in the table" not in [i.value for i in at.info]
    assert opened(at).replace("\\", "") == heading(frame, 1)
    assert at.selectbox(key="review_pick").value is None  # a way in, not the open one
    assert [b for b in at.button if (b.key or "").startswith("review_submit_")]

    select_row(at, 0)  # then a click on a row: the row opens
    assert opened(at).replace("\\", "") == heading(frame, 0)
    at.selectbox(key="review_pick").select_index(2).run()  # and a pick after it
    assert not at.exception, at.exception
    assert opened(at).replace("\\", "") == heading(frame, 2)


def test_a_learner_picked_by_name_opens_as_a_row_would(app_env: str) -> None:
    at = open_learners()
    frame = table(at)
    at.selectbox(key="learners_pick").select_index(1).run()
    assert not at.exception, at.exception
    assert plain(at.header[-1].value) == frame["Learner"][1]
    assert at.button(key="learners_open_review").label == "Open in Review"
    select_row(at, 0)
    assert plain(at.header[-1].value) == frame["Learner"][0]
    at.selectbox(key="learners_pick").select_index(2).run()
    assert plain(at.header[-1].value) == frame["Learner"][2]


def test_my_progress_opens_any_session_by_name(app_env: str) -> None:
    """An accessibility audit: a keyboard could open only the newest session on My progress
    (the table's rows take no keyboard selection)."""
    from urllib.parse import parse_qs

    from tests.app.test_progress_page import my_rounds, open_progress

    def open_in_chat(at: object) -> str:
        [link] = [p for p in at.page_link if p.proto.label == "Open in Chat"]  # type: ignore[attr-defined]
        return parse_qs(link.proto.query_string)["session"][0]

    at = open_progress()
    newest = max(my_rounds(), key=lambda r: r["created_at"])["session_id"]
    assert open_in_chat(at) == newest
    picker = at.selectbox(key="progress_pick")
    assert len(picker.options) == len({r["session_id"] for r in my_rounds()}) > 1
    picker.select_index(1).run()
    assert not at.exception, at.exception
    assert open_in_chat(at) != newest
    assert at.selectbox(key="progress_pick").value is None
