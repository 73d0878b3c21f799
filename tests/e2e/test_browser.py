"""The app in a real browser against a real Streamlit server: what a person sees (the
server, its database and Chromium: tests/e2e/conftest.py)."""

from __future__ import annotations

import re
import time
from uuid import UUID, uuid5

import psycopg
import pytest
from playwright.sync_api import Browser, Page, expect

from tests.app.conftest import handle_for
from tests.e2e.browser_steps import (
    MAYA,
    go_to,
    handle_cookie,
    pick_demo,
    sidebar,
    signed_in_as,
    start_chat,
    start_communication_chat,
)
from tests.support.streamlit_app import open_signed_in

RIVERA = "0d1f5a2e-0000-4000-8000-000000000003"

PAGE_MARKERS = {
    "Home": "Start with a coach",
    "Chat": "Start a new session",
    "Review": "Every learner's coaching sessions",
    "Learners": "Every learner with scored coaching rounds",
}

pytestmark = pytest.mark.e2e


def test_a_deep_link_on_a_fresh_server_keeps_the_person_and_the_page(
    app_url: str, app_db: str, page: Page
) -> None:
    """The very first run of a new server (this module's first test) goes through the
    router: the person stays signed in, lands on the page they asked for, and the sidebar
    never lists anything but their pages. With a `pages/` folder beside app.py, Streamlit's
    legacy mode took that run and the sidebar listed every module in it for a moment
    ("app", "context", "steady nav", "widgets"…)."""
    page.add_init_script(NAV_WATCH)
    handle = handle_for(app_db, MAYA)
    open_signed_in(page, app_url, "/chat", handle)
    page.get_by_text("Start a new session").wait_for()
    signed_in_as(page, "Maya Torres")
    assert handle not in page.url
    seen = set(page.evaluate("window.__navSeen"))
    assert seen == STUDENT_PAGES


# Every sidebar link text a page ever showed, from the first byte of the page on.
NAV_WATCH = """
window.__navSeen = [];
new MutationObserver(() => {
  for (const a of document.querySelectorAll('[data-testid="stSidebarNavLink"] [label]')) {
    const text = a.getAttribute('label');
    if (text && !window.__navSeen.includes(text)) window.__navSeen.push(text);
  }
}).observe(document, {childList: true, subtree: true, characterData: true});
"""
STUDENT_PAGES = {"Home", "Chat", "Discovery", "Game plan", "Profile", "My progress"}


def test_a_student_stays_signed_in_across_every_page_refresh_back_and_new_tab(
    app_url: str, page: Page
) -> None:
    page.goto(app_url)
    pick_demo(page, "Maya Torres (student)")
    page.get_by_text("Start with a coach").wait_for()
    signed_in_as(page, "Maya Torres")

    go_to(page, "Chat")
    page.get_by_text("Start a new session").wait_for()
    signed_in_as(page, "Maya Torres")
    assert "/chat" in page.url and "s=" not in page.url  # the address signs nobody in

    go_to(page, "Home")
    page.get_by_text("Start with a coach").wait_for()
    signed_in_as(page, "Maya Torres")

    page.reload()
    page.get_by_text("Start with a coach").wait_for()
    signed_in_as(page, "Maya Torres")

    page.go_back()
    page.get_by_text("Start a new session").wait_for()
    signed_in_as(page, "Maya Torres")
    page.go_forward()
    page.get_by_text("Start with a coach").wait_for()
    signed_in_as(page, "Maya Torres")

    # a sidebar link opened in a new tab: its address has no handle; the cookie carries it
    href = sidebar(page).get_by_role("link", name="Chat").get_attribute("href")
    assert href is not None
    tab = page.context.new_page()
    tab.goto(href if href.startswith("http") else app_url + "/" + href.lstrip("/"))
    tab.get_by_text("Start a new session").wait_for()
    signed_in_as(tab, "Maya Torres")


def test_an_address_copied_from_a_signed_in_page_does_not_sign_in_another_browser(
    app_url: str, page: Page, browser: Browser
) -> None:
    """A student pastes the address of her chat to a friend: the friend gets the sign-in
    page, not her account."""
    page.goto(app_url)
    pick_demo(page, "Maya Torres (student)")
    go_to(page, "Chat")
    page.locator(".st-key-start_communication_coach button").click()
    page.get_by_text("Tell me about a recent customer interaction").wait_for()
    copied = page.url
    assert "session=" in copied
    friend = browser.new_context()
    try:
        other = friend.new_page()
        other.goto(copied)
        other.get_by_text("Choose a demo identity").wait_for()
        expect(sidebar(other).get_by_text("Maya Torres", exact=True)).to_have_count(0)
        expect(other.get_by_text("Tell me about a recent customer interaction")).to_have_count(0)
    finally:
        friend.close()


def test_a_session_link_opened_signed_out_lands_in_that_session_after_sign_in(
    app_url: str, page: Page
) -> None:
    session = f"{MAYA}:communication_coach:{uuid5(UUID(MAYA), '1').hex}"
    page.goto(f"{app_url}/chat?session={session}")
    pick_demo(page, "Maya Torres (student)")
    signed_in_as(page, "Maya Torres")
    page.get_by_role("heading", name="Communication Skills Coach").wait_for()
    expect(page.get_by_text("Assessment ·").first).to_be_visible()
    assert f"session={session}".replace(":", "%3A") in page.url or f"session={session}" in (
        page.url
    )
    page.reload()
    page.get_by_role("heading", name="Communication Skills Coach").wait_for()
    signed_in_as(page, "Maya Torres")


def test_a_coach_stays_signed_in_across_every_page_refresh_and_back(
    app_url: str, page: Page
) -> None:
    page.goto(app_url)
    pick_demo(page, "Dr. Sam Rivera (coach)")
    signed_in_as(page, "Dr. Sam Rivera")
    sidebar(page).get_by_role("link", name="Home").wait_for()  # the navigation has drawn
    # a link's text is its material icon's name, then its title
    titles = [
        link.inner_text().strip().split("\n")[-1]
        for link in sidebar(page).get_by_role("link").all()
    ]
    assert "Home" in titles
    for title in titles:
        go_to(page, title)
        page.get_by_text(PAGE_MARKERS[title]).first.wait_for()  # a new page: add its marker
        signed_in_as(page, "Dr. Sam Rivera")
        page.reload()
        page.get_by_text(PAGE_MARKERS[title]).first.wait_for()
        signed_in_as(page, "Dr. Sam Rivera")
    page.go_back()
    page.get_by_text(PAGE_MARKERS[titles[-2]]).first.wait_for()
    signed_in_as(page, "Dr. Sam Rivera")


def test_an_address_typed_or_followed_never_meets_page_not_found(
    app_url: str, app_db: str, page: Page
) -> None:
    """Streamlit's "Page not found" box came up beside the app's own words for a coach's
    /review (their landing page lives at the root), a student's /home, and any page of
    another role. Each address now opens a page."""
    open_signed_in(page, app_url, "/review", handle_for(app_db, RIVERA))
    page.get_by_text(PAGE_MARKERS["Review"]).first.wait_for()
    signed_in_as(page, "Dr. Sam Rivera")
    expect(page.get_by_text("Page not found")).to_have_count(0)

    open_signed_in(page, app_url, "/home", handle_for(app_db, MAYA))
    page.get_by_text(PAGE_MARKERS["Home"]).wait_for()
    expect(page.get_by_text("Page not found")).to_have_count(0)

    page.goto(f"{app_url}/outbox")  # an admin's page: Maya is sent to her own, told why
    page.get_by_text("Outbox is for admins only, so you are on your own page instead.").wait_for()
    page.get_by_text(PAGE_MARKERS["Home"]).wait_for()
    expect(page.get_by_text("Page not found")).to_have_count(0)

    for wrong in ("nonexistent", "game_plan"):  # no page there at all (an audit's tries)
        page.goto(f"{app_url}/{wrong}")
        page.get_by_text(f"There is no page at /{wrong}, so you are on your first page").wait_for()
        page.get_by_text(PAGE_MARKERS["Home"]).wait_for()
        expect(page.get_by_text("Page not found")).to_have_count(0)
        signed_in_as(page, "Maya Torres")


def test_switching_identity_signs_out_everywhere(app_url: str, page: Page) -> None:
    page.goto(app_url)
    pick_demo(page, "Jordan Lee (student)")
    signed_in_as(page, "Jordan Lee")
    old = page.url
    sidebar(page).get_by_role("button", name="Switch identity").click()
    page.get_by_text("Choose a demo identity").wait_for()
    page.goto(old)  # the old address, from history
    page.get_by_text("Choose a demo identity").wait_for()
    # the address bar says /home or / depending on when it was read: signed out, /home is
    # Home too, not an unknown address (its hidden page clashed with Home's own name and
    # the app stopped with a StreamlitAPIException)
    page.goto(f"{app_url}/home")
    page.get_by_text("Choose a demo identity").wait_for()
    assert not page.get_by_text("StreamlitAPIException").count()


def test_switch_identity_after_following_tour_links_asks_who_you_are(
    app_url: str, page: Page
) -> None:
    """A browser audit: after a tour link as the coach, then one as Maya, Switch identity
    showed Review as Dr. Rivera: the browser session fell back on the sign-in cookie it was
    opened with, the coach's, which the link to Maya had replaced."""
    for link, name in (("review?as=rivera&tour=12", "Dr. Sam Rivera"), ("?as=maya", "Maya Torres")):
        before = handle_cookie(page)
        page.goto(f"{app_url}/{link}")  # the tour card's link: a page load in the same tab
        signed_in_as(page, name)
        deadline = time.monotonic() + 30
        while handle_cookie(page) in (before, ""):
            assert time.monotonic() < deadline, "the sign-in cookie was never written"
            page.wait_for_timeout(100)
    sidebar(page).get_by_role("button", name="Switch identity").click()
    page.get_by_text("Choose a demo identity").wait_for()
    expect(sidebar(page).get_by_text("Dr. Sam Rivera")).to_have_count(0)
    page.reload()
    page.get_by_text("Choose a demo identity").wait_for()


def test_demo_sign_in_survives_a_refresh(app_url: str, page: Page) -> None:
    page.goto(app_url)
    pick_demo(page, "Jordan Lee (student)")
    page.get_by_text("Start with a coach").wait_for()
    page.reload()
    page.get_by_text("Start with a coach").wait_for()
    signed_in_as(page, "Jordan Lee")


def test_a_chat_round_streams_scores_and_survives_a_refresh(app_url: str, page: Page) -> None:
    start_communication_chat(page, app_url, "Maya Torres")
    page.get_by_placeholder("Message your coach").fill(
        "A customer shouted because her <b>order</b> was two days late."
    )
    page.keyboard.press("Enter")
    page.get_by_text("Assessment ·").first.wait_for()
    assert page.get_by_text("Got it:").first.is_visible()  # the story, said back
    assert page.get_by_text("<b>order</b>", exact=False).first.is_visible()  # shown as typed
    page.reload()
    page.get_by_text("Assessment ·").first.wait_for()
    assert page.get_by_text("two days late").first.is_visible()


def test_a_conversation_of_five_turns_shows_every_reply_once_with_its_assessment(
    app_url: str, page: Page
) -> None:
    """A send reruns only the conversation, and the page is redrawn every few rounds: across
    both, each exchange is on screen exactly once, with its assessment, in order; End session
    is there from the first round; a refresh shows the same."""
    start_communication_chat(page, app_url, "Jordan Lee")
    said = [f"Turn {n}: the customer called back about order {100 + n}." for n in range(1, 6)]
    assessments = page.locator('[data-testid="stExpander"] summary').filter(has_text="Assessment ·")
    page.get_by_placeholder("Message your coach").fill("   ")  # only spaces: refused, said once
    page.keyboard.press("Enter")
    refused = page.get_by_text("Type a message first.")
    refused.wait_for()
    for n, text in enumerate(said, 1):
        page.get_by_placeholder("Message your coach").fill(text)
        page.keyboard.press("Enter")
        expect(assessments).to_have_count(n)
        expect(page.locator(".st-key-end_session button")).to_have_count(1)
        expect(refused).to_have_count(0)  # it stayed on the page, round after round
    for view in ("live", "refreshed"):
        messages = page.locator('[data-testid="stChatMessage"]')
        expect(messages).to_have_count(1 + 2 * len(said))  # the opening, then each exchange
        shown = [messages.nth(1 + 2 * i).inner_text() for i in range(len(said))]
        assert [t.strip().splitlines()[-1] for t in shown] == said, view
        expect(assessments).to_have_count(len(said))
        page.reload()
        page.get_by_text("Tell me about a recent customer interaction").wait_for()


def test_deleting_a_session_asks_in_a_dialog_then_it_is_gone(app_url: str, page: Page) -> None:
    page.goto(app_url)
    pick_demo(page, "Jordan Lee (student)")
    signed_in_as(page, "Jordan Lee")
    go_to(page, "Chat")
    page.locator(".st-key-start_onboarding_mentor button").click()
    page.get_by_placeholder("Message your coach").fill("Delete me: a story about my first week.")
    page.keyboard.press("Enter")
    page.get_by_text("Assessment ·").first.wait_for()
    page.locator(".st-key-delete_session button").click()
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_text("deleted for good")).to_be_visible()
    dialog.locator(".st-key-confirm_delete button").click()
    page.get_by_text("Start a new session").wait_for()
    expect(page.get_by_text("Delete me")).to_have_count(0)
    assert "session=" not in page.url


def test_news_in_chat_is_confirmed_and_recorded_as_submitted(
    app_url: str, app_db: str, page: Page
) -> None:
    """ "I submitted the Gates application" pauses the coach at a question; a reload still
    asks it (the input open: a typed yes answers, more words go on); Confirm records Submitted
    and says so."""
    page.goto(app_url)
    pick_demo(page, "Maya Torres (student)")
    signed_in_as(page, "Maya Torres")
    go_to(page, "Chat")
    page.locator(".st-key-start_scholarship_coach button").click()
    page.get_by_text("Where are you with scholarships").wait_for()
    page.get_by_placeholder("Message your coach").fill("I submitted the Gates application!")
    page.keyboard.press("Enter")
    question = page.get_by_text("Mark the Gates Scholarship as submitted?")
    question.wait_for()
    expect(page.get_by_placeholder("Confirm or Not now above, type yes or no")).to_be_enabled()
    page.reload()
    question.wait_for()
    expect(page.locator(".st-key-news_not_now button")).to_be_visible()
    page.locator(".st-key-news_confirm button").click()
    page.get_by_text("Recorded: The Gates Scholarship is submitted.").wait_for()
    expect(question).to_have_count(0)
    expect(page.get_by_placeholder("Message your coach")).to_be_enabled()
    with psycopg.connect(app_db) as conn:
        row = conn.execute(
            "select a.status::text, a.submitted_at is not null from applications a "
            "join scholarships s on s.id = a.scholarship_id "
            "where a.user_id = %s and s.title = 'The Gates Scholarship'",
            (MAYA,),
        ).fetchone()
    assert row == ("submitted", True)
    # the next message and a reload: what was recorded stays under its round
    page.get_by_placeholder("Message your coach").fill("What should I work on next?")
    page.keyboard.press("Enter")
    expect(page.locator('[data-testid="stChatMessage"]')).to_have_count(1 + 2 + 1 + 2)
    page.reload()
    page.get_by_text("Recorded: The Gates Scholarship is submitted.").wait_for()


def test_a_half_typed_message_waits_through_a_page_switch_and_a_refresh(
    app_url: str, page: Page
) -> None:
    """A browser audit: a student half way through a message who looked at their game plan,
    or pressed F5, came back to an empty chat box."""
    start_communication_chat(page, app_url, "Jordan Lee")
    box = page.get_by_placeholder("Message your coach")
    box.fill("A customer shouted because her order was late.")
    page.keyboard.press("Enter")
    page.get_by_text("Assessment ·").first.wait_for()
    draft = "my counselor said she could read my draft on friday if i"
    box.click()
    page.keyboard.type(draft)

    go_to(page, "Game plan")
    page.get_by_role("heading", name="Game plan").wait_for()
    go_to(page, "Chat")
    page.get_by_text("A customer shouted because her order was late.").wait_for()
    expect(box).to_have_value(draft)
    page.reload()
    page.get_by_text("A customer shouted because her order was late.").wait_for()
    expect(box).to_have_value(draft)

    box.press("End")
    page.keyboard.type(" send it thursday.")
    page.keyboard.press("Enter")  # sent: the draft is gone with it
    expect(page.get_by_text("Assessment ·")).to_have_count(2)
    page.reload()
    page.get_by_text("if i send it thursday.").first.wait_for()
    page.wait_for_timeout(1000)  # the draft keeper looks every 300 ms
    expect(box).to_have_value("")


def test_the_next_person_after_a_switch_on_an_admin_page_starts_on_their_own(
    app_url: str, page: Page
) -> None:
    """A browser audit: Alex switched identity on Outbox, and Maya's first sight was a toast
    "Outbox is for admins only, so you are on your own page instead"."""
    page.goto(app_url)
    pick_demo(page, "Alex Admin (admin)")
    signed_in_as(page, "Alex Admin")
    go_to(page, "Outbox")
    page.get_by_role("heading", name="Outbox").wait_for()
    sidebar(page).get_by_role("button", name="Switch identity").click()
    pick_demo(page, "Maya Torres (student)")
    signed_in_as(page, "Maya Torres")
    expect(page.get_by_text("Welcome back")).to_be_visible()
    page.wait_for_timeout(1000)  # a toast shows with the page, and stays 4 s
    assert page.get_by_text("is for admins only").count() == 0  # now, not once it has gone


def test_confirm_after_the_game_plan_answered_says_nothing_was_recorded(
    app_url: str, app_db: str, page: Page
) -> None:
    """A browser audit: Confirm pressed in a chat drawn before the Game plan's Cancel (in
    another tab) made the buttons vanish with no line; the student could think it was
    recorded."""
    start_chat(page, app_url, "Maya Torres", "scholarship_coach")
    # not Gates: the test above submitted it in this app's database
    page.get_by_placeholder("Message your coach").fill("I submitted the Hometown application!")
    page.keyboard.press("Enter")
    page.get_by_text(re.compile(r"Mark Hometown .* as submitted\?")).wait_for()
    with psycopg.connect(app_db) as conn:  # the Game plan's Cancel, in another tab
        conn.execute(
            "update applications set metadata = metadata - 'pending_transition' "
            "where user_id = %s and metadata ? 'pending_transition'",
            (MAYA,),
        )
    page.locator(".st-key-news_confirm button").click()
    page.get_by_text("Answered on your game plan: nothing was recorded.").wait_for(timeout=10000)
    expect(page.locator(".st-key-news_confirm button")).to_have_count(0)


def test_on_a_phone_the_sidebar_closes_once_a_page_is_picked(app_url: str, page: Page) -> None:
    """A phone audit: the page switched behind a sidebar that stayed open over it."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(app_url)
    pick_demo(page, "Maya Torres (student)")
    page.get_by_test_id("stExpandSidebarButton").click()
    sidebar(page).get_by_role("link", name="Chat").click()
    page.get_by_text("Start a new session").wait_for()
    expect(page.get_by_test_id("stExpandSidebarButton")).to_be_visible()
    expect(page.get_by_text("Start a new session")).to_be_in_viewport()
