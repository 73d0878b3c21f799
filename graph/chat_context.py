"""What every node of the coaching chat graph reads besides its state: the run's context
(who is talking, to which persona, through which repository) and the learner message a node
answers. Kept apart so the chat's own nodes (graph/coaching.py) and its news nodes
(graph/chat_news.py) share them without importing each other."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, AnyMessage, HumanMessage

from coach import clock
from db.models import CoachingDomain, CoachingPersona, CoachingRound
from db.repository import Repository
from db.settings import Settings
from graph.llm import chat_model, judge_model


@dataclass
class ChatContext:
    """Per-run context: who is talking, to which persona, through which repository. Rounds
    and scores go through `recorder`, the server's privileged path: the learner's own
    credentials cannot write them."""

    repository: Repository
    recorder: Repository
    settings: Settings
    persona: CoachingPersona
    domain: CoachingDomain
    session_id: str
    now: Callable[[], datetime] = clock.now
    model_factory: Callable[..., BaseChatModel] = chat_model
    judge_factory: Callable[[Settings], BaseChatModel | None] = judge_model
    round_unscored: bool = False  # set when the scorer failed: the service tries again
    recorded: CoachingRound | None = None  # the round this run recorded, as stored
    typed_answer: str | None = (
        None  # a "yes" / "no" typed to the coach's question, kept with its line
    )


def last_learner_message(messages: list[AnyMessage]) -> HumanMessage:
    for message in reversed(messages):
        if isinstance(message, HumanMessage):
            return message
    raise ValueError("no learner message to answer")


def coach_question(messages: list[AnyMessage], opening: str | None) -> str:
    """What the learner was answering: the coach's message before their last one, or the
    session's opening line on the first round."""
    learner_seen = False
    for message in reversed(messages):
        if isinstance(message, HumanMessage):
            learner_seen = True
        elif learner_seen and isinstance(message, AIMessage):
            return str(message.content)
    return opening or ""
