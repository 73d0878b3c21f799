"""Coach review (issue #19): the analytics behind the Review, Learners and My progress
pages, score overrides and reviewed sessions. Every read takes the same ReviewFilters, turned
into the review functions' arguments in one place here."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from db.models import (
    DimensionAverage,
    FilterOption,
    LearnerSummary,
    LearnerTrendPoint,
    NoteSeen,
    ResponseTimeBucket,
    ReviewFilters,
    ReviewKpis,
    RoundReview,
    ScoreBucket,
    ScoreOverride,
    SessionReview,
)
from db.repository.base import RepositoryBase


class ReviewMixin(RepositoryBase):
    # coach review (issue #19) ------------------------------------------------------------
    # As the signed-in person: a coach or admin gets every learner's numbers, a student only
    # their own (My progress reuses these). Filters are ReviewFilters; None = not filtered.
    def review_kpis(self, filters: ReviewFilters | None = None) -> ReviewKpis:
        rows = self.transport.rpc("review_kpis", _review_params(filters))
        return ReviewKpis.model_validate(rows[0]) if rows else ReviewKpis()

    def review_score_distribution(self, filters: ReviewFilters | None = None) -> list[ScoreBucket]:
        """Rounds per effective score, all ten scores (1..10), zeros included."""
        return self._rows(
            ScoreBucket, self.transport.rpc("review_score_distribution", _review_params(filters))
        )

    def review_learner_trend(
        self, filters: ReviewFilters | None = None, *, time_zone: str = "UTC"
    ) -> list[LearnerTrendPoint]:
        """Each learner's average effective score per day in `time_zone` (the coach's; an
        unknown zone counts UTC days), by name then day."""
        params = {**_review_params(filters), "p_time_zone": time_zone}
        return self._rows(LearnerTrendPoint, self.transport.rpc("review_learner_trend", params))

    def review_dimension_averages(
        self, filters: ReviewFilters | None = None
    ) -> list[DimensionAverage]:
        """Each coach's evaluation dimensions, averaged (unscored dimensions skipped)."""
        return self._rows(
            DimensionAverage,
            self.transport.rpc("review_dimension_averages", _review_params(filters)),
        )

    def review_response_times(
        self, filters: ReviewFilters | None = None
    ) -> list[ResponseTimeBucket]:
        """A histogram of response times in 1000 ms buckets (only rounds that have one)."""
        return self._rows(
            ResponseTimeBucket,
            self.transport.rpc("review_response_times", _review_params(filters)),
        )

    def review_rounds(
        self, filters: ReviewFilters | None = None, *, limit: int = 5000
    ) -> list[RoundReview]:
        """The filtered rounds, newest first, at most `limit` of them."""
        params = {**_review_params(filters), "p_limit": limit}
        return self._rows(RoundReview, self.transport.rpc("review_rounds", params))

    def review_learners(
        self,
        *,
        domain_id: str | None = None,
        team: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> list[LearnerSummary]:
        """One summary per learner with rounds in these filters, by name. The bounds go
        through ReviewFilters so they mean what they mean everywhere else on the page (a
        time without a zone is UTC, `until` is exclusive, the start comes before the end)."""
        f = ReviewFilters(domain_id=domain_id, team=team, since=since, until=until)
        params = {k: v for k, v in f.as_params().items() if k in _LEARNER_PARAMS}
        return self._rows(LearnerSummary, self.transport.rpc("review_learners", params))

    def review_filter_options(self) -> list[FilterOption]:
        """What the Review filters offer: coaches, and the learners and teams with sessions."""
        return self._rows(FilterOption, self.transport.rpc("review_filter_options"))

    def override_round_score(
        self, *, round_id: UUID, score: int, reason: str, seen_round: int | None = None
    ) -> ScoreOverride:
        """A coach's or admin's score for a round, with why; kept beside the AI's score (every
        override is kept; the newest is the human score) and marks the session reviewed
        through `seen_round`, the newest round the coach's page showed (None: every round
        stored). The database refuses anyone else, a score outside 1-10 and a reason outside
        3-500 characters, each in a sentence."""
        rows = self.transport.rpc(
            "override_round_score",
            {
                "p_round_id": round_id,
                "p_score": score,
                "p_reason": reason,
                "p_seen_round": seen_round,
            },
        )
        return self._one(ScoreOverride, rows, "That coaching round was not found.")

    def mark_session_reviewed(
        self,
        *,
        session_id: str,
        note: str | None = None,
        seen_round: int | None = None,
        note_seen: NoteSeen | None = None,
    ) -> SessionReview:
        """Coaches and admins: the session is reviewed through `seen_round`, the newest round
        the coach's page showed (None: every round stored); marking again keeps an earlier
        note unless a new one is given. With `note_seen` (when the note the page showed was
        written, or that it showed none), a note written since is not overwritten: the
        database answers who wrote it (Conflict)."""
        params: dict[str, Any] = {
            "p_session_id": session_id,
            "p_note": note,
            "p_seen_round": seen_round,
        }
        if note_seen is not None:
            params["p_note_seen_at"] = note_seen.noted_at
        rows = self.transport.rpc("mark_session_reviewed", params)
        return self._one(SessionReview, rows, "That session was not found.")

    def unreviewed_rounds_kept_unscored(self, *, reason: str) -> list[RoundReview]:
        """Staff: rounds no coach has reviewed yet that were kept unscored for `reason`,
        newest first: Home names first the ones where a learner wrote that they may harm
        themselves (coach.crisis.CRISIS_REASON)."""
        rows = self.transport.select(
            "coaching_round_reviews",
            eq={"not_scored_reason": reason, "reviewed": False},
            order="created_at.desc",
        )
        return self._rows(RoundReview, rows)

    def score_overrides(self, *, round_id: UUID) -> list[ScoreOverride]:
        """A round's override history, newest first (RLS: staff, or the round's learner)."""
        rows = self.transport.select(
            "coaching_score_overrides", eq={"round_id": round_id}, order="created_at.desc"
        )
        return self._rows(ScoreOverride, rows)

    def session_round_reviews(self, *, session_id: str) -> list[RoundReview]:
        """A session's rounds with the coach's score beside the AI's, in order: the learner's
        Chat shows a changed score as My progress and Review do (RLS: their own)."""
        rows = self.transport.select(
            "coaching_round_reviews", eq={"session_id": session_id}, order="round_number"
        )
        return self._rows(RoundReview, rows)

    def session_review(self, *, session_id: str) -> SessionReview | None:
        """Whether (and by whom) a session was marked reviewed; None if it was not."""
        rows = self.transport.select("coaching_session_reviews", eq={"session_id": session_id})
        return SessionReview.model_validate(rows[0]) if rows else None


_LEARNER_PARAMS = ("p_domain_id", "p_team", "p_from", "p_to")


def _review_params(filters: ReviewFilters | None) -> dict[str, Any]:
    return (filters or ReviewFilters()).as_params()
