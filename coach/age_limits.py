"""A listing's age limit, read from its description ("ages 16 to 26", "18 or younger", "age 35
and older"), and a student's age on its deadline from the year they were born. Only the year
is kept, so on a given day a student is one of two ages: a limit either side of both is met
or not, one between them is unknown until their birthday. Apart from need_match.py, which
reads it beside school years, GPA and need."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Literal

_RANGE = re.compile(r"\b(?:ages?|aged)\s+(\d{1,2})\s*(?:to|through|-|–)\s*(\d{1,2})\b", re.I)
# said of people, or with "age": "a GPA of 3 or over" and "grades 9 and up" are no ages
_WHO = (
    r"(?:(?:students|people|applicants|women|men|adults|youth|individuals|those)\s+(?:aged?\s+)?"
    r"|\baged?\s+)"
)
_AT_MOST = re.compile(_WHO + r"(\d{1,2})\s+(?:or|and)\s+(?:younger|under)\b", re.I)
_UNDER = re.compile(
    r"\bunder\s+(?:the\s+age\s+of\s+|age\s+)(\d{1,2})\b|" + _WHO + r"under\s+(\d{1,2})\b",
    re.I,
)
_AT_LEAST = re.compile(_WHO + r"(\d{1,2})\s+(?:and|or)\s+(?:older|over|up)\b", re.I)
# the age words inside an audience ("women age 35 and older"): the rest is who it is for
AGE_WORDS = re.compile(
    r"\s*,?\s*\b(?:(?:aged?|ages?)\s+\d{1,2}\s*(?:to|through|-|–)\s*\d{1,2}|(?:aged?\s+)?\d{1,2}\s+"
    r"(?:or|and)\s+(?:younger|under|older|over|up)|under\s+(?:the\s+age\s+of\s+)?\d{1,2})\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class AgeLimit:
    low: int | None
    high: int | None

    def phrase(self) -> str:
        """ "ages 16 to 26", "ages 18 and younger", "ages 35 and older"."""
        if self.low is not None and self.high is not None:
            return f"ages {self.low} to {self.high}"
        if self.high is not None:
            return f"ages {self.high} and younger"
        return f"ages {self.low} and older"

    def admits(self, age: int) -> bool:
        return (self.low is None or age >= self.low) and (self.high is None or age <= self.high)


@lru_cache(maxsize=4096)
def age_limit(description: str) -> AgeLimit | None:
    if (m := _RANGE.search(description)) is not None:
        low, high = sorted((int(m.group(1)), int(m.group(2))))
        return AgeLimit(low, high)
    if (m := _AT_MOST.search(description)) is not None:
        return AgeLimit(None, int(m.group(1)))
    if (m := _UNDER.search(description)) is not None:
        return AgeLimit(None, int(m.group(1) or m.group(2)) - 1)
    if (m := _AT_LEAST.search(description)) is not None:
        return AgeLimit(int(m.group(1)), None)
    return None


def age_check(
    limit: AgeLimit, birth_year: int | None, on: date | None
) -> tuple[Literal["met", "unmet", "unknown"], str]:
    """The student's age on the deadline (or today) against the listing's limit, as need
    match says it; with only the year they were born, one of two ages."""
    who = limit.phrase()
    if birth_year is None:
        return "unknown", f"For {who}: add the year you were born on the Profile page (unknown)"
    if on is None:  # no day to be an age on
        return "unknown", f"For {who}: check you qualify (unknown)"
    before, after = ages_on(birth_year, on)
    yours = f"{before} or {after} on its deadline"
    if limit.admits(before) and limit.admits(after):
        return "met", f"For {who} ✓ (you: {yours})"
    if not limit.admits(before) and not limit.admits(after):
        return "unmet", f"For {who} ✗ (you: {yours})"
    return "unknown", f"For {who}: you will be {yours}, by your birthday (unknown)"


def ages_on(birth_year: int, day: date) -> tuple[int, int]:
    """The two ages a student born in `birth_year` may be on `day`: before and after their
    birthday that year."""
    turns = day.year - birth_year
    return turns - 1, turns
