"""Coach states (seed 000 §1): the seven lifecycle states, their mapping to the database both
ways, which moves between them are allowed (Submitted and Won need a person's confirmation),
and the next action in words.

The database stays canonical: `applications.status` (draft | submitted | awarded | rejected)
decides, and `applications.metadata` only refines it ("coach_state" tells Tracked, Drafting
and Review apart; the "outcome_pending" flag tells Outcome Pending from Submitted). Both
directions are total: every status with any metadata reads as exactly one coach state, and
every coach state writes as exactly one status.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any, NamedTuple

from coach.clock import days_left, local
from db.errors import NotAllowed
from db.models import Application, ApplicationStatus

COACH_STATE_KEY = "coach_state"  # metadata: the state's key, e.g. "drafting"
OUTCOME_PENDING_FLAG = "outcome_pending"  # metadata: true once the student awaits a result


class CoachState(StrEnum):
    """The seven coach states; the value is how a person reads it."""

    TRACKED = "Tracked"
    DRAFTING = "Drafting"
    REVIEW = "Review"
    SUBMITTED = "Submitted"
    OUTCOME_PENDING = "Outcome Pending"
    WON = "Won"
    LOST = "Lost"

    @property
    def label(self) -> str:
        """The state on a badge: the seed's "Outcome Pending" read as jargon to students."""
        return "Waiting to hear back" if self is CoachState.OUTCOME_PENDING else self.value

    @property
    def phrase(self) -> str:
        """How the state reads in a sentence: "…is ready for review now", "…while it was still
        in drafting" (the label itself read "is Review now")."""
        return _PHRASES.get(self.value, self.value.lower())

    @property
    def key(self) -> str:
        """The form stored in `metadata.coach_state`: "tracked", "outcome_pending"."""
        return self.name.lower()


# Seed 000 §1, left to right: coach state -> application_status.
STATE_TO_STATUS: Mapping[CoachState, ApplicationStatus] = {
    CoachState.TRACKED: "draft",
    CoachState.DRAFTING: "draft",
    CoachState.REVIEW: "draft",
    CoachState.SUBMITTED: "submitted",
    CoachState.OUTCOME_PENDING: "submitted",
    CoachState.WON: "awarded",
    CoachState.LOST: "rejected",
}
STATUSES: tuple[ApplicationStatus, ...] = ("draft", "submitted", "awarded", "rejected")

# Work is left for the student: these compete for the Top 3 and can miss their deadline.
OPEN_STATES = frozenset({CoachState.TRACKED, CoachState.DRAFTING, CoachState.REVIEW})
# Sent, result not known yet: these get "Have you heard back?".
AWAITING_STATES = frozenset({CoachState.SUBMITTED, CoachState.OUTCOME_PENDING})
DECIDED_STATES = frozenset({CoachState.WON, CoachState.LOST})
OPEN_STATUSES: tuple[ApplicationStatus, ...] = tuple(
    sorted({STATE_TO_STATUS[s] for s in OPEN_STATES})
)


class DbState(NamedTuple):
    """How a coach state is written: the status, and the metadata keys to merge in."""

    status: ApplicationStatus
    metadata: dict[str, Any]


def parse_coach_state(value: object) -> CoachState | None:
    """ "Drafting", "drafting", "Outcome Pending", "outcome-pending" -> the state; anything
    else -> None."""
    if isinstance(value, CoachState):
        return value
    if not isinstance(value, str):
        return None
    key = "_".join(value.strip().lower().replace("-", " ").replace("_", " ").split())
    return next((s for s in CoachState if s.key == key), None)


def coach_state_to_db(state: CoachState | str) -> DbState:
    """Seed 000 §1, coach state -> database. The metadata is a patch to merge into the row's
    metadata (`||` in SQL): it always names the state, and for the two submitted states it
    sets the outcome_pending flag either way, so a stale flag never survives a resubmission."""
    coach_state = parse_coach_state(state)
    if coach_state is None:
        raise ValueError(f"not a coach state: {state!r}")
    metadata: dict[str, Any] = {COACH_STATE_KEY: coach_state.key}
    if coach_state in AWAITING_STATES:
        metadata[OUTCOME_PENDING_FLAG] = coach_state is CoachState.OUTCOME_PENDING
    return DbState(STATE_TO_STATUS[coach_state], metadata)


def db_to_coach_state(
    status: ApplicationStatus | str, metadata: Mapping[str, Any] | None = None
) -> CoachState:
    """Seed 000 §1, database -> coach state. Total over every status and any metadata:
    - draft: the metadata's Tracked / Drafting / Review, else Tracked ("first added");
    - submitted: Outcome Pending when the outcome_pending flag is true (or, with no boolean
      flag, when coach_state says outcome_pending), else Submitted;
    - awarded: Won; rejected: Lost (whatever the metadata says: the status is canonical).
    Raises ValueError only for a status outside the enum, which the database cannot hold."""
    meta = metadata if isinstance(metadata, Mapping) else {}
    named = parse_coach_state(meta.get(COACH_STATE_KEY))
    if status == "draft":
        return named if named is not None and named in OPEN_STATES else CoachState.TRACKED
    if status == "submitted":
        flag = meta.get(OUTCOME_PENDING_FLAG)
        pending = flag if isinstance(flag, bool) else named is CoachState.OUTCOME_PENDING
        return CoachState.OUTCOME_PENDING if pending else CoachState.SUBMITTED
    if status == "awarded":
        return CoachState.WON
    if status == "rejected":
        return CoachState.LOST
    raise ValueError(f"not an application status: {status!r}")


def application_coach_state(application: Application) -> CoachState:
    return db_to_coach_state(application.status, application.metadata)


# transitions ---------------------------------------------------------------------------------
class Move(StrEnum):
    ALLOWED = "allowed"  # applied at once
    NEEDS_CONFIRMATION = "needs_confirmation"  # HITL: a person confirms before it is written
    IMPOSSIBLE = "impossible"


@dataclass(frozen=True, slots=True)
class Transition:
    move: Move
    reason: str  # why, in a sentence a student understands

    @property
    def possible(self) -> bool:
        return self.move is not Move.IMPOSSIBLE


def _rule(current: CoachState, target: CoachState) -> Transition:
    if current is target:
        return Transition(Move.IMPOSSIBLE, f"This application is already {target.value}.")
    if current is CoachState.WON:
        return Transition(
            Move.IMPOSSIBLE, "This scholarship is already marked as won, and a win is final."
        )
    if target is CoachState.WON:
        return Transition(
            Move.NEEDS_CONFIRMATION, "A win counts toward your Debt Lifted, so please confirm it."
        )
    if target is CoachState.LOST:
        return Transition(Move.ALLOWED, "Marking an application as lost needs no confirmation.")
    if target is CoachState.OUTCOME_PENDING:
        if current is CoachState.SUBMITTED:
            return Transition(Move.ALLOWED, "You are waiting to hear back.")
        return Transition(
            Move.IMPOSSIBLE,
            "Only a submitted application can wait for an outcome: mark it submitted first.",
        )
    if target is CoachState.SUBMITTED:
        if current is CoachState.OUTCOME_PENDING:
            return Transition(
                Move.IMPOSSIBLE, "This application is already submitted and waiting on a result."
            )
        return Transition(
            Move.NEEDS_CONFIRMATION, "Please confirm that you really sent this application."
        )
    # target is one of the draft states
    if current in OPEN_STATES:
        return Transition(Move.ALLOWED, f"Moved to {target.value}.")
    if target is CoachState.DRAFTING:
        return Transition(Move.ALLOWED, "The application is reopened for drafting.")
    return Transition(
        Move.IMPOSSIBLE, "An application that was sent or decided reopens as Drafting."
    )


TRANSITIONS: Mapping[tuple[CoachState, CoachState], Transition] = {
    (a, b): _rule(a, b) for a in CoachState for b in CoachState
}


def transition(current: CoachState, target: CoachState) -> Transition:
    return TRANSITIONS[(current, target)]


def needs_confirmation(current: CoachState, target: CoachState) -> bool:
    return TRANSITIONS[(current, target)].move is Move.NEEDS_CONFIRMATION


def check_transition(current: CoachState, target: CoachState) -> Transition:
    """The transition, or NotAllowed carrying the sentence that says why not."""
    rule = TRANSITIONS[(current, target)]
    if not rule.possible:
        raise NotAllowed(rule.reason, detail=f"{current.key} -> {target.key}")
    return rule


# next action -------------------------------------------------------------------------------
MISSED_DEADLINE = "Missed deadline"  # how an open application past its deadline is shown


def is_missed_deadline(state: CoachState, deadline: datetime | None, now: datetime) -> bool:
    """Work was left and the deadline passed: the application can no longer be sent."""
    return state in OPEN_STATES and deadline is not None and deadline < now


def submit_by(deadline: datetime | None, now: datetime) -> str:
    """ "Submit today", "Submit by tomorrow", "Submit by Friday", "Submit by December 14"."""
    if deadline is None:
        return "Submit when it is ready"
    left = days_left(deadline, now)
    if left <= 0:
        return "Submit today"
    if left == 1:
        return "Submit by tomorrow"
    moment = local(deadline)
    if left < 7:
        return f"Submit by {moment:%A}"
    return f"Submit by {moment:%B} {moment.day}"


HEARD_BACK = "Tell us if you've heard back"


def next_action(
    state: CoachState,
    deadline: datetime | None,
    now: datetime,
    *,
    check_in_due: bool = False,
    application_type: str | None = None,
) -> str:
    """The one next step for an application, in words. A sent application whose check-in is
    due is being asked "Have you heard back?" on the same page: an audit found it listed as
    "Wait to hear back" right below that question. A form is started and checked, not
    drafted: an audit's TEXAS Grant, a form, read "Next: Start your draft"."""
    if check_in_due and state in AWAITING_STATES:
        return HEARD_BACK
    if is_missed_deadline(state, deadline, now):
        return "Try a similar scholarship instead"
    form = application_type == "form"
    if state is CoachState.TRACKED:
        return "Start the form" if form else "Start your draft"
    if state is CoachState.DRAFTING:
        return "Finish the form and check each answer" if form else "Ask for a review"
    if state is CoachState.REVIEW:
        return submit_by(deadline, now)
    if state is CoachState.SUBMITTED:
        return "Wait to hear back"
    if state is CoachState.OUTCOME_PENDING:
        return "Tell us when you hear back"
    if state is CoachState.WON:
        return "Celebrate: it counts toward your Debt Lifted"
    return "Try a similar scholarship"


_PHRASES = {
    "Tracked": "tracked",
    "Drafting": "in drafting",
    "Review": "ready for review",
    "Outcome Pending": "waiting for an outcome",
    "Lost": "marked lost",
}
