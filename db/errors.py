"""Typed failures carrying a sentence a student understands; logs keep the detail.

Both transports turn database errors into these, keyed on SQLSTATE and constraint name, so a
page shows the same words whichever end is configured.
"""

from __future__ import annotations

import re


class AppError(Exception):
    """Base: `str(err)` is safe to show to a person."""

    def __init__(self, message: str, *, detail: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail


class ValidationFailed(AppError):
    pass


class NotAllowed(AppError):
    pass


class NotFound(AppError):
    pass


class Conflict(AppError):
    pass


class Unavailable(AppError):
    pass


CONSTRAINT_MESSAGES: dict[str, str] = {
    "profiles_gpa_check": "GPA must be between 0.00 and 4.00.",
    "profiles_sai_check": "SAI must be between -1500 and 999999.",
    "profiles_state_check": "State must be a two-letter US state code, such as CA or NY.",
    "profiles_full_name_check": "Name must be between 1 and 120 characters.",
    "scholarships_amount_check": "Amount cannot be negative.",
    "scholarships_trust_score_check": "Trust score must be between 0 and 100.",
    "scholarships_url_key": "That scholarship is already in the catalog.",
    "scholarships_url_check": "A scholarship link must start with http:// or https://.",
    "applications_user_id_scholarship_id_key": "You are already tracking this scholarship.",
    "applications_momentum_score_check": "Momentum must be between 0 and 100.",
    "applications_scholarship_id_fkey": "That scholarship does not exist.",
    "coaching_sessions_score_check": "A score must be between 1 and 10.",
    "coaching_sessions_round_number_check": "Round numbers start at 1.",
    "coaching_sessions_session_round_key": "This round was already recorded.",
    "coaching_sessions_domain_id_fkey": "That coach does not exist.",
    "check_in_tasks_user_id_application_id_key": "A check-in already exists for this application.",
    "learners_user_id_key": "You already have a learner profile.",
    "coaching_pending_messages_length_check": "A message must be 1 to 8000 characters.",
}

_SQLSTATE_CLASSES: dict[str, type[AppError]] = {
    "TL400": ValidationFailed,
    "TL403": NotAllowed,
    "TL404": NotFound,
    "TL409": Conflict,
    "23505": Conflict,
    "23514": ValidationFailed,
    "23502": ValidationFailed,
    "23503": ValidationFailed,
    "22P02": ValidationFailed,
    "22003": ValidationFailed,
    "22001": ValidationFailed,
    "22007": ValidationFailed,
    "22008": ValidationFailed,
    "42501": NotAllowed,
}

_GENERIC: dict[type[AppError], str] = {
    ValidationFailed: "Some of that input is not valid. Please check it and try again.",
    NotAllowed: "You are not allowed to do that.",
    NotFound: "That item was not found.",
    Conflict: "That already exists.",
    AppError: "Something went wrong on our side. Nothing was saved; please try again.",
}

_CONSTRAINT_IN_MESSAGE = re.compile(r'constraint "([^"]+)"')


def from_database(
    sqlstate: str | None,
    message: str,
    *,
    constraint: str | None = None,
    detail: str | None = None,
) -> AppError:
    """Map one database error (from psycopg or PostgREST JSON) to a typed, human error."""
    cls = _SQLSTATE_CLASSES.get(sqlstate or "", AppError)
    if constraint is None:
        found = _CONSTRAINT_IN_MESSAGE.search(message)
        constraint = found.group(1) if found else None
    if sqlstate and sqlstate.startswith("TL"):
        human = message  # our own functions already speak to people
    elif constraint in CONSTRAINT_MESSAGES:
        human = CONSTRAINT_MESSAGES[constraint]
    elif sqlstate == "22P02" and "enum" in message:
        human = "That value is not one of the allowed choices."
    elif sqlstate == "42501" or "row-level security" in message:
        cls, human = NotAllowed, _GENERIC[NotAllowed]
    else:
        human = _GENERIC[cls]
    return cls(human, detail=f"{sqlstate}: {message}" + (f" ({detail})" if detail else ""))
