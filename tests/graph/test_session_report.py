"""Ending a session: the report card, written offline or by the model (over real HTTP to the
local OpenAI-compatible server), its numbers always from the rounds; and deleting a session
takes its report, rounds, pending message and checkpoint with it."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import psycopg
import pytest

from coach.report import OFFLINE_AUTHOR, report_numbers
from db.errors import NotAllowed, ValidationFailed
from db.runtime import Database
from db.settings import Settings
from graph.chat import ChatService, SessionRef
from tests.conftest import People
from tests.support.hosted import JWT_SECRET, hosted_identity
from tests.support.openai_server import OpenAIServer, ok
from tests.support.postgrest_server import PostgrestServer

COACH = "communication_coach"
SUCCESS = "Learner demonstrates improved communication skills across multiple scenario types"
GOAL = "Your goal: show improved communication skills across multiple scenario types"
DIMENSIONS = {"empathy": 9, "clarity": 7, "de_escalation": 8, "problem_resolution": 6}
JUDGE = {  # the round judge's answer (both shapes it has had: a list of scores, of verdicts)
    "score": 8,
    "feedback": "You named the feeling; next, say when you will call back.",
    "dimension_scores": [{"name": n, "score": v} for n, v in DIMENSIONS.items()],
    "dimensions": [{"name": n, "score": v, "reason": "Said so."} for n, v in DIMENSIONS.items()],
}
REPORT = {
    "strengths": ["Empathy: you named how the customer felt before fixing anything."],
    "next_steps": [
        "Problem resolution: end with what you will do and by when.",
        "Clarity: give the refund date in one sentence.",
    ],
    "summary": "A warm start; now close each conversation with a dated promise.",
    "overall_average": 1.0,  # a number from the model: never used
}


def turn(chat: ChatService, session_id: str, text: str) -> None:
    for _ in chat.send(chat.open(session_id), text):
        pass


def leftovers(db_url: str, session: str) -> dict[str, int]:
    """Every row anywhere that still belongs to the session, by table."""
    tables = {
        "coaching_threads": "session_id",
        "coaching_sessions": "session_id",
        "coaching_pending_messages": "session_id",
        "coaching_session_reports": "session_id",
        "langgraph.checkpoints": "thread_id",
        "langgraph.checkpoint_writes": "thread_id",
        "langgraph.checkpoint_blobs": "thread_id",
    }
    with psycopg.connect(db_url) as conn:
        return {
            table: conn.execute(
                f"select count(*) from {table} where {column} = %s", (session,)
            ).fetchone()[0]  # type: ignore[index]
            for table, column in tables.items()
        }


# offline -------------------------------------------------------------------------------------
def test_ending_a_session_writes_an_offline_report_card(ana_chat: ChatService) -> None:
    session = ana_chat.new_session(COACH)
    turn(ana_chat, session, "I listened and said sorry because the delay was our fault.")
    turn(ana_chat, session, "I will call her back at 3pm tomorrow with a refund.")
    ref = ana_chat.open(session)
    assert ana_chat.report(ref) is None

    report = ana_chat.end_session(session)

    _, persona = ana_chat.coach(ref)
    expected = report_numbers(ana_chat.transcript(ref), persona.dimensions)
    assert report.rounds_scored == 2 == expected.rounds_scored
    assert report.overall_average == expected.overall_average  # the card and the words agree
    assert report.dimension_averages == expected.dimension_averages
    assert set(report.dimension_averages) == set(persona.dimensions)
    assert report.written_by == OFFLINE_AUTHOR
    assert 1 <= len(report.strengths) <= 3 and 1 <= len(report.next_steps) <= 3
    labels = {"empathy", "clarity", "de-escalation", "problem resolution"}
    for line in report.strengths + report.next_steps:
        assert any(label in line.lower() for label in labels), line
    assert GOAL in report.summary  # the persona's success condition, said to the learner
    assert ana_chat.report(ref) == report  # reopens as stored
    [summary] = ana_chat.list_sessions()
    assert summary.has_report


def test_the_student_can_keep_talking_and_ending_again_rewrites_the_report(
    ana_chat: ChatService,
) -> None:
    session = ana_chat.new_session(COACH)
    turn(ana_chat, session, "A customer was angry about a refund.")
    first = ana_chat.end_session(session)
    turn(ana_chat, session, "I will call her back at 3pm with the refund date.")

    second = ana_chat.end_session(session)

    assert (first.rounds_scored, second.rounds_scored) == (1, 2)
    assert ana_chat.report(ana_chat.open(session)) == second
    assert len(ana_chat.transcript(ana_chat.open(session))) == 2


def test_a_session_without_rounds_has_nothing_to_report(ana_chat: ChatService) -> None:
    session = ana_chat.new_session(COACH)
    with pytest.raises(ValidationFailed, match="no rounds yet"):
        ana_chat.end_session(session)
    assert ana_chat.report(ana_chat.open(session)) is None


def test_a_session_of_short_replies_says_why_nothing_was_scored(ana_chat: ChatService) -> None:
    """An audit: ended after a few "ok"s and "yes"es, the card said only that questions,
    thanks and goodbyes are not scored, none of which the student had sent."""
    session = ana_chat.new_session(COACH)
    for said in ("ok", "yes", "sure"):
        turn(ana_chat, session, said)
    with pytest.raises(ValidationFailed, match=r"short replies.*in a sentence or two"):
        ana_chat.end_session(session)


def test_nobody_else_can_end_or_read_a_students_session(
    ana_chat: ChatService, chat_for: Any, people: People
) -> None:
    session = ana_chat.new_session(COACH)
    turn(ana_chat, session, "A customer was angry about a refund.")
    ana_chat.end_session(session)
    ben = chat_for(people.student_b)

    with pytest.raises(NotAllowed):
        ben.end_session(session)
    with pytest.raises(NotAllowed):
        ben.report(SessionRef.parse(session))
    assert ben.repository.get_session_report(session_id=session) is None  # RLS, not just _own


def test_deleting_a_session_removes_report_rounds_pending_message_and_checkpoints(
    ana_chat: ChatService, db_url: str
) -> None:
    session = ana_chat.new_session(COACH)
    turn(ana_chat, session, "Something I would rather not keep.")
    ana_chat.end_session(session)
    ana_chat.repository.save_pending_message(  # a message still waiting for its reply
        session_id=session, domain_id=COACH, learner_message="And one more thing."
    )
    before = leftovers(db_url, session)
    assert before["coaching_session_reports"] == 1
    assert before["coaching_pending_messages"] == 1
    assert before["langgraph.checkpoints"] > 0 and before["langgraph.checkpoint_blobs"] > 0

    ana_chat.delete(ana_chat.open(session))

    assert leftovers(db_url, session) == dict.fromkeys(before, 0)
    assert session not in [s.session_id for s in ana_chat.list_sessions()]


def test_hosted_mode_ends_a_session_with_the_service_key(
    db_url: str, people: People, tmp_path: Path
) -> None:
    """Over real HTTP: the learner's JWT reads the card, the service key writes it."""
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
            session = ana.new_session(COACH)
            turn(ana, session, "A customer was angry about a refund.")
            report = ana.end_session(session)
            reread = ana.report(ana.open(session))
            [summary] = ana.list_sessions()
        finally:
            database.close()
    assert reread == report and report.rounds_scored == 1
    assert summary.has_report


# with a model --------------------------------------------------------------------------------
@pytest.fixture
def server() -> Iterator[OpenAIServer]:
    with OpenAIServer(judge_answer=JUDGE, hang_s=2.0, enforce_strict_schemas=True) as s:
        yield s


@pytest.fixture
def chat(chat_for: Any, people: People, server: OpenAIServer, tmp_path: Path) -> ChatService:
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        openai_api_key="test-key",
        openai_base_url=server.url,
        openai_model="test-model",
        openai_timeout_s=5.0,  # no test here waits for a timeout
        openai_max_retries=1,
        data_dir=tmp_path,
    )
    made: ChatService = chat_for(people.student_a, settings)
    return made


def test_the_model_writes_the_words_and_the_rounds_give_the_numbers(
    chat: ChatService, server: OpenAIServer
) -> None:
    session = chat.new_session(COACH)
    turn(chat, session, "A customer shouted at me about a late order.")
    turn(chat, session, "I said sorry and promised a refund.")
    server.judge.then(ok(answer=REPORT))

    report = chat.end_session(session)

    assert report.written_by == "test-model"
    assert report.strengths == REPORT["strengths"]
    assert report.next_steps == REPORT["next_steps"]
    assert report.summary == REPORT["summary"]
    ref = chat.open(session)
    expected = report_numbers(chat.transcript(ref), chat.coach(ref)[1].dimensions)
    assert report.rounds_scored == 2
    assert report.overall_average == Decimal("8.0")  # the judge's 8 twice, not the model's 1.0
    assert report.dimension_averages == expected.dimension_averages
    asked = server.judge_requests[-1]
    assert asked.body["temperature"] == 0
    assert SUCCESS in asked.system_prompt
    empathy = expected.dimension_averages["empathy"]
    assert f"empathy {empathy}/10" in asked.system_prompt  # the averages, in plain words
    assert "promised a refund" in asked.messages[-1]["content"]


@pytest.mark.parametrize(
    "failure",
    ["500", "malformed", ok(answer={"strengths": [], "next_steps": [], "summary": ""})],
    ids=["500", "malformed", "empty"],
)
def test_a_failing_model_leaves_the_offline_report_and_says_so(
    chat: ChatService, server: OpenAIServer, failure: Any
) -> None:
    session = chat.new_session(COACH)
    turn(chat, session, "A customer shouted at me about a late order.")
    server.judge.always(failure)

    report = chat.end_session(session)

    assert report.written_by == f"{OFFLINE_AUTHOR} (test-model was unavailable)"
    assert report.overall_average == Decimal("8.0")
    assert any("empathy" in line.lower() for line in report.strengths + report.next_steps)
    assert GOAL in report.summary  # the persona's success condition, said to the learner
