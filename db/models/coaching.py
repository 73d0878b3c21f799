"""Coaching sessions at the repository boundary: the coaches (domains and personas), the
learners, and a session's threads, rounds and report card as stored, with the inputs the server
sends to record a round or a report. They share a module because the chat and report flows
read and write them together, session by session."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any
from uuid import UUID

from pydantic import BaseModel, Field, StringConstraints, field_validator

from db.models.row import Row


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
    not_scored_reason: str | None = None  # not an answer, so no score on purpose

    @property
    def awaits_score(self) -> bool:
        """No score yet, and one is due: the judge failed and scores it on the next message."""
        return self.score is None and self.not_scored_reason is None


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
    waiting: bool = False  # a message of the learner's waits for Retry (kept, not answered)

    @property
    def has_report(self) -> bool:
        return self.report_written_at is not None

    @property
    def rounds_words(self) -> str:
        """ "3 rounds", "3 rounds, 1 message waiting", "1 message waiting": a message kept for
        Retry is the session's too (an audit's first message, kept when the model failed,
        left its session off every list)."""
        rounds = f"{self.rounds} round{'' if self.rounds == 1 else 's'}"
        if not self.waiting:
            return rounds
        return f"{rounds}, 1 message waiting" if self.rounds else "1 message waiting"


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
    not_scored_reason: str | None = Field(default=None, min_length=1, max_length=200)

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
