"""Forbidden topics: the coach declines and steers back, with or without a language model.

A topic matches when at least two of its content words (stemmed) appear in the learner's
message, or its only content word does. That catches "should I pay the application fee?"
against "paying application fees" without a model; a configured model also sees the list.
"""

from __future__ import annotations

import re

from coach.text import stems

# "…for the student" topics forbid doing the work for them, not helping them do it.
DELEGATION = re.compile(
    r"\bfor me\b|\b(can|could|would|will) you (please )?(write|do|finish)\b", re.I
)


def forbidden_topic(message: str, topics: list[str]) -> str | None:
    said = stems(message)
    for topic in topics:
        if topic.lower().endswith("for the student") and not DELEGATION.search(message):
            continue
        needed = stems(topic)
        if not needed:
            continue
        hits = len(needed & said)
        if hits >= 2 or (len(needed) == 1 and hits == 1):
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
