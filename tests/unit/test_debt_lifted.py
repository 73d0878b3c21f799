"""Total Debt Lifted (seed 000 §7): awarded AND confirmed amounts only, and the running
total over time for the chart."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from uuid import UUID, uuid4

from hypothesis import given
from hypothesis import strategies as st

from coach.debt_lifted import (
    DebtLiftedPoint,
    counts_toward_debt_lifted,
    debt_lifted_series,
    total_debt_lifted,
)
from db.models import Application, ApplicationStatus, Scholarship

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
STUDENT = uuid4()


class Book:
    def __init__(self) -> None:
        self.apps: list[Application] = []
        self.scholarships: dict[UUID, Scholarship] = {}

    def add(
        self,
        title: str,
        amount: Decimal | int | None,
        status: ApplicationStatus = "awarded",
        *,
        confirmed_days_ago: float | None = 1,
    ) -> Application:
        s = Scholarship(
            id=uuid4(),
            title=title,
            url=f"https://example.org/{len(self.scholarships)}",
            amount=None if amount is None else Decimal(amount),
        )
        self.scholarships[s.id] = s
        confirmed = None if confirmed_days_ago is None else NOW - timedelta(days=confirmed_days_ago)
        a = Application(
            id=uuid4(),
            user_id=STUDENT,
            scholarship_id=s.id,
            status=status,
            submitted_at=NOW - timedelta(days=60) if status != "draft" else None,
            confirmed_at=confirmed,
        )
        self.apps.append(a)
        return a


def test_only_awarded_and_confirmed_amounts_count() -> None:
    book = Book()
    book.add("Won Big", 5000, confirmed_days_ago=10)
    book.add("Won Small", Decimal("750.50"), confirmed_days_ago=2)
    book.add("Won Unconfirmed", 9000, confirmed_days_ago=None)
    book.add("Sent", 1000, "submitted", confirmed_days_ago=None)
    book.add("Lost", 2000, "rejected", confirmed_days_ago=None)
    book.add("Draft", 3000, "draft", confirmed_days_ago=None)
    # confirmed_at on a row that is not awarded does not count either
    book.add("Rejected Yet Confirmed", 4000, "rejected", confirmed_days_ago=1)

    assert total_debt_lifted(book.apps, book.scholarships) == Decimal("5750.50")
    assert [counts_toward_debt_lifted(a) for a in book.apps] == [True, True] + [False] * 5


def test_no_amount_adds_nothing_and_a_missing_scholarship_is_skipped() -> None:
    book = Book()
    book.add("Unstated", None)
    book.add("Stated", 1200)
    orphan = book.add("Orphan", 500)
    del book.scholarships[orphan.scholarship_id]

    assert total_debt_lifted(book.apps, book.scholarships) == Decimal("1200")


def test_nothing_won_is_zero() -> None:
    assert total_debt_lifted([], {}) == Decimal("0")
    assert debt_lifted_series([], {}, until=NOW) == []


def test_the_series_is_the_running_total_in_the_order_confirmed() -> None:
    book = Book()
    late = book.add("Late Win", 1000, confirmed_days_ago=1)
    early = book.add("Early Win", 2500, confirmed_days_ago=30)
    book.add("Unconfirmed", 9999, confirmed_days_ago=None)

    series = debt_lifted_series(book.apps, book.scholarships)

    assert series == [
        DebtLiftedPoint(
            NOW - timedelta(days=30), early.id, "Early Win", Decimal(2500), Decimal(2500)
        ),
        DebtLiftedPoint(NOW - timedelta(days=1), late.id, "Late Win", Decimal(1000), Decimal(3500)),
    ]


def test_until_carries_the_line_to_today() -> None:
    book = Book()
    book.add("Win", 1000, confirmed_days_ago=3)

    series = debt_lifted_series(book.apps, book.scholarships, until=NOW)

    assert len(series) == 2
    assert series[-1] == DebtLiftedPoint(NOW, None, None, Decimal(0), Decimal(1000))
    # no closing point when "until" is not after the last win
    earlier = debt_lifted_series(book.apps, book.scholarships, until=NOW - timedelta(days=5))
    assert len(earlier) == 1


wins = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=100_000),
        st.sampled_from(["awarded", "submitted", "rejected", "draft"]),
        st.none() | st.floats(min_value=0, max_value=365),
    ),
    max_size=8,
)


@given(rows=wins)
def test_the_series_ends_at_the_total_and_never_goes_down(
    rows: list[tuple[int, ApplicationStatus, float | None]],
) -> None:
    book = Book()
    for n, (amount, status, confirmed) in enumerate(rows):
        book.add(f"Award {n}", amount, status, confirmed_days_ago=confirmed)

    total = total_debt_lifted(book.apps, book.scholarships)
    series = debt_lifted_series(book.apps, book.scholarships, until=NOW + timedelta(days=1))

    counted = [a for a in book.apps if counts_toward_debt_lifted(a)]
    assert total == sum(
        (book.scholarships[a.scholarship_id].amount or Decimal(0) for a in counted), Decimal(0)
    )
    assert (series[-1].total if series else Decimal(0)) == total
    assert all(a.total <= b.total for a, b in zip(series, series[1:], strict=False))
    assert all(a.at <= b.at for a, b in zip(series, series[1:], strict=False))
    assert len(series) == len(counted) + (1 if counted else 0)
