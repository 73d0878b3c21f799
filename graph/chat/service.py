"""ChatService as pages and benches build it: its parts (sessions, turns, report) put together,
and the one way in from the process's root, with the chat graph compiled once per root."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from langchain_core.language_models.chat_models import BaseChatModel

from db.identity import Identity
from db.runtime import Database
from db.settings import Settings
from graph.chat.report import ChatReports
from graph.coaching import build_graph
from graph.llm import chat_model, judge_model


def chat_graph(database: Database) -> Any:
    """Compiled once per process, kept with the root whose checkpointer it uses: a page run
    builds a ChatService, and compiling on every rerun is wasted work."""
    return database.memo("chat_graph", lambda: build_graph(database.checkpointer))


class ChatService(ChatReports):
    """One per signed-in person per page run; cheap to build (graphs compile lazily)."""

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
