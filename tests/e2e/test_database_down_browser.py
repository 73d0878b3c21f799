"""The database down while a student chats, in a real browser on a Postgres of this module's
own (tests/support/own_server.py), which it stops and starts. A robustness audit: the message
sent was lost, and every page showed a traceback through restore_identity."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from db.seed import seed_demo, seed_reference_data
from tests.e2e.browser_steps import settled, start_chat
from tests.support.own_server import OwnServer
from tests.support.own_server import own_server as own_server  # the module's own Postgres
from tests.support.own_server import running as running

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def app_db(own_server: OwnServer) -> Iterator[str]:
    seed_reference_data(own_server.url)
    seed_demo(own_server.url)
    yield own_server.url


def test_a_message_sent_while_the_database_is_down_is_kept_and_said(
    app_url: str, page: Page, running: OwnServer
) -> None:
    start_chat(page, app_url, "Priya Shah", "communication_coach")
    box = page.get_by_placeholder("Message your coach")
    said = "My manager rejected the plan, so I'll ask her what would change her mind."
    running.stop_immediate()
    box.fill(said)
    page.keyboard.press("Enter")
    expect(page.get_by_text("The database is not reachable right now.")).to_be_visible()
    expect(page.get_by_text("Traceback")).to_have_count(0)
    expect(page.get_by_text("DatabaseUnreachable")).to_have_count(0)
    page.wait_for_timeout(1000)  # the draft keeper looks every 300 ms

    running.start()
    page.reload()
    expect(box).to_have_value(said)  # back in the box, to send now the database is up
    box.focus()
    page.keyboard.press("Enter")
    page.get_by_text("Assessment ·").first.wait_for()  # answered, scored and stored
    settled(page)
    expect(page.get_by_test_id("stChatMessage").filter(has_text=said)).to_have_count(1)
    page.reload()
    page.wait_for_timeout(1000)
    expect(box).to_have_value("")  # sent: not put back again
