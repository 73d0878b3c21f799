"""Discovery runs (seed 001, issue #16): a run of the orchestration graph as its student
watches it, and the listings it kept or dropped. Apart from the catalog because these rows are
the server's findings, written by the service role only, until a student tracks one."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from db.models.row import Row

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
