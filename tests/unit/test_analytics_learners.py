"""The Learners page's table (coach/analytics/learners.py): who needs attention first, in an
order that never depends on the input's, and a frame that keeps missing scores missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from coach import analytics  # the names as the Learners page reaches them
from tests.unit.analytics_cases import HOSTILE, T0


# the Learners page ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Learner:
    learner_id: str
    learner_name: str = "Ana Ruiz"
    team: str | None = "Admissions"
    sessions: int = 2
    rounds: int = 6
    average_score: Decimal | None = Decimal("6.5")
    first_score: int | None = 4
    latest_score: int | None = 8
    best_score: int | None = 9
    last_round_at: datetime = T0
    unreviewed_sessions: int = 0
    overridden_rounds: int = 0
    change: Decimal | None = Decimal("1.5")


def test_attention_order_puts_a_fall_then_unreviewed_sessions_then_falling_scores_first() -> None:
    learners = [
        Learner("rising", change=Decimal("2.0")),
        Learner("new", change=None),
        Learner("falling", change=Decimal("-1.2")),
        Learner("waiting", unreviewed_sessions=1, change=Decimal("3.0")),
        Learner("most waiting", unreviewed_sessions=3, change=Decimal("0.5")),
        Learner("waiting, falling", unreviewed_sessions=1, change=Decimal("-0.1")),
        Learner("waiting, new", unreviewed_sessions=1, change=None),
        Learner("flat", change=Decimal("0.0")),
    ]
    ordered = analytics.attention_order(learners)
    # a fall of a point or more first (a coach-review audit's falling learner was 9th of 10)
    assert [r.learner_id for r in ordered] == [
        "falling",
        "most waiting",
        "waiting, falling",
        "waiting",
        "waiting, new",
        "flat",
        "rising",
        "new",
    ]
    assert analytics.attention_order(reversed(learners)) == ordered  # input order is no tiebreak
    assert analytics.attention_order([]) == []


def test_attention_order_breaks_ties_by_name_then_id() -> None:
    learners = [
        Learner("2", learner_name="bea"),
        Learner("1", learner_name="Bea"),
        Learner("3", learner_name="Al"),
    ]
    assert [r.learner_id for r in analytics.attention_order(learners)] == ["3", "1", "2"]


def test_the_learners_frame_has_a_row_per_learner_and_keeps_missing_scores_missing() -> None:
    learners = [
        Learner("a", learner_name=HOSTILE, unreviewed_sessions=2),
        Learner(
            "b",
            learner_name="Ben",
            team=None,
            average_score=None,
            first_score=None,
            latest_score=None,
            best_score=None,
            change=None,
            rounds=1,
            sessions=1,
        ),
    ]
    frame = analytics.learners_frame(learners)
    assert list(frame.columns) == list(analytics.LEARNER_COLUMNS)
    assert list(frame["Learner"]) == [HOSTILE, "Ben"]  # as data, in the order given
    assert list(frame["Team"]) == ["Admissions", ""]
    assert list(frame["Not reviewed"]) == [2, 0]
    assert frame["Change"][0] == 1.5 and frame["Change"].isna()[1]
    assert frame["Average"][0] == 6.5 and frame["Average"].isna()[1]
    assert frame["First"][0] == 4 and frame["First"].isna()[1]  # not 0, nobody scored it
    assert str(frame["Best"].dtype) == "Int64"
    assert list(frame["Last round"]) == [T0, T0]
    empty = analytics.learners_frame([])
    assert list(empty.columns) == list(analytics.LEARNER_COLUMNS) and empty.empty


def test_change_text() -> None:
    assert analytics.change_text(Decimal("1.25")) == "+1.3"
    assert analytics.change_text(Decimal("-0.4")) == "-0.4"
    assert analytics.change_text(0) == "0.0"
    assert analytics.change_text(Decimal("-0.0")) == "0.0"
    assert analytics.change_text(None) == "—"
