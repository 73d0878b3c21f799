"""The KPI row's deltas and the period presets (coach/analytics/kpis.py): a delta is a short
signed text or nothing to compare with, and every period is whole UTC days.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from coach.analytics.kpis import day_bounds, kpi_delta, preset_bounds


# KPIs -----------------------------------------------------------------------------------------
def test_kpi_delta() -> None:
    assert kpi_delta(12, 9) == "+3"
    assert kpi_delta(Decimal("6.4"), Decimal("6.8"), decimals=1) == "-0.4"
    assert kpi_delta(Decimal("0.5"), Decimal("0.25"), percent=True) == ("+25 pts")
    assert kpi_delta(2100, 2400, unit=" ms") == "-300 ms"
    assert kpi_delta(5, 5) == "No change"
    assert kpi_delta(Decimal("6.04"), Decimal("6.0"), decimals=1) == "No change"
    assert kpi_delta(5, None) is None  # no date range: nothing to compare with
    assert kpi_delta(None, 5) is None


def test_periods_are_whole_utc_days() -> None:
    today = date(2026, 12, 1)
    assert preset_bounds("all", today) == (None, None)
    start, end = preset_bounds("7d", today)
    assert start == datetime(2026, 11, 25, tzinfo=UTC)
    assert end == datetime(2026, 12, 2, tzinfo=UTC)  # exclusive: today counts
    assert day_bounds(today, today) == (
        datetime(2026, 12, 1, tzinfo=UTC),
        datetime(2026, 12, 2, tzinfo=UTC),
    )


def test_a_change_says_what_it_means_where_colour_alone_did() -> None:
    """A colour-blind coach could not tell whether "+0.1 s" of response time was good."""
    assert kpi_delta(2.3, 2.2, decimals=1, unit=" s", up_down=("slower", "faster")) == (
        "+0.1 s (slower)"
    )
    assert kpi_delta(2.0, 2.2, decimals=1, unit=" s", up_down=("slower", "faster")) == (
        "-0.2 s (faster)"
    )
    assert kpi_delta(2.2, 2.2, decimals=1, up_down=("slower", "faster")) == "No change"
