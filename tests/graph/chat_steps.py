"""What the chat tests do as a learner does: send one message and read the whole reply."""

from __future__ import annotations

from graph.chat import ChatService


def turn(chat: ChatService, session_id: str, text: str) -> str:
    return "".join(chat.send(chat.open(session_id), text))
