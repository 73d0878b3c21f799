"""Review's filters and its open session in the page's address, and back: a refresh starts a
new browser session with none of the widgets' values, and the address is all it keeps (a
page switch keeps them as session state, pages.context.STICKY).

Each change a coach makes is a new entry in the browser's history (Streamlit pushes one when
a run changes the query string, and replaces the entry during a Back or Forward). So Back
works when the page lets an address it did not write win over its own state: an audit found
Back skipping the sessions a coach had opened and never undoing a filter, because the state
won and was written over the entry Back had just restored."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

import streamlit as st

from coach import clock
from pages import widgets

REVIEWED: dict[str, bool | None] = {"All": None, "Not reviewed": False, "Reviewed": True}

# Each filter's name in the address.
ADDRESS = {
    "review_domain": "coach",
    "review_learner": "learner",
    "review_team": "team",
    "review_period": "period",
    "review_scores": "scores",
    "review_reviewed": "reviewed",
    "review_dates": "dates",  # with period=custom: "2026-11-01..2026-11-15"
    "review_selected": "session",  # the session open below the table
}
SELECTED = "review_selected"
DATES = "review_dates"
DEFAULTS: dict[str, Any] = {
    "review_domain": "",
    "review_learner": "",
    "review_team": "",
    "review_period": "30d",
    "review_scores": (1, 10),
    "review_reviewed": "All",
    "review_dates": None,
    "review_selected": "",
}
# The address Review's last run left; dropped by any other page's run (forget_written), so
# Review can tell a page switch (Streamlit clears the address) from a Back to an entry
# without filters.
WRITTEN = "_review_address_written"
# How often the address has won: part of the table's key, so a grid still ticking the row
# of the session open before a Back is drawn anew instead of reopening that session.
TURN = "_review_address_turn"
_SESSION_ID = re.compile(r"[\w:-]{1,200}")  # "<learner>:<coach>:<hex>"


def review_part(params: Mapping[str, str]) -> dict[str, str]:
    """The part of an address that is Review's."""
    names = set(ADDRESS.values())
    return {name: value for name, value in params.items() if name in names}


def address_wins(here: Mapping[str, str], written: Mapping[str, str] | None) -> bool:
    """Whether the address is news to this browser session: it differs from what Review last
    wrote (Back, Forward), or Review is entered with one (a refresh, a link, Back from another
    page). Entered without one is a page switch, which clears the address: the filters the
    coach left stay (pages.context.STICKY)."""
    if written is None:
        return bool(here)
    return dict(here) != dict(written)


def read_address(
    here: Mapping[str, str], options: Mapping[str, Mapping[str, Any]], today: date
) -> dict[str, Any]:
    """Every filter and the open session as the address has them: a value the filter does
    not offer, or none, reads as the default (None for the dates: the picker's own)."""
    values = dict(DEFAULTS)
    for key, name in ADDRESS.items():
        raw = here.get(name)
        if raw is None:
            continue
        if key == "review_scores":
            low, _, high = raw.partition("-")
            if low.isdigit() and high.isdigit() and 1 <= int(low) <= int(high) <= 10:
                values[key] = (int(low), int(high))
        elif key == DATES:
            values[key] = date_range(raw, today)
        elif key == SELECTED:
            if _SESSION_ID.fullmatch(raw):  # shown only if the table lists it
                values[key] = raw
        elif raw in options[key]:
            values[key] = raw
    return values


def date_range(raw: str, today: date) -> tuple[date, date] | None:
    """ "2026-11-01..2026-11-15", a range the date picker could have given, or None."""
    first, _, last = raw.partition("..")
    try:
        start, end = date.fromisoformat(first), date.fromisoformat(last)
    except ValueError:
        return None
    return (start, end) if start <= end <= today else None


def address_text(key: str, value: Any, period: str | None) -> str | None:
    if value == DEFAULTS[key] or value is None:
        return None
    if key == "review_scores":
        return f"{value[0]}-{value[1]}"
    if key == DATES:
        ok = period == "custom" and isinstance(value, tuple | list) and len(value) == 2
        return f"{value[0]}..{value[1]}" if ok else None
    return str(value)


def address_of(values: Mapping[str, Any]) -> dict[str, str]:
    """The filters and the open session as an address (a default is left out)."""
    period = values.get("review_period")
    texts = {
        name: address_text(key, values.get(key, DEFAULTS[key]), period)
        for key, name in ADDRESS.items()
    }
    return {name: text for name, text in texts.items() if text is not None}


def from_address(kinds: dict[str, dict[str, str]]) -> None:
    """Before the filters are drawn: an address that is news (`address_wins`) sets every
    filter and the open session, over what this browser session had."""
    here = review_part(st.query_params.to_dict())
    if not address_wins(here, st.session_state.get(WRITTEN)):
        return
    options: dict[str, Mapping[str, Any]] = {
        "review_domain": kinds["domain"],
        "review_learner": kinds["learner"],
        "review_team": kinds["team"],
        "review_period": {k: k for k in widgets.PERIODS},
        "review_reviewed": REVIEWED,
    }
    for key, value in read_address(here, options, clock.now().date()).items():
        if key in (SELECTED, DATES) and value in (None, ""):
            st.session_state.pop(key, None)  # none open; the date picker's own default
        else:
            st.session_state[key] = value
    st.session_state[TURN] = st.session_state.get(TURN, 0) + 1


def to_address() -> None:
    """The filters as they stand, and the open session, in the address, in one write: each
    write that changes it is an entry in the browser's history, and half a change is not one
    a coach would go Back to."""
    state = st.session_state
    mine = address_of({key: state.get(key, DEFAULTS[key]) for key in ADDRESS})
    params = st.query_params.to_dict()
    if review_part(params) != mine:
        others = {k: v for k, v in params.items() if k not in set(ADDRESS.values())}
        st.query_params.from_dict({**others, **mine})
    state[WRITTEN] = mine


def turn() -> int:
    return int(st.session_state.get(TURN, 0))


def forget_written() -> None:
    """On every other page's run: Review is entered anew next time."""
    st.session_state.pop(WRITTEN, None)
