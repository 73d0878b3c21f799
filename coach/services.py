"""Wires settings, database and transports into what pages need, with no streamlit in sight.

One `Services` per process (the app caches it); a `Repository` per signed-in identity. In
hosted mode page data goes through Supabase's API with the user's JWT; otherwise through the
embedded/Postgres transport, which applies the same role and claims.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cached_property
from typing import Any
from uuid import UUID

from psycopg_pool import ConnectionPool

from db.errors import NotAllowed, NotFound
from db.identity import Identity
from db.pool import make_pool
from db.repository import Repository
from db.seed import load_demo
from db.settings import Settings
from db.transport import PostgresTransport, Transport

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DemoPerson:
    user_id: UUID
    name: str
    role: str
    email: str

    @property
    def label(self) -> str:
        return f"{self.name} ({self.role})"


@dataclass(frozen=True)
class ModeLine:
    part: str
    mode: str
    hosted: bool
    switch: str


class Services:
    def __init__(self, settings: Settings, database_url: str) -> None:
        self.settings = settings
        self.database_url = database_url

    @cached_property
    def pool(self) -> ConnectionPool[Any]:
        return make_pool(self.database_url, name="app", max_size=8)

    @property
    def hosted(self) -> bool:
        return self.settings.database_mode == "supabase"

    @cached_property
    def supabase_client(self) -> Any:
        """One supabase Client per process; each transport carries its own user's token."""
        from db.supabase_transport import connect

        assert self.settings.supabase_url and self.settings.supabase_anon_key
        return connect(
            self.settings.supabase_url, self.settings.supabase_anon_key.get_secret_value()
        )

    def transport(self, identity: Identity) -> Transport:
        if self.hosted:
            from db.supabase_transport import SupabaseTransport

            return SupabaseTransport(self.supabase_client, identity)
        return PostgresTransport(self.pool, identity)

    def repository(self, identity: Identity) -> Repository:
        return Repository(self.transport(identity))

    # sign-in --------------------------------------------------------------------------
    @cached_property
    def _demo_people(self) -> list[DemoPerson]:
        return [DemoPerson(p.id, p.profile["full_name"], p.role, p.email) for p in load_demo()]

    def demo_people(self) -> list[DemoPerson]:
        """Demo identities exist only off Supabase; hosted mode signs in with a password.
        Read once per process: every rerun restores the identity through this list."""
        return [] if self.hosted else self._demo_people

    def demo_identity(self, user_id: str) -> Identity:
        for person in self.demo_people():
            if str(person.user_id) == user_id:
                return Identity.user(person.user_id, person.email)
        raise NotFound("That demo identity does not exist.")

    def sign_in(self, email: str, password: str) -> Identity:
        if not self.hosted:
            raise NotAllowed("Password sign-in needs hosted mode (SUPABASE_URL).")
        from db.supabase_transport import sign_in_with_password

        return sign_in_with_password(self.supabase_client, email, password)

    # the home page's "what runs where" ------------------------------------------------
    def modes(self) -> list[ModeLine]:
        s = self.settings
        database = {
            "embedded": ModeLine(
                "Database",
                "Embedded Postgres (.data/pg)",
                False,
                "Set SUPABASE_URL, SUPABASE_ANON_KEY and DATABASE_URL for Supabase.",
            ),
            "postgres": ModeLine(
                "Database",
                "Postgres at DATABASE_URL",
                True,
                "Add SUPABASE_URL and SUPABASE_ANON_KEY to serve data through Supabase.",
            ),
            "supabase": ModeLine(
                "Database", "Supabase", True, "Unset SUPABASE_URL to go back to embedded."
            ),
        }[s.database_mode]
        chat = (
            ModeLine("Chat model", s.chat_model_label, True, "Unset OPENAI_API_KEY for offline.")
            if s.openai_api_key
            else ModeLine(
                "Chat model",
                "Offline coach (deterministic, no language model)",
                False,
                "Set OPENAI_API_KEY (and optionally OPENAI_MODEL, OPENAI_BASE_URL).",
            )
        )
        search = (
            ModeLine("Search", "Tavily web search", True, "Unset TAVILY_API_KEY for offline.")
            if s.search_mode == "tavily"
            else ModeLine(
                "Search",
                "Offline scholarship catalog",
                False,
                "Set TAVILY_API_KEY for live web search.",
            )
        )
        email = (
            ModeLine("Email", f"SMTP via {s.smtp_host}", True, "Unset SMTP_HOST for the outbox.")
            if s.email_mode == "smtp"
            else ModeLine(
                "Email",
                "Outbox (messages are stored, not sent)",
                False,
                "Set SMTP_HOST, SMTP_PORT, SMTP_USERNAME, SMTP_PASSWORD, SMTP_FROM.",
            )
        )
        sign_in = ModeLine(
            "Sign-in",
            "Supabase Auth (email + password)" if self.hosted else "Demo identity picker",
            self.hosted,
            "Hosted mode uses Supabase Auth." if not self.hosted else "",
        )
        return [database, chat, search, email, sign_in]
