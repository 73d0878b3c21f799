"""Review's filters and its open session in the address (app_pages/review_address.py): a refresh
keeps them, a value no filter offers is ignored, and Back and Forward move between them."""

from __future__ import annotations

from datetime import timedelta

from streamlit.testing.v1 import AppTest

from app_pages.context import HANDLE
from tests.app.conftest import RIVERA, db_url, handle_for, select_row, shown
from tests.app.review_steps import metrics, open_review, pick


def test_custom_dates_and_the_open_session_survive_a_refresh_through_the_address(
    app_env: str,
) -> None:
    at = open_review(period="all")
    at.selectbox(key="review_period").set_value("custom").run()
    dates = at.date_input(key="review_dates")
    first, last = dates.value
    dates.set_value((first - timedelta(days=30), last)).run()
    before = metrics(at)
    at = select_row(at)
    title = at.header[-1].value
    address = {k: at.query_params[k] for k in at.query_params}
    assert address["period"] == "custom"
    assert address["dates"] == f"{first - timedelta(days=30)}..{last}"

    again = AppTest.from_file("../../app.py", default_timeout=30)
    again.session_state[HANDLE] = handle_for(db_url(), RIVERA)
    for key, value in address.items():
        again.query_params[key] = value
    again.run()
    assert not again.exception, again.exception
    assert again.date_input(key="review_dates").value == (first - timedelta(days=30), last)
    assert metrics(again) == before
    assert again.header[-1].value == title

    bad = AppTest.from_file("../../app.py", default_timeout=30)
    bad.session_state[HANDLE] = handle_for(db_url(), RIVERA)
    for key, value in {**address, "dates": "2026-13-01..nonsense", "session": "x'--"}.items():
        bad.query_params[key] = value
    bad.run()
    assert not bad.exception, bad.exception  # ignored: the picker's own default, no session
    assert "Select a session in the table" in shown(bad)


def test_the_filters_survive_a_refresh_through_the_address(app_env: str) -> None:
    """A refresh is a new browser session: every filter went back to its default. The
    address carries them (defaults left out), and a value no filter offers is ignored."""
    at = pick(open_review(), "review_learner", "Maya Torres")
    at.radio(key="review_reviewed").set_value("Not reviewed").run()
    at.slider(key="review_scores").set_value((3, 9)).run()
    address = {k: at.query_params[k] for k in at.query_params}
    assert address["period"] == "all" and address["reviewed"] == "Not reviewed"
    assert address["scores"] == "3-9" and "coach" not in address
    before = metrics(at)

    again = AppTest.from_file("../../app.py", default_timeout=30)
    again.session_state[HANDLE] = handle_for(db_url(), RIVERA)
    for key, value in {**address, "team": "No such team", "coach": "<b>x</b>"}.items():
        again.query_params[key] = value
    again.run()
    assert not again.exception, again.exception
    box = again.selectbox(key="review_learner")
    assert box.format_func(box.value) == "Maya Torres"
    assert again.radio(key="review_reviewed").value == "Not reviewed"
    assert again.slider(key="review_scores").value == (3, 9)
    assert again.selectbox(key="review_team").value == ""  # not a team: ignored
    assert metrics(again) == before


def test_back_and_forward_move_between_the_filters_the_address_held(app_env: str) -> None:
    """A browser's Back reran the page with the earlier address, and the filters, kept in
    the session, wrote their own address over it: Back did nothing. A page switch, which
    comes with no address, still keeps them."""
    at = pick(open_review(), "review_learner", "Maya Torres")
    maya = {k: at.query_params[k] for k in at.query_params}
    maya_metrics = metrics(at)
    at.radio(key="review_reviewed").set_value("Not reviewed").run()
    later = {k: at.query_params[k] for k in at.query_params}
    assert later == {**maya, "reviewed": "Not reviewed"}

    for key in list(at.query_params):  # Back: the browser's address is the earlier one
        del at.query_params[key]
    for key, value in maya.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    assert at.radio(key="review_reviewed").value == "All"
    box = at.selectbox(key="review_learner")
    assert box.format_func(box.value) == "Maya Torres"
    assert metrics(at) == maya_metrics
    assert {k: at.query_params[k] for k in at.query_params} == maya

    for key, value in later.items():  # Forward
        at.query_params[key] = value
    at.run()
    assert at.radio(key="review_reviewed").value == "Not reviewed"

    at.switch_page("app_pages/learners.py").run()
    at.switch_page("app_pages/review.py").run()
    assert at.radio(key="review_reviewed").value == "Not reviewed"
    assert (
        at.selectbox(key="review_learner").format_func(at.selectbox(key="review_learner").value)
        == "Maya Torres"
    )
