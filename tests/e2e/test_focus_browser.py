"""Keyboard focus after an action, in Chromium (pages/keep_focus.py): a button pressed by
keyboard keeps focus through the run it starts, and one that goes with the run hands focus
on to the content. An accessibility audit found focus sent to the top of the document."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.browser_steps import OPENINGS, go_to, pick_demo, settled, signed_in_as

pytestmark = pytest.mark.e2e


def test_focus_stays_on_a_pressed_button_or_moves_on_when_it_is_gone(
    app_url: str, page: Page
) -> None:
    page.goto(app_url)
    pick_demo(page, "Maya Torres (student)")
    signed_in_as(page, "Maya Torres")
    go_to(page, "Profile")
    save = page.get_by_role("button", name="Save profile")
    save.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("saved", exact=False).first).to_be_visible()
    settled(page)
    expect(save).to_be_focused()  # not the body: the next Tab goes on from here

    # a control that goes with the run hands focus on: here, to the new chat's box
    go_to(page, "Chat")
    start = page.locator(".st-key-start_communication_coach button")
    start.focus()
    page.keyboard.press("Enter")
    page.get_by_text(OPENINGS["communication_coach"]).wait_for()
    settled(page)
    expect(page.get_by_test_id("stChatInputTextArea")).to_be_focused()
