"""What a student says about themselves that their Profile has otherwise
(coach/profile_said.py)."""

from __future__ import annotations

import pytest

from coach.profile_said import profile_mismatches, said_gpa, said_state


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
