"""Fixtures for the transport-level suites: the same identity on either end."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from db.supabase_transport import SupabaseTransport
from tests.support.hosted import (
    JWT_SECRET,
    TransportFactory,
    hosted_identity,
    supabase_client,
)
from tests.support.postgrest_server import PostgrestServer


@pytest.fixture
def supabase_factory(db_url: str) -> Iterator[TransportFactory]:
    with PostgrestServer(db_url, jwt_secret=JWT_SECRET) as server, httpx.Client() as http:
        client = supabase_client(server, http)
        yield lambda identity: SupabaseTransport(client, hosted_identity(server, identity))


@pytest.fixture(params=["postgres", "supabase"])
def transport_factory(request: pytest.FixtureRequest) -> TransportFactory:
    """transport_factory(identity) -> a transport running as that identity, on either end."""
    if request.param == "postgres":
        as_user: TransportFactory = request.getfixturevalue("as_user")
        return as_user
    supabase: TransportFactory = request.getfixturevalue("supabase_factory")
    return supabase
