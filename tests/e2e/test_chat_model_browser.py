"""The chat with a model configured (the suite's OpenAI-compatible server), in a real browser:
nothing more can be sent while a reply is on its way, so a second message typed during a slow
reply that then fails is never lost (an audit: it vanished without a trace), and the wait is
said while the model thinks."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.browser_steps import go_to, pick_demo, signed_in_as
from tests.support.openai_server import OpenAIServer
from tests.support.streamlit_app import ROOT, offline_env, streamlit_app, wait_healthy

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def model() -> Iterator[OpenAIServer]:
    with OpenAIServer(hang_s=10.0) as server:
        yield server


@pytest.fixture(scope="module")
def model_app_url(
    app_db: str, model: OpenAIServer, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    env = offline_env(
        DATABASE_URL=app_db,
        TUITIONLIFT_DATA_DIR=str(tmp_path_factory.mktemp("data")),
        OPENAI_API_KEY="test-key",
        OPENAI_BASE_URL=model.url,
        OPENAI_TIMEOUT_S="6",
        OPENAI_MAX_RETRIES="0",
    )
    log_path: Path = tmp_path_factory.mktemp("log") / "streamlit.log"
    with log_path.open("w") as log, streamlit_app(ROOT / "app.py", env, log) as (base, server):
        wait_healthy(base, server)
        yield base


def test_nothing_more_is_sent_while_a_reply_is_on_its_way(
    model_app_url: str, model: OpenAIServer, page: Page
) -> None:
    page.goto(model_app_url)
    pick_demo(page, "Priya Shah (student)")
    signed_in_as(page, "Priya Shah")
    go_to(page, "Chat")
    page.locator(".st-key-start_communication_coach button").click()
    page.get_by_text("Tell me about a recent customer interaction").wait_for()
    model.chat.always("timeout")  # the reply never comes: the client gives up after 6 s
    box = page.get_by_placeholder("Message your coach")
    box.fill("A customer shouted at me about a late refund.")
    page.keyboard.press("Enter")
    # while the reply is on its way (well before the client gives up)
    expect(page.locator('[data-testid="stChatInputTextArea"]')).to_be_disabled(timeout=3_000)
    # and the wait is said, not an empty bubble (an audit sat 17 s before one)
    expect(page.get_by_text("The coach is writing…")).to_be_visible(timeout=3_000)
    expect(page.get_by_text("Your message is saved")).to_be_visible()
    expect(page.get_by_text("The coach is writing…")).to_have_count(0)
    # the first message waits for Retry; the box says so and takes nothing until then
    expect(page.get_by_placeholder("Retry the message above first")).to_be_disabled()
    model.chat.healthy()
