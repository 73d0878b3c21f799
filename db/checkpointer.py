"""The one checkpointer factory both graphs share, and the setup of its tables.

Its connections use search_path=langgraph, so the checkpoint tables live in their own schema
out of reach of the API roles; the pool has autocommit, dict rows, a health check, and prepared
statements only where no transaction pooler (PgBouncer, Supavisor) sits in between: by default
the embedded Postgres (`Settings.prepares_statements`), as PostgresSaver needs.
"""

from __future__ import annotations

import logging
from typing import Any

import psycopg
from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.checkpoint.postgres import PostgresSaver
from psycopg.rows import dict_row

from db.pool import make_pool

log = logging.getLogger(__name__)

SEARCH_PATH = "-c search_path=langgraph"


def new_checkpointer(
    url: str, *, max_size: int = 8, name: str = "checkpointer", prepare: bool = False
) -> PostgresSaver:
    """A PostgresSaver on its own pool; whoever makes it closes it (`saver.conn.close()`).
    `prepare` (Settings.prepares_statements): its few queries run on every turn, and
    preparing them took a sixth of Postgres' CPU per turn off (bench/concurrent_chat.py)."""
    pool = make_pool(url, name=name, max_size=max_size, options=SEARCH_PATH, prepare=prepare)
    return PostgresSaver(pool)


def setup_checkpointer_tables(url: str) -> None:
    """PostgresSaver.setup() is itself idempotent; one connection is all it needs."""
    with psycopg.connect(
        url, autocommit=True, row_factory=dict_row, prepare_threshold=None, options=SEARCH_PATH
    ) as conn:
        PostgresSaver(conn).setup()


def prune_thread(saver: BaseCheckpointSaver[Any] | bool | None, thread_id: str) -> None:
    """The thread keeps only its latest checkpoint. Nothing reads older ones (no replay, no
    history), and loading the latest joins the thread's every stored blob: a 300-round chat
    loaded in twice the time of a 10-round one (bench/chat_turn.py). Best effort: a prune
    that loses a race with another run on the thread is done by a later one."""
    if not isinstance(saver, BaseCheckpointSaver):
        return
    try:
        saver.prune([thread_id], strategy="keep_latest")
    except (psycopg.Error, NotImplementedError) as exc:
        log.warning("checkpoints of %s not pruned: %s", thread_id, exc)
