"""The one checkpointer factory both graphs share: a pool per database URL per process.

Its connections use search_path=langgraph, so the checkpoint tables live in their own schema
out of reach of the API roles; the pool has autocommit, dict rows, no prepared statements
(PgBouncer/Supavisor) and a health check, as PostgresSaver needs.
"""

from __future__ import annotations

import threading

from langgraph.checkpoint.postgres import PostgresSaver

from db.pool import make_pool

_savers: dict[str, PostgresSaver] = {}
_lock = threading.Lock()


def get_checkpointer(database_url: str) -> PostgresSaver:
    with _lock:
        saver = _savers.get(database_url)
        if saver is None:
            pool = make_pool(
                database_url, name="checkpointer", max_size=8, options="-c search_path=langgraph"
            )
            saver = PostgresSaver(pool)  # type: ignore[arg-type]
            _savers[database_url] = saver
        return saver
