"""My progress as a student uses it, against the real embedded database with the seeded
history: their own numbers and charts (never another learner's), first score to best per
coach, the scores a coach changed with the coach's reason, and their sessions with the
report card. A student with nothing yet is told where to start; coaches have no such page."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qs

from streamlit.testing.v1 import AppTest

from app_pages.context import HANDLE
from coach.report import average
from coach.text import key_phrase
from tests.app.conftest import (
    MAYA,
    RIVERA,
    charts,
    db_url,
    execute,
    handle_for,
    query,
    sent_back_from,
    shown,
    signed_in_app,
)

JORDAN = "0d1f5a2e-0000-4000-8000-000000000002"
PROGRESS = "app_pages/progress.py"


def open_progress(user: str = MAYA) -> AppTest:
    at = signed_in_app(user)
    at.switch_page(PROGRESS).run()
    assert not at.exception, at.exception
    assert [t.value for t in at.title] == ["My progress"]
    return at


def my_rounds(user: str = MAYA) -> list[dict[str, Any]]:
    return query(
        "select s.* from coaching_sessions s join learners l on s.learner_id = l.id::text "
        "where l.user_id = %s",
        user,
    )


def test_a_student_sees_their_own_progress(app_env: str) -> None:
    at = open_progress()
    mine = my_rounds()
    assert mine, "the seed gives Maya scored rounds"
    assert [m.label for m in at.metric] == ["Sessions", "Rounds", "Average score"]
    titles = [c["layout"]["title"]["text"] for c in charts(at)]
    assert titles[:3] == [
        "Your average score over time",
        "Your scores per dimension over time",
        "First score to best score, per coach",
    ]
    [trend] = [c for c in charts(at) if c["layout"]["title"]["text"].startswith("Your average")]
    assert [t["name"] for t in trend["data"]] == ["Maya Torres"]  # hers alone
    # each chart's figures in words too: an accessibility audit read them as unnamed images
    as_text = {e.label: e for e in at.expander if e.label.endswith(", as text")}
    assert set(as_text) >= {
        "Your average score over time, as text",
        "Your scores per dimension over time, as text",
    }
    [line] = [m.value for m in as_text["Your average score over time, as text"].markdown]
    assert line.startswith("- Maya Torres\\: ") and "Dec" in line  # inert: escaped markdown
    others = query(  # other students' names (a coach's name shows beside an override)
        "select l.name from learners l left join profiles p on p.id = l.user_id "
        "where l.user_id is distinct from %s and coalesce(p.role::text, 'student') = 'student'",
        MAYA,
    )
    assert len(others) >= 5
    everything = shown(at) + json.dumps(charts(at))
    for other in others:
        assert other["name"] not in everything, other["name"]
    [frame] = at.dataframe
    sessions = {r["session_id"] for r in mine}
    assert len(frame.value) == len(sessions)
    assert "Communication Skills Coach**: " in "\n".join(m.value for m in at.markdown)


def test_the_newest_session_is_open_with_its_transcript(app_env: str) -> None:
    at = open_progress()
    newest = max(my_rounds(), key=lambda r: r["created_at"])["session_id"]
    rounds = [r for r in my_rounds() if r["session_id"] == newest]
    assessments = [e for e in at.expander if e.label.startswith("Assessment")]
    assert len(assessments) == len(rounds)
    [link] = [p for p in at.page_link if p.proto.label == "Open in Chat"]
    assert parse_qs(link.proto.query_string) == {"session": [newest]}


def test_a_coachs_override_shows_with_the_reason(app_env: str) -> None:
    [round_] = [r for r in my_rounds() if r["score"] is not None][:1]
    execute(
        "insert into coaching_score_overrides (round_id, score, reason, coach_id, coach_name) "
        "values (%s, 10, %s, %s, 'Dr. Sam Rivera')",
        round_["id"],
        "You named the deadline and the next step <b>clearly</b>.",
        RIVERA,
    )
    at = open_progress()
    text = shown(at)
    assert "Scores your coach changed" in text
    assert f"AI {round_['score']}/10 → **coach 10/10**" in text
    assert "Why: You named the deadline and the next step <b>clearly</b>." in text
    assert "By Dr. Sam Rivera" in text
    assert not any("<b>clearly</b>" in m.value for m in at.markdown)  # inert, not bold


def test_without_an_override_the_page_says_so(app_env: str) -> None:
    execute("delete from coaching_score_overrides")
    at = open_progress()
    assert "No coach has changed a score of yours" in shown(at)


def test_a_student_with_no_sessions_is_told_where_to_start(app_env: str) -> None:
    execute(
        "delete from coaching_threads where learner_id in "
        "(select id::text from learners where user_id = %s)",
        JORDAN,
    )
    execute(
        "delete from coaching_sessions where learner_id in "
        "(select id::text from learners where user_id = %s)",
        JORDAN,
    )
    at = open_progress(JORDAN)
    assert [i.value for i in at.info] == ["No sessions yet — start one on the Chat page."]
    assert not at.metric and not at.dataframe


def test_my_progress_is_not_in_a_coachs_navigation(app_env: str) -> None:
    at = AppTest.from_file("../../app.py", default_timeout=30)
    at.session_state[HANDLE] = handle_for(db_url(), RIVERA)
    at.run()
    sent_back_from(at, PROGRESS)


def test_the_dimension_chart_shows_one_coach_at_a_time_the_latest_first(app_env: str) -> None:
    """A browser audit: with every coach's dimensions on one chart, 20 lines squeezed it into
    a scrolling legend and a pile of dots on the newest day."""
    at = open_progress()
    coaches = [
        r["domain_id"]
        for r in sorted(my_rounds(), key=lambda r: r["created_at"], reverse=True)
        if r["dimension_scores"]
    ]
    picker = at.selectbox(key="progress_coach")
    assert picker.options and picker.value == coaches[0]  # the coach last talked with
    assert len(set(coaches)) > 1 and len(picker.options) == len(set(coaches))
    for domain_id in dict.fromkeys(coaches):
        at.selectbox(key="progress_coach").set_value(domain_id).run()
        [chart] = [c for c in charts(at) if c["layout"]["title"]["text"].startswith("Your scores")]
        assert {t["legendgroup"] for t in chart["data"]} == {domain_id}


def test_a_report_card_written_before_a_coachs_override_says_the_average_now(
    app_env: str,
) -> None:
    """An audit: "AI 6/10 → coach 4/10" sat above "Report card · 6.0/10" for the session."""
    newest = max(my_rounds(), key=lambda r: r["created_at"])["session_id"]
    scored = [r for r in my_rounds() if r["session_id"] == newest and r["score"] is not None]
    assert scored, "the seed gives Maya's newest session scored rounds"
    execute(
        "delete from coaching_score_overrides where round_id = any(%s)", [r["id"] for r in scored]
    )
    written = average([r["score"] for r in scored])
    execute(
        "insert into coaching_session_reports (session_id, user_id, domain_id, rounds_scored, "
        "overall_average, strengths, next_steps, summary, written_by) values "
        "(%s, %s, %s, %s, %s, array['Clear.'], array['Name a date.'], 'Fine.', 'test') "
        "on conflict (session_id) do update set overall_average = excluded.overall_average, "
        "rounds_scored = excluded.rounds_scored",
        newest,
        MAYA,
        scored[0]["domain_id"],
        len(scored),
        written,
    )
    [card] = [e for e in open_progress().expander if e.label.startswith("Report card")]
    assert card.label == f"Report card · {written}/10"

    changed = 1 if scored[0]["score"] != 1 else 10
    execute(
        "insert into coaching_score_overrides (round_id, score, reason, coach_id, coach_name) "
        "values (%s, %s, 'Re-read it.', %s, 'Dr. Sam Rivera')",
        scored[0]["id"],
        changed,
        RIVERA,
    )
    now = average([changed] + [r["score"] for r in scored[1:]])
    at = open_progress()
    [card] = [e for e in at.expander if e.label.startswith("Report card")]
    assert card.label == f"Report card · {written}/10 · {now}/10 now, with a coach's score"
    assert f"Written before a coach changed a score: the session's average is now {now}/10" in (
        shown(at)
    )


def test_a_card_line_quoting_a_round_a_coach_scored_lower_is_left_out(app_env: str) -> None:
    """A coach-review audit: the card still praised the answer the coach had just scored 2/10
    as the learner's best."""
    newest = max(my_rounds(), key=lambda r: r["created_at"])["session_id"]
    scored = [r for r in my_rounds() if r["session_id"] == newest and r["score"] is not None]
    best = max(scored, key=lambda r: r["score"])
    assert best["score"] > 1, "the seed gives Maya's newest session a round to lower"
    quote = key_phrase(best["learner_message"], 10, statements=True)
    execute(
        "delete from coaching_score_overrides where round_id = any(%s)", [r["id"] for r in scored]
    )
    execute(
        "insert into coaching_session_reports (session_id, user_id, domain_id, rounds_scored, "
        "overall_average, strengths, next_steps, summary, written_by) values (%s, %s, %s, %s, "
        "%s, array[%s], array['Name a date.'], 'Fine.', 'test') on conflict (session_id) do "
        "update set strengths = excluded.strengths, rounds_scored = excluded.rounds_scored, "
        "overall_average = excluded.overall_average",
        newest,
        MAYA,
        best["domain_id"],
        len(scored),
        average([r["score"] for r in scored]),
        f"At your best, empathy: 9/10 when you said “{quote}”.",
    )
    assert f"you said “{quote}”" in shown(open_progress())
    execute(
        "insert into coaching_score_overrides (round_id, score, reason, coach_id, coach_name) "
        "values (%s, 1, 'Not a good answer.', %s, 'Dr. Sam Rivera')",
        best["id"],
        RIVERA,
    )
    said = shown(open_progress())
    assert f"you said “{quote}”" not in said
    assert f"Left out: this line quoted round {best['round_number']}, which a coach has since " in (
        said
    )
