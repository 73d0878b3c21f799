"""A listing's age limit in its own words, and the two ages a student born in a given year may
be on a day (coach/age_limits.py)."""

from __future__ import annotations

from datetime import date

import pytest

from coach.age_limits import AGE_WORDS, AgeLimit, age_limit, ages_on


@pytest.mark.parametrize(
    ("description", "limit"),
    [
        ("for students ages 16 to 26 that uses a short video", AgeLimit(16, 26)),
        ("to young people ages 8 to 18 who have led service projects", AgeLimit(8, 18)),
        ("to students 18 or younger who have completed", AgeLimit(None, 18)),
        ("for low-income women age 35 and older pursuing", AgeLimit(35, None)),
        ("open to applicants under 25", AgeLimit(None, 24)),
        ("for high school seniors with a 3.0 GPA", None),
        ("awards of $5,000 to 25 students", None),
    ],
)
def test_an_age_limit_in_the_listings_words(description: str, limit: AgeLimit | None) -> None:
    assert age_limit(description) == limit


def test_the_limit_reads_as_a_sponsor_says_it() -> None:
    assert AgeLimit(16, 26).phrase() == "ages 16 to 26"
    assert AgeLimit(None, 18).phrase() == "ages 18 and younger"
    assert AgeLimit(35, None).phrase() == "ages 35 and older"


def test_a_year_born_is_two_ages_on_a_day() -> None:
    assert ages_on(1992, date(2027, 3, 1)) == (34, 35)


def test_the_age_words_leave_whom_it_is_for() -> None:
    assert AGE_WORDS.sub("", "women age 35 and older").strip() == "women"
    assert AGE_WORDS.sub("", "students ages 16 to 26").strip() == "students"


@pytest.mark.parametrize(
    "description", ["with a GPA of 3 or over", "students in grades 9 and up", "25 or more hours"]
)
def test_numbers_that_are_no_ages(description: str) -> None:
    assert age_limit(description) is None
