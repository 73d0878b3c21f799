"""Total Debt Lifted (seed 000 §7): the sum of the amounts of scholarships the student won
and confirmed (status awarded with confirmed_at set), and the running total over time for a
chart. Pure: the caller reads the rows through the repository (RLS applies)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from uuid import UUID

from db.models import Application, Scholarship

ZERO = Decimal("0.00")


def counts_toward_debt_lifted(application: Application) -> bool:
    """Won and confirmed by the student (HITL): an unconfirmed win never counts."""
    return application.status == "awarded" and application.confirmed_at is not None


@dataclass(frozen=True, slots=True)
class DebtLiftedPoint:
    """One confirmed win on the chart: when, how much, and the running total after it. The
    closing point (see `debt_lifted_series`) names no application and adds nothing."""

    at: datetime
    application_id: UUID | None
    title: str | None
    amount: Decimal
    total: Decimal


def _wins(
    applications: Iterable[Application], scholarships: Mapping[UUID, Scholarship]
) -> list[tuple[datetime, str, UUID, Decimal]]:
    wins = []
    for app in applications:
        scholarship = scholarships.get(app.scholarship_id)
        if scholarship is None or not counts_toward_debt_lifted(app):
            continue
        assert app.confirmed_at is not None  # counts_toward_debt_lifted checked it
        amount = scholarship.amount if scholarship.amount is not None else ZERO
        wins.append((app.confirmed_at, scholarship.title, app.id, amount))
    return wins


def total_debt_lifted(
    applications: Iterable[Application], scholarships: Mapping[UUID, Scholarship]
) -> Decimal:
    """Sum of awarded and confirmed amounts; a scholarship with no stated amount adds 0."""
    return sum((amount for *_, amount in _wins(applications, scholarships)), ZERO)


def debt_lifted_series(
    applications: Iterable[Application],
    scholarships: Mapping[UUID, Scholarship],
    *,
    until: datetime | None = None,
) -> list[DebtLiftedPoint]:
    """The running total, one point per confirmed win in the order confirmed (same instant:
    by title). With `until` after the last win, a closing point carries the total to that
    time so a chart's line reaches today. The last point's total is `total_debt_lifted`."""
    points: list[DebtLiftedPoint] = []
    total = ZERO
    for at, title, app_id, amount in sorted(_wins(applications, scholarships)):
        total += amount
        points.append(DebtLiftedPoint(at, app_id, title, amount, total))
    if until is not None and points and until > points[-1].at:
        points.append(DebtLiftedPoint(until, None, None, ZERO, total))
    return points
