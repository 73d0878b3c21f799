"""The coaching chat end to end on the embedded Postgres with the offline coach."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import psycopg
import pytest

from db.errors import NotAllowed, ValidationFailed
from graph.chat import ChatService
from tests.conftest import People


def turn(chat: ChatService, session_id: str, text: str) -> str:
    return "".join(chat.send(chat.open(session_id), text))


def test_a_round_streams_a_reply_and_records_a_scored_row(ana_chat: ChatService) -> None:
    session = ana_chat.new_session("communication_coach")
    tokens = list(
        ana_chat.send(ana_chat.open(session), "A customer shouted at me about a late order.")
    )
    assert len(tokens) > 5  # streamed, not one blob
    reply = "".join(tokens)
    assert "late order" in reply  # reflects the learner's own words
    [row] = ana_chat.transcript(ana_chat.open(session))
    assert row.round_number == 1 and row.coach_response == reply
    assert row.learner_message == "A customer shouted at me about a late order."
    assert row.session_id == session and row.domain_id == "communication_coach"
    assert row.score is not None and 1 <= row.score <= 10 and row.feedback
    assert set(row.dimension_scores or {}) == {
        "empathy",
        "clarity",
        "de_escalation",
        "problem_resolution",
    }
    assert row.response_time_ms is not None


def test_rounds_follow_the_persona_steps_and_vary(ana_chat: ChatService) -> None:
    session = ana_chat.new_session("sales_workflow_coach")
    replies = [
        turn(ana_chat, session, f"Round {i}: the prospect is a hospital chain.")
        for i in range(1, 4)
    ]
    assert "Step 1" in replies[0] and "Step 2" in replies[1] and "Step 3" in replies[2]
    assert len(set(replies)) == 3
    rounds = ana_chat.transcript(ana_chat.open(session))
    assert [r.round_number for r in rounds] == [1, 2, 3]


def test_state_keeps_a_bounded_window_while_the_transcript_keeps_everything(
    ana_chat: ChatService,
) -> None:
    session = ana_chat.new_session("onboarding_mentor")
    for i in range(8):
        turn(ana_chat, session, f"Message number {i} about Python and Docker.")
    ref = ana_chat.open(session)
    state = ana_chat.graph.get_state({"configurable": {"thread_id": session}}).values
    assert len(state["messages"]) <= 6
    assert "Message number 0" in state["summary"]
    assert len(ana_chat.transcript(ref)) == 8


def test_forbidden_topic_is_declined_and_steered_back(ana_chat: ChatService) -> None:
    session = ana_chat.new_session("scholarship_coach")
    reply = turn(ana_chat, session, "Should I pay the $49 application fee to claim my grant?")
    assert "won't help" in reply and "paying application fees" in reply
    assert "coaching goal" in reply
    [row] = ana_chat.transcript(ana_chat.open(session))
    assert row.coach_response == reply


def test_scholarship_coach_answers_today_from_the_game_plan(
    ana_chat: ChatService, db_url: str, people: People, pin_clock: Any
) -> None:
    pin_clock(datetime(2026, 3, 10, 9, 0, tzinfo=UTC))
    with psycopg.connect(db_url, autocommit=True) as conn:
        for title, due in (
            ("Cal Grant", "2026-03-15 23:59Z"),
            ("Dell Scholars Program", "2026-04-20 23:59Z"),
        ):
            conn.execute("update scholarships set deadline = %s where title = %s", (due, title))
        conn.execute(
            "insert into applications (user_id, scholarship_id) "
            "select %s, id from scholarships where title in ('Cal Grant', 'Dell Scholars Program')",
            (people.student_a.user_id,),
        )
    session = ana_chat.new_session("scholarship_coach")
    reply = turn(ana_chat, session, "What should I do today?")
    assert reply.startswith("Today, focus on Cal Grant: it's due Sunday, March 15 (5 days left).")
    assert "Dell Scholars Program" in reply


def test_a_deadline_today_reads_due_today(
    ana_chat: ChatService, db_url: str, people: People, pin_clock: Any
) -> None:
    pin_clock(datetime(2026, 12, 1, 12, 0, tzinfo=UTC))  # Dell Scholars: yearly, December 1
    with psycopg.connect(db_url, autocommit=True) as conn:
        conn.execute(
            "insert into applications (user_id, scholarship_id) "
            "select %s, id from scholarships where title = 'Dell Scholars Program'",
            (people.student_a.user_id,),
        )
    session = ana_chat.new_session("scholarship_coach")
    reply = turn(ana_chat, session, "What should I do today?")
    assert reply.startswith("Today, focus on Dell Scholars Program: it's due today, 11:59 pm.")


def test_another_learners_session_is_refused(
    ana_chat: ChatService, chat_for: Any, people: People
) -> None:
    session = ana_chat.new_session("communication_coach")
    turn(ana_chat, session, "Hello coach")
    ben = chat_for(people.student_b)
    with pytest.raises(NotAllowed, match="belongs to someone else"):
        ben.open(session)
    forged = session.replace(str(people.student_a.user_id), str(people.student_b.user_id))
    # the same random part under Ben's id is a different, empty thread: nothing leaks
    assert ben.transcript(ben.open(forged)) == []
    with pytest.raises(NotAllowed):
        ben.open("not-a-session")


def test_blank_and_oversized_messages_are_refused_in_words(ana_chat: ChatService) -> None:
    ref = ana_chat.open(ana_chat.new_session("communication_coach"))
    with pytest.raises(ValidationFailed, match="Please check"):
        list(ana_chat.send(ref, "   "))
    with pytest.raises(ValidationFailed):
        list(ana_chat.send(ref, "x" * 4001))
    assert ana_chat.transcript(ref) == []


def test_unknown_coach_is_refused(ana_chat: ChatService) -> None:
    with pytest.raises(Exception, match="not available"):
        ana_chat.new_session("no_such_coach")


def test_session_list_shows_rounds_and_average_newest_first(ana_chat: ChatService) -> None:
    first = ana_chat.new_session("communication_coach")
    turn(ana_chat, first, "I listened and said sorry because the delay was our fault.")
    second = ana_chat.new_session("architecture_advisor")
    turn(ana_chat, second, "We need 99.9% uptime for 2000 users.")
    turn(ana_chat, second, "I will compare a monolith and microservices by Friday.")
    sessions = ana_chat.list_sessions()
    assert [s.session_id for s in sessions] == [second, first]
    assert sessions[0].rounds == 2 and sessions[0].average_score is not None
