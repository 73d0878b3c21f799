"""What every page needs, set by app.py each run: services, the signed-in identity and a
repository that runs as that identity. Pages import from here instead of from app.py."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

import streamlit as st

from coach.services import Services
from db.identity import Identity
from db.models import Profile
from db.repository import Repository

_KEY = "_tuitionlift_context"


@dataclass
class AppContext:
    services: Services
    identity: Identity | None
    remember: Callable[[Services, Identity], None]
    _cache: dict[str, object] = field(default_factory=dict)

    @cached_property
    def repository(self) -> Repository:
        assert self.identity is not None, "sign in first"
        return self.services.repository(self.identity)

    @cached_property
    def profile(self) -> Profile | None:
        if self.identity is None or self.identity.user_id is None:
            return None
        return self.repository.get_profile(user_id=self.identity.user_id)

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
    """The router's context. Streamlit runs a page file on its own on the first run after a
    server start when a `pages/` folder exists (legacy multipage mode); send such a run back
    through the router, which switches Streamlit to st.navigation for good."""
    if _KEY not in st.session_state:
        st.switch_page("app.py")
    return st.session_state[_KEY]
