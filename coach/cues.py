"""Cues: the phrases a coach pack listens for in a learner's words, matched at the start of
a word and case-insensitive, so "negotiat" catches "negotiate" and "negotiation"; a cue
starting with "re:" is a regular expression. Kept apart from the packs' schema so the
offline coach's readers can match words without loading a pack.
"""

from __future__ import annotations

import re
from functools import lru_cache

from coach.text import spelled_out

# short words whose longer forms are meant too ("asked", "fixing", "running")
_PREFIX_OK = frozenset({"ask", "fix", "run"})


@lru_cache(maxsize=4096)
def cue_pattern(cue: str) -> re.Pattern[str]:
    """A cue matches from a word's start, so "consisten" finds consistency; a short one
    (an acronym, a small word) matches whole: "cap" is not in "capstone", nor "slo" in "slow"."""
    if cue.startswith("re:"):
        return re.compile(cue[3:], re.I)
    if re.fullmatch(r"[a-z]{2,3}", cue) and cue not in _PREFIX_OK:
        return re.compile(rf"(?<![A-Za-z0-9]){cue}(?:s|es)?(?![A-Za-z0-9])", re.I)
    return re.compile(r"(?<![A-Za-z0-9])" + re.escape(cue), re.I)


def normalise(text: str) -> str:
    return text.replace("\u2019", "'").replace("\u2018", "'")


def hits(cues: list[str], text: str) -> int:
    """How many cues the words show, as typed or spelled out ("ill call u tmrw")."""
    said = normalise(text)
    full = spelled_out(said)
    if full == said:
        return sum(1 for cue in cues if cue_pattern(cue).search(said))
    return sum(1 for cue in cues if cue_pattern(cue).search(said) or cue_pattern(cue).search(full))


def distinct_hits(cues: list[str], text: str) -> int:
    """How many separate places in the words show a cue: "that's on us" is one, though both
    "that's on us" and "on us" find it."""
    said = normalise(text)
    spans = sorted(
        (m.start(), m.end()) for cue in cues for m in [cue_pattern(cue).search(said)] if m
    )
    count, end = 0, -1
    for start, stop in spans:
        if start >= end:
            count, end = count + 1, stop
        else:
            end = max(end, stop)
    return count


# "idk who actually approves it", "I haven't met whoever signs": a sentence that says the
# learner does not know yet covers no step, whatever words it shares with one
_NOT_KNOWN = re.compile(
    r"\b(idk|dunno|i\s+(don'?t|do\s+not)\s+know|not\s+sure|no\s+idea|no\s+clue|"
    r"(no\s+one|nobody|no\s+body)\s+(can|could|will|would|is\s+able\s+to)|"
    # "haven't met whoever signs"; not "haven't met the CFO yet, who signs…": known, not met
    r"(haven'?t|have\s+not|never)\s+(yet\s+)?(met|talked|spoken)(?!\s+(to\s+|with\s+)?((the|their|"
    r"our|my|her|his)\s+(cfo|ceo|coo|cto|vp|owner|founder|director|head|manager|buyer|budget\s+"
    r"holder|procurement|dean|counselor|professor)\b|(?-i:[A-Z])[a-z]+))|"
    r"(don'?t|dont|do\s+not)\s+have\s+(any(one|body)|someone|somebody)|"
    r"(no\s+one|nobody|no\s+body)\s+(to|who)\b|i\s+have\s+(no\s+one|nobody))\b"
    r"|^\s*(maybe|probably|perhaps|i\s+guess)\b[^.!?]*\?",  # "maybe the owner?": a guess
    re.I,
)


def known_part(text: str) -> str:
    """The sentences of `text` that do not say the learner does not know."""
    if not _NOT_KNOWN.search(text):
        return text
    parts = re.split(r"(?<=[.!?;\n])\s*", text)
    return " ".join(p for p in parts if not _NOT_KNOWN.search(p))
