"""With a model answering, the rounds the offline coach keeps unscored from its own reading
(an aside, a word or two) are kept unscored too, read from the words alone."""

from __future__ import annotations

import pytest

from graph.chat import ChatService
from tests.graph.test_chat_openai import COACH, JUDGE, MESSAGE
from tests.graph.test_chat_openai import chat as chat  # noqa: F401  (fixtures)
from tests.graph.test_chat_openai import server as server  # noqa: F401
from tests.graph.test_chat_openai import settings as settings  # noqa: F401
from tests.support.openai_server import OpenAIServer


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("brb my laptop is dying", "an aside, not an answer"),
        ("caching", "a word or two, too short to score"),
        ("Postgres, probably", "a word or two, too short to score"),
    ],
)
def test_an_aside_or_a_word_or_two_is_answered_by_the_model_and_not_judged(
    chat: ChatService, server: OpenAIServer, text: str, reason: str
) -> None:
    """An audit with a model configured: "brb" and "caching" were each judged (7/10) and
    pulled the learner's averages, where the offline coach keeps them unscored."""
    ref = chat.open(chat.new_session(COACH))
    list(chat.send(ref, text))
    assert len(server.chat_requests) == 1 and server.judge_requests == []
    [row] = chat.transcript(ref)
    assert row.coach_response == server.reply
    assert (row.score, row.not_scored_reason) == (None, reason)
    list(chat.send(ref, MESSAGE))  # an answer next: judged
    assert [r.score for r in chat.transcript(ref)] == [None, JUDGE["score"]]
