"""Learners (coaches and admins): every learner with scored rounds in the filters, the ones
needing attention first (a score down a point or more, then sessions nobody reviewed), and
for the learner a coach selects their numbers, their trend per dimension, first score to
best with each coach, their recent sessions and a way into Review with that learner filtered.

The per-learner numbers are aggregated in SQL (public.review_learners, security invoker, so
RLS decides; the page refuses a student before that). Names and teams are people's text:
inert in markdown, plain text in the tables and the charts."""

from __future__ import annotations

import hashlib

import streamlit as st

from app_pages import widgets
from app_pages.context import context
from app_pages.pick_by_name import pick_by_name, picks
from app_pages.render import inert_text, show_error
from coach import analytics, clock
from db.errors import AppError
from db.models import LearnerSummary, ReviewFilters

ctx = context(roles=("coach", "admin"))
repository = ctx.repository

LIMIT = 5000  # a learner's rounds read for their charts and sessions
RECENT = 10  # sessions listed under a learner
EMPTY = "No learner has a scored session yet — they appear here after their first chat round."
NARROWED = (
    "No learner has rounds in these filters. Widen the period or clear a filter; learners "
    "appear here as they talk with a coach on the Chat page."
)
TABLE = "learners_table"
PERIOD, DATES = "learners_period", "learners_dates"
REVIEW = "app_pages/review.py"
PICKER, PICKED = "learners_pick", "learners_picked"  # by name, for a keyboard


# filters -----------------------------------------------------------------------------------
def filters_row() -> ReviewFilters:
    """Coach, team and period: the learner is what the table picks."""
    kinds = widgets.filter_options(repository)
    with st.container(border=True):
        cols = st.columns(3)
        domain = widgets.choice("Coach", kinds["domain"], "learners_domain", "All coaches", cols[0])
        team = widgets.choice("Team", kinds["team"], "learners_team", "All teams", cols[1])
        since, until = widgets.period_bounds(
            cols[2], clock.now().date(), key=PERIOD, dates_key=DATES, default="90d"
        )
    return ReviewFilters(domain_id=domain, team=team, since=since, until=until)


def summaries(scope: ReviewFilters) -> list[LearnerSummary]:
    return repository.review_learners(
        domain_id=scope.domain_id, team=scope.team, since=scope.since, until=scope.until
    )


# the learners table ------------------------------------------------------------------------
def table_key(scope: ReviewFilters, learners: list[LearnerSummary]) -> str:
    """A new table whenever the filters or the order change, so a selection never lands on
    a different learner."""
    seen = f"{scope.model_dump_json()}|{picks(PICKER)}|" + ",".join(r.learner_id for r in learners)
    return f"{TABLE}_{hashlib.sha256(seen.encode()).hexdigest()[:12]}"


def learners_table(learners: list[LearnerSummary], key: str) -> LearnerSummary | None:
    """The learners, one row each, in the order given; the row a coach selects, if any."""
    score = "Effective score (the coach's where overridden)"
    event = st.dataframe(
        analytics.learners_frame(learners),
        key=key,
        on_select="rerun",
        selection_mode="single-row",
        hide_index=True,
        width="stretch",
        placeholder="—",
        column_config={
            "Not reviewed": st.column_config.NumberColumn(
                help="Sessions in the period no coach has reviewed yet"
            ),
            "Change": st.column_config.NumberColumn(
                format="%+.1f",
                help="Average of the last five scored rounds minus the first five "
                "(below ten rounds, the last half against the first half)",
            ),
            "Average": st.column_config.NumberColumn(format="%.1f", help=score),
            "First": st.column_config.NumberColumn(help=f"First scored round. {score}"),
            "Latest": st.column_config.NumberColumn(help=f"Newest scored round. {score}"),
            "Best": st.column_config.NumberColumn(help=score),
            "Overrides": st.column_config.NumberColumn(help="Rounds a coach re-scored"),
            "Last round": widgets.when_column("Last round"),
        },
    )
    rows = event.selection.rows if event is not None else []
    if rows and 0 <= rows[0] < len(learners):
        st.session_state.pop(PICKED, None)  # a click on a row: the row, not an earlier pick
        return learners[rows[0]]
    return next((r for r in learners if r.learner_id == st.session_state.get(PICKED)), None)


# a learner ---------------------------------------------------------------------------------
def open_in_review(learner: LearnerSummary, scope: ReviewFilters) -> None:
    """Review's filter widgets, preset by their keys (app_pages/review.py): this learner, the
    same coach and period, nothing else narrowed, so Review shows what this page counted."""
    state = st.session_state
    state["review_learner"] = learner.learner_id
    state["review_domain"] = scope.domain_id or ""
    state["review_team"] = ""
    state["review_period"] = state.get(PERIOD, "90d")
    if state["review_period"] == "custom" and state.get(DATES):
        state["review_dates"] = state[DATES]
    state["review_scores"] = (1, 10)
    state["review_reviewed"] = "All"
    st.switch_page(REVIEW)


def show_numbers(learner: LearnerSummary) -> None:
    cols = st.columns(4)
    cols[0].metric("Sessions", str(learner.sessions))
    cols[1].metric("Rounds", str(learner.rounds))
    average = f"{learner.average_score}/10" if learner.average_score is not None else "—"
    cols[2].metric("Average score", average)
    cols[3].metric(
        "Change",
        analytics.change_text(learner.change),
        help="The last five scored rounds against the first five (below ten, the last half "
        "against the first half).",
    )
    parts = [
        f"{label} {value}/10"
        for label, value in (
            ("first", learner.first_score),
            ("latest", learner.latest_score),
            ("best", learner.best_score),
        )
        if value is not None
    ]
    parts.append(f"{clock.plural(learner.unreviewed_sessions, 'session')} not reviewed")
    if learner.overridden_rounds:
        parts.append(f"{clock.plural(learner.overridden_rounds, 'score')} overridden")
    st.caption("Scores: " + " · ".join(parts))


def show_first_to_best(gains: list[analytics.FirstToBest]) -> None:
    if not gains:
        st.caption("No scored rounds in these filters yet, so no first-to-best to show.")
        return
    widgets.show_first_to_best(gains, key="learner_gains")


def show_sessions(sessions: list[analytics.SessionRow]) -> None:
    st.markdown("**Recent sessions**")
    shown = sessions[:RECENT]
    more = f", the newest {RECENT} of {len(sessions)}" if len(sessions) > RECENT else ""
    st.caption(f"{clock.plural(len(sessions), 'session')} in these filters{more}.")
    st.dataframe(
        {
            "Coach": [s.domain_name for s in shown],
            "Started": [s.started_at for s in shown],
            "Rounds": [s.rounds for s in shown],
            "Average": [
                float(s.average_score) if s.average_score is not None else None for s in shown
            ],
            "Reviewed": [s.reviewed for s in shown],
        },
        key="learner_sessions",
        hide_index=True,
        width="stretch",
        placeholder="—",
        column_config={
            "Started": widgets.when_column("Started"),
            "Average": st.column_config.NumberColumn(format="%.1f"),
            "Reviewed": st.column_config.CheckboxColumn(),
        },
    )


def show_learner(learner: LearnerSummary, scope: ReviewFilters) -> None:
    st.header(inert_text(learner.learner_name), anchor=False)
    team = f"{inert_text(learner.team)} · " if learner.team else ""
    st.caption(f"{team}last round {clock.short_date(learner.last_round_at, clock.now())}")
    if st.button(
        "Open in Review",
        key="learners_open_review",
        icon=":material/rate_review:",
        help="Review with this learner (and this page's coach and period) filtered: read "
        "their sessions, override a score, mark a session reviewed.",
    ):
        open_in_review(learner, scope)
    show_numbers(learner)
    theirs = scope.model_copy(update={"learner_id": learner.learner_id})
    try:
        rounds = repository.review_rounds(theirs, limit=LIMIT)
    except AppError as exc:
        show_error(exc)
        return
    left, right = st.columns(2)
    figure = analytics.my_dimension_trend_figure(
        rounds,
        title="Scores per dimension over time",
        empty="No dimension was scored in these filters.",
    )
    left.plotly_chart(
        figure, key="learner_dimensions", width="stretch", config=widgets.CHART_CONFIG
    )
    widgets.chart_as_text(figure, left)
    with right:
        show_first_to_best(analytics.first_to_best(rounds))
    show_sessions(analytics.session_rows(rounds))


# the page ----------------------------------------------------------------------------------
st.title("Learners", anchor=False)
st.caption(
    "Every learner with scored coaching rounds: who needs attention first, and how each one "
    "is progressing. Select a learner in the table to see their numbers."
)
scope = filters_row()
try:
    learners = analytics.attention_order(summaries(scope))
    anyone = bool(learners) or bool(summaries(ReviewFilters()))
except AppError as exc:
    show_error(exc)
    st.stop()
if not learners:
    st.info(NARROWED if anyone else EMPTY)
    st.stop()

st.caption(f"{clock.plural(len(learners), 'learner')}. {analytics.ATTENTION_ORDER}")
selected = learners_table(learners, table_key(scope, learners))
pick_by_name(
    "Or open a learner by name", {r.learner_id: r.learner_name for r in learners}, PICKER, PICKED
)
if selected is None:
    st.info("Select a learner in the table to see their trend, first-to-best and sessions.")
else:
    show_learner(selected, scope)
