"""The chat's session list: a session whose first message waits for Retry is on it, and
Home's "Continue where you left off" opens it (an audit with a model: two such sessions were
on no list, their saved messages out of reach)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from app_pages.context import HANDLE
from db.settings import get_settings
from tests.app.conftest import MAYA, chat_page, handle_for, plain
from tests.app.test_chat_page import use_model
from tests.support.openai_server import OpenAIServer


def test_a_session_whose_first_message_waits_is_listed_and_continued(
    app_env: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with OpenAIServer() as server:
        use_model(monkeypatch, server, max_retries="0", timeout_s="2")
        server.chat.always("500")
        at = chat_page()
        at.button(key="start_sales_workflow_coach").click().run()
        session = at.query_params["session"]
        at.chat_input(key="chat_input").set_value("My prospect went quiet after the demo.").run()
        assert not at.exception, at.exception
        assert any("Your message is saved" in e.value for e in at.error), [
            e.value for e in at.error
        ]

        listed = chat_page()  # the list, as "All sessions" shows it
        assert any(m.value == "1 message waiting" for m in listed.markdown), (
            "the session is on the list"
        )
        assert listed.button(key=f"resume_{session}")

        home = AppTest.from_file("../../app.py", default_timeout=30)
        home.session_state[HANDLE] = handle_for(
            get_settings().database_url.get_secret_value(),  # type: ignore[union-attr]
            MAYA,
        )
        home.run()
        assert any("· 1 message waiting" in m.value for m in home.markdown)
        assert any(plain(c.value) == "My prospect went quiet after the demo." for c in home.caption)
