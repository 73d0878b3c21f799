"""What a person does in the browser, as steps the browser tests share: the sidebar, picking
a demo identity, waiting until the router has restored who is signed in, moving between
pages, and choosing a select box option by what it shows; the demo student's id and her
applications as stored."""

from __future__ import annotations

import re
import time
from typing import Any

import psycopg
from playwright.sync_api import Locator, Page, expect
from psycopg.rows import dict_row

from app_pages.context import COOKIE

MAYA = "0d1f5a2e-0000-4000-8000-000000000001"


def sidebar(page: Page) -> Locator:
    return page.locator('[data-testid="stSidebar"]')


def signed_in_as(page: Page, name: str) -> None:
    """Waits until the sidebar names the person (the router ran and restored them)."""
    expect(sidebar(page).get_by_text(name, exact=True)).to_be_visible()


def pick_demo(page: Page, label: str) -> None:
    """Signs in as a demo person, done when the browser holds the new sign-in (a hidden frame
    writes the cookie just after the page draws; a reload before that asks again)."""
    page.get_by_text("Choose a demo identity").wait_for()
    before = handle_cookie(page)
    page.get_by_text(label).click()
    page.get_by_role("button", name="Continue").click()
    deadline = time.monotonic() + 30
    while handle_cookie(page) in (before, ""):
        assert time.monotonic() < deadline, "the sign-in cookie was never written"
        page.wait_for_timeout(50)


def handle_cookie(page: Page) -> str:
    return next((c["value"] for c in page.context.cookies() if c["name"] == COOKIE), "")


def go_to(page: Page, title: str) -> None:
    sidebar(page).get_by_role("link", name=title).click()


def settled(page: Page) -> None:
    """Waits out the rerun a committed value starts: typing into a field Streamlit is
    redrawing can drop what was typed, as a busy CI box showed."""
    page.wait_for_timeout(250)  # the run starts a moment after the value is sent
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0)


OPENINGS = {
    "communication_coach": "Tell me about a recent customer interaction",
    "scholarship_coach": "Where are you with scholarships",
}


def start_chat(page: Page, app_url: str, person: str, coach: str) -> None:
    """Signs in as a demo student ("Jordan Lee") and opens a new session with `coach` (a
    domain id), done when its opening question is on screen."""
    page.goto(app_url)
    pick_demo(page, f"{person} (student)")
    signed_in_as(page, person)
    go_to(page, "Chat")
    page.locator(f".st-key-start_{coach} button").click()
    page.get_by_text(OPENINGS[coach]).wait_for()


def start_communication_chat(page: Page, app_url: str, person: str) -> None:
    start_chat(page, app_url, person, "communication_coach")


def open_first_review_session(page: Page, app_url: str) -> None:
    """Signs in as the demo coach and ticks the first session in Review's table (the grid
    draws on a canvas, so the row is clicked where it is drawn)."""
    page.goto(app_url)
    pick_demo(page, "Dr. Sam Rivera (coach)")
    signed_in_as(page, "Dr. Sam Rivera")
    page.get_by_role("heading", name="Review").wait_for()
    settled(page)
    grid = page.locator('[data-testid="stDataFrame"]')
    grid.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    box = grid.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + 18, box["y"] + 35 + 17)
    page.get_by_text("Override round 1's score").wait_for()


def choose(page: Page, key: str, option: str) -> None:
    """Pick a selectbox option by what it shows."""
    page.locator(f".st-key-{key}").get_by_role("combobox").click()
    page.get_by_role("option", name=option, exact=True).click()


# Discovery's Matches tab: "Matches (41)", or "Matches (35 + 36 ruled out)" when some are folded
MATCHES_TAB = re.compile(r"^Matches \(\d+( \+ \d+ ruled out)?\)")


def application(db: str, title: str) -> dict[str, Any]:
    """Maya's application for `title`, as stored."""
    with psycopg.connect(db, row_factory=dict_row) as conn:
        found = conn.execute(
            """select a.* from applications a join scholarships s on s.id = a.scholarship_id
               where a.user_id = %s and s.title = %s""",
            (MAYA, title),
        ).fetchone()
    assert found is not None
    return found
