"""The Learners page's table: who needs a coach's attention first, and each learner's numbers
as a frame the page shows as it is. Apart from the review charts because its rows are per
learner (db.models.LearnerSummary), and the order is a judgement about a coach's work.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Protocol, TypeVar

import pandas as pd  # type: ignore[import-untyped]

from coach.analytics.rows import Number


class LearnerSummaryRow(Protocol):
    """One learner's numbers (db.models.LearnerSummary)."""

    @property
    def learner_id(self) -> str: ...
    @property
    def learner_name(self) -> str: ...
    @property
    def team(self) -> str | None: ...
    @property
    def sessions(self) -> int: ...
    @property
    def rounds(self) -> int: ...
    @property
    def average_score(self) -> Number | None: ...
    @property
    def first_score(self) -> int | None: ...
    @property
    def latest_score(self) -> int | None: ...
    @property
    def best_score(self) -> int | None: ...
    @property
    def last_round_at(self) -> datetime: ...
    @property
    def unreviewed_sessions(self) -> int: ...
    @property
    def overridden_rounds(self) -> int: ...
    @property
    def change(self) -> Number | None: ...


L = TypeVar("L", bound=LearnerSummaryRow)

LEARNER_COLUMNS = (
    "Learner",
    "Team",
    "Not reviewed",
    "Change",
    "Average",
    "First",
    "Latest",
    "Best",
    "Sessions",
    "Rounds",
    "Overrides",
    "Last round",
)
# said as attention_order sorts: a coach-review audit read "the most sessions nobody has
# reviewed, then the steepest fall" above a list led by a falling learner with none waiting
ATTENTION_ORDER = (
    "Who needs attention first: anyone whose score fell by a point or more (the steepest fall "
    "first), then the most sessions nobody has reviewed (Change: the last five scored rounds "
    "against the first five; below ten rounds, the last half against the first half)."
)


FALLING = Decimal("-1.0")  # a change this low or lower: a learner losing ground


def attention_order(learners: Iterable[L]) -> list[L]:
    """A learner whose score fell by a point or more comes first (the steepest fall first):
    a coach-review audit's only falling learner was 9th of 10, under eight rising ones who
    all had sessions waiting. Then sessions waiting for a review, the work a coach owes
    (most first); among equals, a falling score before a rising one, and a learner with too
    few scored rounds to have a change after those who have one. Name, then id, settles the
    rest, so the order is the same on every run."""

    def key(r: L) -> tuple[bool, Decimal, int, bool, Decimal, str, str]:
        change = Decimal(str(r.change)) if r.change is not None else Decimal(0)
        falling = r.change is not None and change <= FALLING
        return (
            not falling,
            change if falling else Decimal(0),
            -r.unreviewed_sessions,
            r.change is None,
            change,
            r.learner_name.casefold(),
            r.learner_id,
        )

    return sorted(learners, key=key)


def _float(value: Number | None) -> float | None:
    return None if value is None else float(value)


def learners_frame(learners: Sequence[LearnerSummaryRow]) -> pd.DataFrame:
    """The Learners table in the order given, one row per learner, with LEARNER_COLUMNS.
    Missing scores stay missing (nullable integers, NaN), so the table shows a placeholder
    rather than a zero nobody scored. Names and teams are data: a table cell is plain text."""
    return pd.DataFrame(
        {
            "Learner": [r.learner_name for r in learners],
            "Team": [r.team or "" for r in learners],
            "Not reviewed": [r.unreviewed_sessions for r in learners],
            "Change": [_float(r.change) for r in learners],
            "Average": [_float(r.average_score) for r in learners],
            "First": pd.array([r.first_score for r in learners], dtype="Int64"),
            "Latest": pd.array([r.latest_score for r in learners], dtype="Int64"),
            "Best": pd.array([r.best_score for r in learners], dtype="Int64"),
            "Sessions": [r.sessions for r in learners],
            "Rounds": [r.rounds for r in learners],
            "Overrides": [r.overridden_rounds for r in learners],
            "Last round": [r.last_round_at for r in learners],
        },
        columns=list(LEARNER_COLUMNS),
    )


def change_text(change: Number | None) -> str:
    """ "+1.2", "-0.4", "0.0" or "—" (too few scored rounds to compare); halves away from
    zero, as SQL's round() does."""
    if change is None:
        return "—"
    value = Decimal(str(change)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return "0.0" if value == 0 else f"{value:+.1f}"
