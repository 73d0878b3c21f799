"""Momentum (seed 000): 100 x (0.6 x deadline proximity + 0.4 x trust), proximity rising
linearly from 0 at the 60-day horizon to 1 at the deadline; a passed deadline drops out."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coach.momentum import deadline_proximity, momentum_score, tie_break

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def in_days(days: float) -> datetime:
    return NOW + timedelta(days=days)


@pytest.mark.parametrize(
    ("days", "expected"),
    [(0, 1.0), (15, 0.75), (30, 0.5), (45, 0.25), (60, 0.0), (61, 0.0), (365, 0.0)],
)
def test_proximity_is_linear_over_the_60_day_horizon(days: float, expected: float) -> None:
    assert deadline_proximity(in_days(days), NOW) == pytest.approx(expected)


def test_proximity_of_a_passed_deadline_is_none() -> None:
    assert deadline_proximity(NOW - timedelta(seconds=1), NOW) is None
    assert deadline_proximity(in_days(-30), NOW) is None


def test_no_deadline_counts_as_far_away_not_passed() -> None:
    assert deadline_proximity(None, NOW) == 0.0
    assert momentum_score(None, 100, NOW) == pytest.approx(40.0)


@pytest.mark.parametrize(
    ("days", "trust", "expected"),
    [
        (0, 100, 100.0),  # due now, fully trusted
        (0, 0, 60.0),  # due now, untrusted: proximity alone
        (60, 100, 40.0),  # at the horizon: trust alone
        (60, 0, 0.0),
        (30, 50, 50.0),  # 100 x (0.6 x 0.5 + 0.4 x 0.5)
        (15, 80, 77.0),  # 100 x (0.6 x 0.75 + 0.4 x 0.8)
        (90, 25, 10.0),  # beyond the horizon proximity stays 0
    ],
)
def test_momentum_formula(days: float, trust: int, expected: float) -> None:
    assert momentum_score(in_days(days), trust, NOW) == pytest.approx(expected)


def test_momentum_is_rounded_to_two_decimals() -> None:
    score = momentum_score(in_days(7), 73, NOW)
    assert score is not None
    assert score == round(score, 2)
    assert score == pytest.approx(100 * (0.6 * (1 - 7 / 60) + 0.4 * 0.73), abs=0.005)


def test_passed_deadline_drops_out() -> None:
    assert momentum_score(NOW - timedelta(hours=1), 100, NOW) is None


def test_unscored_trust_is_neutral() -> None:
    assert momentum_score(in_days(30), None, NOW) == momentum_score(in_days(30), 50, NOW)
    assert momentum_score(in_days(60), None, NOW) == pytest.approx(20.0)


@pytest.mark.parametrize(("raw", "clamped"), [(150, 100), (101, 100), (-20, 0), (-1, 0)])
def test_trust_is_clamped_to_0_100(raw: int, clamped: int) -> None:
    assert momentum_score(in_days(10), raw, NOW) == momentum_score(in_days(10), clamped, NOW)


def test_tie_break_orders_form_mixed_essay_unknown() -> None:
    kinds = ["essay", None, "mixed", "video", "form", ""]
    ordered = sorted(kinds, key=tie_break)
    assert ordered[:3] == ["form", "mixed", "essay"]
    assert tie_break("form") < tie_break("mixed") < tie_break("essay") < tie_break(None)
    assert tie_break(None) == tie_break("") == tie_break("video")


future_offsets = st.floats(min_value=0, max_value=3 * 365, allow_nan=False)
trusts = st.integers(min_value=0, max_value=100)


@given(days=future_offsets, trust=trusts | st.none())
def test_momentum_is_always_within_0_100(days: float, trust: int | None) -> None:
    score = momentum_score(in_days(days), trust, NOW)
    assert score is not None
    assert 0.0 <= score <= 100.0


@given(a=future_offsets, b=future_offsets, trust=trusts | st.none())
def test_a_closer_deadline_never_lowers_momentum(a: float, b: float, trust: int | None) -> None:
    closer, farther = sorted((a, b))
    near = momentum_score(in_days(closer), trust, NOW)
    far = momentum_score(in_days(farther), trust, NOW)
    assert near is not None and far is not None
    assert near >= far


@given(days=future_offsets, low=trusts, high=trusts)
def test_more_trust_never_lowers_momentum(days: float, low: int, high: int) -> None:
    low, high = sorted((low, high))
    lower = momentum_score(in_days(days), low, NOW)
    higher = momentum_score(in_days(days), high, NOW)
    assert lower is not None and higher is not None
    assert higher >= lower


# --- properties over the whole input space (issue #17) -------------------------------------

any_offsets = st.floats(min_value=-3 * 365, max_value=3 * 365, allow_nan=False)
any_trust = st.integers(min_value=-(10**6), max_value=10**6) | st.none()


@given(days=any_offsets, trust=any_trust)
def test_momentum_is_bounded_or_absent_for_any_input(days: float, trust: int | None) -> None:
    """Any deadline, any trust (even outside 0..100): a score in 0..100, or None exactly
    when the deadline has passed."""
    deadline = in_days(days)
    score = momentum_score(deadline, trust, NOW)
    proximity = deadline_proximity(deadline, NOW)
    if deadline < NOW:
        assert score is None and proximity is None
    else:
        assert score is not None and 0.0 <= score <= 100.0
        assert proximity is not None and 0.0 <= proximity <= 1.0


@given(days=any_offsets, trust=trusts)
def test_momentum_is_the_seed_formula_of_proximity_and_trust(days: float, trust: int) -> None:
    proximity = deadline_proximity(in_days(days), NOW)
    score = momentum_score(in_days(days), trust, NOW)
    if proximity is None:
        assert score is None
    else:
        # rounded to hundredths: at most half of one away, plus float error (77.195 -> 77.2
        # was 0.005 + 1e-14 away, and a strict 0.005 failed it)
        assert score == pytest.approx(100 * (0.6 * proximity + 0.4 * trust / 100), abs=0.005 + 1e-9)


@given(
    days=st.floats(min_value=0, max_value=365, allow_nan=False),
    earlier=st.floats(min_value=0, max_value=365, allow_nan=False),
    later=st.floats(min_value=0, max_value=365, allow_nan=False),
    trust=trusts | st.none(),
)
def test_momentum_never_falls_as_a_deadline_approaches(
    days: float, earlier: float, later: float, trust: int | None
) -> None:
    """Monotonic in proximity along the clock: for one fixed deadline, a later "now" (still
    before the deadline) never scores lower; after the deadline it drops out."""
    deadline = in_days(days)
    first, second = sorted((earlier, later))
    before = momentum_score(deadline, trust, in_days(first))
    after = momentum_score(deadline, trust, in_days(second))
    if in_days(second) > deadline:  # compared as instants: timedelta rounds to microseconds
        assert after is None
    else:
        assert before is not None and after is not None
        assert after >= before


@given(days=future_offsets, low=trusts, high=trusts)
def test_trust_raises_momentum_by_exactly_its_weight(days: float, low: int, high: int) -> None:
    """Monotonic in trust, and linear: each trust point is worth 0.4 momentum points."""
    low, high = sorted((low, high))
    a = momentum_score(in_days(days), low, NOW)
    b = momentum_score(in_days(days), high, NOW)
    assert a is not None and b is not None
    assert b - a == pytest.approx(0.4 * (high - low), abs=0.011)
