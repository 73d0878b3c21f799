"""The offline coach takes a yes or a no to its yes-or-no question as the whole answer: said
back in the pack's words, not scored, and the conversation goes on."""

from __future__ import annotations

from uuid import uuid4

import pytest

from coach.game_plan import CheckInItem, GamePlan
from coach.learner_intents import unscored_reason
from coach.offline_coach import compose_reply
from coach.yes_no import said_as_news
from tests.unit.offline_coach_cases import (
    NOW,
    ONBOARDING,
    SALES,
    SCHOLARSHIP,
    assert_no_question_repeats,
    make_plan,
    pack,
)


def _rounds(texts: list[str]) -> list[str]:
    """Rounds as the chat runs them: each answers the coach's reply before it."""
    memory, question, out = None, None, []
    for n, text in enumerate(texts, start=1):
        said, memory = compose_reply(
            text,
            pack=pack(SCHOLARSHIP),
            memory=memory,
            round_number=n,
            plan=make_plan(),
            plan_aware=True,
            question=question,
        )
        out.append(said)
        question = said
    return out


def test_a_no_to_a_yes_or_no_question_is_the_whole_answer() -> None:
    """An audit's "no" to "Is anything due sooner…?" got "Say a little more and I can give
    you real feedback on it": a complete answer, told it was not enough."""
    out = _rounds(["I'm working on Sunrise Scholars", "yes", "no"])
    assert out[1].startswith("Good: then that's the date to plan back from. ")
    assert out[1].endswith(
        "Is anything due sooner that isn't on your plan yet, like a school form or a FAFSA date?"
    )
    assert out[2].startswith("Good: Sunrise Scholars stays first. ")
    assert "Say a little more" not in " ".join(out[1:])
    assert out[2].endswith("?")  # and the conversation goes on
    assert_no_question_repeats(out)


def test_a_yes_that_needs_its_details_asks_for_them_and_nothing_else() -> None:
    out = _rounds(["I'm working on Sunrise Scholars", "nope", "yes"])
    assert out[1].startswith("Then go by the listing's date, not your calendar")
    assert out[2] == "Then that one comes first. What is it, and when is it due?"


def test_a_yes_or_no_to_an_open_question_is_still_too_short() -> None:
    out = _rounds(["I'm working on Sunrise Scholars", "yes", "yes", "yes"])
    # "How many hours can you realistically give …?" asks for a number
    assert out[3].startswith("Say a little more")


def test_a_yes_or_no_is_not_scored_and_says_why() -> None:
    assert unscored_reason("nope", after_yes_no=True) == (
        "a yes or a no to the coach's question, not an answer to score"
    )
    assert unscored_reason("no, it's due friday the 6th", after_yes_no=True) is None
    assert unscored_reason("nope") == "a short reply to the coach, not an answer"


def _after_today(text: str) -> str:
    """The reply to `text`, said right after "what should I do today?" (its check-in last)."""
    asked, said = _rounds(["what should I do today?", text])
    assert asked.endswith("Also: have you heard back from River City Award?")
    return said


def test_a_yes_or_no_to_have_you_heard_back_is_answered_as_such() -> None:
    """An audit: "no" to "Also: have you heard back from …? What time today will you block
    out …?" answered neither, and got "Say a little more"."""
    for nothing_yet in ("no", "not yet", "nope nothing yet"):
        said = _after_today(nothing_yet)
        assert said.startswith("Then a short, polite email asking where your application")
        assert said.endswith("?") and "Say a little more" not in said
    assert _after_today("yes") == (
        "If it was a yes or a no, I'll help you record it: what did they say?"
    )
    # "they" is the check-in's sponsor: news, as "River City said no" is
    assert _after_today("yes they said no").startswith("I'm sorry — a rejection stings")


def test_the_check_in_alone_takes_its_yes_or_no_too() -> None:
    """With nothing due, the plan's "Have you heard back?" stands without a "from …"."""
    plan = GamePlan(
        top3=[],
        check_ins=[CheckInItem(application_id=uuid4(), title="River City Award", due_at=NOW)],
        states={"submitted": 1},
    )
    asked, memory = compose_reply(
        "what should I do today?", pack=pack(SCHOLARSHIP), plan=plan, plan_aware=True
    )
    assert "Have you heard back?" in asked
    said, _ = compose_reply(
        "yes",
        pack=pack(SCHOLARSHIP),
        memory=memory,
        round_number=2,
        plan=plan,
        plan_aware=True,
        question=asked,
    )
    assert said == "If it was a yes or a no, I'll help you record it: what did they say?"


@pytest.mark.parametrize(
    ("text", "news"),
    [
        ("no", "I'm sorry — a rejection stings"),
        ("it was a no", "I'm sorry — a rejection stings"),
        ("nope", "I'm sorry — a rejection stings"),
        ("yes!", "Congratulations — you earned this!"),
        ("it was a yes", "Congratulations — you earned this!"),
    ],
)
def test_the_answer_to_what_did_they_say_is_the_news(text: str, news: str) -> None:
    """A regression audit: after "…: what did they say?", "no" got "Say a little more" and
    "it was a no" was scored 1/10 ("That repeats the coach's question"), the news dropped."""
    _, said, answer = _rounds(["what should I do today?", "yes", text])
    assert said.endswith("what did they say?")
    assert answer.startswith(news)
    assert said_as_news("no", "Is it due Friday?") == "no"  # only after that question


@pytest.mark.parametrize(
    ("domain_id", "question", "no_starts"),
    [
        (SALES, "Who signs the contract, and have you spoken to them yet?", "Then that's the gap"),
        (
            ONBOARDING,
            "Who is your go-to person for a 'how does this work here' question, and have you met "
            "them yet?",
            "Then find them this week",
        ),
    ],
)
def test_a_no_to_a_question_ending_in_have_you_answers_its_last_part(
    domain_id: str, question: str, no_starts: str
) -> None:
    """An audit: "no" to "Who signs the contract, and have you spoken to them yet?" got "Say
    a little more…" and a new question, nothing about reaching the person who signs."""
    for no in ("no", "not yet"):
        out, _ = compose_reply(no, pack=pack(domain_id), round_number=3, question=question)
        assert out.startswith(no_starts) and "Say a little more" not in out, out
        assert unscored_reason(no, after_yes_no=True) is not None
