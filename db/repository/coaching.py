"""Coaching sessions: the coaches, the learner, and a session's thread, pending message,
rounds, scores and report card. Several calls here are privileged (the server records rounds
and reports for the person it signed in), which is why they are written down together."""

from __future__ import annotations

from uuid import UUID

from db.models import (
    CoachingDomain,
    CoachingPersona,
    CoachingRound,
    CoachingThread,
    Learner,
    NewRound,
    NewSessionReport,
    PendingMessage,
    SessionReport,
    SessionSummary,
)
from db.repository.base import RepositoryBase


class CoachingMixin(RepositoryBase):
    # coaching ------------------------------------------------------------------------
    def list_domains(self, *, active_only: bool = True) -> list[CoachingDomain]:
        eq = {"is_active": True} if active_only else None
        return self._rows(
            CoachingDomain, self.transport.select("coaching_domains", eq=eq, order="name")
        )

    def get_persona(self, *, domain_id: str) -> CoachingPersona:
        rows = self.transport.select("coaching_personas", eq={"domain_id": domain_id})
        return self._one(CoachingPersona, rows, "That coach is not available.")

    def get_learner(self, *, user_id: UUID) -> Learner:
        rows = self.transport.select("learners", eq={"user_id": user_id})
        return self._one(Learner, rows, "Your learner profile is missing.")

    def start_session(self, *, domain_id: str) -> CoachingThread:
        """A new session id, made by the database and bound to the caller's learner."""
        rows = self.transport.rpc("start_coaching_session", {"p_domain_id": domain_id})
        return self._one(CoachingThread, rows, "That coach is not available.")

    def get_thread(self, *, session_id: str) -> CoachingThread | None:
        rows = self.transport.select("coaching_threads", eq={"session_id": session_id})
        return CoachingThread.model_validate(rows[0]) if rows else None

    def record_round(self, *, user_id: UUID, new_round: NewRound) -> CoachingRound:
        """Privileged (service role): the server records a round for `user_id`, the person it
        signed in, never an id from the browser."""
        rows = self.transport.rpc(
            "record_coaching_round", {"p_user_id": user_id, **new_round.as_params()}
        )
        return self._one(CoachingRound, rows, "The round could not be saved.")

    def discard_pending_message(self, *, session_id: str) -> None:
        self.transport.rpc("discard_pending_message", {"p_session_id": session_id})

    def delete_session(self, *, session_id: str) -> None:
        self.transport.rpc("delete_coaching_session", {"p_session_id": session_id})

    def list_rounds(self, *, session_id: str) -> list[CoachingRound]:
        rows = self.transport.select(
            "coaching_sessions", eq={"session_id": session_id}, order="round_number"
        )
        return self._rows(CoachingRound, rows)

    def last_round(self, *, session_id: str) -> CoachingRound | None:
        rows = self.transport.select(
            "coaching_sessions", eq={"session_id": session_id}, order="round_number.desc", limit=1
        )
        return CoachingRound.model_validate(rows[0]) if rows else None

    def save_pending_message(
        self, *, session_id: str, domain_id: str, learner_message: str
    ) -> PendingMessage:
        rows = self.transport.rpc(
            "save_pending_message",
            {
                "p_session_id": session_id,
                "p_domain_id": domain_id,
                "p_learner_message": learner_message,
            },
        )
        return self._one(PendingMessage, rows, "Your message could not be saved.")

    def get_pending_message(self, *, session_id: str) -> PendingMessage | None:
        rows = self.transport.select("coaching_pending_messages", eq={"session_id": session_id})
        return PendingMessage.model_validate(rows[0]) if rows else None

    def list_unscored_rounds(self, *, session_id: str) -> list[CoachingRound]:
        rows = self.transport.select(
            "coaching_sessions",
            eq={"session_id": session_id, "score": None, "not_scored_reason": None},
            order="round_number",
        )
        return self._rows(CoachingRound, rows)

    def list_session_summaries(
        self, *, learner_id: UUID | None = None, limit: int = 200
    ) -> list[SessionSummary]:
        eq = {"learner_id": str(learner_id)} if learner_id else None
        rows = self.transport.select(
            "coaching_session_summaries", eq=eq, order="last_active_at.desc", limit=limit
        )
        return self._rows(SessionSummary, rows)

    def set_round_score(
        self,
        *,
        round_id: UUID,
        score: int,
        feedback: str,
        dimension_scores: dict[str, int | None],
        dimension_reasons: dict[str, str] | None = None,
    ) -> CoachingRound:
        """Privileged (service role), like record_round."""
        rows = self.transport.rpc(
            "set_round_score",
            {
                "p_round_id": round_id,
                "p_score": score,
                "p_feedback": feedback,
                "p_dimension_scores": dimension_scores,
                "p_dimension_reasons": dimension_reasons,
            },
        )
        return self._one(CoachingRound, rows, "That coaching round was not found.")

    def record_session_report(self, *, user_id: UUID, report: NewSessionReport) -> SessionReport:
        """Privileged (service role), like record_round: the report card of `user_id`'s
        session. The database computes its numbers from the stored rounds."""
        rows = self.transport.rpc(
            "record_session_report", {"p_user_id": user_id, **report.as_params()}
        )
        return self._one(SessionReport, rows, "The report could not be saved.")

    def get_session_report(self, *, session_id: str) -> SessionReport | None:
        """As the caller: RLS shows a student only their own reports."""
        rows = self.transport.select("coaching_session_reports", eq={"session_id": session_id})
        return SessionReport.model_validate(rows[0]) if rows else None

    def get_domain(self, *, domain_id: str) -> CoachingDomain:
        rows = self.transport.select("coaching_domains", eq={"id": domain_id})
        return self._one(CoachingDomain, rows, "That coach is not available.")
