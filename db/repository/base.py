"""What every part of the repository stands on: the transport it runs through (and so the
identity RLS sees) and the two ways a result becomes models. Each area's calls subclass it, so
each part type-checks alone and Repository can be put together from them."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel

from db.errors import NotFound
from db.identity import Identity
from db.transport import Transport

M = TypeVar("M", bound=BaseModel)


class RepositoryBase:
    def __init__(self, transport: Transport) -> None:
        self.transport = transport

    @property
    def identity(self) -> Identity:
        return self.transport.identity

    def _rows(self, model: type[M], rows: list[dict[str, Any]]) -> list[M]:
        return [model.model_validate(r) for r in rows]

    def _one(self, model: type[M], rows: list[dict[str, Any]], missing: str) -> M:
        if not rows:
            raise NotFound(missing)
        return model.model_validate(rows[0])
