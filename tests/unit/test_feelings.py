"""Feelings and steps (coach/feelings.py): what the coach answers instead of critiquing."""

from __future__ import annotations

import pytest

from coach.feelings import has_plan, is_better, is_feeling, is_frustrated, is_unwell


@pytest.mark.parametrize(
    "text",
    [
        "i feel ill today",
        "im so ill today",
        "im not feeling well",
        "honestly i have the flu",
        "im feeling sick so i didnt do much",
        "i caught a cold",
    ],
)
def test_being_unwell_is_a_feeling_to_answer_not_a_step(text: str) -> None:
    assert is_unwell(text) and is_feeling(text) and not has_plan(text)


@pytest.mark.parametrize(
    "text",
    [
        "im ill but ill do it tomorrow",  # the second "ill" is "I'll"
        "i feel sick but ill write 200 words tonight",
        "so ill email them today",
        "we were ill prepared for the launch",
        "i was sick last week so i fell behind",
    ],
)
def test_a_step_or_a_past_illness_is_not_rest(text: str) -> None:
    assert not is_unwell(text)


def test_a_worry_plans_nothing_but_a_step_does() -> None:
    assert not has_plan("im nervous ill blank")
    assert has_plan("im nervous, so ill practise tonight")
    assert is_feeling("honestly im really stressed")
    assert not is_feeling("im stressed so tonight ill write 300 words")


@pytest.mark.parametrize(
    "text", ["im back, feeling better", "feeling much better today", "im back"]
)
def test_well_again_is_a_feeling_to_answer(text: str) -> None:
    assert is_better(text) and is_feeling(text) and not is_unwell(text)


@pytest.mark.parametrize(
    "text", ["im better at math than english", "i feel better about the essay now"]
)
def test_better_at_something_is_no_news_of_health(text: str) -> None:
    assert not is_better(text)


def test_tired_and_confused_asks_for_it_simpler() -> None:
    """A browser audit: "honestly im kinda tired and confused now" got the sales pack's
    pressure answer and a new question, not the last one put more simply."""
    assert is_frustrated("honestly im kinda tired and confused now")
    assert is_frustrated("im so lost")
    assert not is_frustrated("im tired and confused, so I'll call her tomorrow at 9")
