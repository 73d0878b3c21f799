"""Scholarship discovery's models (seed 001 §2-6) plus the `Listing` the Advisor reads.

Seed 001 and DESIGN §4 put these beside `TuitionLiftState` in graph/state.py; they live here
in coach/ so the pure rules (trust, need match, prioritization) can use them without
importing graph/ (pages -> graph -> coach -> db). graph/state.py imports them from here.

One deliberate departure from seed 001: `FinancialProfile` carries no `estimated_sai`. The
state is checkpointed, and the raw SAI must never reach a checkpoint, a log line or a search
provider; only coach/financial.py reads it, and it hands out the labels below.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, field_validator

from db.models import US_STATES, Profile, SchoolYear, known_years
from db.models.applications import DAY_END_UTC

NodeName = Literal["Advisor_Search", "Advisor_Verify", "Coach_Prioritization", "SafeRecovery"]
IncomeBracket = Literal["Low", "Moderate", "Middle", "Upper-Middle", "High"]
ApplicationType = Literal["essay", "form", "mixed"]
MilestoneStatus = Literal["pending", "in_progress", "done"]

STATE_NAMES: dict[str, str] = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia",
    "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois",
    "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
    "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota",
    "MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York",
    "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma",
    "OR": "Oregon", "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina",
    "SD": "South Dakota", "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont",
    "VA": "Virginia", "WA": "Washington", "WV": "West Virginia", "WI": "Wisconsin",
    "WY": "Wyoming", "AS": "American Samoa", "GU": "Guam", "MP": "Northern Mariana Islands",
    "PR": "Puerto Rico", "VI": "U.S. Virgin Islands",
}  # fmt: skip


def state_name(code: str) -> str:
    return STATE_NAMES.get(code.upper(), code.upper())


def _state_code(value: str | None) -> str | None:
    if value in (None, ""):
        return None
    code = value.strip().upper()
    if code not in US_STATES:
        raise ValueError("must be a two-letter US state code, such as CA or NY")
    return code


class UserProfile(BaseModel):
    """Seed 001 §2: who the student is, as discovery needs it (no financial data)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: UUID
    gpa: float | None = Field(default=None, ge=0, le=4)
    major: str | None = Field(default=None, max_length=120)
    state: str | None = None
    school_year: SchoolYear | None = None
    birth_year: int | None = Field(default=None, ge=1900, le=2200)

    @field_validator("state")
    @classmethod
    def _us_state(cls, v: str | None) -> str | None:
        return _state_code(v)

    @classmethod
    def from_profile(cls, profile: Profile) -> UserProfile:
        return cls(
            id=profile.id,
            gpa=float(profile.gpa) if profile.gpa is not None else None,
            major=(profile.intended_major or "").strip() or None,
            state=profile.state,
            school_year=profile.school_year,
            birth_year=profile.birth_year,
        )


class FinancialProfile(BaseModel):
    """Seed 001 §3, anonymized: labels only. Built by coach/financial.py (the only reader of
    the raw SAI); `None` means unknown. `extra="forbid"`, so a raw SAI cannot be slipped in."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    is_pell_eligible: bool | None = None
    household_income_bracket: IncomeBracket | None = None

    @property
    def labels(self) -> list[str]:
        """What a search provider may see: "Pell Eligible", "Low Income", ..."""
        out = []
        if self.is_pell_eligible:
            out.append("Pell Eligible")
        if self.household_income_bracket is not None:
            out.append(f"{self.household_income_bracket} Income")
        return out


class DiscoveryResult(BaseModel):
    """Seed 001 §4, plus what Coach_Prioritization and the page need to explain and rank a
    result (provider, amount, deadline, application type, the reasons behind both scores)."""

    model_config = ConfigDict(frozen=True)

    id: str = Field(min_length=1)
    discovery_run_id: UUID
    title: str
    url: str
    trust_score: int = Field(ge=0, le=100)
    need_match_score: int = Field(ge=0, le=100)
    scholarship_id: UUID | None = None  # set when the listing is a catalog row
    provider: str | None = None
    amount: float | None = Field(default=None, ge=0)
    deadline: datetime | None = None
    application_type: ApplicationType | None = None
    trust_reasons: tuple[str, ...] = ()
    need_explanations: tuple[str, ...] = ()


class ActiveMilestone(BaseModel):
    """Seed 001 §5. `priority` is the rank, 1 = do this first. `scholarship_id` is None for a
    web result that is not in the scholarships table yet (seed 001 says "FK", see report)."""

    model_config = ConfigDict(frozen=True)

    id: str = Field(min_length=1)
    scholarship_id: UUID | None = None
    title: str
    priority: int = Field(ge=1)
    status: MilestoneStatus = "pending"
    basis: Literal["momentum", "roi"] = "roi"
    score: float | None = None  # the momentum or ROI figure the rank came from
    deadline: datetime | None = None
    url: str | None = None


class ErrorLogEntry(BaseModel):
    """Seed 001 §6: one failed node, for SafeRecovery and the error_log reducer."""

    model_config = ConfigDict(frozen=True)

    node: NodeName
    message: str
    timestamp: str  # ISO 8601, as the seed says

    @field_validator("timestamp")
    @classmethod
    def _iso(cls, v: str) -> str:
        datetime.fromisoformat(v)
        return v

    @classmethod
    def at(cls, node: NodeName, message: str, when: datetime) -> ErrorLogEntry:
        return cls(node=node, message=message, timestamp=when.astimezone(UTC).isoformat())


class Eligibility(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")

    min_gpa: float | None = Field(default=None, ge=0, le=4)
    states: tuple[str, ...] = ()
    majors: tuple[str, ...] = ()
    # the school years that may apply; empty: the listing names none (its description may)
    levels: tuple[SchoolYear, ...] = ()

    @field_validator("levels", mode="before")
    @classmethod
    def _known_levels(cls, v: object) -> object:
        return known_years(v)


class Listing(BaseModel):
    """A scholarship as the Advisor found it: a catalog entry (seeds/scholarships.json, a
    yearly `deadline_month`/`deadline_day`) or a web result (a dated `deadline`, or none).
    Unknown facts stay None; the scorers say "unknown" rather than guess. Catalog-only
    fields the scorers must not see (such as `fraud_signals`) are ignored on the way in."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    title: str = Field(min_length=1, max_length=300)
    url: str = Field(min_length=1, max_length=2000)
    provider: str | None = None
    description: str = ""
    amount: float | None = Field(default=None, ge=0)
    deadline: date | None = None
    deadline_month: int | None = Field(default=None, ge=1, le=12)
    deadline_day: int | None = Field(default=None, ge=1, le=31)
    need_based: bool | None = None
    application_type: ApplicationType | None = None
    eligibility: Eligibility | None = None
    contact: str | None = None  # sponsor email, phone or address when the source gives one
    scholarship_id: UUID | None = None

    def deadline_on(self, today: date) -> date | None:
        """The deadline as of `today`: the dated one, else the yearly one rolled to its next
        occurrence on or after `today` (as db/seed/catalog.py rolls the catalog), else None."""
        if self.deadline is not None:
            return self.deadline
        month, day = self.deadline_month, self.deadline_day
        if month is None or day is None:
            return None
        candidate = _safe_date(today.year, month, day)
        return candidate if candidate >= today else _safe_date(today.year + 1, month, day)


def _safe_date(year: int, month: int, day: int) -> date:
    """Day clipped to the month's length (Feb 29 -> Feb 28 in a common year)."""
    try:
        return date(year, month, day)
    except ValueError:
        return _safe_date(year, month, day - 1)


@lru_cache(maxsize=4096)
def deadline_at(day: date | None) -> datetime | None:
    """A listing's deadline date as the moment the app uses: 23:59 UTC that day."""
    if day is None:
        return None
    return datetime.combine(day, DAY_END_UTC, tzinfo=UTC)
