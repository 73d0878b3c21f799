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
from psycopg_pool import ConnectionPool, PoolTimeout

from db.errors import AppError, Unavailable, from_database
from db.identity import Identity
from db.rpc_sql import SelectSpec, Signature, load_signatures, rpc_query, select_query

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
        query, values = rpc_query(function, params or {}, self._signature(function))
        return self._run(query, values, retry=False)

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
            with self._pool.connection() as conn:
                known = load_signatures(conn)
            _signature_cache[self._pool] = known
        return known.get(function)

    def _run(self, query: str, values: list[Any], *, retry: bool) -> list[Row]:
        statement = self._setup + query
        attempts = 2 if retry else 1
        for attempt in range(attempts):
            try:
                with self._pool.connection() as conn:
                    cur = psycopg.ClientCursor(conn, row_factory=dict_row)
                    cur.execute(statement, values)
                    while cur.nextset():
                        pass
                    return cur.fetchall() if cur.description else []
            except psycopg.OperationalError as exc:
                if attempt + 1 < attempts:
                    log.warning("connection dropped, retrying read once: %s", exc)
                    continue
                raise Unavailable(
                    "The database is not reachable right now. Nothing was changed; please "
                    "try again in a moment.",
                    detail=str(exc),
                ) from exc
            except PoolTimeout as exc:
                raise Unavailable(
                    "The database is busy right now. Nothing was changed; please try again.",
                    detail=str(exc),
                ) from exc
            except psycopg.Error as exc:
                diag = exc.diag
                raise from_database(
                    exc.sqlstate,
                    diag.message_primary or str(exc),
                    constraint=diag.constraint_name,
                    detail=diag.message_detail,
                ) from exc
        raise AppError("unreachable")  # pragma: no cover
