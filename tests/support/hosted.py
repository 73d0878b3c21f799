"""Helpers for tests that run against both transports: the hosted end's client and
identities for the PostgREST test server, catalog rows, and value comparison across ends."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

import httpx
import psycopg
from pydantic import SecretStr
from supabase import Client, create_client
from supabase.lib.client_options import SyncClientOptions

from db.identity import Identity
from db.transport import Transport
from tests.support.postgrest_server import PostgrestServer, make_jwt

JWT_SECRET = "contract-suite-jwt-secret-0123456789abcdef"  # pyjwt wants >= 32 bytes for HS256

TransportFactory = Callable[[Identity], Transport]
PROVIDER = "Transport Contract Suite"  # tells this suite's catalog rows from the seeded ones


def supabase_client(server: PostgrestServer, http: httpx.Client) -> Client:
    options = SyncClientOptions(httpx_client=http, auto_refresh_token=False, persist_session=False)
    return create_client(server.url, server.anon_key, options=options)


def hosted_identity(server: PostgrestServer, identity: Identity) -> Identity:
    """The identity as hosted mode holds it: with the token Supabase Auth would have issued
    (service: the service key; anon: none, the transport sends the anon key)."""
    if identity.role == "anon":
        return identity
    if identity.role == "service_role":
        token = server.service_key
    else:
        token = make_jwt(
            server.jwt_secret, identity.role, sub=str(identity.user_id), email=identity.email
        )
    return identity.model_copy(update={"access_token": SecretStr(token)})


def add_scholarship(db_url: str, title: str, *, need_based: bool = False) -> UUID:
    """Catalog rows come from the admin/discovery side; the tests put them in directly."""
    with psycopg.connect(db_url, autocommit=True) as conn:
        row = conn.execute(
            "insert into public.scholarships (title, provider, url, amount, need_based, deadline)"
            " values (%s, %s, %s, 2500, %s, app_now() + interval '30 days') returning id",
            (title, PROVIDER, f"https://scholarships.test/{uuid.uuid4().hex}", need_based),
        ).fetchone()
    assert row is not None
    return UUID(str(row[0]))


def superuser_value(db_url: str, query: str, *params: Any) -> Any:
    with psycopg.connect(db_url, autocommit=True) as conn:
        row = conn.execute(query, params).fetchone()
    return None if row is None else row[0]


def ids(rows: list[dict[str, Any]], column: str = "id") -> list[str]:
    return [str(row[column]) for row in rows]


def same(embedded: Any, hosted: Any) -> bool:
    """Values equal once parsed: the embedded end returns Python types, the hosted one JSON
    (uuid and timestamps as strings, numerics as numbers)."""
    if embedded is None or hosted is None:
        return embedded is None and hosted is None
    if isinstance(embedded, datetime):
        return datetime.fromisoformat(hosted) == embedded
    if isinstance(embedded, date):
        return date.fromisoformat(hosted) == embedded
    if isinstance(embedded, UUID):
        return str(embedded) == hosted
    if isinstance(embedded, Decimal):
        return Decimal(str(hosted)) == embedded
    if isinstance(embedded, dict):
        return embedded.keys() == hosted.keys() and all(
            same(embedded[key], hosted[key]) for key in embedded
        )
    if isinstance(embedded, list):
        return len(embedded) == len(hosted) and all(map(same, embedded, hosted))
    return bool(embedded == hosted)
