"""What the scorer reads in one answer, every field a fact about the learner's text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from coach.answer_fit import blank_copied, echoes, in_role_play, relevance, without_offered
from coach.answer_signals import (
    ASK,
    CAUSAL,
    CONDITION,
    CONTRAST,
    DATE,
    EMPATHY,
    FIGURE,
    FIRM,
    HEDGE,
    NUMBER,
    classify_sentences,
    first_steps,
    names_in,
)
from coach.answer_text import FUNCTION_WORDS, Hit, is_real_sentence, sentences
from coach.text import stems, words

# "maybe $3k a week", "probably 20%": a figure given as an estimate, not a hedge
# an estimate, not a hedge: "maybe 10 requests a sec", "we accept losing maybe a few seconds
# of clicks" (an audit's strong trade-off scored 2/10 as hedging)
ESTIMATE = re.compile(
    r"(?:maybe|perhaps|probably)\s+(?:about\s+|around\s+|roughly\s+)?(?:[$€£~]?\d|"
    r"(?:a\s+)?(?:few|couple|handful|dozen|hundred|thousand|million)\b|"
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|fifty|half)\b)",
    re.I,
)


@dataclass(frozen=True)
class Reading:
    """What the scorer read in one answer; every field is a fact about the learner's text."""

    text: str  # normalised answer
    own: str  # the answer with spans copied from the coach's question or words blanked out
    content: float  # content words in real sentences (fragments count half)
    sentence_share: float  # share of content words that sit in real sentences
    specifics: list[Hit]
    reasons: float
    commitment: float
    steps: list[Hit]
    names: list[Hit]
    questions: int
    hedges: list[Hit]
    copied_share: float
    relevance: float | None
    off_topic: bool
    anchored_share: float  # sentences carrying a detail, a step, a question or a grounded reason
    filler_share: float  # sentences of sweeping generalities with no detail
    own_topics: int  # the learner's own words about the coach's topic or question
    echo: bool  # nearly every word of the answer is a word of the coach's question
    own_stems: int
    role_play: bool = False  # a line said to the other side of a role-play


# owning one's part, or what one has done or will do, said to the other side of a scene
_OWNS = re.compile(
    r"\b(?:i|we)(?:'ll| will|'ve| have|'m going to| am going to|'d like| would like)\b|"
    r"\b(?:need|want) us to\b|\byou'?re right\b|\bmy (?:mistake|fault|bad)\b|"
    r"\bthat'?s on (?:me|us)\b|"
    r"\bi (?:dropped|missed|didn't|did not|should have|shouldn't have)\b",
    re.I,
)


def read_answer(
    text: str, question: str | None, topic: set[str], coach_text: str | None = None
) -> Reading:
    said_to = without_offered(question)
    own, copied_share = blank_copied(text, said_to, coach_text)
    content = 0.0
    in_sentences = 0.0
    for a, b in sentences(own):
        piece = own[a:b]
        n = len([w for w in words(piece) if w.lower() not in FUNCTION_WORDS and len(w) > 1])
        if is_real_sentence(piece):
            content += n
            in_sentences += n
        else:
            content += n / 2
    total = sum(
        len([w for w in words(own[a:b]) if w.lower() not in FUNCTION_WORDS and len(w) > 1])
        for a, b in sentences(own)
    )
    names = names_in(own)
    specifics: list[Hit] = [Hit(m.start(), m.end()) for m in DATE.finditer(own)]
    specifics += [
        Hit(m.start(), m.end())
        for m in NUMBER.finditer(own)
        if not any(h.start <= m.start() < h.end for h in specifics)
    ]
    specifics += names
    reasons = (
        len(CAUSAL.findall(own))
        + 0.75 * len(CONDITION.findall(own))
        + 0.5 * len(CONTRAST.findall(own))
    )
    steps = first_steps(own)
    dated_firm = any(FIRM.search(own[a:b]) and DATE.search(own[a:b]) for a, b in sentences(own))
    detailed_step = any(
        DATE.search(own[h.start : h.end])
        or FIGURE.search(own[h.start : h.end])
        or any(h.start <= n.start < h.end for n in names)
        for h in steps
    )
    commitment = 1.0 if dated_firm else 0.8 if detailed_step else 0.5 if steps else 0.0
    role_play = in_role_play(question)
    if role_play and (EMPATHY.search(own) or ASK.search(own) or "?" in own or _OWNS.search(own)):
        # in a scene, acknowledging the other side, owning a part or asking them is the move
        commitment = max(commitment, 0.5)
    anchored_share, filler_share = classify_sentences(own, steps, names, topic)
    if in_role_play(question):
        # said to someone, a sentence that acknowledges them, asks them or owns a part is a
        # move of the conversation, detail or not
        said = [own[a:b] for a, b in sentences(own) if words(own[a:b])]
        moves = [
            p for p in said if EMPATHY.search(p) or ASK.search(p) or "?" in p or _OWNS.search(p)
        ]
        if said:
            anchored_share = max(anchored_share, len(moves) / len(said))
    own_stems = stems(own)
    fit = relevance(own, len(steps), question, len(own_stems & topic))
    return Reading(
        text=text,
        own=own,
        content=content,
        sentence_share=in_sentences / total if total else 0.0,
        specifics=specifics,
        reasons=reasons,
        commitment=commitment,
        steps=steps,
        names=names,
        questions=own.count("?") + len(ASK.findall(own)),
        hedges=[
            Hit(m.start(), m.end())
            for m in HEDGE.finditer(own)
            if not ESTIMATE.match(own, m.start())
        ],
        copied_share=copied_share,
        relevance=fit.score,
        off_topic=fit.off_topic,
        anchored_share=anchored_share,
        filler_share=filler_share,
        own_topics=len(own_stems & topic),
        echo=echoes(text, said_to),
        own_stems=len(own_stems),
        role_play=role_play,
    )
