"""The Demo page as the product team uses it, against the real embedded database: the demo
clock moves every page's "now" (a countdown shortens, the 21-day check-in comes due, every
page wears the demo-time badge); "Run the sidecar now" after +3 days puts one consolidated
deadline email per due demo student in the Outbox and a second run the same demo day sends
nothing; Reset puts the seeded rows back exactly. Students and coaches never get the page,
and without demo mode nobody does. A guided-tour link signs in as its person."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psycopg
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from app_pages.context import HANDLE
from coach import clock, demo_tour
from db.settings import get_settings
from tests.app.conftest import (
    ALEX,
    MAYA,
    RIVERA,
    db_url,
    handle_for,
    sent_back_from,
    shown,
    signed_in_app,
)

JORDAN = "0d1f5a2e-0000-4000-8000-000000000002"
DEMO = "app_pages/demo.py"
GAME_PLAN = "app_pages/game_plan.py"
# A weekday afternoon in UTC (the demo students' time zone): the emails are outside quiet
# hours now and three days on.
AFTERNOON = datetime(2027, 3, 9, 14, 0, tzinfo=UTC)


@pytest.fixture
def demo_env(request: pytest.FixtureRequest, pin_clock: Any) -> Iterator[str]:
    """The app at AFTERNOON, with the demo seeded at that time (its relative dates line up)."""
    pin_clock(AFTERNOON)
    yield request.getfixturevalue("app_env")


def open_page(path: str, user: str) -> AppTest:
    at = signed_in_app(user)
    if path != "app_pages/home.py":
        at.switch_page(path).run()
    assert not at.exception, at.exception
    return at


def badges(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown if "Demo time:" in m.value]


def click(at: AppTest, key: str) -> AppTest:
    at.button(key=key).click().run()
    assert not at.exception, at.exception
    return at


def emails(url: str) -> list[dict[str, Any]]:
    with psycopg.connect(url) as conn:
        conn.row_factory = psycopg.rows.dict_row
        return conn.execute(
            """select n.user_id::text as user_id, n.notification_type, n.body
                 from public.notification_log n
                where n.channel = 'email' and n.state = 'sent' order by n.user_id"""
        ).fetchall()


def due_students(url: str) -> dict[str, list[str]]:
    """Each student with a tracked, unsubmitted application due within 72 hours of the
    app clock's now: who must get a deadline email, and what it must list."""
    with psycopg.connect(url) as conn:
        rows = conn.execute(
            """select a.user_id::text, s.title from public.applications a
                 join public.scholarships s on s.id = a.scholarship_id
                where a.status = 'draft' and s.deadline > public.app_now()
                  and s.deadline <= public.app_now() + interval '72 hours'
                order by 1, 2"""
        ).fetchall()
    due: dict[str, list[str]] = {}
    for user_id, title in rows:
        due.setdefault(user_id, []).append(title)
    return due


def test_the_demo_page_as_the_admin_sees_it(demo_env: str) -> None:
    at = open_page(DEMO, ALEX)
    assert [t.value for t in at.title] == ["Demo"]
    assert [s.value for s in at.header] == [
        "Demo clock",
        "Run the sidecar now",
        "Reset demo data",
        "Guided tour",
    ]
    assert "Tue Mar 9, 2027, 14:00 UTC" in shown(at)
    # pinned, the clock stands apart from real time, as a moved demo clock does
    assert badges(at)[0].startswith(
        ":orange-badge[:material/schedule: Demo time: Tue Mar 9, 14:00 UTC (+"
    )
    links = [(b.proto.label, b.proto.url) for b in at.get("link_button")]
    assert links == [
        (f"Open as {step.person_name}", demo_tour.step_link(n))
        for n, step in enumerate(demo_tour.STEPS, start=1)
    ]


@pytest.mark.parametrize("user", [MAYA, RIVERA])
def test_students_and_coaches_have_no_demo_page(demo_env: str, user: str) -> None:
    sent_back_from(signed_in_app(user), DEMO)


@pytest.mark.parametrize("user", [MAYA, RIVERA])
def test_the_page_itself_refuses_a_student_or_coach(demo_env: str, user: str) -> None:
    page = Path(__file__).resolve().parents[2] / DEMO
    script = f"""
import runpy
from app_pages.context import AppContext, get_database, restore_identity, set_context
database = get_database()
set_context(AppContext(database=database, identity=restore_identity(database)))
runpy.run_path({str(page)!r})
"""
    at = AppTest.from_string(script, default_timeout=30)
    at.session_state[HANDLE] = handle_for(db_url(), user)
    at.run()
    assert not at.exception, at.exception
    assert [e.value for e in at.error] == [
        "This page is not part of your account. Pick a page in the sidebar."
    ]
    assert not at.button


def test_without_demo_mode_no_one_has_the_demo_page(
    demo_env: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DEMO_MODE", "false")
    get_settings.cache_clear()
    st.cache_resource.clear()
    at = AppTest.from_file("../../app.py", default_timeout=30)
    at.session_state[HANDLE] = handle_for(db_url(), ALEX)
    at.run()
    assert not at.exception, at.exception
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(DEMO)


def test_the_clock_shortens_a_countdown_and_brings_the_check_in(demo_env: str) -> None:
    jordan = open_page(GAME_PLAN, JORDAN)
    assert "Lone Star STEM Futures Award" in shown(jordan)
    assert "(5 days left)" in shown(jordan)
    assert "Have you heard back?" not in shown(jordan)  # Regeneron: submitted 5 days ago

    admin = click(open_page(DEMO, ALEX), "clock_+1 day")
    assert "The demo clock moved +1 day" in shown(admin)
    assert "Wed Mar 10, 2027, 14:00 UTC" in shown(admin)
    assert "Demo time: Wed Mar 10, 14:00 UTC" in badges(admin)[0]

    jordan = open_page(GAME_PLAN, JORDAN)
    assert "(4 days left)" in shown(jordan)
    assert "Demo time: Wed Mar 10, 14:00 UTC" in badges(jordan)[0]

    click(admin, "clock_+3 weeks")
    jordan = open_page(GAME_PLAN, JORDAN)
    assert "Have you heard back?" in shown(jordan)
    assert "Regeneron Science Talent Search" in shown(jordan)

    click(admin, "clock_Back to now")
    assert not badges(admin)


def test_the_sidecar_after_three_days_sends_one_email_per_due_student(demo_env: str) -> None:
    url = db_url()
    admin = click(open_page(DEMO, ALEX), "clock_+3 days")
    due = due_students(url)
    assert set(due) == {MAYA, JORDAN}  # the demo's own deadlines, on any calendar day
    before = emails(url)
    with psycopg.connect(url, autocommit=True) as conn:  # a table cell shows it as typed
        conn.execute(
            "update profiles set full_name = 'Jordan O''Neil-Lee Jr.' where id = %s", (JORDAN,)
        )

    click(admin, "run_sidecar")
    sent = [e for e in emails(url) if e not in before]
    assert sorted(e["user_id"] for e in sent) == sorted(due)  # one each
    for email in sent:
        assert email["notification_type"] in ("deadline_72h", "deadline_24h")
        for title in due[email["user_id"]]:
            assert title in email["body"]
    table = admin.dataframe[0].value
    assert sorted(table[table["Went to"] == "the Outbox"]["Student"]) == [
        "Jordan O'Neil-Lee Jr.",  # "Jordan O\\'Neil\\-Lee Jr\\." until 2026-12-02
        "Maya Torres",
    ]
    counted = sum(int(m.value) for m in admin.metric if m.label.startswith("Deadline emails"))
    assert counted == len(due)
    # a row is one email: "Deadline email (72 h)", not the metric's plural (a browser audit)
    emailed = set(table[table["Went to"] == "the Outbox"]["What"])
    assert emailed <= {"Deadline email (72 h)", "Deadline email (24 h)"} and emailed
    for email in sent:
        assert "Three days is enough" not in email["body"]  # it may be 38 hours

    click(admin, "run_sidecar")  # the same demo day: everyone had theirs
    assert len(emails(url)) == len(before) + len(sent)
    # held back by the one-a-day limit, which the caption says: not "nothing was due" (an audit)
    assert (
        "already had a reminder in the last 24 hours (one email and one dashboard reminder a "
        "day at most)." in shown(admin)
    )
    assert "Nothing was sent this time, for the reasons above." in shown(admin)
    assert "Nothing was due" not in shown(admin)
    assert all(int(m.value) == 0 for m in admin.metric)


def test_reset_from_the_page_restores_the_seeded_rows(demo_env: str) -> None:
    admin = open_page(DEMO, ALEX)
    seeded = admin.dataframe[0].value.to_dict("records")
    click(admin, "clock_+3 days")
    click(admin, "run_sidecar")  # emails and reminders: rows the seed did not have
    changed = admin.dataframe[-1].value.to_dict("records")
    assert changed != seeded

    click(admin, "reset_demo")
    click(admin, "reset_confirm")
    assert re.search(
        r"Demo data reset: the demo people and their coaching history are back as seeded "
        r"\([\d,]+ rows\), dated from now, and the clock is back to now\.",
        shown(admin),
    )
    assert admin.dataframe[0].value.to_dict("records") == seeded
    assert not badges(admin)  # the clock is back to now


def test_a_tour_link_signs_in_as_its_person(demo_env: str) -> None:
    at = AppTest.from_file("../../app.py", default_timeout=30)
    at.session_state[HANDLE] = handle_for(db_url(), ALEX)
    at.query_params[demo_tour.AS_PARAM] = "jordan"
    at.query_params[demo_tour.TOUR_PARAM] = "5"
    at.run()
    assert not at.exception, at.exception
    sidebar = "\n".join(m.value for m in at.sidebar.markdown)
    assert "**Jordan Lee**" in sidebar
    assert "Guided tour · 5 of" in sidebar
    assert "Next: Game plan: confirm Submitted (as Jordan Lee)" in sidebar
    assert demo_tour.AS_PARAM not in at.query_params


def move_back(days: int) -> None:
    """What Back to now does in a demo seeded now (here "now" is pinned): the same SQL."""
    with psycopg.connect(db_url(), autocommit=True) as conn:
        conn.execute(
            "select set_config('request.jwt.claims', '{\"role\": \"service_role\"}', false)"
        )
        conn.execute("select public.move_demo_clock(%s)", (-days * 86400,))
    clock.resync()


def test_back_to_now_says_what_is_dated_ahead_beside_a_reset(demo_env: str) -> None:
    """The sidecar's emails and reminders at +3 days are in the future once the clock is back:
    the page names them, keeps them, and its Reset clears them."""
    admin = click(open_page(DEMO, ALEX), "clock_+3 days")
    click(admin, "run_sidecar")
    sent = len(emails(db_url()))
    assert sent and not admin.warning  # at the clock's own time nothing is ahead

    move_back(3)
    admin.run()
    [notice] = [w.value for w in admin.warning]
    assert notice.startswith("**") and "rows are dated after now**, written while" in notice
    assert "Reset demo data clears them." in notice
    listed = dict(line[2:].rsplit(": ", 1) for line in notice.split("\n\n")[1].splitlines())
    assert int(listed["Emails and reminders sent"]) >= sent
    assert "Reminder allowances" not in listed  # the move set them back (no row is lost)
    assert len(emails(db_url())) == sent  # named, not deleted

    click(admin, "reset_ahead")
    click(admin, "reset_confirm")
    assert "Demo data reset" in shown(admin)
    assert not admin.warning


def test_a_double_click_moves_the_clock_once(demo_env: str) -> None:
    """A robustness audit: a double-click on +3 days moved the clock +6 days, and two demo
    deadlines went straight to Missed. The second click carries the clock its page showed."""
    admin = open_page(DEMO, ALEX)
    stale = open_page(DEMO, ALEX)  # the page as it was when both clicks were made
    click(admin, "clock_+3 days")
    assert "The demo clock moved +3 days" in shown(admin)
    moved_once = badges(admin)[0]
    click(stale, "clock_+3 days")
    assert "The clock had already moved since this page showed it" in shown(stale)
    assert "Press again to move it on." in shown(stale)
    assert badges(stale)[0] == moved_once  # not moved again
    click(stale, "clock_+3 days")  # pressed again, on the page that now shows it: it moves
    assert "The demo clock moved +3 days" in shown(stale) and badges(stale)[0] != moved_once
