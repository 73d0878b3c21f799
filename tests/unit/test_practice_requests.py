"""Asking for the role-play or the practice problem, said as a request, not a word in a
description (coach/practice_requests.py)."""

from __future__ import annotations

import pytest

from coach.practice_requests import asks_to_practise
from tests.unit.offline_coach_cases import SALES, drive, pack


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        # a run-through: asking why to practise started a role-play nobody asked for
        ("why do i need to practice this", False),
        ("why should i even rehearse this", False),
        ("let's practise", True),
        ("can we role play? you be the marketing manager", True),
        ("I'd like to try a scenario before the real call", True),
        ("give me a harder problem", True),
        ("practice?", True),
        # the words as the subject of a description, not a request
        ("A booking app for a 3-clinic physio practice: ~200 bookings/day, Postgres.", False),
        ("We run a small dental practice with two receptionists and one shared calendar.", False),
        ("The scenario where the database fails over is the one our users would notice.", False),
        ("Following best practice, every service in our stack writes structured logs.", False),
        ("make it harder", True),
        ("ok, something harder pls", True),
        ("another one", True),
        ("Physio practice booking app.", False),
        ("Microservices are harder to run for one person.", False),
        ("Worst-case scenario: the image bucket is unreachable.", False),
        ("Kotlin will be harder than Java at first.", False),
        ("Harder part is the calendar sync with Google.", False),
        ("Another one of the clinics might open next year.", False),
        ("Scenario 2: the clinic wifi drops during check-in.", False),
        ("gimme something harder", True),
        ("another one pls", True),
        # a part cast in the same breath
        ("make it harder, you be the CFO", True),
        ("let's role-play it. make it harder, you be the CFO", True),
        ("Microservices are harder, you know the drill", False),
        # a run-through: the wish said outright, in a longer sentence, got a critique
        (
            "we have a big client call tomorrow and i want to practice handling price objections",
            True,
        ),
        ("my roommate never cleans and i want to practice talking to her", True),
        ("i need to practice system design interviews", True),
        ("I went to practice after school and then did my essay", False),
        ("My sister wants to practice law someday.", False),
    ],
)
def test_asking_to_practise_is_a_request_not_a_word(text: str, asks: bool) -> None:
    assert asks_to_practise(text) is asks


def test_why_practise_is_answered_not_started() -> None:
    said = drive(pack(SALES), ["this is dumb", "why do i need to practice this"])[1]
    assert said.startswith("Because objections come fast on a real call")
    assert "(role-play)" not in said
