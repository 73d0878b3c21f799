"""coach/school_years.py: a school year and a listing's years in the words a student and a
sponsor use, never the stored codes."""

from __future__ import annotations

import pytest

from coach.school_years import YEAR_WORDS, levels_phrase, year_label
from db.models import SCHOOL_YEARS, SchoolYear


def test_every_year_has_words_and_a_label() -> None:
    assert set(YEAR_WORDS) == set(SCHOOL_YEARS)
    assert year_label("high_school_senior") == "High school senior (12th grade)"
    assert year_label("college_junior") == "College junior (3rd year)"
    assert year_label("adult_returning") == "Adult returning to college"
    assert not any("_" in year_label(year) for year in SCHOOL_YEARS)


@pytest.mark.parametrize(
    ("levels", "said"),
    [
        (["high_school_senior"], "high school seniors"),
        (["college_sophomore", "college_junior"], "college sophomores and juniors"),
        (["college_junior", "college_sophomore"], "college sophomores and juniors"),
        (["college_freshman"], "college freshmen"),
        (
            ["college_freshman", "college_sophomore", "college_junior", "college_senior"],
            "college students",
        ),
        (
            [
                "high_school_senior",
                "college_freshman",
                "college_sophomore",
                "college_junior",
                "college_senior",
                "adult_returning",
            ],
            "high school seniors, college students and adults returning to college",
        ),
        (
            ["high_school_junior", "high_school_senior", "graduate"],
            "high school juniors and seniors, and graduate students",
        ),
    ],
)
def test_a_listings_years_read_as_one_phrase(levels: list[SchoolYear], said: str) -> None:
    assert levels_phrase(levels) == said
