"""The line Review and a coach's Home put above everything else: sessions, not yet reviewed,
where a learner wrote that they may harm themselves. Its own small module: Home imports it,
and app_pages/widgets.py would bring plotly and pandas onto every first page."""

from __future__ import annotations

import streamlit as st

from coach import clock


def read_first(sessions: int, who: str, then: str) -> None:
    """`who`: the learners' names, already inert; `then`: what the page adds."""
    st.error(
        f"**Read first:** {clock.plural(sessions, 'session')} where a learner wrote that they "
        f"may harm themselves ({who}). {then}",
        icon=":material/emergency:",
    )
