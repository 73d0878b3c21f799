"""The part of ChatService that runs the graph: a turn streamed token by token (send, retry),
the Confirm / Not now answer to a paused question, and the rescoring of rounds the judge left
unscored. Kept apart from the session bookkeeping it relies on (graph/chat/sessions.py) so the
streaming and its failure handling read in one place.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import openai
import psycopg
from langchain_core.messages import AIMessage, HumanMessage
from langgraph.types import Command
from pydantic import ValidationError

from coach.news import NO_NEWS_YET
from coach.news_words import takes_back
from coach.session_moves import yes_or_no
from db.checkpointer import prune_thread
from db.errors import AppError, Conflict, Unavailable, ValidationFailed, from_driver
from db.repository import validation_message
from graph.chat.sessions import ChatSessions
from graph.chat.values import (
    ANSWER_FIRST,
    REPLY_COMPLETE,
    STREAM_NODE,
    LearnerMessage,
    NewsLine,
    PendingQuestion,
    SessionRef,
    kept,
    message_problem,
    question_in,
)
from graph.chat_context import last_learner_message
from graph.chat_news import PASSED, SETTLED, stands_at
from graph.coaching import ChatContext, IncompleteReply, assess

log = logging.getLogger(__name__)

STILL_ANSWERING = (
    "The coach is still answering this conversation in another tab or window. Give it a "
    "moment, then try again here: that reply shows above yours."
)
# Sessions with a run in progress in this process: two tabs on one session (a Retry beside
# a reply still streaming) ran two graph runs on one thread, and the loser could leave the
# thread's round count behind the database for good.
_RUNNING: dict[str, int] = {}  # session id -> the thread running it
_RUNNING_GUARD = threading.Lock()


@contextmanager
def one_run(session_id: str) -> Iterator[None]:
    """One graph run per session at a time in this process; the thread that holds it may
    enter again (a send settles a question answered on the Game plan meanwhile)."""
    me = threading.get_ident()
    with _RUNNING_GUARD:
        holder = _RUNNING.get(session_id)
        if holder is not None and holder != me:
            raise Conflict(STILL_ANSWERING)
        mine = holder is None
        _RUNNING[session_id] = me
    try:
        yield
    finally:
        if mine:
            with _RUNNING_GUARD:
                _RUNNING.pop(session_id, None)


# every so many rounds the thread keeps only its latest checkpoint (db.checkpointer.prune_thread):
# rarely enough that a typical session of a few dozen rounds pays for it once at most
PRUNE_EVERY = 25


class ChatTurns(ChatSessions):
    """Turns, answers and rescoring; see ChatService."""

    # questions (news -> Confirm / Not now) ----------------------------------------------
    def pending_question(self, ref: SessionRef) -> PendingQuestion | None:
        """The question this session's graph is paused at, read from its checkpoint, so a
        reload, another page or another process sees it until it is answered."""
        ref = self._own(ref.session_id)
        state = self._state(ref)
        question = question_in(state)
        if question is not None and self._settled_elsewhere(question, state.values):
            self._resume(ref, SETTLED)  # the chat says how it was settled, and asks no more
            return None
        return question

    def _settled_elsewhere(self, question: PendingQuestion, values: dict[str, Any]) -> bool:
        """Answered on the Game plan meanwhile (its dialog confirmed or cancelled this very
        proposal), or the application left the plan: asking again could only expire."""
        user_id = self.repository.identity.user_id
        assert user_id is not None
        applications = {a.id: a for a in self.repository.list_applications(user_id=user_id)}
        app = applications.get(question.application_id)
        if app is None:
            return True
        token = (values.get("proposal") or {}).get("token")
        if token is None:  # Lost and Drafting are only asked about: settled once so
            return stands_at(app, question.status)
        pending = (app.metadata or {}).get("pending_transition") or {}
        return pending.get("token") != token

    def news_note(self, ref: SessionRef) -> tuple[int, str] | None:
        """What the last answer (or a recorded Lost) did, and the round it follows."""
        notes = self._notes(ref)
        return notes[-1] if notes else None

    def news_notes(self, ref: SessionRef) -> dict[int, str]:
        """Every such line of the session by the round it follows."""
        return {line.round: line.text for line in self.news_lines(ref)}

    def _notes(self, ref: SessionRef) -> list[tuple[int, str]]:
        return [(line.round, line.text) for line in self.news_lines(ref)]

    def news_lines(self, ref: SessionRef) -> list[NewsLine]:
        """The session's lines, oldest first, each with the yes or no typed to get it (the
        last one only, for a thread written before they were all kept)."""
        ref = self._own(ref.session_id)
        values = self._state(ref).values
        notes = values.get("news_notes") or [values.get("news_note")]
        return [
            NewsLine(round=int(n.get("round", 0)), text=str(n["text"]), said=n.get("said"))
            for n in notes
            if isinstance(n, dict) and n.get("text")
        ]

    def answer(self, ref: SessionRef, yes: bool, typed: str | None = None) -> Iterator[str]:
        """Resume the paused graph with the learner's answer; yields the coach's short line
        ("Recorded: …" or "Okay, not recorded."). Confirm writes the status once, through
        the student's own credentials (the database checks the proposal's token)."""
        ref = self._own(ref.session_id)
        state = self._state(ref)
        question = question_in(state)
        if question is None:
            raise Conflict("That question was already answered.")
        # a page drawn before the Game plan answered it: say what that did, write nothing
        settled = self._settled_elsewhere(question, state.values)
        # only a short yes or no is kept as the learner's words under the line
        said = (
            typed.strip() if typed and len(typed) <= 200 and yes_or_no(typed) is not None else None
        )
        self._resume(ref, SETTLED if settled else yes is True, said)
        note = self.news_note(ref)
        if note is not None:
            yield note[1]

    def _resume(self, ref: SessionRef, answer: bool | str, typed: str | None = None) -> None:
        with one_run(ref.session_id):
            self._resume_now(ref, answer, typed)

    def _resume_now(self, ref: SessionRef, answer: bool | str, typed: str | None = None) -> None:
        context = self._context(ref)
        context.typed_answer = typed
        try:
            for _ in self.graph.stream(
                Command(resume=answer),
                self._config(ref),
                context=context,
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
        with one_run(ref.session_id):
            question = self.pending_question(ref) if persona.uses_game_plan else None
            if question is not None:
                # talking on past a Confirm / Not now: it is left unanswered, and said so;
                # "wait no, i didnt yet…" is the No, typed (an audit's was left open), and so
                # is "still waiting" under a win or a loss (an audit's Won stayed proposed)
                no = takes_back(message.text) or (
                    question.status in ("awarded", "rejected")
                    and NO_NEWS_YET.search(message.text) is not None
                )
                self._resume_now(ref, False if no else PASSED)
            # refused there while an earlier message still waits ("retry it first")
            self.repository.save_pending_message(
                session_id=ref.session_id, domain_id=ref.domain_id, learner_message=message.text
            )
            context = self._context(ref)
            yield from self._stream(ref, self._input(ref, message.text), context)
            if context.round_unscored:
                # the judge failed on this very round just now: asking it again at once only
                # doubles the wait (a timeout is minutes of retries); the next message does
                self._all_scored.discard(ref.session_id)
            elif ref.session_id not in self._all_scored:
                try:  # after the reply: a struggling judge never delays it, nor fails the turn
                    if self.rescore_unscored(ref):
                        self._rescored.add(ref.session_id)
                except AppError:
                    log.warning("rescoring failed for %s; a later turn retries", ref.session_id)
            if context.recorded is not None and context.recorded.round_number % PRUNE_EVERY == 0:
                prune_thread(self.graph.checkpointer, ref.session_id)

    def scored_earlier_rounds(self, ref: SessionRef) -> bool:
        """Whether the last send also scored rounds shown before it as pending: the page
        redraws them (once; asking again says no)."""
        if ref.session_id not in self._rescored:
            return False
        self._rescored.discard(ref.session_id)
        return True

    def retry(self, ref: SessionRef) -> Iterator[str]:
        ref = self._own(ref.session_id)
        text = self.pending_message(ref)
        if text is None:
            return
        with one_run(ref.session_id):
            state = self._state(ref)
            if question_in(state) is not None:
                # paused at a question, not failed: resuming would answer it with None
                raise Conflict(ANSWER_FIRST)
            # The run that failed checkpointed the message on exit: resume it. If the process
            # died first, the thread never saw it: send it again from the stored copy. So
            # too when the unfinished run is another message's (a run that lost a race with
            # another tab): resuming it would only try to record that one again; new input
            # discards its unfinished steps.
            resume = bool(state.next) and self._waiting_text(state) == text
            yield from self._stream(ref, None if resume else self._input(ref, text))

    @staticmethod
    def _waiting_text(state: Any) -> str | None:
        try:
            return str(last_learner_message(state.values.get("messages", [])).content)
        except ValueError:
            return None

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
                model_fault_words(exc), detail=f"{type(exc).__name__}: {exc}"
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


def model_fault_words(exc: BaseException) -> str:
    """What a failed model call means to the learner. A 429 read as a 500 did ("press Retry
    in a moment", an audit), though an account out of credit will not answer in a moment."""
    if isinstance(exc, openai.RateLimitError):
        body = exc.body if isinstance(exc.body, dict) else {}
        if body.get("code") == "insufficient_quota" or exc.code == "insufficient_quota":
            return (
                "The coach's model account is out of credit, so it cannot answer. Your message "
                "is saved: ask whoever runs this app to top it up or switch to the offline "
                "coach, then press Retry."
            )
        return (
            "The coach's model is getting too many requests right now. Your message is "
            "saved — press Retry in a minute."
        )
    return "The coach could not answer just now. Your message is saved — press Retry in a moment."
