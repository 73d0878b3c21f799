"""Pools heal: after a fast or crash-style restart of a real Postgres, or with pooled backends
terminated, the very next call works on the same pool (ours and the checkpointer's); while
the server is down a call says so at once, and works again as soon as it is back.

Restarts need a server of the test's own (the suite's shared one serves every other test):
a separate embedded Postgres, restarted with its own pg_ctl as the wheel runs it."""

from __future__ import annotations

import time
import uuid
from typing import Any

import psycopg
import pytest
from psycopg_pool import ConnectionPool

from db.checkpointer import new_checkpointer
from db.errors import NOT_REACHABLE, Busy, Unavailable
from db.identity import Identity
from db.pool import DatabaseUnreachable, make_pool
from db.transport import PostgresTransport
from tests.conftest import create_user
from tests.support.own_server import OwnServer

# Infrastructure, not dates: the clock passes leave it out (Makefile CLOCK_PASS).
pytestmark = pytest.mark.calendar_free

POOL_TIMEOUT_S = 10.0
NO_THREAD: dict[str, Any] = {"configurable": {"thread_id": "x", "checkpoint_ns": ""}}


def student(url: str) -> Identity:
    return create_user(url, f"{uuid.uuid4().hex[:8]}@students.test", full_name="Before")


def fill(pool: ConnectionPool[Any], n: int) -> None:
    """Leave n idle connections in the pool, so a restart leaves n dead ones behind."""
    conns = [pool.getconn() for _ in range(n)]
    for conn in conns:
        pool.putconn(conn)
    assert pool.get_stats()["pool_available"] >= n


def write_then_read(transport: PostgresTransport, name: str) -> None:
    transport.rpc("save_my_profile", {"p_full_name": name})
    assert transport.select("profiles")[0]["full_name"] == name


@pytest.mark.parametrize("restart", ["fast", "crash"])
def test_the_next_call_after_a_restart_works_on_the_same_pool(
    running: OwnServer, restart: str
) -> None:
    transport = PostgresTransport(
        make_pool(running.url, name=f"restart-{restart}", max_size=4, timeout=POOL_TIMEOUT_S),
        student(running.url),
    )
    pool = transport._pool
    try:
        write_then_read(transport, "Before")
        fill(pool, 4)
        before = running.start_time()
        if restart == "fast":
            running.restart_fast()
        else:
            running.stop_immediate()
            running.start()
        assert running.start_time() != before

        # a write first (never retried by the transport), then a read
        transport.rpc("save_my_profile", {"p_full_name": "After"})
        assert transport.select("profiles")[0]["full_name"] == "After"
        write_then_read(transport, "And again")
    finally:
        pool.close()


def test_while_down_a_call_says_not_reachable_at_once_then_works_when_back(
    running: OwnServer,
) -> None:
    identity = student(running.url)
    pool = make_pool(running.url, name="down", max_size=4, timeout=POOL_TIMEOUT_S)
    transport = PostgresTransport(pool, identity)
    try:
        write_then_read(transport, "Before")
        fill(pool, 3)
        running.stop_immediate()

        for call in (
            lambda: transport.rpc("save_my_profile", {"p_full_name": "Lost?"}),
            lambda: transport.select("profiles"),
            lambda: transport.rpc("ping"),
        ):
            started = time.monotonic()
            with pytest.raises(Unavailable) as err:
                call()
            assert type(err.value) is Unavailable  # not Busy, not a driver error
            assert str(err.value) == NOT_REACHABLE
            assert err.value.detail and "down" in err.value.detail  # the pool's name
            assert isinstance(err.value.__cause__, DatabaseUnreachable)
            # sanity bound only: told at once, not after the pool's checkout timeout
            assert time.monotonic() - started < POOL_TIMEOUT_S

        running.start()
        write_then_read(transport, "Back")  # Retry works, same pool
    finally:
        pool.close()


def test_terminated_backends_are_replaced_on_checkout(db_url: str) -> None:
    """pg_terminate_backend makes dead pooled connections without a restart (as an idle
    timeout or a pooler cutting connections would)."""
    identity = create_user(db_url, "term@students.test", full_name="Before")
    pool = make_pool(db_url, name="terminated", max_size=4, timeout=POOL_TIMEOUT_S)
    transport = PostgresTransport(pool, identity)
    try:
        write_then_read(transport, "Before")
        fill(pool, 4)
        assert terminate_backends(db_url) >= 4
        write_then_read(transport, "After")
        assert pool.get_stats().get("connections_lost", 0) >= 1
    finally:
        pool.close()


def test_the_checkpointers_pool_heals_too(db_url: str) -> None:
    """PostgresSaver queries pool connections directly, with no transport around it."""
    saver = new_checkpointer(db_url, max_size=2)
    try:
        assert saver.get_tuple(NO_THREAD) is None
        assert terminate_backends(db_url) >= 1
        assert saver.get_tuple(NO_THREAD) is None
    finally:
        saver.conn.close()


@pytest.mark.parametrize("prepare", [True, False])
def test_the_checkpointer_prepares_its_queries_only_when_asked(db_url: str, prepare: bool) -> None:
    """Prepared, the checkpoint read is planned once per connection, not on every turn;
    unprepared (behind a transaction pooler) nothing is left on the server to go stale."""
    saver = new_checkpointer(db_url, max_size=1, prepare=prepare)
    try:
        for _ in range(8):
            assert saver.get_tuple(NO_THREAD) is None
        with saver.conn.connection() as conn:
            prepared = conn.execute("select count(*) as n from pg_prepared_statements").fetchone()
        assert (prepared["n"] > 0) is prepare
    finally:
        saver.conn.close()


def test_the_checkpointer_says_unreachable_at_once_while_down(running: OwnServer) -> None:
    saver = new_checkpointer(running.url, max_size=2)
    try:
        assert saver.get_tuple(NO_THREAD) is None
        running.stop_immediate()
        with pytest.raises(DatabaseUnreachable):  # a psycopg.OperationalError, with context
            saver.get_tuple(NO_THREAD)
        with pytest.raises(DatabaseUnreachable, match="checkpointer"):
            saver.get_tuple(NO_THREAD)
        running.start()
        assert saver.get_tuple(NO_THREAD) is None
    finally:
        saver.conn.close()


def test_a_busy_pool_is_not_reported_as_unreachable(db_url: str) -> None:
    pool = make_pool(db_url, name="one", min_size=1, max_size=1, timeout=0.5)
    try:
        held = pool.getconn()
        try:
            with pytest.raises(Exception) as err:
                with pool.connection():
                    pass
            assert not isinstance(err.value, DatabaseUnreachable)
            transport = PostgresTransport(pool, Identity(role="service_role"))
            with pytest.raises(Busy):
                transport.select("scholarships")
        finally:
            pool.putconn(held)
        assert PostgresTransport(pool, Identity(role="service_role")).select("scholarships")
    finally:
        pool.close()


def terminate_backends(url: str) -> int:
    """Terminate every other backend on this database (the pool's), and wait until they are
    gone so the pool's sockets have been closed by the server."""
    with psycopg.connect(url, autocommit=True) as conn:
        row = conn.execute(
            "select count(*) filter (where pg_terminate_backend(pid)) from pg_stat_activity "
            "where datname = current_database() and pid <> pg_backend_pid() "
            "and backend_type = 'client backend'"
        ).fetchone()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            left = conn.execute(
                "select count(*) from pg_stat_activity where datname = current_database() "
                "and pid <> pg_backend_pid() and backend_type = 'client backend'"
            ).fetchone()
            if left is not None and left[0] == 0:
                break
            time.sleep(0.02)
    assert row is not None
    return int(row[0])
