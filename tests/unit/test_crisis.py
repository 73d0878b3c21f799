"""A learner who says they may harm themselves (coach/crisis.py): every coach answers with
where to get help now, and scores nothing."""

from __future__ import annotations

import pytest

from coach.crisis import CRISIS_REASON, CRISIS_REPLY, in_crisis
from coach.learner_intents import unscored_reason
from tests.unit.offline_coach_cases import ARCH, COMMS, ONBOARDING, SALES, SCHOLARSHIP, reply

SAID = [
    "i want to kill myself",
    "honestly i dont want to be alive anymore",
    "i feel like hurting myself",
    "sometimes i think everyone would be better off without me",
    "i wish i was dead",
    "im gonna end it all",
    "I've been thinking about suicide",
    "i keep cutting myself when it gets bad",
    # a robustness audit: classed "a feeling shared" and answered with sales encouragement
    "i feel like giving up on all of this, i don't want to be here anymore",
    "sometimes i just want to go to sleep and never wake up",
    "i want it all to end",
]


@pytest.mark.parametrize("text", SAID)
def test_words_of_self_harm_are_a_crisis(text: str) -> None:
    assert in_crisis(text)
    assert unscored_reason(text) == CRISIS_REASON


@pytest.mark.parametrize(
    "text",
    [
        "this deadline is killing me",
        "our old CRM is going to die",
        "we killed the feature last sprint",
        "end things with the vendor first",
        "I'm dying to hear back from Gates",
        "I hurt my back moving boxes",
        "we need to kill the process before the deploy",
        "I don't want to be here at 6am for the standup",
        "the client doesn't want to go on with the pilot",
    ],
)
def test_an_idiom_or_the_work_is_no_crisis(text: str) -> None:
    assert not in_crisis(text)


@pytest.mark.parametrize("domain_id", [SALES, ARCH, COMMS, ONBOARDING, SCHOLARSHIP])
def test_every_coach_gives_where_to_get_help_and_nothing_else(domain_id: str) -> None:
    """An audit: "i want to kill myself" got "What's missing: the date…" and a score."""
    assert reply("i want to kill myself", domain_id=domain_id) == CRISIS_REPLY
    assert "988" in CRISIS_REPLY and "911" in CRISIS_REPLY
