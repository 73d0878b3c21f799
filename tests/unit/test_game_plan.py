"""The Top 3 game plan: open applications ranked by momentum, due check-ins ("Have you heard
back?"), counts of every state, and the text the scholarship coach's prompt sees."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID, uuid4

from coach.game_plan import GamePlan, build_game_plan, similar_scholarships, similarity
from coach.momentum import momentum_score
from db.models import Application, CheckInTask, Scholarship

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
STUDENT = uuid4()


def listing(
    title: str,
    *,
    days: float | None,
    trust: int | None = 80,
    kind: str | None = "essay",
    amount: int | None = None,
    need_based: bool = False,
    states: list[str] | None = None,
    majors: list[str] | None = None,
    min_gpa: float | None = None,
) -> Scholarship:
    """A catalog scholarship (tracked or not)."""
    metadata: dict[str, Any] = {"application_type": kind} if kind else {}
    if states is not None or majors is not None or min_gpa is not None:
        metadata["eligibility"] = {
            "states": states or [],
            "majors": majors or [],
            "min_gpa": min_gpa,
        }
    return Scholarship(
        id=uuid4(),
        title=title,
        url=f"https://scholarships.example/{uuid4().hex[:8]}",
        deadline=None if days is None else NOW + timedelta(days=days),
        trust_score=trust,
        amount=None if amount is None else Decimal(amount),
        need_based=need_based,
        metadata=metadata,
    )


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
        amount: int | None = None,
        idle_hours: float | None = None,
        **eligibility: Any,
    ) -> Application:
        scholarship = listing(
            title, days=days, trust=trust, kind=kind, amount=amount, **eligibility
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
            submitted_at=NOW - timedelta(days=30) if status in ("submitted", "awarded") else None,
            last_progress_at=None if idle_hours is None else NOW - timedelta(hours=idle_hours),
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

    def plan(self, catalog: list[Scholarship] | None = None) -> GamePlan:
        return build_game_plan(
            self.applications, self.scholarships, self.check_ins, NOW, catalog=catalog or []
        )


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


def test_a_passed_deadline_shows_as_missed_with_similar_open_scholarships() -> None:
    book = Book()
    missed = book.track(
        "Texas Engineers Award",
        days=-2,
        kind="form",
        amount=2000,
        coach_state="drafting",
        states=["TX"],
        majors=["Engineering"],
    )
    book.track("Already Tracked Twin", days=20, kind="form", amount=2000, states=["TX"])
    book.track("Open Draft", days=10)
    catalog = [
        listing(
            "Twin Form", days=15, kind="form", amount=2500, states=["TX"], majors=["Engineering"]
        ),
        listing(
            "Mechanical Fund", days=40, kind="essay", amount=3000, majors=["Mechanical Engineering"]
        ),
        listing("National Open", days=25, kind="form", amount=1500),
        listing("California Only", days=10, kind="form", amount=2000, states=["CA"]),
        listing("Nursing Only", days=10, kind="form", amount=2000, majors=["Nursing"]),
        listing("Also Closed", days=-1, kind="form", amount=2000, states=["TX"]),
        *[book.scholarships[a.scholarship_id] for a in book.applications],
    ]

    plan = book.plan(catalog)

    assert titles(plan) == ["Open Draft", "Already Tracked Twin"]  # not the missed one
    assert [m.title for m in plan.missed] == ["Texas Engineers Award"]
    item = plan.missed[0]
    assert item.application_id == missed.id
    assert item.label == "Missed deadline" and item.coach_state == "Drafting"
    assert item.missed == "deadline passed February 27, 2026"
    # Twin Form shares everything; the other two tie on similarity and the sooner one leads
    assert [s.title for s in item.similar] == ["Twin Form", "National Open", "Mechanical Fund"]
    assert [s.score for s in item.similar] == [4.5, 2.5, 2.5]
    twin = item.similar[0]
    assert "also for Texas residents" in twin.reasons
    assert "also for Engineering majors" in twin.reasons
    assert "also a form application" in twin.reasons
    assert "a similar amount ($1,000 to $4,999)" in twin.reasons
    assert twin.due is not None and twin.due.endswith("(15 days left)")
    assert "Missed deadline: Texas Engineers Award" in plan.as_text()
    assert "similar open scholarships: Twin Form, National Open, Mechanical Fund" in plan.as_text()


def test_similar_suggestions_are_capped_and_can_be_none() -> None:
    book = Book()
    book.track("Gone", days=-1, kind="essay", amount=500)
    many = [listing(f"Open {n}", days=10 + n, kind="essay", amount=600) for n in range(6)]

    assert len(book.plan(many).missed[0].similar) == 3
    assert book.plan().missed[0].similar == []  # no catalog given
    far = build_game_plan(
        book.applications, book.scholarships, [], NOW, catalog=many, similar_limit=5
    )
    assert len(far.missed[0].similar) == 5


def test_similarity_needs_something_in_common() -> None:
    target = listing("Target", days=-1, kind="essay", amount=50000, states=["NY"], min_gpa=3.5)
    same = listing("Same", days=5, kind="essay", amount=60000, states=["NY"], min_gpa=3.4)
    unlike = listing("Unlike", days=5, kind="form", amount=100, majors=["Art"], min_gpa=2.0)
    elsewhere = listing("Elsewhere", days=5, kind="essay", amount=50000, states=["OR"])

    score, reasons = similarity(target, same)
    assert score == 4.0 - 0.5 + 0.5  # state, type, amount, GPA bar; not both need-based
    assert "a similar GPA bar" in reasons
    assert similarity(target, unlike)[0] < 1.0
    assert similarity(target, elsewhere) == (0.0, [])
    assert similarity(target, target) == (0.0, [])
    ranked = similar_scholarships(target, [unlike, elsewhere, same], NOW)
    assert [s.title for s in ranked] == ["Same"]


def test_malformed_eligibility_is_read_as_absent() -> None:
    odd = Scholarship(
        id=uuid4(),
        title="Odd",
        url="https://scholarships.example/odd",
        deadline=NOW + timedelta(days=5),
        metadata={"eligibility": {"states": "TX", "majors": [None, 3], "min_gpa": "high"}},
    )
    plain = listing("Plain", days=-1, kind=None)
    score, reasons = similarity(plain, odd)
    assert "open in every state" in reasons and "open to every major" in reasons
    assert score == 1.5


def test_a_submitted_application_past_its_deadline_is_not_missed() -> None:
    book = Book()
    book.track("Sent In Time", days=-3, status="submitted", coach_state="submitted")
    book.track("Won", days=-3, status="awarded")
    assert book.plan().missed == []


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
