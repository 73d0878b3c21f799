"""Feelings and steps (coach/feelings.py): what the coach answers instead of critiquing."""

from __future__ import annotations

import pytest

from coach.feelings import (
    distressed,
    has_plan,
    is_better,
    is_feeling,
    is_frustrated,
    is_hurt,
    is_unwell,
    low_mood,
)


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


# An audit's learners, each of whom got a critique ("What's missing: a pace") and a score.
DISTRESS = [
    "I started 3 days ago and honestly everyone in standup talks about things I've never heard "
    "of. I feel like they made a mistake hiring me.",
    "I'm not asking about the stack. I'm saying I feel like a fraud.",
    "a guy at the call center screamed at me today and called me useless and i ended up crying "
    "in the break room. i don't know if i can keep doing this job",
    "what? this isn't an essay. i'm telling you i cried at work",
    "honestly i'm kind of burned out. my tech lead shot down my design again today and i don't "
    "even know what he wants anymore",
    "i don't have numbers, this isn't about numbers. i just feel like i'm bad at this job",
    "whatever. i dont even know why i bother, everyone else has better grades",
    "i just feel like giving up",
]


# A re-audit's, each critiqued, scored 1-3/10 or met with a red flag
PUT_DOWN_OR_DOUBT = [
    "my buddy told me my code was garbage in front of the team",
    "my tech lead mocked my question in standup and now I don't want to ask anything",
    "my manager called me lazy in front of everyone",
    "I'm such an idiot, I messed up the demo again",
    "maybe i'm just not smart enough for this",
    "i'm so bad at this",
    "everyone else is so much better at this than me",
    "i'm useless",
    "I feel like a burden to the team",
    # a scholarship student's week (an audit: 3/10 and 2/10, the second quoted back at her)
    "im so overwhelmed. i have school, work, and all these deadlines. i feel like i cant do this",
    "i feel stupid, everyone else knows how to do this and i dont",
]


# An audit's, scored 1-2/10 ("What's missing: the date"): low, no harm named
LOW = [
    "I hate my life",
    "nobody cares anyway",
    "no one even cares about me",
    "what's the point",
    "honestly whats even the point of trying",
    "I give up",
    "i'm so depressed lately",
    "everything feels hopeless",
]


@pytest.mark.parametrize("text", LOW)
def test_low_in_a_few_words_is_distress_with_its_own_reply(text: str) -> None:
    assert distressed(text) and low_mood(text)


@pytest.mark.parametrize(
    "text",
    [
        "what's the point of a follow-up email?",
        "nobody cares about the cover page, so I skip it",
        "I hate my commute but I'll call Dana at 9",
        "they give up on vendors who miss a deadline",
    ],
)
def test_a_question_a_dislike_or_their_words_is_not_low(text: str) -> None:
    assert not low_mood(text)


@pytest.mark.parametrize("text", DISTRESS + PUT_DOWN_OR_DOUBT)
def test_hurt_or_doubt_said_anywhere_in_a_paragraph_is_distress(text: str) -> None:
    assert distressed(text)


@pytest.mark.parametrize(
    "text",
    [
        "I feel like a fraud, but I'll call Dana tomorrow at 10 and ask about budget first.",
        "the customer cried when I told her the refund was denied, so I offered a callback",
        "everyone is better off if we pick Kafka here",
        "they want to quit their current CRM because it's slow",
        "I'm nervous about the call but I'll ask about their timeline at 3pm.",
        # someone else's feeling, quoted; the work called names, not the learner
        "the customer told me 'I feel like a failure' when her practice lost money, and I "
        "just listened",
        "they told me the price was garbage compared to Oracle",
        "the manager called me back on Tuesday to confirm the refund",
        "I can't do this without the manager's sign-off, so I'll ask her today.",
        "The customer said she was overwhelmed by the options.",
        # work pasted in, a feeling in passing: over a paragraph, it is read as the work
        "My understanding of the PR: before, each pod kept its own sessions in memory, so a "
        "user who hit another pod was logged out. Now sessions live in Redis with a TTL of 30 "
        "minutes, behind a feature flag that is off by default so ops can roll it out pod by "
        "pod. I think the risk is Redis being down: then nobody can sign in. Honestly I feel "
        "like a fraud asking this, but did I get it right?",
    ],
)
def test_a_step_promised_someone_elses_tears_or_a_long_paste_is_no_distress(text: str) -> None:
    assert not distressed(text)


def test_tears_or_being_put_down_is_hurt_not_only_doubt() -> None:
    hurt = [t for t in DISTRESS + PUT_DOWN_OR_DOUBT if is_hurt(t)]
    assert hurt == [DISTRESS[2], DISTRESS[3], *PUT_DOWN_OR_DOUBT[:3]]
