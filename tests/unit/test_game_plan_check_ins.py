"""The "Have you heard back?" check-ins of coach/game_plan.py: which pending check-ins are
due, and that they ask only about applications still waiting for an answer."""

from __future__ import annotations

from datetime import timedelta

from tests.unit.game_plan_book import NOW, Book


def test_due_pending_check_ins_ask_have_you_heard_back() -> None:
    book = Book()
    due = book.track("Heard Back Award", days=30, status="submitted")
    also_due = book.track("Exactly Due Grant", days=30, status="submitted")
    future = book.track("Not Yet Fund", days=30, status="submitted")
    done = book.track("Completed Prize", days=30, status="submitted")
    dismissed = book.track("Dismissed Prize", days=30, status="submitted")
    book.check_in(due, days=-2)
    book.check_in(also_due, days=0)
    book.check_in(future, days=5)
    book.check_in(done, days=-3, status="completed")
    book.check_in(dismissed, days=-3, status="dismissed")

    plan = book.plan()

    assert [c.title for c in plan.check_ins] == ["Heard Back Award", "Exactly Due Grant"]
    assert plan.check_ins[0].application_id == due.id
    assert plan.check_ins[0].due_at == NOW - timedelta(days=2)


def test_check_ins_only_ask_about_applications_still_waiting() -> None:
    """A check-in left pending after the student marked the application Lost (the database
    completes check-ins on a win, not on a loss) does not ask again."""
    book = Book()
    waiting = book.track("Waiting", days=10, status="submitted", coach_state="outcome_pending")
    lost = book.track("Lost", days=10, status="rejected", coach_state="lost")
    book.check_in(waiting, days=-1)
    book.check_in(lost, days=-1)

    plan = book.plan()

    assert [c.title for c in plan.check_ins] == ["Waiting"]
    assert plan.check_ins[0].submitted_at == NOW - timedelta(days=30)
