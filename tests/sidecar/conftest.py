"""Fixtures for the sidecar suites: the clock at 15:00 UTC (outside default quiet hours), a
queue on the test database, and students with something due."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

import psycopg
import pytest
from psycopg.rows import dict_row

from coach import clock
from db.nudge_queue import NudgeQueue
from db.pool import make_pool
from tests.support.nudge_data import add_scholarship, add_students

H = timedelta(hours=1)
D = timedelta(days=1)
NO_QUIET = '{"quiet_hours_start": "00:00", "quiet_hours_end": "00:00"}'


@pytest.fixture
def at(pin_clock: Callable[[datetime], datetime]) -> datetime:
    return pin_clock(clock.now().replace(hour=15, minute=0, second=0, microsecond=0))


@pytest.fixture
def conn(db_url: str) -> Iterator[psycopg.Connection[Any]]:
    with psycopg.connect(db_url, autocommit=True, row_factory=dict_row) as c:
        yield c


@pytest.fixture
def queue(db_url: str) -> Iterator[NudgeQueue]:
    pool = make_pool(db_url, name="nudges", max_size=4)
    try:
        yield NudgeQueue(pool)
    finally:
        pool.close()


@dataclass(frozen=True)
class Cohort:
    """Students with tracked applications: `due[s]` the titles due within 72 h (the email
    must list exactly these), `toasts` those who should get a toast."""

    emails: dict[str, list[str]]
    toasts: set[UUID]
    students: list[UUID]


def make_cohort(conn: psycopg.Connection[Any], count: int, *, seed: int = 7) -> Cohort:
    """Each student tracks 1-4 of six scholarships due in 10 h ... 90 h (one beyond 72 h),
    set-based; every third student also has an application idle for 3 days (a toast)."""
    rng = random.Random(seed)
    students = add_students(conn, count, preferences=NO_QUIET)
    hours = [10, 23, 30, 50, 70, 90]
    titles = {h: f"Fund due in {h}h" for h in hours}
    ids = {h: add_scholarship(conn, title=titles[h], due_in=h * H) for h in hours}
    idle = add_scholarship(conn, title="Idle essay fund", due_in=30 * D)
    pairs: list[tuple[UUID, UUID, timedelta]] = []
    emails: dict[str, list[str]] = {}
    toasts: set[UUID] = set()
    emails_of = {
        r["id"]: r["email"]
        for r in conn.execute(
            "select id, email from auth.users where id = any(%s)", (students,)
        ).fetchall()
    }
    for index, student in enumerate(students):
        chosen = sorted(rng.sample(hours, rng.randint(1, 4)))
        for h in chosen:
            pairs.append((student, ids[h], timedelta(hours=2)))
        due = [titles[h] for h in chosen if h <= 72]
        if due:
            emails[emails_of[student]] = due
        if index % 3 == 0:
            pairs.append((student, idle, 3 * D))
            toasts.add(student)
    conn.execute(
        """insert into applications (user_id, scholarship_id, last_progress_at, created_at)
           select u, s, app_now() - i, app_now() - i - interval '1 day'
             from unnest(%s::uuid[], %s::uuid[], %s::interval[]) as t(u, s, i)""",
        ([p[0] for p in pairs], [p[1] for p in pairs], [p[2] for p in pairs]),
    )
    return Cohort(emails, toasts, students)
