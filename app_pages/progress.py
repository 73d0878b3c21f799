"""My progress (students): how their coaching is going. Their numbers over the last 30 days,
their score over time and per evaluation dimension, first score to best score with each
coach, the scores a coach changed (with the coach's reason), and their sessions with the
report card and transcript.

The same SQL as the Review page, read as the student: RLS gives them only their own rounds.
Everything a person or a model wrote is shown inert."""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from app_pages import widgets
from app_pages.context import context
from app_pages.pick_by_name import pick_by_name, picks
from app_pages.render import inert_text, show_error
from coach import analytics, clock
from coach.analytics import SessionRow
from db.errors import AppError
from db.models import ReviewFilters, RoundReview

ctx = context(roles=("student",))
repository = ctx.repository

LIMIT = 5000
STALE = "You have talked more since this report: end the session again on the Chat page."


def show_kpis() -> None:
    since, until = analytics.preset_bounds("30d", clock.now().date())
    k = repository.review_kpis(ReviewFilters(since=since, until=until))
    delta = analytics.kpi_delta
    cols = st.columns(3)
    for column, label, value, change in (
        (cols[0], "Sessions", str(k.sessions), delta(k.sessions, k.prev_sessions)),
        (cols[1], "Rounds", str(k.rounds), delta(k.rounds, k.prev_rounds)),
        (
            cols[2],
            "Average score",
            f"{k.average_score}/10" if k.average_score is not None else "—",
            delta(k.average_score, k.prev_average_score, decimals=1),
        ),
    ):
        moved = change is not None and change.startswith(("+", "-"))
        column.metric(
            label,
            value,
            change,
            delta_color="normal" if moved else "off",
            delta_arrow="auto" if moved else "off",
        )
    st.caption("The last 30 days, compared with the 30 days before.")


def show_charts(rounds: list[RoundReview]) -> None:
    trend = analytics.my_day_averages(rounds)  # your own days, as the chart beside it
    left, right = st.columns(2)
    figure = analytics.learner_trend_figure(
        trend, title="Your average score over time", day_title=f"Day ({clock.zone_words()})"
    )
    left.plotly_chart(figure, key="progress_trend", width="stretch", config=widgets.CHART_CONFIG)
    widgets.chart_as_text(figure, left)
    # one coach's dimensions at a time: all five coaches' twenty lines squeezed the plot into
    # a scrolling legend; the coach last talked with comes first
    coaches: dict[str, str] = {}
    for r in sorted(rounds, key=lambda r: r.created_at, reverse=True):
        coaches.setdefault(r.domain_id, r.domain_name or r.domain_id)
    if len(coaches) > 1:
        chosen = right.selectbox(
            "Coach",
            list(coaches),
            format_func=lambda d: coaches[d],
            key="progress_coach",
            label_visibility="collapsed",
        )
        rounds = [r for r in rounds if r.domain_id == chosen]
    figure = analytics.my_dimension_trend_figure(rounds)
    right.plotly_chart(
        figure, key="progress_dimensions", width="stretch", config=widgets.CHART_CONFIG
    )
    widgets.chart_as_text(figure, right)


def show_first_to_best(rounds: list[RoundReview]) -> None:
    gains = analytics.first_to_best(rounds)
    if not gains:
        st.info("Nothing scored yet: your rounds are scored as you talk with a coach.")
        return
    widgets.show_first_to_best(gains, key="progress_gains")


def show_overrides(rounds: list[RoundReview]) -> None:
    st.header("Scores your coach changed", anchor=False)
    changed = [r for r in rounds if widgets.human_of(r) is not None]
    if not changed:
        st.caption("No coach has changed a score of yours. When one does, it shows here, with why.")
        return
    today = clock.now()
    for r in changed:
        human = widgets.human_of(r)
        assert human is not None
        ai = f"{r.ai_score}/10" if r.ai_score is not None else "not scored"
        more = f" · changed {human.count} times" if human.count > 1 else ""
        with st.container(border=True):
            st.markdown(
                f"**{inert_text(r.domain_name or r.domain_id)}** · round {r.round_number} · "
                f"{clock.short_date(r.created_at, today)}: AI {ai} → "
                f"**coach {human.score}/10**"
            )
            st.markdown(f"Why: {inert_text(human.reason)}")
            st.caption(f"By {inert_text(human.by)}, {widgets.moment(human.at)}{more}")


PICKER, PICKED = "progress_pick", "progress_picked"


def sessions_table(sessions: list[SessionRow]) -> SessionRow | None:
    """The sessions, newest first; the one selected (the newest until another is chosen),
    by a click on its row or by name (a keyboard cannot select a table row)."""
    frame = pd.DataFrame(
        {
            "Coach": [s.domain_name for s in sessions],
            "Started": [s.started_at for s in sessions],
            "Rounds": [s.rounds for s in sessions],
            "Average": [
                float(s.average_score) if s.average_score is not None else None for s in sessions
            ],
            "Scores changed": [s.overrides for s in sessions],
            "Reviewed by a coach": [s.reviewed for s in sessions],
        }
    )
    seen = f"{picks(PICKER)}|" + ",".join(s.session_id for s in sessions)
    digest = hashlib.sha256(seen.encode()).hexdigest()[:12]
    picked = next((s for s in sessions if s.session_id == st.session_state.get(PICKED)), None)
    event = st.dataframe(
        frame,
        key=f"progress_sessions_{digest}",
        on_select="rerun",
        selection_mode="single-row",
        selection_default=None if picked else {"selection": {"rows": [0]}},
        hide_index=True,
        width="stretch",
        placeholder="—",
        column_config={
            "Started": widgets.when_column("Started"),
            "Average": st.column_config.NumberColumn(format="%.1f"),
            "Reviewed by a coach": st.column_config.CheckboxColumn(),
        },
    )
    rows = event.selection.rows if event is not None else []
    if rows and 0 <= rows[0] < len(sessions):
        st.session_state.pop(PICKED, None)  # a click on a row: the row, not an earlier pick
        return sessions[rows[0]]
    return picked


def show_session(session: SessionRow, rounds: list[RoundReview]) -> None:
    st.markdown(
        f"**{inert_text(session.domain_name)}** · "
        f"{clock.short_date(session.started_at, clock.now())} · "
        f"{clock.plural(session.rounds, 'round')}"
    )
    st.page_link(
        "app_pages/chat.py",
        label="Open in Chat",
        icon=":material/forum:",
        query_params={"session": session.session_id},
    )
    mine = sorted(
        (r for r in rounds if r.session_id == session.session_id), key=lambda r: r.round_number
    )
    try:
        dimensions = repository.get_persona(domain_id=session.domain_id).dimensions
        report = repository.get_session_report(session_id=session.session_id)
    except AppError as exc:
        show_error(exc)
        return
    if report is not None:
        scored = sum(r.ai_score is not None for r in mine)
        widgets.show_report(
            report,
            scored_now=scored,
            expanded=True,
            stale_note=STALE,
            rounds=mine,
        )
    else:
        st.caption("No report card yet: end the session on the Chat page to get one.")
    for r in mine:
        widgets.show_round(widgets.round_of(r), dimensions, human=widgets.human_of(r))


st.title("My progress", anchor=False)
try:
    rounds = repository.review_rounds(ReviewFilters(), limit=LIMIT)  # RLS: only your own
except AppError as exc:
    show_error(exc)
    st.stop()
if not rounds:
    st.info("No sessions yet — start one on the Chat page.")
    st.page_link("app_pages/chat.py", label="Open Chat", icon=":material/forum:")
    st.stop()

try:
    show_kpis()
    show_charts(rounds)
    show_first_to_best(rounds)
    show_overrides(rounds)
except AppError as exc:
    show_error(exc)
    st.stop()

st.header("Your sessions", anchor=False)
st.caption("Select a session to read its report card and every round again.")
sessions = analytics.session_rows(rounds)
selected = sessions_table(sessions)
# an accessibility audit: a keyboard could open only the newest session, and Space on the
# table's "Clear selection" closed it
dated = clock.told_apart(
    {s.session_id: (s.domain_name, s.started_at) for s in sessions}, clock.now()
)
pick_by_name(
    "Or open a session by name",
    {s.session_id: f"{dated[s.session_id]} · {clock.plural(s.rounds, 'round')}" for s in sessions},
    PICKER,
    PICKED,
)
if selected is not None:
    show_session(selected, rounds)
