"""A PostgREST subset on loopback, with Supabase Auth's (tests/support/supabase_auth_server.py)
beside it, so the hosted transport is tested over real HTTP against the real database
instead of a mock.

It does what PostgREST does for the calls the app makes: verify the HS256 JWT, switch to the
role in its claims and publish the claims (`set_config('role', ...)`,
`set_config('request.jwt.claims', ...)`) in the request's transaction, run the statement, let
Postgres render the rows as JSON, and report failures as PostgREST's error JSON. The SQL comes
from db/rpc_sql.py, the builder the embedded transport uses, so both ends run the same
statements and any difference a contract test finds is in the transport, not the SQL.
Anything outside the subset is refused loudly (400 PGRST100) rather than half-supported.
"""

from __future__ import annotations

import difflib
import json
import logging
import threading
from collections.abc import Mapping
from typing import Any
from uuid import UUID

import jwt
import psycopg
from psycopg import sql
from psycopg_pool import ConnectionPool
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from db.errors import AppError
from db.pool import make_pool
from db.rpc_sql import (
    SelectSpec,
    Signature,
    identifier,
    load_signatures,
    rpc_query,
    select_query,
)
from tests.support.serving import Serving
from tests.support.supabase_auth_server import SupabaseAuth, make_jwt

log = logging.getLogger(__name__)

API_ROLES = frozenset({"anon", "authenticated", "service_role"})

_SETUP = sql.SQL("select set_config('role', %s, true), set_config('request.jwt.claims', %s, true)")
# PostgREST's own shape: the rows aggregated to one JSON document by Postgres.
_AS_JSON = (
    "select coalesce(json_agg(_postgrest_t), '[]')::text as body, count(*) as n "
    "from ({}) _postgrest_t"
)
_PERHAPS = "Perhaps you meant to call the function"


class _Refused(Exception):
    """A request answered with PostgREST's (or GoTrue's) error JSON."""

    def __init__(
        self, status: int, body: Mapping[str, Any], headers: Mapping[str, str] | None = None
    ) -> None:
        super().__init__(body.get("message"))
        self.status = status
        self.body = dict(body)
        self.headers = dict(headers or {})

    def response(self) -> JSONResponse:
        return JSONResponse(self.body, status_code=self.status, headers=self.headers)


def _pgrst(
    status: int, code: str, message: str, details: str | None = None, hint: str | None = None
) -> _Refused:
    return _Refused(status, {"code": code, "message": message, "details": details, "hint": hint})


def _unsupported(what: str) -> _Refused:
    return _pgrst(400, "PGRST100", f"This test server does not support {what}.")


def _refuse_untranslatable(value: Any) -> None:
    """What Postgres answers PostgREST for JSON text it cannot hold: \\u0000 or a lone
    surrogate escape in the body is a 400 with SQLSTATE 22P05, never a stored value."""
    if isinstance(value, dict):
        for key, item in value.items():
            _refuse_untranslatable(key)
            _refuse_untranslatable(item)
    elif isinstance(value, list):
        for item in value:
            _refuse_untranslatable(item)
    elif isinstance(value, str):
        if "\x00" in value:
            raise _pgrst(
                400,
                "22P05",
                "unsupported Unicode escape sequence",
                "\\u0000 cannot be converted to text.",
            )
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise _pgrst(
                400, "22P05", "invalid Unicode surrogate pair", "A lone surrogate."
            ) from exc


def _status_for(sqlstate: str, role: str) -> int:
    """PostgREST's status for a SQLSTATE, extended to this project's TL codes."""
    if sqlstate in ("23505", "TL409"):
        return 409
    if sqlstate in ("42501", "TL403"):
        return 401 if role == "anon" else 403  # PostgREST: 401 when not signed in
    if sqlstate in ("TL404", "42883", "42P01"):
        return 404
    if sqlstate.startswith(("22", "23")) or sqlstate in ("TL400", "P0001"):
        return 400
    return 500


class PostgrestServer:
    """`with PostgrestServer(db_url, jwt_secret=...) as server:` then talk to `server.url`.

    `database_url` is a superuser URL, as PostgREST's authenticator is allowed to become
    anon, authenticated and service_role; tokens naming any other role are refused.
    `users` maps email -> (user_id, password) for Supabase Auth (`server.auth`).
    """

    def __init__(
        self,
        database_url: str,
        *,
        jwt_secret: str,
        users: Mapping[str, tuple[UUID | str, str]] | None = None,
    ) -> None:
        self.database_url = database_url
        self.jwt_secret = jwt_secret
        self._pool: ConnectionPool[Any] | None = None
        self._signatures: dict[str, Signature] = {}
        self._signatures_lock = threading.Lock()
        self._serving: Serving | None = None
        self.url = ""
        self.anon_key = make_jwt(jwt_secret, "anon", exp_s=10 * 365 * 86400)
        self.service_key = make_jwt(jwt_secret, "service_role", exp_s=10 * 365 * 86400)
        self.auth = SupabaseAuth(jwt_secret, users or {}, self._connection)

    def _connection(self) -> Any:
        assert self._pool is not None, "start the server first"
        return self._pool.connection()

    # lifecycle -------------------------------------------------------------------------
    def start(self) -> PostgrestServer:
        self._pool = make_pool(self.database_url, name="postgrest-test-server", max_size=4)
        app = Starlette(
            routes=[
                Route("/rest/v1/rpc/{function}", self._rpc, methods=["POST"]),
                Route("/rest/v1/{table}", self._select, methods=["GET"]),
                Route("/auth/v1/token", self.auth.token, methods=["POST"]),
                Route("/auth/v1/admin/users", self.auth.admin_create_user, methods=["POST"]),
            ]
        )
        self._serving = Serving(app, "PostgREST test server")
        self.url = f"http://127.0.0.1:{self._serving.port}"
        return self

    def stop(self) -> None:
        if self._serving is not None:
            self._serving.stop()
        if self._pool is not None:
            self._pool.close()
        self._serving = self._pool = None

    def __enter__(self) -> PostgrestServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # authentication ----------------------------------------------------------------------
    def _claims(self, request: Request) -> dict[str, Any]:
        """PostgREST's JWT check; the apikey header stands in when there is no bearer, as
        Supabase's gateway does for the anon key."""
        authorization = request.headers.get("authorization", "")
        scheme, _, token = authorization.partition(" ")
        if not (scheme.lower() == "bearer" and token):
            token = request.headers.get("apikey", "")
        if not token:
            raise _Refused(
                401,
                {
                    "message": "No API key found in request",
                    "hint": "No `apikey` request header or url param was found.",
                },
            )
        try:
            claims = jwt.decode(
                token,
                self.jwt_secret,
                algorithms=["HS256"],
                options={"verify_aud": False, "require": ["exp"]},
            )
        except jwt.ExpiredSignatureError as exc:
            raise self._bad_token("JWT expired") from exc
        except jwt.PyJWTError as exc:
            raise self._bad_token(f"JWSError: {exc}") from exc
        role = claims.get("role") or "anon"
        if role not in API_ROLES:
            raise _pgrst(403, "42501", f'permission denied to set role "{role}"')
        claims["role"] = role
        return claims

    @staticmethod
    def _bad_token(message: str) -> _Refused:
        return _Refused(
            401,
            {"code": "PGRST301", "message": message, "details": None, "hint": None},
            {"WWW-Authenticate": f'Bearer error="invalid_token", error_description="{message}"'},
        )

    # endpoints ---------------------------------------------------------------------------
    async def _rpc(self, request: Request) -> Response:
        try:
            claims = self._claims(request)
            function = request.path_params["function"]
            raw = await request.body()
            try:
                params = json.loads(raw) if raw.strip() else {}
            except ValueError as exc:
                raise _pgrst(400, "PGRST102", "Empty or invalid json") from exc
            if not isinstance(params, dict):
                raise _unsupported("positional or array arguments")
            _refuse_untranslatable(params)
            query, values = self._rpc_statement(function, params)
            return await run_in_threadpool(self._run, claims, query, values)
        except _Refused as refused:
            return refused.response()

    async def _select(self, request: Request) -> Response:
        try:
            claims = self._claims(request)
            table = request.path_params["table"]
            try:
                identifier(table, "table")
            except AppError as exc:
                raise self._no_table(table) from exc
            eq, order, limit = self._read_query(request)
            try:
                spec = SelectSpec.parse(table, eq=eq, order=order, limit=limit)
                query, values = select_query(spec)
            except AppError as exc:
                raise _pgrst(400, "PGRST100", exc.message, exc.detail) from exc
            return await run_in_threadpool(self._run, claims, query, values, table=table)
        except _Refused as refused:
            return refused.response()

    # request parsing -------------------------------------------------------------------
    def _rpc_statement(
        self, function: str, params: dict[str, Any]
    ) -> tuple[sql.Composable | str, list[Any]]:
        """PostgREST's PGRST202 when the name or the argument names do not match, with the
        hint PostgREST gives: the closest function and its argument names."""
        signatures = self._load_signatures(function)
        signature = signatures.get(function)
        if signature is None or not set(params) <= set(signature):
            target = f"public.{function}"
            args = sorted(params)
            shown = f"{target}({', '.join(args)})" if args else f"{target} without parameters"
            searched = (
                f"with parameter{'s' if len(args) > 1 else ''} {', '.join(args)}"
                if args
                else "without parameters"
            )
            hint: str | None = None
            if signature is not None:
                hint = f"{_PERHAPS} {target}({', '.join(sorted(signature))})"
            elif close := difflib.get_close_matches(function, list(signatures), n=1):
                hint = f"{_PERHAPS} public.{close[0]}"
            raise _pgrst(
                404,
                "PGRST202",
                f"Could not find the function {shown} in the schema cache",
                f"Searched for the function {target} {searched} or with a single unnamed "
                "json/jsonb parameter, but no matches were found in the schema cache.",
                hint,
            )
        return rpc_query(function, params, signature)

    def _load_signatures(self, function: str) -> dict[str, Signature]:
        with self._signatures_lock:
            if function not in self._signatures:  # a migration may have added it
                assert self._pool is not None
                with self._pool.connection() as conn:
                    self._signatures = load_signatures(conn)
            return self._signatures

    @staticmethod
    def _read_query(request: Request) -> tuple[dict[str, Any], str | None, int | None]:
        eq: dict[str, Any] = {}
        order: str | None = None
        limit: int | None = None
        for key, value in request.query_params.multi_items():
            if key == "select":
                if value != "*":
                    raise _unsupported(f"select={value}")
            elif key == "order":
                order = PostgrestServer._read_order(value)
            elif key == "limit":
                try:
                    limit = int(value)
                except ValueError as exc:
                    raise _pgrst(400, "PGRST100", f'"failed to parse limit ({value})"') from exc
            elif key in ("offset", "or", "and", "columns", "on_conflict"):
                raise _unsupported(key)
            else:
                operator, _, operand = value.partition(".")
                if key in eq:
                    raise _unsupported(f"two filters on {key}")
                if operator == "eq":
                    eq[key] = operand
                elif operator == "is" and operand == "null":
                    eq[key] = None
                else:
                    raise _unsupported(f"the filter {key}={value}")
        return eq, order, limit

    @staticmethod
    def _read_order(value: str) -> str:
        """Only orders select_query can express faithfully: it always sorts nulls last, so
        a bare `desc` (PostgREST: nulls first) is refused instead of answered differently."""
        if "," in value:
            raise _unsupported("ordering by several columns")
        column, *modifiers = value.split(".")
        direction = "asc"
        nulls = None
        for modifier in modifiers:
            if modifier in ("asc", "desc"):
                direction = modifier
            elif modifier in ("nullsfirst", "nullslast"):
                nulls = modifier
            else:
                raise _pgrst(400, "PGRST100", f'"failed to parse order ({value})"')
        if nulls == "nullsfirst" or (direction == "desc" and nulls is None):
            raise _unsupported(f"order={value} (nulls first)")
        return f"{column}.{direction}"

    @staticmethod
    def _no_table(table: str) -> _Refused:
        return _pgrst(
            404, "PGRST205", f"Could not find the table 'public.{table}' in the schema cache"
        )

    # execution ---------------------------------------------------------------------------
    def _run(
        self,
        claims: dict[str, Any],
        query: sql.Composable | str,
        values: list[Any],
        *,
        table: str | None = None,
    ) -> Response:
        """One transaction per request: role and claims first, then the statement."""
        assert self._pool is not None
        role = claims["role"]
        try:
            with self._pool.connection() as conn, conn.transaction():
                cur = psycopg.ClientCursor(conn)
                cur.execute(_SETUP, [role, json.dumps(claims)])
                text = query if isinstance(query, str) else query.as_string(None)
                cur.execute(_AS_JSON.format(text), values)
                row = cur.fetchone()
        except psycopg.Error as exc:
            diag = exc.diag
            sqlstate = exc.sqlstate or "XX000"
            if table is not None and sqlstate == "42P01":
                return self._no_table(table).response()
            body = {
                "code": sqlstate,
                "message": diag.message_primary or str(exc),
                "details": diag.message_detail,
                "hint": diag.message_hint,
            }
            return JSONResponse(body, status_code=_status_for(sqlstate, role))
        assert row is not None
        body, count = (row["body"], row["n"]) if isinstance(row, dict) else row
        content_range = f"0-{count - 1}/*" if count else "*/*"
        return Response(
            body, media_type="application/json", headers={"Content-Range": content_range}
        )
