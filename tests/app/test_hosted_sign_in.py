"""Hosted mode as a person meets it: Supabase Auth email + password against a real local
PostgREST/Auth server over HTTP, a refresh that keeps you signed in without a token in the
address bar, and a sign-out that ends the session."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import psycopg
import pytest
import streamlit as st
from psycopg.rows import dict_row
from streamlit.proto.TextInput_pb2 import TextInput as TextInputProto
from streamlit.testing.v1 import AppTest

from app_pages.context import HANDLE
from app_pages.sign_in import NO_ACCOUNT
from db.runtime import Database
from db.settings import get_settings
from tests.conftest import create_user
from tests.support.postgrest_server import PostgrestServer, make_jwt

JWT_SECRET = "hosted-sign-in-test-secret-at-least-32-bytes!"
EMAIL = "hana@students.test"
NAME = "Hana Hosted"
PASSWORD = "correct horse battery"
MASKED = TextInputProto.Type.PASSWORD


@dataclass(frozen=True)
class Hosted:
    server: PostgrestServer
    email: str
    password: str
    db_url: str


def handle_row(hosted: Hosted, handle: str) -> dict[str, Any]:
    with psycopg.connect(hosted.db_url, row_factory=dict_row) as conn:
        row = conn.execute(
            "select * from private.sign_in_handles where handle_hash = %s",
            (hashlib.sha256(handle.encode()).hexdigest(),),
        ).fetchone()
    assert row is not None
    return row


@pytest.fixture
def hosted(db_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Hosted]:
    """A person who signed up (auth.users row, profile by trigger), the Auth/PostgREST test
    server that knows their password, and the app configured for hosted mode."""
    person = create_user(db_url, EMAIL, full_name=NAME)
    assert person.user_id is not None
    users = {EMAIL: (person.user_id, PASSWORD)}
    with PostgrestServer(db_url, jwt_secret=JWT_SECRET, users=users) as server:
        for name in ("OPENAI_API_KEY", "TAVILY_API_KEY", "SMTP_HOST"):
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv("SUPABASE_URL", server.url)
        monkeypatch.setenv("SUPABASE_ANON_KEY", server.anon_key)
        monkeypatch.setenv("DATABASE_URL", db_url)
        get_settings.cache_clear()
        st.cache_resource.clear()
        try:
            yield Hosted(server, EMAIL, PASSWORD, db_url)
        finally:
            st.cache_resource.clear()
            get_settings.cache_clear()


def new_app(handle: str | None = None) -> AppTest:
    at = AppTest.from_file("../../app.py", default_timeout=30)
    if handle is not None:
        at.session_state[HANDLE] = handle
    return at


def submit(at: AppTest, email: str, password: str) -> AppTest:
    at.text_input[0].input(email)
    at.text_input[1].input(password)
    return at.button[0].click().run()


def is_signed_in_as(at: AppTest, name: str) -> bool:
    return any(name in m.value for m in at.sidebar.markdown)


def shows_sign_in_form(at: AppTest) -> bool:
    """Two fields, the second masked, so a password is never shown on screen."""
    labels = [t.label for t in at.text_input]
    return labels == ["Email", "Password"] and at.text_input[1].proto.type == MASKED


def sign_in(hosted: Hosted) -> tuple[AppTest, str]:
    at = submit(new_app().run(), hosted.email, hosted.password)
    assert not at.exception
    assert "s" not in at.query_params  # the handle is never in the address
    return at, at.session_state[HANDLE]


def test_signed_out_visitor_gets_email_and_password_not_the_demo_picker(hosted: Hosted) -> None:
    at = new_app().run()
    assert not at.exception
    assert shows_sign_in_form(at)
    assert [b.label for b in at.button] == ["Sign in"]
    assert not at.radio  # no demo identities in hosted mode
    assert not at.info
    # a password manager fills the saved password rather than offering a new one; and
    # there is a way in for someone without an account (an audit found neither)
    assert [t.proto.autocomplete for t in at.text_input] == ["username", "current-password"]
    assert [c.value for c in at.caption] == [NO_ACCOUNT]


def test_a_wrong_password_is_refused_and_stays_signed_out(hosted: Hosted) -> None:
    at = submit(new_app().run(), hosted.email, "Tr0ub4dor&3")
    assert not at.exception
    assert [e.value for e in at.error] == ["Email or password is incorrect."]
    assert "s" not in at.query_params
    assert not is_signed_in_as(at, NAME)
    assert shows_sign_in_form(at)


def test_the_right_password_lands_on_home_as_that_person(hosted: Hosted) -> None:
    at, handle = sign_in(hosted)

    assert not at.error
    assert is_signed_in_as(at, NAME)
    assert at.sidebar.button(key="sign_out").label == "Sign out"
    assert [t.value for t in at.title] == [f"Welcome, {NAME}"]  # no sessions yet
    assert not at.expander  # a student is not shown the install's configuration

    # the address bar holds an opaque handle, never the access token itself
    row = handle_row(hosted, handle)
    token = row["access_token"]
    assert token.count(".") == 2  # it is a JWT...
    assert token not in handle
    assert all(token not in str(value) for value in at.query_params.values())
    assert handle.count(".") != 2  # ...and the handle does not look like one
    assert all(part not in handle for part in token.split(".") if len(part) > 8)


def test_the_server_keeps_only_the_handles_hash_and_the_refresh_token(hosted: Hosted) -> None:
    _, handle = sign_in(hosted)
    with psycopg.connect(hosted.db_url) as conn:
        rows = conn.execute(
            "select handle_hash, refresh_token from private.sign_in_handles"
        ).fetchall()
    assert [r[0] for r in rows] == [hashlib.sha256(handle.encode()).hexdigest()]
    assert rows[0][1]  # the refresh token stays here, never in the browser


def test_an_app_restart_keeps_the_person_signed_in(hosted: Hosted) -> None:
    """Handles live in the database, not one process's memory: a restarted app (or another
    replica behind a load balancer) resumes them."""
    _, handle = sign_in(hosted)
    st.cache_resource.clear()  # what a restart or a fresh replica starts from
    again = new_app(handle).run()
    assert not again.exception
    assert is_signed_in_as(again, NAME)


def test_an_access_token_near_expiry_is_renewed_server_side(hosted: Hosted) -> None:
    hosted.server.auth.token_lifetime_s = 30  # inside the 60 s renewal margin
    _, handle = sign_in(hosted)
    before = handle_row(hosted, handle)
    again = new_app(handle).run()
    assert not again.exception
    assert is_signed_in_as(again, NAME)
    after = handle_row(hosted, handle)
    assert after["access_token"] != before["access_token"]
    assert after["refresh_token"] != before["refresh_token"]  # rotated, as Supabase does


def test_two_tabs_renewing_at_once_both_stay_signed_in(hosted: Hosted) -> None:
    """Supabase takes a refresh token once: the renewal is serialised per handle, so the
    second tab picks up the first one's new token instead of spending the old one again."""
    hosted.server.auth.token_lifetime_s = 30
    database = Database.start(get_settings())
    try:
        handle = database.sign_in(hosted.email, hosted.password)
        with ThreadPoolExecutor(max_workers=4) as pool:
            identities = list(pool.map(lambda _: database.resume(handle), range(4)))
    finally:
        database.close()
    assert all(i is not None and i.email == hosted.email for i in identities)


def test_a_handle_expires_after_the_configured_time(
    hosted: Hosted, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, handle = sign_in(hosted)
    with psycopg.connect(hosted.db_url, autocommit=True) as conn:
        conn.execute(  # a sign-in's lifetime is real time (the demo clock must not end it)
            "update private.sign_in_handles set expires_at = pg_catalog.now() - interval '1 s'"
        )
    again = new_app(handle).run()
    assert not again.exception
    assert shows_sign_in_form(again)
    assert "s" not in again.query_params


def test_a_refresh_with_the_handle_stays_signed_in(hosted: Hosted) -> None:
    _, handle = sign_in(hosted)

    refreshed = new_app(handle).run()
    assert not refreshed.exception
    assert is_signed_in_as(refreshed, NAME)
    assert "s" not in refreshed.query_params
    assert not refreshed.text_input  # no sign-in form


def test_a_made_up_handle_is_not_signed_in(hosted: Hosted) -> None:
    at = new_app("made-up-handle-0123456789abcdef").run()
    assert not at.exception
    assert not is_signed_in_as(at, NAME)
    assert shows_sign_in_form(at)


def test_sign_out_ends_the_session_for_good(hosted: Hosted) -> None:
    at, handle = sign_in(hosted)

    at.sidebar.button(key="sign_out").click().run()
    assert not at.exception
    assert "s" not in at.query_params
    assert shows_sign_in_form(at)
    assert not is_signed_in_as(at, NAME)

    # the old handle (a cookie left in another tab) no longer signs anyone in
    reused = new_app(handle).run()
    assert not reused.exception
    assert not is_signed_in_as(reused, NAME)
    assert shows_sign_in_form(reused)


def test_an_ended_session_goes_back_to_sign_in_and_says_why(hosted: Hosted) -> None:
    """The access token expired and the refresh token was revoked (signed out elsewhere)."""
    at, handle = sign_in(hosted)
    row = handle_row(hosted, handle)
    expired = make_jwt(JWT_SECRET, "authenticated", sub=str(row["user_id"]), email=EMAIL, exp_s=-60)
    with psycopg.connect(hosted.db_url, autocommit=True) as conn:
        conn.execute(
            "update private.sign_in_handles set access_token = %s, refresh_token = 'revoked', "
            "access_expires_at = pg_catalog.now() - interval '1 minute'",
            (expired,),
        )

    again = new_app(handle).run()
    assert not again.exception
    assert "sign in again" in again.warning[0].value
    assert shows_sign_in_form(again)
    assert not is_signed_in_as(again, NAME)
    assert "s" not in again.query_params


def test_a_token_refused_before_its_time_is_renewed_not_signed_out(hosted: Hosted) -> None:
    """An audit: an access token the API refused (a rotated JWT secret; a clock ahead),
    though its refresh token still worked, signed the person out."""
    _, handle = sign_in(hosted)
    row = handle_row(hosted, handle)
    refused = make_jwt(JWT_SECRET, "authenticated", sub=str(row["user_id"]), email=EMAIL, exp_s=-60)
    with psycopg.connect(hosted.db_url, autocommit=True) as conn:
        conn.execute("update private.sign_in_handles set access_token = %s", (refused,))

    again = new_app(handle).run()
    assert not again.exception and not again.warning
    assert is_signed_in_as(again, NAME)
    after = handle_row(hosted, handle)
    assert after["access_token"] != refused and after["revoked_at"] is None
