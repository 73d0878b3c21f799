"""Nudge timing rules (seed 000): the micro-task after 48 h without progress and its snooze,
which may not reach past the nearest deadline; and "Have you heard back?" 21 days after
submission, asked again 7 days after a "Not yet". Pure: callers pass rows and `now`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import Any, Literal
from uuid import UUID

from coach.clock import due_phrase, local, zone
from coach.coach_state import (
    AWAITING_STATES,
    OPEN_STATES,
    CoachState,
    Move,
    application_coach_state,
    transition,
)
from coach.momentum import momentum_score, tie_break
from db.errors import NotAllowed, ValidationFailed
from db.models import Application, Scholarship

STALE_AFTER = timedelta(hours=48)
HEARD_BACK_AFTER = timedelta(days=21)
ASK_AGAIN_AFTER = timedelta(days=7)
SNOOZE_KEY = "micro_task_snoozed_until"  # in profiles.preferences (DESIGN §3)


def as_utc(moment: datetime) -> datetime:
    """A time a person picked without a zone is read as UTC, like every deadline here."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


# staleness -----------------------------------------------------------------------------------
def last_progress(application: Application) -> datetime | None:
    return application.last_progress_at or application.created_at


def hours_since(moment: datetime, now: datetime) -> int:
    return int((now - moment).total_seconds() // 3600)


def idle_hours(application: Application, now: datetime) -> int | None:
    """Whole hours since the application's last progress, while it is stale; else None."""
    since = last_progress(application)
    return hours_since(since, now) if since is not None and is_stale(application, now) else None


def is_stale(application: Application, now: datetime) -> bool:
    """An open application (work left) with no progress for 48 hours or more. With no
    recorded progress at all there is nothing to measure, so it is not stale."""
    if application_coach_state(application) not in OPEN_STATES:
        return False
    since = last_progress(application)
    return since is not None and now - since >= STALE_AFTER


@dataclass(frozen=True, slots=True)
class OpenDeadline:
    application_id: UUID
    title: str
    deadline: datetime


def nearest_deadline(
    applications: Iterable[Application], scholarships: Mapping[UUID, Scholarship], now: datetime
) -> OpenDeadline | None:
    """The soonest deadline still ahead among the student's open applications."""
    found: OpenDeadline | None = None
    for app in applications:
        scholarship = scholarships.get(app.scholarship_id)
        if scholarship is None or scholarship.deadline is None or scholarship.deadline < now:
            continue
        if application_coach_state(app) not in OPEN_STATES:
            continue
        if found is None or scholarship.deadline < found.deadline:
            found = OpenDeadline(app.id, scholarship.title, scholarship.deadline)
    return found


# snooze --------------------------------------------------------------------------------------
def snoozed_until(preferences: Mapping[str, Any] | None) -> datetime | None:
    """The stored snooze (an ISO timestamp in profiles.preferences); unreadable -> None."""
    raw = (preferences or {}).get(SNOOZE_KEY)
    if isinstance(raw, datetime):
        return as_utc(raw)
    if not isinstance(raw, str):
        return None
    try:
        return as_utc(datetime.fromisoformat(raw))
    except ValueError:
        return None


def snooze_preferences(until: datetime) -> dict[str, str]:
    """The preferences patch that records a validated snooze."""
    return {SNOOZE_KEY: as_utc(until).isoformat()}


def is_snoozed(
    preferences: Mapping[str, Any] | None, now: datetime, nearest: OpenDeadline | None = None
) -> bool:
    """Snoozed until a time still ahead, and never past the nearest deadline: a deadline
    tracked after the snooze was chosen ends the snooze early."""
    until = snoozed_until(preferences)
    if until is None or until <= now:
        return False
    return nearest is None or now < nearest.deadline


def validate_snooze(until: datetime, now: datetime, nearest: OpenDeadline | None) -> datetime:
    """The snooze time in UTC, or ValidationFailed with a sentence that says why not.
    Seed 000: snoozed_until must be before the nearest open application's deadline."""
    until = as_utc(until)
    if until <= now:
        raise ValidationFailed("Pick a time later than now to snooze until.")
    if nearest is not None and until >= nearest.deadline:
        raise ValidationFailed(
            "A snooze can't reach past your nearest deadline: "
            f"{nearest.title} is {due_phrase(nearest.deadline, now)}. Pick a time before then.",
            detail=f"until={until.isoformat()} deadline={nearest.deadline.isoformat()}",
        )
    return until


def default_snooze(now: datetime, nearest: OpenDeadline | None) -> datetime:
    """What the snooze form offers first: tomorrow 09:00 where the student is, or, when the
    nearest deadline comes sooner, an hour before it (on the quarter hour), or halfway there
    when that hour has begun; always a time `validate_snooze` accepts, so Snooze as offered
    works."""
    here = local(now)
    tomorrow = datetime.combine(here.date() + timedelta(days=1), time(9, 0), tzinfo=zone())
    if nearest is None or tomorrow < nearest.deadline:
        return tomorrow
    before = nearest.deadline - timedelta(hours=1)
    if before <= now:
        before = now + (nearest.deadline - now) / 2
    quarter = before.replace(minute=before.minute - before.minute % 15, second=0, microsecond=0)
    return quarter if quarter > now else before.replace(microsecond=0)


# the micro-task -------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class MicroTask:
    application_id: UUID
    title: str
    coach_state: CoachState
    idle_since: datetime
    idle_hours: int
    deadline: datetime | None
    text: str


def micro_task_text(state: CoachState, title: str, application_type: str | None = None) -> str:
    """A form is started and finished, an essay drafted (an audit's TEXAS Grant, a form, read
    "starting your draft")."""
    form = application_type == "form"
    if state is CoachState.TRACKED:
        if form:
            return f"Spend 15 minutes starting the {title} form: gather what it asks for."
        return f"Spend 15 minutes starting your draft for {title}."
    if state is CoachState.DRAFTING:
        if form:
            return f"Spend 15 minutes finishing the {title} form, then check each answer."
        return f"Spend 15 minutes on your {title} draft, then ask someone to review it."
    return f"Give {title} a final read and submit it."


def micro_task(
    applications: Iterable[Application],
    scholarships: Mapping[UUID, Scholarship],
    now: datetime,
    preferences: Mapping[str, Any] | None = None,
) -> MicroTask | None:
    """One small task for the stale open application with the most momentum, unless the
    student snoozed micro-tasks. A missed deadline gets no micro-task (it cannot be sent)."""
    apps = list(applications)
    if is_snoozed(preferences, now, nearest_deadline(apps, scholarships, now)):
        return None
    best: tuple[tuple[float, int, datetime, str], MicroTask] | None = None
    for app in apps:
        scholarship = scholarships.get(app.scholarship_id)
        if scholarship is None or not is_stale(app, now):
            continue
        score = momentum_score(scholarship.deadline, scholarship.trust_score, now)
        since = last_progress(app)
        if score is None or since is None:
            continue
        state = application_coach_state(app)
        task = MicroTask(
            application_id=app.id,
            title=scholarship.title,
            coach_state=state,
            idle_since=since,
            idle_hours=hours_since(since, now),
            deadline=scholarship.deadline,
            text=micro_task_text(state, scholarship.title, scholarship.application_type),
        )
        key = (-score, tie_break(scholarship.application_type), since, scholarship.title)
        if best is None or key < best[0]:
            best = (key, task)
    return best[1] if best else None


# "Have you heard back?" -----------------------------------------------------------------------
HeardBack = Literal["won", "lost", "not_yet"]


def heard_back_due_at(submitted_at: datetime) -> datetime:
    return submitted_at + HEARD_BACK_AFTER


def is_heard_back_due(application: Application, now: datetime) -> bool:
    """Sent 21 or more days ago and no result recorded yet."""
    return (
        application_coach_state(application) in AWAITING_STATES
        and application.submitted_at is not None
        and heard_back_due_at(application.submitted_at) <= now
    )


@dataclass(frozen=True, slots=True)
class HeardBackOutcome:
    """What an answer does: the state to move to (None: stays), whether a person must
    confirm it first (Won), and when to ask again (None: the check-in is done)."""

    target: CoachState | None
    needs_confirmation: bool
    ask_again_at: datetime | None

    @property
    def check_in_done(self) -> bool:
        return self.ask_again_at is None


def answer_heard_back(answer: HeardBack, current: CoachState, now: datetime) -> HeardBackOutcome:
    """Won -> Won (confirmed by the student first); Lost -> Lost; Not yet -> Outcome Pending,
    and the question comes back in 7 days."""
    if current not in AWAITING_STATES:
        raise NotAllowed(
            f"Only a submitted application can hear back; this one is {current.value}."
        )
    if answer == "not_yet":
        target = None if current is CoachState.OUTCOME_PENDING else CoachState.OUTCOME_PENDING
        return HeardBackOutcome(target, False, now + ASK_AGAIN_AFTER)
    goal = CoachState.WON if answer == "won" else CoachState.LOST
    rule = transition(current, goal)
    return HeardBackOutcome(goal, rule.move is Move.NEEDS_CONFIRMATION, None)
