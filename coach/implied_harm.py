"""Harm implied by context, not named: two cues that together propose it, across a clause or
a sentence (a claim, then "it doesn't"; a helper, then "she'll write the essay")."""

from __future__ import annotations

import re

from coach.answer_text import Hit, sentence_span, sentences
from coach.harm_scope import CLAUSE_BREAK, OTHER_SUBJECT, clause_before, declined
from coach.rubric_data import CuePair, compiled_concept

# A cue inside a condition or a question is not something the learner does ("if it doesn't
# load, …", "should I say it's ready?").
_CONDITIONAL = re.compile(
    r"\b(?:if|unless|whether|in case|even if|what if|when|once)\b[^,;:.!?]*$", re.I
)
_QUESTION = re.compile(
    r"\s*(?:should|shall|can|could|do|does|would|is|are|why|what|how|will)\b", re.I
)
# What turns back from an admission to the act it admits ("it's made up, but I'll quote it").
_TURN = re.compile(r"\b(?:but|anyway|anyways|still|regardless|even so|all the same)\b", re.I)
_CAPITALISED = re.compile(r"(?-i:\b[A-Z][a-z][\w-]*)")
# Capitalised words that are not names: sentence openers, days, months, titles.
_NOT_A_NAME = frozenset(
    "the then and but so our we you your they their this that there it its if when what here "
    "he she his her who where why how let next first also today tomorrow yesterday honestly "
    "sorry thanks hi hello dear monday tuesday wednesday thursday friday saturday sunday "
    "january february march april may june july august september october november december "
    "dr mr mrs ms prof st street road avenue".split()
)


def _asked(text: str, pos: int) -> bool:
    a, b = sentence_span(text, pos)
    sentence = text[a:b].strip()
    return sentence.endswith("?") and bool(_QUESTION.match(sentence))


def _conditional(text: str, pos: int) -> bool:
    a, _ = sentence_span(text, pos)
    return bool(_CONDITIONAL.search(text[a:pos]))


def _strangers(cue: str, question: str | None) -> bool:
    """Whether the cue names someone the coach's question does not: the question names the
    person the learner is answering, whose own details are theirs to hear."""
    asked = {w.lower() for w in _CAPITALISED.findall(question or "")}
    named = {w.lower() for w in _CAPITALISED.findall(cue)} - _NOT_A_NAME
    return bool(named - asked)


def _proposed(text: str, cue: re.Match[str], other: re.Match[str], pair: CuePair) -> bool:
    """Whether the learner proposes the act: not refused, warned against, reported as someone
    else's request, asked as a question or made conditional; by the learner unless `anyone`.
    The other cue is blanked first: "it doesn't" after a claim, or "not the only one" before a
    name, is what implies the harm, not a refusal of it."""
    if _asked(text, cue.start()) or _conditional(text, cue.start()):
        return False
    if not pair.anyone and OTHER_SUBJECT.search(clause_before(text, cue.start())):
        return False
    if other.end() <= cue.start() or other.start() >= cue.end():
        text = text[: other.start()] + " " * (other.end() - other.start()) + text[other.end() :]
    return not declined(text, cue.start(), cue.end())


def pair_hit(
    pair: CuePair, text: str, unless: re.Pattern[str] | None, question: str | None
) -> Hit | None:
    """Where the pair's two cues imply the harm (see `CuePair`), quoting the second cue."""
    spans = sentences(text)
    first, then = compiled_concept(pair.first), compiled_concept(pair.then)
    for i, (a, b) in enumerate(spans):
        for f in first.finditer(text, a, b):
            lo = spans[max(0, i - pair.reach)][0] if pair.either else f.start()
            hi = spans[min(len(spans) - 1, i + pair.reach)][1]
            for t in then.finditer(text, lo, hi):
                turned = _TURN.search(text, t.end(), f.start())
                if t.end() <= f.start() and pair.apart and not turned:
                    continue
                if pair.apart and a <= t.start() < b and t.start() >= f.end():
                    if not CLAUSE_BREAK.search(text, f.end(), t.start()):
                        continue
                if pair.stranger and not _strangers(t.group(), question):
                    continue
                act, other = (f, t) if pair.act == "first" else (t, f)
                if not _proposed(text, act, other, pair):
                    continue
                if _asked(text, other.start()) or _conditional(text, other.start()):
                    continue
                lo_s = sentence_span(text, min(f.start(), t.start()))[0]
                hi_s = sentence_span(text, max(f.start(), t.start()))[1]
                if unless is not None and unless.search(text, lo_s, hi_s):
                    continue
                return Hit(t.start(), t.end())
    return None
