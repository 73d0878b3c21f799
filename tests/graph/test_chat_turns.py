"""One graph run per session at a time (`graph/chat/turns.py: one_run`): a second tab on
the same session, pressing Retry while the first still waits on the model, is told the reply
is still coming, and nothing it does can leave the session stuck. Over real HTTP to the local
OpenAI-compatible server, whose stall keeps the first tab's run open."""

from __future__ import annotations

import threading
from typing import Any

import psycopg
import pytest

from db.errors import AppError, Conflict, Unavailable
from db.repository import Repository
from db.settings import Settings
from graph.chat import ChatService
from graph.chat.turns import PRUNE_EVERY
from tests.conftest import People
from tests.graph.chat_steps import GATES, application, track, turn
from tests.graph.test_chat_openai import COACH, MESSAGE, RETRIES, collect, settings_for
from tests.support.openai_server import OpenAIServer

pytestmark = pytest.mark.calendar_free


@pytest.fixture
def server() -> Any:
    with OpenAIServer(hang_s=2.0) as s:
        yield s


@pytest.fixture
def settings(server: OpenAIServer, tmp_path: Any) -> Settings:
    return settings_for(server, tmp_path)


def test_another_tab_cannot_run_the_session_while_a_reply_is_streaming(
    chat_for: Any, people: People, settings: Settings, server: OpenAIServer
) -> None:
    """An audit: a Retry pressed in a second tab while the first still waited on the model
    ran a second graph run on the session; the loser broke the session for good. Now the
    second tab is told the reply is still coming, and its Retry works once it is done."""
    patient = settings.model_copy(update={"openai_timeout_s": 1.5})  # the stall outlasts it
    first = chat_for(people.student_a, patient)
    ref = first.open(first.new_session(COACH))
    server.chat.then(*["stall"] * (RETRIES + 1))
    streaming = threading.Event()
    ended: list[AppError | None] = []

    def first_tab() -> None:
        tokens: list[str] = []
        try:
            for token in first.send(ref, MESSAGE):
                tokens.append(token)
                streaming.set()
        except AppError as exc:
            ended.append(exc)
        streaming.set()

    thread = threading.Thread(target=first_tab)
    thread.start()
    assert streaming.wait(10)
    second = chat_for(people.student_a, patient)  # another tab: its own page run
    other = second.open(ref.session_id)
    assert second.pending_message(other) == MESSAGE
    tokens, error = collect(second.retry(other))
    assert isinstance(error, Conflict) and "another tab" in error.message and tokens == []
    thread.join(20)
    assert isinstance(ended[0], Unavailable)  # the first tab's reply never came

    server.healthy()
    tokens, error = collect(second.retry(other))
    assert error is None and "".join(tokens) == server.reply
    [row] = second.transcript(other)
    assert row.learner_message == MESSAGE and second.pending_message(other) is None


def checkpoints_of(db_url: str, session: str) -> tuple[int, int]:
    with psycopg.connect(db_url) as conn:
        row = conn.execute(
            "select (select count(*) from langgraph.checkpoints where thread_id = %(s)s),"
            " (select count(*) from langgraph.checkpoint_blobs where thread_id = %(s)s)",
            {"s": session},
        ).fetchone()
    assert row is not None
    return int(row[0]), int(row[1])


def test_a_long_session_keeps_only_its_latest_checkpoint_and_loses_nothing(
    ana_chat: ChatService, ana_repo: Repository, db_url: str
) -> None:
    """Loading the latest checkpoint joined every blob the thread ever stored: a 300-round
    session loaded in twice the time of a 10-round one. Every 25th round the older ones go;
    the question waiting at round 25, the transcript and the conversation stay."""
    gates = track(ana_repo, GATES)
    session = ana_chat.new_session("scholarship_coach")
    for n in range(1, PRUNE_EVERY):
        assert turn(ana_chat, session, f"Round {n}: what should I work on today?")
    before = checkpoints_of(db_url, session)
    assert before[0] >= PRUNE_EVERY - 1, before
    assert turn(ana_chat, session, "I submitted the Gates application!")
    assert checkpoints_of(db_url, session)[0] == 1

    ref = ana_chat.open(session)
    assert ana_chat.pending_question(ref) is not None  # the pause survives the prune
    assert "".join(ana_chat.answer(ref, True)).startswith("Recorded:")
    assert application(ana_repo, gates.id).status == "submitted"
    assert turn(ana_chat, session, "What should I work on next?")
    assert [r.round_number for r in ana_chat.transcript(ref)] == list(range(1, PRUNE_EVERY + 2))
