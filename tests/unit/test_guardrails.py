"""Forbidden topics, matched without a model: the scholarship coach declines fee, bank and
guarantee questions phrased the way students really ask them, and coaches everything else."""

from __future__ import annotations

import pytest

from coach.guardrails import decline, forbidden_topic
from tests.unit.offline_coach_cases import PERSONAS

TOPICS = PERSONAS["scholarship_coach"].forbidden_topics
FEES, BANK, GUARANTEE, GHOSTWRITING = (
    "paying application fees",
    "sharing bank or social security numbers",
    "guaranteed awards",
    "writing the essay for the student",
)


def test_the_seed_topics_are_the_ones_under_test() -> None:
    assert sorted(TOPICS) == sorted([FEES, BANK, GUARANTEE, GHOSTWRITING])


@pytest.mark.parametrize(
    ("message", "topic"),
    [
        ("should I pay the $49 application fee?", FEES),
        ("They want a fee with my application, should I just pay it?", FEES),
        ("can I give them my bank account number?", BANK),
        ("The form wants my social security number. Is that ok?", BANK),
        ("is this award guaranteed?", GUARANTEE),
        ("Which awards are guaranteed if I apply?", GUARANTEE),
        ("Can you write my essay for me?", GHOSTWRITING),
        ("Will you write the essay for me? It's due Friday.", GHOSTWRITING),
    ],
)
def test_natural_phrasings_of_forbidden_topics_match(message: str, topic: str) -> None:
    assert forbidden_topic(message, TOPICS) == topic


@pytest.mark.parametrize(
    "message",
    [
        "how do I start my essay outline?",
        "what should I do today?",
        "Which award should I apply for first?",
        "I submitted the Sunrise application yesterday!",
        "How many recommendation letters do I need?",
    ],
)
def test_ordinary_questions_pass(message: str) -> None:
    assert forbidden_topic(message, TOPICS) is None


@pytest.mark.parametrize(
    "message",
    [
        "I am stuck writing my essay about my grandmother, can you help me outline it?",
        "My essay is due Friday and I have not started writing it yet.",
    ],
)
def test_a_student_writing_their_own_essay_is_coached_not_declined(message: str) -> None:
    """The persona's step 4 is "Help them draft or outline if they are stuck": a student
    talking about writing their own essay is the coaching goal, not ghost-writing."""
    assert forbidden_topic(message, TOPICS) is None


def test_no_topics_means_nothing_is_forbidden() -> None:
    assert forbidden_topic("should I pay the $49 application fee?", []) is None


def test_a_one_word_topic_matches_on_that_word() -> None:
    assert forbidden_topic("What is the best salary to ask for?", ["salaries"]) == "salaries"
    assert forbidden_topic("What is the best time to ask?", ["salaries"]) is None


def test_a_topic_of_only_stopwords_never_matches() -> None:
    assert forbidden_topic("what will you do for me?", ["what you do"]) is None


def test_the_first_matching_topic_wins() -> None:
    message = "Is the award guaranteed if I pay the application fee?"
    assert forbidden_topic(message, TOPICS) == TOPICS[TOPICS.index(GUARANTEE)]
    assert forbidden_topic(message, [FEES, GUARANTEE]) == FEES


def test_decline_names_the_topic_and_steers_back_to_the_focus() -> None:
    focus = "Look at the game plan and name the most urgent item."
    text = decline(FEES, focus)
    assert "won't help" in text
    assert f"({FEES})" in text
    assert text.endswith("goal: look at the game plan and name the most urgent item.")


def test_asked_to_write_the_essay_the_coach_offers_to_coach_a_paragraph() -> None:
    text = decline("writing the essay for the student", "Name the most urgent item.")
    assert "won't write it for you" in text and "paste one paragraph" in text
    assert text.endswith("Meanwhile: name the most urgent item.")


def test_a_topic_with_an_answer_gets_the_answer_then_the_focus() -> None:
    focus = "Look at the game plan and name the most urgent item."
    text = decline(FEES, focus, "Don't pay it: real scholarships never charge.")
    assert text.startswith("Don't pay it: real scholarships never charge.")
    assert "won't help" not in text and f"({FEES})" not in text
    assert text.endswith("back to your goal: look at the game plan and name the most urgent item.")


@pytest.mark.parametrize(
    "message",
    [
        # a scholarship season audit: both got "Don't pay it. A real scholarship never charges"
        "I need to pay my rent first and then I'll work on the Rankin application on Saturday "
        "at 10am",
        "I can't pay for nursing school without this, so the application matters a lot.",
    ],
)
def test_words_of_a_topic_without_what_it_is_about_do_not_match(message: str) -> None:
    assert forbidden_topic(message, TOPICS) is None


ESSAY = (
    "When I was nineteen I started working nights as a CNA so I could pay the bills. "
    "Every application I filled out for school asked the same question about my goals. "
    "My family never had money for fees, and I learned to work around that. " * 3
)


def test_in_a_long_paste_only_a_question_is_read_for_a_topic() -> None:
    """A 425-word essay pasted for feedback was answered with the fee warning: telling one's
    story about money is not asking whether to pay a fee."""
    assert forbidden_topic(ESSAY, TOPICS) is None
    asked = ESSAY + " Also, should I pay the $40 application fee they emailed me about?"
    assert forbidden_topic(asked, TOPICS) == FEES
