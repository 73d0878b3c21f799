"""Starts a real `streamlit run` on a free port and waits for it to be healthy, the way the
browser tests and bench/startup.py both need it (and a person's `make run` does it)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING

from app_pages.context import COOKIE
from db.runtime import Database
from db.seed import seed_all
from db.settings import Settings

if TYPE_CHECKING:
    from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# Headless Chromium on a closed network: no sandbox as root, no background calls home.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


MAYA = "0d1f5a2e-0000-4000-8000-000000000001"  # the demo student


def demo_install(data_dir: Path, user_id: str = MAYA) -> tuple[Settings, str]:
    """What `make run` leaves in a data dir (migrated, seeded, demo people), and a sign-in
    handle for one demo person: the setting of a fresh app opened by someone signed in."""
    settings = Settings(_env_file=None, data_dir=data_dir)  # type: ignore[call-arg]
    database = Database.start(settings)
    try:
        seed_all(database.url, settings)
        return settings, database.sign_in_demo(user_id)
    finally:
        database.close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def offline_env(**extra: str) -> dict[str, str]:
    """This process's environment without any hosted-mode setting, plus `extra`."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SUPABASE_", "OPENAI_", "TAVILY_", "SMTP_", "DATABASE_URL"))
    }
    env.update(extra)
    return env


def wait_healthy(base: str, server: subprocess.Popen[bytes], limit_s: float = 60) -> None:
    deadline = time.monotonic() + limit_s
    while True:
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=1) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        if server.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError("streamlit did not become healthy")
        time.sleep(0.02)


@contextmanager
def streamlit_app(
    script: Path, env: dict[str, str], log: IO[str] | None = None
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """(base URL, process) of a fresh server started the way `make run` starts it: from the
    project root, so both read its .streamlit/config.toml. The caller waits for health."""
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(script),
            "--server.port",
            str(port),
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=ROOT,
        env=env,
        stdout=log or subprocess.DEVNULL,
        stderr=subprocess.STDOUT if log else subprocess.DEVNULL,
    )
    try:
        yield f"http://127.0.0.1:{port}", server
    finally:
        server.terminate()
        server.wait(timeout=30)


def open_signed_in(page: Page, base: str, path: str, handle: str) -> None:
    """Opens `path` in a browser that already holds a sign-in handle, where a sign-in leaves
    it: in the app's cookie (the address never carries it)."""
    page.context.add_cookies([{"name": COOKIE, "value": handle, "url": base}])
    page.goto(f"{base}{path}")
