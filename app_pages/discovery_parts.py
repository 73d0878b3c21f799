"""The words a Discovery card is drawn with: amounts, deadlines, reason lists, and the orders
the matches can be sorted in. No Streamlit here: the page draws, these say."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from app_pages.render import inert_text
from coach import clock
from coach.coach_state import OPEN_STATES, CoachState
from graph.discovery import Match

SORTS: dict[str, tuple[str, Callable[[Match], Any]]] = {
    "need": ("Best need match", lambda m: (-m.need_match_score, -m.trust_score)),
    "trust": ("Most trusted", lambda m: (-m.trust_score, -m.need_match_score)),
    "amount": ("Largest amount", lambda m: (m.amount is None, -(m.amount or 0))),
    "deadline": (
        "Soonest deadline",
        lambda m: (m.deadline is None, m.deadline.timestamp() if m.deadline else 0),
    ),
}


def money(amount: float | None) -> str:
    # escaped: two dollar signs on one line would start a formula in markdown
    return f"\\${amount:,.0f}" if amount is not None else "Amount not stated"


def when_due(match: Match, state: CoachState | None = None) -> str:
    if match.deadline is None:
        return "Deadline not stated"
    now = clock.now()
    if state is not None and state not in OPEN_STATES:  # sent: its deadline is no longer a worry
        return f"Deadline {clock.short_date(match.deadline, now)} · {state.label}"
    phrase = clock.due_phrase(match.deadline, now)
    return phrase[:1].upper() + phrase[1:]


def bullet_list(lines: list[str]) -> str:
    return "\n".join(f"- {inert_text(line)}" for line in lines) or "- No details given."
