"""The Top 3 game plan: the student's open applications ranked by momentum, plus pending
check-ins ("Have you heard back?"). Pure: the caller reads rows through the repository."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from pydantic import BaseModel

from coach.clock import days_left, due_phrase
from coach.momentum import momentum_score, tie_break
from db.models import Application, CheckInTask, Scholarship

OPEN_STATUSES = ("draft",)


class PlanItem(BaseModel):
    application_id: UUID
    title: str
    deadline: datetime | None
    days_left: int | None
    due: str | None = None  # "due today, 11:59 pm": how the student reads the deadline
    momentum: float
    application_type: str | None
    coach_state: str | None


class CheckInItem(BaseModel):
    application_id: UUID
    title: str
    due_at: datetime


class GamePlan(BaseModel):
    top3: list[PlanItem]
    check_ins: list[CheckInItem]
    states: dict[str, int]

    def as_text(self) -> str:
        """The plan as the scholarship coach's system prompt sees it (no financial data)."""
        if not self.top3 and not self.check_ins and not self.states:
            return "No tracked applications yet: the student should run scholarship discovery."
        lines = []
        for rank, item in enumerate(self.top3, start=1):
            due = item.due or "no fixed deadline"
            lines.append(
                f"{rank}. {item.title} — {due}, {item.application_type or 'unknown'} application, "
                f"stage: {item.coach_state or 'tracked'}, momentum {item.momentum:.0f}"
            )
        for check in self.check_ins:
            lines.append(f"Check-in: have they heard back from {check.title}?")
        counts = ", ".join(f"{n} {state}" for state, n in sorted(self.states.items()))
        lines.append(f"All applications: {counts}.")
        return "\n".join(lines)


def build_game_plan(
    applications: list[Application],
    scholarships: dict[UUID, Scholarship],
    check_ins: list[CheckInTask],
    now: datetime,
) -> GamePlan:
    ranked: list[tuple[float, int, PlanItem]] = []
    states: dict[str, int] = {}
    for app in applications:
        states[app.status] = states.get(app.status, 0) + 1
        scholarship = scholarships.get(app.scholarship_id)
        if scholarship is None or app.status not in OPEN_STATUSES:
            continue
        score = momentum_score(scholarship.deadline, scholarship.trust_score, now)
        if score is None:
            continue
        deadline = scholarship.deadline
        item = PlanItem(
            application_id=app.id,
            title=scholarship.title,
            deadline=deadline,
            days_left=days_left(deadline, now) if deadline else None,
            due=due_phrase(deadline, now) if deadline else None,
            momentum=score,
            application_type=scholarship.application_type,
            coach_state=app.metadata.get("coach_state"),
        )
        ranked.append((-score, tie_break(item.application_type), item))
    ranked.sort(key=lambda r: (r[0], r[1], r[2].title))
    pending = [
        CheckInItem(
            application_id=c.application_id,
            title=scholarships[a.scholarship_id].title,
            due_at=c.due_at,
        )
        for c in check_ins
        if c.status == "pending" and c.due_at <= now
        for a in applications
        if a.id == c.application_id and a.scholarship_id in scholarships
    ]
    return GamePlan(top3=[r[2] for r in ranked[:3]], check_ins=pending, states=states)
