"""The Chat page with no session open: a card per coach to start one, and the student's
sessions (coach, how each began, when, rounds, average, report) to resume."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import streamlit as st

from app_pages import widgets
from app_pages.render import inert_text, show_error
from coach import clock
from db.errors import AppError

if TYPE_CHECKING:
    from db.repository import Repository
    from graph.chat import ChatService

TO_TOP = "chat_to_top"  # a session just resumed from the list: drawn from its top


def preview(title: str | None, limit: int = 70) -> str:
    """The first words of how the session began, cut at a word."""
    if not title:
        return "—"
    text = " ".join(title.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


def show_start(
    chat: ChatService, repository: Repository, open_session: Callable[[str], None]
) -> None:
    st.header("Start a new session", anchor=False)
    domains = repository.list_domains()
    # row by row: in columns filled round-robin, Tab went down each column while the eye
    # reads across each row (an accessibility audit)
    for i, domain in enumerate(domains):
        if i % 3 == 0:
            columns = st.columns(3)
        with columns[i % 3].container(border=True):
            st.subheader(inert_text(domain.name), anchor=False)
            st.caption(widgets.domain_caption(domain.category, domain.difficulty))
            st.write(domain.description or "")
            if st.button("Start", key=f"start_{domain.id}", type="primary"):
                try:
                    open_session(chat.new_session(domain.id))
                except AppError as exc:
                    show_error(exc)
                else:
                    st.rerun()

    st.header("Your sessions", anchor=False)
    sessions = chat.list_sessions()
    widths = [2, 3.5, 1, 1, 1, 1, 1.5]  # room for "Resume" at a laptop width
    if not sessions:
        st.info("No sessions yet: pick a coach above to start one.")
    else:
        # a phone stacks columns: there the header row read as six grey lines above the
        # first session (a phone audit), and each session is told apart by a rule instead;
        # every value says what it is
        st.html(
            "<style>@media (max-width: 640px) { .st-key-sessions_head { display: none; } "
            "[class*='st-key-session_row_'] { border-top: 1px solid rgba(128,128,128,.35); "
            "padding-top: .5rem; } }</style>"
        )
        headers = ["Coach", "Began with", "Started", "Rounds", "Average", "Report", ""]
        with st.container(key="sessions_head"):
            for col, title in zip(st.columns(widths), headers, strict=True):
                col.caption(title)
    names = {d.id: d.name for d in domains}
    today = clock.now()
    for summary in sessions:
        row = st.container(key=f"session_row_{summary.session_id}")
        cols = row.columns(widths, vertical_alignment="center")
        cols[0].markdown(f"**{inert_text(names.get(summary.domain_id, summary.domain_id))}**")
        cols[1].markdown(inert_text(preview(summary.title)))
        cols[2].write(clock.short_date(summary.started_at, today))
        # each value says what it is: a phone stacks the columns under one header row, and
        # "Dec 2 / 12 / 6.5 / —" could not be told apart (a phone audit)
        cols[3].write(summary.rounds_words)
        average = summary.average_score
        cols[4].write(f"avg {average}" if average is not None else "no average yet")
        cols[5].write("report ✓" if summary.has_report else "no report")
        if cols[6].button("Resume", key=f"resume_{summary.session_id}"):
            open_session(summary.session_id)
            st.session_state[TO_TOP] = st.session_state.get(TO_TOP + "_n", 0) + 1
            st.session_state[TO_TOP + "_n"] = st.session_state[TO_TOP]
            st.rerun()
