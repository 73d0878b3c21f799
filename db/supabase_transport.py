"""The hosted end of the transport seam: the same two verbs over Supabase's HTTP API.

Every call carries the signed-in person's JWT as the bearer token, so PostgREST switches to
their database role and RLS decides what they see, exactly as the embedded transport does
with `SET LOCAL ROLE`. Errors come back as PostgREST's JSON ({code, message, details, hint})
and go through the same `from_database` mapping, so a page shows the same sentence whichever
end is configured.

Each transport owns a small PostgREST client with its own headers instead of calling
`client.postgrest.auth(token)`: that mutates headers shared by every user of the `Client`,
which in a multi-user Streamlit process would hand one student's token to another's request.
"""

from __future__ import annotations

import json
import logging
import re
import threading
import weakref
from collections.abc import Callable, Mapping, Set
from datetime import date, datetime, time
from decimal import Decimal
from enum import Enum
from typing import Any
from uuid import UUID

import httpx
from postgrest import APIError, SyncPostgrestClient
from pydantic import BaseModel, SecretStr
from supabase import Client, create_client
from supabase.lib.client_options import SyncClientOptions

from db.errors import (
    AppError,
    NotAllowed,
    NotFound,
    TokenRejected,
    Unavailable,
    ValidationFailed,
    as_signed_out,
    from_database,
    unknown_fields_message,
)
from db.identity import Identity
from db.rpc_sql import (
    SelectSpec,
    Signature,
    check_arguments,
    identifier,
    signatures_from_rows,
)
from db.transport import Row

log = logging.getLogger(__name__)

# Long enough for a slow function on a cold project, short enough that a dead network
# surfaces as a sentence instead of a page that spins for two minutes (supabase-py: 120 s).
HTTP_TIMEOUT = httpx.Timeout(30.0, connect=5.0)

_NOT_REACHABLE = (
    "The database is not reachable right now. Nothing was changed; please try again in a moment."
)
_SESSION_ENDED = "Your session has ended. Please sign in again."

# PostgREST's own codes for "could not reach or use the database", and the gateway statuses
# supabase-py reports as the code when the body is not PostgREST JSON.
_UNAVAILABLE_CODES = frozenset(
    {"PGRST000", "PGRST001", "PGRST002", "PGRST003", "502", "503", "504", "520", "522", "524"}
)
_HINT_FUNCTION = re.compile(
    r"^Perhaps you meant to call the function (?:[\w\"]+\.)?\"?(\w+)\"?(?:\((.*)\))?$"
)

_http_clients: weakref.WeakKeyDictionary[Client, httpx.Client] = weakref.WeakKeyDictionary()
_http_lock = threading.Lock()

# Argument types of the API's functions, read once per Client through
# public.api_signatures(); None: that server has no such function (an older database), so
# only the value checks run.
_signature_cache: weakref.WeakKeyDictionary[Client, dict[str, Signature] | None] = (
    weakref.WeakKeyDictionary()
)
_signature_lock = threading.Lock()


def connect(url: str, anon_key: str) -> Client:
    """A supabase Client for transports and sign-in: no background token refresh, no session
    kept in the client (each transport carries its own identity's token instead)."""
    options = SyncClientOptions(auto_refresh_token=False, persist_session=False)
    return create_client(url, anon_key, options=options)


def _http_for(client: Client) -> httpx.Client:
    """One connection pool per supabase Client, shared by all its transports.

    Not `client.postgrest.session`: touching `client.postgrest` builds a PostgREST client with
    the deprecated `timeout=` argument (a DeprecationWarning per Client), and that session is
    dropped on every auth event of the shared client.
    """
    configured: httpx.Client | None = getattr(client.options, "httpx_client", None)
    if configured is not None:
        return configured
    with _http_lock:
        http = _http_clients.get(client)
        if http is None:
            http = httpx.Client(timeout=HTTP_TIMEOUT, follow_redirects=True, http2=True)
            _http_clients[client] = http
        return http


class SupabaseTransport:
    """`rpc` and `select` through supabase-py's PostgREST client, as one identity."""

    def __init__(
        self,
        client: Client,
        identity: Identity,
        *,
        service_key: str | SecretStr | None = None,
        http: httpx.Client | None = None,
    ) -> None:
        self._client = client
        self._service_key = service_key
        self._http = http or _http_for(client)
        self._owned_http: httpx.Client | None = None
        self.identity = identity
        token = self._token(client, identity, service_key)
        headers = {
            name: value
            for name, value in client.options.headers.items()
            if name.lower() not in ("authorization", "apikey")
        }
        headers["apikey"] = client.supabase_key
        headers["Authorization"] = f"Bearer {token}"
        # retry_enabled=False: supabase-py would retry reads three times with 1+2+4 s sleeps
        # on a dead network; `select` retries once, immediately, like PostgresTransport.
        self._rest = SyncPostgrestClient(
            str(client.rest_url),
            schema=client.options.schema,
            headers=headers,
            http_client=self._http,
            retry_enabled=False,
        )

    @classmethod
    def from_url(
        cls,
        url: str,
        anon_key: str,
        identity: Identity,
        *,
        service_key: str | SecretStr | None = None,
    ) -> SupabaseTransport:
        """A transport with its own Client and connections, released by `close()` (or a
        `with` block); for scripts and one-off calls, where nothing else shares a Client."""
        http = httpx.Client(timeout=HTTP_TIMEOUT, follow_redirects=True, http2=True)
        try:
            transport = cls(connect(url, anon_key), identity, service_key=service_key, http=http)
        except BaseException:
            http.close()
            raise
        transport._owned_http = http
        return transport

    def close(self) -> None:
        """Closes connections this transport opened itself; a shared Client's stay open."""
        if self._owned_http is not None:
            self._owned_http.close()

    def __enter__(self) -> SupabaseTransport:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @staticmethod
    def _token(client: Client, identity: Identity, service_key: str | SecretStr | None) -> str:
        """The bearer that makes PostgREST run as this identity; never silently anon.

        An authenticated identity without a token would otherwise fall back to the anon key
        and see an empty app instead of an honest "sign in again".
        """
        if identity.access_token is not None:
            return identity.access_token.get_secret_value()
        if identity.role == "anon":
            return client.supabase_key
        if identity.role == "service_role" and service_key is not None:
            return (
                service_key.get_secret_value()
                if isinstance(service_key, SecretStr)
                else service_key
            )
        raise NotAllowed(_SESSION_ENDED, detail=f"{identity.role} identity has no access token")

    def rpc(self, function: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        try:
            name = identifier(function, "action")
        except ValidationFailed as exc:  # the embedded end finds no such function: same words
            raise NotFound("That action is not available.", detail=exc.detail) from exc
        params = params or {}
        # The same edge as the embedded end, before anything is sent: supabase-py would
        # otherwise fail on NaN or a lone surrogate while encoding, and PostgREST would store
        # a list sent for a text argument as its JSON text.
        check_arguments(name, params, self._signature(name) if params else None)
        body = {str(key): _jsonable(value) for key, value in params.items()}
        request = self._rest.rpc(name, body)
        data = self._execute(request.execute, write=True, function=name, sent=body)
        return _rows(name, data)

    def _signature(self, function: str) -> Signature | None:
        """The function's argument types, as the embedded end reads them from the catalog;
        read again when a function is new since (a migration ran), like the embedded end."""
        if self._client in _signature_cache:
            known = _signature_cache[self._client]
            if known is None or function in known:
                return None if known is None else known[function]
        with _signature_lock:
            try:
                data = self._execute(
                    self._rest.rpc("api_signatures", {}).execute,
                    write=False,
                    function="api_signatures",
                    sent={},
                )
            except NotFound:
                log.warning("no public.api_signatures(): arguments are checked by value only")
                _signature_cache[self._client] = None
                return None
            known = signatures_from_rows(_rows("api_signatures", data))
            _signature_cache[self._client] = known
        return known.get(function)

    def select(
        self,
        table: str,
        *,
        eq: Mapping[str, Any] | None = None,
        order: str | None = None,
        limit: int | None = None,
    ) -> list[Row]:
        spec = SelectSpec.parse(table, eq=eq, order=order, limit=limit)
        query = self._rest.from_(spec.table).select("*")
        for column, value in spec.filters:
            query = query.is_(column, "null") if value is None else query.eq(column, value)
        if spec.order:
            # nullslast explicitly: PostgREST's default for desc is nulls first.
            query = query.order(spec.order[0], desc=spec.order[1], nullsfirst=False)
        if spec.limit is not None:
            query = query.limit(spec.limit)
        data = self._execute(query.execute, write=False, function=None, sent={})
        return _rows(table, data)

    def _execute(
        self,
        send: Callable[[], Any],
        *,
        write: bool,
        function: str | None,
        sent: Mapping[str, Any],
    ) -> Any:
        attempts = 1 if write else 2
        for attempt in range(attempts):
            try:
                return send().data
            except APIError as exc:
                error = _from_api_error(exc, function=function, sent=sent)
                raise as_signed_out(error, self.identity.role) from exc
            except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
                if attempt + 1 < attempts:
                    log.warning("Supabase not reachable, retrying read once: %s", exc)
                    continue
                raise Unavailable(_NOT_REACHABLE, detail=repr(exc)) from exc
            except httpx.TimeoutException as exc:
                # The request went out: a write may or may not have been applied.
                message = (
                    "The database took too long to answer. Please check whether your change "
                    "was saved before trying again."
                    if write
                    else "The database took too long to answer. Please try again in a moment."
                )
                raise Unavailable(message, detail=repr(exc)) from exc
            except (httpx.NetworkError, httpx.RemoteProtocolError) as exc:
                if attempt + 1 < attempts:
                    log.warning("connection to Supabase dropped, retrying read once: %s", exc)
                    continue
                message = (
                    "The connection to the database was interrupted. Please check whether "
                    "your change was saved before trying again."
                    if write
                    else "The connection to the database was interrupted. Please try again."
                )
                raise Unavailable(message, detail=repr(exc)) from exc
            except httpx.HTTPError as exc:
                raise Unavailable(_NOT_REACHABLE, detail=repr(exc)) from exc
        raise AppError("unreachable")  # pragma: no cover


def _rows(name: str, data: Any) -> list[Row]:
    """Always a list of dicts, as the embedded transport returns.

    PostgREST answers a set-returning function with an array, a single composite with an
    object, a scalar function with the bare value, and a void function with no body (which
    supabase-py hands back as `[]`). A scalar is keyed by the function name, as
    `select * from fn()` names its column.
    """
    if data is None:
        return []
    if isinstance(data, dict):
        return [data]
    if isinstance(data, list):
        return [row if isinstance(row, dict) else {name: row} for row in data]
    return [{name: data}]


def _jsonable(value: Any) -> Any:
    """Plain JSON for the request body; postgrest's encoder refuses Decimal, Enum and sets.

    A Decimal becomes a JSON number (exact for the numeric(3,2)/(12,2) columns here: floats
    keep 15 significant digits); NaN/Infinity, which JSON cannot carry, go as the strings
    Postgres' numeric input accepts.
    """
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Enum):
        return _jsonable(value.value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            return str(value)
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, Mapping):
        return {str(key): _jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple | Set):
        return [_jsonable(item) for item in value]
    raise TypeError(f"cannot send a {type(value).__name__} to the database")


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, default=str)


def _from_api_error(exc: APIError, *, function: str | None, sent: Mapping[str, Any]) -> AppError:
    """PostgREST's JSON error to our typed error: its own PGRST codes first, then SQLSTATE."""
    code = str(exc.code or "")
    message = str(exc.message or "")
    details = _text(exc.details)
    hint = _text(exc.hint)
    detail = f"{code}: {message}" + (f" ({details})" if details else "")
    if hint:
        detail += f" hint: {hint}"
    detail = detail[:500]  # for the log; it may quote a megabyte of someone's input
    if code.startswith("PGRST30"):  # JWT missing, invalid or expired
        return TokenRejected(_SESSION_ENDED, detail=detail)
    if code in _UNAVAILABLE_CODES:
        return Unavailable(_NOT_REACHABLE, detail=detail)
    if code == "PGRST202":
        return _no_such_function(function, sent, hint, detail)
    if code in ("PGRST205", "42P01"):
        return NotFound("That information is not available.", detail=detail)
    if code.startswith("PGRST1"):  # PostgREST could not parse the request
        return ValidationFailed(
            "Some of that input is not valid. Please check it and try again.", detail=detail
        )
    if code.startswith("PGRST") or (len(code) == 3 and code.isdigit()):  # not a SQLSTATE
        return AppError(
            "Something went wrong on our side. Nothing was saved; please try again.",
            detail=detail,
        )
    return from_database(code or None, message, detail=details, sent=sent)


def _no_such_function(
    function: str | None, sent: Mapping[str, Any], hint: str | None, detail: str
) -> AppError:
    """PGRST202 covers both "no such function" and "no such argument names".

    PostgREST tells them apart only in its hint, which names the closest function and its
    arguments; when that is the function we called, the difference is the unknown fields,
    reported in the embedded transport's words.
    """
    found = _HINT_FUNCTION.match(hint or "")
    if function is None or found is None or found.group(1) != function:
        return NotFound("That action is not available.", detail=detail)
    known = {arg.strip().strip('"') for arg in (found.group(2) or "").split(",") if arg.strip()}
    unknown = sorted(set(sent) - known)
    if unknown:
        return ValidationFailed(unknown_fields_message(unknown), detail=detail[:500])
    return ValidationFailed("Some required fields are missing.", detail=detail)
