"""The numbers around the KPI row rather than the KPIs themselves (the database counts those):
the delta against the previous period, and the periods as whole UTC days, so the Review
page, My progress and the benchmark ask the database for the same windows.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Literal

from coach.analytics.rows import Number


def kpi_delta(
    current: Number | None,
    previous: Number | None,
    *,
    decimals: int = 0,
    percent: bool = False,
    unit: str = "",
    up_down: tuple[str, str] | None = None,
) -> str | None:
    """ "+0.4" for st.metric's delta (the page says once what it is compared with: five
    "vs previous period" pills do not fit a row); None when there is no previous period to
    compare with (no date range) or no value. A share (0..1) with `percent` is compared in
    percentage points. "No change" when equal. `up_down` says what a rise and a fall mean
    ("slower", "faster"), where colour alone said it (a colour-blind coach's audit: "+0.1 s"
    in red for a response time)."""
    if current is None or previous is None:
        return None
    change = Decimal(str(current)) - Decimal(str(previous))
    if percent:
        change *= 100
        unit = " pts"
    change = change.quantize(Decimal(1).scaleb(-decimals))
    if change == 0:
        return "No change"
    said = f"{change:+.{decimals}f}{unit}"
    if up_down is not None:
        said += f" ({up_down[0] if change > 0 else up_down[1]})"
    return said


Preset = Literal["7d", "30d", "90d", "all"]
PRESET_DAYS: dict[str, int] = {"7d": 7, "30d": 30, "90d": 90}


def day_bounds(first: date, last: date) -> tuple[datetime, datetime]:
    """Whole UTC days from `first` through `last`: (start, end), the end exclusive."""
    start = datetime.combine(first, time.min, tzinfo=UTC)
    end = datetime.combine(last + timedelta(days=1), time.min, tzinfo=UTC)
    return start, end


def preset_bounds(preset: Preset, today: date) -> tuple[datetime | None, datetime | None]:
    """ "Last 7 days" and the like as whole UTC days ending with today; "all" is unbounded."""
    days = PRESET_DAYS.get(preset)
    if days is None:
        return None, None
    return day_bounds(today - timedelta(days=days - 1), today)
