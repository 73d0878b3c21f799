"""Momentum (seed 000): which open application to move next.

momentum = 100 x (0.6 x deadline_proximity + 0.4 x trust), both in 0..1. Proximity rises
linearly over the last HORIZON_DAYS before the deadline; a passed deadline drops out.
"""

from __future__ import annotations

from datetime import datetime

HORIZON_DAYS = 60.0
NEUTRAL_TRUST = 0.5  # a scholarship the Trust Filter has not scored yet
TYPE_ORDER = {"form": 0, "mixed": 1, "essay": 2}  # quick forms first on ties


def deadline_proximity(deadline: datetime | None, now: datetime) -> float | None:
    """1.0 at the deadline, 0.0 at or beyond the horizon, None once it has passed."""
    if deadline is None:
        return 0.0
    days_left = (deadline - now).total_seconds() / 86400
    if days_left < 0:
        return None
    return max(0.0, 1.0 - days_left / HORIZON_DAYS)


def momentum_score(
    deadline: datetime | None, trust_score: int | None, now: datetime
) -> float | None:
    proximity = deadline_proximity(deadline, now)
    if proximity is None:
        return None
    trust = NEUTRAL_TRUST if trust_score is None else max(0, min(100, trust_score)) / 100
    return round(100 * (0.6 * proximity + 0.4 * trust), 2)


def tie_break(application_type: str | None) -> int:
    return TYPE_ORDER.get(application_type or "", len(TYPE_ORDER))
