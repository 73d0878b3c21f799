"""A school year in a student's own words, and a listing's years as one phrase ("college
sophomores and juniors"). Apart from need match because the Profile page names the same years
in its choices, and both must say a year the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from coach.text import and_list
from db.models import SCHOOL_YEARS, SchoolYear

YEAR_WORDS: dict[SchoolYear, str] = {
    "high_school_freshman": "high school freshman",
    "high_school_sophomore": "high school sophomore",
    "high_school_junior": "high school junior",
    "high_school_senior": "high school senior",
    "college_freshman": "college freshman",
    "college_sophomore": "college sophomore",
    "college_junior": "college junior",
    "college_senior": "college senior",
    "graduate": "graduate student",
    "adult_returning": "adult returning to college",
}
# what a student may know their year by instead: the grade, or the year of college
_ALSO: dict[SchoolYear, str] = {
    "high_school_freshman": "9th grade",
    "high_school_sophomore": "10th grade",
    "high_school_junior": "11th grade",
    "high_school_senior": "12th grade",
    "college_freshman": "1st year",
    "college_sophomore": "2nd year",
    "college_junior": "3rd year",
    "college_senior": "4th year",
}
_PLURAL = {"freshman": "freshmen", "sophomore": "sophomores", "junior": "juniors"}
_STAGES = (("high_school_", "high school"), ("college_", "college"))
_OTHERS: dict[SchoolYear, str] = {
    "graduate": "graduate students",
    "adult_returning": "adults returning to college",
}


def year_label(year: SchoolYear) -> str:
    """ "High school senior (12th grade)": a choice on the Profile page."""
    words = YEAR_WORDS[year]
    also = f" ({_ALSO[year]})" if year in _ALSO else ""
    return f"{words[:1].upper()}{words[1:]}{also}"


def levels_phrase(levels: Iterable[SchoolYear]) -> str:
    """Whom a listing is for, as its sponsor would say it: "high school seniors", "college
    sophomores and juniors", "high school seniors, college students and adults returning to
    college". Every year of a stage reads as its students ("college students")."""
    chosen = set(levels)
    parts = []
    for prefix, stage in _STAGES:
        years = [y for y in SCHOOL_YEARS if y.startswith(prefix)]
        mine = [y.removeprefix(prefix) for y in years if y in chosen]
        if len(mine) == len(years):
            parts.append(f"{stage} students")
        elif mine:
            parts.append(f"{stage} {and_list([_PLURAL.get(y, y + 's') for y in mine])}")
    parts += [words for year, words in _OTHERS.items() if year in chosen]
    if len(parts) > 1 and any(" and " in part for part in parts):  # a comma keeps them apart
        return f"{', '.join(parts[:-1])}, and {parts[-1]}"
    return and_list(parts)


# the years in the order a student moves through them, one a school year (from July 1): the
# Profile's choices, in their order, but for adults returning, who stay as they are
_LADDER: tuple[SchoolYear, ...] = tuple(y for y in SCHOOL_YEARS if y != "adult_returning")
NEW_SCHOOL_YEAR = (7, 1)  # month, day: a student is a year on from here


def year_at(year: SchoolYear, today: date, due: date | None) -> SchoolYear:
    """The student's school year on a listing's deadline: a senior on Dec 5, 2026 is a college
    freshman by Dec 1, 2027 (a season audit's senior was shown next year's Dell and Gates,
    "for high school seniors, as you are"). A year on for every July 1 after today up to the
    deadline; graduate students and adults returning stay as they are."""
    if due is None or year not in _LADDER:
        return year
    first = date(today.year + ((today.month, today.day) >= NEW_SCHOOL_YEAR), *NEW_SCHOOL_YEAR)
    if due < first:  # most listings: before the next July 1
        return year
    steps = due.year - first.year + ((due.month, due.day) >= NEW_SCHOOL_YEAR)
    return _LADDER[min(_LADDER.index(year) + steps, len(_LADDER) - 1)]
