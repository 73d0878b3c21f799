"""The scope of a harmful act (`coach/harm_scope.py`): an act the clause itself calls wrong
or turns down is not proposed, and only an act that opens its clause is judged by what
follows it."""

from __future__ import annotations

import pytest

from coach.harm_scope import declined, judged, negated


@pytest.mark.parametrize(
    "message",
    [
        "Skipping the review would be a mistake, so I'll ask Sam to look at it today.",
        "My friend offered to write it for me, but I said no.",
    ],
)
def test_an_act_judged_wrong_or_turned_down_is_not_proposed(message: str) -> None:
    start = 0 if message.startswith("Skipping") else message.index("offered")
    end = start + 12
    assert negated(message, start, end)
    assert declined(message, start, end)


def test_only_an_act_that_opens_its_clause_is_judged_by_what_follows() -> None:
    text = "Hiding the bug from the reviewer is wrong."
    assert judged(text, 0)
    assert not judged("I'll hide the bug from the reviewer, it is wrong but quick.", 5)


@pytest.mark.parametrize(
    ("message", "act"),
    [
        ("Setting verify=False isn't an option, so I'll fix the trust store instead.", "verify"),
        ("Even if she skipped something, blaming her won't help.", "blaming"),
        ("Disabling authentication on a public URL, even for an hour, is too risky.", "Disabling"),
        ("Saying it's out for delivery when it isn't would just blow up later.", "Saying"),
    ],
)
def test_an_act_that_opens_a_clause_and_is_rejected_there_is_judged(message: str, act: str) -> None:
    assert judged(message, message.index(act))


def test_a_rejection_elsewhere_in_the_sentence_does_not_judge_a_planned_act() -> None:
    text = "I'll switch off verify=False checks for the demo; rolling back isn't an option."
    assert not judged(text, text.index("switch"))


def test_a_negation_does_not_reach_into_a_clause_the_act_opens() -> None:
    text = (
        "That buys some time and she'll stop calling, even though nothing's actually been issued."
    )
    start = text.index("even though")
    assert not declined(text, start, len(text) - 1)
    refused = "I'd never pay a fee, even for a big award."
    assert declined(refused, refused.index("pay"), refused.index("pay") + 10)
