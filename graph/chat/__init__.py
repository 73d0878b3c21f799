"""Coaching sessions as the Chat page uses them: start, stream a turn, retry, resume, and
answer the question the scholarship coach paused at ("Mark … as submitted?").

A session id is `<user id>:<domain id>:<random>`. It is a handle, not a secret, so every
load checks that its owner is the signed-in person (and, once it has state, that the
checkpoint agrees) before anything is read from the thread.

ChatService (graph/chat/service.py) is put together from its parts: session handles, the
ownership check and reads (sessions.py), turns and answers (turns.py) and the end-of-session
report (report.py); the limits and small values a page needs without the service are in
values.py. The names pages and tests use are importable from `graph.chat`.
"""

from __future__ import annotations

from graph.chat.service import ChatService, chat_graph
from graph.chat.values import (
    ANSWER_FIRST,
    MAX_MESSAGE_CHARS,
    REPLY_COMPLETE,
    PendingQuestion,
    SessionRef,
)

__all__ = [
    "ANSWER_FIRST",
    "MAX_MESSAGE_CHARS",
    "REPLY_COMPLETE",
    "ChatService",
    "PendingQuestion",
    "SessionRef",
    "chat_graph",
]
