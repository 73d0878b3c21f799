"""Coaching sessions as the Chat page uses them: start, stream a turn, retry, resume, and
answer the question the scholarship coach paused at ("Mark … as submitted?").

A session id is `<user id>:<domain id>:<random>`. It is a handle, not a secret, so every
load checks that its owner is the signed-in person (and, once it has state, that the
checkpoint agrees) before anything is read from the thread.
"""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import psycopg
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, HumanMessage
from langgraph.types import Command, StateSnapshot
from pydantic import BaseModel, Field, ValidationError

from coach.report import NothingScored, report_numbers
from db.errors import (
    AppError,
    Busy,
    Conflict,
    NotAllowed,
    Unavailable,
    ValidationFailed,
    from_driver,
)
from db.identity import Identity
from db.models import (
    CoachingDomain,
    CoachingPersona,
    CoachingRound,
    NewSessionReport,
    SessionReport,
    SessionSummary,
)
from db.repository import Repository, validation_message
from db.runtime import Database
from db.settings import Settings
from graph.coaching import ChatContext, IncompleteReply, assess, build_graph
from graph.llm import chat_model, judge_model
from graph.report import write_words

log = logging.getLogger(__name__)

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
    if not text.strip():
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


def chat_graph(database: Database) -> Any:
    """Compiled once per process, kept with the root whose checkpointer it uses: a page run
    builds a ChatService, and compiling on every rerun is wasted work."""
    return database.memo("chat_graph", lambda: build_graph(database.checkpointer))


class ChatService:
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

    def end_session(self, session_id: str) -> SessionReport:
        """Write (or rewrite: the student may keep talking and end again) the session's
        report card, and return it as stored. Unscored rounds get one more try first, so the
        card covers all it can; the words come from the judge model when one is configured
        (the offline coach when there is none or it fails), the numbers from the rounds;
        the card is stored through the server's privileged path, like a score."""
        ref = self._own(session_id)
        try:
            self.rescore_unscored(ref)
        except AppError:
            log.warning("rescoring before the report failed for session %s", ref.session_id)
        rounds = self.repository.list_rounds(session_id=ref.session_id)
        if not rounds:
            raise ValidationFailed("This session has no rounds yet: send a message first.")
        _, persona = self.coach(ref)
        try:
            numbers = report_numbers(rounds, persona.dimensions)
        except NothingScored as exc:
            raise ValidationFailed(str(exc)) from exc
        try:
            model = self.judge_factory(self.settings)
        except Exception:  # a misconfigured model must not cost the student their report
            log.exception("no model for the report of session %s", ref.session_id)
            model = None
        name = str(getattr(model, "model_name", None) or self.settings.openai_model)
        words, author = write_words(model, name, numbers, rounds, persona)
        report = NewSessionReport(
            session_id=ref.session_id,
            rounds_scored=numbers.rounds_scored,
            strengths=words.strengths,
            next_steps=words.next_steps,
            summary=words.summary,
            written_by=author,
        )
        return self.recorder.record_session_report(user_id=uuid.UUID(self.user_id), report=report)

    def report(self, ref: SessionRef) -> SessionReport | None:
        """The session's report card, read as the student (None: it has not been ended)."""
        ref = self._own(ref.session_id)
        return self.repository.get_session_report(session_id=ref.session_id)

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

    # questions (news -> Confirm / Not now) ----------------------------------------------
    def pending_question(self, ref: SessionRef) -> PendingQuestion | None:
        """The question this session's graph is paused at, read from its checkpoint, so a
        reload, another page or another process sees it until it is answered."""
        ref = self._own(ref.session_id)
        return question_in(self._state(ref))

    def news_note(self, ref: SessionRef) -> tuple[int, str] | None:
        """What the last answer (or a recorded Lost) did, and the round it follows."""
        ref = self._own(ref.session_id)
        note = self._state(ref).values.get("news_note")
        if isinstance(note, dict) and note.get("text"):
            return int(note.get("round", 0)), str(note["text"])
        return None

    def answer(self, ref: SessionRef, yes: bool) -> Iterator[str]:
        """Resume the paused graph with the learner's answer; yields the coach's short line
        ("Recorded: …" or "Okay, not recorded."). Confirm writes the status once, through
        the student's own credentials (the database checks the proposal's token)."""
        ref = self._own(ref.session_id)
        if question_in(self._state(ref)) is None:
            raise Conflict("That question was already answered.")
        try:
            for _ in self.graph.stream(
                Command(resume=yes is True),
                self._config(ref),
                context=self._context(ref),
                stream_mode="updates",
                durability="exit",
            ):
                pass
        except psycopg.Error as exc:
            raise from_driver(exc, context="recording your answer") from exc
        except AppError:
            raise
        except Exception as exc:
            log.exception("answering the question failed for session %s", ref.session_id)
            raise Unavailable(
                "Your answer could not be recorded just now. The question is still open — "
                "try again in a moment.",
                detail=f"{type(exc).__name__}: {exc}",
            ) from exc
        note = self.news_note(ref)
        if note is not None:
            yield note[1]

    # turns --------------------------------------------------------------------------
    def send(self, ref: SessionRef, text: str) -> Iterator[str]:
        """Stream the coach's reply token by token. The message is stored in the database
        before the model is called and cleared in the transaction that records its round,
        so a failed or interrupted reply leaves it pending for `retry`. The graph run
        checkpoints once, when it exits (also on error), so a turn costs two writes."""
        ref = self._own(ref.session_id)
        problem = message_problem(text)
        if problem is not None:
            raise ValidationFailed(problem)
        try:
            message = LearnerMessage(text=text.strip())
        except ValidationError as exc:  # message_problem says it first; this is the backstop
            raise ValidationFailed(validation_message(exc)) from exc
        _, persona = self.coach(ref)
        if persona.uses_game_plan and self.pending_question(ref) is not None:
            raise Conflict(ANSWER_FIRST)
        # refused there while an earlier message still waits ("retry it first")
        self.repository.save_pending_message(
            session_id=ref.session_id, domain_id=ref.domain_id, learner_message=message.text
        )
        context = self._context(ref)
        yield from self._stream(ref, self._input(ref, message.text), context)
        if context.round_unscored or ref.session_id not in self._all_scored:
            try:  # after the reply: a struggling judge never delays it, nor fails the turn
                self.rescore_unscored(ref)
            except AppError:
                log.warning("rescoring failed for session %s; a later turn retries", ref.session_id)

    def retry(self, ref: SessionRef) -> Iterator[str]:
        ref = self._own(ref.session_id)
        text = self.pending_message(ref)
        if text is None:
            return
        state = self._state(ref)
        if question_in(state) is not None:
            # paused at a question, not failed: resuming would answer it with None
            raise Conflict(ANSWER_FIRST)
        # The run that failed checkpointed the message on exit: resume it. If the process
        # died first, the thread never saw it: send it again from the stored copy.
        yield from self._stream(ref, None if state.next else self._input(ref, text))

    def _input(self, ref: SessionRef, text: str) -> dict[str, Any]:
        payload: dict[str, Any] = {
            "messages": [HumanMessage(content=text)],
            "user_id": self.user_id,
            "domain_id": ref.domain_id,
        }
        if ref.session_id not in self._checkpointed:
            # Rounds recorded without a checkpoint (seeded demo sessions, an import): the
            # graph counts on from the transcript instead of colliding with round 1.
            if "round_number" not in self._state(ref).values:
                payload["round_number"] = len(
                    self.repository.list_rounds(session_id=ref.session_id)
                )
            self._checkpointed.add(ref.session_id)
        return payload

    def _stream(
        self, ref: SessionRef, payload: dict[str, Any] | None, context: ChatContext | None = None
    ) -> Iterator[str]:
        context = context or self._context(ref)
        self._just_recorded.pop(ref.session_id, None)
        streamed = False
        try:
            for chunk, meta in self.graph.stream(
                payload,
                self._config(ref),
                context=context,
                stream_mode="messages",
                durability="exit",
            ):
                if meta.get("langgraph_node") != STREAM_NODE:
                    continue
                if chunk.content:
                    streamed = True
                    yield str(chunk.content)
                if streamed and chunk.response_metadata.get("finish_reason"):
                    yield REPLY_COMPLETE
        except IncompleteReply:
            raise
        except psycopg.Error as exc:
            raise kept(from_driver(exc, context="running a coaching turn")) from exc
        except AppError as exc:
            raise kept(exc) from exc
        except Exception as exc:
            log.exception("coach reply failed for session %s", ref.session_id)
            raise Unavailable(
                "The coach could not answer just now. Your message is saved — "
                "press Retry in a moment.",
                detail=f"{type(exc).__name__}: {exc}",
            ) from exc
        if context.recorded is not None:
            self._just_recorded[ref.session_id] = context.recorded
        if not streamed:  # a reply that did not come from a model (e.g. a polite refusal)
            messages = self._state(ref).values.get("messages", [])
            if messages and isinstance(messages[-1], AIMessage):
                yield str(messages[-1].content)

    def rescore_unscored(self, ref: SessionRef) -> int:
        """Rounds stored without a score (the scorer failed) get another try, in order,
        until the scorer fails again; returns how many were scored now."""
        ref = self._own(ref.session_id)
        unscored = self.repository.list_unscored_rounds(session_id=ref.session_id)
        done = 0
        if unscored:
            context = self._context(ref)
            replies = {
                r.round_number: r.coach_response
                for r in self.repository.list_rounds(session_id=ref.session_id)
            }
            for round_ in unscored:
                question = replies.get(round_.round_number - 1, context.domain.default_opening)
                assessment = assess(context, question or "", round_.learner_message)
                if assessment is None:
                    break  # the judge is still failing: try again on a later message
                self.recorder.set_round_score(
                    round_id=round_.id,
                    score=assessment.score,
                    feedback=assessment.feedback,
                    dimension_scores=assessment.dimension_scores,
                    dimension_reasons=assessment.dimension_reasons or None,
                )
                done += 1
        if done:  # the round remembered for last_round may be one scored just now
            self._just_recorded.pop(ref.session_id, None)
        if done == len(unscored):
            self._all_scored.add(ref.session_id)
        else:
            self._all_scored.discard(ref.session_id)
        return done

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
