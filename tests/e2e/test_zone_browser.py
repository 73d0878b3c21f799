"""A student's time zone in a real browser: one who never saved one gets their browser's,
saved, so the reminders the sidecar sends read and arrive in the zone the pages show (the
server, its database and Chromium: tests/e2e/conftest.py; a module of its own, so the zone
saved here changes no other module's dates)."""

from __future__ import annotations

import json

import psycopg
import pytest
from playwright.sync_api import Browser, expect

from tests.e2e.browser_steps import MAYA, go_to, pick_demo, signed_in_as

pytestmark = pytest.mark.e2e


def saved_zone(app_db: str) -> str | None:
    with psycopg.connect(app_db) as conn:
        row = conn.execute("select preferences from profiles where id = %s", (MAYA,)).fetchone()
    assert row is not None
    preferences = row[0] if isinstance(row[0], dict) else json.loads(row[0] or "{}")
    return preferences.get("timezone")


def test_a_student_with_no_zone_saved_gets_the_browsers(
    app_url: str, app_db: str, browser: Browser
) -> None:
    """A journey audit: with no zone saved, the pages said "due 3:59 pm (America/Los_Angeles)"
    while the reminders said "11:59pm (UTC)" and came at 12:15 am her time."""
    assert saved_zone(app_db) is None
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, timezone_id="America/Los_Angeles"
    )
    page = context.new_page()
    try:
        page.goto(app_url)
        pick_demo(page, "Maya Torres (student)")
        signed_in_as(page, "Maya Torres")
        go_to(page, "Profile")
        expect(page.get_by_text("Saved now: quiet 9pm-8am Pacific Time.")).to_be_visible()
        assert saved_zone(app_db) == "America/Los_Angeles"
    finally:
        context.close()
