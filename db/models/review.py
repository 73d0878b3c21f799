"""Coach review (issue #19): the Review and Learners pages' filters, the analytics rows the
review functions return, and score overrides and reviewed sessions. One module because all of
them are read through the same ReviewFilters, so what "effective score" and the UTC bounds
mean is written down in one place."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from db.models.row import Row

# coach review (issue #19) ----------------------------------------------------------------------
ReviewScore = Annotated[int, Field(ge=1, le=10)]


class ReviewFilters(BaseModel):
    """The Review page's filters, each None = not filtered. `since` is inclusive and `until`
    exclusive (both on a round's created_at); a date means midnight UTC and a naive time is
    read as UTC. The score range applies to the effective score (the human one where a coach
    overrode the AI's)."""

    model_config = ConfigDict(frozen=True)

    domain_id: str | None = None
    learner_id: str | None = None
    team: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    min_score: ReviewScore | None = None
    max_score: ReviewScore | None = None
    reviewed: bool | None = None

    @field_validator("since", "until", mode="before")
    @classmethod
    def _utc(cls, v: Any) -> Any:
        if isinstance(v, date) and not isinstance(v, datetime):
            return datetime.combine(v, time(0), tzinfo=UTC)
        if isinstance(v, datetime) and v.tzinfo is None:
            return v.replace(tzinfo=UTC)
        return v

    @model_validator(mode="after")
    def _ranges(self) -> ReviewFilters:
        if self.min_score is not None and self.max_score is not None:
            if self.min_score > self.max_score:
                raise ValueError("the lowest score must not be above the highest")
        if self.since is not None and self.until is not None and self.since >= self.until:
            raise ValueError("the start must be before the end")
        return self

    def as_params(self) -> dict[str, Any]:
        """The review functions' arguments (p_domain_id ... p_reviewed), None = no filter."""
        return {
            "p_domain_id": self.domain_id,
            "p_learner_id": self.learner_id,
            "p_team": self.team,
            "p_from": self.since,
            "p_to": self.until,
            "p_min_score": self.min_score,
            "p_max_score": self.max_score,
            "p_reviewed": self.reviewed,
        }


class ReviewKpis(Row):
    """The headline numbers for the filtered rounds, and the same for the previous period of
    equal length (the prev_* fields: None unless both `since` and `until` were given).
    average_score uses the human score where there is one; reviewed_share is the share of
    sessions reviewed (0..1), None when there are no sessions."""

    sessions: int = 0
    rounds: int = 0
    average_score: Decimal | None = None
    average_response_ms: int | None = None
    reviewed_share: Decimal | None = None
    prev_sessions: int | None = None
    prev_rounds: int | None = None
    prev_average_score: Decimal | None = None
    prev_average_response_ms: int | None = None
    prev_reviewed_share: Decimal | None = None

    @property
    def has_previous(self) -> bool:
        return self.prev_sessions is not None


class ScoreBucket(Row):
    score: int
    rounds: int


class LearnerTrendPoint(Row):
    """A learner's average (effective) score on one UTC day, over `rounds` scored rounds."""

    learner_id: str
    learner_name: str
    day: date
    average_score: Decimal
    rounds: int


class DimensionAverage(Row):
    """One of a coach's evaluation dimensions, averaged over the rounds that scored it."""

    domain_id: str
    domain_name: str
    dimension: str
    average_score: Decimal
    rounds: int


class ResponseTimeBucket(Row):
    """Rounds whose coach answered within [bucket_ms, bucket_ms + 1000) milliseconds."""

    bucket_ms: int
    rounds: int


class LearnerSummary(Row):
    """A learner's numbers in the Learners page's filters (public.review_learners), on the
    effective scores (the coach's where they overrode the AI's). first_score and latest_score
    are of the first and newest scored rounds; `change` is the average of the last five scored
    rounds minus that of the first five (below ten, the last half minus the first half; None
    below two scored rounds). The name and team are people's text: shown inert."""

    learner_id: str
    learner_name: str
    team: str | None = None
    sessions: int = 0
    rounds: int = 0
    average_score: Decimal | None = None
    first_score: int | None = None
    latest_score: int | None = None
    best_score: int | None = None
    last_round_at: datetime
    unreviewed_sessions: int = 0
    overridden_rounds: int = 0
    change: Decimal | None = None


class RoundReview(Row):
    """A row of public.coaching_round_reviews: a round with its AI score, the newest human
    override (if any) and `score`, the one analytics use (human where present). Messages,
    feedback, reasons and names are the learner's, a model's or a coach's text: shown inert."""

    round_id: UUID
    session_id: str | None = None
    learner_id: str
    learner_name: str | None = None
    team: str | None = None
    domain_id: str
    domain_name: str | None = None
    round_number: int = 1
    created_at: datetime
    response_time_ms: int | None = None
    learner_message: str
    coach_response: str
    feedback: str | None = None
    dimension_scores: dict[str, int | None] | None = None
    dimension_reasons: dict[str, str] | None = None
    ai_score: int | None = None
    human_score: int | None = None
    score: int | None = None
    override_reason: str | None = None
    override_by: str | None = None
    override_at: datetime | None = None
    override_count: int = 0
    reviewed: bool = False
    not_scored_reason: str | None = None
    # the session's review, which may be older than this round (then `reviewed` is false)
    reviewed_by_name: str | None = None
    reviewed_at: datetime | None = None
    review_note: str | None = None
    review_note_by: str | None = None
    review_noted_at: datetime | None = None

    @property
    def overridden(self) -> bool:
        return self.human_score is not None


class ScoreOverride(Row):
    """A coach's score for a round and why; the newest per round is the human score."""

    id: UUID
    round_id: UUID
    score: int
    reason: str
    coach_id: UUID
    coach_name: str
    created_at: datetime


class SessionReview(Row):
    """A session marked reviewed (by a coach, or by overriding one of its rounds)."""

    session_id: str
    reviewed_by: UUID | None = None
    reviewer_name: str
    reviewed_at: datetime
    note: str | None = None
    note_by_name: str | None = None  # who wrote the note, which a later review may keep
    noted_at: datetime | None = None


class NoteSeen(Row):
    """The review note a coach's page showed, by when it was written (None: it showed none):
    a note written since is not overwritten unseen."""

    noted_at: datetime | None = None


class FilterOption(Row):
    """One choice for a Review filter: a coach (domain), a learner or a team."""

    kind: Literal["domain", "learner", "team"]
    value: str
    label: str
