"""The one place that decides which model answers and which judges: ChatOpenAI (or any
OpenAI-compatible server) when a key is set, else the offline practice coach and the
offline rubric. Pages read `label` from here too, so what a student is told and what runs
cannot disagree. LangChain is imported inside the functions: Home reads the label and must
not pay for the model stack.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from db.settings import Settings

if TYPE_CHECKING:
    from langchain_core.language_models.chat_models import BaseChatModel

    from coach.game_plan import GamePlan
    from db.models import CoachingDomain, CoachingPersona


def openai_model(settings: Settings, *, streaming: bool, temperature: float) -> BaseChatModel:
    from langchain_openai import ChatOpenAI

    assert settings.openai_api_key is not None
    return ChatOpenAI(
        model=settings.openai_model,
        api_key=settings.openai_api_key,
        base_url=settings.openai_base_url,
        timeout=settings.openai_timeout_s,
        max_retries=settings.openai_max_retries,
        streaming=streaming,
        temperature=temperature,
    )


def chat_model(
    settings: Settings,
    *,
    persona: CoachingPersona,
    domain: CoachingDomain,
    round_number: int,
    plan: GamePlan | None,
    memory: dict[str, Any] | None = None,
) -> BaseChatModel:
    """The coach's voice for one round. The offline coach is rebuilt every round, so what
    it remembers of the session comes in as `memory` (the graph keeps it); a language
    model has the conversation itself and ignores it."""
    if settings.openai_api_key is not None:
        return openai_model(settings, streaming=True, temperature=0.4)
    from coach.offline_coach import CoachMemory, OfflineCoachModel
    from coach.packs import pack_for

    return OfflineCoachModel(
        domain_id=domain.id,
        pack=pack_for(persona, domain),
        memory=CoachMemory.model_validate(memory or {}),
        round_number=round_number,
        plan=plan,
        plan_aware=persona.uses_game_plan,
        opening=domain.default_opening,
    )


def judge_model(settings: Settings) -> BaseChatModel | None:
    """The model that scores a round, or None: the offline rubric scores it."""
    if settings.openai_api_key is None:
        return None
    return openai_model(settings, streaming=False, temperature=0)


def label(settings: Settings) -> str:
    """Who answers, as a student is told it: never a setup instruction."""
    if settings.openai_api_key is not None:
        return settings.openai_model
    return "Practice coach (offline)"
