"""Pydantic models at the repository boundary: rows in, validated input out.

Rows arrive as Python types from psycopg or as JSON from PostgREST; these models make both
the same. Input models repeat the database's rules so a person sees what to fix before a
round trip; the database constraints stay the final word.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Annotated, Any, Literal
from uuid import UUID
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

ApplicationStatus = Literal["draft", "submitted", "awarded", "rejected"]
PellStatus = Literal["eligible", "ineligible", "unknown"]
UserRole = Literal["student", "coach", "admin"]

US_STATES = frozenset(
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH "
    "NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY AS GU MP PR VI".split()
)


class Row(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class Profile(Row):
    id: UUID
    full_name: str | None = None
    role: UserRole = "student"
    gpa: Decimal | None = None
    intended_major: str | None = None
    state: str | None = None
    sai: int | None = Field(default=None, repr=False)
    pell_eligibility_status: PellStatus = "unknown"
    preferences: dict[str, Any] = Field(default_factory=dict)
    onboarding_completed_at: datetime | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None


class ProfileInput(BaseModel):
    """What a student may set about themselves (never their role)."""

    model_config = ConfigDict(str_strip_whitespace=True)

    full_name: str = Field(min_length=1, max_length=120)
    gpa: Decimal | None = Field(default=None, ge=0, le=4, decimal_places=2)
    intended_major: str | None = Field(default=None, max_length=120)
    state: str | None = None
    sai: int | None = Field(default=None, ge=-1500, le=999999)
    pell_eligibility_status: PellStatus = "unknown"

    @field_validator("state")
    @classmethod
    def _us_state(cls, v: str | None) -> str | None:
        if v in (None, ""):
            return None
        code = v.upper()
        if code not in US_STATES:
            raise ValueError("must be a two-letter US state code, such as CA or NY")
        return code

    def as_params(self) -> dict[str, Any]:
        return {f"p_{k}": (str(v) if isinstance(v, Decimal) else v) for k, v in self}


class Scholarship(Row):
    id: UUID
    title: str
    provider: str | None = None
    url: str
    amount: Decimal | None = None
    deadline: datetime | None = None
    trust_score: int | None = None
    need_based: bool = False
    metadata: dict[str, Any] = Field(default_factory=dict)
    verified_at: datetime | None = None

    @property
    def application_type(self) -> str | None:
        return self.metadata.get("application_type")


class Application(Row):
    id: UUID
    user_id: UUID
    scholarship_id: UUID
    status: ApplicationStatus
    momentum_score: Decimal | None = None
    submitted_at: datetime | None = None
    last_progress_at: datetime | None = None
    confirmed_at: datetime | None = None
    metadata: dict[str, Any] = Field(default_factory=dict)
    created_at: datetime | None = None
    updated_at: datetime | None = None


class StatusProposal(Row):
    application_id: UUID
    proposed_status: ApplicationStatus
    confirmation_token: UUID | None = None
    applied: bool


class CheckInTask(Row):
    id: UUID
    user_id: UUID
    application_id: UUID
    due_at: datetime
    status: Literal["pending", "completed", "dismissed"]
    completed_at: datetime | None = None


class CoachingDomain(Row):
    id: str
    name: str
    category: str
    difficulty: str | None = None
    description: str | None = None
    scenario: str | None = None
    default_opening: str | None = None
    knowledge_tags: list[str] = Field(default_factory=list)
    is_active: bool = True

    @field_validator("knowledge_tags", mode="before")
    @classmethod
    def _none_is_empty(cls, v: Any) -> Any:
        return v or []


class CoachingPersona(Row):
    domain_id: str
    system_prompt: str
    coaching_style: str | None = None
    evaluation_criteria: dict[str, Any] = Field(default_factory=dict)
    interaction_patterns: dict[str, Any] | None = None
    forbidden_topics: list[str] = Field(default_factory=list)
    success_conditions: str | None = None
    uses_game_plan: bool = False  # read the student's Top 3 into the prompt each round

    @field_validator("forbidden_topics", "evaluation_criteria", mode="before")
    @classmethod
    def _none_is_empty(cls, v: Any, info: Any) -> Any:
        if v is None:
            return [] if info.field_name == "forbidden_topics" else {}
        return v

    @property
    def dimensions(self) -> list[str]:
        return list(self.evaluation_criteria.get("dimensions", []))


class Learner(Row):
    id: UUID
    name: str
    team: str | None = None
    position: str | None = None
    user_id: UUID | None = None


class CoachingRound(Row):
    id: UUID
    learner_id: str
    domain_id: str
    learner_message: str
    coach_response: str
    round_number: int = 1
    session_id: str | None = None
    response_time_ms: int | None = None
    score: int | None = None
    feedback: str | None = None
    dimension_scores: dict[str, Any] | None = None
    dimension_reasons: dict[str, str] | None = None
    created_at: datetime | None = None


class CoachingThread(Row):
    """A coaching session as the server created it: its id and the one learner it belongs to."""

    session_id: str
    learner_id: str
    domain_id: str
    created_at: datetime


class PendingMessage(Row):
    session_id: str
    learner_id: str
    domain_id: str
    learner_message: str
    created_at: datetime


class SessionSummary(Row):
    session_id: str
    learner_id: str
    domain_id: str
    rounds: int
    average_score: Decimal | None = None
    unscored_rounds: int = 0
    started_at: datetime
    last_active_at: datetime
    title: str | None = None  # the learner's first message, cut to 120 characters
    report_written_at: datetime | None = None  # None: the session has no report card

    @property
    def has_report(self) -> bool:
        return self.report_written_at is not None


class NewRound(BaseModel):
    domain_id: str = Field(min_length=1)
    session_id: str = Field(min_length=1, max_length=200)
    round_number: int = Field(ge=1)
    learner_message: str = Field(min_length=1, max_length=8000)
    coach_response: str
    response_time_ms: int | None = Field(default=None, ge=0)
    score: int | None = Field(default=None, ge=1, le=10)
    feedback: str | None = Field(default=None, max_length=2000)
    dimension_scores: dict[str, int | None] | None = None
    dimension_reasons: dict[str, str] | None = None

    def as_params(self) -> dict[str, Any]:
        return {f"p_{k}": v for k, v in self}


class SessionReport(Row):
    """A session's report card as stored. Its numbers were computed by the database from the
    stored rounds; only the words came from the server (a model or the offline coach)."""

    session_id: str
    user_id: UUID
    domain_id: str
    rounds_scored: int
    overall_average: Decimal
    dimension_averages: dict[str, Decimal] = Field(default_factory=dict)
    strengths: list[str]
    next_steps: list[str]
    summary: str
    written_by: str
    created_at: datetime


ReportLine = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]


class NewSessionReport(BaseModel):
    """What the server sends to record a report: the words, and how many scored rounds they
    were written from (the database refuses the report if the session has changed since)."""

    session_id: str = Field(min_length=1, max_length=200)
    rounds_scored: int = Field(ge=1)
    strengths: list[ReportLine] = Field(min_length=1, max_length=3)
    next_steps: list[ReportLine] = Field(min_length=1, max_length=3)
    summary: str = Field(min_length=1, max_length=400)
    written_by: str = Field(min_length=1, max_length=200)

    def as_params(self) -> dict[str, Any]:
        return {f"p_{k}": v for k, v in self}


# discovery runs (seed 001, issue #16) -------------------------------------------------------
DiscoveryStatus = Literal["running", "completed", "failed"]
DiscoveryStep = Literal["searching", "verifying", "prioritizing", "done", "failed"]


class DiscoveryRun(Row):
    """A discovery_completions row: one run of the orchestration graph."""

    id: UUID
    discovery_run_id: UUID
    user_id: UUID
    thread_id: str
    status: DiscoveryStatus
    step: DiscoveryStep = "searching"
    detail: str | None = None
    message: str | None = None
    completed_at: datetime | None = None
    finished_at: datetime | None = None
    announced_at: datetime | None = None
    created_at: datetime | None = None


ResultText = Annotated[str, StringConstraints(max_length=500)]


class DiscoveryResultRow(BaseModel):
    """One listing a run found, as stored: a kept match (scores and reasons) or a listing the
    Trust Filter dropped (`kept` False, its red flags). Written by the server only."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    result_id: str = Field(min_length=1, max_length=200)
    kept: bool
    position: int = Field(ge=0)
    title: str = Field(min_length=1, max_length=300)
    url: str = Field(min_length=1, max_length=2000)
    provider: str | None = Field(default=None, max_length=300)
    trust_score: int = Field(ge=0, le=100)
    need_match_score: int | None = Field(default=None, ge=0, le=100)
    scholarship_id: UUID | None = None
    amount: Decimal | None = Field(default=None, ge=0)
    deadline: datetime | None = None
    application_type: Literal["essay", "form", "mixed"] | None = None
    trust_reasons: list[ResultText] = Field(default_factory=list)
    need_explanations: list[ResultText] = Field(default_factory=list)
    red_flags: list[ResultText] = Field(default_factory=list)


# game plan (issue #17) ------------------------------------------------------------------------
CheckInAnswerText = Literal["won", "lost", "not_yet"]


class CheckInAnswer(Row):
    """What answering "Have you heard back?" did. 'won' writes nothing yet: it returns the
    pending Won confirmation (`confirmation_token`, confirm with `confirm_status`); 'lost'
    marks the application rejected and completes the check-in; 'not_yet' asks again in 7
    days (`due_at`) and marks the application Outcome Pending."""

    check_in_id: UUID
    application_id: UUID
    answer: CheckInAnswerText
    application_status: ApplicationStatus
    check_in_status: Literal["pending", "completed", "dismissed"]
    due_at: datetime
    proposed_status: ApplicationStatus | None = None  # 'awarded' after a 'won' answer
    confirmation_token: UUID | None = None

    @property
    def needs_confirmation(self) -> bool:
        return self.confirmation_token is not None


class Top3Row(Row):
    """One of the student's Top 3 open applications at app_now(), as public.my_top3() ranks
    them (highest momentum, quick forms first on ties, then title)."""

    application_id: UUID
    scholarship_id: UUID
    title: str
    amount: Decimal | None = None
    deadline: datetime | None = None
    application_type: str | None = None
    momentum: Decimal
    coach_state: str  # the state's label: "Tracked", "Drafting", "Review"


class DashboardToast(Row):
    """A dashboard toast the sidecar wrote to notification_log, as public.claim_my_toasts()
    returns it to its student, once: only what the toast shows. Subject and body were rendered
    by the sidecar; a page shows them inert."""

    id: UUID
    notification_type: str | None = None
    subject: str | None = None
    body: str | None = None
    sent_at: datetime


# the outbox and notification preferences (nudge sidecar) --------------------------------------
OutboxState = Literal["pending", "sent", "cancelled"]


class OutboxMessage(Row):
    """An email nudge as notification_log keeps it, as an admin reads it on the Outbox page.
    Pending rows have no subject or body yet: the sidecar writes them when it delivers (or,
    with no SMTP_HOST, keeps) the message. Subject and body carry scholarship titles and a
    student's name: a page shows them inert."""

    id: UUID
    user_id: UUID
    channel: Literal["email", "dashboard_toast"]
    notification_type: str | None = None
    template_name: str | None = None
    recipient: str | None = None
    subject: str | None = None
    body: str | None = Field(default=None, repr=False)
    state: OutboxState
    delivery: Literal["outbox", "smtp", "toast"] | None = None
    delivery_error: str | None = None
    attempts: int = 0
    claimed_at: datetime | None = None
    sent_at: datetime | None = None
    application_ids: list[UUID] = Field(default_factory=list)

    @field_validator("application_ids", mode="before")
    @classmethod
    def _none_is_empty(cls, v: Any) -> Any:
        return v or []

    @property
    def when(self) -> datetime | None:
        """When it went out, or, still pending or cancelled, when the sidecar chose it."""
        return self.sent_at or self.claimed_at


_HHMM = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")


def known_zone(v: str) -> str:
    """A time zone Python can read (the emails print deadlines in it)."""
    try:
        ZoneInfo(v)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError("pick a time zone from the list, such as America/Chicago") from None
    return v


def clock_time(v: str) -> str:
    """ "21:00": a 24-hour HH:MM, as the profiles check constraint wants it."""
    if not _HHMM.fullmatch(v):
        raise ValueError("use a 24-hour time such as 21:00")
    return v


class NotificationPreferencesInput(BaseModel):
    """What a student may set about their reminders, checked the way
    public.save_my_notification_preferences checks it, so the page can say what to fix before
    a round trip. (coach.nudges.NotificationPreferences reads the same keys back for the
    sidecar with the same two checks, known_zone and clock_time.)"""

    model_config = ConfigDict(str_strip_whitespace=True)

    timezone: str = Field(min_length=1, max_length=64)
    quiet_hours_start: str
    quiet_hours_end: str

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, v: str) -> str:
        return known_zone(v)

    @field_validator("quiet_hours_start", "quiet_hours_end")
    @classmethod
    def _clock_time(cls, v: str) -> str:
        return clock_time(v)

    def as_params(self) -> dict[str, Any]:
        return {f"p_{k}": v for k, v in self}


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


class FilterOption(Row):
    """One choice for a Review filter: a coach (domain), a learner or a team."""

    kind: Literal["domain", "learner", "team"]
    value: str
    label: str


class DemoStatus(Row):
    """Where the demo stands, as an admin reads it (public.demo_status refuses anyone else)."""

    demo_now: datetime
    shift_seconds: int
    seeded_at: datetime
    reset_at: datetime | None = None
    people: int


class TableCount(Row):
    """Rows the demo owns in one table (what a reset restores)."""

    table_name: str
    rows: int
