"""Chat graph fixtures: a real PostgresSaver on the test's own database."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from langgraph.checkpoint.postgres import PostgresSaver

from db.pool import make_pool
from db.repository import Repository
from db.settings import Settings
from graph.chat import ChatService
from tests.conftest import People


@pytest.fixture
def checkpointer(db_url: str) -> Iterator[PostgresSaver]:
    pool = make_pool(db_url, name="ckpt-test", max_size=4, options="-c search_path=langgraph")
    try:
        yield PostgresSaver(pool)  # type: ignore[arg-type]
    finally:
        pool.close()


@pytest.fixture
def offline_settings(tmp_path: Any) -> Settings:
    return Settings(_env_file=None, data_dir=tmp_path)  # type: ignore[call-arg]


@pytest.fixture
def chat_for(as_user: Any, checkpointer: PostgresSaver, offline_settings: Settings) -> Any:
    def make(identity: Any, settings: Settings | None = None) -> ChatService:
        return ChatService(
            Repository(as_user(identity)), settings or offline_settings, checkpointer
        )

    return make


@pytest.fixture
def ana_chat(chat_for: Any, people: People) -> ChatService:
    return chat_for(people.student_a)
