"""Supabase Auth as the server uses it, over real HTTP to the local Auth test server:
password sign-in, refresh-token rotation, refusals that never say which part was wrong."""

from __future__ import annotations

import warnings

import httpx
import pytest

from db.errors import NotAllowed
from db.supabase_auth import refresh_session, sign_in_with_password
from db.supabase_transport import SupabaseTransport
from tests.conftest import People
from tests.support.hosted import JWT_SECRET, ids, supabase_client
from tests.support.postgrest_server import PostgrestServer


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
