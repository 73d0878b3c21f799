"""Typed failures carrying a sentence a student understands; logs keep the detail.

Both transports turn database errors into these, keyed on SQLSTATE and constraint name, so a
page shows the same words whichever end is configured.
"""

from __future__ import annotations

import logging
import re

import psycopg
from psycopg_pool import PoolTimeout, TooManyRequests

log = logging.getLogger(__name__)

NOT_REACHABLE = (
    "The database is not reachable right now. Nothing was changed; please try again in a moment."
)
BUSY = "The database is busy right now. Nothing was changed; please try again in a moment."
LOST_DURING_WRITE = (
    "The connection to the database was lost during this change, so it may or may not have "
    "been saved. Please check, then try again."
)


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


class Busy(Unavailable):
    """Up but saturated (every pooled connection in use, too many clients, a statement
    timeout): worth a retry later, not an immediate one, which would only queue again."""


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


# Up but saturated: too many connections, out of memory, a statement or lock timeout. (Gone or
# going is class 08 and the 57P0x shutdowns: see is_connection_lost.)
_BUSY_SQLSTATES = {"53300", "53400", "57014", "55P03"}


def is_connection_lost(exc: BaseException) -> bool:
    """The connection or the server went away (as opposed to a rejected statement or a
    saturated pool): a read may be retried once on a fresh connection."""
    if isinstance(exc, PoolTimeout | TooManyRequests):
        return False
    if not isinstance(exc, psycopg.OperationalError | psycopg.InterfaceError):
        return False
    state = exc.sqlstate
    return state is None or state.startswith("08") or state in {"57P01", "57P02", "57P03"}


def from_driver(exc: psycopg.Error, *, context: str, may_have_written: bool = False) -> AppError:
    """Map any psycopg / psycopg_pool error to a typed error with a sentence for the person,
    logging the driver's own words with `context` when it is about the connection (a log
    line that says only "AdminShutdown" tells nobody which call or pool it hit).

    `may_have_written`: the statement was a write and may have reached the server before
    the connection died, so "Nothing was changed" would not be true."""
    name = type(exc).__name__
    detail = f"{context}: {name}: {exc}".strip()
    if isinstance(exc, PoolTimeout | TooManyRequests) or exc.sqlstate in _BUSY_SQLSTATES:
        log.warning("database busy during %s: %s: %s", context, name, exc)
        return Busy(BUSY, detail=detail)
    if is_connection_lost(exc):
        log.warning("database unavailable during %s: %s: %s", context, name, exc)
        return Unavailable(LOST_DURING_WRITE if may_have_written else NOT_REACHABLE, detail=detail)
    if exc.sqlstate is None:  # raised by the driver itself, not the server: a bug of ours
        log.error("driver error during %s: %s: %s", context, name, exc)
    diag = exc.diag
    return from_database(
        exc.sqlstate,
        diag.message_primary or str(exc),
        constraint=diag.constraint_name,
        detail=diag.message_detail,
    )
