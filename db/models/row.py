"""The base every stored row shares, in its own module so each area's models can build on
it without importing one another. Rows arrive from psycopg and from PostgREST alike; Row
ignores columns it does not know (a newer migration may add some) and freezes what it read,
so a row passed around the app cannot be changed by accident."""

from __future__ import annotations

import unicodedata

from pydantic import BaseModel, ConfigDict


class Row(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


# letters and symbols that draw nothing: Hangul fillers, the blank braille pattern, Khmer's
# invisible vowels, the Mongolian vowel separator and variation selectors
_BLANK_LOOKING = frozenset(
    "\u115f\u1160\u17b4\u17b5\u180b\u180c\u180d\u180e\u180f\u2800\u3164\uffa0"
) | frozenset(chr(c) for c in range(0xFE00, 0xFE10))


def shows_nothing(text: str) -> bool:
    """Blank to a reader: only whitespace, invisible format characters (zero-width spaces
    and joiners, direction marks, a soft hyphen, a byte-order mark, tags), blank-looking
    letters, and combining marks with nothing to combine with. An audit sent "\\u200b\\u200b"
    as a chat message and saved it as a name: an empty bubble, a scored round, a blank name;
    a second saved "\\u3164". The database's private.shows_nothing says the same."""
    return all(_blank(c) for c in text)


def _blank(c: str) -> bool:
    return (
        c.isspace()
        or c in _BLANK_LOOKING
        or unicodedata.category(c) == "Cf"
        or "\u0300" <= c <= "\u036f"  # combining marks, alone
    )
