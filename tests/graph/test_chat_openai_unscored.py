"""With a model answering: the rounds the offline coach keeps unscored from its own reading
(an aside, a word or two) are kept unscored too, read from the words alone; and a model's
fault says which it is."""

from __future__ import annotations

import pytest

from db.errors import Unavailable
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


@pytest.mark.parametrize(
    ("failure", "said"),
    [
        ("429", "getting too many requests right now. Your message is saved — press Retry in "),
        ("quota", "out of credit, so it cannot answer. Your message is saved: ask whoever runs"),
        ("500", "could not answer just now. Your message is saved — press Retry in a moment."),
    ],
)
def test_a_rate_limit_or_an_account_out_of_credit_says_which(
    chat: ChatService, server: OpenAIServer, failure: str, said: str
) -> None:
    """An audit: a 429, a real `insufficient_quota` too, read as a 500 does ("press Retry in
    a moment"), though an account out of credit will not answer in a moment."""
    ref = chat.open(chat.new_session(COACH))
    server.chat.always(failure)
    with pytest.raises(Unavailable) as failed:
        list(chat.send(ref, MESSAGE))
    assert said in failed.value.message
    assert chat.pending_message(ref) == MESSAGE  # kept, whatever the fault
