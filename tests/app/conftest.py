"""AppTest against the real embedded database: the app reads DATABASE_URL like in prod."""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
import streamlit as st
from psycopg.rows import dict_row
from streamlit.components.v2 import manifest_scanner
from streamlit.testing.v1 import AppTest

from app_pages.context import HANDLE
from db.runtime import Database
from db.seed import seed_demo
from db.settings import Settings, get_settings

MAYA = "0d1f5a2e-0000-4000-8000-000000000001"
RIVERA = "0d1f5a2e-0000-4000-8000-000000000003"


@pytest.fixture(scope="session", autouse=True)
def components_scanned_once() -> Iterator[None]:
    """Each AppTest scans every installed package's metadata for Streamlit components
    (half a second, a third of the page tests' time); a real server scans once at start.
    The installed packages do not change within a test run, so the scan runs once."""
    original = manifest_scanner.scan_component_manifests
    manifest_scanner.scan_component_manifests = functools.cache(original)  # type: ignore[assignment]
    yield
    manifest_scanner.scan_component_manifests = original  # type: ignore[assignment]


def handle_for(db_url: str, user_id: str) -> str:
    """A sign-in handle for a demo person, made the way the sign-in page makes one."""
    database = Database(Settings(_env_file=None, database_url=db_url), db_url)  # type: ignore[call-arg]
    try:
        return database.sign_in_demo(user_id)
    finally:
        database.close()


@pytest.fixture
def app_env(db_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    seed_demo(db_url)
    for name in ("SUPABASE_URL", "OPENAI_API_KEY", "TAVILY_API_KEY", "SMTP_HOST"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DATABASE_URL", db_url)
    get_settings.cache_clear()
    st.cache_resource.clear()
    yield db_url
    st.cache_resource.clear()
    get_settings.cache_clear()


def markdown_table(at: Any, first_column: str) -> dict[str, list[str]]:
    """The columns of the markdown table whose header starts with `first_column`."""
    for m in at.markdown:
        lines = [ln for ln in m.value.splitlines() if ln.startswith("|")]
        if lines and lines[0].startswith(f"| {first_column} |"):
            cells = [[c.strip() for c in ln.strip("|").split("|")] for ln in lines]
            header, body = cells[0], cells[2:]
            return {h: [row[i] for row in body] for i, h in enumerate(header)}
    raise AssertionError(f"no table starting with {first_column!r}")


ALEX = "0d1f5a2e-0000-4000-8000-000000000004"  # the demo admin
REFUSED = "This page is not part of your account. Pick a page in the sidebar."


def db_url() -> str:
    """The test's database, as the app reads it (app_env sets DATABASE_URL)."""
    url = get_settings().database_url
    assert url is not None
    return url.get_secret_value()


def query(sql: str, *params: Any) -> list[dict[str, Any]]:
    """As the superuser: what is really stored."""
    with psycopg.connect(db_url(), row_factory=dict_row, autocommit=True) as conn:
        return conn.execute(sql, params).fetchall()  # type: ignore[arg-type]


def execute(sql: str, *params: Any) -> None:
    with psycopg.connect(db_url(), autocommit=True) as conn:
        conn.execute(sql, params)  # type: ignore[arg-type]


def signed_in_app(user: str) -> AppTest:
    """A fresh browser session of the app, signed in as `user`, on their landing page."""
    at = AppTest.from_file("../../app.py", default_timeout=30)
    at.session_state[HANDLE] = handle_for(db_url(), user)
    at.run()
    return at


def plain(markdown: str) -> str:
    """What a reader sees of inert markdown: no escapes, no invisible breaks."""
    return markdown.replace("\\", "").replace("\u200b", "")


def page_source(at: AppTest) -> str:
    """Every text the page shows, as its markdown source (escapes kept): markdown, captions,
    headings, the info, success, warning and error notices, and the labels of expanders."""
    return "\n".join(
        [m.value for m in at.markdown]
        + [c.value for c in at.caption]
        + [h.value for h in at.header]
        + [s.value for s in at.subheader]
        + [i.value for i in at.info]
        + [s.value for s in at.success]
        + [w.value for w in at.warning]
        + [e.value for e in at.error]
        + [e.label for e in at.expander]
    )


def shown(at: AppTest) -> str:
    """Every text the page shows, as a reader sees it."""
    return plain(page_source(at))


def table(at: AppTest) -> Any:
    """The page's first table (the one a row is picked from), as a DataFrame."""
    return at.dataframe[0].value


def select_row(at: AppTest, row: int = 0) -> AppTest:
    """What a click on a row of the page's first table does: the selection is the table's
    widget state."""
    frame = at.dataframe[0]
    at.session_state[frame.key] = {"selection": {"rows": [row], "columns": [], "cells": []}}
    at.run()
    assert not at.exception, at.exception
    return at


def charts(at: AppTest) -> list[dict[str, Any]]:
    """The plotly figures on the page, as their JSON specs."""
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def chat_page(user: str = MAYA, **params: str) -> AppTest:
    at = AppTest.from_file("../../app.py", default_timeout=30)
    at.session_state[HANDLE] = handle_for(get_settings().database_url.get_secret_value(), user)  # type: ignore[union-attr]
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page("app_pages/chat.py").run()
    assert not at.exception, at.exception
    return at


def markdown_texts(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown]


def sent_back_from(at: AppTest, path: str) -> None:
    """Opens another role's page as a link would: its address resolves (no "Page not found"
    box), and the router puts the person back on their own first page, saying why, with
    nothing of that page shown. `at` is on its landing page."""
    landing = [t.value for t in at.title]
    at.switch_page(path).run()
    assert not at.exception, at.exception
    assert [t.value for t in at.title] == landing
    assert any(t.value.endswith(" only, so you are on your own page instead.") for t in at.toast)
