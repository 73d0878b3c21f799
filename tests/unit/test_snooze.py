"""Nudge timing (seed 000): staleness after 48 h, the micro-task and its snooze (never past
the nearest deadline), and "Have you heard back?" at submitted + 21 days, again 7 days after
a "Not yet"."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coach.coach_state import CoachState, coach_state_to_db
from coach.snooze import (
    SNOOZE_KEY,
    OpenDeadline,
    answer_heard_back,
    default_snooze,
    heard_back_due_at,
    is_heard_back_due,
    is_snoozed,
    is_stale,
    micro_task,
    micro_task_text,
    nearest_deadline,
    snooze_preferences,
    snoozed_until,
    validate_snooze,
)
from db.errors import NotAllowed, ValidationFailed
from db.models import Application, Scholarship

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
STUDENT = uuid4()


def app(
    state: CoachState = CoachState.DRAFTING,
    *,
    idle: timedelta | None = timedelta(hours=72),
    scholarship: UUID | None = None,
    submitted_days_ago: float | None = None,
    created: datetime | None = None,
) -> Application:
    status, metadata = coach_state_to_db(state)
    submitted = None if submitted_days_ago is None else NOW - timedelta(days=submitted_days_ago)
    if status in ("submitted", "awarded") and submitted is None:
        submitted = NOW - timedelta(days=1)
    return Application(
        id=uuid4(),
        user_id=STUDENT,
        scholarship_id=scholarship or uuid4(),
        status=status,
        metadata=metadata,
        last_progress_at=None if idle is None else NOW - idle,
        submitted_at=submitted,
        created_at=created,
    )


class Book:
    def __init__(self) -> None:
        self.apps: list[Application] = []
        self.scholarships: dict[UUID, Scholarship] = {}

    def add(
        self,
        title: str,
        days: float | None,
        state: CoachState = CoachState.DRAFTING,
        *,
        idle: timedelta | None = timedelta(hours=72),
        trust: int = 80,
    ) -> Application:
        s = Scholarship(
            id=uuid4(),
            title=title,
            url=f"https://example.org/{len(self.scholarships)}",
            deadline=None if days is None else NOW + timedelta(days=days),
            trust_score=trust,
        )
        self.scholarships[s.id] = s
        a = app(state, idle=idle, scholarship=s.id)
        self.apps.append(a)
        return a


# --- staleness --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("idle", "stale"),
    [
        (timedelta(hours=47, minutes=59), False),
        (timedelta(hours=48), True),
        (timedelta(days=10), True),
        (timedelta(0), False),
    ],
)
def test_no_progress_for_48_hours_is_stale(idle: timedelta, stale: bool) -> None:
    assert is_stale(app(CoachState.DRAFTING, idle=idle), NOW) is stale


def test_only_open_applications_go_stale() -> None:
    for state in (CoachState.TRACKED, CoachState.DRAFTING, CoachState.REVIEW):
        assert is_stale(app(state), NOW)
    for state in (CoachState.SUBMITTED, CoachState.OUTCOME_PENDING, CoachState.WON):
        assert not is_stale(app(state), NOW)
    assert not is_stale(app(CoachState.LOST), NOW)


def test_staleness_falls_back_to_created_at_and_else_is_not_stale() -> None:
    assert is_stale(app(idle=None, created=NOW - timedelta(days=3)), NOW)
    assert not is_stale(app(idle=None, created=None), NOW)


# --- nearest deadline and snooze --------------------------------------------------------------


def test_nearest_deadline_is_the_soonest_open_one_still_ahead() -> None:
    book = Book()
    book.add("Missed", -1)
    book.add("Sent Soon", 1, CoachState.SUBMITTED)
    book.add("Rolling", None)
    book.add("Later", 10)
    soon = book.add("Sooner", 4, CoachState.TRACKED)

    nearest = nearest_deadline(book.apps, book.scholarships, NOW)

    assert nearest == OpenDeadline(soon.id, "Sooner", NOW + timedelta(days=4))


def test_no_open_deadline_means_no_limit() -> None:
    book = Book()
    book.add("Rolling", None)
    book.add("Sent", 2, CoachState.SUBMITTED)
    assert nearest_deadline(book.apps, book.scholarships, NOW) is None
    far = NOW + timedelta(days=400)
    assert validate_snooze(far, NOW, None) == far


DEADLINE = OpenDeadline(uuid4(), "Sunrise Scholars", datetime(2026, 12, 4, 23, 59, tzinfo=UTC))


def test_a_snooze_before_the_nearest_deadline_is_accepted() -> None:
    until = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)
    assert validate_snooze(until, NOW, DEADLINE) == until
    almost = DEADLINE.deadline - timedelta(minutes=1)
    assert validate_snooze(almost, NOW, DEADLINE) == almost


@pytest.mark.parametrize("late", [timedelta(0), timedelta(minutes=1), timedelta(days=3)])
def test_a_snooze_reaching_the_deadline_is_refused_with_a_clear_sentence(late: timedelta) -> None:
    with pytest.raises(ValidationFailed) as refused:
        validate_snooze(DEADLINE.deadline + late, NOW, DEADLINE)
    assert str(refused.value) == (
        "A snooze can't reach past your nearest deadline: Sunrise Scholars is due Friday, "
        "December 4 (3 days left). Pick a time before then."
    )


@pytest.mark.parametrize(
    ("now", "offered"),
    [
        (datetime(2026, 12, 1, 15, 0, tzinfo=UTC), datetime(2026, 12, 2, 9, 0, tzinfo=UTC)),
        # deadline day (an audit: the form offered tomorrow 09:00 and Snooze refused it)
        (datetime(2026, 12, 4, 19, 5, tzinfo=UTC), datetime(2026, 12, 4, 22, 45, tzinfo=UTC)),
        (datetime(2026, 12, 4, 23, 20, tzinfo=UTC), datetime(2026, 12, 4, 23, 30, tzinfo=UTC)),
    ],
)
def test_the_snooze_form_offers_a_time_it_accepts(now: datetime, offered: datetime) -> None:
    assert default_snooze(now, DEADLINE) == offered
    assert validate_snooze(offered, now, DEADLINE) == offered
    assert default_snooze(now, None) == datetime.combine(
        now.date() + timedelta(days=1), datetime.min.time(), tzinfo=UTC
    ) + timedelta(hours=9)


@given(st.integers(0, 3 * 24 * 60 + 23 * 60 + 58))
def test_any_time_before_the_deadline_is_offered_a_valid_snooze(minutes: int) -> None:
    now = datetime(2026, 12, 1, 0, 0, tzinfo=UTC) + timedelta(minutes=minutes)
    offered = default_snooze(now, DEADLINE)
    assert validate_snooze(offered, now, DEADLINE) == offered


def test_a_snooze_in_the_past_is_refused() -> None:
    for until in (NOW, NOW - timedelta(hours=1)):
        with pytest.raises(ValidationFailed, match="later than now"):
            validate_snooze(until, NOW, DEADLINE)


def test_a_time_without_a_zone_is_read_as_utc() -> None:
    naive = datetime(2026, 12, 2, 9, 0)
    assert validate_snooze(naive, NOW, DEADLINE) == naive.replace(tzinfo=UTC)


@given(
    until=st.timedeltas(min_value=timedelta(days=-30), max_value=timedelta(days=60)),
    deadline=st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=60)),
)
def test_an_accepted_snooze_is_always_ahead_and_before_the_deadline(
    until: timedelta, deadline: timedelta
) -> None:
    nearest = OpenDeadline(uuid4(), "Any Award", NOW + deadline)
    try:
        accepted = validate_snooze(NOW + until, NOW, nearest)
    except ValidationFailed:
        assert until <= timedelta(0) or until >= deadline
    else:
        assert NOW < accepted < nearest.deadline


def test_stored_snooze_round_trips_and_bad_values_are_ignored() -> None:
    until = datetime(2026, 12, 3, 8, 30, tzinfo=UTC)
    prefs = snooze_preferences(until)
    assert prefs == {SNOOZE_KEY: "2026-12-03T08:30:00+00:00"}
    assert snoozed_until(prefs) == until
    for bad in ({}, None, {SNOOZE_KEY: "soon"}, {SNOOZE_KEY: 5}, {SNOOZE_KEY: None}):
        assert snoozed_until(bad) is None


def test_is_snoozed_until_the_time_or_the_nearest_deadline() -> None:
    prefs: dict[str, Any] = snooze_preferences(NOW + timedelta(hours=5))
    assert is_snoozed(prefs, NOW)
    assert not is_snoozed(prefs, NOW + timedelta(hours=5))
    assert not is_snoozed({}, NOW)
    # a deadline tracked after the snooze was chosen ends it at that deadline
    soon = OpenDeadline(uuid4(), "New Award", NOW + timedelta(hours=2))
    assert is_snoozed(prefs, NOW, soon)
    assert not is_snoozed(prefs, NOW + timedelta(hours=3), soon)


# --- the micro-task ---------------------------------------------------------------------------


def test_the_micro_task_is_for_the_stale_application_with_most_momentum() -> None:
    book = Book()
    book.add("Fresh Urgent", 1, idle=timedelta(hours=3))
    book.add("Stale Far", 50)
    stale = book.add("Stale Soon", 5, CoachState.TRACKED, idle=timedelta(days=4))
    book.add("Stale Missed", -1)
    book.add("Stale Sent", 2, CoachState.SUBMITTED)

    task = micro_task(book.apps, book.scholarships, NOW)

    assert task is not None
    assert task.application_id == stale.id and task.title == "Stale Soon"
    assert task.coach_state is CoachState.TRACKED
    assert task.idle_hours == 96
    assert task.text == "Spend 15 minutes starting your draft for Stale Soon."


def test_micro_task_words_follow_the_state() -> None:
    for state, words in [
        (CoachState.DRAFTING, "Spend 15 minutes on your Gold Award draft, then ask someone"),
        (CoachState.REVIEW, "Give Gold Award a final read and submit it."),
    ]:
        book = Book()
        book.add("Gold Award", 9, state)
        task = micro_task(book.apps, book.scholarships, NOW)
        assert task is not None and task.text.startswith(words)


def test_a_forms_micro_task_is_to_start_or_finish_the_form() -> None:
    """An audit's TEXAS Grant, a form, read "Spend 15 minutes starting your draft"."""
    assert micro_task_text(CoachState.TRACKED, "TEXAS Grant", "form") == (
        "Spend 15 minutes starting the TEXAS Grant form: gather what it asks for."
    )
    assert micro_task_text(CoachState.DRAFTING, "TEXAS Grant", "form").startswith(
        "Spend 15 minutes finishing the TEXAS Grant form"
    )


def test_no_micro_task_when_nothing_is_stale_or_when_snoozed() -> None:
    fresh = Book()
    fresh.add("Fresh", 5, idle=timedelta(hours=1))
    assert micro_task(fresh.apps, fresh.scholarships, NOW) is None

    stale = Book()
    stale.add("Stale", 5)
    snoozed = snooze_preferences(NOW + timedelta(days=1))
    assert micro_task(stale.apps, stale.scholarships, NOW, snoozed) is None
    expired = snooze_preferences(NOW - timedelta(minutes=1))
    assert micro_task(stale.apps, stale.scholarships, NOW, expired) is not None


# --- have you heard back? ---------------------------------------------------------------------


def test_heard_back_is_due_21_days_after_submission() -> None:
    sent = NOW - timedelta(days=21)
    assert heard_back_due_at(sent) == NOW
    assert is_heard_back_due(app(CoachState.SUBMITTED, submitted_days_ago=21), NOW)
    assert is_heard_back_due(app(CoachState.OUTCOME_PENDING, submitted_days_ago=30), NOW)
    assert not is_heard_back_due(app(CoachState.SUBMITTED, submitted_days_ago=20.9), NOW)
    assert not is_heard_back_due(app(CoachState.WON, submitted_days_ago=40), NOW)
    assert not is_heard_back_due(app(CoachState.LOST, submitted_days_ago=40), NOW)
    assert not is_heard_back_due(app(CoachState.DRAFTING), NOW)


def test_answers_won_lost_not_yet() -> None:
    won = answer_heard_back("won", CoachState.SUBMITTED, NOW)
    assert won.target is CoachState.WON and won.needs_confirmation and won.check_in_done

    lost = answer_heard_back("lost", CoachState.OUTCOME_PENDING, NOW)
    assert lost.target is CoachState.LOST and not lost.needs_confirmation and lost.check_in_done

    not_yet = answer_heard_back("not_yet", CoachState.SUBMITTED, NOW)
    assert not_yet.target is CoachState.OUTCOME_PENDING
    assert not not_yet.needs_confirmation and not not_yet.check_in_done
    assert not_yet.ask_again_at == NOW + timedelta(days=7)

    again = answer_heard_back("not_yet", CoachState.OUTCOME_PENDING, NOW)
    assert again.target is None and again.ask_again_at == NOW + timedelta(days=7)


def test_only_a_submitted_application_can_hear_back() -> None:
    for state in (CoachState.TRACKED, CoachState.REVIEW, CoachState.WON, CoachState.LOST):
        with pytest.raises(NotAllowed, match="Only a submitted application"):
            answer_heard_back("won", state, NOW)
