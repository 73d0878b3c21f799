"""The part of ChatService that ends a session: the report card written (numbers from the
rounds, words from the judge model or the offline coach) and stored through the privileged
recorder, and read back as the student. Its own module because it is the one step that
reaches for coach/report.py and graph/report.py rather than the coaching graph.
"""

from __future__ import annotations

import logging
import uuid

from coach.report import NothingScored, report_numbers
from db.errors import AppError, ValidationFailed
from db.models import NewSessionReport, SessionReport
from graph.chat.turns import ChatTurns
from graph.chat.values import SessionRef
from graph.report import write_words

log = logging.getLogger(__name__)


class ChatReports(ChatTurns):
    """The end-of-session report card; see ChatService."""

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
        if all(r.not_scored_reason for r in rounds):
            raise ValidationFailed(
                "There is nothing to report yet: none of your messages was an answer to score "
                "(short replies, questions to the coach, news, thanks and goodbyes are not "
                "scored). Answer one of the coach's questions in a sentence or two, then end "
                "the session."
            )
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
