"""Hostile text in a real browser: a stranger's link, image or HTML in a coach reply, a
message or a name makes no request and gives no link to follow; typed text reads as typed."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest
from playwright.sync_api import Page, Request, expect

from app_pages.render import WORD_JOINER, ZWSP
from tests.app.conftest import handle_for
from tests.app.render_cases import FEEDBACK, HOSTILE_REPLY, LEARNER, insert_round
from tests.e2e.browser_steps import MAYA, signed_in_as
from tests.support.streamlit_app import open_signed_in

pytestmark = pytest.mark.e2e

JORDAN = "0d1f5a2e-0000-4000-8000-000000000002"
EVIL = "evil.example"


@pytest.fixture
def evil_requests(page: Page) -> Iterator[list[str]]:
    """Every request the page makes to the stranger's host; a test ends by asserting none."""
    seen: list[str] = []

    def record(request: Request) -> None:
        if EVIL in request.url:
            seen.append(request.url)

    page.on("request", record)
    yield seen


def visible(text: str) -> str:
    """What a reader sees: the invisible U+200B that keeps an address from becoming a link
    is not something they see, nor the word joiner that keeps "->" from becoming an arrow,
    and no-break spaces read as spaces."""
    return text.replace(ZWSP, "").replace(WORD_JOINER, "").replace("\u00a0", " ")


def assert_nothing_to_fetch_or_follow(page: Page, base: str) -> None:
    sources = page.eval_on_selector_all("img", "els => els.map(e => e.src)")
    assert [s for s in sources if not s.startswith((base, "data:", "blob:"))] == []
    hrefs = page.eval_on_selector_all("a", "els => els.map(e => e.href)")
    assert [h for h in hrefs if not h.startswith(base)] == []


def test_a_hostile_transcript_and_reply_stream_stay_inert(
    app_url: str, app_db: str, page: Page, evil_requests: list[str]
) -> None:
    session = insert_round(app_db, HOSTILE_REPLY, LEARNER, FEEDBACK)
    open_signed_in(page, app_url, f"/chat?session={session}", handle_for(app_db, MAYA))
    signed_in_as(page, "Maya Torres")
    reply = page.locator('[data-testid="stMarkdownContainer"]', has_text="Look:").first
    reply.wait_for()
    page.get_by_text("Assessment ·").first.click()
    page.get_by_text("Good. See").wait_for()

    learner = page.locator('[data-testid="stMarkdownContainer"]', has_text="first line").first
    assert visible(learner.inner_text()) == LEARNER  # line breaks and "->" kept, no backslash
    shown = visible(reply.inner_text())
    assert "click (https://evil.example)" in shown
    assert '<a href="https://evil.example">x</a>' in shown  # raw HTML is shown, not used
    expect(reply.locator("strong")).to_have_text("keep this bold")
    assert_nothing_to_fetch_or_follow(page, app_url)

    assert evil_requests == []


def test_a_streamed_reply_echoing_a_link_and_an_image_stays_inert(
    app_url: str, app_db: str, page: Page, evil_requests: list[str]
) -> None:
    """The offline coach echoes the learner's words, so this reply streams them back."""
    open_signed_in(page, app_url, "/chat", handle_for(app_db, MAYA))
    page.locator(".st-key-start_communication_coach button").click()
    page.get_by_text("Tell me about a recent customer interaction").wait_for()
    page.get_by_placeholder("Message your coach").fill(
        "My idea: ![y](https://evil.example/stream.png) see https://evil.example/s_t"
    )
    page.keyboard.press("Enter")
    page.get_by_text("Assessment ·").first.wait_for()
    echo = page.locator('[data-testid="stChatMessage"]', has_text="You said:").first
    assert "see https://evil.example/s_t" in visible(echo.inner_text())
    assert_nothing_to_fetch_or_follow(page, app_url)
    assert evil_requests == []


def test_a_hostile_name_is_shown_as_text_on_home_and_in_the_sidebar(
    app_url: str, app_db: str, page: Page, evil_requests: list[str]
) -> None:
    name = "Jo ![x](https://evil.example/n.png) [me](https://evil.example) <b>Lee</b>"
    with psycopg.connect(app_db, autocommit=True) as conn:
        conn.execute("update public.profiles set full_name = %s where id = %s", (name, JORDAN))
    open_signed_in(page, app_url, "/", handle_for(app_db, JORDAN))
    page.get_by_text("Start with a coach").wait_for()
    sidebar_name = page.locator('[data-testid="stSidebar"] strong').first
    sidebar_name.wait_for()
    assert visible(sidebar_name.inner_text()) == name
    welcome = page.get_by_role("heading", level=1, name="Welcome")
    assert visible(welcome.inner_text()).split(", ", 1)[1] == name
    assert_nothing_to_fetch_or_follow(page, app_url)
    assert evil_requests == []


def test_a_models_heading_and_colour_directive_read_as_text(
    app_url: str, app_db: str, page: Page
) -> None:
    """An audit with a model: "# Heading" in a reply was an h1 inside the chat bubble, and
    ":red[RED]" showed ":red" with the word gone."""
    reply = "# Your plan\nStart with the essay, then :red[celebrate] the first draft."
    session = insert_round(app_db, reply, "What is my plan?", "Fine.")
    open_signed_in(page, app_url, f"/chat?session={session}", handle_for(app_db, MAYA))
    signed_in_as(page, "Maya Torres")
    bubble = page.locator('[data-testid="stChatMessage"]', has_text="Start with the essay").first
    bubble.wait_for()
    expect(bubble.locator("h1, h2, h3, h4, h5, h6")).to_have_count(0)
    expect(bubble.locator("strong", has_text="Your plan")).to_be_visible()
    assert "red[celebrate] the first draft" in visible(bubble.inner_text())
