"""A question to the coach, not a statement that starts like one (coach/questions.py)."""

from __future__ import annotations

import pytest

from coach.learner_intents import unscored_reason
from coach.questions import asked_for_facts, ends_asking_what_next, is_question
from tests.unit.offline_coach_cases import COMMS, ONBOARDING, drive, pack


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("how do I handle retries", True),
        ("any tips for reading a big codebase", True),
        ("explain CAP to me", True),
        ("should I use kafka", True),
        ("what now", True),
        ("Explain to the owner: monolith now, split later if we pass 100 rps.", False),
        ("Tips for the receptionists go in a one-page guide we print.", False),
        ("Any downtime would be explained to patients by SMS within an hour.", False),
        ("When the SMS API is down, reminders go to a DLQ and we replay them later.", False),
        ("I got advice from a senior dev to use Postgres for this.", False),
    ],
)
def test_a_question_is_asked_not_a_statement_that_starts_like_one(text: str, asks: bool) -> None:
    """A re-audit: statements that open with "When", "Any", "Explain" or "Tips", or hold
    "advice", were answered as questions instead of critiqued as answers."""
    assert is_question(text) is asks


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ok i started the draft for hometown!! what should i do first", True),
        ("done. what now", True),
        ("I know what I should do first. I will call her.", False),
        ("What should I do first is obvious to me", False),
    ],
)
def test_a_message_that_ends_asking_what_to_do(text: str, expected: bool) -> None:
    assert ends_asking_what_next(text) is expected


@pytest.mark.parametrize(
    "text",
    [
        "wait whats a modular monolith exactly",
        "so what's an idempotency key",
        "btw how do i rebase",
    ],
)
def test_a_question_after_a_lead_word_and_without_a_question_mark_is_one(text: str) -> None:
    """A browser audit: "wait whats a modular monolith exactly" was critiqued and scored 1/10
    as repeating the coach's question."""
    assert is_question(text)
    assert unscored_reason(text) == "a question to the coach, not an answer"


def test_a_statement_that_starts_with_whats_is_not_asked() -> None:
    assert not is_question("What's important is that I call her back by Friday at noon.")


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("what are you using today?", "what are you using today?"),
        ("what are you using today", "what are you using today"),  # no "?" typed
        ("I'm so sorry, can you give me your order number?", " can you give me your order number?"),
        ("ok if you want to be live by september, can we start redlines this week?", ""),
        ("Happy to. Can we book Thursday?", ""),
        ("We remove that in a quarter. Who else signs off?", " Who else signs off?"),
        ("I'll call you Friday.", ""),
    ],
)
def test_asked_for_facts_is_the_part_that_asks_the_other_side(text: str, asked: str) -> None:
    assert asked_for_facts(text) == asked


def test_a_guess_with_a_question_mark_answers_and_asks_nothing() -> None:
    """A run-through: "not really sure, maybe read the docs?" got "That one's beyond what I
    can answer well here", then was praised for curiosity, for its "?"."""
    assert not is_question("not really sure, maybe read the docs?")
    assert not is_question("probably postgres?")
    assert is_question("maybe you could explain what a pod is?")  # asks the coach
    assert is_question("should i read the docs?")
    reply = drive(pack(ONBOARDING), ["hey", "not really sure, maybe read the docs?"])[1]
    assert "beyond what I can answer" not in reply and "asking why" not in reply
    assert reply.startswith("You said: “not really sure, maybe read the docs”.")


def test_questions_typed_without_a_question_mark_are_answered() -> None:
    """A run-through: "how many scholarships should i apply to" and "the essay is so hard i
    dont know what to write about" were critiqued as answers ("What's missing: a
    commitment"); the pack answers both."""
    assert is_question("how many scholarships should i apply to")
    assert is_question("the essay is so hard i dont know what to write about")
    assert not is_question("I'll write 300 words tonight, I know what to write about")


def test_a_question_in_quotes_is_the_learners_line_not_one_to_the_coach() -> None:
    """An audit: asked "How would you play back what the customer said?", the answer "ok so
    like 'so your package was late and you needed it today, right?'" got "That one's beyond
    what I can answer well here", and the playback question again."""
    line = "ok so like 'so your package was late and you needed it today, right?'"
    assert not is_question(line)
    assert not is_question('I\'d say "is that the part that hurt most?" and wait')
    assert is_question("what does 'map of the codebase' mean?")  # quoted, then asked
    story = "A customer yelled at me because her package was late and she needed it today."
    played_back = drive(pack(COMMS), [story, line])[1]
    assert "beyond what I can answer" not in played_back
    assert "That covers active listening" in played_back
    assert "play back what the customer said" not in played_back


def test_a_guess_with_its_question_mark_is_an_answer_not_a_question() -> None:
    """An audit: "idk like maybe 1000 users at launch? fast means fast lol" and "idk. like
    it runs?" got "That one's beyond what I can answer well here"."""
    for guess in (
        "idk like maybe 1000 users at launch? fast means fast lol",
        "idk. like it runs?",
        "like 50 req/s?",
    ):
        assert not is_question(guess), guess
    for asked in (
        "like what?",
        "maybe read the docs? what do you think?",
        "probably kafka? or sqs?",
    ):
        assert is_question(asked), asked
