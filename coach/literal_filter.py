"""A literal prefilter for the rubric's regexes: which words a pattern cannot match without.

Scoring one answer runs a few hundred case-insensitive patterns over it, and almost every
one of them matches nothing. Each starts with a look-behind, which stops `re` from skipping
ahead on a literal prefix, so each scan costs a full pass over the text. Most patterns,
though, cannot match unless one of a few literal strings is in the text ("pay", "paying",
"wire", …): a substring test on the folded answer answers that for a fraction of the cost,
and the regex runs only when it might match. The answer is the same either way: the filter
only skips patterns that cannot match.
"""

from __future__ import annotations

import re
from functools import lru_cache
from re import _constants as c  # type: ignore[attr-defined]
from re import _parser as sre  # type: ignore[attr-defined]
from typing import Any

Needles = frozenset[str]

# Under IGNORECASE, `re` lets four non-ASCII letters match ASCII ones; lower() alone does not
# map them, so they are mapped first (the rubric's literals are ASCII).
_SPECIAL = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
_MIN_LEN = 2  # a needle shorter than this filters nothing worth the test
_REPEATS = tuple(
    getattr(c, name)
    for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
    if hasattr(c, name)
)


@lru_cache(maxsize=16)
def fold(text: str) -> str:
    """The text as the needles are compared with it."""
    return text.translate(_SPECIAL).lower()


def _usable(needed: Needles) -> bool:
    """Long enough to filter, and ASCII: `re` folds some other letters together under
    IGNORECASE (the Greek sigmas, say) that lower() keeps apart."""
    return bool(needed) and all(len(n) >= _MIN_LEN and n.isascii() for n in needed)


def _best(candidates: list[Needles]) -> Needles | None:
    """Any one required set will do inside an alternative; the one whose shortest needle is
    longest filters most."""
    usable = [s for s in candidates if _usable(s)]
    return max(
        usable,
        key=lambda s: (min(len(n) for n in s), sum(len(n) for n in s) / len(s)),
        default=None,
    )


def _required(items: Any) -> list[Needles]:
    """Every set of which the sequence needs one string (all of them are needed)."""
    found: list[Needles] = []
    run: list[str] = []
    for op, arg in items:
        if op is c.LITERAL:
            run.append(chr(arg).lower())
            continue
        if run:
            found.append(frozenset({"".join(run)}))
            run = []
        found += _element(op, arg)
    if run:
        found.append(frozenset({"".join(run)}))
    return [s for s in found if _usable(s)]


def _element(op: Any, arg: Any) -> list[Needles]:
    if op is c.SUBPATTERN:
        return _required(arg[-1])
    if op is getattr(c, "ATOMIC_GROUP", None):
        return _required(arg)
    if op in _REPEATS and arg[0] >= 1:
        return _required(arg[2])
    if op is c.BRANCH:
        union: set[str] = set()
        for alternative in arg[1]:
            best = _best(_required(alternative))
            if best is None:
                return []  # this alternative can match without any needle
            union |= best
        return [frozenset(union)]
    return []  # character classes, any-char, assertions, optional parts


@lru_cache(maxsize=4096)
def needles(pattern: re.Pattern[str]) -> tuple[Needles, ...]:
    """Sets of strings, lower-cased, of each of which the pattern needs one; empty when it has
    none (it is then always run). Lower-casing both sides is safe with or without IGNORECASE:
    a case-sensitive match is also a match of the lower-cased text."""
    try:
        parsed = sre.parse(pattern.pattern, pattern.flags)
    except Exception:  # an unusual construct: run the regex
        return ()
    return tuple(dict.fromkeys(_required(parsed)))


@lru_cache(maxsize=4096)
def _smallest_first(pattern: re.Pattern[str]) -> tuple[tuple[str, ...], ...]:
    """The required sets, the smallest first: most patterns fail on a set none of whose
    needles is in the text, and a small set is the cheapest to rule out."""
    return tuple(sorted((tuple(s) for s in needles(pattern)), key=len))


def may_match(pattern: re.Pattern[str], folded: str) -> bool:
    """False only when the pattern cannot match the text `folded` was made from. Plain loops:
    `all(any(...))` generators cost twice as much, at a few hundred patterns an answer."""
    for needed in _smallest_first(pattern):
        for needle in needed:
            if needle in folded:
                break
        else:
            return False
    return True
