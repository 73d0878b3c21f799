"""Forbidden topics: the coach declines and steers back, with or without a language model.

A topic matches when, in one sentence, at least two of its content words (stemmed) appear,
its last word (what it is about: the fee, the number, the award) among them, or its only
content word does. That catches "should I pay the application fee?" against "paying
application fees" without a model; a configured model also sees the list. "I need to pay my
rent first, then I'll work on the Rankin application" is not about a fee (an audit: it got
"Don't pay it."), and in a long paste (an essay) only a sentence put as a question counts.
"""

from __future__ import annotations

import re

from coach.answer_text import sentences
from coach.text import stem, stems, words

LONG_PASTE_WORDS = 60
_QUESTION = re.compile(r"\?|^\s*(?:should|can|could|do|does|is|are|will|would|may|must)\b", re.I)

# "…for the student" topics forbid doing the work for them, not helping them do it.
DELEGATION = re.compile(
    r"\bfor me\b|\b(can|could|would|will) you (please )?(write|do|finish)\b", re.I
)


def forbidden_topic(message: str, topics: list[str]) -> str | None:
    long_paste = len(words(message)) > LONG_PASTE_WORDS
    said = [
        stems(message[a:b])
        for a, b in sentences(message)
        if not long_paste or _QUESTION.search(message[a:b])
    ]
    for topic in topics:
        if topic.lower().endswith("for the student") and not DELEGATION.search(message):
            continue
        needed = stems(topic)
        if not needed:
            continue
        head = stem(words(re.sub(r"\s+for the student$", "", topic, flags=re.I))[-1])
        for sentence in said:
            hits = len(needed & sentence)
            if (len(needed) == 1 and hits == 1) or (hits >= 2 and head in sentence):
                return topic
    return None


def decline(topic: str, focus: str, answer: str | None = None) -> str:
    """One sentence of boundary, then back to the work. Doing the work for the student is
    refused with an offer to coach it, since that is what they came for; a topic the persona
    has a protective answer for (its pack's `boundaries.topics`) gets that answer, because
    a student asking whether to pay a fee needs to hear "don't", not "I won't help". The
    focus goes on after a colon, as the sentence's second half."""
    focus = focus[:1].lower() + focus[1:]
    if answer:
        return f"{answer} Then, back to your goal: {focus}"
    if topic.lower().endswith("for the student"):
        return (
            "I won't write it for you — a graded essay or application has to be in your own "
            "voice — but paste one paragraph and I'll coach you through making it stronger. "
            f"Meanwhile: {focus}"
        )
    return (
        f"That's something I won't help with here ({topic}). "
        f"Let's bring it back to your coaching goal: {focus}"
    )
