"""Tiny text helpers shared by the offline coach, the rubric scorer and the guardrails."""

from __future__ import annotations

import re
import zlib
from functools import lru_cache

from coach.questions import is_question

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
STOPWORDS = frozenset(
    "a an and are as at be but by can could do does for from had has have i if in into is it "
    "its me my of on or our so that the their them then there these they this to was we were "
    "what when where which who will with would you your about just like really very student "
    "students learner learners".split()
)


# A full stop after a title or a short abbreviation ("Dr. Lee", "St. Jude's", "e.g. this") does
# not end the sentence.
_TITLE_ABBREVIATIONS = ("Dr", "Mr", "Ms", "Mrs", "Prof", "St", "Mt", "vs", "e.g", "i.e")
NOT_AFTER_ABBREVIATION = "".join(rf"(?<!\b{re.escape(a)}\.)" for a in _TITLE_ABBREVIATIONS)
_SENTENCE_BREAK = re.compile(rf"(?<=[.!?]){NOT_AFTER_ABBREVIATION}\s+|\n+")


def words(text: str) -> list[str]:
    return _WORD.findall(text)


@lru_cache(maxsize=8192)
def stem(word: str) -> str:
    """Crude, deterministic stemming: good enough to match "fees"/"fee", "paying"/"pay"."""
    w = word.lower().strip("'-")
    for suffix in ("ing", "ed", "es", "s"):
        if len(w) > len(suffix) + 2 and w.endswith(suffix):
            w = w[: -len(suffix)]
            break
    return w[:4]


def stems(text: str) -> set[str]:
    return {stem(w) for w in words(text) if w.lower() not in STOPWORDS and len(w) > 2}


def pick(options: list[str], *keys: object) -> str:
    """A stable choice: the same inputs give the same option in every process."""
    digest = zlib.crc32("|".join(str(k) for k in keys).encode())
    return options[digest % len(options)]


def and_list(items: list[str]) -> str:
    """ "GPA", "GPA and state", "GPA, state and school year": a list as a sentence says it."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def capitalised(text: str) -> str:
    """The text with its first letter upper-cased, the rest as written: a line built from a
    template that may begin with "the Gates scholarship" or a pack's lower-case tip."""
    return text[:1].upper() + text[1:]


_FORMATTING = re.compile(r"[*`]+|~~+")


def unformatted(text: str) -> str:
    """The learner's words without the marks markdown would format ("**angry**", "~~not~~",
    "`code`"): a quote inside the coach's reply is rendered as markdown, and the learner's
    words must not turn bold or struck through there."""
    return _FORMATTING.sub("", text)


def key_phrase(text: str, max_words: int = 14, *, statements: bool = False) -> str:
    """The learner's own words to reflect back: their most substantial sentence, trimmed.
    With `statements`, a question of theirs is passed over while anything else was said:
    a report's "at its best when you said 'What should I do today'" praised a question."""
    text = unformatted(text)
    sentences = [s.strip() for s in _SENTENCE_BREAK.split(text) if s.strip()]
    if not sentences:
        return ""
    if statements:
        sentences = [s for s in sentences if not is_question(s)] or sentences
    best = max(sentences, key=lambda s: len(stems(s)))
    tokens = best.split()
    phrase = " ".join(tokens[:max_words])
    return phrase.rstrip(".!?,;:") + ("…" if len(tokens) > max_words else "")


# How students type what the packs' cues spell out: "ill call u tmrw" is "I'll call you
# tomorrow". "ill" is read as "I'll" where a sentence or a clause starts, or before a verb
# of doing ("tonight at 8 ill search"); "I feel ill" stays ill.
_SPELLED = (
    (
        re.compile(r"(^|[.,;!?]\s*|\b(?:and|so|then|but|ok|okay|yes|yeah|sure)\s+)ill\b", re.I),
        r"\1i'll",
    ),
    (
        re.compile(
            r"\bill(?=\s+(?:just\s+|probably\s+|try\s+to\s+)?(?:search|call|email|ask|send|write|"
            r"start|finish|apply|look|text|talk|go|get|make|check|submit|read|meet|tell|track|"
            r"find|pick|do|work|fill|print|upload|sign|book|practice|practise|reach)\b)",
            re.I,
        ),
        "i'll",
    ),
    (re.compile(r"\bu\b", re.I), "you"),
    (re.compile(r"\bur\b", re.I), "your"),
    (re.compile(r"\bim\b", re.I), "i'm"),
    (re.compile(r"\bive\b", re.I), "i've"),
    (re.compile(r"\b(dont|doesnt|cant|wont|didnt|isnt|wasnt|havent|hasnt|shouldnt)\b", re.I), None),
    (re.compile(r"\b(tmrw|tmr|tmrow|tomoz)\b", re.I), "tomorrow"),
    (re.compile(r"\b(pls|plz)\b", re.I), "please"),
    (re.compile(r"\b(cuz|bc|coz)\b", re.I), "because"),
    (re.compile(r"\bthats\b", re.I), "that's"),
    (re.compile(r"\bwhats\b", re.I), "what's"),
    (re.compile(r"\blets\b", re.I), "let's"),
)


@lru_cache(maxsize=4096)
def spelled_out(text: str) -> str:
    """The text with common chat spellings written out, for matching cues written in full."""
    for pattern, full in _SPELLED:
        if full is None:  # "dont" -> "don't"
            text = pattern.sub(lambda m: m.group(1)[:-1] + "'" + m.group(1)[-1], text)
        else:
            text = pattern.sub(full, text)
    return text
