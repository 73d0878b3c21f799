"""Hypothesis strategies for hostile arguments, one per kind (text, uuid, enum, choice,
time, number): each draws only values no argument of its kind accepts, marked with whether
the refusal must name the field. They live apart from the calls that use them
(tests/db/hostile_calls.py) because they describe values, not functions."""

from __future__ import annotations

import math
import re
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st


# hostile values ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Hostile:
    """A value no argument of its kind accepts; `named`: the refusal names the field."""

    value: Any
    named: bool

    def __repr__(self) -> str:  # hypothesis prints failing examples: keep them readable
        text = repr(self.value)
        return f"Hostile({text[:120]}{'…' if len(text) > 120 else ''}, named={self.named})"


def _named(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Hostile]:
    return strategy.map(lambda value: Hostile(value, named=True))


def _unnamed(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Hostile]:
    return strategy.map(lambda value: Hostile(value, named=False))


any_text = st.text(max_size=30)
_nul = st.tuples(any_text, any_text).map(lambda parts: parts[0] + "\x00" + parts[1])
_surrogate = st.tuples(any_text, st.integers(0xD800, 0xDFFF), any_text).map(
    lambda parts: parts[0] + chr(parts[1]) + parts[2]
)
_huge = st.integers(20_001, 1_100_000).map(lambda n: "x" * n)
_non_finite = st.sampled_from([math.nan, math.inf, -math.inf, Decimal("NaN"), Decimal("-Inf")])
_containers = st.one_of(
    st.lists(st.integers(), max_size=3), st.dictionaries(any_text, st.integers(), max_size=3)
)
# Refused by any argument, whatever its type.
ANY_BAD = st.one_of(_named(_nul), _named(_surrogate), _named(_huge), _named(_non_finite))


def _not_uuid(text: str) -> bool:
    try:
        uuid.UUID(text)
    except ValueError:
        return True
    return False


def text_arg(*, required: bool, bad_text: st.SearchStrategy[str] | None = None) -> Any:
    """A text argument: wrong types always; null/blank when it is required."""
    options = [ANY_BAD, _named(st.one_of(st.booleans(), st.integers(), st.floats(), _containers))]
    if required:
        options.append(_unnamed(st.sampled_from([None, "", "   "])))
    if bad_text is not None:
        options.append(_unnamed(bad_text))
    return st.one_of(*options)


def uuid_arg(*, unknown_is_refused: bool = True) -> Any:
    options = [
        ANY_BAD,
        _named(st.one_of(any_text.filter(_not_uuid), st.booleans(), st.integers(), _containers)),
        _unnamed(st.just(None)),
    ]
    if unknown_is_refused:
        options.append(_unnamed(st.uuids()))
    return st.one_of(*options)


def enum_arg(labels: set[str]) -> Any:
    return st.one_of(
        ANY_BAD,
        _unnamed(st.just(None)),
        _named(st.one_of(any_text.filter(lambda t: t not in labels), st.integers(), _containers)),
    )


def choice_text_arg(choices: set[str], *, refused: tuple[str, ...] = ()) -> Any:
    """Free text a function reads as one of `choices` (case, spaces, `-` and `_` aside):
    anything that cannot be read as one, plus `refused`, choices this call cannot take."""
    letters = {re.sub(r"[^a-z]", "", choice.lower()) for choice in choices}
    unreadable = any_text.filter(lambda t: re.sub(r"[^a-z]", "", t.lower()) not in letters)
    options = [unreadable] + ([st.sampled_from(refused)] if refused else [])
    return text_arg(required=True, bad_text=st.one_of(*options))


# Words Postgres reads as a time (some of them ahead of the app clock, depending on --clock):
# the unreadable text leaves them out; those refused whatever the clock are sampled by name.
_TIME_WORDS = ("now", "today", "tomorrow", "yesterday", "epoch", "infinity", "allballs")
_past = st.datetimes(max_value=datetime(2000, 1, 1), timezones=st.just(UTC))
# past any deadline
far_future = st.datetimes(min_value=datetime(2200, 1, 1), timezones=st.just(UTC))
BEYOND = ("infinity", "10000-01-01", "99999-12-31 23:59", "294276-12-31")  # past any calendar
beyond = st.sampled_from(BEYOND)


def time_arg(*, later: st.SearchStrategy[Any]) -> Any:
    """A time that must lie ahead: `later` are the ones too far ahead for this student."""
    unreadable = any_text.filter(
        lambda t: not any(c.isdigit() for c in t) and not any(w in t.lower() for w in _TIME_WORDS)
    )
    wrong = st.one_of(st.booleans(), st.integers(), st.floats(), _containers)
    gone = st.one_of(_past, _past.map(datetime.isoformat), st.sampled_from(["epoch", "-infinity"]))
    return st.one_of(
        ANY_BAD,
        _named(st.one_of(wrong, unreadable, st.just("294277-01-01"))),
        _unnamed(st.one_of(st.just(None), gone, later)),
    )


def number_arg(*, low: Decimal, high: Decimal, whole: bool) -> Any:
    out_of_range: st.SearchStrategy[Any] = (
        st.one_of(st.integers(max_value=int(low) - 1), st.integers(min_value=int(high) + 1))
        if whole
        else st.one_of(
            st.decimals(max_value=low - Decimal("0.01"), allow_nan=False, allow_infinity=False),
            st.decimals(min_value=high + Decimal("0.01"), allow_nan=False, allow_infinity=False),
        ).map(str)
    )
    wrong = st.one_of(
        st.booleans(),
        any_text.filter(lambda t: not _parses_as_number(t)),
        _containers,
        *([st.floats(allow_nan=False).filter(lambda f: not f.is_integer())] if whole else []),
    )
    return st.one_of(ANY_BAD, _unnamed(out_of_range), _named(wrong))


def _parses_as_number(text: str) -> bool:
    try:
        Decimal(text.strip())
    except ArithmeticError:
        return False
    return True
