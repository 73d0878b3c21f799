"""The base every stored row shares, in its own module so each area's models can build on
it without importing one another. Rows arrive from psycopg and from PostgREST alike; Row
ignores columns it does not know (a newer migration may add some) and freezes what it read,
so a row passed around the app cannot be changed by accident."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Row(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)
