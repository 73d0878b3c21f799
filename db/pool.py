"""Connection pools with the settings every pool here needs, and healing after a restart.

autocommit (each transport call is its own implicit transaction), dict rows, no prepared
statements (PgBouncer/Supavisor in transaction mode cannot keep them).

Healing is checked on every checkout, because the LangGraph PostgresSaver runs its own
queries straight on pool connections: a retry in our transport could not cover it. A round
trip on every checkout would nearly double a trivial call (bench/db_roundtrip.py), so the
check asks the kernel instead: a server that restarts, crashes or terminates a backend
sends a FATAL message and closes the socket, which makes an idle pooled connection readable
(a poll with no wait, well under a microsecond). Only then, or after IDLE_CHECK_AFTER_S
idle (a connection cut silently by the network), does the check pay a round trip.

A dead connection is never handed out. If the server answers a fresh connection, the rest
of the idle pool is swept at once (after a restart they are all dead, and the pool's own
loop would back off a second, then two, then four, per dead connection) and the caller gets
a new one. If it does not, the caller is told at once (`DatabaseUnreachable`) instead of
waiting out the pool timeout, and so is every caller after it, by a single connection
attempt, until the server answers again; reconnection attempts give up after
RECONNECT_TIMEOUT_S so the pool grows from fresh the moment the server is back, not at the
end of a long backoff.
"""

from __future__ import annotations

import logging
import select
import time
import weakref
from typing import Any

import psycopg
from psycopg.rows import dict_row
from psycopg_pool import ConnectionPool, PoolTimeout

log = logging.getLogger(__name__)

IDLE_CHECK_AFTER_S = 2.0
RECONNECT_TIMEOUT_S = 5.0
PROBE_TIMEOUT_S = 3

Conn = psycopg.Connection[dict[str, Any]]

_READABLE = select.POLLIN | select.POLLPRI | select.POLLERR | select.POLLHUP | select.POLLNVAL


class DatabaseUnreachable(psycopg.OperationalError):
    """The server does not accept connections. A psycopg error, so code that runs straight on
    the pool (the checkpointer) handles it as it handles any other driver error; the
    transport turns it into `Unavailable`."""


def _has_pending_input(conn: psycopg.Connection[Any]) -> bool:
    """An idle connection has nothing to read unless the server spoke first: a FATAL before
    it closed the socket, end of file, or (harmless) a notification."""
    try:
        fd = conn.pgconn.socket
    except psycopg.OperationalError:  # no socket at all: certainly dead
        return True
    poller = select.poll()
    poller.register(fd, _READABLE)
    return bool(poller.poll(0))


class HealingPool(ConnectionPool[Conn]):
    """A ConnectionPool whose checkout never hands out a dead connection and which says at
    once when the server is down. Same constructor and API as ConnectionPool."""

    def __init__(self, conninfo: str, **options: Any) -> None:
        self._last_used: weakref.WeakKeyDictionary[psycopg.Connection[Any], float] = (
            weakref.WeakKeyDictionary()
        )
        self._down_since: float | None = None
        self._down_reason = ""
        super().__init__(
            conninfo,
            check=self._check_on_checkout,
            configure=self._on_new_connection,
            reconnect_failed=self._on_reconnect_failed,
            reconnect_timeout=RECONNECT_TIMEOUT_S,
            **options,
        )

    # checkout ----------------------------------------------------------------------------
    def getconn(self, timeout: float | None = None) -> Conn:
        if self._down_since is not None and not self._server_answers():
            raise self._unreachable()
        try:
            conn = super().getconn(timeout)
        except PoolTimeout:
            # Busy, or down without an idle connection to tell us: one attempt decides.
            if not self._server_answers():
                raise self._unreachable() from None
            raise
        if conn.closed:  # let through by the check: dead, and the server is not answering
            self.putconn(conn)
            raise self._unreachable()
        return conn

    def _check_on_checkout(self, conn: Conn) -> None:
        now = time.monotonic()
        last = self._last_used.get(conn, now)
        self._last_used[conn] = now
        if conn.closed:
            reason = "connection already closed"
        elif _has_pending_input(conn) or now - last > IDLE_CHECK_AFTER_S:
            try:
                ConnectionPool.check_connection(conn)
                return
            except psycopg.Error as exc:
                reason = f"{type(exc).__name__}: {exc}"
        else:
            return
        log.warning("pool %r: dropping a dead connection (%s)", self.name, reason)
        if not self._server_answers():
            return  # getconn sees it closed and raises DatabaseUnreachable without waiting
        self.check()  # the server restarted: its other idle connections are dead too
        raise psycopg.OperationalError(f"pooled connection was dead: {reason}")

    # health --------------------------------------------------------------------------
    def _server_answers(self) -> bool:
        """One connection attempt outside the pool: refused at once when the server is
        down, so it costs little exactly when it is needed."""
        kwargs = dict(self.kwargs) if isinstance(self.kwargs, dict) else {}
        kwargs["connect_timeout"] = min(PROBE_TIMEOUT_S, max(1, round(self.timeout)))
        try:
            psycopg.connect(str(self.conninfo), **kwargs).close()
        except psycopg.Error as exc:
            if exc.sqlstate == "53300":  # too many connections: up, and busy
                return True
            if self._down_since is None:
                log.warning("pool %r: the database is not reachable: %s", self.name, exc)
                self._down_since = time.monotonic()
            self._down_reason = f"{type(exc).__name__}: {exc}".strip()
            return False
        if self._down_since is not None:
            log.warning(
                "pool %r: the database is reachable again after %.1f s",
                self.name,
                time.monotonic() - self._down_since,
            )
            self._down_since = None
        return True

    def _unreachable(self) -> DatabaseUnreachable:
        return DatabaseUnreachable(
            f"pool {self.name!r}: the database server is not accepting connections "
            f"({self._down_reason or 'no detail'})"
        )

    def _on_new_connection(self, conn: Conn) -> None:
        self._last_used[conn] = time.monotonic()
        self._down_since = None

    def _on_reconnect_failed(self, pool: ConnectionPool[Any]) -> None:
        if self._down_since is None:
            self._down_since = time.monotonic()
            self._down_reason = f"reconnecting failed for {RECONNECT_TIMEOUT_S:.0f} s"
            log.warning("pool %r: %s", self.name, self._down_reason)


PREPARE_AFTER = 5


def make_pool(
    url: str,
    *,
    name: str,
    min_size: int = 1,
    max_size: int = 8,
    options: str | None = None,
    timeout: float = 15.0,
    prepare: bool = False,
) -> ConnectionPool[Conn]:
    """`timeout` bounds a checkout when every connection is in use (the caller is then told
    the database is busy); a server that is down is reported without waiting for it.
    `prepare`: a statement run five times on a connection is prepared there (psycopg's
    default), which saves Postgres re-planning it; off behind a transaction pooler."""
    kwargs: dict[str, Any] = {
        "autocommit": True,
        "row_factory": dict_row,
        "prepare_threshold": PREPARE_AFTER if prepare else None,
    }
    if options:
        kwargs["options"] = options
    pool = HealingPool(
        url,
        name=name,
        min_size=min_size,
        max_size=max_size,
        kwargs=kwargs,
        timeout=timeout,
        open=False,
    )
    pool.open(wait=True, timeout=15)
    return pool
