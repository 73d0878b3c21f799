"""The offline persona coach: a real, deterministic chat model for when no language model
is configured. It works from the persona's hand-written pack (coach/packs.py): answers the
learner's question first, quotes and critiques their words against the persona's
dimensions, runs the persona's scenario (a prospect, an upset customer, a design problem,
a first-week plan, the scholarship game plan), and moves on when a success condition is
covered, never because rounds passed. What it has asked and seen is carried between rounds
in `CoachMemory`, which the graph checkpoints. The UI labels it "Offline coach"; it never
pretends to be a language model.

The chat model is in `model`; the round it says is composed in `reply` from the parts in
`turn` (the memory), `feedback`, `scenario` and `answers`.
"""

from __future__ import annotations

from coach.offline_coach.model import OfflineCoachModel
from coach.offline_coach.reply import compose_reply
from coach.offline_coach.turn import CoachMemory

__all__ = ["CoachMemory", "OfflineCoachModel", "compose_reply"]
