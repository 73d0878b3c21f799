"""The Review page as a coach uses it, against the real embedded database with the seeded
review history: KPIs, charts and the sessions table follow the filters; a selected session
reads round by round with the AI's score and the coach's; an override is stored with its
author and reason and shown; a session is marked reviewed. The CSV: test_review_csv.py; who
may open it: test_review_access.py."""

from __future__ import annotations

import json
import re

import psycopg
from streamlit.testing.v1 import AppTest

from coach.crisis import CRISIS_REASON
from tests.app.conftest import (
    ALEX,
    RIVERA,
    charts,
    db_url,
    execute,
    plain,
    query,
    select_row,
    shown,
    signed_in_app,
    table,
)
from tests.app.review_steps import (
    deltas,
    first_round_of_selected,
    learner_options,
    metrics,
    open_review,
    pick,
)

REVIEW = "app_pages/review.py"
HOSTILE = "Eve <img src=https://evil.test/p.png> [win](https://evil.test/x)"


# what a coach sees ----------------------------------------------------------------------------
def test_the_filters_survive_a_look_at_another_page(app_env: str) -> None:
    """Streamlit forgets an undrawn widget's value: one click on Learners and back put Review
    on all learners and its last 30 days again."""
    at = pick(open_review(), "review_learner", "Maya Torres")
    sessions = metrics(at)["Sessions"]
    at.switch_page("app_pages/learners.py").run()
    at.switch_page(REVIEW).run()
    assert not at.exception, at.exception
    box = at.selectbox(key="review_learner")
    assert box.format_func(box.value) == "Maya Torres"
    assert at.selectbox(key="review_period").value == "all"
    assert metrics(at)["Sessions"] == sessions


def test_the_open_session_and_a_half_written_override_survive_a_look_at_another_page(
    app_env: str,
) -> None:
    """An audit: the session closed on a switch to Learners, and the reason and note, typed
    inside forms, had never left the browser."""
    at = select_row(open_review())
    title = at.header[-1].value
    round_id = first_round_of_selected(at)
    [submit] = [b for b in at.button if b.key and b.key.startswith("review_submit_")]
    session_id = submit.key.removeprefix("review_submit_")
    at.number_input(key=f"override_score_{round_id}").set_value(3)
    at.text_area(key=f"override_reason_{round_id}").input("It missed the").run()
    at.text_input(key=f"review_note_{session_id}").input("Check the last").run()
    assert at.query_params["session"] == session_id  # a refresh reopens it too

    at.switch_page("app_pages/learners.py").run()
    at.switch_page(REVIEW).run()
    assert not at.exception, at.exception
    assert at.header[-1].value == title  # the same session, still open
    assert at.text_area(key=f"override_reason_{round_id}").value == "It missed the"
    assert at.number_input(key=f"override_score_{round_id}").value == 3
    assert at.text_input(key=f"review_note_{session_id}").value == "Check the last"


def test_homes_sessions_to_review_open_as_the_same_sessions_on_review(app_env: str) -> None:
    """Home counted every unreviewed session while Review opened on its last 30 days: the
    card's button presets Review to what the card counted."""
    at = signed_in_app(RIVERA)
    at.switch_page("app_pages/home.py").run()
    assert not at.exception, at.exception
    [count] = [
        int(m.group(1))
        for t in at.markdown
        if (m := re.fullmatch(r"(\d+) sessions? not reviewed yet\.", t.value))
    ]
    [waiting] = query(
        "select count(distinct s.session_id) as n from coaching_sessions s left join "
        "coaching_session_reviews r using (session_id) "
        "where r.reviewed_at is null or r.reviewed_at < s.created_at"  # rounds since a review
    )
    assert count == waiting["n"] and count > 0
    at.button(key="open_review_queue").click().run()
    assert not at.exception, at.exception
    assert [t.value for t in at.title] == ["Review"]
    assert metrics(at)["Sessions"] == str(count)
    assert at.selectbox(key="review_period").value == "all"


def test_a_coach_lands_on_review_with_kpis_charts_and_sessions(app_env: str) -> None:
    at = open_review()
    assert list(metrics(at)) == [
        "Sessions",
        "Rounds",
        "Average score",
        "Average response time",
        "Sessions reviewed",
    ]
    stored = query("select count(distinct session_id) as n, count(*) as r from coaching_sessions")
    assert metrics(at)["Sessions"] == str(stored[0]["n"])
    assert metrics(at)["Rounds"] == str(stored[0]["r"])
    # what each number counts, said where it is read (an audit could not reconcile them)
    helps = {m.label: m.help for m in at.metric}
    assert "scored or not" in helps["Rounds"] and "scored rounds only" in helps["Average score"]
    assert any("Per-dimension averages are the AI's" in c.value for c in at.caption)
    titles = [c["layout"]["title"]["text"] for c in charts(at)]
    assert titles[:4] == [
        "Score distribution",
        titles[1],  # "Average score per learner over time", maybe "(12 most active of …)"
        "Average per evaluation dimension, by coach",
        "Coach response time",
    ]
    assert titles[1].startswith("Average score per learner over time")
    assert all(c["data"] for c in charts(at)[:4]), "every chart says something"
    frame = table(at)
    assert list(frame.columns) == [  # what a coach triages by first, as a phone shows it
        "Learner",
        "Average",
        "Reviewed",
        "Coach",
        "Started",
        "Rounds",
        "Overrides",
        "Team",
    ]
    assert len(frame) == stored[0]["n"]
    assert len(set(frame["Learner"])) >= 5  # the seeded history: several learners
    assert at.download_button(key="review_export").label == "Export CSV"
    assert "Select a session in the table" in shown(at)


def test_a_coach_signing_in_at_the_apps_root_lands_on_review(app_env: str) -> None:
    at = AppTest.from_file("../../app.py", default_timeout=30).run()
    at.radio(key="demo_choice").set_value("Dr. Sam Rivera (coach)").run()
    at.button(key="demo_continue").click().run()
    assert not at.exception, at.exception
    assert [t.value for t in at.title] == ["Review"]


def test_a_coach_following_a_link_to_chat_stays_there(app_env: str) -> None:
    at = AppTest.from_file("../../app.py", default_timeout=30).run()
    at.switch_page("app_pages/chat.py").run()
    at.radio(key="demo_choice").set_value("Dr. Sam Rivera (coach)").run()
    at.button(key="demo_continue").click().run()
    assert not at.exception, at.exception
    assert [t.value for t in at.title] == ["Chat"]


def test_an_admin_lands_on_review_too_and_keeps_the_outbox(app_env: str) -> None:
    at = open_review(ALEX)
    at.switch_page("app_pages/outbox.py").run()
    assert not at.exception and [t.value for t in at.title] == ["Outbox"]


def test_a_period_is_compared_with_the_one_before(app_env: str) -> None:
    at = open_review(period="30d")
    changes = deltas(at).values()
    assert all(
        re.fullmatch(r"[+-][\d.]+( pts)?|[+-][\d.]+ s \((slower|faster)\)|No change", d)
        for d in changes
    ), changes
    assert "compares this period with the one of the same length before it" in shown(at)
    at.selectbox(key="review_period").set_value("all").run()
    assert not any(deltas(at).values())  # all time: nothing to compare with
    assert "compares this period" not in shown(at)


# filters --------------------------------------------------------------------------------------
def test_a_learner_filter_changes_the_kpis_and_the_table(app_env: str) -> None:
    at = open_review()
    everyone = metrics(at)
    learner = learner_options(at)[0]
    pick(at, "review_learner", learner)
    theirs = metrics(at)
    assert int(theirs["Sessions"]) < int(everyone["Sessions"])
    assert int(theirs["Rounds"]) < int(everyone["Rounds"])
    assert set(table(at)["Learner"]) == {learner}
    assert len(table(at)) == int(theirs["Sessions"])


def test_score_and_reviewed_filters_narrow_the_table(app_env: str) -> None:
    at = open_review()
    everyone = len(table(at))
    at.slider(key="review_scores").set_value((8, 10)).run()
    high = table(at)
    assert 0 < len(high) < everyone
    assert high["Average"].min() >= 8
    assert float(metrics(at)["Average score"].removesuffix("/10")) >= 8

    at.slider(key="review_scores").set_value((1, 10)).run()
    at.radio(key="review_reviewed").set_value("Reviewed").run()
    reviewed = table(at)
    assert 0 < len(reviewed) < everyone and reviewed["Reviewed"].all()
    at.radio(key="review_reviewed").set_value("Not reviewed").run()
    assert not table(at)["Reviewed"].any()
    # a review covers the rounds before it: a session with rounds since is on both lists,
    # its reviewed rounds on one and its new rounds on the other
    [both] = query(
        "select count(distinct s.session_id) as n from coaching_sessions s join "
        "coaching_session_reviews r using (session_id) where r.reviewed_at < s.created_at"
    )
    assert len(table(at)) + len(reviewed) == everyone + both["n"]


def test_filters_that_match_nothing_say_what_to_do(app_env: str) -> None:
    at = open_review()
    at.selectbox(key="review_period").set_value("custom").run()
    dates = at.date_input(key="review_dates")
    dates.set_value((dates.min, dates.min)).run()  # ten years ago: before any session
    assert not at.exception, at.exception
    assert metrics(at)["Sessions"] == "0"
    assert "No sessions match these filters. Widen the period or clear a filter" in shown(at)
    assert not at.dataframe and not at.get("plotly_chart")


# a session ----------------------------------------------------------------------------------
def test_a_selected_session_reads_round_by_round_with_its_scores(app_env: str) -> None:
    at = select_row(open_review())
    learner = table(at)["Learner"][0]
    assert plain(at.header[-1].value).startswith(f"{learner} · ")
    assessments = [e.label for e in at.expander if e.label.startswith("Assessment")]
    assert assessments
    # the coach's opening, then each round: the learner's words, the reply
    assert len(at.chat_message) == 1 + 2 * len(assessments)
    assert "Override round 1's score" in [e.label for e in at.expander]


def test_a_session_with_rounds_since_its_review_says_how_many(app_env: str) -> None:
    """The learner kept talking after the review (the seeded history has such a session): it
    is back on the coach's list, and opening it says what is new rather than "Reviewed"."""
    [since] = query(
        "select l.name as learner, d.name as coach, count(*) as new "
        "from coaching_session_reviews r join coaching_sessions s using (session_id) "
        "join learners l on l.id::text = s.learner_id "
        "join coaching_domains d on d.id = s.domain_id "
        "where s.created_at > r.reviewed_at group by r.session_id, l.name, d.name"
    )
    at = open_review()
    at.radio(key="review_reviewed").set_value("Not reviewed").run()
    frame = table(at)
    rows = [
        i
        for i in range(len(frame))
        if (frame["Learner"][i], frame["Coach"][i]) == (since["learner"], since["coach"])
    ]
    badges, captions = [], []
    for i in rows:
        select_row(at, i)
        found = [m.value for m in at.markdown if "since] the review" in m.value]
        badges += found
        captions += [c.value for c in at.caption] if found else []
    # the line above the badge agrees with it (it said "not reviewed yet" until 2026-12-02)
    assert any(c.endswith("· new rounds since its review") for c in captions), captions
    assert not any("not reviewed yet" in c for c in captions)
    word = "round" if since["new"] == 1 else "rounds"
    assert len(badges) == 1 and badges[0].startswith(
        f":orange-badge[{since['new']} new {word} since] the review by "
    )
    # and each new round is marked where it is read (a coach-review audit found none)
    marked = [c for c in captions if c.endswith("· :orange-badge[New since the review]")]
    assert len(marked) == since["new"], captions
    assert all(re.match(r"Round \d+ · ", c) for c in marked)


def test_a_score_filter_hiding_the_new_round_does_not_call_the_session_reviewed(
    app_env: str,
) -> None:
    """A coach-review audit: under a score filter the header read "(2 in these filters) ·
    reviewed" above "1 new round since the review"."""
    [since] = query(
        "select r.session_id, l.name as learner from coaching_session_reviews r "
        "join coaching_sessions s using (session_id) "
        "join learners l on l.id::text = s.learner_id "
        "where s.created_at > r.reviewed_at limit 1"
    )
    execute(  # the rounds the review saw score 3, the new ones 10: a 1-4 filter hides these
        "update coaching_sessions s set score = case when s.created_at > r.reviewed_at "
        "then 10 else 3 end from coaching_session_reviews r "
        "where r.session_id = s.session_id and s.session_id = %s and s.score is not null",
        since["session_id"],
    )
    at = open_review()
    at.slider(key="review_scores").set_value((1, 4)).run()
    frame = table(at)
    for i in range(len(frame)):
        if frame["Learner"][i] != since["learner"]:
            continue
        select_row(at, i)
        if any("since] the review" in m.value for m in at.markdown):
            break
    header = [c.value for c in at.caption if c.value.startswith("Started ")]
    assert header and header[0].endswith("· new rounds since its review"), header


def test_marking_a_session_reviewed_stores_it_and_it_leaves_the_not_reviewed_list(
    app_env: str,
) -> None:
    at = open_review()
    at.radio(key="review_reviewed").set_value("Not reviewed").run()
    waiting = len(table(at))
    select_row(at)
    [submit] = [b for b in at.button if b.key and b.key.startswith("review_submit_")]
    session_id = submit.key.removeprefix("review_submit_")
    at.text_input(key=f"review_note_{session_id}").input("Good empathy; check de-escalation.")
    submit.click().run()
    assert not at.exception, at.exception
    [row] = query(
        "select reviewed_by::text, reviewer_name, note from coaching_session_reviews "
        "where session_id = %s",
        session_id,
    )
    assert row == {
        "reviewed_by": RIVERA,
        "reviewer_name": "Dr. Sam Rivera",
        "note": "Good empathy; check de-escalation.",
    }
    assert "Session marked reviewed." in shown(at)
    assert len(table(at)) == waiting - 1
    assert "Select a session in the table" in shown(at)  # the selection went with the row


def test_names_and_texts_are_inert_in_the_session_and_the_charts(app_env: str) -> None:
    [learner] = query(
        "select l.id::text as id from learners l join coaching_sessions s "
        "on s.learner_id = l.id::text where l.user_id is null limit 1"
    )
    execute("update learners set name = %s where id = %s", HOSTILE, learner["id"])
    at = open_review()
    pick(at, "review_learner", HOSTILE)
    select_row(at)
    assert set(table(at)["Learner"]) == {HOSTILE}  # a table cell is plain text
    heading = at.header[-1].value
    assert "<img" not in heading.replace("\\<", "") and "](" not in heading
    assert plain(heading).startswith(HOSTILE)
    trend = json.dumps(charts(at)[1])
    assert "<img" not in trend and "&lt;img src=" in trend  # plotly shows it as text


def test_the_charts_draw_no_toolbar_over_their_titles(app_env: str) -> None:
    """A phone audit: the chart toolbar sat on the titles ("Coach response time")."""
    at = open_review()
    drawn = at.get("plotly_chart")
    assert drawn
    assert all(json.loads(c.proto.config).get("displayModeBar") is False for c in drawn)


def test_the_transcript_starts_with_the_coachs_opening_question(app_env: str) -> None:
    """A browser audit: round 1 began with the learner's answer; the question it answered,
    which the Chat page shows first, was missing."""
    at = select_row(open_review())
    [domain] = query(
        "select d.default_opening from coaching_domains d join coaching_sessions s "
        "on s.domain_id = d.id where s.id = %s",
        first_round_of_selected(at),
    )
    first = at.chat_message[0]
    assert first.name == "assistant"
    assert plain(first.markdown[0].value) == domain["default_opening"]


def test_mark_reviewed_covers_the_rounds_on_screen_not_a_crisis_sent_since(
    app_env: str,
) -> None:
    """A robustness audit: the learner wrote "honestly i don't want to be alive anymore"
    while the coach's Review tab showed their session; "Mark reviewed again" marked it
    reviewed unseen, and Home's "Read first" alert went away."""
    at = select_row(open_review())
    [submit] = [b for b in at.button if b.key and b.key.startswith("review_submit_")]
    session_id = submit.key.removeprefix("review_submit_")
    [last] = query(
        "select learner_id, domain_id, max(round_number) as n from coaching_sessions "
        "where session_id = %s group by learner_id, domain_id",
        session_id,
    )
    with psycopg.connect(db_url()) as conn:  # sent from the learner's tab meanwhile
        conn.execute("set local session_replication_role = replica")
        conn.execute(
            "insert into coaching_sessions (learner_id, domain_id, session_id, round_number, "
            "learner_message, coach_response, not_scored_reason, created_at) values "
            "(%s, %s, %s, %s, 'honestly i dont want to be alive anymore', 'Call 988.', %s, "
            "public.app_now())",
            (last["learner_id"], last["domain_id"], session_id, last["n"] + 1, CRISIS_REASON),
        )
    submit.click().run()
    assert not at.exception, at.exception
    assert f"Round {last['n'] + 1} came in since this page was drawn" in shown(at)
    rows = query(
        "select round_number, reviewed from coaching_round_reviews where session_id = %s",
        session_id,
    )
    assert {r["round_number"]: r["reviewed"] for r in rows} == {
        **{n: True for n in range(1, last["n"] + 1)},
        last["n"] + 1: False,
    }
    assert [e for e in at.error if "Read first" in e.value]
