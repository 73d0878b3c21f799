"""Two readings of a message from its words alone, shared by the offline coach (which asks
for more, or sets the aside aside) and by a model's round (which no offline coach reads, so
"brb" and "caching" were judged, 7/10, an audit with a model)."""

from __future__ import annotations

from coach.learner_intents import AWAY
from coach.text import words

TOO_FEW_WORDS = 3  # fewer is a word or two: too short to coach or to score


def too_short(text: str) -> bool:
    return len(words(text)) < TOO_FEW_WORDS


def stepping_away(text: str) -> bool:
    """ "ugh my laptop is at 3% battery brb", "one sec": stepping away, whatever numbers it
    holds."""
    return bool(AWAY.search(text)) and len(words(text)) <= 12
