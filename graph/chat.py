"""Coaching sessions as the Chat page uses them: start, stream a turn, retry, resume, and
answer the question the scholarship coach paused at ("Mark … as submitted?").

A session id is `<user id>:<domain id>:<random>`. It is a handle, not a secret, so every
load checks that its owner is the signed-in person (and, once it has state, that the
checkpoint agrees) before anything is read from the thread.

ChatService is built here from its parts: session handles and reads (graph/chat_sessions.py),
turns and answers (graph/chat_turns.py) and the end-of-session report (graph/chat_report.py);
the small values and checks (graph/chat_values.py) are re-exported so `from graph.chat import
…` keeps working.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from langchain_core.language_models.chat_models import BaseChatModel

from db.errors import NotAllowed
from db.identity import Identity
from db.models import CoachingDomain, CoachingPersona, CoachingRound
from db.repository import Repository
from db.runtime import Database
from db.settings import Settings
from graph.chat_report import ChatReports
from graph.chat_values import ANSWER_FIRST as ANSWER_FIRST
from graph.chat_values import MAX_MESSAGE_CHARS as MAX_MESSAGE_CHARS
from graph.chat_values import REPLY_COMPLETE as REPLY_COMPLETE
from graph.chat_values import STREAM_NODE as STREAM_NODE
from graph.chat_values import LearnerMessage as LearnerMessage
from graph.chat_values import PendingQuestion as PendingQuestion
from graph.chat_values import SessionRef as SessionRef
from graph.chat_values import kept as kept
from graph.chat_values import message_problem as message_problem
from graph.chat_values import question_in as question_in
from graph.coaching import build_graph
from graph.llm import chat_model, judge_model


def chat_graph(database: Database) -> Any:
    """Compiled once per process, kept with the root whose checkpointer it uses: a page run
    builds a ChatService, and compiling on every rerun is wasted work."""
    return database.memo("chat_graph", lambda: build_graph(database.checkpointer))


class ChatService(ChatReports):
    """One per signed-in person per page run; cheap to build (graphs compile lazily)."""

    def __init__(
        self,
        repository: Repository,
        settings: Settings,
        graph: Any,
        *,
        recorder: Repository,
        model_factory: Callable[..., BaseChatModel] = chat_model,
        judge_factory: Callable[[Settings], BaseChatModel | None] = judge_model,
    ) -> None:
        self.model_factory = model_factory
        self.judge_factory = judge_factory
        self.repository = repository
        self.recorder = recorder
        self.settings = settings
        self.graph = graph
        user_id = repository.identity.user_id
        if user_id is None:
            raise NotAllowed("Please sign in first.")
        self.user_id = str(user_id)
        self._coaches: dict[str, tuple[CoachingDomain, CoachingPersona]] = {}
        self._owned: dict[str, SessionRef] = {}
        self._checkpointed: set[str] = set()
        self._all_scored: set[str] = set()  # known to have no unscored round: no re-check
        self._just_recorded: dict[str, CoachingRound] = {}  # per session, for last_round
        self._learner_id: str | None = None

    @classmethod
    def for_identity(
        cls,
        database: Database,
        identity: Identity,
        *,
        settings: Settings | None = None,
        model_factory: Callable[..., BaseChatModel] = chat_model,
        judge_factory: Callable[[Settings], BaseChatModel | None] = judge_model,
    ) -> ChatService:
        """The usual way in: everything from the one root, as this person."""
        return cls(
            database.repository(identity),
            settings or database.settings,
            chat_graph(database),
            recorder=database.service_repository(),
            model_factory=model_factory,
            judge_factory=judge_factory,
        )
