"""One graph run per session at a time (`graph/chat/turns.py: one_run`): a second tab on
the same session, pressing Retry while the first still waits on the model, is told the reply
is still coming, and nothing it does can leave the session stuck. Over real HTTP to the local
OpenAI-compatible server, whose stall keeps the first tab's run open."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from db.errors import AppError, Conflict, Unavailable
from db.settings import Settings
from tests.conftest import People
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
