"""Review's filters and its open session in the page's address, and back: a refresh starts a
new browser session with none of the widgets' values, and the address is all it keeps (a
page switch keeps them as session state, app_pages.context.STICKY)."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import streamlit as st

from app_pages import widgets
from coach import clock

REVIEWED: dict[str, bool | None] = {"All": None, "Not reviewed": False, "Reviewed": True}

# Each filter's name in the address: a refresh starts a new browser session with none of the
# widgets' values, and the address is all it keeps (a page switch keeps them as session state).
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
_SESSION_ID = re.compile(r"[\w:-]{1,200}")  # "<learner>:<coach>:<hex>"


_WRITTEN = "_review_address"  # the address as this page last wrote it


def _address_now() -> dict[str, str]:
    return {name: st.query_params[name] for name in ADDRESS.values() if name in st.query_params}


def from_address(kinds: dict[str, dict[str, str]]) -> None:
    """A filter this browser session has not set yet takes the address's value, if it is one
    the filter offers; anything else there is ignored. An address other than the one this
    page last wrote came from Back, Forward or a link typed into the tab: it wins over the
    filters as they stand (Back reran the page and the filters wrote their old address over
    it). An empty one is a switch from another page, where the filters stay as they were."""
    now, written = _address_now(), st.session_state.get(_WRITTEN)
    # a filter changed in this very run: the address it came with is only not yet rewritten
    changed = written is not None and _address_of_filters() != written
    if now and written is not None and now != written and not changed:
        for key in ADDRESS:
            st.session_state.pop(key, None)  # the address's value below, else the default
    options: dict[str, Any] = {
        "review_domain": kinds["domain"],
        "review_learner": kinds["learner"],
        "review_team": kinds["team"],
        "review_period": {k: k for k in widgets.PERIODS},
        "review_reviewed": REVIEWED,
    }
    for key, name in ADDRESS.items():
        raw = st.query_params.get(name)
        if key in st.session_state or raw is None:
            continue
        if key == "review_scores":
            low, _, high = raw.partition("-")
            if low.isdigit() and high.isdigit() and 1 <= int(low) <= int(high) <= 10:
                st.session_state[key] = (int(low), int(high))
        elif key == "review_dates":
            if (dates := date_range(raw)) is not None:
                st.session_state[key] = dates
        elif key == SELECTED:
            if _SESSION_ID.fullmatch(raw):  # shown only if the table lists it
                st.session_state[key] = raw
        elif raw in options[key]:
            st.session_state[key] = raw


def date_range(raw: str) -> tuple[date, date] | None:
    """ "2026-11-01..2026-11-15", a range the date picker could have given, or None."""
    first, _, last = raw.partition("..")
    try:
        start, end = date.fromisoformat(first), date.fromisoformat(last)
    except ValueError:
        return None
    return (start, end) if start <= end <= clock.now().date() else None


def address_text(key: str, value: Any) -> str | None:
    if value == DEFAULTS[key] or value is None:
        return None
    if key == "review_scores":
        return f"{value[0]}-{value[1]}"
    if key == "review_dates":
        custom = st.session_state.get("review_period") == "custom"
        ok = custom and isinstance(value, tuple | list) and len(value) == 2
        return f"{value[0]}..{value[1]}" if ok else None
    return str(value)


def _address_of_filters() -> dict[str, str]:
    texts = {
        name: address_text(key, st.session_state.get(key, DEFAULTS[key]))
        for key, name in ADDRESS.items()
    }
    return {name: text for name, text in texts.items() if text is not None}


def to_address() -> None:
    """The filters as they stand, and the open session, in the address (a default is left
    out)."""
    wanted = _address_of_filters()
    for name in ADDRESS.values():
        text = wanted.get(name)
        if text is None:
            if name in st.query_params:
                del st.query_params[name]
        elif st.query_params.get(name) != text:
            st.query_params[name] = text
    st.session_state[_WRITTEN] = _address_now()
