"""Supabase Auth's subset (GoTrue), served beside the PostgREST test server: the password
and refresh-token grants (refresh tokens rotate: each works once) and the admin API's
create-user (service-role key only), answering in the 2024-01-01 API's shapes."""

from __future__ import annotations

import json
import secrets
import time
import uuid
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

import jwt
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

TOKEN_LIFETIME_S = 3600


def auth_error(code: str, message: str, **extra: str) -> JSONResponse:
    """Supabase Auth's 400 error body (2024-01-01 API), with the older aliases clients read."""
    return JSONResponse(
        {"code": code, "error_code": code, "message": message, "msg": message, **extra},
        status_code=400,
        headers={"X-Supabase-Api-Version": "2024-01-01"},
    )


def make_jwt(
    secret: str,
    role: str,
    sub: str | None = None,
    email: str | None = None,
    exp_s: int = TOKEN_LIFETIME_S,
) -> str:
    """An HS256 token as Supabase issues them; a negative exp_s gives an expired one.

    The anon key is make_jwt(secret, "anon"), the service key make_jwt(secret, "service_role").
    """
    now = int(time.time())
    claims: dict[str, Any] = {"role": role, "iat": now, "exp": now + exp_s, "iss": "supabase"}
    if sub is not None:
        claims["sub"] = sub
    if email is not None:
        claims["email"] = email
    if role == "authenticated":
        claims["aud"] = "authenticated"
        claims["session_id"] = str(uuid.uuid4())  # as Supabase: no two tokens alike
    return jwt.encode(claims, secret, algorithm="HS256")


class SupabaseAuth:
    """`users` maps email -> (user id, password); `connect` gives a superuser connection
    (GoTrue writes auth.users itself)."""

    def __init__(
        self,
        jwt_secret: str,
        users: Mapping[str, tuple[UUID | str, str]],
        connect: Callable[[], AbstractContextManager[Any]],
    ) -> None:
        self.jwt_secret = jwt_secret
        self.users = {email.lower(): (str(uid), pw) for email, (uid, pw) in users.items()}
        self._refresh_tokens: dict[str, tuple[str, str]] = {}  # token -> (user id, email)
        self.admin_created: list[str] = []  # emails created through the admin API
        self.token_lifetime_s = TOKEN_LIFETIME_S
        self._connect = connect

    def _role(self, request: Request) -> str | None:
        """The bearer's role, or None for a missing or invalid token."""
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token:
            return None
        try:
            claims = jwt.decode(
                token, self.jwt_secret, algorithms=["HS256"], options={"verify_aud": False}
            )
        except jwt.PyJWTError:
            return None
        return str(claims.get("role") or "")

    async def admin_create_user(self, request: Request) -> Response:
        """Supabase Auth's admin API, create user: service-role key only. GoTrue writes the
        auth.users row itself (here: id and email), and the user can then sign in."""
        if self._role(request) != "service_role":
            return JSONResponse(
                {"code": "not_admin", "message": "User not allowed"}, status_code=403
            )
        body = json.loads(await request.body() or b"{}")
        email = str(body.get("email") or "").strip().lower()
        if email in self.users:
            return auth_error(
                "email_exists", "A user with this email address has already been registered"
            )
        user_id = str(body.get("id") or uuid.uuid4())
        self.admin_created.append(email)

        def insert() -> None:
            with self._connect() as conn:
                conn.execute("insert into auth.users (id, email) values (%s, %s)", (user_id, email))

        await run_in_threadpool(insert)
        self.users[email] = (user_id, str(body.get("password") or ""))
        return JSONResponse(self._session(user_id, email)["user"])

    async def token(self, request: Request) -> Response:
        """Supabase Auth's password grant, answering in the 2024-01-01 API's shapes."""
        headers = {"X-Supabase-Api-Version": "2024-01-01"}
        grant = request.query_params.get("grant_type")
        if grant not in ("password", "refresh_token"):
            return JSONResponse(
                {"code": "validation_failed", "message": "Unsupported grant type"},
                status_code=400,
                headers=headers,
            )
        try:
            body = json.loads(await request.body() or b"{}")
        except ValueError:
            body = None
        if not isinstance(body, dict):
            return JSONResponse(
                {"code": "bad_json", "message": "Could not parse request body as JSON"},
                status_code=400,
                headers=headers,
            )
        if grant == "refresh_token":
            owner = self._refresh_tokens.pop(str(body.get("refresh_token") or ""), None)
            if owner is None:  # unknown, or already used: Supabase rotates refresh tokens
                return auth_error(
                    "refresh_token_not_found", "Invalid Refresh Token: Refresh Token Not Found"
                )
            return JSONResponse(self._session(*owner), headers=headers)
        email = str(body.get("email") or "").strip().lower()
        known = self.users.get(email)
        if known is None or not secrets.compare_digest(known[1], str(body.get("password") or "")):
            return auth_error(
                "invalid_credentials",
                "Invalid login credentials",
                error="invalid_grant",
                error_description="Invalid login credentials",
            )
        return JSONResponse(self._session(known[0], email), headers=headers)

    def _new_refresh_token(self, user_id: str, email: str) -> str:
        token = secrets.token_urlsafe(16)
        self._refresh_tokens[token] = (user_id, email)
        return token

    def _session(self, user_id: str, email: str) -> dict[str, Any]:
        now = datetime.now(UTC)
        lifetime = self.token_lifetime_s
        access_token = make_jwt(
            self.jwt_secret, "authenticated", sub=user_id, email=email, exp_s=lifetime
        )
        return {
            "access_token": access_token,
            "token_type": "bearer",
            "expires_in": lifetime,
            "expires_at": int(now.timestamp()) + lifetime,
            "refresh_token": self._new_refresh_token(user_id, email),
            "user": {
                "id": user_id,
                "aud": "authenticated",
                "role": "authenticated",
                "email": email,
                "email_confirmed_at": now.isoformat(),
                "confirmed_at": now.isoformat(),
                "last_sign_in_at": now.isoformat(),
                "app_metadata": {"provider": "email", "providers": ["email"]},
                "user_metadata": {},
                "identities": [],
                "created_at": now.isoformat(),
                "updated_at": now.isoformat(),
                "is_anonymous": False,
            },
        }
