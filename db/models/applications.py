"""The scholarship catalog and a student's applications, the rows the tracker, the game
plan and the check-ins are built from. ApplicationStatus lives here so every model that carries
a status (the game plan's answers included) takes it from the one place that mirrors the
database's check constraint."""

from __future__ import annotations

from datetime import datetime, time
from decimal import Decimal
from typing import Any, Literal
from uuid import UUID

from pydantic import Field

from db.models.row import Row

ApplicationStatus = Literal["draft", "submitted", "awarded", "rejected"]
# A listing that gives only its deadline's day is kept closing at the day's end in UTC: the
# catalog, the demo and Discovery write it so, and the coach and the emails say that hour is
# the app's, not the sponsor's.
DAY_END_UTC = time(23, 59)


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

    @property
    def past_cycle(self) -> bool:
        """A catalog row kept for the applications of a cycle that has closed (db/seed/
        catalog.py); Discovery offers the next cycle's row instead."""
        return self.metadata.get("source") == PAST_CYCLE


PAST_CYCLE = "offline_catalog_past"  # a catalog row's source once its cycle is kept


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
