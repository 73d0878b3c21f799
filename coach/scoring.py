"""Scoring a coaching round 1-10 against the persona's evaluation dimensions.

Offline, a deterministic rubric reads the learner's message: engagement (did they say
enough, and why), specificity (numbers, names, concrete detail), use of the domain's
concepts (knowledge tags and dimension words), and progress toward the success conditions
(commitments, plans). With a model configured, an LLM judge returns the same shape through
structured output; either way the result is an `Assessment`.
"""

from __future__ import annotations

import re
from statistics import mean
from typing import Any

from pydantic import BaseModel, Field, field_validator

from coach.text import stems, words

ACTION = re.compile(
    r"\b(i will|i'll|i plan|next|by (mon|tue|wed|thu|fri|sat|sun|tomorrow|\d))", re.I
)
REASON = re.compile(r"\b(because|so that|since|which means)\b", re.I)
CONCRETE = re.compile(
    r"\d|\$|%|\b[A-Z][a-z]+\b|(?i:\b(one|two|three|four|five|six|seven|eight|nine|ten|"
    r"twice|once|today|tomorrow|yesterday|morning|afternoon|evening|week|month|hours?|"
    r"minutes?|days?)\b)"
)

TIPS = {
    "engagement": "say a little more about why",
    "specificity": "add a concrete detail such as a number, a name or a date",
    "concepts": "use the ideas this coach is teaching",
    "progress": "name the next thing you will do and when",
}
LABELS = {
    "engagement": "engagement",
    "specificity": "specific detail",
    "concepts": "use of the domain's concepts",
    "progress": "progress toward the goal",
}


class Assessment(BaseModel):
    score: int = Field(ge=1, le=10)
    feedback: str = Field(min_length=1, max_length=400)
    dimension_scores: dict[str, int]

    @field_validator("dimension_scores")
    @classmethod
    def _in_range(cls, v: dict[str, int]) -> dict[str, int]:
        for name, value in v.items():
            if not 1 <= value <= 10:
                raise ValueError(f"{name} must be between 1 and 10")
        return v


def clamp(value: float) -> int:
    return max(1, min(10, round(value)))


# Which rubric feature speaks most to a dimension, by the words in its name.
FEATURE_WORDS = {
    "specificity": ("clarity", "articulation", "rationale", "requirements", "technical"),
    "engagement": ("empathy", "understanding", "curiosity", "listening", "self"),
    "concepts": ("process", "adherence", "foundation", "architecture", "trade", "option"),
    "progress": (
        "resolution",
        "handling",
        "follow",
        "velocity",
        "application",
        "decision",
        "deadline",
        "task",
        "de_escalation",
        "breakdown",
    ),
}


def feature_for(dimension: str) -> str:
    for feature, hints in FEATURE_WORDS.items():
        if any(hint in dimension for hint in hints):
            return feature
    return "engagement"


def rubric_features(
    learner_message: str, *, knowledge_tags: list[str], dimensions: list[str], success: str
) -> dict[str, float]:
    said = stems(learner_message)
    count = len(words(learner_message))
    concepts = set().union(*(stems(t.replace("_", " ")) for t in knowledge_tags + dimensions))
    goal = stems(success)
    non_initial = CONCRETE.findall(" ".join(learner_message.split()[1:]))
    return {
        "engagement": min(10.0, 2 + count / 6 + (2 if REASON.search(learner_message) else 0)),
        "specificity": min(10.0, 2 + 1.5 * len(non_initial)),
        "concepts": min(10.0, 3 + 2.5 * len(said & concepts)),
        "progress": min(
            10.0, 3 + 2 * len(said & goal) + (3 if ACTION.search(learner_message) else 0)
        ),
    }


def rubric_assessment(
    learner_message: str,
    *,
    dimensions: list[str],
    knowledge_tags: list[str],
    success_conditions: str | None,
) -> Assessment:
    features = rubric_features(
        learner_message,
        knowledge_tags=knowledge_tags,
        dimensions=dimensions,
        success=success_conditions or "",
    )
    base = mean(features.values())
    said = stems(learner_message)
    names = dimensions or list(features)
    dimension_scores = {
        name: clamp(
            (base + features[feature_for(name)]) / 2
            + (1 if stems(name.replace("_", " ")) & said else 0)
        )
        for name in names
    }
    strongest = max(features, key=lambda k: features[k])
    weakest = min(features, key=lambda k: features[k])
    feedback = f"Strongest: {LABELS[strongest]}. Next time, {TIPS[weakest]}."
    return Assessment(
        score=clamp(mean(dimension_scores.values())),
        feedback=feedback,
        dimension_scores=dimension_scores,
    )


JUDGE_PROMPT = """You assess one round of a coaching conversation.
Coach persona success conditions: {success}
Evaluation dimensions: {dimensions}
Score the LEARNER's message (not the coach) from 1 (poor) to 10 (excellent) on each
dimension, give an overall score 1-10, and one line of feedback (max 200 characters)
telling the learner what was strong and what to do next."""


class DimensionScore(BaseModel):
    name: str
    score: int = Field(ge=1, le=10)


class JudgeOutput(BaseModel):
    """A list, not a dict, of dimension scores: OpenAI's strict json_schema mode refuses an
    object whose keys are not declared (additionalProperties must be false)."""

    score: int = Field(ge=1, le=10)
    feedback: str
    dimension_scores: list[DimensionScore]


def llm_assessment(
    model: Any,
    *,
    learner_message: str,
    coach_response: str,
    dimensions: list[str],
    success_conditions: str | None,
) -> Assessment:
    """An LLM judge with structured output; raises on any failure (the caller keeps the
    round and leaves the score empty to retry later)."""
    judge = model.with_structured_output(JudgeOutput)
    out: JudgeOutput = judge.invoke(
        [
            (
                "system",
                JUDGE_PROMPT.format(
                    success=success_conditions or "-", dimensions=", ".join(dimensions)
                ),
            ),
            ("human", f"Learner: {learner_message}\n\nCoach: {coach_response}"),
        ]
    )
    given = {d.name: d.score for d in out.dimension_scores}
    scores = {d: clamp(given.get(d, out.score)) for d in dimensions}
    return Assessment(score=out.score, feedback=out.feedback[:400], dimension_scores=scores)
