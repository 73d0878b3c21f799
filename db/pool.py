"""Connection pools with the settings every pool here needs.

autocommit (each transport call is its own implicit transaction), dict rows, no prepared
statements (PgBouncer/Supavisor in transaction mode cannot keep them), and a health check so
a dropped connection heals. The check costs a round trip, so it runs only on connections
that sat idle long enough to have been cut; a busy pool skips it.
"""

from __future__ import annotations

import time
import weakref
from typing import Any

import psycopg
from psycopg.rows import dict_row
from psycopg_pool import ConnectionPool

IDLE_CHECK_AFTER_S = 2.0


class _IdleCheck:
    def __init__(self) -> None:
        self._last_used: weakref.WeakKeyDictionary[psycopg.Connection[Any], float] = (
            weakref.WeakKeyDictionary()
        )

    def __call__(self, conn: psycopg.Connection[Any]) -> None:
        now = time.monotonic()
        last = self._last_used.get(conn)
        self._last_used[conn] = now
        if last is None or now - last > IDLE_CHECK_AFTER_S:
            ConnectionPool.check_connection(conn)


def make_pool(
    url: str,
    *,
    name: str,
    min_size: int = 1,
    max_size: int = 8,
    options: str | None = None,
) -> ConnectionPool[psycopg.Connection[dict[str, Any]]]:
    kwargs: dict[str, Any] = {
        "autocommit": True,
        "row_factory": dict_row,
        "prepare_threshold": None,
    }
    if options:
        kwargs["options"] = options
    pool: ConnectionPool[psycopg.Connection[dict[str, Any]]] = ConnectionPool(
        url,
        name=name,
        min_size=min_size,
        max_size=max_size,
        kwargs=kwargs,
        check=_IdleCheck(),
        timeout=15,
        open=False,
    )
    pool.open(wait=True, timeout=15)
    return pool
