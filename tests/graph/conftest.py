"""Chat graph fixtures: the chat built through the one root, on the test's own database."""

from __future__ import annotations

from typing import Any

import pytest

from db.repository import Repository
from db.runtime import Database
from db.settings import Settings
from graph.chat import ChatService
from tests.conftest import People


@pytest.fixture
def chat_for(database: Database) -> Any:
    def make(identity: Any, settings: Settings | None = None) -> ChatService:
        return ChatService.for_identity(database, identity, settings=settings)

    return make


@pytest.fixture
def ana_chat(chat_for: Any, people: People) -> ChatService:
    return chat_for(people.student_a)


@pytest.fixture
def ana_repo(database: Database, people: People) -> Repository:
    return database.repository(people.student_a)
