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
