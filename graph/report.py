"""Who writes a report card's words: the configured model (structured output, temperature 0)
or the offline coach. The numbers never come from a model: they are computed from the rounds
(and again by the database when the report is stored); the model is only asked for the
strengths, next steps and summary, and any failure of it falls back to the offline words,
with the card saying so.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from langchain_core.language_models.chat_models import BaseChatModel
from pydantic import BaseModel

from coach.report import (
    LINE_CHARS,
    MAX_LINES,
    OFFLINE_AUTHOR,
    SUMMARY_CHARS,
    ReportNumbers,
    ReportWords,
    ScoredRound,
    dimension_label,
    offline_words,
)
from db.models import CoachingPersona

log = logging.getLogger(__name__)

MESSAGES_IN_PROMPT = 12  # the latest learner messages, each cut short: enough to be specific
MESSAGE_CHARS = 400

REPORT_PROMPT = """You write the report card that closes a coaching session.
What success looks like for this coach: {success}
The learner's averages, computed from the scored rounds (1 = poor, 10 = excellent):
overall {overall}/10 over {rounds} scored round(s); {dimensions}.
Write, for the learner, in the second person:
- strengths: 1 to 3 short lines, each naming a dimension in plain words;
- next_steps: 1 to 3 short, concrete lines, each naming a dimension to improve and how;
- summary: one line.
Hold strengths and next steps against what success looks like. Use only the averages given;
do not invent other numbers. Each line at most 200 characters."""


class ModelReport(BaseModel):
    """The model's answer. Plain lists and a string, no bounds in the schema: OpenAI's strict
    mode takes it as is, and the bounds are applied after (too many lines are cut, an empty
    answer falls back to the offline words)."""

    strengths: list[str]
    next_steps: list[str]
    summary: str


def _lines(lines: list[str]) -> list[str]:
    kept = [" ".join(line.split()) for line in lines if line and line.strip()]
    return [line[:LINE_CHARS] for line in kept][:MAX_LINES]


def model_words(
    model: BaseChatModel,
    numbers: ReportNumbers,
    rounds: Sequence[ScoredRound],
    persona: CoachingPersona,
) -> ReportWords:
    """Raises on any failure (the caller falls back to the offline words)."""
    dimensions = (
        ", ".join(
            f"{dimension_label(name)} {value}/10"
            for name, value in numbers.dimension_averages.items()
        )
        or "no dimension scores"
    )
    said = [
        f"Round {r.round_number}: {' '.join(r.learner_message.split())[:MESSAGE_CHARS]}"
        for r in list(rounds)[-MESSAGES_IN_PROMPT:]
    ]
    writer = model.with_structured_output(ModelReport)
    out = writer.invoke(
        [
            (
                "system",
                REPORT_PROMPT.format(
                    success=persona.success_conditions or "-",
                    overall=numbers.overall_average,
                    rounds=numbers.rounds_scored,
                    dimensions=dimensions,
                ),
            ),
            ("human", "What the learner said:\n" + "\n".join(said)),
        ]
    )
    if not isinstance(out, ModelReport):
        raise TypeError(f"the model answered {type(out).__name__}, not a report")
    return ReportWords(
        strengths=_lines(out.strengths),
        next_steps=_lines(out.next_steps),
        summary=" ".join(out.summary.split())[:SUMMARY_CHARS],
    )


def write_words(
    model: BaseChatModel | None,
    model_name: str,
    numbers: ReportNumbers,
    rounds: Sequence[ScoredRound],
    persona: CoachingPersona,
) -> tuple[ReportWords, str]:
    """(words, who wrote them): the model when there is one and it answers soundly, else
    the offline coach, saying why when the model was tried and failed."""
    offline = offline_words(numbers, rounds, success_conditions=persona.success_conditions)
    if model is None:
        return offline, OFFLINE_AUTHOR
    try:
        return model_words(model, numbers, rounds, persona), model_name[:200]
    except Exception:  # a report is still owed: the offline coach writes it
        log.exception("the model could not write the report; the offline coach wrote it")
        return offline, f"{OFFLINE_AUTHOR} ({model_name[:120]} was unavailable)"
