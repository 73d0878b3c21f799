"""Find in a list of scholarships by a few typed words: "nursing texas", "dell", "Hispanic".

A student who remembers one scholarship, or wants only the nursing ones, should not have to
scroll through forty cards. Each typed word must begin a word of the listing's text (its
title, sponsor and need-match reasons), so "nurse" finds "nursing majors" and "teacher"
finds "teaching"; case and accents do not matter ("latina" finds "Latiña")."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_TOKEN = re.compile(r"[^\W_]+")
# "nurses", "nursing", "nurse" and "nursed" all begin "nurs"; a root is kept at 3 letters
# or more, so "bus" stays "bus"
_ENDINGS = ("ings", "ing", "ers", "er", "es", "ed", "s", "e")
MAX_QUERY = 100


def folded(text: str) -> str:
    """Lower case without accents: what a student types on a phone's keyboard."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def root(word: str) -> str:
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def query_roots(query: str) -> tuple[str, ...]:
    """The typed words as roots, in order, each once; an over-long paste is cut, not read."""
    seen: dict[str, None] = {}
    for word in _TOKEN.findall(folded(query[:MAX_QUERY])):
        seen.setdefault(root(word))
    return tuple(seen)


def finds(roots: tuple[str, ...], texts: Iterable[str | None]) -> bool:
    """Every root begins some word of the texts; no roots (an empty box) finds everything."""
    if not roots:
        return True
    words = {w for text in texts if text for w in _TOKEN.findall(folded(text))}
    return all(any(w.startswith(r) for w in words) for r in roots)
