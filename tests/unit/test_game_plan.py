"""The Top 3 game plan: open applications ranked by momentum, due check-ins ("Have you heard
back?"), counts of every state, and the text the scholarship coach's prompt sees."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

from coach.game_plan import GamePlan, build_game_plan
from db.models import Application, CheckInTask, Scholarship

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
STUDENT = uuid4()


class Book:
    """A student's applications, their scholarships and check-ins, built one line each."""

    def __init__(self) -> None:
        self.applications: list[Application] = []
        self.scholarships: dict[UUID, Scholarship] = {}
        self.check_ins: list[CheckInTask] = []

    def track(
        self,
        title: str,
        *,
        days: float | None,
        trust: int | None = 80,
        kind: str | None = "essay",
        status: str = "draft",
        coach_state: str | None = None,
        sai: int | None = None,
    ) -> Application:
        metadata: dict[str, Any] = {"application_type": kind} if kind else {}
        scholarship = Scholarship(
            id=uuid4(),
            title=title,
            url=f"https://scholarships.example/{len(self.scholarships)}",
            deadline=None if days is None else NOW + timedelta(days=days),
            trust_score=trust,
            metadata=metadata,
        )
        app_meta: dict[str, Any] = {}
        if coach_state:
            app_meta["coach_state"] = coach_state
        if sai is not None:  # data that must never reach the coach's prompt
            app_meta["sai"] = sai
        application = Application(
            id=uuid4(),
            user_id=STUDENT,
            scholarship_id=scholarship.id,
            status=status,
            metadata=app_meta,
        )
        self.scholarships[scholarship.id] = scholarship
        self.applications.append(application)
        return application

    def check_in(self, application: Application, *, days: float, status: str = "pending") -> None:
        self.check_ins.append(
            CheckInTask(
                id=uuid4(),
                user_id=STUDENT,
                application_id=application.id,
                due_at=NOW + timedelta(days=days),
                status=status,
            )
        )

    def plan(self) -> GamePlan:
        return build_game_plan(self.applications, self.scholarships, self.check_ins, NOW)


def titles(plan: GamePlan) -> list[str]:
    return [item.title for item in plan.top3]


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


def test_states_count_every_application() -> None:
    book = Book()
    book.track("Draft One", days=10)
    book.track("Draft Two", days=-5)  # past deadline: out of the Top 3, still counted
    book.track("Draft Three", days=20)
    book.track("Draft Four", days=30)
    book.track("Sent", days=10, status="submitted")
    book.track("Won", days=10, status="awarded")
    book.track("Lost A", days=10, status="rejected")
    book.track("Lost B", days=10, status="rejected")

    plan = book.plan()

    assert plan.states == {"draft": 4, "submitted": 1, "awarded": 1, "rejected": 2}
    assert len(plan.top3) == 3


def test_an_empty_book_gives_an_empty_plan() -> None:
    plan = build_game_plan([], {}, [], NOW)
    assert plan.top3 == [] and plan.check_ins == [] and plan.states == {}
    assert "discovery" in plan.as_text()


def sample_plan() -> GamePlan:
    book = Book()
    book.track("Sunrise Scholars", days=3, trust=90, kind="form", coach_state="Drafting")
    book.track("Future Teachers Fund", days=12, trust=75, kind="essay", sai=1200)
    book.track("Community Leaders Grant", days=25, trust=60, kind="mixed")
    sent = book.track("River City Award", days=40, status="submitted", sai=-500)
    book.check_in(sent, days=-1)
    return book.plan()


def test_as_text_lists_titles_days_left_and_check_ins() -> None:
    text = sample_plan().as_text()

    lines = text.splitlines()
    assert lines[0].startswith("1. Sunrise Scholars")
    assert "(3 days left)" in lines[0]
    assert "form application" in lines[0]
    assert "stage: Drafting" in lines[0]
    assert lines[1].startswith("2. Future Teachers Fund") and "(12 days left)" in lines[1]
    assert lines[2].startswith("3. Community Leaders Grant") and "(25 days left)" in lines[2]
    assert "Check-in: have they heard back from River City Award?" in text
    assert "1 submitted" in text and "3 draft" in text


def test_as_text_never_mentions_financial_data() -> None:
    text = sample_plan().as_text()
    assert not re.search(r"\b(sai|income|bank|pell)\b", text, re.I)
    assert "1200" not in text and "-500" not in text


def test_as_text_with_only_submitted_applications_does_not_claim_none_are_tracked() -> None:
    """A student whose applications are all submitted (check-ins not yet due) still has
    tracked applications: the coach's prompt must not tell the model there are none."""
    book = Book()
    a = book.track("Sent One", days=20, status="submitted")
    book.track("Sent Two", days=25, status="submitted")
    book.check_in(a, days=14)

    text = book.plan().as_text()

    assert "No tracked applications" not in text
    assert "2 submitted" in text
