"""Students, scholarships and tracked applications written straight into a test database, as
many as a test needs, with deadlines and progress placed relative to the app clock."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

import psycopg

from db.app_clock import app_now


def add_students(
    conn: psycopg.Connection[Any], count: int, *, prefix: str = "s", preferences: str = "{}"
) -> list[UUID]:
    """`count` students (auth.users rows: the triggers make profiles, learners and slots)."""
    rows = conn.execute(
        """insert into auth.users (id, email)
           select gen_random_uuid(), %s || '-' || g || '@students.test'
             from generate_series(1, %s) g
           returning id""",
        (f"{prefix}-{uuid.uuid4().hex[:6]}", count),
    ).fetchall()
    ids = [UUID(str(r[0] if not isinstance(r, dict) else r["id"])) for r in rows]
    conn.execute(
        "update public.profiles set full_name = 'Student ' || left(id::text, 4), "
        "preferences = %s::jsonb where id = any(%s)",
        (preferences, ids),
    )
    return ids


def add_scholarship(
    conn: psycopg.Connection[Any],
    *,
    title: str,
    due_in: timedelta | None,
    amount: int = 1000,
    trust: int = 80,
    now: datetime | None = None,
) -> UUID:
    at = now or app_now(conn)
    row = conn.execute(
        """insert into public.scholarships (title, provider, url, amount, deadline, trust_score,
             need_based, metadata)
           values (%s, 'Test Fund', %s, %s, %s, %s, false, '{"application_type": "form"}')
           returning id""",
        (
            title,
            f"https://scholarships.test/{uuid.uuid4().hex}",
            amount,
            None if due_in is None else at + due_in,
            trust,
        ),
    ).fetchone()
    assert row is not None
    return UUID(str(row[0] if not isinstance(row, dict) else row["id"]))


def track(
    conn: psycopg.Connection[Any],
    user_id: UUID,
    scholarship_id: UUID,
    *,
    status: str = "draft",
    idle: timedelta = timedelta(hours=1),
    submitted_ago: timedelta | None = None,
) -> UUID:
    """A tracked application, last worked on `idle` ago (submitted `submitted_ago` ago, with
    its 21-day check-in, when status is submitted)."""
    at = app_now(conn)
    row = conn.execute(
        """insert into public.applications (user_id, scholarship_id, status, last_progress_at,
             created_at, submitted_at)
           values (%s, %s, %s, %s, %s, %s) returning id""",
        (
            user_id,
            scholarship_id,
            status,
            at - idle,
            at - idle - timedelta(days=1),
            None if submitted_ago is None else at - submitted_ago,
        ),
    ).fetchone()
    assert row is not None
    app_id = UUID(str(row[0] if not isinstance(row, dict) else row["id"]))
    if submitted_ago is not None:
        conn.execute(
            "insert into public.check_in_tasks (user_id, application_id, due_at) "
            "values (%s, %s, %s)",
            (user_id, app_id, at - submitted_ago + timedelta(days=21)),
        )
    return app_id
