"""The game plan in a real browser: Submitted is recorded only after the student confirms in
the dialog; Cancel records nothing; a reload while the question is open asks it again (and
closing it unanswered leaves it open, offered again on the page); after
the confirmation a reload shows the application as Submitted. With a second tab: a Yes to a
question already answered, and a click on a card moved on meanwhile, change nothing and say
where the application stands; a day gone by is no snooze."""

from __future__ import annotations

from datetime import timedelta

import psycopg
import pytest
from playwright.sync_api import Page, expect

from coach import clock
from coach.snooze import SNOOZE_KEY
from tests.e2e.browser_steps import MAYA, application, go_to, pick_demo, signed_in_as

pytestmark = pytest.mark.e2e

GATES = "The Gates Scholarship"  # Maya's application in Review (seeds/demo.json)
COCA_COLA = "Coca-Cola Scholars Program"  # sent, waiting to hear back
HOMETOWN = "Hometown Community Foundation Scholarship"  # tracked


def test_submitted_is_recorded_only_after_the_dialog_and_a_reload_shows_it(
    app_url: str, app_db: str, page: Page
) -> None:
    gates = application(app_db, GATES)
    page.goto(app_url)
    pick_demo(page, "Maya Torres (student)")
    signed_in_as(page, "Maya Torres")
    go_to(page, "Game plan")
    page.get_by_text("Your Top 3").wait_for()
    row = page.locator(f".st-key-app_{gates['id']}")
    mark = page.locator(f".st-key-move_submitted_{gates['id']} button")
    dialog = page.get_by_role("dialog")

    mark.click()  # asks first; Cancel records nothing
    expect(dialog).to_contain_text(f"{GATES} will be recorded as Submitted")
    dialog.get_by_role("button", name="Cancel").click()
    expect(dialog).to_have_count(0)
    cancelled = application(app_db, GATES)
    assert cancelled["status"] == "draft" and cancelled["submitted_at"] is None
    assert "pending_transition" not in cancelled["metadata"]

    mark.click()
    expect(dialog).to_contain_text(f"{GATES} will be recorded as Submitted")
    page.reload()  # the question is kept server-side: it comes back
    signed_in_as(page, "Maya Torres")
    expect(dialog).to_contain_text(f"{GATES} will be recorded as Submitted")
    assert application(app_db, GATES)["status"] == "draft"

    # closed without an answer (an audit: Escape withdrew a question the chat had asked):
    # nothing is written, the question stays open, and the page offers it again
    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    expect(page.get_by_text("Still waiting for your answer")).to_be_visible()
    set_aside = application(app_db, GATES)
    assert set_aside["status"] == "draft" and "pending_transition" in set_aside["metadata"]
    page.locator(".st-key-answer_transition button").click()
    expect(dialog).to_contain_text(f"{GATES} will be recorded as Submitted")

    dialog.get_by_role("button", name="Yes, I submitted it").click()
    expect(dialog).to_have_count(0)
    expect(page.get_by_text(f"Recorded: {GATES} is submitted.")).to_be_visible()
    done = application(app_db, GATES)
    assert done["status"] == "submitted" and done["submitted_at"] is not None

    page.reload()
    signed_in_as(page, "Maya Torres")
    expect(row).to_contain_text("Submitted")
    expect(dialog).to_have_count(0)
    assert application(app_db, GATES)["submitted_at"] == done["submitted_at"]  # written once


def test_yes_in_a_second_tab_after_the_first_said_yes_says_it_is_already_recorded(
    app_url: str, app_db: str, page: Page
) -> None:
    """A browser audit: the second tab's Yes got "This confirmation has expired or was already
    used" over a dialog that went on asking. The dialog's Yes reruns only the dialog, so it
    meets the used question; it now says where the application stands, and closes."""
    coca = application(app_db, COCA_COLA)
    page.goto(app_url)
    pick_demo(page, "Maya Torres (student)")
    signed_in_as(page, "Maya Torres")
    go_to(page, "Game plan")
    page.locator(f".st-key-move_awarded_{coca['id']} button").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text(f"{COCA_COLA} will be recorded as Won")

    other = page.context.new_page()  # the same student's second tab, asked the same
    other.goto(app_url)
    signed_in_as(other, "Maya Torres")
    go_to(other, "Game plan")
    expect(other.get_by_role("dialog")).to_contain_text(f"{COCA_COLA} will be recorded as Won")

    dialog.get_by_role("button", name="Yes, I won it").click()
    expect(page.get_by_text(f"Recorded: {COCA_COLA} is won.")).to_be_visible()
    won = application(app_db, COCA_COLA)
    assert won["status"] == "awarded"

    other.get_by_role("dialog").get_by_role("button", name="Yes, I won it").click()
    expect(
        other.get_by_text(
            f"Already recorded: {COCA_COLA} is won (answered in another tab or in the chat)."
        )
    ).to_be_visible()
    expect(other.get_by_role("dialog")).to_have_count(0)
    expect(other.get_by_text("expired or was already used")).to_have_count(0)
    assert application(app_db, COCA_COLA)["updated_at"] == won["updated_at"]  # written once


def test_a_snooze_to_a_day_gone_by_says_so_and_snoozes_nothing(
    app_url: str, app_db: str, page: Page
) -> None:
    """A browser audit: a past day typed into "Snooze until" turned the field red, and Snooze
    then snoozed to the day offered ("Snoozed until Saturday, December 5"), never chosen."""
    page.goto(app_url)
    pick_demo(page, "Maya Torres (student)")
    signed_in_as(page, "Maya Torres")
    go_to(page, "Game plan")
    gone_by = (clock.now() - timedelta(days=3)).date()
    for part, value in (("year", gone_by.year), ("month", gone_by.month), ("day", gone_by.day)):
        segment = page.get_by_role("spinbutton", name=f"{part}, Snooze until")
        segment.click()
        page.keyboard.type(f"{value:02d}", delay=20)  # typed, as a person types a day
        expect(segment).to_have_attribute("aria-valuenow", str(value))
    page.locator(".st-key-micro_task [data-testid='stFormSubmitButton'] button").click()
    expect(page.get_by_text("Pick a time later than now to snooze until.")).to_be_visible()
    expect(page.get_by_text("Snoozed until")).to_have_count(0)
    with psycopg.connect(app_db) as conn:
        row = conn.execute("select preferences from profiles where id = %s", (MAYA,)).fetchone()
    assert row is not None and not (row[0] or {}).get(SNOOZE_KEY)


def test_a_click_on_a_card_another_tab_moved_on_changes_nothing_and_says_so(
    app_url: str, app_db: str, page: Page
) -> None:
    """An audit: Start drafting, clicked on a card a second tab had sent to Review, was
    dropped without a word, or fell on Review's Back to drafting of the same name."""
    hometown = application(app_db, HOMETOWN)
    page.goto(app_url)
    pick_demo(page, "Maya Torres (student)")
    signed_in_as(page, "Maya Torres")
    go_to(page, "Game plan")
    start = page.locator(f".st-key-move_drafting_{hometown['id']} button")
    expect(start).to_have_text("Start drafting")

    other = page.context.new_page()
    other.goto(app_url)
    signed_in_as(other, "Maya Torres")
    go_to(other, "Game plan")
    other.locator(f".st-key-move_drafting_{hometown['id']} button").click()
    expect(other.get_by_text(f"{HOMETOWN} is in drafting now.")).to_be_visible()
    other.locator(f".st-key-move_review_{hometown['id']} button").click()
    expect(other.get_by_text(f"{HOMETOWN} is ready for review now.")).to_be_visible()

    start.click()
    card = page.locator(f".st-key-app_{hometown['id']}")
    expect(card).to_contain_text(
        f"Nothing changed: {HOMETOWN} had moved to “Review” in another tab or in the chat."
    )
    # the card as it is now
    expect(card.get_by_role("button", name="Back to drafting")).to_be_visible()
    expect(card.get_by_role("button", name="Start drafting")).to_have_count(0)
    assert application(app_db, HOMETOWN)["metadata"]["coach_state"] == "review"
