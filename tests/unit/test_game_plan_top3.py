"""The Top 3 of coach/game_plan.py: open applications of every open coach state ranked by
momentum (the one function in coach/momentum.py), ties broken by the quickest form, and
the days left, stage and next action each item carries."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from coach.momentum import momentum_score
from tests.unit.game_plan_book import NOW, Book, titles


def test_top3_are_the_highest_momentum_drafts_in_order() -> None:
    book = Book()
    book.track("Far Away Award", days=55, trust=40)
    book.track("Urgent Grant", days=2, trust=90)
    book.track("Mid Scholarship", days=20, trust=70)
    book.track("Next Week Fund", days=7, trust=60)
    book.track("Beyond Horizon Prize", days=120, trust=100)

    plan = book.plan()

    assert titles(plan) == ["Urgent Grant", "Next Week Fund", "Mid Scholarship"]
    scores = [item.momentum for item in plan.top3]
    assert scores == sorted(scores, reverse=True)
    assert plan.top3[0].momentum > 90


def test_top3_holds_at_most_three_and_fewer_when_fewer_are_open() -> None:
    book = Book()
    for n in range(6):
        book.track(f"Award {n}", days=5 + n)
    assert len(book.plan().top3) == 3

    small = Book()
    small.track("Only One", days=10)
    assert titles(small.plan()) == ["Only One"]


def test_submitted_awarded_and_rejected_never_appear_in_top3() -> None:
    book = Book()
    # These would top the ranking on momentum alone.
    book.track("Submitted Soon", days=1, trust=100, status="submitted")
    book.track("Awarded Soon", days=1, trust=100, status="awarded")
    book.track("Rejected Soon", days=1, trust=100, status="rejected")
    book.track("Open Later", days=40, trust=20)

    plan = book.plan()

    assert titles(plan) == ["Open Later"]


def test_past_deadlines_drop_out() -> None:
    book = Book()
    book.track("Missed Yesterday", days=-1, trust=100)
    book.track("Missed An Hour Ago", days=-1 / 24, trust=100)
    book.track("Still Open", days=30)

    assert titles(book.plan()) == ["Still Open"]


def test_no_deadline_stays_in_the_plan_below_dated_ones() -> None:
    book = Book()
    book.track("Rolling Award", days=None, trust=80)
    book.track("Dated Award", days=10, trust=80)

    plan = book.plan()

    assert titles(plan) == ["Dated Award", "Rolling Award"]
    assert plan.top3[1].days_left is None


def test_ties_go_to_the_quick_form_first() -> None:
    book = Book()
    book.track("A Essay Award", days=14, trust=70, kind="essay")
    book.track("B Unknown Award", days=14, trust=70, kind=None)
    book.track("C Mixed Award", days=14, trust=70, kind="mixed")
    book.track("D Form Award", days=14, trust=70, kind="form")

    plan = book.plan()

    assert len({item.momentum for item in plan.top3}) == 1
    assert titles(plan) == ["D Form Award", "C Mixed Award", "A Essay Award"]


def test_plan_items_carry_days_left_type_and_stage() -> None:
    book = Book()
    app = book.track("Sunrise Scholars", days=10.5, trust=80, kind="form", coach_state="Drafting")

    item = book.plan().top3[0]

    assert item.application_id == app.id
    assert item.days_left == 11  # calendar days: March 1 noon -> March 12, 00:00
    assert item.due == "due Thursday, March 12 (11 days left)"
    assert item.deadline == NOW + timedelta(days=10.5)
    assert item.application_type == "form"
    assert item.coach_state == "Drafting"


# --- every open coach state, next actions, missed deadlines (issue #17) ----------------------


def test_top3_ranks_every_open_coach_state_by_momentum() -> None:
    """Tracked, Drafting and Review all compete for the Top 3; the stage does not rank."""
    book = Book()
    book.track("Review Later", days=30, coach_state="review")
    book.track("Tracked Soon", days=3, coach_state="tracked")
    book.track("Drafting Mid", days=10, coach_state="drafting")
    book.track("Never Staged", days=20)  # no coach_state: Tracked ("first added")

    plan = book.plan()

    assert titles(plan) == ["Tracked Soon", "Drafting Mid", "Never Staged"]
    assert [i.coach_state for i in plan.top3] == ["Tracked", "Drafting", "Tracked"]
    assert plan.coach_states == {"Tracked": 2, "Drafting": 1, "Review": 1}


def test_sent_and_decided_coach_states_never_enter_the_top3() -> None:
    book = Book()
    book.track("Sent", days=1, trust=100, status="submitted", coach_state="submitted")
    book.track("Waiting", days=1, trust=100, status="submitted", coach_state="outcome_pending")
    book.track("Won", days=1, trust=100, status="awarded", coach_state="won")
    book.track("Lost", days=1, trust=100, status="rejected", coach_state="lost")
    book.track("Open", days=50, trust=10, coach_state="review")

    plan = book.plan()

    assert titles(plan) == ["Open"]
    assert plan.coach_states == {
        "Submitted": 1,
        "Outcome Pending": 1,
        "Won": 1,
        "Lost": 1,
        "Review": 1,
    }


def test_plan_items_carry_amount_next_action_and_the_one_momentum() -> None:
    book = Book()
    tracked = book.track("Start Me", days=3, trust=90, amount=2500, coach_state="tracked")
    book.track("Review Me", days=3, trust=80, coach_state="review")
    book.track("Draft Me", days=3, trust=70, coach_state="drafting", idle_hours=49)

    plan = book.plan()

    assert titles(plan) == ["Start Me", "Review Me", "Draft Me"]
    first, second, third = plan.top3
    assert first.scholarship_id == tracked.scholarship_id and first.amount == Decimal(2500)
    assert first.next_action == "Start your draft"
    assert second.next_action == "Submit by Wednesday"  # Sunday March 1 -> March 4
    assert third.next_action == "Ask for a review"
    assert third.stale and not first.stale and not second.stale  # no progress recorded
    assert (third.idle_hours, first.idle_hours) == (49, None)  # the card says how long
    for item in plan.top3:  # coach/momentum.py is the one momentum function
        assert item.scholarship_id is not None
        scholarship = book.scholarships[item.scholarship_id]
        assert item.momentum == momentum_score(scholarship.deadline, scholarship.trust_score, NOW)
    assert "stage: Tracked, momentum 93, next: Start your draft" in plan.as_text()
