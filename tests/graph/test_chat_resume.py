"""A session resumes in another process: all state is in Postgres, none in memory."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from graph.chat import ChatService
from tests.conftest import People

ROOT = Path(__file__).resolve().parents[2]


def test_a_new_process_continues_the_same_session(
    ana_chat: ChatService, people: People, db_url: str
) -> None:
    session = ana_chat.new_session("communication_coach")
    for text in ("First, a customer was angry.", "Second, I apologised and listened."):
        "".join(ana_chat.send(ana_chat.open(session), text))

    script = textwrap.dedent(
        f"""
        import uuid
        from db.identity import Identity
        from db.runtime import Database
        from db.settings import Settings
        from graph.chat import ChatService

        database = Database(Settings(_env_file=None, database_url={db_url!r}), {db_url!r})
        me = Identity.user(uuid.UUID({str(people.student_a.user_id)!r}))
        chat = ChatService.for_identity(database, me)
        ref = chat.open({session!r})
        print("".join(chat.send(ref, "Third, from another process.")))
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert "another process" in result.stdout

    ref = ana_chat.open(session)
    rounds = ana_chat.transcript(ref)
    assert [r.round_number for r in rounds] == [1, 2, 3]
    assert rounds[-1].learner_message == "Third, from another process."
    state = ana_chat.graph.get_state({"configurable": {"thread_id": session}}).values
    assert state["round_number"] == 3
