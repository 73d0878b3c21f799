"""The transport seam: two verbs, `rpc` and `select`, over which the repository is written once.

PostgresTransport does what PostgREST does: per call it switches to the caller's database
role and publishes the JWT claims, then runs the statement, so RLS applies exactly as it does
behind Supabase's API. Setup and statement travel in one round trip: a multi-statement simple
query is one implicit transaction, so the SET LOCALs end with it and the pooled connection
goes back clean.
"""

from __future__ import annotations

import json
import logging
import threading
import weakref
from collections.abc import Mapping
from typing import Any, Protocol

import psycopg
from psycopg import sql
from psycopg.rows import dict_row
from psycopg_pool import ConnectionPool

from db.errors import AppError, as_signed_out, from_driver, is_connection_lost
from db.identity import Identity
from db.rpc_sql import (
    SelectSpec,
    Signature,
    check_arguments,
    load_signatures,
    rpc_query,
    select_query,
)

log = logging.getLogger(__name__)

Row = dict[str, Any]


class Transport(Protocol):
    identity: Identity

    def rpc(self, function: str, params: Mapping[str, Any] | None = None) -> list[Row]: ...

    def select(
        self,
        table: str,
        *,
        eq: Mapping[str, Any] | None = None,
        order: str | None = None,
        limit: int | None = None,
    ) -> list[Row]: ...


_SETUP = sql.SQL("set local role {}; set local request.jwt.claims to {}; ")

_signature_cache: weakref.WeakKeyDictionary[ConnectionPool[Any], dict[str, Signature]] = (
    weakref.WeakKeyDictionary()
)
_signature_lock = threading.Lock()


class PostgresTransport:
    def __init__(self, pool: ConnectionPool[Any], identity: Identity) -> None:
        self._pool = pool
        self.identity = identity
        # Constant per identity: rendered once, with % doubled for the placeholder pass.
        setup = _SETUP.format(
            sql.Identifier(identity.role), sql.Literal(json.dumps(identity.claims()))
        ).as_string(None)
        self._setup = setup.replace("%", "%%")

    def rpc(self, function: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        params = params or {}
        signature = self._signature(function)
        if signature is not None:  # no such function: rpc_query says so
            check_arguments(function, params, signature)
        query, values = rpc_query(function, params, signature)
        return self._run(query, values, retry=False, arguments=params)

    def select(
        self,
        table: str,
        *,
        eq: Mapping[str, Any] | None = None,
        order: str | None = None,
        limit: int | None = None,
    ) -> list[Row]:
        query, values = select_query(SelectSpec.parse(table, eq=eq, order=order, limit=limit))
        return self._run(query.as_string(None), values, retry=True)

    def _signature(self, function: str) -> Signature | None:
        known = _signature_cache.get(self._pool)
        if known is not None and function in known:
            return known[function]
        with _signature_lock:  # first call, or a new migration since we looked
            try:
                with self._pool.connection() as conn:
                    known = load_signatures(conn)
            except psycopg.Error as exc:
                raise from_driver(exc, context=f"loading rpc signatures for {function}") from exc
            _signature_cache[self._pool] = known
        return known.get(function)

    def _run(
        self,
        query: str,
        values: list[Any],
        *,
        retry: bool,
        arguments: Mapping[str, Any] | None = None,
    ) -> list[Row]:
        """`retry` is for reads only: a read that lost its connection mid-way is run once
        more on a fresh one. A write is not, once sent: it may have committed before the
        connection died. Nothing is retried before sending either: the pool's checkout
        already replaces dead connections, and a busy or unreachable database would only
        make the caller wait twice. `arguments`: the call's arguments, so a refusal can name
        the field it was about."""
        statement = self._setup + query
        attempts = 2 if retry else 1
        for attempt in range(attempts):
            sent = False
            try:
                with self._pool.connection() as conn:
                    sent = True
                    cur = psycopg.ClientCursor(conn, row_factory=dict_row)
                    cur.execute(statement, values)
                    while cur.nextset():
                        pass
                    return cur.fetchall() if cur.description else []
            except psycopg.Error as exc:
                # PoolTimeout and DatabaseUnreachable subclass OperationalError: from_driver
                # tells busy, unreachable and lost apart; only a lost read is retried.
                if sent and attempt + 1 < attempts and is_connection_lost(exc):
                    log.warning(
                        "pool %r: connection lost during a read, retrying once: %s: %s",
                        self._pool.name,
                        type(exc).__name__,
                        exc,
                    )
                    continue
                error = from_driver(
                    exc,
                    context=f"{'select' if retry else 'rpc'} on pool {self._pool.name!r}",
                    may_have_written=sent and not retry,
                    sent=arguments,
                )
                raise as_signed_out(error, self.identity.role) from exc
        raise AppError("unreachable")  # pragma: no cover
