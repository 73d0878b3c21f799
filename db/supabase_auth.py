"""Supabase Auth, server-side: password sign-in, refresh, and the admin API's create-user.

Each call uses a throwaway auth client, never `client.auth` of the process's shared Client,
and only the server ever holds a refresh token or the service-role key (DESIGN §2)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from pydantic import BaseModel, SecretStr
from supabase import Client, SupabaseAuthClient
from supabase_auth.errors import AuthApiError, AuthError, AuthRetryableError

from db.errors import AppError, NotAllowed, Unavailable, ValidationFailed
from db.identity import Identity

_BAD_CREDENTIALS = "Email or password is incorrect."


class AuthSession(BaseModel):
    """What Supabase Auth hands back: the identity for the API, and the refresh token that
    stays on the server (DESIGN §2: the browser holds only an opaque handle)."""

    identity: Identity
    refresh_token: SecretStr
    expires_at: datetime | None = None


def _auth_client(source: Client | str, anon_key: str | None) -> SupabaseAuthClient:
    """A throwaway auth client per call: `client.auth` of a shared Client would keep the
    session, start a refresh timer and rewrite the Client's Authorization header for every
    other user of it."""
    if isinstance(source, str):
        if not anon_key:
            raise ValueError("anon_key is required when signing in with a URL")
        auth_url, key = source.rstrip("/") + "/auth/v1", anon_key
    else:
        auth_url, key = str(source.auth_url), source.supabase_key
    return SupabaseAuthClient(
        url=auth_url,
        headers={"apikey": key, "Authorization": f"Bearer {key}"},
        auto_refresh_token=False,
        persist_session=False,
    )


def _auth_call(call: Callable[[SupabaseAuthClient], Any], auth: SupabaseAuthClient) -> Any:
    try:
        return call(auth)
    except AuthRetryableError as exc:
        raise Unavailable(
            "Sign-in is not reachable right now. Please try again in a moment.",
            detail=f"{exc.status}: {exc.message}",
        ) from exc
    except AuthApiError as exc:
        raise _from_auth_error(exc) from exc
    except AuthError as exc:
        raise AppError(
            "Sign-in did not work just now. Please try again.", detail=repr(exc)
        ) from exc
    finally:
        auth.close()


def _auth_session(response: Any, email: str | None = None) -> AuthSession:
    session, user = response.session, response.user
    if session is None or user is None:
        raise AppError("Sign-in did not complete. Please try again.", detail=repr(response))
    expires = datetime.fromtimestamp(session.expires_at, tz=UTC) if session.expires_at else None
    return AuthSession(
        identity=Identity(
            role="authenticated",
            user_id=UUID(user.id),
            email=user.email or email,
            access_token=SecretStr(session.access_token),
        ),
        refresh_token=SecretStr(session.refresh_token),
        expires_at=expires,
    )


def sign_in_with_password(
    source: Client | str, email: str, password: str, *, anon_key: str | None = None
) -> AuthSession:
    """Hosted sign-in (Supabase Auth, grant_type=password)."""
    email = email.strip()
    if not email or not password:
        raise ValidationFailed("Please enter your email and password.")
    response = _auth_call(
        lambda auth: auth.sign_in_with_password({"email": email, "password": password}),
        _auth_client(source, anon_key),
    )
    return _auth_session(response, email)


def refresh_session(
    source: Client | str, refresh_token: str, *, anon_key: str | None = None
) -> AuthSession:
    """A fresh access token (grant_type=refresh_token). A refused refresh token (revoked,
    reused, expired) is NotAllowed: the person signs in again."""
    response = _auth_call(
        lambda auth: auth.refresh_session(refresh_token), _auth_client(source, anon_key)
    )
    return _auth_session(response)


def _from_auth_error(exc: AuthApiError) -> AppError:
    detail = f"{exc.status} {exc.code}: {exc.message}"
    if exc.code == "email_not_confirmed":
        return NotAllowed(
            "Please confirm your email address first, using the link we sent you.",
            detail=detail,
        )
    if exc.code in ("over_request_rate_limit", "over_email_send_rate_limit") or exc.status == 429:
        return NotAllowed(
            "Too many sign-in attempts. Please wait a minute and try again.", detail=detail
        )
    if exc.code == "user_banned":
        return NotAllowed("This account cannot sign in right now.", detail=detail)
    if exc.status >= 500:
        return Unavailable(
            "Sign-in is not available right now. Please try again in a moment.", detail=detail
        )
    # invalid_credentials, and older servers' invalid_grant without a code: never say which
    # of the two was wrong, so nobody can probe which emails have accounts.
    return NotAllowed(_BAD_CREDENTIALS, detail=detail)


def create_auth_user(
    url: str, service_key: str, *, user_id: UUID, email: str, password: str
) -> bool:
    """A confirmed user through Supabase Auth's admin API (GoTrue writes auth.users and its
    identity); False when the email already has one."""
    from supabase_auth import SyncGoTrueAdminAPI

    admin = SyncGoTrueAdminAPI(
        url=url.rstrip("/") + "/auth/v1",
        headers={"apikey": service_key, "Authorization": f"Bearer {service_key}"},
    )
    try:
        admin.create_user(
            {"id": str(user_id), "email": email, "password": password, "email_confirm": True}
        )
    except AuthApiError as exc:
        if exc.code in ("email_exists", "user_already_exists") or exc.status == 422:
            return False
        raise _from_auth_error(exc) from exc
    except AuthError as exc:
        raise Unavailable(
            "Supabase Auth did not answer while creating the demo people.", detail=repr(exc)
        ) from exc
    finally:
        admin.close()
    return True
