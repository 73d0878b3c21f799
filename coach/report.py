"""A session's report card, offline: averages from the scored rounds, then strengths and next
steps in plain words, held against what the persona counts as success.

Pure: rounds and persona in, a report out. The numbers are computed the way the database
computes the stored ones (`record_session_report`: the mean, rounded half-up to one decimal,
a dimension without a number skipped), so what the words say and what the card shows agree.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Protocol

from pydantic import BaseModel, Field

from coach.packs import second_person
from coach.text import key_phrase

STRONG = Decimal("7.0")  # an average from here up counts as a strength
FAIR = Decimal("5.0")  # below it, the best dimension so far is not called a strength
MAX_LINES = 3
LINE_CHARS = 300
SUMMARY_CHARS = 400
OFFLINE_AUTHOR = "offline practice coach"

NOTHING_SCORED = (
    "Nothing in this session has been scored yet, so there is no report to write. "
    "Please try again in a moment."
)

# Dimension names as a person would write them (the rest: underscores become spaces).
_LABELS = {
    "de_escalation": "de-escalation",
    "trade_off_analysis": "trade-off analysis",
    "self_advocacy": "self-advocacy",
    "follow_through": "follow-through",
}


# One concrete move per seed dimension, said to the student; any other dimension gets the
# general one.
TIPS = {
    "process_adherence": "say which stage the deal is in before you jump ahead",
    "customer_understanding": "ask what the customer needs and say it back in their words",
    "value_articulation": "tie what you offer to one outcome the customer cares about",
    "objection_handling": "name the objection, then answer it with evidence",
    "requirements_clarity": "state each requirement as a number: users, latency, uptime",
    "option_evaluation": "put two options side by side before you choose",
    "trade_off_analysis": "say what each option costs you, not only what it gives",
    "decision_rationale": "write down why you chose, in one sentence",
    "empathy": "name how the other person feels before you fix anything",
    "clarity": "say it in one short sentence with one concrete detail",
    "de_escalation": "acknowledge the frustration and lower the stakes before explaining",
    "problem_resolution": "end with what you will do and by when",
    "technical_foundation": "explain the idea in your own words with an example",
    "learning_velocity": "try it hands-on and say what you found",
    "practical_application": "connect it to a real task on your team",
    "curiosity": "ask one question about why it works that way",
    "deadline_awareness": "name the deadline and how many days are left",
    "task_breakdown": "split the big task into steps you can finish in under an hour",
    "follow_through": "say when you will do the next step, then report back",
    "self_advocacy": "ask for what you need: a recommendation, an extension, help",
}
GENERAL_TIP = "give a specific example and a next step with a date"


def tip_for(dimension: str) -> str:
    return TIPS.get(dimension, GENERAL_TIP)


class ScoredRound(Protocol):
    """What a report reads from a round (db.models.CoachingRound has it)."""

    @property
    def round_number(self) -> int: ...
    @property
    def learner_message(self) -> str: ...
    @property
    def score(self) -> int | None: ...
    @property
    def dimension_scores(self) -> dict[str, Any] | None: ...


class ReportNumbers(BaseModel):
    """The figures on the card; `dimension_averages` in the persona's order, then any other
    dimension a round was scored on."""

    rounds_scored: int = Field(ge=1)
    overall_average: Decimal
    dimension_averages: dict[str, Decimal]


class ReportWords(BaseModel):
    """What a writer (the offline coach or a model) adds to the numbers."""

    strengths: list[str] = Field(min_length=1, max_length=MAX_LINES)
    next_steps: list[str] = Field(min_length=1, max_length=MAX_LINES)
    summary: str = Field(min_length=1, max_length=SUMMARY_CHARS)


class NothingScored(ValueError):
    """No round of the session has a score: there is nothing to report yet."""

    def __init__(self) -> None:
        super().__init__(NOTHING_SCORED)


def dimension_label(name: str) -> str:
    """`problem_resolution` -> `problem resolution`: how the card and the chart name it."""
    return _LABELS.get(name, name.replace("_", " "))


def average(values: Sequence[int | float | Decimal]) -> Decimal:
    """Mean to one decimal, half-up (Postgres' round(numeric, 1), not Python's banker's)."""
    total = sum((Decimal(str(v)) for v in values), Decimal(0))
    return (total / len(values)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


class ReviewedRound(Protocol):
    """A round as Review reads it: the AI's score and the one analytics use (a coach's)."""

    @property
    def ai_score(self) -> int | None: ...
    @property
    def score(self) -> int | None: ...


def rescored_average(rounds: Sequence[ReviewedRound]) -> Decimal | None:
    """The session's average with a coach's scores in it, when a coach changed one; None
    when every score is still the AI's (a report card then already says it)."""
    scored = [r for r in rounds if r.ai_score is not None and r.score is not None]
    if not any(r.score != r.ai_score for r in scored):
        return None
    return average([r.score for r in scored if r.score is not None])


class QuotedRound(ReviewedRound, Protocol):
    """A reviewed round with the words a card may quote."""

    @property
    def round_number(self) -> int: ...
    @property
    def learner_message(self) -> str: ...
    @property
    def not_scored_reason(self) -> str | None: ...


def awaiting_score(rounds: Sequence[QuotedRound]) -> int:
    """Rounds the judge has yet to score (none kept unscored on purpose): a card written
    meanwhile leaves them out, and says so (an audit's card read "1 scored round" beside a
    round still "Assessment pending")."""
    return sum(r.ai_score is None and r.not_scored_reason is None for r in rounds)


def without_rescored_quotes(lines: Sequence[str], rounds: Sequence[QuotedRound]) -> list[str]:
    """A card's lines once a coach lowered a round's score: a line quoting that round's answer
    (as this module quotes one) gives way to what the coach decided. A coach-review audit:
    the card still praised "I'll say calm down, it's our policy" as the learner's best after
    the coach scored that round 2/10."""
    lowered = [
        (r, f"“{phrase}”")
        for r in rounds
        if r.ai_score is not None and r.score is not None and r.score < r.ai_score
        if (phrase := key_phrase(r.learner_message, 10, statements=True))
    ]
    out = []
    for line in lines:
        hit = next((r for r, quoted in lowered if quoted in line), None)
        out.append(
            line
            if hit is None
            else f"Left out: this line quoted round {hit.round_number}, which a coach has since "
            f"scored {hit.score}/10 (the AI gave it {hit.ai_score}/10)."
        )
    return out


def _number(value: Any) -> int | float | None:
    """A dimension's score, or None when it was not scored (null, or anything not a number)."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return None
    return float(value) if isinstance(value, Decimal) else value


def report_numbers(rounds: Sequence[ScoredRound], dimensions: Sequence[str]) -> ReportNumbers:
    """Averages over the scored rounds; raises NothingScored when there are none."""
    scored = [r for r in rounds if r.score is not None]
    if not scored:
        raise NothingScored()
    by_dimension: dict[str, list[int | float]] = {}
    for round_ in scored:
        for name, value in (round_.dimension_scores or {}).items():
            number = _number(value)
            if number is not None:
                by_dimension.setdefault(name, []).append(number)
    order = [d for d in dimensions if d in by_dimension] + sorted(
        d for d in by_dimension if d not in dimensions
    )
    return ReportNumbers(
        rounds_scored=len(scored),
        overall_average=average([r.score for r in scored if r.score is not None]),
        dimension_averages={d: average(by_dimension[d]) for d in order},
    )


def _cut(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


# "Learner demonstrates ability to navigate…": the persona's success condition is written
# about the learner; the report speaks to them
_ABOUT_THE_LEARNER = re.compile(
    r"^(?:the\s+)?(?:learner|student)\s+(?:(demonstrates|shows)\s+(?:the\s+)?ability\s+to\s+|"
    r"(demonstrates|shows|makes|leaves|builds|gives|writes|can)\s+)",
    re.I,
)
_VERB = {"demonstrates": "show", "shows": "show", "can": "", "": ""}


def _goal(success_conditions: str | None) -> str:
    """The goal as the report says it to the learner ("navigate full sales cycle…"), or,
    written some other way, quoted as the persona has it."""
    text = (success_conditions or "").strip().rstrip(".")
    if not text:
        return ""
    m = _ABOUT_THE_LEARNER.match(text)
    if m is None:
        return f"“{_cut(text, 160)}”"
    verb = (m.group(2) or "").lower()  # none after "demonstrates ability to"
    lead = _VERB.get(verb, verb[:-1])
    return _cut(second_person(f"{lead} {text[m.end() :]}".strip()), 160)


def _best_moment(rounds: Sequence[ScoredRound], dimension: str) -> str | None:
    """The learner's own words from the round that scored highest on `dimension`."""
    best = _best_round(rounds, dimension)
    return best[1] if best is not None else None


def _best_round(rounds: Sequence[ScoredRound], dimension: str) -> tuple[float, str] | None:
    """The highest score on `dimension` and the learner's words that earned it."""
    best: tuple[float, int, str] | None = None
    for round_ in rounds:
        value = _number((round_.dimension_scores or {}).get(dimension))
        if value is None or round_.score is None:
            continue
        candidate = (float(value), -round_.round_number, round_.learner_message)
        if best is None or candidate[:2] > best[:2]:
            best = candidate
    if best is None:
        return None
    phrase = key_phrase(best[2], 10, statements=True)
    return (best[0], phrase) if phrase else None


SHOWN = 8  # a round this high on a dimension showed the skill, whatever the average


def _shown(rounds: Sequence[ScoredRound], dimension: str) -> bool:
    """Whether some scored round showed the skill: the report then asks for it every time
    instead of telling the learner to learn what they did."""
    return any(
        (value := _number((r.dimension_scores or {}).get(dimension))) is not None
        and value >= SHOWN
        and r.score is not None
        for r in rounds
    )


def offline_words(
    numbers: ReportNumbers,
    rounds: Sequence[ScoredRound],
    *,
    success_conditions: str | None,
) -> ReportWords:
    """Strengths: the dimensions averaging 7 or more (best first), else the best one so
    far. Next steps: the dimensions below 7 (weakest first), else the weakest one, each
    with the rubric's tip for it. Both are held against the persona's success conditions."""
    goal = _goal(success_conditions)
    toward = f" (your goal: {goal})" if goal else ""
    ranked = sorted(numbers.dimension_averages.items(), key=lambda kv: (-kv[1], kv[0]))
    if not ranked:  # a persona without dimensions: only the overall score speaks
        overall = numbers.overall_average
        return ReportWords(
            strengths=[_cut(f"You kept at it: {overall}/10 overall{toward}.", LINE_CHARS)],
            next_steps=[
                _cut(f"Bring a real situation next time and aim for it{toward}.", LINE_CHARS)
            ],
            summary=_summary(numbers, None, None, goal),
        )

    strong = [kv for kv in ranked if kv[1] >= STRONG][:MAX_LINES] or ranked[:1]
    # what the learner never showed comes before what they showed once and not again
    weak = sorted(
        (kv for kv in reversed(ranked) if kv[1] < STRONG and kv not in strong),
        key=lambda kv: _shown(rounds, kv[0]),
    )[:MAX_LINES]
    weak = weak or ranked[-1:]

    strengths = []
    for i, (name, value) in enumerate(strong):
        label = dimension_label(name)
        moment = _best_moment(rounds, name)
        if value >= STRONG:
            line = f"{label[0].upper()}{label[1:]}: {value}/10 on average"
        elif value >= FAIR:  # nothing is strong yet: name the best so far, honestly
            line = f"Your strongest so far is {label}, at {value}/10 on average"
        elif (top := _best_round(rounds, name)) is not None and top[0] >= SHOWN:
            # a 9/10 answer among weaker ones: "Nothing is a strength yet" hid it (an audit)
            line = (
                f"At your best, {label}: {top[0]:g}/10 when you said “{top[1]}”. It averages "
                f"{value}/10 so far, so bring that to every answer"
            )
            moment = None  # quoted already
        else:  # "strongest … at 2.6/10" would dress a low score up as a strength
            line = f"Nothing is a strength yet; your best so far is {label}, at {value}/10"
        if moment:
            line += f", at its best when you said “{moment}”"
        if i == 0 and goal and value >= FAIR:
            line += f". That counts toward your goal: {goal}"
        strengths.append(_cut(line + ".", LINE_CHARS))

    next_steps = []
    for i, (name, value) in enumerate(weak):
        tip = tip_for(name)
        label = dimension_label(name)
        moment = _best_moment(rounds, name) if _shown(rounds, name) else None
        if value >= STRONG:  # everything is strong: stretch the weakest further
            line = f"Keep stretching {label} ({value}/10): {tip}"
        elif moment:  # "Work on decision rationale" after a round that showed it: an audit
            line = (
                f"Make {label} a habit ({value}/10 on average): you showed it when you said "
                f"“{moment}”; do that in every answer"
            )
        else:
            line = f"Work on {label} ({value}/10): {tip}"
        if i == 0 and goal:
            line += f", so you get closer to your goal: {goal}"
        next_steps.append(_cut(line + ".", LINE_CHARS))

    return ReportWords(
        strengths=strengths,
        next_steps=next_steps,
        summary=_summary(numbers, strong[0][0] if strong[0][1] >= FAIR else None, weak[0][0], goal),
    )


def _summary(numbers: ReportNumbers, best: str | None, weakest: str | None, goal: str) -> str:
    rounds = numbers.rounds_scored
    text = (
        f"{rounds} scored round{'s' if rounds != 1 else ''}, {numbers.overall_average}/10 overall"
    )
    if best is not None and weakest is not None and best != weakest:
        text += (
            f"; strongest in {dimension_label(best)}, most room to grow in "
            f"{dimension_label(weakest)}"
        )
    elif best is not None:
        text += f"; strongest in {dimension_label(best)}"
    elif weakest is not None:
        text += f"; most room to grow in {dimension_label(weakest)}"
    if goal:
        text += f". Your goal: {goal}"
    return _cut(text + ".", SUMMARY_CHARS)


def offline_report(
    rounds: Sequence[ScoredRound],
    *,
    dimensions: Sequence[str],
    success_conditions: str | None,
) -> tuple[ReportNumbers, ReportWords]:
    """The whole offline report card; raises NothingScored when no round has a score."""
    numbers = report_numbers(rounds, dimensions)
    return numbers, offline_words(numbers, rounds, success_conditions=success_conditions)


def chart_rows(dimension_averages: Mapping[str, Decimal | float]) -> list[tuple[str, float]]:
    """(plain-word label, average) per dimension, in the card's order, for a bar chart."""
    return [(dimension_label(name), float(value)) for name, value in dimension_averages.items()]
