"""SupabaseTransport behaviour only the hosted end has: password sign-in, expired or forged
sessions, and an unreachable server. The shared behaviour is in test_transport_contract."""

from __future__ import annotations

import socket
import warnings

import httpx
import pytest
from pydantic import SecretStr

from db.errors import NotAllowed, Unavailable
from db.identity import Identity
from db.supabase_transport import SupabaseTransport, refresh_session, sign_in_with_password
from tests.conftest import People
from tests.support.hosted import JWT_SECRET, ids, supabase_client, superuser_value
from tests.support.postgrest_server import PostgrestServer, make_jwt


# hosted-only behaviour: sign-in, sessions, the network ---------------------------------------
def test_sign_in_with_the_right_password_sees_own_profile(db_url: str, people: People) -> None:
    ana = people.student_a
    assert ana.email is not None and ana.user_id is not None
    users = {ana.email: (ana.user_id, "correct horse battery")}
    with (
        PostgrestServer(db_url, jwt_secret=JWT_SECRET, users=users) as server,
        httpx.Client() as http,
    ):
        client = supabase_client(server, http)
        session = sign_in_with_password(client, ana.email, "correct horse battery")
        identity = session.identity
        by_url = sign_in_with_password(
            server.url, ana.email.upper(), "correct horse battery", anon_key=server.anon_key
        ).identity
        rows = SupabaseTransport(client, identity).select("profiles")
        with warnings.catch_warnings():  # client.postgrest passes supabase-py's deprecated timeout
            warnings.simplefilter("ignore", DeprecationWarning)
            shared_client_runs_as = client.rpc("ping").execute().data

    assert (identity.role, identity.user_id, identity.email) == (
        "authenticated",
        ana.user_id,
        ana.email,
    )
    assert identity.access_token is not None
    assert by_url.user_id == ana.user_id
    assert ids(rows) == [str(ana.user_id)]
    # signing in must not turn a Client shared by every session into Ana's
    assert shared_client_runs_as == [{"db_role": "anon", "user_id": None}]


def test_a_refresh_token_renews_the_session_once(db_url: str, people: People) -> None:
    """Supabase rotates refresh tokens: each works once, and the new access token works."""
    ana = people.student_a
    assert ana.email is not None and ana.user_id is not None
    users = {ana.email: (ana.user_id, "correct horse battery")}
    with (
        PostgrestServer(db_url, jwt_secret=JWT_SECRET, users=users) as server,
        httpx.Client() as http,
    ):
        client = supabase_client(server, http)
        first = sign_in_with_password(client, ana.email, "correct horse battery")
        renewed = refresh_session(client, first.refresh_token.get_secret_value())
        rows = SupabaseTransport(client, renewed.identity).select("profiles")
        with pytest.raises(NotAllowed):
            refresh_session(client, first.refresh_token.get_secret_value())

    assert renewed.identity.user_id == ana.user_id
    assert renewed.refresh_token != first.refresh_token
    assert renewed.expires_at is not None
    assert ids(rows) == [str(ana.user_id)]


def test_sign_in_refuses_a_wrong_password_or_unknown_email(db_url: str, people: People) -> None:
    ana = people.student_a
    assert ana.email is not None and ana.user_id is not None
    users = {ana.email: (ana.user_id, "correct horse battery")}
    with PostgrestServer(db_url, jwt_secret=JWT_SECRET, users=users) as server:
        with pytest.raises(NotAllowed) as wrong_password:
            sign_in_with_password(server.url, ana.email, "Tr0ub4dor&3", anon_key=server.anon_key)
        with pytest.raises(NotAllowed) as unknown_email:
            sign_in_with_password(
                server.url,
                "nobody@students.test",
                "correct horse battery",
                anon_key=server.anon_key,
            )

    assert str(wrong_password.value) == "Email or password is incorrect."
    assert str(unknown_email.value) == "Email or password is incorrect."


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
