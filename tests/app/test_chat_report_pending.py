"""A report card written while the judge has yet to score a round says it left that round
out (an audit with a model: "1 scored round" beside a round still "Assessment pending")."""

from __future__ import annotations

import pytest

from tests.app.conftest import chat_page
from tests.app.test_chat_page import use_model
from tests.support.openai_server import OpenAIServer, ok


def test_a_card_written_while_a_round_awaits_its_score_says_it_is_left_out(
    app_env: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with OpenAIServer() as server:
        use_model(monkeypatch, server, model="test-model", max_retries="0", timeout_s="2")
        at = chat_page()
        at.button(key="start_communication_coach").click().run()
        at.chat_input(key="chat_input").set_value("I said sorry for the late order.").run()
        server.judge.always("500")  # the judge fails from here on
        at.chat_input(key="chat_input").set_value("Then I offered a refund by Friday.").run()
        assert not at.exception, at.exception
        at.button(key="end_session").click().run()
        assert not at.exception, at.exception
        [card] = [e for e in at.expander if e.label.startswith("Report card")]
        assert any(
            c.value == "1 round could not be scored yet and is not in this card: it is scored "
            "when the judge answers."
            for c in card.caption
        ), [c.value for c in card.caption]
        server.judge.always(ok())
        at.chat_input(key="chat_input").set_value("And I followed up by email on Friday.").run()
        [card] = [e for e in at.expander if e.label.startswith("Report card")]
        assert not any("could not be scored yet" in c.value for c in card.caption)
