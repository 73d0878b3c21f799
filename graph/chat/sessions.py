"""The part of ChatService that knows which sessions are whose: the ownership check every
call goes through, starting, listing, reading and deleting sessions, and the context and
config a graph run is given, and the per-session memory of a page run (what is known
owned, checkpointed, scored) that every part reads. The turn and report parts build on it
(turns.py, report.py).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from typing import Any

import psycopg
from langchain_core.language_models.chat_models import BaseChatModel
from langgraph.types import StateSnapshot

from db.errors import NotAllowed, from_driver
from db.models import CoachingDomain, CoachingPersona, CoachingRound, SessionSummary
from db.repository import Repository
from db.settings import Settings
from graph.chat.values import SessionRef
from graph.coaching import ChatContext
from graph.llm import chat_model, judge_model

log = logging.getLogger(__name__)


class ChatSessions:
    """Session handles and what is read through them; see ChatService."""

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
        self._rescored: set[str] = set()  # sessions whose last send scored earlier rounds
        self._learner_id: str | None = None

    # sessions -----------------------------------------------------------------------
    def new_session(self, domain_id: str) -> str:
        """The database makes the id and binds it to this learner (an unknown coach is
        refused there)."""
        thread = self.repository.start_session(domain_id=domain_id)
        self._owned[thread.session_id] = SessionRef.parse(thread.session_id)
        return thread.session_id

    def open(self, session_id: str) -> SessionRef:
        return self._own(session_id)

    def _own(self, session_id: str) -> SessionRef:
        """The one ownership check, used by every call that touches a session: the thread
        must exist and belong to this learner (the database applies the same rule to every
        write). Remembered per service, so a turn costs no extra query."""
        known = self._owned.get(session_id)
        if known is not None:
            return known
        ref = SessionRef.parse(session_id)
        thread = self.repository.get_thread(session_id=session_id)
        if thread is None or thread.learner_id != self._my_learner_id():
            log.warning("refused session %.80s for user %s", session_id, self.user_id)
            if thread is None and ref.user_id == self.user_id:
                # their own id: saying it is gone tells nobody else anything
                raise NotAllowed("That session no longer exists: it was deleted.")
            raise NotAllowed("That session belongs to someone else.")
        self._owned[session_id] = ref
        return ref

    def delete(self, ref: SessionRef) -> None:
        """The session, its rounds, its pending message, its report and its checkpoint, for
        good (the report goes with the thread's row, by its foreign key)."""
        ref = self._own(ref.session_id)
        self.repository.delete_session(session_id=ref.session_id)
        try:
            self.graph.checkpointer.delete_thread(ref.session_id)
        except psycopg.Error as exc:  # the rows are gone; an orphan checkpoint is unreadable
            log.warning("checkpoint of deleted session %s kept: %s", ref.session_id, exc)
        self._owned.pop(ref.session_id, None)

    def _my_learner_id(self) -> str:
        if self._learner_id is None:
            learner = self.repository.get_learner(user_id=uuid.UUID(self.user_id))
            self._learner_id = str(learner.id)
        return self._learner_id

    def _state(self, ref: SessionRef) -> StateSnapshot:
        try:
            snapshot = self.graph.get_state(self._config(ref))
        except psycopg.Error as exc:
            raise from_driver(exc, context="reading the chat checkpoint") from exc
        if snapshot.values.get("user_id") not in (None, self.user_id):
            raise NotAllowed("That session belongs to someone else.")
        return snapshot

    def list_sessions(self) -> list[SessionSummary]:
        return self.repository.list_session_summaries(learner_id=uuid.UUID(self._my_learner_id()))

    def coach(self, ref: SessionRef) -> tuple[CoachingDomain, CoachingPersona]:
        """Read once per service (a page run), not once per turn."""
        ref = self._own(ref.session_id)
        if ref.domain_id not in self._coaches:
            self._coaches[ref.domain_id] = (
                self.repository.get_domain(domain_id=ref.domain_id),
                self.repository.get_persona(domain_id=ref.domain_id),
            )
        return self._coaches[ref.domain_id]

    def transcript(self, ref: SessionRef) -> list[CoachingRound]:
        ref = self._own(ref.session_id)
        return self.repository.list_rounds(session_id=ref.session_id)

    def last_round(self, ref: SessionRef) -> CoachingRound | None:
        """The round just recorded, so a page can show its assessment under the reply it
        streamed instead of redrawing the whole transcript: the row the record returned when
        this service recorded it (once; no query between the reply and its assessment),
        else the newest stored round."""
        ref = self._own(ref.session_id)
        recorded = self._just_recorded.pop(ref.session_id, None)
        if recorded is not None:
            return recorded
        return self.repository.last_round(session_id=ref.session_id)

    def pending_message(self, ref: SessionRef) -> str | None:
        """A learner message without a recorded reply (the model failed, or the run was
        interrupted): it is kept, waiting for `retry`."""
        ref = self._own(ref.session_id)
        pending = self.repository.get_pending_message(session_id=ref.session_id)
        return pending.learner_message if pending else None

    def _context(self, ref: SessionRef) -> ChatContext:
        domain, persona = self.coach(ref)
        return ChatContext(
            repository=self.repository,
            recorder=self.recorder,
            settings=self.settings,
            persona=persona,
            domain=domain,
            session_id=ref.session_id,
            model_factory=self.model_factory,
            judge_factory=self.judge_factory,
        )

    @staticmethod
    def _config(ref: SessionRef) -> dict[str, Any]:
        return {"configurable": {"thread_id": ref.session_id}}
