"""Short turns the coach meets as what they are, not as answers to critique: back at the desk
after "brb", and an option picked from the opening's question."""

from __future__ import annotations

import re

from coach.answer_fit import option_picked
from coach.offline_coach.scenario import advance, back_to_scene
from coach.offline_coach.turn import Turn, asked_by_key
from coach.packs import Situation
from coach.text import words

# back at the desk after stepping away: "back", "ok im back now"
_BACK = re.compile(
    r"^\W*((ok(ay)?|hi|hey|alright|sorry|and)\W+)*((i'?m|im|i\s+am)\s+)?back(\s+(now|again))?\W*$",
    re.I,
)


def back_at_desk(turn: Turn, situation: Situation | None) -> bool:
    """ "ok I'm back" after "brb": at the desk again, not well again, and the question they
    stepped away from as it was (an audit's got "Glad you're feeling better" and a new
    question)."""
    if not _BACK.match(turn.text):
        return False
    if situation is not None:
        back_to_scene(turn, situation, "Welcome back, we're still in {where}.")
        return True
    m = turn.memory
    again = asked_by_key(turn, m.asked[-1]) if m.asked else None
    turn.parts.append(f"Welcome back. Back to my question: {again}" if again else "Welcome back.")
    if again is None:
        advance(turn)
    return True


def opening_pick(turn: Turn) -> bool:
    """ "working on one", to the opening's "working on one, or just getting started?": where
    they stand, told as asked and left unscored (an audit's got "What's missing: the date"
    and 1/10)."""
    if turn.round_number != 1 or len(words(turn.text)) > 4:
        return False
    if not option_picked(turn.text, turn.question):
        return False
    turn.memory.context = True
    turn.parts.append("Thanks, that helps.")
    advance(turn)
    return True
