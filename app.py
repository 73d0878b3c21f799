"""TuitionLift Coach: the router. Builds shared resources once, restores who is signed in
from the URL, draws the sidebar and hands over to the chosen page."""

from __future__ import annotations

import logging
import secrets

import streamlit as st

from coach.services import Services
from db.errors import AppError
from db.identity import Identity
from db.migrate import migrate
from db.runtime import database_url
from db.settings import get_settings
from pages.context import AppContext, set_context

log = logging.getLogger(__name__)

st.set_page_config(page_title="TuitionLift Coach", page_icon="🎓", layout="wide")


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


try:
    services = get_services()
except AppError as exc:
    st.error(str(exc))
    st.stop()

identity = restore_identity(services)
ctx = AppContext(services=services, identity=identity, remember=remember)
set_context(ctx)

if identity is None:
    page = st.navigation([st.Page("pages/sign_in.py", title="Sign in", icon="🔑", default=True)])
else:
    profile = ctx.profile
    with st.sidebar:
        st.markdown(f"**{ctx.display_name}**  \n{ctx.role_label}")
        if not services.hosted:
            st.caption("Demo identity — embedded mode")
        if st.button("Sign out" if services.hosted else "Switch identity", key="sign_out"):
            sign_out()
            st.rerun()
    page = st.navigation(
        {
            "TuitionLift": [
                st.Page("pages/home.py", title="Home", icon="🏠", default=True),
            ]
        }
    )

page.run()
