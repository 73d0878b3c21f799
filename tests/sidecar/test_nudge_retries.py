"""A reminder that cannot be delivered (db/nudge_queue.py, public.finish_nudges): kept pending
and retried after a back-off while the mail server refuses it for a while, then given up
after 12 attempts, saying why, with the student's slot spent for the day."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

import psycopg

from db.nudge_queue import NudgeQueue, NudgeResult
from tests.sidecar.conftest import NO_QUIET, H
from tests.support.nudge_data import add_scholarship, add_students, track


def students(conn: psycopg.Connection[Any], count: int) -> list[UUID]:
    return add_students(conn, count, preferences=NO_QUIET)


def log_rows(conn: psycopg.Connection[Any], user: UUID) -> list[dict[str, Any]]:
    return conn.execute(
        "select * from notification_log where user_id = %s order by claimed_at, id", (user,)
    ).fetchall()


def test_a_failed_send_stays_pending_and_is_retried_after_a_back_off(
    at: datetime, conn: psycopg.Connection[Any], queue: NudgeQueue
) -> None:
    [ana] = students(conn, 1)
    track(conn, ana, add_scholarship(conn, title="Soon", due_in=40 * H))
    queue.claim()
    [nudge] = [n for n in queue.lease("w1") if n.channel == "email"]
    assert nudge.id is not None
    assert queue.finish(
        "w1", [NudgeResult(id=nudge.id, outcome="failed", error="451 try later")]
    ) == {nudge.id: "pending"}
    [row] = [r for r in log_rows(conn, ana) if r["channel"] == "email"]
    assert (row["state"], row["sent_at"], row["delivery_error"]) == (
        "pending",
        None,
        "451 try later",
    )
    assert queue.lease("w2") == []  # waiting out its back-off (a minute, in real time)
    assert queue.claim()[0].claimed == 0  # and still holding the slot
    conn.execute(
        "update notification_log set retry_at = clock_timestamp() where id = %s", (row["id"],)
    )
    [again] = queue.lease("w2")
    assert (again.id, again.attempts) == (nudge.id, 2)


def test_a_send_that_keeps_failing_is_given_up_and_the_next_try_is_a_day_later(
    at: datetime, conn: psycopg.Connection[Any], queue: NudgeQueue
) -> None:
    """It was retried every hour for as long as the mail server refused it: after 12
    attempts it is cancelled, saying why, and the slot waits out the day."""
    [ana] = students(conn, 1)
    track(conn, ana, add_scholarship(conn, title="Soon", due_in=40 * H))
    queue.claim()
    [nudge] = [n for n in queue.lease("w1") if n.channel == "email"]
    assert nudge.id is not None
    conn.execute("update notification_log set attempts = 12 where id = %s", (nudge.id,))
    assert queue.finish(
        "w1", [NudgeResult(id=nudge.id, outcome="failed", error="451 try later")]
    ) == {nudge.id: "cancelled"}
    [row] = [r for r in log_rows(conn, ana) if r["channel"] == "email"]
    assert (row["state"], row["retry_at"]) == ("cancelled", None)
    assert row["delivery_error"] == "Gave up after 12 attempts: 451 try later"
    # another deadline comes close the same day: it waits for the slot's 24 hours
    track(conn, ana, add_scholarship(conn, title="Also soon", due_in=50 * H))
    [email] = [r for r in queue.claim() if r.channel == "email"]
    assert (email.due, email.claimed, email.capped) == (1, 0, 1)
