"""Keyboard focus after an action, in Chromium (app_pages/keep_focus.py): a button pressed by
keyboard keeps focus through the run it starts, and one that goes with the run hands focus
on to the content. An accessibility audit found focus sent to the top of the document."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.browser_steps import OPENINGS, application, go_to, pick_demo, settled, signed_in_as
from tests.e2e.test_game_plan_browser import HOMETOWN

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

    # a control that goes with the run hands focus on: here, to the page's heading (the
    # chat's box is left to Streamlit and the draft keeper)
    go_to(page, "Chat")
    start = page.locator(".st-key-start_communication_coach button")
    start.focus()
    page.keyboard.press("Enter")
    page.get_by_text(OPENINGS["communication_coach"]).wait_for()
    settled(page)
    page.wait_for_function("() => document.activeElement.tagName === 'H1'")


ACTIVE = """() => {
  const a = document.activeElement;
  const key = (el) => { const h = el.closest('[class*="st-key-"]');
    return h ? Array.from(h.classList).find((c) => c.startsWith('st-key-')) : ''; };
  return [a.tagName, a.getAttribute('data-testid') || '', key(a)];
}"""


def test_focus_after_a_dialog_lands_on_the_card_not_another_button(
    app_url: str, app_db: str, page: Page
) -> None:
    """An audit's keyboard run: a dialog's Yes left focus on another card's button, where the
    next Enter acted on the wrong application."""
    page.goto(app_url)
    pick_demo(page, "Maya Torres (student)")
    signed_in_as(page, "Maya Torres")
    go_to(page, "Game plan")
    page.get_by_text("Your Top 3").wait_for()
    hometown = application(app_db, HOMETOWN)
    page.locator(f".st-key-move_submitted_{hometown['id']} button").focus()
    page.keyboard.press("Enter")
    yes = page.get_by_role("dialog").get_by_role("button", name="Yes, I submitted it")
    yes.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("dialog")).to_have_count(0)
    settled(page)
    # the opener is gone (the card now offers Mark won): focus is on that card itself, so
    # the next Enter presses nothing and the next Tab goes on inside it
    page.wait_for_function("() => document.activeElement !== document.body")
    tag, testid, key = page.evaluate(ACTIVE)
    assert tag != "BUTTON" and testid == "stVerticalBlock", (tag, testid, key)
    assert key == f"st-key-app_{hometown['id']}", key
