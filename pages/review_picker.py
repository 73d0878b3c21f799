"""Review's sessions by name, for a coach on a keyboard: the table's rows cannot be selected
without a mouse (an audit tabbed to it; arrows, Space and Enter selected nothing, so no
session, override or Mark reviewed was reachable). Picking one here opens it as a row would.
"""

from __future__ import annotations

import streamlit as st

from coach import clock
from coach.analytics import SessionRow
from pages.review_address import SELECTED

PICKER = "review_pick"
PICKS = "review_picks"  # sessions opened here: part of the table's key, so its tick goes


def picks() -> int:
    return int(st.session_state.get(PICKS, 0))


def _picked() -> None:
    chosen = st.session_state.get(PICKER)
    if chosen is not None:
        st.session_state[SELECTED] = chosen
        st.session_state[PICKS] = picks() + 1  # a new table: the row ticked before is not
    st.session_state[PICKER] = None  # the box reads as a way in, not as the open session


def session_picker(sessions: list[SessionRow]) -> None:
    now = clock.now()
    labels = {
        s.session_id: f"{s.learner_name} · {s.domain_name} · {clock.short_date(s.started_at, now)}"
        for s in sessions
    }
    st.selectbox(
        "Or open a session by name",
        list(labels),
        index=None,
        format_func=lambda session_id: labels.get(session_id, session_id),
        placeholder="Type a learner's or a coach's name",
        key=PICKER,
        on_change=_picked,
    )
