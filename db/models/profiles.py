"""A person's profile as stored, and what a student may set about it. The US state and
school year checks sit next to the form input they guard so the Profile page can name a wrong
value before a round trip; the role is only ever read here, never set (the database decides
it)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any, Literal, get_args
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, field_validator

from db.models.row import Row, shows_nothing

PellStatus = Literal["eligible", "ineligible", "unknown"]
UserRole = Literal["student", "coach", "admin"]
# Where a student is in school, as profiles_school_year_check lists it: Discovery matches it
# against the years a scholarship is open to (coach/need_match.py).
SchoolYear = Literal[
    "high_school_freshman",
    "high_school_sophomore",
    "high_school_junior",
    "high_school_senior",
    "college_freshman",
    "college_sophomore",
    "college_junior",
    "college_senior",
    "graduate",
    "adult_returning",
]
SCHOOL_YEARS: tuple[SchoolYear, ...] = get_args(SchoolYear)


def known_years(value: object) -> tuple[SchoolYear, ...]:
    """A listing's school years as far as this app knows them, in school order: a year it
    does not know (a catalog row an admin edited) is left out, not a reason to lose the row."""
    if not isinstance(value, list | tuple):
        return ()
    return tuple(year for year in SCHOOL_YEARS if year in value)


US_STATES = frozenset(
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH "
    "NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY AS GU MP PR VI".split()
)


class Profile(Row):
    id: UUID
    full_name: str | None = None
    role: UserRole = "student"
    gpa: Decimal | None = None
    intended_major: str | None = None
    state: str | None = None
    sai: int | None = Field(default=None, repr=False)
    pell_eligibility_status: PellStatus = "unknown"
    school_year: SchoolYear | None = None
    birth_year: int | None = None
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
    school_year: SchoolYear | None = None
    # a wide bound here; save_my_profile refuses a year after the app clock's
    birth_year: int | None = Field(default=None, ge=1900, le=2200)

    @field_validator("full_name")
    @classmethod
    def _visible_name(cls, v: str) -> str:
        if shows_nothing(v):
            raise ValueError("must have letters in it, not only spaces or invisible characters")
        return v

    @field_validator("state")
    @classmethod
    def _us_state(cls, v: str | None) -> str | None:
        if v in (None, ""):
            return None
        code = v.upper()
        if code not in US_STATES:
            raise ValueError("must be a two-letter US state code, such as CA or NY")
        return code

    @field_validator("school_year", mode="before")
    @classmethod
    def _known_year(cls, v: object) -> object:
        """One short sentence, not pydantic's list of every choice spelled as code."""
        if v in (None, ""):
            return None
        if v not in SCHOOL_YEARS:
            raise ValueError("must be one of the choices, such as high school senior")
        return v

    def as_params(self) -> dict[str, Any]:
        return {f"p_{k}": (str(v) if isinstance(v, Decimal) else v) for k, v in self}
