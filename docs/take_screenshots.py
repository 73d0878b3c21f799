"""Retakes the README's screenshots from a fresh app on a throwaway embedded database:
`.venv/bin/python docs/take_screenshots.py` (needs Chromium)."""

from __future__ import annotations

import re
import sys
import tempfile
from datetime import timedelta
from pathlib import Path
from uuid import UUID, uuid5

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Page, sync_playwright  # noqa: E402

from coach import clock  # noqa: E402
from coach.email_delivery import OutboxMailer  # noqa: E402
from coach.sidecar import Sidecar  # noqa: E402
from db.app_clock import write_shift  # noqa: E402
from db.nudge_queue import NudgeQueue  # noqa: E402
from db.runtime import Database, stop_embedded  # noqa: E402
from db.settings import Settings  # noqa: E402
from tests.support.streamlit_app import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    MAYA,
    demo_install,
    offline_env,
    open_signed_in,
    streamlit_app,
    wait_healthy,
)

OUT = ROOT / "docs" / "screenshots"


def shoot(page: Page, name: str) -> None:
    page.wait_for_timeout(800)  # let fonts and icons settle
    page.screenshot(path=str(OUT / f"{name}.png"))


ADMIN = "0d1f5a2e-0000-4000-8000-000000000004"  # the demo admin
COACH = "0d1f5a2e-0000-4000-8000-000000000003"  # the demo coach


def sign_in(settings: Settings, user_id: str) -> str:
    database = Database.start(settings)
    try:
        return database.sign_in_demo(user_id)
    finally:
        database.close()


def shoot_learners(page: Page, base: str, handle: str) -> None:
    """The coach's Learners page with the learner needing attention most selected: the
    table, and below it their numbers (the shot is of the page's top)."""
    open_signed_in(page, base, "/learners", handle)
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.wait_for()
    page.wait_for_timeout(1000)  # the grid draws on a canvas
    box = grid.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + 18, box["y"] + 35 + 17)  # the first row's selection box
    page.get_by_role("button", name="Open in Review").wait_for()
    page.wait_for_timeout(2500)  # the charts draw
    page.get_by_role("heading", name="Learners").scroll_into_view_if_needed()
    shoot(page, "learners")


def sweep_two_days_before_a_deadline(settings: Settings) -> str:
    """Moves the app clock to 15:00 UTC two days before Maya's nearest tracked deadline, runs
    one sidecar sweep into the outbox, and returns a sign-in handle for the demo admin."""
    database = Database.start(settings)
    try:
        with database.pool.connection() as conn:
            row = conn.execute(
                "select min(s.deadline) as due from applications a join scholarships s "
                "on s.id = a.scholarship_id where a.user_id = %s and a.status = 'draft' "
                "and s.deadline > app_now()",
                (MAYA,),
            ).fetchone()
            assert row is not None and row["due"] is not None
            at = (row["due"] - timedelta(days=2)).replace(hour=15, minute=0)
            write_shift(conn, at - clock.real_now())
        clock.follow(database.clock_shift, refresh_s=0)
        Sidecar(NudgeQueue(database.pool), OutboxMailer(), settings).sweep()
        return database.sign_in_demo(ADMIN)
    finally:
        database.close()


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="tl-shots-") as tmp:
        settings, handle = demo_install(Path(tmp))
        env = offline_env(TUITIONLIFT_DATA_DIR=tmp)
        session = f"{MAYA}:communication_coach:{uuid5(UUID(MAYA), '1').hex}"
        with (
            streamlit_app(ROOT / "app.py", env) as (base, server),
            sync_playwright() as p,
        ):
            wait_healthy(base, server)
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 860})
            page.set_default_timeout(60_000)
            page.goto(base)
            page.get_by_text("Choose a demo identity").wait_for()
            shoot(page, "sign-in")
            open_signed_in(page, base, "/", handle)
            page.get_by_text("Start with a coach").wait_for()
            shoot(page, "home")
            open_signed_in(page, base, "/chat", handle)
            page.get_by_text("Start a new session").wait_for()
            shoot(page, "chat-picker")
            open_signed_in(page, base, f"/chat?session={session}", handle)
            page.get_by_text("Assessment ·").first.wait_for()
            page.get_by_text("Assessment ·").first.click()
            shoot(page, "chat")
            open_signed_in(page, base, "/chat", handle)
            page.locator(".st-key-start_sales_workflow_coach button").click()
            assessments = page.get_by_text("Assessment ·")
            for n, text in enumerate(
                (
                    "I'm working a 40-seat deal with a logistics firm; the ops director loves "
                    "the demo but I haven't met whoever signs.",
                    "Fair question. What is the manual process costing you each month today?",
                ),
                1,
            ):
                page.get_by_placeholder("Message your coach").fill(text)
                page.keyboard.press("Enter")
                assessments.nth(n - 1).wait_for()
            assessments.last.click()
            page.keyboard.press("End")
            shoot(page, "chat-offline-coach")
            page.locator(".st-key-end_session button").click()
            page.get_by_text("Session ended").wait_for()
            page.get_by_text("Report card ·").first.scroll_into_view_if_needed()
            shoot(page, "report-card")
            open_signed_in(page, base, "/profile", handle)
            page.get_by_text("What a scholarship search sees").wait_for()
            shoot(page, "profile")
            open_signed_in(page, base, "/discovery", handle)
            page.get_by_role("button", name="Run discovery").click()
            page.get_by_role(
                "tab", name=re.compile(r"^Matches \(\d+( \+ \d+ ruled out)?\)")
            ).wait_for()
            shoot(page, "discovery")
            page.get_by_role("tab", name=re.compile(r"^Filtered out \(\d+\)")).click()
            shoot(page, "discovery-filtered")
            open_signed_in(page, base, "/game-plan", handle)
            page.get_by_text("Top 3").first.wait_for()
            shoot(page, "game-plan")
            open_signed_in(page, base, "/", handle)
            page.get_by_text("Your Top 3").wait_for()
            shoot(page, "home")
            open_signed_in(page, base, "/progress", handle)
            page.get_by_text("My progress").first.wait_for()
            page.wait_for_timeout(2000)  # the charts draw
            shoot(page, "progress")
            coach = sign_in(settings, COACH)
            open_signed_in(page, base, "/", coach)  # Review is a coach's landing page: the root
            page.get_by_text("Every learner's scored coaching sessions").wait_for()
            page.wait_for_timeout(2500)
            shoot(page, "review")
            shoot_learners(page, base, coach)
            admin = sweep_two_days_before_a_deadline(settings)
            open_signed_in(page, base, "/outbox", admin)
            page.get_by_text("newest first").wait_for()
            page.locator("[data-testid='stExpander'] summary").first.click()
            shoot(page, "outbox")
            browser.close()
        stop_embedded(settings)


if __name__ == "__main__":
    main()
