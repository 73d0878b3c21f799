"""The offline scorer: a deterministic rubric a human coach would recognise.

An answer earns its score with what a coach looks for, not with length or jargon: real
sentences that respond to the coach's question, concrete detail (a number, a date, a name),
a reason, a committed next step, and the persona's own skill cues for each dimension
(`seeds/rubrics.json`). Length has diminishing returns, and a long answer of unanchored
generalities costs points. Harmful advice, keyword lists, text copied from the coach and
attempts to set the score cap the round at 3 however fluent it is; an answer no cap applies
to keeps at least 2, so a thin real answer still ranks above no answer. Every dimension's
reason quotes the learner's words so the score can be checked.

This module scores; the reading is in `answer_text` (sentences, quoting), `answer_signals`
(detail, reasons, steps), `answer_fit` (copies, off-topic) and `reading`; harm detection in
`red_flags`, `implied_harm` and `harm_scope`; the ceilings they and copies, lists and hype
set in `rubric_caps`; the rubric data's schema in `rubric_data`.
"""

from __future__ import annotations

import math
import re
from statistics import mean

from coach.answer_fit import QUESTION_WORDS, without_their_words
from coach.answer_signals import DATE, FIGURE
from coach.answer_text import Hit, gist, line, normalise, quote
from coach.harm_scope import negated
from coach.literal_filter import fold, may_match
from coach.reading import Reading, read_answer
from coach.rubric_caps import find_cap
from coach.rubric_data import DimensionRubric, WeakCue, compiled, load_rubrics
from coach.scoring import Assessment, clamp
from coach.text import stems, words

FLOOR = 2  # the lowest overall score of an answer no cap applies to


# --- per-dimension evidence --------------------------------------------------------------


def rubric_for(domain_id: str, dimension: str) -> DimensionRubric:
    """The persona's own rubric for a dimension; for a persona an admin added, the generic
    rubric whose theme the dimension's name points at, else the general fallback."""
    rubrics = load_rubrics()
    own = rubrics.domains.get(domain_id, {}).get(dimension)
    if own is not None:
        return own
    for generic in rubrics.generic:
        if re.search(generic.match, dimension, re.I):
            return generic.rubric
    return rubrics.fallback


def dimension_tip(dimension: str, domain_id: str | None = None) -> str:
    """The one-line tip for a dimension (for the report card): the persona's own when the
    domain is known or the dimension belongs to exactly one seed persona, else the generic
    one its name points at."""
    if domain_id is None:
        owners = [d for d, dims in load_rubrics().domains.items() if dimension in dims]
        domain_id = owners[0] if len(owners) == 1 else ""
    return rubric_for(domain_id, dimension).tip


# what the other side said, reported: "he liked the place but said 60 a month is to much"
# is the buyer's objection, not the learner tying value to a number
_REPORTED = re.compile(
    r"\b(?:he|she|they|the\s+(?:customer|buyer|prospect|client|owner|manager))\b"
    r"(?:(?!\b(?:i|we|i'?ll|i'?d|we'?ll)\b)[^.!?;]){0,40}?"
    r"\b(?:said|says|told\s+me|mentioned|thinks|complained)\b[^.!?;]*",
    re.I,
)


# "i dont really have a counselor or teachers to ask for a letter": the skill's words said as
# what the learner lacks or won't do (an audit's scored self-advocacy 8, "asks the right person
# for help"), to the end of the clause
_LACKS = re.compile(
    r"\b(?:don'?t|dont|do\s+not|doesn'?t|never|can'?t|cannot|won'?t|didn'?t|haven'?t|hasn'?t)"
    r"\s+(?:really\s+|even\s+|actually\s+|yet\s+)?(?:have(?!\s+to\b)|got|know\s+(?:who|anyone|"
    r"anybody|any)|ask|asked|want\s+to\s+ask|talk|talked|email|emailed)\b"
    r"[^.,;:!?\-–—]*?(?=$|[.,;:!?\-–—]|\s+(?:but|so|and\s+then)\b)",
    re.I,
)


def cue_hits(rubric: DimensionRubric, reading: Reading) -> list[Hit]:
    skip = [(m.start(), m.end()) for m in _REPORTED.finditer(reading.own)]
    skip += [(m.start(), m.end()) for m in _LACKS.finditer(reading.own)]
    return [h for h in _cue_hits(rubric, reading) if not any(a <= h.start < b for a, b in skip)]


def _cue_hits(rubric: DimensionRubric, reading: Reading) -> list[Hit]:
    hits: list[Hit] = []
    for cue in rubric.cues:
        if cue == "@step":
            hits += reading.steps[:1]
        elif cue == "@name":
            hits += reading.names[:1]
        else:
            regex = compiled(cue)
            m = regex.search(reading.own) if may_match(regex, fold(reading.own)) else None
            if m:
                hits.append(Hit(m.start(), m.end()))
    return hits


_NEGATIVE = re.compile(r"\b(?:nothing|no|not|never|can't|cannot|won't)\b", re.I)


def weak_hit(
    rubric: DimensionRubric, text: str, question: str | None = None
) -> tuple[WeakCue, Hit] | None:
    for weak in rubric.weak:
        if weak.when is not None and not (question and compiled(weak.when).search(question)):
            continue
        for m in compiled(weak.pattern).finditer(text):
            # a habit said in the negative ("there's nothing I can do") is not undone by it
            if not negated(text, m.start(), m.end()) or _NEGATIVE.search(m.group()):
                return weak, Hit(m.start(), m.end())
    return None


IDLE_CEILING = 5.0


# someone's words put to the learner ('Prospect: "Just send me some information"', a
# customer's email): whatever they say, the answer is to them, and the skill is in play
_SPOKEN_LINE = re.compile(r"[\"“”«»]\s*\S+(?:\s+\S+){2,}")


def in_play(rubric: DimensionRubric, text: str, question: str | None, scene: bool) -> bool:
    """Whether this round calls for the skill: always, unless the rubric names what puts it
    in play and neither the scene, a line someone says, the coach's question nor the answer
    carries it."""
    if rubric.in_play is None or scene or (question and _SPOKEN_LINE.search(question)):
        return True
    found = compiled(rubric.in_play)
    return bool(found.search(text) or (question and found.search(question)))


def saturate(count: float, scale: float) -> float:
    return 1 - math.exp(-count / scale)


# --- scoring -----------------------------------------------------------------------------


def rubric_vocabulary(
    dimensions: list[str], knowledge_tags: list[str], success_conditions: str | None
) -> set[str]:
    names = " ".join(d.replace("_", " ") for d in dimensions + knowledge_tags)
    return stems(names + " " + (success_conditions or ""))


def hollow_length(reading: Reading, density: float) -> float:
    """0-1: how much of a long answer is talk without substance. Past about thirty content
    words, every further stretch of unanchored sentences with hardly a detail counts against
    it, as a coach marks down a fluent essay that never commits to anything (the labels'
    "length earns nothing"); a long answer dense with figures, names and steps is untouched."""
    excess = max(0.0, reading.content - 30) / 30
    sparsity = 1 - min(1.0, density)
    return min(1.0, excess * (1 - reading.anchored_share) * sparsity)


_COUNT = re.compile(
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
    r"forty|fifty|hundred|thousand|million)\b",
    re.I,
)
SHORT_WORDS = 35  # up to here an answer is short, and judged on what it carries, not length


def concise(overall: int, reading: Reading, undercut: bool) -> int:
    """A short answer is scored on what it carries: a concrete detail (a number, a date, a
    name) and a step or a reason, on the coach's question, with no hedge and no habit that
    undercuts it, lands at 7-8 however few its words; a short answer with neither a detail nor
    a step or reason ("I'd be more careful next time") stays at 4 or below."""
    own = reading.own
    detail = bool(
        DATE.search(own)
        or FIGURE.search(own)
        or _COUNT.search(own)
        or any(not own[h.start : h.end].isupper() for h in reading.names)
    )
    acts = bool(reading.steps) or reading.reasons > 0 or bool(re.search(r",\s*so\b", own))
    # a line in a scene acts by acknowledging or asking the other side
    acts = acts or (reading.role_play and reading.commitment > 0)
    on_question = reading.relevance is None or reading.relevance >= 0.5
    plain = not reading.hedges and not reading.filler_share and not undercut
    if detail and acts and on_question and plain:
        return min(max(overall, 7), 8)
    if not detail and not acts:
        return min(overall, 4)
    return overall


def coach_words(*texts: str | None) -> str:
    """What a persona says in its own words (its prompt, and its domain's description,
    scenario and opening), as `rubric_assessment` reads it for text pasted back."""
    return "\n".join(t for t in texts if t)


STARTED = "a start in"


def rubric_assessment(
    learner_message: str,
    *,
    domain_id: str,
    coach_question: str | None,
    dimensions: list[str],
    knowledge_tags: list[str],
    success_conditions: str | None,
    coach_text: str | None = None,
) -> Assessment:
    """Score one answer 1-10 on each of the persona's dimensions, each with a reason that
    quotes the learner, and one line of feedback. Pure: the same input, the same score.
    `coach_text` is the persona's own words (`coach_words`): pasted back, they are not the
    learner's."""
    text = normalise(learner_message)
    coach_question = without_their_words(coach_question)
    names = dimensions or ["quality"]
    vocabulary = rubric_vocabulary(dimensions, knowledge_tags, success_conditions)
    topic = (
        vocabulary
        | stems(load_rubrics().topics.get(domain_id, ""))
        | (stems(coach_question) - QUESTION_WORDS if coach_question else set())
    )
    reading = read_answer(text, coach_question, topic, coach_text)
    cap = find_cap(reading, domain_id, vocabulary, text, coach_question)

    substance = saturate(reading.content, 6)
    count = sum(
        0.5 if re.fullmatch(r"[a-z ]+", reading.own[h.start : h.end].lower()) else 1.0
        for h in reading.specifics
    )
    density = 10 * count / max(reading.content, 10)  # details per ten content words
    specific = saturate(count, 1.2) * min(1.0, 0.3 + 0.7 * density / 1.2)
    if reading.role_play:
        # in a scene a question put to the other side is the specific move: "Besides price,
        # how are you comparing us?" carries no figure and needs none
        specific = max(specific, min(1.0, 0.5 * reading.questions))
    reasoning = saturate(reading.reasons, 0.9)
    general = (
        0.15 * substance
        + 0.3 * reading.anchored_share
        + 0.2 * specific
        + 0.15 * reasoning
        + 0.2 * reading.commitment
    )
    if reading.relevance is not None:
        general = 0.8 * general + 0.2 * reading.relevance
    penalty = 2.5 * reading.filler_share
    penalty += 3 * hollow_length(reading, density)
    penalty += min(2.0, 0.8 * len(reading.hedges) * 10 / (10 + reading.content))
    if reading.relevance is not None:
        penalty += 2.5 * (1 - reading.relevance) ** 2

    scores: dict[str, int | None] = {}
    reasons: dict[str, str] = {}
    details: dict[str, tuple[DimensionRubric, float, str]] = {}
    undercut: tuple[str, str] | None = None  # a habit that undercuts a skill, and its tip
    for name in names:
        rubric = rubric_for(domain_id, name)
        if reading.role_play:
            rubric = rubric.in_scene()
        hits = cue_hits(rubric, reading)
        strength = saturate(len(hits), 1.3) * min(1.0, 0.3 + substance)
        raw = 1 + 9 * (0.55 * general + 0.45 * strength) - penalty
        weak = weak_hit(rubric, text, coach_question)
        if weak is not None:
            raw = min(raw - 2, 4)
            reason = f'"{quote(text, weak[1])}" {weak[0].reason}'
            undercut = undercut or (reason, rubric.tip)
        elif not in_play(rubric, text, coach_question, reading.role_play):
            raw = min(raw, IDLE_CEILING)  # neither praised nor blamed for what was not asked
            reason = f"{rubric.idle}: {rubric.tip}"
        elif hits and raw < 4:  # a cue in a thin answer: praise would read false beside a 2
            best = max(hits, key=lambda h: h.end - h.start)
            reason = f'only a hint of it in "{quote(text, best)}": {rubric.tip}'
        elif hits:
            best = max(hits, key=lambda h: h.end - h.start)
            # below 7 the cue is a start, not the whole skill: "knows the due date and plans
            # back from it; next: name the deadline" contradicted itself
            if raw < 7:
                reason = f'{STARTED} "{quote(text, best)}"; next: {rubric.deeper or rubric.tip}'
            else:
                reason = f'"{quote(text, best)}" {rubric.strong}'
        elif text:
            reason = f'nothing yet in "{gist(text)}": {rubric.tip}'
        else:
            reason = f"no answer given: {rubric.tip}"
        score = clamp(raw)
        if cap is not None:
            score = min(score, cap.ceiling)
            reason = cap.reason
        scores[name] = score
        reasons[name] = line(reason, 200)
        details[name] = (rubric, raw, reason)

    raws = sorted(raw for _, raw, _ in details.values())
    shown = raws[len(raws) // 2 :]
    overall = clamp(
        0.6 * (1 + 9 * general - penalty) + 0.4 * mean(shown) - (1.5 if undercut else 0)
    )
    if cap is None and len(words(text)) <= SHORT_WORDS:
        overall = concise(overall, reading, undercut is not None)
    if reading.role_play and undercut is not None:
        overall = min(overall, 3)  # in a scene the habit is the line: "there's nothing I can do"
    if cap is not None:
        overall = min(overall, cap.ceiling)
    else:
        # A real answer in the learner's own words, however thin, is more than no answer:
        # 1 is kept for what the caps catch (harm, copies, lists, attempts at the score).
        overall = max(overall, FLOOR)
        # never well above every dimension: "Sure, let's design it." read 5 beside four 3s
        overall = min(overall, max(v for v in scores.values() if v is not None) + 1)
        # ...and never above all of them: "5/10" over four 4s read as a sum that does not add
        # up; the answer's best part is worth what the answer is
        top = max(v for v in scores.values() if v is not None)
        if overall > top:
            scores = {k: overall if v == top else v for k, v in scores.items()}
    if cap is not None:
        feedback = cap.feedback
    elif undercut is not None:
        feedback = f"{undercut[0]}. Next: {undercut[1]}."
    else:
        feedback = _feedback(text, reading, details)
    return Assessment(
        score=overall,
        feedback=line(feedback, 400),
        dimension_scores=scores,
        dimension_reasons=reasons,
    )


def _feedback(
    text: str, reading: Reading, details: dict[str, tuple[DimensionRubric, float, str]]
) -> str:
    """One line: what was strong (quoting the learner), and the one thing to do next."""
    ranked = sorted(details, key=lambda d: details[d][1])
    weakest, strongest = ranked[0], ranked[-1]
    low, _, low_reason = details[weakest]
    tip = (low.deeper or low.tip) if low_reason.startswith(STARTED) else low.tip
    if not text:
        return f"No answer yet. Next: {tip}."
    if reading.hedges and details[weakest][1] < 7:
        said = quote(text, reading.hedges[0], 5)
        return f'"{said}" hedges. Next: {tip}.'
    if clamp(details[weakest][1]) >= STRONG_ALL:
        # every dimension scored high: its "weakest" tip would contradict its own 8/10
        tip = "keep every part of this in your next answer"
    rubric, raw, reason = details[strongest]
    if raw >= 5 and reason.startswith('"'):
        said = reason.split('"')[1]
        return f'Strong: {rubric.strong} ("{said}"). Next: {tip}.'
    return f"Next: {tip}."


STRONG_ALL = 8  # a dimension at or above this needs no "Next" of its own
