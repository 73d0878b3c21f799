"""The offline persona coach: a real, deterministic chat model for when no language model
is configured. It works from the persona's hand-written pack (coach/packs.py): answers the
learner's question first, quotes and critiques their words against the persona's
dimensions, runs the persona's scenario (a prospect, an upset customer, a design problem,
a first-week plan, the scholarship game plan), and moves on when a success condition is
covered, never because rounds passed. What it has asked and seen is carried between rounds
in `CoachMemory`, which the graph checkpoints. The UI labels it "Offline coach"; it never
pretends to be a language model.

The chat model is here; the round it says is composed in `offline_reply` from the parts in
`offline_turn` (memory), `offline_feedback`, `offline_scenario` and `offline_answers`. The
names other modules import from here stay importable from here.
"""

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
from coach.offline_reply import compose_reply as compose_reply
from coach.offline_turn import CoachMemory as CoachMemory
from coach.packs import CoachPack
from coach.packs import coaching_steps as coaching_steps
from coach.packs import second_person as second_person
from coach.plan_reply import plan_reply as plan_reply


class OfflineCoachModel(BaseChatModel):
    """A chat model that answers from the persona's pack, not from a neural network."""

    domain_id: str
    pack: CoachPack
    memory: CoachMemory = Field(default_factory=CoachMemory)
    round_number: int = 1
    plan: GamePlan | None = None
    plan_aware: bool = False

    @property
    def _llm_type(self) -> str:
        return "offline-persona-coach"

    def __repr_args__(self) -> list[tuple[str | None, Any]]:
        """LangChain puts the model's repr in every run's trace metadata; with the persona's
        whole pack in it that cost ~0.5 ms of every turn."""
        return [("domain_id", self.domain_id), ("round_number", self.round_number)]

    def _reply(self, messages: list[BaseMessage]) -> tuple[str, dict[str, Any]]:
        learner = next((m for m in reversed(messages) if isinstance(m, HumanMessage)), None)
        text = learner.content if learner is not None and isinstance(learner.content, str) else ""
        reply, memory = compose_reply(
            text,
            pack=self.pack,
            memory=self.memory,
            round_number=self.round_number,
            plan=self.plan,
            plan_aware=self.plan_aware,
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
