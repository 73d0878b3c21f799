"""The offline coach as a LangChain chat model, so the graph calls and streams it like any
other model: it is given the memory the graph kept, answers the learner's last message with
the round composed in reply.py, and hands the new memory back in the reply's metadata, with
a finish reason as a language model would."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage, HumanMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import Field

from coach.game_plan import GamePlan
from coach.offline_coach.reply import compose_reply
from coach.offline_coach.turn import CoachMemory
from coach.packs import CoachPack


class OfflineCoachModel(BaseChatModel):
    """A chat model that answers from the persona's pack, not from a neural network."""

    domain_id: str
    pack: CoachPack
    memory: CoachMemory = Field(default_factory=CoachMemory)
    round_number: int = 1
    plan: GamePlan | None = None
    plan_aware: bool = False
    opening: str | None = None  # the session's first question, before any reply of ours

    @property
    def _llm_type(self) -> str:
        return "offline-persona-coach"

    def __repr_args__(self) -> list[tuple[str | None, Any]]:
        """LangChain puts the model's repr in every run's trace metadata; with the persona's
        whole pack in it that cost ~0.5 ms of every turn."""
        return [("domain_id", self.domain_id), ("round_number", self.round_number)]

    def _reply(self, messages: list[BaseMessage]) -> tuple[str, dict[str, Any]]:
        humans = [i for i, m in enumerate(messages) if isinstance(m, HumanMessage)]
        at = humans[-1] if humans else 0
        learner = messages[at] if humans else None
        text = learner.content if learner is not None and isinstance(learner.content, str) else ""
        asked = next(
            (m.content for m in reversed(messages[:at]) if isinstance(m, AIMessage)),
            self.opening,
        )
        reply, memory = compose_reply(
            text,
            pack=self.pack,
            memory=self.memory,
            round_number=self.round_number,
            plan=self.plan,
            plan_aware=self.plan_aware,
            question=asked if isinstance(asked, str) else None,
        )
        return reply, {"finish_reason": "stop", "coach_memory": memory.model_dump(mode="json")}

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        reply, finished = self._reply(messages)
        message = AIMessage(content=reply, response_metadata=finished)
        return ChatResult(generations=[ChatGeneration(message=message)])

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        reply, finished = self._reply(messages)
        # a few words a chunk: each chunk costs LangChain and LangGraph a callback and a
        # stream event, and the page draws at most once a frame anyway
        for token in re.findall(r"(?:\S+\s*){1,8}", reply):
            yield ChatGenerationChunk(message=AIMessageChunk(content=token))
        # the end of the reply, said the way OpenAI says it: a complete answer
        yield ChatGenerationChunk(
            message=AIMessageChunk(content="", response_metadata=finished),
            generation_info={"finish_reason": "stop"},
        )
