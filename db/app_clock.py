"""The stored offset behind `public.app_now()` (private.app_clock): read by every process's
clock, written only over a privileged connection (the demo clock, tests)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import psycopg


def read_shift(conn: psycopg.Connection[Any]) -> timedelta:
    row = conn.execute("select shift from private.app_clock").fetchone()
    if row is None:
        return timedelta(0)
    shift = row["shift"] if isinstance(row, dict) else row[0]
    assert isinstance(shift, timedelta)
    return shift


def write_shift(conn: psycopg.Connection[Any], shift: timedelta) -> None:
    conn.execute("update private.app_clock set shift = %s, updated_at = pg_catalog.now()", (shift,))


def app_now(conn: psycopg.Connection[Any]) -> datetime:
    """The database's clock, which every process shares (DESIGN §2)."""
    row = conn.execute("select public.app_now()").fetchone()
    assert row is not None
    moment = row["app_now"] if isinstance(row, dict) else row[0]
    assert isinstance(moment, datetime)
    return moment.astimezone(UTC)
