"""SupabaseTransport behaviour only the hosted end has: password sign-in, expired or forged
sessions, and an unreachable server. The shared behaviour is in test_transport_contract."""

from __future__ import annotations

import socket

import pytest
from pydantic import SecretStr

from db.errors import NotAllowed, Unavailable
from db.identity import Identity
from db.supabase_transport import SupabaseTransport
from tests.conftest import People
from tests.support.hosted import JWT_SECRET, superuser_value
from tests.support.postgrest_server import PostgrestServer, make_jwt


# hosted-only behaviour: sessions, the network ---------------------------------------------
@pytest.mark.parametrize("token", ["expired", "forged"])
def test_a_dead_session_asks_to_sign_in_again(db_url: str, people: People, token: str) -> None:
    ana = people.student_a
    with PostgrestServer(db_url, jwt_secret=JWT_SECRET) as server:
        secret, lifetime = (JWT_SECRET, -60) if token == "expired" else ("x" * 40, 3600)
        jwt = make_jwt(
            secret, "authenticated", sub=str(ana.user_id), email=ana.email, exp_s=lifetime
        )
        identity = ana.model_copy(update={"access_token": SecretStr(jwt)})
        with SupabaseTransport.from_url(server.url, server.anon_key, identity) as transport:
            with pytest.raises(NotAllowed, match=r"^Your session has ended\. Please sign in again"):
                transport.select("profiles")
            with pytest.raises(NotAllowed, match=r"^Your session has ended"):
                transport.rpc("save_my_profile", {"p_full_name": "Mallory"})

    assert (
        superuser_value(db_url, "select full_name from public.profiles where id = %s", ana.user_id)
        == "Ana Student"
    )


def test_a_signed_in_identity_without_a_token_is_not_downgraded_to_anon(people: People) -> None:
    with pytest.raises(NotAllowed, match=r"^Your session has ended"):
        SupabaseTransport.from_url("http://127.0.0.1:9", "anon-key", people.student_a)


def test_unreachable_supabase_is_reported_as_unavailable(people: People) -> None:
    with socket.socket() as probe:  # a loopback port with nothing listening
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}"

    with SupabaseTransport.from_url(url, "anon-key", Identity()) as transport:
        with pytest.raises(Unavailable, match=r"^The database is not reachable right now\."):
            transport.rpc("ping")
        with pytest.raises(Unavailable, match=r"^The database is not reachable right now\."):
            transport.select("profiles")
