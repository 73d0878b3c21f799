"""The Top 3 game plan: the student's open applications (Tracked, Drafting, Review) ranked by
momentum, each with its next action in words; pending check-ins ("Have you heard back?");
missed deadlines with similar open scholarships to try instead; counts of every state.
`build_game_plan` is pure; `load_student_plan` / `load_game_plan` read the rows through the
repository (as the student: RLS applies), so the pages, the scholarship coach and the
sidecar share one loader without LangGraph."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING
from uuid import UUID

from pydantic import BaseModel, Field

from coach.clock import days_left, due_phrase, local
from coach.coach_state import (
    AWAITING_STATES,
    MISSED_DEADLINE,
    OPEN_STATES,
    CoachState,
    application_coach_state,
    is_missed_deadline,
    next_action,
    parse_coach_state,
)
from coach.coach_state import OPEN_STATUSES as OPEN_STATUSES  # re-exported: prioritization
from coach.discovery_models import state_name
from coach.momentum import momentum_score, tie_break
from coach.school_years import YEAR_WORDS
from coach.similar_scholarships import (
    SIMILAR_N,
    SimilarScholarship,
    open_to,
    similar_scholarships,
    student_facts,
)
from coach.snooze import idle_hours
from db.models import Application, CheckInTask, Profile, Scholarship, SchoolYear

if TYPE_CHECKING:
    from db.repository import Repository

TOP_N = 3


class PlanItem(BaseModel):
    application_id: UUID
    title: str
    deadline: datetime | None
    days_left: int | None
    due: str | None = None  # "due today, 11:59 pm": how the student reads the deadline
    momentum: float
    application_type: str | None
    coach_state: str | None  # the state's label: "Tracked", "Drafting", "Review"
    scholarship_id: UUID | None = None
    amount: Decimal | None = None
    next_action: str | None = None  # "Start your draft", "Ask for a review", "Submit by Friday"
    idle_hours: int | None = None  # hours without progress, once stale (coach/snooze.py)

    @property
    def stale(self) -> bool:
        """No progress for 48 hours: a micro-task is due."""
        return self.idle_hours is not None


class CheckInItem(BaseModel):
    application_id: UUID
    title: str
    due_at: datetime
    submitted_at: datetime | None = None


class TrackedItem(BaseModel):
    """Every application the student tracks, in any state: what the coach answers "how much
    have I won?" and "when is the hometown one due?" from (the Top 3 holds only three)."""

    application_id: UUID
    title: str
    coach_state: str  # the state's value: "Drafting", "Won"
    deadline: datetime | None = None
    amount: Decimal | None = None


class MissedItem(BaseModel):
    """An application whose deadline passed before it was submitted."""

    application_id: UUID
    scholarship_id: UUID
    title: str
    deadline: datetime
    missed: str  # "deadline passed November 30"
    amount: Decimal | None = None
    coach_state: str  # the state it was left in: "Drafting"
    label: str = MISSED_DEADLINE
    similar: list[SimilarScholarship] = Field(default_factory=list)


class GamePlan(BaseModel):
    top3: list[PlanItem]
    check_ins: list[CheckInItem]
    states: dict[str, int]  # by database status: {"draft": 3, "submitted": 1}
    coach_states: dict[str, int] = Field(default_factory=dict)  # by label: {"Review": 1}
    missed: list[MissedItem] = Field(default_factory=list)
    # not awarded, with scholarships like it: the card's "Next: Try a similar scholarship"
    # offered none (an audit); `missed` is "not awarded", `label` "Lost"
    lost: list[MissedItem] = Field(default_factory=list)
    tracked: list[TrackedItem] = Field(default_factory=list)
    as_of: datetime | None = None  # the "now" it was built at: days left are counted from it
    # what Discovery matches on that the student's Profile lacks ("GPA", "major"); None: not read
    profile_gaps: list[str] | None = None
    # what the Profile says, so the coach can say when the student tells it otherwise
    profile_state: str | None = None
    profile_gpa: float | None = None
    profile_school_year: SchoolYear | None = None

    def check_in_due(self, application_id: UUID) -> bool:
        return any(c.application_id == application_id for c in self.check_ins)

    def is_empty(self) -> bool:
        """Nothing tracked at all, not even a decided application: a student starting out."""
        return not self.top3 and not self.check_ins and not self.states

    def as_text(self) -> str:
        """The plan as the scholarship coach's system prompt sees it (no financial data)."""
        gaps = ", ".join(self.profile_gaps or [])
        profile = [f"Not in their Profile yet (Discovery matches on it): {gaps}."] if gaps else []
        on_file = [
            f"state {state_name(self.profile_state)}" if self.profile_state else "",
            f"GPA {self.profile_gpa:g}" if self.profile_gpa is not None else "",
            f"school year {YEAR_WORDS[self.profile_school_year]}"
            if self.profile_school_year
            else "",
        ]
        if said := ", ".join(f for f in on_file if f):
            profile.append(
                f"Their Profile says: {said}. If they tell you otherwise, tell them to change it "
                "in their Profile, since Discovery matches on it."
            )
        if self.is_empty():
            start = (
                "No tracked applications yet: the student is starting out. Help them start: "
                "where they stand (year, intended major), a first search in Discovery, two or "
                "three scholarships to track, someone who could write them a letter, and one "
                "first step with a day and time. If they already have an application of "
                "their own in mind, work on that one instead."
            )
            return "\n".join([start, *profile])
        lines = []
        for rank, item in enumerate(self.top3, start=1):
            due = item.due or "no fixed deadline"
            lines.append(
                f"{rank}. {item.title} — {due}, {item.application_type or 'unknown'} application, "
                f"stage: {item.coach_state or 'tracked'}, momentum {item.momentum:.0f}"
                + (f", next: {item.next_action}" if item.next_action else "")
            )
        for check in self.check_ins:
            lines.append(f"Check-in: have they heard back from {check.title}?")
        for missed in self.missed:
            instead = ", ".join(s.title for s in missed.similar)
            lines.append(
                f"Missed deadline: {missed.title} ({missed.missed})"
                + (f"; similar open scholarships: {instead}." if instead else ".")
            )
        counts = ", ".join(f"{n} {state}" for state, n in sorted(self.states.items()))
        lines.append(f"All applications: {counts}.")
        if won := [t for t in self.tracked if t.coach_state == CoachState.WON.value]:
            lines.append("Won so far: " + ", ".join(with_amount(t) for t in won) + ".")
        return "\n".join(lines + profile)


# similar scholarships ------------------------------------------------------------------------
def _missed_phrase(deadline: datetime) -> str:
    day = local(deadline)
    return f"deadline passed {day:%B} {day.day}, {day.year}"


def _set_back(
    app: Application,
    scholarship: Scholarship,
    state: CoachState,
    said: str,
    similar: list[SimilarScholarship],
    now: datetime,
) -> MissedItem:
    """A missed deadline (`said`: "deadline passed …") or a lost application ("not
    awarded"), with open scholarships like it to try."""
    return MissedItem(
        application_id=app.id,
        scholarship_id=scholarship.id,
        title=scholarship.title,
        deadline=scholarship.deadline or now,
        missed=said,
        amount=scholarship.amount,
        coach_state=state.value,
        label=CoachState.LOST.value if state is CoachState.LOST else MISSED_DEADLINE,
        similar=similar,
    )


def build_game_plan(
    applications: Sequence[Application],
    scholarships: Mapping[UUID, Scholarship],
    check_ins: Iterable[CheckInTask],
    now: datetime,
    *,
    catalog: Iterable[Scholarship] = (),
    similar_limit: int = SIMILAR_N,
) -> GamePlan:
    """Top 3: open applications (Tracked, Drafting, Review) with a deadline ahead or none, by
    momentum (coach/momentum.py), quick forms first on ties. Check-ins: pending, due, for an
    application still waiting on a result. Missed: open applications whose deadline passed,
    newest first, each with up to `similar_limit` open scholarships from `catalog` that the
    student does not track yet."""
    ranked: list[tuple[tuple[float, float, int, str], PlanItem]] = []
    missed: list[MissedItem] = []
    states: dict[str, int] = {}
    coach_states: dict[str, int] = {}
    by_id: dict[UUID, tuple[Application, CoachState]] = {}
    tracked: list[TrackedItem] = []
    lost: list[MissedItem] = []
    candidates = list(catalog)
    tracked_ids = {app.scholarship_id for app in applications}

    def like(target: Scholarship) -> list[SimilarScholarship]:
        return similar_scholarships(
            target, candidates, now, exclude=tracked_ids, limit=similar_limit
        )

    for app in applications:
        state = application_coach_state(app)
        by_id[app.id] = (app, state)
        states[app.status] = states.get(app.status, 0) + 1
        coach_states[state.value] = coach_states.get(state.value, 0) + 1
        scholarship = scholarships.get(app.scholarship_id)
        if scholarship is None:
            continue
        tracked.append(
            TrackedItem(
                application_id=app.id,
                title=scholarship.title,
                coach_state=state.value,
                deadline=scholarship.deadline,
                amount=scholarship.amount,
            )
        )
        if state is CoachState.LOST and candidates:
            lost.append(_set_back(app, scholarship, state, "not awarded", like(scholarship), now))
        if state not in OPEN_STATES:
            continue
        deadline = scholarship.deadline
        if deadline is not None and is_missed_deadline(state, deadline, now):
            said = _missed_phrase(deadline)
            missed.append(_set_back(app, scholarship, state, said, like(scholarship), now))
            continue
        score = momentum_score(deadline, scholarship.trust_score, now)
        if score is None:
            continue
        item = PlanItem(
            application_id=app.id,
            title=scholarship.title,
            deadline=deadline,
            days_left=days_left(deadline, now) if deadline else None,
            due=due_phrase(deadline, now) if deadline else None,
            momentum=score,
            application_type=scholarship.application_type,
            coach_state=state.value,
            scholarship_id=scholarship.id,
            amount=scholarship.amount,
            next_action=next_action(
                state, deadline, now, application_type=scholarship.application_type
            ),
            idle_hours=idle_hours(app, now),
        )
        # momentum ties (everything past 60 days out) go to the sooner deadline, as my_top3()
        soon = deadline.timestamp() if deadline is not None else math.inf
        ranked.append(((-score, soon, tie_break(item.application_type), item.title), item))
    ranked.sort(key=lambda r: r[0])
    missed.sort(key=lambda m: (-m.deadline.timestamp(), m.title))
    pending = []
    for check in check_ins:
        found = by_id.get(check.application_id)
        if check.status != "pending" or check.due_at > now or found is None:
            continue
        app, state = found
        if state in AWAITING_STATES and app.scholarship_id in scholarships:
            pending.append(
                CheckInItem(
                    application_id=app.id,
                    title=scholarships[app.scholarship_id].title,
                    due_at=check.due_at,
                    submitted_at=app.submitted_at,
                )
            )
    return GamePlan(
        top3=[item for _, item in ranked[:TOP_N]],
        check_ins=pending,
        states=states,
        coach_states=coach_states,
        missed=missed,
        lost=sorted(lost, key=lambda item: item.title),
        tracked=sorted(tracked, key=lambda t: t.title),
        as_of=now,
    )


@dataclass(frozen=True)
class StudentPlan:
    applications: list[Application]
    scholarships: dict[UUID, Scholarship]  # the applications' (with_similar: the catalog)
    check_ins: list[CheckInTask]
    plan: GamePlan
    now: datetime


def load_student_plan(
    repository: Repository, now: datetime, *, with_similar: bool | None = False
) -> StudentPlan:
    """One read of the student's applications, their scholarships and check-ins. The page
    that offers similar scholarships after a missed deadline or a loss reads the whole
    catalog; the coach's turn (`with_similar=None`) reads it only while a deadline is missed,
    to name the same ones the page offers (an audit: the coach said "Discovery can find
    similar ones" beside a page listing three), and otherwise the few scholarships it names.
    Labelled scams stay in the catalog (Discovery shows why it drops them) but are never
    offered as one to try instead."""
    user_id = repository.identity.user_id
    assert user_id is not None, "a student signs in first"
    applications = repository.list_applications(user_id=user_id)
    check_ins = repository.list_check_ins(user_id=user_id)
    candidates: list[Scholarship] = []
    if with_similar is None:
        scholarships = repository.get_scholarships(ids=[a.scholarship_id for a in applications])
        plan = build_game_plan(applications, scholarships, check_ins, now)
        if not plan.missed:
            return StudentPlan(applications, scholarships, check_ins, plan, now)
        with_similar = True
    if with_similar:
        catalog = repository.list_scholarships(limit=10_000)
        scholarships = {s.id: s for s in catalog}
        student = student_facts(repository.get_profile(user_id=user_id))
        candidates = [
            s for s in catalog if not s.metadata.get("fraud_signals") and open_to(s, student)
        ]
    else:
        scholarships = repository.get_scholarships(ids=[a.scholarship_id for a in applications])
    plan = build_game_plan(applications, scholarships, check_ins, now, catalog=candidates)
    return StudentPlan(applications, scholarships, check_ins, plan, now)


def load_game_plan(repository: Repository, now: datetime) -> GamePlan:
    """The scholarship coach's (and the sidecar's) view of the student: the Top 3 as the
    database ranks it (`public.my_top3()`, indexed, at `app_now()`; tested equal to
    `build_game_plan`), check-ins, missed deadlines and states from the student's rows."""
    student = load_student_plan(repository, now, with_similar=None)
    applications = {a.id: a for a in student.applications}
    top3 = []
    for row in repository.top3():
        state = parse_coach_state(row.coach_state) or CoachState.TRACKED
        app = applications.get(row.application_id)
        top3.append(
            PlanItem(
                application_id=row.application_id,
                title=row.title,
                deadline=row.deadline,
                days_left=days_left(row.deadline, now) if row.deadline else None,
                due=due_phrase(row.deadline, now) if row.deadline else None,
                momentum=float(row.momentum),
                application_type=row.application_type,
                coach_state=state.value,
                scholarship_id=row.scholarship_id,
                amount=row.amount,
                next_action=next_action(
                    state, row.deadline, now, application_type=row.application_type
                ),
                idle_hours=idle_hours(app, now) if app is not None else None,
            )
        )
    user_id = repository.identity.user_id
    assert user_id is not None, "a student signs in first"
    profile = repository.get_profile(user_id=user_id)
    return student.plan.model_copy(
        update={
            "top3": top3,
            "profile_gaps": profile_gaps(profile),
            "profile_state": profile.state if profile is not None else None,
            "profile_gpa": float(profile.gpa) if profile and profile.gpa is not None else None,
            "profile_school_year": profile.school_year if profile is not None else None,
        }
    )


def with_amount(item: TrackedItem) -> str:
    """ "TEXAS Grant ($5,000)": the coach's words for a tracked award and its amount."""
    return f"{item.title} (${item.amount:,.0f})" if item.amount is not None else item.title


def profile_gaps(profile: Profile | None) -> list[str]:
    """So the coach asks for what the Profile lacks, and does not ask a student who has
    already put their GPA and major there to put them there again."""
    if profile is None:
        return ["GPA", "major", "school year"]
    gaps = [] if profile.gpa is not None else ["GPA"]
    gaps += [] if (profile.intended_major or "").strip() else ["major"]
    return gaps + ([] if profile.school_year else ["school year"])
