"""The scholarship coach's news nodes: news such as "I submitted the Gates application"
proposes the status (propose_news) and pauses at an interrupt for the learner's Confirm / Not
now (confirm_news); what the answer did is said under its round (`noted`). The round is
recorded before any of this, so news never costs the learner's message."""

from __future__ import annotations

import logging
from typing import Any, Literal
from uuid import UUID

from langchain_core.messages import AIMessage
from langgraph.runtime import Runtime
from langgraph.types import interrupt

from coach.coach_state import application_coach_state
from coach.news import NOT_RECORDED, News, mid_sentence, news_kind, read_news
from coach.news_titles import Candidate
from coach.yes_no import said_as_news
from db.errors import AppError, Conflict, NotFound
from db.models import Application
from db.repository import Repository
from graph.chat_context import ChatContext, coach_question, last_learner_message
from graph.state import ChatState

log = logging.getLogger(__name__)


def application_candidates(repository: Repository) -> list[Candidate]:
    """The student's applications by catalog title, read as the student (RLS applies)."""
    user_id = repository.identity.user_id
    assert user_id is not None
    applications = repository.list_applications(user_id=user_id)
    titles = repository.get_scholarships(ids=[a.scholarship_id for a in applications])
    return [
        Candidate(a.id, titles[a.scholarship_id].title, a.status, application_coach_state(a).key)
        for a in applications
        if a.scholarship_id in titles
    ]


def stands_at(application: Application, status: str) -> bool:
    """Whether the application has the status (or, for Drafting, the coach state) asked."""
    return status in (application.status, application_coach_state(application).key)


def noted(state: ChatState, text: str, said: str | None = None) -> dict[str, Any]:
    """The coach's line about what was recorded: appended to the reply it follows (same id,
    so add_messages replaces it and the model's window stays one reply per round) and kept
    in `news_notes` for the page to show under that round, with the learner's typed answer
    it replies to (`said`): kept only by the browser, a reload left the line under nothing."""
    note: dict[str, Any] = {"round": state.get("round_number", 0), "text": text}
    if said:
        note["said"] = said
    update: dict[str, Any] = {"news_notes": [note]}
    for message in reversed(state["messages"]):
        if isinstance(message, AIMessage):
            update["messages"] = [AIMessage(content=f"{message.content}\n\n{text}", id=message.id)]
            break
    return update


def recorded_sent(state: ChatState) -> list[str]:
    """The titles this chat recorded as submitted, oldest first: "can you undo that" right
    after means the last of them."""
    lines = [str(n.get("text", "")) for n in state.get("news_notes") or []]
    return [
        line.removeprefix("Recorded: ").split(" is submitted.")[0]
        for line in lines
        if line.startswith("Recorded: ") and " is submitted." in line
    ]


def propose_news(state: ChatState, runtime: Runtime[ChatContext]) -> dict[str, Any]:
    """The scholarship coach acts on news about one of the student's applications, always
    asking first in `confirm_news`. Submitted and Won are proposed now (the database keeps
    the one-time token); Lost and Drafting need no token, so they are only asked about and
    written on Yes: a sentence read without a model can be wrong ("I lost my Cal Grant essay
    file"). This node
    never runs again on resume, so the proposal is made once. The round is already recorded:
    a failure here costs the proposal (the game plan still has the buttons), never the reply."""
    ctx = runtime.context
    if not ctx.persona.uses_game_plan:
        return {}
    text = answered_news(state)
    try:
        news = read_news(
            text,
            application_candidates(ctx.repository),
            lambda: [s.title for s in ctx.repository.list_scholarships()],
            recent=recorded_sent(state),
            question=coach_question(state["messages"], None) or "",
        )
        if news is None:
            return {}
        if isinstance(news, str):
            return noted(state, news)
        token: str | None = None
        if (status := news.status) in ("submitted", "awarded"):
            proposal = ctx.repository.propose_status(
                application_id=news.application_id, status=status
            )
            if proposal.applied or proposal.confirmation_token is None:
                return noted(state, news.recorded())
            token = str(proposal.confirmation_token)
    except AppError as exc:
        log.warning("news in session %s not proposed: %s", ctx.session_id, exc.detail or exc)
        return {}
    return {
        "proposal": {
            "application_id": str(news.application_id),
            "kind": news.kind,
            "title": news.title,
            "status": news.status,
            "token": token,
        }
    }


def route_recorded(state: ChatState) -> Literal["propose_news", "__end__"]:
    """Most turns carry no news: they end here, one step shorter (a step costs every turn)."""
    return "propose_news" if news_kind(answered_news(state)) is not None else "__end__"


def answered_news(state: ChatState) -> str:
    """The learner's last message, as news when it answers "…what did they say?" ("no")."""
    messages = state["messages"]
    text = str(last_learner_message(messages).content)
    return said_as_news(text, coach_question(messages, None))


def route_news(state: ChatState) -> Literal["confirm_news", "__end__"]:
    return "confirm_news" if state.get("proposal") else "__end__"


def confirm_news(state: ChatState, runtime: Runtime[ChatContext]) -> dict[str, Any]:
    """Pause for the learner's answer (LangGraph interrupt, kept in the checkpoint: any
    process, any page, sees the question). This node runs again from its first line on
    resume, so nothing before `interrupt()` writes; after it, one confirm or one withdraw.
    Only a literal True confirms: a resume with anything else records nothing."""
    proposal = state.get("proposal")
    if not proposal:
        return {}
    news = News(
        kind=proposal["kind"],
        application_id=UUID(proposal["application_id"]),
        title=proposal["title"],
    )
    answer = interrupt(
        {
            "question": news.question(),
            "application_id": proposal["application_id"],
            "status": news.status,
            "title": news.title,
        }
    )
    repository = runtime.context.repository
    said = runtime.context.typed_answer
    if answer == SETTLED:
        return {"proposal": None, **noted(state, settled(repository, news), said)}
    if answer == PASSED:  # the learner talked on: nothing is written, nothing withdrawn
        waiting = proposal["token"] is not None  # Submitted or Won, for the Game plan's Yes
        text = passed(news, waiting)
        # told "I submitted it", the coach does not plan it again while that Yes waits: a
        # journey audit's next "what should i do today?" got "focus on" the one just sent
        return {
            "proposal": None,
            **noted(state, text),
            **({} if waiting else still_open(state, news)),
        }
    if proposal["token"] is None:  # Lost, Drafting: nothing was proposed, so Yes writes it
        if answer is not True:
            return {
                "proposal": None,
                **noted(state, NOT_RECORDED, said),
                **still_open(state, news),
            }
        return {"proposal": None, **noted(state, record_asked(repository, news), said)}
    token = UUID(proposal["token"])
    if answer is True:
        text = confirm_news_status(repository, news, token)
    else:
        try:
            repository.withdraw_status(application_id=news.application_id, confirmation_token=token)
        except NotFound:
            pass  # no longer tracked: there is nothing to withdraw
        return {"proposal": None, **noted(state, NOT_RECORDED, said), **still_open(state, news)}
    return {"proposal": None, **noted(state, text, said)}


def still_open(state: ChatState, news: News) -> dict[str, Any]:
    """Not recorded: the application is on the coach's plan again. The offline coach set it
    aside when told the news ("Everything you track is submitted" followed a Not now, and
    "focus on" skipped a deadline 4 days off), as the database had not heard of it yet."""
    memory = dict(state.get("coach_memory") or {})
    reported = [t for t in memory.get("reported") or [] if t != news.title]
    if reported == (memory.get("reported") or []):
        return {}
    return {"coach_memory": {**memory, "reported": reported}}


SETTLED = "settled elsewhere"  # the resume value when the Game plan answered the question
PASSED = "talked on"  # the resume value when the learner sent a message instead of answering


def passed(news: News, proposed: bool) -> str:
    """The line under a question the learner went past: a Submitted or Won proposal stays
    open for the Game plan's own confirmation; Lost and Drafting were only asked."""
    if proposed:
        return (
            f"Not recorded yet: you can confirm {mid_sentence(news.title)} on the Game plan page."
        )
    return "Not recorded, as you went on. You can mark it on the Game plan page."


def settled(repository: Repository, news: News) -> str:
    """What the Game plan's answer did, said where the question was asked."""
    user_id = repository.identity.user_id
    assert user_id is not None
    now = {a.id: a for a in repository.list_applications(user_id=user_id)}
    if news.application_id in now and stands_at(now[news.application_id], news.status):
        return f"Answered on your game plan. {news.recorded()}"
    if news.application_id not in now:
        return "That application is no longer on your game plan, so nothing was recorded."
    return "Answered on your game plan: nothing was recorded."


def record_asked(repository: Repository, news: News) -> str:
    """Lost, Drafting or Review on the student's Yes; an application that moved on meanwhile
    (won on the game plan, say) is left as it is and the coach says so."""
    try:
        if (status := news.status) == "drafting" or status == "review":
            repository.move_application(application_id=news.application_id, state=status)
        else:
            repository.propose_status(application_id=news.application_id, status=status)
    except NotFound:
        return "That application is no longer on your game plan, so nothing was recorded."
    except AppError as exc:
        log.warning("%s not recorded for %s: %s", news.kind, news.application_id, exc.detail or exc)
        return f"Nothing was recorded: {exc}"
    return news.recorded()


def confirm_news_status(repository: Repository, news: News, token: UUID) -> str:
    """Write the confirmed status; a token already used or expired (say, confirmed on the
    game plan meanwhile) is told apart from a status that is simply not there."""
    try:
        repository.confirm_status(application_id=news.application_id, confirmation_token=token)
    except NotFound:
        return "That application is no longer on your game plan, so nothing was recorded."
    except Conflict:
        user_id = repository.identity.user_id
        assert user_id is not None
        now = {a.id: a.status for a in repository.list_applications(user_id=user_id)}
        if now.get(news.application_id) == news.status:
            return news.recorded()
        return (
            "That question has expired, so nothing was recorded. Tell me again, or mark it "
            "on your game plan."
        )
    return news.recorded()
