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
from collections.abc import Mapping
from typing import Any

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

from coach.crisis import CRISIS_REPLY, in_crisis
from coach.game_plan import GamePlan, load_game_plan
from coach.guardrails import decline, forbidden_topic
from coach.incident import follows_incident
from coach.language import NOT_ENGLISH_REASON
from coach.learner_intents import ASKING, unscored_reason
from coach.news import NEWS_ONLY_REASON, NEWS_REASON, has_next_step, unscored_news
from coach.offline_coach.scenario import is_offer
from coach.packs import coaching_steps, load_pack, second_person
from coach.question_forms import background_then_asks
from coach.rubric import coach_words, rubric_assessment
from coach.scam_sent import SCAM_SENT_REPLY, scam_reason, sent_to_scam, warned_of_scam
from coach.scoring import Assessment, llm_assessment
from coach.short_answers import stepping_away, too_short
from coach.text import key_phrase
from coach.yes_no import asks_yes_or_no, said_as_news
from db.errors import ROUND_TAKEN, Conflict, Unavailable
from db.models import CoachingPersona, CoachingRound, NewRound
from graph.chat_context import ChatContext, coach_question, last_learner_message
from graph.chat_news import confirm_news, propose_news, route_news, route_recorded
from graph.state import WINDOW_MESSAGES, ChatState

log = logging.getLogger(__name__)
PICKED_REASON = "choosing what to work on, not an answer"
ASIDE_REASON = "an aside, not an answer"
CONTEXT_REASON = "telling the coach where you stand, not an answer to score"
THEIR_LINE_REASON = "what the other side says, not an answer to score"
BRIEF_REASON = "telling the coach what you're working on, not an answer to score"
DRAFT_REASON = "a paragraph of your essay to coach, not an answer to score"
TOO_SHORT_REASON = "too short to coach yet: the coach asked for a little more"
WORD_OR_TWO_REASON = "a word or two, too short to score"

SUMMARY_CHARS = 800


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
    by_model = False
    if in_crisis(text):  # where to get help now, the same words in either mode
        reply = AIMessage(content=CRISIS_REPLY)
    elif sent_to_scam(
        text,
        after_warning=warned_of_scam(coach_question(state["messages"], ctx.domain.default_opening)),
    ):  # what to do today, the same words in either mode
        reply = AIMessage(content=SCAM_SENT_REPLY)
    elif topic is not None:
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
        by_model = memory is None  # no offline coach read this round
    elapsed = int((time.perf_counter() - started) * 1000)
    update: dict[str, Any] = {
        "messages": [reply],
        "response_time_ms": elapsed,
        "by_model": by_model,
    }
    if memory is not None:
        update["coach_memory"] = memory
    return update


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
            coach_text=coach_words(
                persona.system_prompt,
                ctx.domain.description,
                ctx.domain.scenario,
                ctx.domain.default_opening,
            ),
        )
    except Exception:  # the reply matters more than its score: store the round unscored
        log.exception("scoring failed; the round is stored without a score")
        return None


def words_only_reason(text: str) -> str | None:
    """A model's round is read by no offline coach: an audit's "brb" and "caching" went to the
    judge and were scored (7/10), where offline they are kept unscored as an aside and as too
    short. From the words alone, the same."""
    if stepping_away(text):
        return ASIDE_REASON
    return WORD_OR_TWO_REASON if too_short(text) else None


def assess_and_record(state: ChatState, runtime: Runtime[ChatContext]) -> dict[str, Any]:
    ctx = runtime.context
    messages = state["messages"]
    reply = messages[-1]
    learner = last_learner_message(messages)
    round_number = state.get("round_number", 0) + 1
    question = coach_question(messages, ctx.domain.default_opening)
    memory = state.get("coach_memory")
    # a role-play the reply began was not on when the learner wrote ("ya" to the offer)
    in_role_play = (memory or {}).get("scene") is not None and not (memory or {}).get("scene_began")
    text = said_as_news(str(learner.content), question)  # "no" to "…what did they say?"
    # money sent to a scam, and the step after it: what to do today, never a score
    crisis = in_crisis(text)
    safety = None if crisis else scam_reason(text, question)
    # news first, for a plan-aware coach: "I got it!" was kept as "a thank-you or a greeting"
    # (a regression audit); a crisis is still read before anything
    news = unscored_news(text) if ctx.persona.uses_game_plan and not crisis else None
    not_scored = (
        safety
        or news
        or unscored_reason(
            text,
            in_role_play=in_role_play,
            after_incident=follows_incident(question),
            after_offer=is_offer(question),
            after_yes_no=asks_yes_or_no(question),
        )
        or (
            (unscored_news(text) or (ASKING if background_then_asks(text) else None))
            if ctx.persona.uses_game_plan
            else None
        )
    )
    if (
        not not_scored
        and (memory or {}).get("last_news")
        and not has_next_step(text)  # "…has agreed to write the letter. I'll send him…"
    ):
        # the offline coach read it as news ("river city said no"; to the sales coach,
        # "rejected :(", which a recheck found met as news and scored 2/10)
        not_scored = NEWS_REASON if ctx.persona.uses_game_plan else NEWS_ONLY_REASON
    if not not_scored and ctx.persona.uses_game_plan and (memory or {}).get("picked"):
        not_scored = PICKED_REASON  # "Let's do Community Leaders Grant."
    if not not_scored and (memory or {}).get("aside"):
        not_scored = ASIDE_REASON  # "btw did u see the game last night lmao", "brb"
    if not not_scored and (memory or {}).get("not_english"):
        not_scored = NOT_ENGLISH_REASON  # "¿Debo usar SQL o NoSQL?": offline, English only
    if not not_scored and (memory or {}).get("too_short"):
        not_scored = TOO_SHORT_REASON  # "caching": the coach asked for a little more
    if not not_scored and (memory or {}).get("context"):
        not_scored = CONTEXT_REASON  # "im a junior, nursing, 3.6", asked where they stand
    if not not_scored and (memory or {}).get("their_line"):
        not_scored = THEIR_LINE_REASON  # "she says: i didn't mean anything by it"
    if not not_scored and (memory or {}).get("brief"):
        not_scored = BRIEF_REASON  # "im designing a notification system, push and email"
    if not not_scored and (memory or {}).get("draft"):
        not_scored = DRAFT_REASON  # "When I was twelve, my mom lost her job and I…"
    if not not_scored and state.get("by_model"):
        not_scored = words_only_reason(text)  # what the offline coach's memory would say
    assessment = None if not_scored else assess(ctx, question, text)
    ctx.round_unscored = assessment is None and not not_scored
    user_id = ctx.repository.identity.user_id
    assert user_id is not None
    new_round = NewRound(
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
    )
    ctx.recorded = record_once(ctx, user_id, new_round)
    round_number = ctx.recorded.round_number
    update: dict[str, Any] = {"round_number": round_number}
    overflow = len(messages) - WINDOW_MESSAGES
    if overflow > 0:
        dropped = messages[:overflow]
        update["messages"] = [RemoveMessage(id=m.id) for m in dropped if m.id]
        update["summary"] = extend_summary(state.get("summary", ""), dropped)
    return update


def record_once(ctx: ChatContext, user_id: Any, new_round: NewRound) -> CoachingRound:
    """Record the round, healing the two ways its number can already be taken: another
    tab's run recorded this very message (that round stands; nothing is recorded twice),
    or this thread's count fell behind the database after a run lost such a race (the round
    takes the next free number). Without this, every later turn met "already recorded"."""
    try:
        return ctx.recorder.record_round(user_id=user_id, new_round=new_round)
    except Conflict as exc:
        if exc.message != ROUND_TAKEN:
            raise
    stored = ctx.repository.list_rounds(session_id=ctx.session_id)
    latest = stored[-1] if stored else None
    if latest is not None and latest.learner_message == new_round.learner_message:
        log.warning(
            "round %s of %s was recorded by another run", latest.round_number, ctx.session_id
        )
        # the other run cleared the message it recorded; one saved again since is this one
        ctx.repository.discard_pending_message(session_id=ctx.session_id)
        return latest
    following = max((r.round_number for r in stored), default=0) + 1
    log.warning("session %s was behind its rounds; recording round %s", ctx.session_id, following)
    return ctx.recorder.record_round(
        user_id=user_id, new_round=new_round.model_copy(update={"round_number": following})
    )


def extend_summary(summary: str, dropped: list[AnyMessage]) -> str:
    """Keep the gist of what left the window: the learner's own key phrases, newest last,
    bounded so the summary never grows the checkpoint."""
    points = [key_phrase(str(m.content), 12) for m in dropped if isinstance(m, HumanMessage)]
    merged = "; ".join(p for p in [summary, *points] if p)
    return merged[-SUMMARY_CHARS:]


# news: "I submitted the Gates application" (issue #17, HITL) ---------------------------------
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
