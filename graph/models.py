"""Which chat model answers: ChatOpenAI when a key is set, else the offline persona coach."""

from __future__ import annotations

from langchain_core.language_models.chat_models import BaseChatModel

from coach.game_plan import GamePlan
from coach.offline_coach import OfflineCoachModel, coaching_steps
from db.models import CoachingDomain, CoachingPersona
from db.settings import Settings


def openai_model(settings: Settings, *, streaming: bool = True) -> BaseChatModel:
    from langchain_openai import ChatOpenAI

    assert settings.openai_api_key is not None
    return ChatOpenAI(
        model=settings.openai_model,
        api_key=settings.openai_api_key,
        base_url=settings.openai_base_url,
        timeout=settings.openai_timeout_s,
        max_retries=settings.openai_max_retries,
        streaming=streaming,
        temperature=0.4,
    )


def chat_model(
    settings: Settings,
    *,
    persona: CoachingPersona,
    domain: CoachingDomain,
    round_number: int,
    plan: GamePlan | None,
) -> BaseChatModel:
    if settings.openai_api_key is not None:
        return openai_model(settings)
    return OfflineCoachModel(
        steps=coaching_steps(persona.system_prompt),
        knowledge_tags=domain.knowledge_tags,
        round_number=round_number,
        plan=plan,
        plan_aware=persona.domain_id == "scholarship_coach",
    )


def model_label(settings: Settings) -> str:
    """What a student is told answers them: never a setup instruction (that is the
    admin's "About this install")."""
    if settings.openai_api_key is not None:
        return settings.openai_model
    return "Practice coach (offline)"
