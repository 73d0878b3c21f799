"""Typed failures carrying a sentence a student understands; logs keep the detail.

Both transports turn database errors into these, keyed on SQLSTATE and constraint name, so a
page shows the same words whichever end is configured.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping
from enum import Enum
from typing import Any

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


class TokenRejected(NotAllowed):
    """The API refused the access token itself (expired early, or signed with a rotated
    secret): the refresh token may still renew it, so this is no sign-out yet."""


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
    "profiles_school_year_check": "School year must be one of the choices on the Profile page.",
    "profiles_birth_year_check": "Year you were born must be a four-digit year, such as 1992.",
    "profiles_full_name_visible": "Name must be between 1 and 120 characters.",
    "coaching_pending_messages_visible": "A message must be 1 to 8000 characters.",
    "learners_name_length": "Name must be between 1 and 120 characters.",
    "learners_team_length": "Team must be at most 120 characters.",
    "learners_position_length": "Position must be at most 120 characters.",
    "scholarships_amount_check": "Amount cannot be negative.",
    "scholarships_trust_score_check": "Trust score must be between 0 and 100.",
    "scholarships_url_key": "That scholarship is already in the catalog.",
    "scholarships_url_check": "A scholarship link must start with http:// or https://.",
    "applications_user_id_scholarship_id_key": "You are already tracking this scholarship.",
    "applications_momentum_score_check": "Momentum must be between 0 and 100.",
    "applications_scholarship_id_fkey": "That scholarship does not exist.",
    "coaching_sessions_score_check": "A score must be between 1 and 10.",
    "coaching_sessions_round_number_check": "Round numbers start at 1.",
    "coaching_sessions_session_round_key": "This round was already recorded.",  # ROUND_TAKEN
    "coaching_sessions_domain_id_fkey": "That coach does not exist.",
    "check_in_tasks_user_id_application_id_key": "A check-in already exists for this application.",
    "learners_user_id_key": "You already have a learner profile.",
    "coaching_pending_messages_length_check": "A message must be 1 to 8000 characters.",
    "profiles_intended_major_check": "Intended major must be at most 120 characters.",
    "coaching_threads_session_id_length": "Session id is too long (at most 200 characters).",
}
# A run that lost a race to record its round (another tab's, or a stale checkpoint's count)
ROUND_TAKEN = CONSTRAINT_MESSAGES["coaching_sessions_session_round_key"]

# Argument and column names as a form would say them (a `p_` prefix is dropped first).
LABELS: dict[str, str] = {
    "gpa": "GPA",
    "sai": "SAI",
    "pell_eligibility_status": "Pell eligibility",
    "domain_id": "Coach",
    "learner_message": "Message",
    "application_id": "Application",
    "scholarship_id": "Scholarship",
    "user_id": "User",
    "round_id": "Round",
    "check_in_id": "Check-in",
    "state": "State",
    "answer": "Answer",
    "until": "Snooze time",
    "result_id": "Match",
    "run_id": "Discovery run",
    "timezone": "Time zone",
    "quiet_hours_start": "Quiet hours start",
    "quiet_hours_end": "Quiet hours end",
}
_LABEL_MAX = 40
_NOT_A_NAME = re.compile(r"[^\w]")


def field_label(name: object) -> str:
    """A field name in plain words, short and printable whatever the caller sent: a name is
    input too, and a 10 KB or binary one must not come back in a sentence."""
    text = _NOT_A_NAME.sub("?", str(name))
    if len(text) > _LABEL_MAX:
        text = text[: _LABEL_MAX - 1] + "…"
    key = text.removeprefix("p_")
    return LABELS.get(key) or key.replace("_", " ").strip().capitalize() or "A field"


def unknown_fields_message(names: Iterable[object]) -> str:
    """ "Some fields are not recognised: …" naming at most three, each cut short."""
    shown = sorted({_short_name(name) for name in names})
    listed = ", ".join(shown[:3])
    if len(shown) > 3:
        listed += f" and {len(shown) - 3} more"
    return f"Some fields are not recognised: {listed}."


def _short_name(name: object) -> str:
    text = _NOT_A_NAME.sub("?", str(name))
    return text if len(text) <= _LABEL_MAX else text[: _LABEL_MAX - 1] + "…"


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
    "22P05": ValidationFailed,  # untranslatable character (\u0000 in JSON)
    "22021": ValidationFailed,  # character not in repertoire (a NUL or invalid UTF-8)
    "22023": ValidationFailed,
    "2201E": ValidationFailed,
    "22012": ValidationFailed,
    "54000": ValidationFailed,  # program limit exceeded: a value too large to index
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
# Postgres quotes the value a cast refused at the end of its message:
# invalid input syntax for type uuid: "x" / invalid input value for enum e: "x" /
# value "99999999999" is out of range for type integer
_QUOTED_VALUE = re.compile(r'(?:: "(.*)"|value "(.*)" is out of range for type \w+)$', re.S)
_CAST_STATES = frozenset({"22P02", "22007", "22008", "22003"})
_DETAIL_MAX = 500  # logs keep the detail, not a megabyte of someone's input


def _field_refused(message: str, sent: Mapping[str, Any] | None) -> str | None:
    """Which argument a failed cast was about, found by the value Postgres quotes: both ends
    get the same message (PostgREST passes it through), so both name the same field."""
    if not sent:
        return None
    found = _QUOTED_VALUE.search(message)
    if found is None:
        return None
    quoted = found.group(1) if found.group(1) is not None else found.group(2)
    for name, value in sent.items():
        if isinstance(value, Enum):
            value = value.value
        if isinstance(value, bool):
            value = str(value).lower()
        if value is not None and not isinstance(value, Mapping | list) and str(value) == quoted:
            return field_label(name)
    return None


def from_database(
    sqlstate: str | None,
    message: str,
    *,
    constraint: str | None = None,
    detail: str | None = None,
    sent: Mapping[str, Any] | None = None,
) -> AppError:
    """Map one database error (from psycopg or PostgREST JSON) to a typed, human error.

    `sent`: the call's arguments, so a refused cast can name the field it was about."""
    cls = _SQLSTATE_CLASSES.get(sqlstate or "", AppError)
    if constraint is None:
        found = _CONSTRAINT_IN_MESSAGE.search(message)
        constraint = found.group(1) if found else None
    field = _field_refused(message, sent) if sqlstate in _CAST_STATES else None
    if sqlstate and sqlstate.startswith("TL"):
        human = message  # our own functions already speak to people
    elif constraint in CONSTRAINT_MESSAGES:
        human = CONSTRAINT_MESSAGES[constraint]
    elif sqlstate == "22P02" and "enum" in message:
        human = f"{field or 'That value'} is not one of the allowed choices."
    elif sqlstate == "22003" and field:
        human = f"{field} is out of range."
    elif sqlstate in _CAST_STATES and field:
        human = f"{field} is not in a form we can read."
    elif sqlstate in ("22P05", "22021"):
        human = "Some of that text contains a character that cannot be stored."
    elif sqlstate == "42501" or "row-level security" in message:
        cls, human = NotAllowed, _GENERIC[NotAllowed]
    else:
        human = _GENERIC[cls]
    logged = f"{sqlstate}: {message}" + (f" ({detail})" if detail else "")
    if len(logged) > _DETAIL_MAX:
        logged = logged[:_DETAIL_MAX] + f"… ({len(logged)} characters)"
    return cls(human, detail=logged)


SIGN_IN_FIRST = "Please sign in first."


def as_signed_out(error: AppError, role: str) -> AppError:
    """A refusal met without signing in says what to do: anon reaches no table and almost
    no function, so "not allowed" would be true but no help."""
    if role == "anon" and type(error) is NotAllowed:
        return NotAllowed(SIGN_IN_FIRST, detail=error.detail)
    return error


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


def from_driver(
    exc: psycopg.Error,
    *,
    context: str,
    may_have_written: bool = False,
    sent: Mapping[str, Any] | None = None,
) -> AppError:
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
        sent=sent,
    )
