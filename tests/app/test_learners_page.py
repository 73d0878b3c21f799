"""The Learners page as a coach uses it, against the real embedded database with the seeded
review history: every seeded learner in the table, the ones needing attention first; a
selected learner's numbers, trend, first-to-best and sessions; Open in Review lands on Review
with that learner filtered. A student finds no Learners page and the page refuses them; names
that look like markdown, HTML or links stay text."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from app_pages.context import HANDLE, Role
from coach.analytics import LEARNER_COLUMNS
from db.seed import load_review_history
from tests.app.conftest import (
    ALEX,
    MAYA,
    REFUSED,
    RIVERA,
    charts,
    db_url,
    execute,
    handle_for,
    plain,
    query,
    select_row,
    sent_back_from,
    shown,
    signed_in_app,
    table,
)

LEARNERS = "app_pages/learners.py"
HOSTILE = "Eve <img src=https://evil.test/p.png> [win](https://evil.test/x) **bold**"
EMPTY = "No learner has a scored session yet — they appear here after their first chat round."


def open_learners(user: str = RIVERA, period: str | None = "all") -> AppTest:
    """A coach's browser session, on Learners from the sidebar."""
    at = signed_in_app(user)
    assert not at.exception, at.exception
    at.switch_page(LEARNERS).run()
    assert not at.exception, at.exception
    assert [t.value for t in at.title] == ["Learners"]
    if period is not None:
        at.selectbox(key="learners_period").set_value(period).run()
        assert not at.exception, at.exception
    return at


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


# what a coach sees ----------------------------------------------------------------------------
def test_a_coach_sees_every_seeded_learner_needing_attention_first(app_env: str) -> None:
    at = open_learners()
    frame = table(at)
    assert list(frame.columns) == list(LEARNER_COLUMNS)
    with_rounds = query(
        "select l.name from learners l where exists "
        "(select 1 from coaching_sessions s where s.learner_id = l.id::text)"
    )
    assert sorted(frame["Learner"]) == sorted(r["name"] for r in with_rounds)
    assert set(frame["Learner"]) >= {learner.name for learner in load_review_history().learners}
    waiting = list(frame["Not reviewed"])
    assert waiting == sorted(waiting, reverse=True)  # the most sessions waiting first
    for count in set(waiting):  # then the steepest fall, learners without a change last
        changes = list(frame.loc[frame["Not reviewed"] == count, "Change"])
        numbers = [c for c in changes if pd.notna(c)]
        assert numbers == sorted(numbers)
        assert changes[: len(numbers)] == numbers
    assert "Who needs attention first" in shown(at)
    assert "Select a learner in the table" in shown(at)


def test_an_admin_has_the_page_too(app_env: str) -> None:
    at = open_learners(ALEX)
    assert len(table(at)) >= 8


def test_the_filters_narrow_the_learners(app_env: str) -> None:
    at = open_learners()
    everyone = set(table(at)["Learner"])
    team = at.selectbox(key="learners_team")
    team.select_index(team.options.index("Platform")).run()
    platform = set(table(at)["Learner"])
    assert platform and platform < everyone
    assert set(table(at)["Team"]) == {"Platform"}

    at.selectbox(key="learners_period").set_value("custom").run()
    dates = at.date_input(key="learners_dates")
    dates.set_value((dates.min, dates.min)).run()  # ten years ago: before any session
    assert not at.exception, at.exception
    assert not at.dataframe
    assert "No learner has rounds in these filters. Widen the period" in shown(at)


def test_with_no_rounds_at_all_the_page_says_what_happens_next(app_env: str) -> None:
    execute("delete from coaching_sessions")
    at = open_learners(period=None)
    assert [i.value for i in at.info] == [EMPTY]
    assert not at.dataframe


# a learner ------------------------------------------------------------------------------------
def test_a_selected_learner_shows_their_numbers_trend_gains_and_sessions(app_env: str) -> None:
    at = select_row(open_learners(), row=0)
    frame = table(at)
    name = frame["Learner"][0]
    assert plain(at.header[-1].value) == name
    [stored] = query(
        "select count(distinct s.session_id) as sessions, count(*) as rounds "
        "from coaching_sessions s join learners l on s.learner_id = l.id::text where l.name = %s",
        name,
    )
    numbers = metrics(at)
    assert numbers["Sessions"] == str(stored["sessions"]) == str(frame["Sessions"][0])
    assert numbers["Rounds"] == str(stored["rounds"])
    assert numbers["Average score"] == f"{Decimal(str(frame['Average'][0])):.1f}/10"
    change = frame["Change"][0]
    assert numbers["Change"] == ("—" if pd.isna(change) else f"{change:+.1f}")
    titles = [c["layout"]["title"]["text"] for c in charts(at)]
    assert titles == ["Scores per dimension over time", "First score to best score, per coach"]
    assert all(c["data"] for c in charts(at))
    learners_table, sessions = at.dataframe  # the learners, then theirs
    assert list(sessions.value.columns) == ["Coach", "Started", "Rounds", "Average", "Reviewed"]
    assert 0 < len(sessions.value) <= min(10, stored["sessions"])
    assert at.button(key="learners_open_review").label == "Open in Review"


def test_open_in_review_lands_on_review_with_that_learner_filtered(app_env: str) -> None:
    at = select_row(open_learners(), row=2)
    name = table(at)["Learner"][2]
    at.button(key="learners_open_review").click().run()
    assert not at.exception, at.exception
    assert [t.value for t in at.title] == ["Review"]
    [learner] = query("select id::text from learners where name = %s", name)
    assert at.selectbox(key="review_learner").value == learner["id"]
    assert at.selectbox(key="review_period").value == "all"  # the period it came from
    [review_table] = at.dataframe
    assert set(review_table.value["Learner"]) == {name}
    [stored] = query(
        "select count(distinct session_id) as n from coaching_sessions where learner_id = %s",
        learner["id"],
    )
    assert len(review_table.value) == stored["n"]

    # and the filter is Review's own again: a coach can widen it
    box = at.selectbox(key="review_learner")
    box.select_index(0).run()
    assert len(set(at.dataframe[0].value["Learner"])) > 1


# who may open it ------------------------------------------------------------------------------
def test_learners_is_not_in_a_students_navigation(app_env: str) -> None:
    at = AppTest.from_file("../../app.py", default_timeout=30)
    at.session_state[HANDLE] = handle_for(db_url(), MAYA)
    at.run()
    sent_back_from(at, LEARNERS)


def test_the_page_itself_refuses_a_student(app_env: str) -> None:
    page = Path(__file__).resolve().parents[2] / LEARNERS
    script = f"""
import runpy
from app_pages.context import AppContext, get_database, restore_identity, set_context
database = get_database()
set_context(AppContext(database=database, identity=restore_identity(database)))
runpy.run_path({str(page)!r})
"""
    at = AppTest.from_string(script, default_timeout=30)
    at.session_state[HANDLE] = handle_for(db_url(), MAYA)
    at.run()
    assert not at.exception, at.exception
    assert [e.value for e in at.error] == [REFUSED]
    assert not at.title and not at.metric and not at.dataframe and not at.selectbox


# inert ----------------------------------------------------------------------------------------
def test_names_and_teams_that_look_like_markup_stay_text(app_env: str) -> None:
    [learner] = query(
        "select l.id::text as id from learners l where l.user_id is null and exists "
        "(select 1 from coaching_sessions s where s.learner_id = l.id::text) limit 1"
    )
    execute(
        "update learners set name = %s, team = %s where id = %s",
        HOSTILE,
        "[Team](https://evil.test/t)",
        learner["id"],
    )
    at = open_learners()
    row = list(table(at)["Learner"]).index(HOSTILE)  # a table cell is plain text
    select_row(at, row)
    heading = at.header[-1].value
    assert "<img" not in heading.replace("\\<", "") and "](" not in heading
    assert "**" not in heading.replace("\\*", "")
    assert plain(heading) == HOSTILE
    team = [c.value for c in at.caption if "last round" in c.value][0]
    assert "](" not in team and plain(team).startswith("[Team](https://evil.test/t) · ")


def test_each_roles_sidebar_lists_learners_after_review_for_staff_only() -> None:
    from app import pages_for

    def titles(role: Role) -> list[str]:
        return [p.title for p in pages_for(role)]

    assert titles("coach") == ["Review", "Learners", "Home", "Chat"]
    assert titles("admin")[:4] == ["Review", "Learners", "Home", "Chat"]
    assert "Outbox" in titles("admin")  # and the admin's own pages after
    assert "Learners" not in titles("student")
