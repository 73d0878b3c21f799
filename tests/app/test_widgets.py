"""pages/widgets.py: an assessment says each thing once."""

from __future__ import annotations

from pages.widgets import repeats
from tests.unit.rubric_cases import COMMS, assess


def test_a_red_flag_is_said_once_not_once_per_dimension() -> None:
    capped = assess("I'd just tell him he's lazy and hang up.", COMMS)
    assert capped.feedback.startswith("Red flag:")
    said = [capped.feedback]
    assert all(repeats(r, said) for r in capped.dimension_reasons.values())


def test_ordinary_reasons_are_each_shown() -> None:
    answer = assess(
        "I'd let her finish, say sorry the refund is two weeks late, and call her back at 3pm "
        "today with the date from finance.",
        COMMS,
    )
    said = [answer.feedback]
    for reason in answer.dimension_reasons.values():
        assert not repeats(reason, said)
        said.append(reason)
