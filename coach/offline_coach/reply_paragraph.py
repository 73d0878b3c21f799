"""The scholarship coach's reading of the student's own essay in the chat: a paragraph pasted
(with or without a line asking for the read), a rewrite of the part asked for, and a verdict
asked for right after. Kept apart from the other openers because it is one conversation of
its own, which no other coach has."""

from __future__ import annotations

import re

from coach.offline_coach.paragraph import (
    ASKS_FOR_A_READ,
    is_draft,
    paragraph_notes,
    pasted_draft,
    revision_verdict,
    rewritten_part,
)
from coach.offline_coach.turn import Turn
from coach.text import words

# asking for a verdict on the paragraph just coached: "is it good?", "thoughts?"
_VERDICT = re.compile(
    r"^\W*((so|ok(ay)?|and|but)\b[,\s]*)*((is|was)\s+(it|this|that)\s+(good|ok(ay)?|fine|bad|any\s+good|"
    r"strong|enough)|thoughts|what\s+do\s+you\s+think|how\s+(is|was)\s+(it|that|this)|"
    r"does\s+(it|that|this)\s+work|be\s+honest|(is|was)\s+(it|this|that)\s+better|"
    # "what is the weakest part?", "what should i fix": the change it would lift it most by
    r"what('?s|\s+is)\s+(the\s+)?weakest(\s+(part|bit|sentence|line|thing))?|"
    r"what\s+(should|do|would)\s+i\s+(change|fix|improve|cut))\b[^.!?]{0,30}[.!?]*\s*"
    r"((be\s+honest|honestly|pls|please|thanks)\W*)?$",
    re.I,
)


def coach_paragraph(turn: Turn, *, asking: bool) -> bool:
    """A paragraph of the student's essay, pasted to be read ("paste one paragraph and I'll
    coach you through making it stronger"), is coached: what works, the one change that
    would lift it most, and a rewrite asked for. "is it good?" right after gets a verdict."""
    pack, m = turn.pack, turn.memory
    if not pack.reads_essays:
        return False
    if turn.after_draft and _VERDICT.match(turn.text):
        notes = paragraph_notes(pasted_draft(turn.before) or turn.before)
        turn.parts.append(
            f"It's a real start: {notes.works} The change that would lift it most: {notes.change}"
        )
        m.draft = True  # still the paragraph under discussion, not an answer
        return True
    if ASKS_FOR_A_READ.search(turn.text) and len(words(turn.text)) < 20:
        # "can you look at my intro?" with nothing pasted yet: not the answer on openings
        turn.parts.append(
            "Yes: paste it here, a paragraph at a time, and I'll tell you what works and the one "
            "change that would lift it most. I won't rewrite it for you; it stays in your words."
        )
        m.draft = True  # asking for a read, not an answer
        return True
    if turn.after_draft and not asking and (part := rewritten_part(turn.text)) is not None:
        asked = paragraph_notes(turn.before).change
        turn.parts.append(
            f"{revision_verdict(part, asked)} Put it back in the paragraph and read the whole "
            "thing aloud: does it lead into what comes next?"
        )
        m.draft = True  # the paragraph's part, rewritten: still not an answer to score
        return True
    pasted = pasted_draft(turn.text)
    # "When I was twelve…" starts like a question; only one asked of the coach is one
    if pasted is None and (
        asking or not is_draft(turn.text, turn.before, revising=turn.after_draft)
    ):
        return False
    notes = paragraph_notes(pasted or turn.text)
    before = pasted_draft(turn.before) or turn.before
    revised = turn.after_draft and is_draft(before, revising=True)
    if revised and paragraph_notes(before).change != notes.change:
        turn.parts.append("Better: that part is fixed.")  # the rewrite asked for
    turn.parts.append(f"What works: {notes.works} What to change: {notes.change} {notes.ask}")
    m.draft = True  # a draft to coach, not an answer to score
    return True
