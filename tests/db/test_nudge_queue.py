"""The nudge queue's rules in SQL (migration 20261201001600), driven by the app clock: which
students get a deadline email, a micro-task toast or a check-in toast, the 72 h / 24 h / 48 h
/ 21 d boundaries, quiet hours, snooze, the one-per-24-h cap with its priorities, and the
claim / lease / finish protocol with concurrent claimers. The sidecar around it:
tests/sidecar/."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

import psycopg
import pytest
from psycopg.rows import dict_row

from coach import clock
from db.errors import AppError
from db.nudge_queue import NudgeQueue, NudgeResult
from db.pool import make_pool
from tests.conftest import People
from tests.support.hosted import TransportFactory
from tests.support.nudge_data import add_scholarship, add_students, track

H = timedelta(hours=1)
D = timedelta(days=1)
NO_QUIET = '{"quiet_hours_start": "00:00", "quiet_hours_end": "00:00"}'


def students(conn: psycopg.Connection[Any], count: int) -> list[UUID]:
    """Students without quiet hours, so a test can move the clock to any hour."""
    return add_students(conn, count, preferences=NO_QUIET)


@pytest.fixture
def at(pin_clock: Callable[[datetime], datetime]) -> datetime:
    """15:00 UTC on the suite's day: outside the default quiet hours (21:00-08:00 UTC)."""
    return pin_clock(clock.now().replace(hour=15, minute=0, second=0, microsecond=0))


@pytest.fixture
def conn(db_url: str) -> Iterator[psycopg.Connection[Any]]:
    with psycopg.connect(db_url, autocommit=True, row_factory=dict_row) as c:
        yield c


@pytest.fixture
def queue(db_url: str) -> Iterator[NudgeQueue]:
    pool = make_pool(db_url, name="nudges", max_size=8)
    try:
        yield NudgeQueue(pool)
    finally:
        pool.close()


def log_rows(conn: psycopg.Connection[Any], user: UUID | None = None) -> list[dict[str, Any]]:
    return conn.execute(
        "select * from notification_log where %s::uuid is null or user_id = %s "
        "order by claimed_at, id",
        (user, user),
    ).fetchall()


def deliver_all(queue: NudgeQueue, worker: str = "w1") -> list[dict[str, Any]]:
    """Lease everything pending and mark it sent, as a sidecar using the outbox would."""
    leased = queue.lease(worker, limit=10_000)
    queue.finish(
        worker,
        [
            NudgeResult(
                id=n.id,
                outcome="sent",
                subject=f"{n.notification_type}",
                body="b",
                delivery="toast" if n.channel == "dashboard_toast" else "outbox",
            )
            for n in leased
            if n.id is not None
        ],
    )
    return [n.model_dump() for n in leased]


def test_one_consolidated_email_lists_every_application_due_within_72_hours(
    at: datetime, conn: psycopg.Connection[Any], queue: NudgeQueue
) -> None:
    [ana] = students(conn, 1)
    due_20h = track(conn, ana, add_scholarship(conn, title="B soon", due_in=20 * H))
    due_60h = track(conn, ana, add_scholarship(conn, title="A later", due_in=60 * H))
    track(conn, ana, add_scholarship(conn, title="Not yet", due_in=80 * H))
    track(conn, ana, add_scholarship(conn, title="Passed", due_in=-2 * H))
    track(
        conn,
        ana,
        add_scholarship(conn, title="Sent already", due_in=30 * H),
        status="submitted",
        submitted_ago=D,
    )

    [email, toast] = queue.claim()
    assert (email.channel, email.due, email.claimed) == ("email", 1, 1)
    [row] = [r for r in log_rows(conn, ana) if r["channel"] == "email"]
    assert row["notification_type"] == "deadline_24h"  # one of them is in its last day
    assert row["application_ids"] == [due_20h, due_60h]  # soonest first
    assert row["state"] == "pending" and row["sent_at"] is None
    assert row["recipient"].endswith("@students.test")
    assert queue.claim()[0].claimed == 0  # the slot is held until it is delivered


def test_72_hour_then_24_hour_emails_never_twice_for_a_window(
    at: datetime,
    conn: psycopg.Connection[Any],
    queue: NudgeQueue,
    pin_clock: Callable[[datetime], datetime],
) -> None:
    [ana] = students(conn, 1)
    app = track(conn, ana, add_scholarship(conn, title="Cal Grant", due_in=60 * H, now=at))

    queue.claim()
    [first] = deliver_all(queue)
    assert first["notification_type"] == "deadline_72h"

    pin_clock(at + 25 * H)  # 35 h left: still the 72 h window, already told; cap is over
    assert queue.claim()[0].due == 0
    pin_clock(at + 37 * H)  # 23 h left: the 24 h window opens
    queue.claim()
    [second] = deliver_all(queue)
    assert (second["notification_type"], second["items"][0]["application_id"]) == (
        "deadline_24h",
        app,
    )
    pin_clock(at + 62 * H)  # a day later, still not submitted, deadline passed: nothing
    assert queue.claim()[0].due == 0
    assert [r["notification_type"] for r in log_rows(conn, ana)] == [
        "deadline_72h",
        "deadline_24h",
    ]


def test_at_most_one_email_and_one_toast_per_student_per_24_hours(
    at: datetime,
    conn: psycopg.Connection[Any],
    queue: NudgeQueue,
    pin_clock: Callable[[datetime], datetime],
) -> None:
    [ana] = students(conn, 1)
    track(conn, ana, add_scholarship(conn, title="Soon", due_in=50 * H, now=at))
    track(conn, ana, add_scholarship(conn, title="Idle", due_in=30 * D, now=at), idle=3 * D)
    queue.claim()
    deliver_all(queue)
    assert sorted(r["channel"] for r in log_rows(conn, ana)) == ["dashboard_toast", "email"]

    later = add_scholarship(conn, title="New and due", due_in=20 * H, now=at + 5 * H)
    track(conn, ana, later)
    pin_clock(at + 5 * H)
    [email, toast] = queue.claim()
    assert (email.due, email.claimed, email.capped) == (1, 0, 1)
    assert queue.lease("w1") == []
    pin_clock(at + 24 * H + 1 * timedelta(minutes=1))  # "New and due" has 1 h left
    assert queue.claim()[0].claimed == 1
    [again] = [n for n in deliver_all(queue) if n["channel"] == "email"]
    assert again["notification_type"] == "deadline_24h"


def test_a_check_in_takes_the_toast_slot_before_a_micro_task(
    at: datetime, conn: psycopg.Connection[Any], queue: NudgeQueue
) -> None:
    [ana] = students(conn, 1)
    track(conn, ana, add_scholarship(conn, title="Idle", due_in=30 * D), idle=4 * D)
    waiting = track(
        conn,
        ana,
        add_scholarship(conn, title="Waiting", due_in=-D),
        status="submitted",
        submitted_ago=22 * D,
    )
    queue.claim()
    [toast] = deliver_all(queue)
    assert (toast["notification_type"], toast["items"][0]["application_id"]) == (
        "check_in",
        waiting,
    )


@pytest.mark.parametrize(("idle", "toasted"), [(47 * H, False), (49 * H, True)], ids=["47h", "49h"])
def test_a_micro_task_after_48_hours_without_progress(
    at: datetime, conn: psycopg.Connection[Any], queue: NudgeQueue, idle: timedelta, toasted: bool
) -> None:
    [ana] = students(conn, 1)
    track(conn, ana, add_scholarship(conn, title="Essay", due_in=30 * D), idle=idle)
    queue.claim()
    assert [r["notification_type"] for r in log_rows(conn, ana)] == (
        ["micro_task"] if toasted else []
    )


@pytest.mark.parametrize(("due_in", "same"), [(60 * H, True), (10 * D, False)], ids=["2.5d", "10d"])
def test_the_next_days_toast_stays_on_an_application_due_within_72_hours(
    at: datetime,
    conn: psycopg.Connection[Any],
    queue: NudgeQueue,
    pin_clock: Callable[[datetime], datetime],
    due_in: timedelta,
    same: bool,
) -> None:
    """A journey audit: two days before her deadline, the day's toast went to an application
    due in four weeks while the Game plan card named the urgent one; further out, toasts
    about the same application still take turns with the others."""
    [ana] = students(conn, 1)
    urgent = track(conn, ana, add_scholarship(conn, title="Urgent", due_in=due_in), idle=3 * D)
    later = track(conn, ana, add_scholarship(conn, title="Later", due_in=30 * D), idle=3 * D)
    conn.execute("update applications set momentum_score = 90 where id = %s", (urgent,))
    conn.execute("update applications set momentum_score = 40 where id = %s", (later,))
    queue.claim()
    toasts = [n for n in deliver_all(queue) if n["channel"] == "dashboard_toast"]
    assert [n["items"][0]["application_id"] for n in toasts] == [urgent]
    pin_clock(at + 24 * H + timedelta(minutes=1))
    queue.claim()
    toasts = [n for n in deliver_all(queue) if n["channel"] == "dashboard_toast"]
    assert [n["items"][0]["application_id"] for n in toasts] == [urgent if same else later]


@pytest.mark.parametrize(
    ("submitted_ago", "toasted"), [(20 * D, False), (21 * D + H, True)], ids=["20d", "21d"]
)
def test_a_check_in_21_days_after_submitting(
    at: datetime,
    conn: psycopg.Connection[Any],
    queue: NudgeQueue,
    submitted_ago: timedelta,
    toasted: bool,
) -> None:
    [ana] = students(conn, 1)
    track(
        conn,
        ana,
        add_scholarship(conn, title="Sent", due_in=-D),
        status="submitted",
        submitted_ago=submitted_ago,
    )
    queue.claim()
    assert [r["notification_type"] for r in log_rows(conn, ana)] == (
        ["check_in"] if toasted else []
    )


def test_an_answered_check_in_and_a_snoozed_micro_task_are_left_alone(
    at: datetime,
    conn: psycopg.Connection[Any],
    queue: NudgeQueue,
    pin_clock: Callable[[datetime], datetime],
) -> None:
    [ana, ben] = students(conn, 2)
    app = track(
        conn,
        ana,
        add_scholarship(conn, title="Sent", due_in=-D),
        status="submitted",
        submitted_ago=25 * D,
    )
    conn.execute(
        "update check_in_tasks set status = 'completed', completed_at = app_now() "
        "where application_id = %s",
        (app,),
    )
    track(conn, ben, add_scholarship(conn, title="Idle", due_in=10 * D, now=at), idle=3 * D)
    conn.execute(
        "update profiles set preferences = preferences || jsonb_build_object("
        "'micro_task_snoozed_until', (app_now() + interval '2 days')::text) where id = %s",
        (ben,),
    )
    assert [c.due for c in queue.claim()] == [0, 0]
    pin_clock(at + 2 * D + H)  # the snooze is over
    queue.claim()
    assert [r["notification_type"] for r in log_rows(conn, ben)] == ["micro_task"]


def test_emails_wait_for_quiet_hours_to_end_in_the_students_timezone_toasts_do_not(
    at: datetime,
    conn: psycopg.Connection[Any],
    queue: NudgeQueue,
    pin_clock: Callable[[datetime], datetime],
) -> None:
    # 15:00 UTC is 07:00 in Los Angeles (in winter; 08:00 in summer): inside 21:00-08:30.
    [ana] = add_students(
        conn,
        1,
        preferences='{"timezone": "America/Los_Angeles", "quiet_hours_start": "21:00", '
        '"quiet_hours_end": "08:30"}',
    )
    track(conn, ana, add_scholarship(conn, title="Soon", due_in=40 * H, now=at), idle=3 * D)
    [email, toast] = queue.claim()
    assert (email.due, email.quiet, email.claimed, toast.claimed) == (1, 1, 0, 1)
    pin_clock(at + 2 * H)  # 09:00 (10:00) in Los Angeles
    assert queue.claim()[0].claimed == 1
    conn.execute(
        "update profiles set preferences = preferences || "
        """'{"quiet_hours_start": "08:00", "quiet_hours_end": "12:00"}' where id = %s""",
        (ana,),
    )
    assert [n.channel for n in queue.lease("w1")] == ["dashboard_toast"]  # the email waits


def test_bad_preferences_are_refused_by_the_database(
    conn: psycopg.Connection[Any],
) -> None:
    [ana] = students(conn, 1)
    for bad in ('{"timezone": "Mars/Olympus"}', '{"quiet_hours_start": "25:00"}'):
        with pytest.raises(psycopg.errors.CheckViolation):
            conn.execute("update profiles set preferences = %s::jsonb where id = %s", (bad, ana))


def test_a_lease_that_ran_out_is_taken_over_and_the_late_result_is_refused(
    at: datetime, conn: psycopg.Connection[Any], queue: NudgeQueue
) -> None:
    [ana] = students(conn, 1)
    track(conn, ana, add_scholarship(conn, title="Soon", due_in=40 * H))
    queue.claim()
    [nudge] = queue.lease("crashed", lease_seconds=1)
    assert queue.lease("w2") == []
    time.sleep(1.1)
    [taken] = queue.lease("w2")
    assert nudge.id is not None and taken.id == nudge.id
    late = NudgeResult(id=nudge.id, outcome="sent", subject="s", body="b", delivery="outbox")
    assert queue.finish("crashed", [late]) == {}
    assert queue.finish("w2", [late]) == {nudge.id: "sent"}


def test_a_stopping_worker_hands_its_leases_back(
    at: datetime, conn: psycopg.Connection[Any], queue: NudgeQueue
) -> None:
    [ana, ben] = students(conn, 2)
    for who in (ana, ben):
        track(conn, who, add_scholarship(conn, title="Soon", due_in=40 * H))
    queue.claim()
    assert len(queue.lease("stopping")) == 2
    assert queue.release("stopping") == 2
    assert len(queue.lease("next")) == 2


def test_a_cancelled_nudge_frees_the_slot_without_starting_the_24_hours(
    at: datetime, conn: psycopg.Connection[Any], queue: NudgeQueue
) -> None:
    [ana] = students(conn, 1)
    track(conn, ana, add_scholarship(conn, title="Soon", due_in=40 * H))
    queue.claim()
    [nudge] = queue.lease("w1")
    assert nudge.id is not None
    queue.finish("w1", [NudgeResult(id=nudge.id, outcome="cancelled", error="submitted")])
    track(conn, ana, add_scholarship(conn, title="Another", due_in=30 * H))
    assert queue.claim()[0].claimed == 1


def test_many_claimers_at_once_take_each_slot_once(
    at: datetime, conn: psycopg.Connection[Any], queue: NudgeQueue
) -> None:
    everyone = students(conn, 300)
    soon = add_scholarship(conn, title="Soon", due_in=30 * H)
    conn.execute(
        "insert into applications (user_id, scholarship_id, last_progress_at, created_at) "
        "select u, %s, app_now() - interval '3 days', app_now() - interval '4 days' "
        "from unnest(%s::uuid[]) u",
        (soon, everyone),
    )
    barrier = threading.Barrier(8)
    errors: list[BaseException] = []

    def claim() -> None:
        try:
            barrier.wait()
            for _ in range(3):
                queue.claim(limit=70)
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=claim) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    counts = conn.execute(
        "select channel, count(*) as n, count(distinct user_id) as students "
        "from notification_log group by channel order by channel"
    ).fetchall()
    assert [(c["channel"], c["n"], c["students"]) for c in counts] == [
        ("email", 300, 300),
        ("dashboard_toast", 300, 300),
    ]


def test_the_daily_momentum_recompute_runs_once_a_day(
    at: datetime, queue: NudgeQueue, pin_clock: Callable[[datetime], datetime]
) -> None:
    first = queue.run_daily_momentum()
    assert first is not None
    assert queue.run_daily_momentum() is None
    pin_clock(at + 25 * H)
    assert queue.run_daily_momentum() is not None


def test_only_the_service_role_runs_the_queue(
    transport_factory: TransportFactory, people: People
) -> None:
    for who in (people.anon, people.student_a, people.coach, people.admin):
        for function, params in (
            ("claim_nudges", {"p_limit": 10}),
            ("lease_nudges", {"p_worker": "me"}),
            ("finish_nudges", {"p_worker": "me", "p_results": []}),
            ("release_nudges", {"p_worker": "me"}),
            ("preview_nudges", {}),
            ("run_daily_momentum", {}),
        ):
            with pytest.raises(AppError):
                transport_factory(who).rpc(function, params)
