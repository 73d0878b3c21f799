"""The offline persona coach: a real, deterministic chat model for when no language model
is configured. It follows the persona's coaching-style steps round by round, reflects the
learner's own words, brings in the domain's knowledge tags, asks a Socratic question, and
streams its reply token by token through the same LangChain/LangGraph path as ChatOpenAI.
The UI labels it "Offline coach"; it never pretends to be a language model.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage, HumanMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult

from coach.game_plan import GamePlan
from coach.text import key_phrase, pick, stems

QUESTIONS = [
    "What outcome would tell you this went well?",
    "What have you already tried, and what happened?",
    "What is the biggest risk you see, and how would you notice it early?",
    "If you had to explain your approach to a colleague in one sentence, what would you say?",
    "Which assumption here are you least sure about?",
    "What is one small step you could take in the next 24 hours?",
    "What would the other person say matters most to them?",
    "What would you do differently if you started again tomorrow?",
]

TODAY = re.compile(r"\b(today|next step|what should i do|where do i start|now what)\b", re.I)

_PRONOUNS = [
    (r"\bthe (learner|student) (?=current\b)", "your "),
    (r"\btheir\b", "your"),
    (r"\bthey\b", "you"),
    (r"\bthem\b", "you"),
    (r"\bthe learner's\b", "your"),
    (r"\bthe learner\b", "you"),
    (r"\bthe student's\b", "your"),
    (r"\bthe student\b", "you"),
    (r"\bthemselves\b", "yourself"),
]


def coaching_steps(system_prompt: str) -> list[str]:
    """The numbered 'Coaching style' steps every seed persona lists."""
    section = system_prompt.split("Coaching style:", 1)[-1]
    return [m.strip() for m in re.findall(r"^\s*\d+\.\s*(.+)$", section, flags=re.M)]


def second_person(step: str) -> str:
    text = step[0].lower() + step[1:] if step else step
    for pattern, repl in _PRONOUNS:
        text = re.sub(pattern, repl, text)
    return text.rstrip(".")


def plan_reply(plan: GamePlan | None, round_number: int) -> str:
    if plan is None or not plan.top3:
        if plan is not None and plan.check_ins:
            check = plan.check_ins[0]
            return (
                f"Nothing is due right now, but it's time to check in on {check.title}. "
                "Have you heard back? If not, a short, polite status email is a good step today."
            )
        if plan is not None and plan.states:
            return (
                "Nothing open needs work right now: your applications are submitted or "
                "decided. A good step today is discovery: find two or three new scholarships "
                "that fit you. Which kind would you like to look for?"
            )
        return (
            "You're not tracking any applications yet, so today's step is discovery: open "
            "Discovery, run a search, and track two or three scholarships that fit you. "
            "Which kind of scholarship would you like to start with?"
        )
    first = plan.top3[0]
    due = f"it's {first.due}" if first.due is not None else "it has no fixed deadline"
    quick = (
        " It's a quick form, so it may be done in one sitting."
        if (first.application_type == "form")
        else ""
    )
    rest = ""
    if len(plan.top3) > 1:
        later = [i.title for i in plan.top3[1:]]
        rest = f" After that, {' and '.join(later)} {'is' if len(later) == 1 else 'are'} next."
    check_line = ""
    if plan.check_ins:
        check_line = f" Also: have you heard back from {plan.check_ins[0].title}?"
    ask = pick(
        [
            "What is the one part of it you can finish in the next hour?",
            "What is left on it, and which piece will you do first?",
            "What time today will you block out for it?",
        ],
        round_number,
        first.title,
    )
    return f"Today, focus on {first.title}: {due}.{quick}{rest}{check_line} {ask}"


def compose_reply(
    learner_text: str,
    *,
    round_number: int,
    steps: list[str],
    knowledge_tags: list[str],
    plan: GamePlan | None = None,
    plan_aware: bool = False,
) -> str:
    """The whole reply, deterministic in its inputs (so tests and replays are stable)."""
    if plan_aware and TODAY.search(learner_text):
        return plan_reply(plan, round_number)
    said = stems(learner_text)
    reflect = key_phrase(learner_text)
    opening = f"You said: “{reflect}”." if reflect else "Thanks — let's take it one step at a time."
    step_line = ""
    if steps:
        index = (round_number - 1) % len(steps)
        step_line = f" Step {index + 1} of how we'll work: {second_person(steps[index])}."
    tag_line = ""
    if knowledge_tags:
        matching = [t for t in knowledge_tags if stems(t.replace("_", " ")) & said]
        tag = matching[0] if matching else knowledge_tags[(round_number - 1) % len(knowledge_tags)]
        words = tag.replace("_", " ")
        tag_line = (
            f" You're already touching on {words} — let's go deeper there."
            if matching
            else f" Let's bring {words} into this."
        )
    plan_line = ""
    if plan_aware and plan is not None and plan.top3:
        first = plan.top3[0]
        when = f", {first.due}" if first.due is not None else ""
        plan_line = f" Keep {first.title} in view{when}."
    question = pick(QUESTIONS, round_number, learner_text)
    return f"{opening}{step_line}{tag_line}{plan_line} {question}"


FINISHED = {"finish_reason": "stop"}


class OfflineCoachModel(BaseChatModel):
    """A chat model that answers from the persona, not from a neural network."""

    steps: list[str] = []
    knowledge_tags: list[str] = []
    round_number: int = 1
    plan: GamePlan | None = None
    plan_aware: bool = False

    @property
    def _llm_type(self) -> str:
        return "offline-persona-coach"

    def _reply(self, messages: list[BaseMessage]) -> str:
        learner = next((m for m in reversed(messages) if isinstance(m, HumanMessage)), None)
        text = learner.content if learner is not None and isinstance(learner.content, str) else ""
        return compose_reply(
            text,
            round_number=self.round_number,
            steps=self.steps,
            knowledge_tags=self.knowledge_tags,
            plan=self.plan,
            plan_aware=self.plan_aware,
        )

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        message = AIMessage(content=self._reply(messages), response_metadata=FINISHED)
        return ChatResult(generations=[ChatGeneration(message=message)])

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        for token in re.findall(r"(?:\S+\s*){1,3}", self._reply(messages)):
            yield ChatGenerationChunk(message=AIMessageChunk(content=token))
        # the end of the reply, said the way OpenAI says it: a complete answer
        yield ChatGenerationChunk(
            message=AIMessageChunk(content="", response_metadata=FINISHED),
            generation_info=FINISHED,
        )
