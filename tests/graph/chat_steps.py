"""What the chat tests do as a learner does: send one message and read the whole reply; track
a scholarship and give news of it."""

from __future__ import annotations

from uuid import UUID

from db.models import Application
from db.repository import Repository
from graph.chat import ChatService, SessionRef

GATES = "The Gates Scholarship"


def turn(chat: ChatService, session_id: str, text: str) -> str:
    return "".join(chat.send(chat.open(session_id), text))


def track(repo: Repository, title: str) -> Application:
    [scholarship] = [s for s in repo.list_scholarships() if s.title == title]
    return repo.track_application(scholarship_id=scholarship.id)


def application(repo: Repository, application_id: UUID) -> Application:
    user_id = repo.identity.user_id
    assert user_id is not None
    [app] = [a for a in repo.list_applications(user_id=user_id) if a.id == application_id]
    return app


def news_turn(chat: ChatService, text: str = "I submitted the Gates application!") -> SessionRef:
    ref = chat.open(chat.new_session("scholarship_coach"))
    reply = "".join(chat.send(ref, text))
    assert reply
    return ref
