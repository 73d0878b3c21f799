"""The base every stored row shares, in its own module so each area's models can build on
it without importing one another. Rows arrive from psycopg and from PostgREST alike; Row
ignores columns it does not know (a newer migration may add some) and freezes what it read,
so a row passed around the app cannot be changed by accident."""

from __future__ import annotations

import unicodedata

from pydantic import BaseModel, ConfigDict


class Row(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


def shows_nothing(text: str) -> bool:
    """Blank to a reader: only whitespace and invisible format characters (zero-width
    spaces and joiners, direction marks, a byte-order mark). An audit sent "\\u200b\\u200b" as
    a chat message and saved it as a name: an empty bubble, a scored round, a blank name."""
    return all(c.isspace() or unicodedata.category(c) == "Cf" for c in text)
