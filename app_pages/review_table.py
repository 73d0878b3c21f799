"""Review's sessions table: one row per session in the filters, the row a coach ticks, or
the session that stayed open (back from another page, a refresh, a link, a pick by name),
and the table's key, new whenever what it lists changes so a tick never lands on another
session."""

from __future__ import annotations

import hashlib

import pandas as pd  # type: ignore[import-untyped]
import streamlit as st

from app_pages import widgets
from app_pages.pick_by_name import picks
from app_pages.review_address import SELECTED
from coach.analytics import SessionRow
from db.models import ReviewFilters

TABLE = "review_sessions"
# (session id, learner id, coach id) of the session whose round the coach just overrode: it
# stays open though it left a "Not reviewed" list (an audit's closed under the coach)
ACTED = "review_acted_on"
PICKER = "review_pick"  # the sessions by name, for a keyboard


def sessions_table(sessions: list[SessionRow], key: str) -> SessionRow | None:
    """The sessions, one row each; the row a coach selects, if any, or the session open
    before this table was drawn."""
    ticked = f"{key}_ticked"  # a row of this table was ticked since it was drawn
    if key not in st.session_state:  # drawn anew: the grid shows no tick, whatever it had
        st.session_state.pop(ticked, None)
    frame = pd.DataFrame(
        {
            # what a coach triages by first: on a phone only the first three columns show
            # (an accessibility audit saw Learner, Team and a cut "Sales Process Coa")
            "Learner": [s.learner_name for s in sessions],
            "Average": [
                float(s.average_score) if s.average_score is not None else None for s in sessions
            ],
            "Reviewed": [s.reviewed for s in sessions],
            "Coach": [s.domain_name for s in sessions],
            "Started": [s.started_at for s in sessions],
            "Rounds": [s.rounds for s in sessions],
            "Overrides": [s.overrides for s in sessions],
            "Team": [s.team or "" for s in sessions],
        }
    )
    event = st.dataframe(
        frame,
        key=key,
        on_select="rerun",
        selection_mode="single-row",
        hide_index=True,
        width="stretch",
        placeholder="—",
        column_config={
            "Started": widgets.when_column("Started", "Its first round in these filters."),
            "Rounds": st.column_config.NumberColumn(help="Its rounds in these filters."),
            "Average": st.column_config.NumberColumn(format="%.1f"),
            "Reviewed": st.column_config.CheckboxColumn(),
            "Coach": st.column_config.TextColumn(width="medium"),
        },
    )
    rows = event.selection.rows if event is not None else []
    if rows and 0 <= rows[0] < len(sessions):
        st.session_state[SELECTED] = sessions[rows[0]].session_id
        st.session_state[ticked] = True
        return sessions[rows[0]]
    if st.session_state.pop(ticked, False):  # the coach un-ticked the row
        st.session_state.pop(SELECTED, None)
        return None
    # no row ticked in this table (back from another page, a refresh, a link, other filters,
    # and every run after, such as a score typed): the session that was open stays open while
    # the table lists it, with a half-written override beside it. An audit: the first edit
    # after a refresh read the table's empty selection as "closed" and shut the session.
    remembered = st.session_state.get(SELECTED)
    kept = next((s for s in sessions if s.session_id == remembered), None)
    acted = st.session_state.get(ACTED)
    if kept is None and not (acted and acted[0] == remembered):
        st.session_state.pop(SELECTED, None)
    return kept


def table_key(filters: ReviewFilters, sessions: list[SessionRow]) -> str:
    """A new table whenever the filters or the rows change (a session marked reviewed leaves
    a "Not reviewed" list), so a selection never lands on a different session."""
    seen = f"{filters.model_dump_json()}|{picks(PICKER)}|" + ",".join(
        s.session_id for s in sessions
    )
    return f"{TABLE}_{hashlib.sha256(seen.encode()).hexdigest()[:12]}"
