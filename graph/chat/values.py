"""The chat's small values and pure checks: the session handle (`SessionRef`), what makes a
learner's message sendable, the wording of a failure after the message was kept, and the
question the graph may be paused at. No database and no graph run here, so the Chat page can
import the limits and the question type without pulling the service in.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

from langgraph.types import StateSnapshot
from pydantic import BaseModel, Field

from db.errors import AppError, Busy, NotAllowed, Unavailable
from db.models.row import shows_nothing

_SESSION = re.compile(r"^([0-9a-f-]{36}):([a-z0-9_]{1,63}):([0-9a-f]{32})$")
STREAM_NODE = "respond"
# Yielded by `send` and `retry` once the model has finished its reply, before the round is
# scored and stored: a page that draws a reply at most once a frame draws what it holds now,
# rather than after the judge (seconds, hosted). Joining the chunks is unaffected.
REPLY_COMPLETE = ""


MAX_MESSAGE_CHARS = 4000


class LearnerMessage(BaseModel):
    text: str = Field(min_length=1, max_length=MAX_MESSAGE_CHARS)


def message_problem(text: str) -> str | None:
    """What is wrong with a message, the way the chat says it (None: it can be sent)."""
    if shows_nothing(text):  # blank, or only zero-width and direction marks (an audit)
        return "Type a message first."
    if len(text.strip()) > MAX_MESSAGE_CHARS:
        return (
            f"Messages can be at most {MAX_MESSAGE_CHARS:,} characters; this one has "
            f"{len(text.strip()):,}. Shorten it or split it in two."
        )
    if "\x00" in text:
        return "The message contains a character that cannot be stored (a NUL byte)."
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "The message contains a broken character. Please retype it."
    return None


@dataclass(frozen=True)
class SessionRef:
    user_id: str
    domain_id: str
    session_id: str

    @classmethod
    def parse(cls, session_id: str) -> SessionRef:
        match = _SESSION.match(session_id)
        if not match:
            raise NotAllowed("That session link is not valid.")
        return cls(match.group(1), match.group(2), session_id)


def kept(exc: AppError) -> AppError:
    """The learner's message was stored before the turn began: a failure inside the turn
    must say so, not "Nothing was changed"."""
    if isinstance(exc, Busy):
        return Busy(
            "The database is busy right now. Your message is saved — press Retry in a moment.",
            detail=exc.detail,
        )
    if isinstance(exc, Unavailable):
        return Unavailable(
            "The database is not reachable right now. Your message is saved — press Retry "
            "once it is back.",
            detail=exc.detail,
        )
    return exc


ANSWER_FIRST = "Answer the question above first: Confirm or Not now."


@dataclass(frozen=True)
class PendingQuestion:
    """A status the coach proposed from the learner's news ("Mark the Gates Scholarship as
    submitted?"), waiting at the graph's interrupt for Confirm / Not now."""

    question: str
    application_id: uuid.UUID
    status: str
    title: str


@dataclass(frozen=True)
class NewsLine:
    """The coach's line about what an answer (or a recorded Lost) did, under the round it
    follows, with the yes or no the learner typed to get it (None for a button)."""

    round: int
    text: str
    said: str | None = None


def question_in(snapshot: StateSnapshot) -> PendingQuestion | None:
    """The thread's pending question, if it is paused at one (a failed run is not)."""
    for pending in snapshot.interrupts:
        value = pending.value
        if isinstance(value, dict) and "question" in value:
            return PendingQuestion(
                question=str(value["question"]),
                application_id=uuid.UUID(str(value["application_id"])),
                status=str(value["status"]),
                title=str(value.get("title", "")),
            )
    return None
