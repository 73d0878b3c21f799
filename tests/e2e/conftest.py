"""What every browser test stands on: Chromium (Debian's `chromium` package, which CI
installs), and per test module a fresh demo database, a fresh Streamlit server on it (so its
first run is a real first run) and a browser; per test, a new page. Locally the browser tests
skip with an install hint when Chromium is missing; with CI=true they must run.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from db.seed import seed_demo
from tests.conftest import create_database_from_template, db_url_for, drop_database
from tests.support.streamlit_app import (
    CHROMIUM,
    CHROMIUM_ARGS,
    ROOT,
    offline_env,
    streamlit_app,
    wait_healthy,
)

if CHROMIUM is None and os.environ.get("CI") == "true":
    raise RuntimeError("CI must run the browser tests: apt-get install chromium")

# A loaded two-core CI box can take longer than expect()'s default 5 s for a chat turn
# (each turn streams, scores and saves): wait for what a person would wait for.
expect.set_options(timeout=20_000)


@pytest.fixture(scope="module")
def app_db(pg_admin_url: str, template_url: str) -> Iterator[str]:
    name = create_database_from_template(pg_admin_url)
    url = db_url_for(pg_admin_url, name)
    seed_demo(url)
    try:
        yield url
    finally:
        drop_database(pg_admin_url, name)


@pytest.fixture(scope="module")
def app_url(app_db: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A fresh Streamlit server (so its first run is a real first run) on its own database."""
    env = offline_env(
        DATABASE_URL=app_db, TUITIONLIFT_DATA_DIR=str(tmp_path_factory.mktemp("data"))
    )
    with (
        (tmp_path_factory.mktemp("log") / "streamlit.log").open("w") as log,
        streamlit_app(ROOT / "app.py", env, log) as (base, server),
    ):
        try:
            wait_healthy(base, server)
        except RuntimeError as exc:
            raise RuntimeError(f"{exc}; see {log.name}") from None
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if CHROMIUM is None:
        pytest.skip("browser tests need Chromium: apt-get install chromium chromium-driver")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    yield pg
    context.close()
