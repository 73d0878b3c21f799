"""Stand-ins the analytics unit tests share: one reviewed round with every field the pages
and the CSV read (defaults make a plain scored round, each test changes what it is about),
a fixed time, and a name built to break plotly if it were ever read as HTML or a template.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

T0 = datetime(2026, 11, 2, 15, 30, tzinfo=UTC)
HOSTILE = '<a href="https://evil.example">Eve</a> %{y} <img src=x>'


@dataclass(frozen=True)
class Round:
    session_id: str = "s1"
    round_number: int = 1
    created_at: datetime = T0
    ai_score: int | None = 6
    human_score: int | None = None
    learner_id: str = "l1"
    learner_name: str = "Ana Ruiz"
    team: str | None = "Admissions"
    domain_id: str = "communication_coach"
    domain_name: str = "Communication Skills Coach"
    response_time_ms: int | None = 1200
    dimension_scores: dict[str, Any] | None = field(default_factory=lambda: {"empathy": 6})
    dimension_reasons: dict[str, str] | None = None
    override_reason: str | None = None
    override_by: str | None = None
    override_at: datetime | None = None
    override_count: int = 0
    reviewed: bool = False
    not_scored_reason: str | None = None
    feedback: str | None = "Good start."
    learner_message: str = "I said sorry."
    coach_response: str = "What did you say next?"
    round_id: str = ""

    @property
    def score(self) -> int | None:
        return self.human_score if self.human_score is not None else self.ai_score
