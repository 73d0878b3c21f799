"""A student's book for the pure game-plan tests (tests/unit/test_game_plan_*.py): catalog
listings and tracked applications built one line each at a fixed NOW, so the Top 3,
check-in, missed-deadline and prompt-text suites describe their cases the same way and
share one clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID, uuid4

from coach.game_plan import GamePlan, build_game_plan
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
