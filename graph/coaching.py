"""The coaching chat graph: respond (persona prompt + window -> streamed reply), then
assess_and_record (score the round, write its coaching_sessions row, trim the window), then,
for the scholarship coach, propose_news -> confirm_news: news such as "I submitted the Gates
application" proposes the status and pauses at an interrupt for the learner's Confirm / Not now
(the round is recorded before the pause, so it is never lost).

The learner's message is checkpointed as the run's input before `respond` calls the model,
so a failed model call loses nothing: the thread stays parked at `respond` and a retry
resumes it. A scorer failure never blocks the reply: the round is stored without a score.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal
from uuid import UUID

from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import (
    AIMessage,
    AnyMessage,
    BaseMessage,
    HumanMessage,
    RemoveMessage,
    SystemMessage,
)
from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.graph import END, START, StateGraph
from langgraph.graph.state import CompiledStateGraph
from langgraph.runtime import Runtime
from langgraph.types import interrupt

from coach import clock
from coach.game_plan import GamePlan, load_game_plan
from coach.guardrails import decline, forbidden_topic
from coach.learner_intents import unscored_reason
from coach.news import (
    NOT_RECORDED,
    Candidate,
    News,
    news_kind,
    read_news,
    unscored_news,
)
from coach.packs import coaching_steps, load_pack, second_person
from coach.rubric import rubric_assessment
from coach.scoring import Assessment, llm_assessment
from coach.text import key_phrase
from db.errors import AppError, Conflict, NotFound, Unavailable
from db.models import CoachingDomain, CoachingPersona, CoachingRound, NewRound
from db.repository import Repository
from db.settings import Settings
from graph.llm import chat_model, judge_model
from graph.state import WINDOW_MESSAGES, ChatState

log = logging.getLogger(__name__)

SUMMARY_CHARS = 800


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


def system_prompt(
    persona: CoachingPersona,
    plan: GamePlan | None,
    summary: str,
    topic_answers: Mapping[str, str] | None = None,
) -> str:
    """The persona's prompt for a language model. Its forbidden topics come with the answers
    the offline coach gives (`boundaries.topics` in the persona's pack), so a model asked
    "should I pay this fee?" says don't, and why, as the offline coach does."""
    prompt = persona.system_prompt.replace(
        "{game_plan}", plan.as_text() if plan else "(not available)"
    )
    parts = [prompt]
    if persona.coaching_style:
        parts.append(f"Your coaching style: {persona.coaching_style}.")
    if persona.success_conditions:
        parts.append(f"Success looks like: {persona.success_conditions}.")
    if persona.forbidden_topics:
        answers = topic_answers or {}
        lines = [
            "Never help with or encourage: " + "; ".join(persona.forbidden_topics) + ". If the "
            "student raises one, say so briefly (with the answer below where there is one) and "
            "steer back to the coaching goal."
        ]
        lines += [f"- {t}: {answers[t]}" for t in persona.forbidden_topics if t in answers]
        parts.append("\n".join(lines))
    if summary:
        parts.append(f"Earlier in this session: {summary}")
    return "\n\n".join(parts)


def last_learner_message(messages: list[AnyMessage]) -> HumanMessage:
    for message in reversed(messages):
        if isinstance(message, HumanMessage):
            return message
    raise ValueError("no learner message to answer")


class IncompleteReply(Unavailable):
    """The model's answer did not arrive whole: the turn fails and the message waits."""


COMPLETE = ("stop", "length")  # "length": the model's own token limit, a whole answer


def check_complete(answer: BaseMessage) -> None:
    """A reply counts only if the model said it was finished and said something: a stream
    that ends without a finish reason (closed, cut mid-event, no final chunk) or an empty one
    is a failed turn, never a recorded, scored round."""
    finish = answer.response_metadata.get("finish_reason")
    if not str(answer.content).strip():
        raise IncompleteReply(
            "The coach sent an empty reply. Your message is saved — press Retry.",
            detail=f"finish_reason={finish!r}",
        )
    if finish not in COMPLETE:
        raise IncompleteReply(
            "The coach's reply was cut off before it finished. Your message is saved — "
            "press Retry.",
            detail=f"finish_reason={finish!r}, {len(str(answer.content))} characters",
        )


def respond(state: ChatState, runtime: Runtime[ChatContext]) -> dict[str, Any]:
    ctx = runtime.context
    started = time.perf_counter()
    learner = last_learner_message(state["messages"])
    text = str(learner.content)
    round_number = state.get("round_number", 0) + 1
    topic = forbidden_topic(text, ctx.persona.forbidden_topics)
    pack = load_pack(ctx.domain.id)
    topic_answers = pack.boundaries.topics if pack is not None else {}
    memory: dict[str, Any] | None = None
    if topic is not None:
        steps = coaching_steps(ctx.persona.system_prompt)
        focus = second_person(steps[0]) + "." if steps else "your goal."
        reply = AIMessage(
            content=decline(topic, focus[0].upper() + focus[1:], topic_answers.get(topic))
        )
    else:
        plan = load_game_plan(ctx.repository, ctx.now()) if ctx.persona.uses_game_plan else None
        model = ctx.model_factory(
            ctx.settings,
            persona=ctx.persona,
            domain=ctx.domain,
            round_number=round_number,
            plan=plan,
            memory=state.get("coach_memory"),
        )
        summary = state.get("summary", "")
        prompt = SystemMessage(content=system_prompt(ctx.persona, plan, summary, topic_answers))
        answer = model.invoke([prompt, *state["messages"]])
        check_complete(answer)
        reply = AIMessage(content=str(answer.content), id=answer.id)
        remembered = answer.response_metadata.get("coach_memory")
        memory = remembered if isinstance(remembered, dict) else None
    elapsed = int((time.perf_counter() - started) * 1000)
    update: dict[str, Any] = {"messages": [reply], "response_time_ms": elapsed}
    if memory is not None:
        update["coach_memory"] = memory
    return update


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


def assess(ctx: ChatContext, question: str, learner: str) -> Assessment | None:
    """The judge (or the offline rubric) scores the learner's answer to the coach's
    question; the coach's own reply is not part of what is scored."""
    persona = ctx.persona
    try:
        judge = ctx.judge_factory(ctx.settings)
        if judge is not None:
            return llm_assessment(
                judge,
                coach_question=question,
                learner_message=learner,
                dimensions=persona.dimensions,
                success_conditions=persona.success_conditions,
            )
        return rubric_assessment(
            learner,
            domain_id=ctx.domain.id,
            coach_question=question,
            dimensions=persona.dimensions,
            knowledge_tags=ctx.domain.knowledge_tags,
            success_conditions=persona.success_conditions,
        )
    except Exception:  # the reply matters more than its score: store the round unscored
        log.exception("scoring failed; the round is stored without a score")
        return None


def assess_and_record(state: ChatState, runtime: Runtime[ChatContext]) -> dict[str, Any]:
    ctx = runtime.context
    messages = state["messages"]
    reply = messages[-1]
    learner = last_learner_message(messages)
    round_number = state.get("round_number", 0) + 1
    question = coach_question(messages, ctx.domain.default_opening)
    in_role_play = (state.get("coach_memory") or {}).get("scene") is not None
    text = str(learner.content)
    not_scored = unscored_reason(text, in_role_play=in_role_play) or (
        unscored_news(text) if ctx.persona.uses_game_plan else None
    )
    assessment = None if not_scored else assess(ctx, question, text)
    ctx.round_unscored = assessment is None and not not_scored
    user_id = ctx.repository.identity.user_id
    assert user_id is not None
    ctx.recorded = ctx.recorder.record_round(
        user_id=user_id,
        new_round=NewRound(
            domain_id=ctx.domain.id,
            session_id=ctx.session_id,
            round_number=round_number,
            learner_message=str(learner.content),
            coach_response=str(reply.content),
            response_time_ms=state.get("response_time_ms"),
            score=assessment.score if assessment else None,
            feedback=assessment.feedback if assessment else None,
            dimension_scores=assessment.dimension_scores if assessment else None,
            dimension_reasons=assessment.dimension_reasons or None if assessment else None,
            not_scored_reason=not_scored,
        ),
    )
    update: dict[str, Any] = {"round_number": round_number}
    overflow = len(messages) - WINDOW_MESSAGES
    if overflow > 0:
        dropped = messages[:overflow]
        update["messages"] = [RemoveMessage(id=m.id) for m in dropped if m.id]
        update["summary"] = extend_summary(state.get("summary", ""), dropped)
    return update


def extend_summary(summary: str, dropped: list[AnyMessage]) -> str:
    """Keep the gist of what left the window: the learner's own key phrases, newest last,
    bounded so the summary never grows the checkpoint."""
    points = [key_phrase(str(m.content), 12) for m in dropped if isinstance(m, HumanMessage)]
    merged = "; ".join(p for p in [summary, *points] if p)
    return merged[-SUMMARY_CHARS:]


# news: "I submitted the Gates application" (issue #17, HITL) ---------------------------------
def application_candidates(repository: Repository) -> list[Candidate]:
    """The student's applications by catalog title, read as the student (RLS applies)."""
    user_id = repository.identity.user_id
    assert user_id is not None
    applications = repository.list_applications(user_id=user_id)
    titles = repository.get_scholarships(ids=[a.scholarship_id for a in applications])
    return [
        Candidate(a.id, titles[a.scholarship_id].title, a.status)
        for a in applications
        if a.scholarship_id in titles
    ]


def noted(state: ChatState, text: str) -> dict[str, Any]:
    """The coach's line about what was recorded: appended to the reply it follows (same id,
    so add_messages replaces it and the model's window stays one reply per round) and kept
    as `news_note` for the page to show under that round."""
    note = {"round": state.get("round_number", 0), "text": text}
    update: dict[str, Any] = {"news_note": note, "news_notes": [note]}
    for message in reversed(state["messages"]):
        if isinstance(message, AIMessage):
            update["messages"] = [AIMessage(content=f"{message.content}\n\n{text}", id=message.id)]
            break
    return update


def propose_news(state: ChatState, runtime: Runtime[ChatContext]) -> dict[str, Any]:
    """The scholarship coach acts on news about one of the student's applications, always
    asking first in `confirm_news`. Submitted and Won are proposed now (the database keeps
    the one-time token); Lost needs no token, so it is only asked about and written on Yes: a
    sentence read without a model can be wrong ("I lost my Cal Grant essay file"). This node
    never runs again on resume, so the proposal is made once. The round is already recorded:
    a failure here costs the proposal (the game plan still has the buttons), never the reply."""
    ctx = runtime.context
    if not ctx.persona.uses_game_plan:
        return {}
    text = str(last_learner_message(state["messages"]).content)
    try:
        news = read_news(text, application_candidates(ctx.repository))
        if news is None:
            return {}
        if isinstance(news, str):
            return noted(state, news)
        token: str | None = None
        if news.kind != "lost":
            proposal = ctx.repository.propose_status(
                application_id=news.application_id, status=news.status
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
    text = str(last_learner_message(state["messages"]).content)
    return "propose_news" if news_kind(text) is not None else "__end__"


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
    if answer == SETTLED:
        return {"proposal": None, **noted(state, settled(repository, news))}
    if proposal["token"] is None:  # Lost: nothing was proposed, so Yes writes it
        text = record_lost(repository, news) if answer is True else NOT_RECORDED
        return {"proposal": None, **noted(state, text)}
    token = UUID(proposal["token"])
    if answer is True:
        text = confirm_news_status(repository, news, token)
    else:
        try:
            repository.withdraw_status(application_id=news.application_id, confirmation_token=token)
        except NotFound:
            pass  # no longer tracked: there is nothing to withdraw
        text = NOT_RECORDED
    return {"proposal": None, **noted(state, text)}


SETTLED = "settled elsewhere"  # the resume value when the Game plan answered the question


def settled(repository: Repository, news: News) -> str:
    """What the Game plan's answer did, said where the question was asked."""
    user_id = repository.identity.user_id
    assert user_id is not None
    now = {a.id: a.status for a in repository.list_applications(user_id=user_id)}
    if now.get(news.application_id) == news.status:
        return f"Answered on your game plan. {news.recorded()}"
    if news.application_id not in now:
        return "That application is no longer on your game plan, so nothing was recorded."
    return "Answered on your game plan: nothing was recorded."


def record_lost(repository: Repository, news: News) -> str:
    """Lost on the student's Yes; an application that moved on meanwhile (won on the game plan,
    say) is left as it is and the coach says so."""
    try:
        repository.propose_status(application_id=news.application_id, status=news.status)
    except NotFound:
        return "That application is no longer on your game plan, so nothing was recorded."
    except AppError as exc:
        log.warning("lost not recorded for %s: %s", news.application_id, exc.detail or exc)
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


def build_graph(
    checkpointer: BaseCheckpointSaver[Any] | None,
) -> CompiledStateGraph[ChatState, ChatContext, ChatState, ChatState]:
    builder = StateGraph(ChatState, context_schema=ChatContext)
    builder.add_node("respond", respond)
    builder.add_node("assess_and_record", assess_and_record)
    builder.add_node("propose_news", propose_news)
    builder.add_node("confirm_news", confirm_news)
    builder.add_edge(START, "respond")
    builder.add_edge("respond", "assess_and_record")
    builder.add_conditional_edges("assess_and_record", route_recorded)
    builder.add_conditional_edges("propose_news", route_news)
    builder.add_edge("confirm_news", END)
    return builder.compile(checkpointer=checkpointer)
