"""What a student says about themselves that their Profile has otherwise
(coach/profile_said.py)."""

from __future__ import annotations

import pytest

from coach.profile_said import profile_mismatches, said_gpa, said_state, said_year, year_to_add


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("my gpa is 3.6 and i live in ohio", "OH"),
        ("im from new york", "NY"),
        ("we moved to north carolina last year", "NC"),
        ("i go to ohio state", None),  # a school, not a home
        ("i want to study in ohio", None),
    ],
)
def test_the_state_they_live_in(text: str, state: str | None) -> None:
    assert said_state(text) == state


def test_the_gpa_said() -> None:
    assert said_gpa("my gpa is 3.6") == 3.6
    assert said_gpa("3.45 unweighted") == 3.45
    assert said_gpa("i got 3 As") is None


def test_only_what_the_profile_has_otherwise_is_said() -> None:
    """A browser audit: Priya said "…my gpa is 3.6 and i live in ohio"; her Profile says
    Texas, so Discovery kept searching Texas, and the coach only asked for her GPA."""
    text = "my gpa is 3.6 and i live in ohio"
    assert profile_mismatches(text, "TX", 3.4) == [
        "Your Profile says Texas: if you live in Ohio now, change it there, so Discovery "
        "searches for scholarships open to Ohio residents.",
        "Your Profile has a 3.4 GPA and you said 3.6: update it there, so Discovery matches "
        "on the right one.",
    ]
    assert profile_mismatches(text, "OH", 3.6) == []  # the same
    assert profile_mismatches(text, None, None) == []  # not there: the coach asks for it


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("im a senior in high school", "high_school_senior"),
        ("I am a high school junior", "high_school_junior"),
        ("im in 11th grade", "high_school_junior"),
        ("im a 12th grader", "high_school_senior"),
        ("im a freshman at lincoln high", "high_school_freshman"),
        ("im in my senior year of high school", "high_school_senior"),
        ("i'm a college sophomore", "college_sophomore"),
        ("i'm a freshman in college", "college_freshman"),
        ("im a junior at a community college", "college_junior"),
        ("im in my second year of college", "college_sophomore"),
        ("im a first year college student", "college_freshman"),
        ("im a grad student", "graduate"),
        # high school or college: the coach cannot tell
        ("im a senior", None),
        ("im a junior at ohio state", None),
        # not now, or not them
        ("when i'm a senior in high school i will apply", None),
        ("im not a senior in high school", None),
        ("my sister is a college junior", None),
    ],
)
def test_the_school_year_said(text: str, year: str | None) -> None:
    assert said_year(text) == year


def test_a_school_year_said_otherwise_than_the_profile() -> None:
    text = "im a senior in high school now"
    assert profile_mismatches(text, None, None, "high_school_junior") == [
        "Your Profile says you are a high school junior: if you are a high school senior now, "
        "change your school year there, so Discovery shows the scholarships for your year."
    ]
    assert profile_mismatches(text, None, None, "high_school_senior") == []
    assert profile_mismatches(text, None, None, None) == []  # not there: asked for instead
    assert year_to_add(text, None).startswith("Choose “High school senior (12th grade)”")
    assert year_to_add(text, "high_school_junior") == ""
    assert year_to_add("im a senior", None) == ""
