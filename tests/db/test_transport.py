"""PostgresTransport specifics: a pooled connection never keeps a caller's role or claims."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
import pytest
from psycopg_pool import ConnectionPool, PoolTimeout

from db.errors import (
    BUSY,
    LOST_DURING_WRITE,
    Busy,
    NotAllowed,
    Unavailable,
    ValidationFailed,
    from_driver,
)
from db.identity import Identity
from db.pool import make_pool
from db.transport import PostgresTransport
from tests.conftest import People, create_user

# Infrastructure, not dates: the clock passes leave it out (Makefile CLOCK_PASS).
pytestmark = pytest.mark.calendar_free


def connection_state(pool: ConnectionPool[Any]) -> tuple[str, str]:
    with pool.connection() as conn:
        row = conn.execute(
            "select current_user::text as who, "
            "coalesce(current_setting('request.jwt.claims', true), '') as claims"
        ).fetchone()
    return row["who"], row["claims"]


def test_role_and_claims_end_with_the_call(pool: ConnectionPool[Any], people: People) -> None:
    transport = PostgresTransport(pool, people.student_a)
    assert transport.rpc("ping")[0]["db_role"] == "authenticated"
    assert connection_state(pool) == ("postgres", "")


def test_a_failed_call_leaves_the_connection_clean(
    pool: ConnectionPool[Any], people: People
) -> None:
    transport = PostgresTransport(pool, people.student_a)
    with pytest.raises(ValidationFailed):
        transport.rpc("save_my_profile", {"p_full_name": "A", "p_gpa": 9})
    assert connection_state(pool) == ("postgres", "")
    assert transport.rpc("ping")[0]["user_id"] == people.student_a.user_id


def test_claims_are_quoted_safely(pool: ConnectionPool[Any], db_url: str) -> None:
    odd = create_user(db_url, "o'brien%100@students.test")
    transport = PostgresTransport(pool, odd)
    assert transport.rpc("ping")[0]["user_id"] == odd.user_id
    assert transport.select("profiles")[0]["full_name"] == "o'brien%100"


def test_anon_cannot_write(pool: ConnectionPool[Any]) -> None:
    with pytest.raises(NotAllowed, match="Please sign in first"):
        PostgresTransport(pool, Identity()).rpc("save_my_profile", {"p_full_name": "X"})


def test_select_rejects_injection_in_names(pool: ConnectionPool[Any], people: People) -> None:
    transport = PostgresTransport(pool, people.student_a)
    with pytest.raises(ValidationFailed):
        transport.select("profiles; drop table profiles")
    with pytest.raises(ValidationFailed):
        transport.select("profiles", eq={"id = id or 1": 1})
    with pytest.raises(ValidationFailed):
        transport.select("profiles", order="full_name; drop")


# Faults: a busy pool, and connections lost in the middle of a call -----------------------


@contextmanager
def held(pool: ConnectionPool[Any]) -> Iterator[None]:
    """Another thread holds the pool's only connection until the block ends."""
    taken, release = threading.Event(), threading.Event()

    def hold() -> None:
        with pool.connection():
            taken.set()
            release.wait(30)

    worker = threading.Thread(target=hold, daemon=True)
    worker.start()
    assert taken.wait(10)
    try:
        yield
    finally:
        release.set()
        worker.join(10)


def test_a_busy_pool_says_busy_once_without_a_second_wait(db_url: str) -> None:
    timeout = 1.0
    pool = make_pool(db_url, name="busy", min_size=1, max_size=1, timeout=timeout)
    transport = PostgresTransport(pool, create_user(db_url, "busy@students.test"))
    try:
        transport.rpc("ping")  # signatures loaded while the pool is free
        with held(pool):
            for call in (lambda: transport.select("profiles"), lambda: transport.rpc("ping")):
                started = time.monotonic()
                with pytest.raises(Busy) as err:
                    call()
                elapsed = time.monotonic() - started
                assert str(err.value) == BUSY
                assert "try again in a moment" in str(err.value)
                assert isinstance(err.value.__cause__, PoolTimeout)
                assert elapsed < 2 * timeout  # sanity bound: one wait, not a retried one
        assert transport.rpc("ping")[0]["db_role"] == "authenticated"  # free again
    finally:
        pool.close()


def run_in_thread(call: Callable[[], Any]) -> tuple[threading.Thread, dict[str, Any]]:
    outcome: dict[str, Any] = {}

    def target() -> None:
        try:
            outcome["result"] = call()
        except Exception as exc:  # handed to the test thread
            outcome["error"] = exc

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    return thread, outcome


def blocked_backends(conn: psycopg.Connection[Any]) -> list[int]:
    rows = conn.execute(
        "select pid from pg_stat_activity where datname = current_database() "
        "and wait_event_type = 'Lock'"
    ).fetchall()
    return [r[0] for r in rows]


def wait_for_blocked(conn: psycopg.Connection[Any], *, not_in: frozenset[int] = frozenset()) -> int:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        pids = [p for p in blocked_backends(conn) if p not in not_in]
        if pids:
            return pids[0]
        time.sleep(0.02)
    raise AssertionError("no call blocked on the lock")


@contextmanager
def profiles_locked(
    db_url: str,
) -> Iterator[tuple[psycopg.Connection[Any], psycopg.Connection[Any]]]:
    """A transaction holding an exclusive lock on profiles (calls block on it), and an
    admin connection to watch and terminate them."""
    with psycopg.connect(db_url) as locker, psycopg.connect(db_url, autocommit=True) as admin:
        locker.execute("lock table public.profiles in access exclusive mode")
        yield locker, admin


def test_a_read_that_loses_its_connection_is_retried_once_on_a_fresh_one(
    db_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    identity = create_user(db_url, "lost-read@students.test", full_name="Reader")
    pool = make_pool(db_url, name="lost-read", max_size=2)
    transport = PostgresTransport(pool, identity)
    try:
        transport.rpc("ping")
        with caplog.at_level(logging.WARNING), profiles_locked(db_url) as (locker, admin):
            thread, outcome = run_in_thread(lambda: transport.select("profiles"))
            first = wait_for_blocked(admin)
            admin.execute("select pg_terminate_backend(%s)", (first,))
            wait_for_blocked(admin, not_in=frozenset({first}))  # the retry, on another backend
            locker.commit()
            thread.join(10)
        assert outcome.get("result", [{}])[0].get("full_name") == "Reader", outcome
        assert "connection lost during a read, retrying once" in caplog.text
        assert "lost-read" in caplog.text and "AdminShutdown" in caplog.text
    finally:
        pool.close()


def test_a_write_that_loses_its_connection_is_not_retried_and_says_it_may_be_saved(
    db_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    identity = create_user(db_url, "lost-write@students.test", full_name="Before")
    pool = make_pool(db_url, name="lost-write", max_size=2)
    transport = PostgresTransport(pool, identity)
    try:
        transport.rpc("ping")
        with caplog.at_level(logging.WARNING), profiles_locked(db_url) as (locker, admin):
            thread, outcome = run_in_thread(
                lambda: transport.rpc("save_my_profile", {"p_full_name": "After"})
            )
            admin.execute("select pg_terminate_backend(%s)", (wait_for_blocked(admin),))
            thread.join(10)  # done while the lock is still held: it was not run again
            assert not thread.is_alive()
            assert blocked_backends(admin) == []
            locker.commit()
        error = outcome.get("error")
        assert type(error) is Unavailable, outcome
        assert str(error) == LOST_DURING_WRITE
        assert isinstance(error.__cause__, psycopg.errors.AdminShutdown)
        assert "rpc on pool 'lost-write'" in caplog.text and "AdminShutdown" in caplog.text
        assert transport.select("profiles")[0]["full_name"] == "Before"
    finally:
        pool.close()


def test_driver_errors_become_typed_errors_with_context(db_url: str) -> None:
    """A real AdminShutdown, InterfaceError and rejected statement, each mapped."""
    conn = psycopg.connect(db_url, autocommit=True)
    with psycopg.connect(db_url, autocommit=True) as admin:
        admin.execute("select pg_terminate_backend(%s)", (conn.info.backend_pid,))
    with pytest.raises(psycopg.errors.AdminShutdown) as shutdown:
        for _ in range(50):  # the terminate is asynchronous
            conn.execute("select 1")
            time.sleep(0.02)
    mapped = from_driver(shutdown.value, context="reading a checkpoint")
    assert type(mapped) is Unavailable
    assert str(mapped).startswith("The database is not reachable right now.")
    assert mapped.detail and mapped.detail.startswith("reading a checkpoint: AdminShutdown")

    with pytest.raises(psycopg.OperationalError) as closed:  # "the connection is closed"
        conn.execute("select 1")
    assert type(from_driver(closed.value, context="x")) is Unavailable
    conn.close()

    with psycopg.connect(db_url, autocommit=True) as ok:
        with pytest.raises(psycopg.Error) as rejected:
            ok.execute("select 1/0")
    assert not isinstance(from_driver(rejected.value, context="x"), Unavailable)
