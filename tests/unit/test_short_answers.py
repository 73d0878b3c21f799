"""A word or two, and stepping away, read from the words alone (coach/short_answers.py)."""

from __future__ import annotations

from coach.short_answers import stepping_away, too_short


def test_a_word_or_two_is_too_short_and_three_are_not() -> None:
    assert too_short("caching") and too_short("Postgres, probably")
    assert not too_short("Postgres for the joins")


def test_stepping_away_is_a_short_message_that_says_so() -> None:
    assert stepping_away("ugh my laptop is at 3% battery brb")
    assert not stepping_away("one sec " + "and then I will explain the whole design to you " * 2)
    assert not stepping_away("I'll call the buyer at 3 pm")
