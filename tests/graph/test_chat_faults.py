"""The chat across database faults, on a Postgres of the module's own: after a fast or a
crash-style restart the very next turn works in the same process; while the database is
down a turn says so in words; a failure inside the turn says the message is saved."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from db.errors import Unavailable
from db.runtime import Database
from db.seed import seed_reference_data
from db.settings import Settings
from graph.chat import ChatService
from tests.conftest import create_user
from tests.support.own_server import OwnServer

# Infrastructure, not dates: the clock passes leave it out (Makefile CLOCK_PASS).
pytestmark = pytest.mark.calendar_free


@pytest.fixture
def chat(running: OwnServer, tmp_path: Path) -> Iterator[ChatService]:
    seed_reference_data(running.url)
    settings = Settings(_env_file=None, data_dir=tmp_path, database_url=running.url)  # type: ignore[call-arg]
    database = Database(settings, running.url)
    me = create_user(running.url, f"{uuid.uuid4().hex[:8]}@students.test", full_name="Faye")
    try:
        yield ChatService.for_identity(database, me)
    finally:
        database.close()


def turn(chat: ChatService, session: str, text: str) -> str:
    return "".join(chat.send(chat.open(session), text))


@pytest.mark.parametrize("restart", ["fast", "crash"])
def test_the_next_turn_after_a_restart_just_works(
    chat: ChatService, running: OwnServer, restart: str
) -> None:
    session = chat.new_session("communication_coach")
    turn(chat, session, "A customer was upset about a refund.")
    if restart == "fast":
        running.restart_fast()
    else:
        running.stop_immediate()
        running.start()
    assert turn(chat, session, "I apologised and explained the timeline.")
    rounds = chat.transcript(chat.open(session))
    assert [r.round_number for r in rounds] == [1, 2]


def test_a_turn_while_the_database_is_down_says_so_and_the_next_one_works(
    chat: ChatService, running: OwnServer
) -> None:
    session = chat.new_session("communication_coach")
    turn(chat, session, "First message.")
    running.stop_immediate()
    with pytest.raises(Unavailable, match="not reachable"):
        turn(chat, session, "Sent while the database is down.")
    running.start()
    assert turn(chat, session, "Sent once it is back.")
    said = [r.learner_message for r in chat.transcript(chat.open(session))]
    assert said == ["First message.", "Sent once it is back."]
