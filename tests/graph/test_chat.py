"""The coaching chat end to end on the embedded Postgres with the offline coach."""

from __future__ import annotations

from contextvars import copy_context
from datetime import UTC, datetime
from typing import Any
from uuid import UUID, uuid5
from zoneinfo import ZoneInfo

import psycopg
import pytest

from coach import clock
from db.errors import NotAllowed, ValidationFailed
from db.models import NewRound
from db.runtime import Database
from db.settings import Settings
from graph.chat import ChatService, SessionRef
from tests.conftest import People
from tests.graph.chat_steps import turn
from tests.support.hosted import JWT_SECRET, hosted_identity
from tests.support.postgrest_server import PostgrestServer
from tests.unit.offline_coach_cases import SCRIPTS, prompts_in


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


def test_last_round_is_the_round_just_streamed_then_the_newest_stored(
    ana_chat: ChatService,
) -> None:
    session = ana_chat.new_session("communication_coach")
    ref = ana_chat.open(session)
    turn(ana_chat, session, "A customer shouted at me about a late order.")
    turn(ana_chat, session, "I said sorry and promised a call back at 3pm.")
    stored = ana_chat.transcript(ref)[-1]
    assert ana_chat.last_round(ref) == stored  # as recorded, without reading it back
    assert ana_chat.last_round(ref) == stored  # and then as stored


def test_rounds_vary_and_move_on_by_what_is_covered(ana_chat: ChatService) -> None:
    session = ana_chat.new_session("sales_workflow_coach")
    replies = [
        turn(ana_chat, session, f"Round {i}: the prospect is a hospital chain.")
        for i in range(1, 4)
    ]
    assert "That covers the opportunity and its stage." in replies[0]
    assert not any("That covers" in r for r in replies[1:])  # saying it again covers nothing
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


def test_a_forbidden_topic_gets_the_protective_answer_and_steers_back(
    ana_chat: ChatService,
) -> None:
    """A student asking whether to pay a fee hears "don't, it's a scam sign" (the pack's
    answer for that topic), not a refusal to talk about it, and is steered back."""
    session = ana_chat.new_session("scholarship_coach")
    reply = turn(ana_chat, session, "Should I pay the $49 application fee to claim my grant?")
    assert reply.startswith("Don't pay it.") and "scam" in reply
    assert "won't help" not in reply
    # said to the student, after a colon (an audit read "your goal: Look at the game plan")
    assert reply.endswith(
        "back to your goal: look at your game plan and name the most urgent item."
    )
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


def test_the_coach_says_a_deadline_in_the_students_own_zone(
    ana_chat: ChatService, db_url: str, people: People, pin_clock: Any
) -> None:
    """A browser audit: a Chicago student's coach said "due today, 11:59 pm" (UTC), her 5:59
    pm; the chat turn runs in the zone the page set, through LangGraph's own threads."""
    pin_clock(datetime(2026, 12, 1, 12, 0, tzinfo=UTC))  # Dell Scholars: December 1, 23:59Z
    with psycopg.connect(db_url, autocommit=True) as conn:
        conn.execute(
            "insert into applications (user_id, scholarship_id) "
            "select %s, id from scholarships where title = 'Dell Scholars Program'",
            (people.student_a.user_id,),
        )
    session = ana_chat.new_session("scholarship_coach")
    context = copy_context()
    context.run(clock.use_zone, ZoneInfo("America/Chicago"))
    reply = context.run(turn, ana_chat, session, "What should I do today?")
    assert reply.startswith("Today, focus on Dell Scholars Program: it's due today, 5:59 pm.")


def test_another_learners_session_is_refused_and_left_untouched(
    ana_chat: ChatService, chat_for: Any, people: People, db_url: str
) -> None:
    session = ana_chat.new_session("communication_coach")
    turn(ana_chat, session, "Hello coach")
    config = {"configurable": {"thread_id": session}}
    before = (ana_chat.transcript(ana_chat.open(session)), ana_chat.graph.get_state(config))
    ben = chat_for(people.student_b)
    with pytest.raises(NotAllowed, match="belongs to someone else"):
        ben.open(session)
    hand_built = SessionRef.parse(session)  # skipping open() does not skip the check
    for attempt in (
        lambda: list(ben.send(hand_built, "I write into Ana's session")),
        lambda: list(ben.retry(hand_built)),
        lambda: ben.transcript(hand_built),
        lambda: ben.pending_message(hand_built),
    ):
        with pytest.raises(NotAllowed):
            attempt()
    forged = session.replace(str(people.student_a.user_id), str(people.student_b.user_id))
    with pytest.raises(NotAllowed):  # the same random part under Ben's id is no session at all
        ben.open(forged)
    with pytest.raises(NotAllowed):
        ben.open("not-a-session")

    after = (ana_chat.transcript(ana_chat.open(session)), ana_chat.graph.get_state(config))
    assert after[0] == before[0] and after[1].values == before[1].values
    assert turn(ana_chat, session, "Still mine")  # Ana's session still works
    with psycopg.connect(db_url) as conn:
        pending = conn.execute("select count(*) from coaching_pending_messages").fetchone()
    assert pending == (0,)


def test_blank_and_oversized_messages_are_refused_in_words(ana_chat: ChatService) -> None:
    ref = ana_chat.open(ana_chat.new_session("communication_coach"))
    cases = {
        "   ": "Type a message first.",
        "\u200b\u200b": "Type a message first.",  # an audit's empty bubble, scored
        " \u200f\ufeff\n": "Type a message first.",
        "x" * 4001: "at most 4,000 characters; this one has 4,001",
        "nul \x00 byte": "NUL byte",
        "lone \ud800 surrogate": "broken character",
    }
    for text, sentence in cases.items():
        with pytest.raises(ValidationFailed, match=sentence):
            list(ana_chat.send(ref, text))
    assert ana_chat.transcript(ref) == [] and ana_chat.pending_message(ref) is None


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


def test_hosted_chat_records_rounds_with_the_service_key_and_keeps_sessions_apart(
    db_url: str, people: People, tmp_path: Any
) -> None:
    """Hosted mode end to end over real HTTP: the learner's JWT reads and queues, the
    server's service-role key records the round and its score, and Ben is refused."""
    with PostgrestServer(db_url, jwt_secret=JWT_SECRET) as server:
        settings = Settings(  # type: ignore[call-arg]
            _env_file=None,
            data_dir=tmp_path,
            database_url=db_url,
            supabase_url=server.url,
            supabase_anon_key=server.anon_key,
            supabase_service_role_key=server.service_key,
        )
        database = Database(settings, db_url)
        try:
            ana = ChatService.for_identity(database, hosted_identity(server, people.student_a))
            ben = ChatService.for_identity(database, hosted_identity(server, people.student_b))
            session = ana.new_session("communication_coach")
            reply = turn(ana, session, "A customer was angry about a refund.")
            [row] = ana.transcript(ana.open(session))
            with pytest.raises(NotAllowed):
                list(ben.send(SessionRef.parse(session), "Ben writes here"))
            with pytest.raises(NotAllowed):  # Ben's own JWT cannot score Ana's round either
                ben.repository.transport.rpc(
                    "set_round_score",
                    {"p_round_id": row.id, "p_score": 1, "p_feedback": "x"},
                )
        finally:
            database.close()
    assert row.coach_response == reply and row.score is not None
    assert set(row.dimension_scores or {}) == {
        "empathy",
        "clarity",
        "de_escalation",
        "problem_resolution",
    }


def test_a_seeded_demo_session_continues_after_its_recorded_rounds(
    chat_for: Any, db_url: str
) -> None:
    """Demo sessions are rows without a checkpoint: the next round counts on from them."""
    from db.identity import Identity
    from db.seed import seed_demo

    seed_demo(db_url)
    maya = UUID("0d1f5a2e-0000-4000-8000-000000000001")
    chat = chat_for(Identity.user(maya))
    session = f"{maya}:communication_coach:{uuid5(maya, '1').hex}"
    before = [r.round_number for r in chat.transcript(chat.open(session))]
    assert before  # the demo session has rounds
    assert turn(chat, session, "Next time I will offer a callback time.")
    after = [r.round_number for r in chat.transcript(chat.open(session))]
    assert after == [*before, len(before) + 1]


def test_a_learner_deletes_their_own_session_and_nobody_else_can(
    ana_chat: ChatService, chat_for: Any, people: People, db_url: str
) -> None:
    session = ana_chat.new_session("communication_coach")
    turn(ana_chat, session, "Something I would rather not keep.")
    with pytest.raises(NotAllowed):
        chat_for(people.student_b).delete(SessionRef.parse(session))
    assert len(ana_chat.transcript(ana_chat.open(session))) == 1

    ana_chat.delete(ana_chat.open(session))
    with pytest.raises(NotAllowed, match=r"^That session no longer exists: it was deleted\.$"):
        ana_chat.open(session)
    # to anyone else a deleted session reads as any other of hers: not theirs, no more said
    with pytest.raises(NotAllowed, match=r"^That session belongs to someone else\.$"):
        chat_for(people.student_b).open(session)
    with psycopg.connect(db_url) as conn:
        left = conn.execute(
            "select (select count(*) from coaching_sessions where session_id = %(s)s)"
            " + (select count(*) from coaching_threads where session_id = %(s)s)"
            " + (select count(*) from langgraph.checkpoints where thread_id = %(s)s)",
            {"s": session},
        ).fetchone()
    assert left == (0,)
    assert session not in [s.session_id for s in ana_chat.list_sessions()]


def test_the_offline_coach_remembers_the_session_through_the_checkpointer(
    ana_chat: ChatService, chat_for: Any, people: People
) -> None:
    """The model is rebuilt every round and the window keeps six messages, yet ten rounds
    in the coach has not asked one question twice: its memory rides in the checkpoint,
    and a fresh service (a new page run, a restart) picks it up."""
    session = ana_chat.new_session("sales_workflow_coach")
    replies = [turn(ana_chat, session, text) for text in SCRIPTS["sales_workflow_coach"]]
    later = chat_for(people.student_a)
    replies.append(turn(later, session, "What else should I be asking on this deal?"))

    asked = [q for r in replies for q in prompts_in(r)]
    assert len(asked) >= 7 and len(asked) == len(set(asked))
    state = later.graph.get_state({"configurable": {"thread_id": session}}).values
    assert len(state["messages"]) <= 6
    memory = state["coach_memory"]
    assert {"pain", "decision"} <= set(memory["covered"])
    assert len(memory["asked"]) >= 4
    # the role-play, offered and taken, ran on round to round to its end and covered the
    # objection step
    assert memory["scene"] is None and memory["scenes_done"] == ["price"]
    assert "objection" in memory["covered"]
    assert len(later.transcript(later.open(session))) == 11


def record_elsewhere(chat: ChatService, session: str, number: int, text: str) -> None:
    """A round another run recorded (another tab's), which this thread never saw."""
    user_id = chat.repository.identity.user_id
    assert user_id is not None
    chat.recorder.record_round(
        user_id=user_id,
        new_round=NewRound(
            domain_id="communication_coach",
            session_id=session,
            round_number=number,
            learner_message=text,
            coach_response="Recorded by the other tab.",
        ),
    )


def test_a_thread_behind_its_rounds_records_the_next_free_round(ana_chat: ChatService) -> None:
    """An audit: a run that lost a race with another tab left the thread's count behind
    the database, and every later message met "This round was already recorded." with the
    input locked behind Retry for good."""
    session = ana_chat.new_session("communication_coach")
    turn(ana_chat, session, "A customer shouted at me about a late order.")
    record_elsewhere(ana_chat, session, 2, "I said sorry and promised a call back.")

    reply = turn(ana_chat, session, "I'll call her back at 3pm with the refund date.")
    ref = ana_chat.open(session)
    rounds = ana_chat.transcript(ref)
    assert [r.round_number for r in rounds] == [1, 2, 3]
    assert rounds[-1].learner_message == "I'll call her back at 3pm with the refund date."
    assert rounds[-1].coach_response == reply and ana_chat.pending_message(ref) is None
    turn(ana_chat, session, "Then I'll email a summary by 5pm.")  # and the count is healed
    assert [r.round_number for r in ana_chat.transcript(ref)] == [1, 2, 3, 4]


def test_a_message_another_tab_recorded_meanwhile_is_not_recorded_twice(
    ana_chat: ChatService,
) -> None:
    session = ana_chat.new_session("communication_coach")
    turn(ana_chat, session, "A customer shouted at me about a late order.")
    same = "I said sorry and promised a call back."
    record_elsewhere(ana_chat, session, 2, same)

    turn(ana_chat, session, same)  # this tab's run of the same message, finishing second
    ref = ana_chat.open(session)
    assert [(r.round_number, r.learner_message) for r in ana_chat.transcript(ref)][1:] == [
        (2, same)
    ]
    assert ana_chat.pending_message(ref) is None
    turn(ana_chat, session, "I'll call her back at 3pm.")
    assert [r.round_number for r in ana_chat.transcript(ref)] == [1, 2, 3]
