"""The lines Review and a coach's Home put above everything else: sessions, not yet reviewed,
where a learner wrote that they may harm themselves, or that money or bank details went to a
likely scam. Its own small module: Home imports it, and app_pages/widgets.py would bring
plotly and pandas onto every first page."""

from __future__ import annotations

import streamlit as st

from coach import clock
from coach.crisis import CRISIS_REASON
from coach.scam_sent import SCAM_SENT_REASON

# what each kept-unscored reason says a learner wrote, and what Review adds for the coach
READ_FIRST: dict[str, tuple[str, str]] = {
    CRISIS_REASON: (
        "may harm themselves",
        "The coach answered with where to find help (call or text 988, 911 in danger, text "
        "HOME to 741741) and did not score it. Reach out to the learner and follow your "
        "school's safeguarding steps; open it below by name.",
    ),
    SCAM_SENT_REASON: (
        "already sent money or bank details to a likely scholarship scam",
        "The coach told them to call their bank or card company today to dispute the charge, "
        "to send nothing more, and to report it at reportfraud.ftc.gov, and did not score it. "
        "Check in with the learner (and their family) today; open it below by name.",
    ),
}


def read_first(sessions: int, who: str, then: str, reason: str = CRISIS_REASON) -> None:
    """`who`: the learners' names, already inert; `then`: what the page adds."""
    st.error(
        f"**Read first:** {clock.plural(sessions, 'session')} where a learner wrote that they "
        f"{READ_FIRST[reason][0]} ({who}). {then}",
        icon=":material/emergency:",
    )
