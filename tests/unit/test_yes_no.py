"""A yes or a no to a yes-or-no question is a whole answer; to an open question, or to two
questions at once, one word cannot say what it answers."""

from __future__ import annotations

import pytest

from coach.yes_no import asks_yes_or_no, last_question, yes_or_no


@pytest.mark.parametrize(
    "coach",
    [
        "Does the deadline for Sunrise Scholars match what's on your own calendar?",
        "Good: then that's settled. Is anything due sooner that isn't on your plan yet, "
        "like a school form or a FAFSA date?",
        "Have you heard back from River City Award?",
        "Are you going to actually do something, or not?",
        # who it is can't be a yes, so a yes or a no answers the last part
        "Who signs the contract, and have you spoken to them yet?",
    ],
)
def test_a_question_a_yes_or_a_no_answers(coach: str) -> None:
    assert asks_yes_or_no(coach)


@pytest.mark.parametrize(
    "coach",
    [
        "What did the customer actually need?",
        "Tell me about the prospect you are working with.",
        # a choice, not a yes or a no
        "Do you call the providers directly from the order service, or put a queue in "
        "between — and what does each choice cost you?",
        # two things asked: "yes" cannot say which
        "Do you need a recommendation or transcript for it, and have you asked for it yet?",
        # the last question is the open one
        "Also: have you heard back from River City Award? What time today will you block out?",
        "",
    ],
)
def test_a_question_one_word_cannot_answer(coach: str) -> None:
    assert not asks_yes_or_no(coach)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("yes", "yes"),
        ("Yeah!", "yes"),
        ("yes it does", "yes"),
        ("i think so", "yes"),
        ("no", "no"),
        ("No.", "no"),
        ("nope, nothing", "no"),
        ("not yet", "no"),
        ("nah", "no"),
        ("no, i don't think so", "no"),
        ("No it doesn’t", "no"),
        ("not that i know of", "no"),
    ],
)
def test_a_bare_yes_or_no(text: str, said: str) -> None:
    assert yes_or_no(text) == said


@pytest.mark.parametrize(
    "text", ["ok", "sure", "no idea", "yes I have the FAFSA due Jan 15", "maybe", "idk"]
)
def test_a_nod_or_an_answer_is_neither(text: str) -> None:
    """ "ok" nods without answering; words after the yes are an answer to read."""
    assert yes_or_no(text) is None


def test_the_last_question_is_the_one_answered() -> None:
    assert last_question("Good. Is it due Friday? When will you start?") == "When will you start?"
    assert last_question("Good, tell me more.") is None
