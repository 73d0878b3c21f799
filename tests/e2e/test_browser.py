"""The app in a real browser against a real Streamlit server: what a person sees.

Chromium comes from Debian's `chromium` package (CI installs it). Locally the tests skip
with an install hint when it is missing; with CI=true they must run.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from db.seed import seed_demo
from tests.conftest import create_database_from_template, db_url_for, drop_database

ROOT = Path(__file__).resolve().parents[2]
MAYA = "0d1f5a2e-0000-4000-8000-000000000001"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = pytest.mark.e2e

if CHROMIUM is None:
    if os.environ.get("CI") == "true":
        raise RuntimeError("CI must run the browser tests: apt-get install chromium")
    pytest.skip(
        "browser tests need Chromium: apt-get install chromium chromium-driver",
        allow_module_level=True,
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def app_url(
    pg_admin_url: str, template_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A fresh Streamlit server (so its first run is a real first run) on its own database."""
    name = create_database_from_template(pg_admin_url)
    url = db_url_for(pg_admin_url, name)
    seed_demo(url)
    port = free_port()
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SUPABASE_", "OPENAI_", "TAVILY_", "SMTP_"))
    }
    env.update(DATABASE_URL=url, TUITIONLIFT_DATA_DIR=str(tmp_path_factory.mktemp("data")))
    log = (tmp_path_factory.mktemp("log") / "streamlit.log").open("w")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "app.py",
            "--server.port",
            str(port),
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"streamlit did not start; see {log.name}")
            time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()
        drop_database(pg_admin_url, name)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    yield pg
    context.close()


def test_a_deep_link_on_a_fresh_server_keeps_the_person_and_the_page(
    app_url: str, page: Page
) -> None:
    """The very first run of a new server (Streamlit's legacy pages/ mode) still goes
    through the router: the person stays signed in and lands on the page they asked for."""
    page.goto(f"{app_url}/chat?as={MAYA}")
    page.get_by_text("Start a new session").wait_for()
    assert page.get_by_text("Maya Torres").first.is_visible()
    assert "as=" + MAYA in page.url


def test_demo_sign_in_survives_a_refresh(app_url: str, page: Page) -> None:
    page.goto(app_url)
    page.get_by_text("Choose a demo identity").wait_for()
    page.get_by_text("Jordan Lee (student)").click()
    page.get_by_role("button", name="Continue").click()
    page.get_by_text("What runs where").wait_for()
    page.reload()
    page.get_by_text("What runs where").wait_for()
    assert (
        page.get_by_text("Welcome, Jordan Lee").first.is_visible()
        or page.get_by_text("Jordan Lee").first.is_visible()
    )


def test_a_chat_round_streams_scores_and_survives_a_refresh(app_url: str, page: Page) -> None:
    page.goto(f"{app_url}/chat?as={MAYA}")
    page.locator(".st-key-start_communication_coach button").click()
    page.get_by_text("Tell me about a recent customer interaction").wait_for()
    page.get_by_placeholder("Message your coach").fill(
        "A customer shouted because her <b>order</b> was two days late."
    )
    page.keyboard.press("Enter")
    page.get_by_text("Assessment ·").first.wait_for()
    assert page.get_by_text("You said:").first.is_visible()
    assert page.get_by_text("<b>order</b>", exact=False).first.is_visible()  # shown as typed
    page.reload()
    page.get_by_text("Assessment ·").first.wait_for()
    assert page.get_by_text("two days late").first.is_visible()
