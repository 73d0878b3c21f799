"""What every page needs: shared services (built once per process), who is signed in
(restored from the URL so a refresh keeps it), and a repository running as that person.
app.py sets the context each run; pages read it with `context()`."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from functools import cached_property

import streamlit as st

from coach.services import Services
from db.errors import AppError
from db.identity import Identity
from db.migrate import migrate
from db.models import Profile
from db.repository import Repository
from db.runtime import database_url
from db.settings import get_settings
from graph.chat import ChatService
from graph.checkpointer import get_checkpointer

_KEY = "_tuitionlift_context"


@st.cache_resource(show_spinner="Starting the database…")
def get_services() -> Services:
    """One per process: the pool and migrations are shared by every session and rerun."""
    st.secrets.load_if_toml_exists()  # root-level secrets become environment variables
    settings = get_settings()
    url = database_url()
    migrate(url)
    return Services(settings, url)


@st.cache_resource
def hosted_sessions() -> dict[str, Identity]:
    """Opaque handle (in the URL) -> Supabase session, so a refresh keeps you signed in
    without putting a token in the address bar."""
    return {}


def restore_identity(services: Services) -> Identity | None:
    params = st.query_params
    try:
        if "as" in params and not services.hosted:
            return services.demo_identity(params["as"])
        if "s" in params and services.hosted:
            return hosted_sessions().get(params["s"])
    except AppError:
        params.clear()
    return None


def remember(services: Services, identity: Identity) -> None:
    if services.hosted:
        handle = secrets.token_urlsafe(24)
        hosted_sessions()[handle] = identity
        st.query_params["s"] = handle
    else:
        st.query_params["as"] = str(identity.user_id)


def sign_out() -> None:
    handle = st.query_params.get("s")
    if handle:
        hosted_sessions().pop(handle, None)
    st.query_params.clear()


@dataclass
class AppContext:
    services: Services
    identity: Identity | None

    @cached_property
    def repository(self) -> Repository:
        assert self.identity is not None, "sign in first"
        return self.services.repository(self.identity)

    @cached_property
    def chat(self) -> ChatService:
        return ChatService(
            self.repository,
            self.services.settings,
            get_checkpointer(self.services.database_url),
        )

    @cached_property
    def profile(self) -> Profile | None:
        if self.identity is None or self.identity.user_id is None:
            return None
        return self.repository.get_profile(user_id=self.identity.user_id)

    def load_profile(self) -> Profile | None:
        """A call, not a bare expression: Streamlit's magic would render a bare value."""
        return self.profile

    @property
    def display_name(self) -> str:
        if self.profile and self.profile.full_name:
            return self.profile.full_name
        return (self.identity.email if self.identity else None) or "Signed in"

    @property
    def role_label(self) -> str:
        return (self.profile.role if self.profile else "student").capitalize()


def set_context(ctx: AppContext) -> None:
    st.session_state[_KEY] = ctx


def context() -> AppContext:
    """The router's context. On the first run after a server start, Streamlit's legacy
    multipage mode (a `pages/` folder exists) runs the page file on its own: run the router
    instead, which switches Streamlit to st.navigation for good, then end this run."""
    if _KEY not in st.session_state:
        import app

        app.main()
        st.stop()
    return st.session_state[_KEY]
