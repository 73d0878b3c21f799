"""Checking input before a round trip and saying what is wrong in the form's own words.
Apart from the calls because the chat graph words a learner's bad message with the same
sentences, on input that never reaches a repository call."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from db.errors import LABELS, ValidationFailed
from db.repository.base import M


def validation_message(exc: ValidationError) -> str:
    """One line per problem, naming the field the way the form does."""
    parts = []
    for err in exc.errors(include_url=False):
        key = "_".join(str(p) for p in err["loc"])
        field = LABELS.get(key) or key.replace("_", " ").capitalize() or "Input"
        parts.append(f"{field}: {err['msg'].removeprefix('Value error, ')}")
    return "Please check: " + "; ".join(parts) + "."


def validate_input(model: type[M], data: Mapping[str, Any]) -> M:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise ValidationFailed(validation_message(exc), detail=str(exc)) from exc
