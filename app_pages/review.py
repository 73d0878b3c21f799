"""Review (coaches and admins): every learner's scored sessions. Filters, KPIs against the
previous period, four charts, the sessions table; a selected session's transcript round by
round with the AI's score and the coach's, where a coach overrides a score or marks the
session reviewed; the filtered rounds as CSV.

The numbers are aggregated in SQL (security invoker, so RLS decides, as it does for a
student who reaches this page by a link: the page refuses them first). Names and every text a
learner or a model wrote are shown inert; the table and the charts show them as plain text."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import streamlit as st

from app_pages import widgets
from app_pages.context import context
from app_pages.pick_by_name import pick_by_name
from app_pages.read_first import READ_FIRST, read_first
from app_pages.render import inert_text, show_error
from app_pages.review_actions import FLASH, override_form, review_form
from app_pages.review_address import REVIEWED, SELECTED, from_address, to_address
from app_pages.review_table import ACTED, PICKER, sessions_table, table_key
from coach import analytics, clock
from coach.analytics import SessionRow
from db.errors import AppError
from db.models import NoteSeen, ReviewFilters, ReviewKpis, RoundReview

ctx = context(roles=("coach", "admin"))
repository = ctx.repository

LIMIT = 5000  # rounds in the table and the CSV; the KPIs and charts count every round
PENDING = "Not scored yet: the judge scores a round when the learner sends their next message."
STALE = "The learner has talked more since this report was written."


# filters -----------------------------------------------------------------------------------
def filters_row() -> ReviewFilters:
    kinds = widgets.filter_options(repository)
    from_address(kinds)
    with st.container(border=True):
        first = st.columns(3)
        domain = widgets.choice("Coach", kinds["domain"], "review_domain", "All coaches", first[0])
        learner = widgets.choice(
            "Learner", kinds["learner"], "review_learner", "All learners", first[1]
        )
        team = widgets.choice("Team", kinds["team"], "review_team", "All teams", first[2])
        second = st.columns(3)
        since, until = widgets.period_bounds(
            second[0], clock.now().date(), key="review_period", dates_key="review_dates"
        )
        low, high = second[1].slider("Score", 1, 10, (1, 10), key="review_scores")
        reviewed = second[2].radio(
            "Reviewed", list(REVIEWED), horizontal=True, key="review_reviewed"
        )
    to_address()
    whole_range = (low, high) == (1, 10)  # unscored rounds count too unless narrowed
    return ReviewFilters(
        domain_id=domain,
        learner_id=learner,
        team=team,
        since=since,
        until=until,
        min_score=None if whole_range else low,
        max_score=None if whole_range else high,
        reviewed=REVIEWED[reviewed or "All"],
    )


# KPIs --------------------------------------------------------------------------------------
def metric(
    column: Any,
    label: str,
    value: str,
    delta: str | None,
    *,
    lower_is_better: bool = False,
    help: str | None = None,
) -> None:
    if delta is None or not delta.startswith(("+", "-")):  # none to compare, or no change
        column.metric(label, value, delta, delta_color="off", delta_arrow="off", help=help)
    else:
        color = "inverse" if lower_is_better else "normal"
        column.metric(label, value, delta, delta_color=color, help=help)


# an audit could not reconcile "Rounds 12" with a score chart of 3 rounds, nor an override
# with dimension bars that did not move
ROUNDS_HELP = (
    "Every exchange, scored or not: a question to the coach, a thank-you or news is kept "
    "without a score, so the score charts count fewer rounds."
)
AVERAGE_HELP = "Over scored rounds only; a coach's score replaces the AI's where there is one."
CHARTS_NOTE = (
    "The charts count scored rounds only. Per-dimension averages are the AI's: a coach's "
    "score changes a round's overall score, not its dimensions."
)


def seconds(ms: int | None) -> Decimal | None:
    return None if ms is None else Decimal(ms) / 1000


def show_kpis(k: ReviewKpis) -> None:
    cols = st.columns(5)
    delta = analytics.kpi_delta
    metric(cols[0], "Sessions", str(k.sessions), delta(k.sessions, k.prev_sessions))
    metric(cols[1], "Rounds", str(k.rounds), delta(k.rounds, k.prev_rounds), help=ROUNDS_HELP)
    metric(
        cols[2],
        "Average score",
        f"{k.average_score}/10" if k.average_score is not None else "—",
        delta(k.average_score, k.prev_average_score, decimals=1),
        help=AVERAGE_HELP,
    )
    now_s, before_s = seconds(k.average_response_ms), seconds(k.prev_average_response_ms)
    metric(
        cols[3],
        "Average response time",
        f"{now_s:.1f} s" if now_s is not None else "—",
        delta(now_s, before_s, decimals=1, unit=" s", up_down=("slower", "faster")),
        lower_is_better=True,
    )
    metric(
        cols[4],
        "Sessions reviewed",
        f"{k.reviewed_share:.0%}" if k.reviewed_share is not None else "—",
        delta(k.reviewed_share, k.prev_reviewed_share, percent=True),
    )
    if k.has_previous:
        st.caption("Each change compares this period with the one of the same length before it.")


# charts ------------------------------------------------------------------------------------
def show_charts(filters: ReviewFilters) -> None:
    figures = [
        (
            "chart_scores",
            analytics.score_distribution_figure(repository.review_score_distribution(filters)),
        ),
        (
            "chart_trend",
            analytics.learner_trend_figure(  # the coach's days, as the table's times
                repository.review_learner_trend(filters, time_zone=clock.zone_label()),
                day_title=f"Day ({clock.zone_words()})",
            ),
        ),
        (
            "chart_dimensions",
            analytics.dimension_averages_figure(repository.review_dimension_averages(filters)),
        ),
        (
            "chart_response",
            analytics.response_time_figure(repository.review_response_times(filters)),
        ),
    ]
    for i in range(0, len(figures), 2):
        for column, (key, figure) in zip(st.columns(2), figures[i : i + 2], strict=True):
            column.plotly_chart(figure, key=key, width="stretch", config=widgets.CHART_CONFIG)
            widgets.chart_as_text(figure, column)
    st.caption(CHARTS_NOTE)


# a session: transcript, overrides, report --------------------------------------------------
def session_rounds(session: SessionRow) -> list[RoundReview]:
    """Every round of the session, whatever the filters hide, oldest first."""
    mine = ReviewFilters(learner_id=session.learner_id, domain_id=session.domain_id)
    rounds = [
        r for r in repository.review_rounds(mine, limit=LIMIT) if r.session_id == session.session_id
    ]
    return sorted(rounds, key=lambda r: r.round_number)


def gone_now(session_id: str) -> None:
    """The session open a moment ago is no longer listed: said when its learner deleted it (a
    robustness audit's coach lost a half-typed override and note without a word)."""
    try:
        gone = not repository.session_round_reviews(session_id=session_id)
    except AppError:
        return
    if gone:
        st.warning(
            "The session you had open was deleted by its learner, with its rounds; what you "
            "had typed for it went with it."
        )


def session_left_list(session_id: str, learner_id: str, domain_id: str) -> SessionRow | None:
    """The session whose round the coach just overrode, though these filters no longer list
    it (an override marks it reviewed): it stays open, to go on to its next round, until
    another is picked. Mark reviewed closes it with its row, the review being done."""
    mine = ReviewFilters(learner_id=learner_id, domain_id=domain_id)
    try:
        rounds = repository.review_rounds(mine, limit=LIMIT)
    except AppError:
        return None
    found = analytics.session_rows(r for r in rounds if r.session_id == session_id)
    if not found:
        return None
    st.caption(
        "Reviewed just now, so these filters no longer list it: it stays open until you pick "
        "another session."
    )
    return found[0]


def show_session(session: SessionRow) -> None:
    st.header(
        f"{inert_text(session.learner_name)} · {inert_text(session.domain_name)}", anchor=False
    )
    team = f" · {inert_text(session.team)}" if session.team else ""
    try:
        rounds = session_rounds(session)
        dimensions = repository.get_persona(domain_id=session.domain_id).dimensions
        opening = repository.get_domain(domain_id=session.domain_id).default_opening
        report = repository.get_session_report(session_id=session.session_id)
        review = repository.session_review(session_id=session.session_id)
    except AppError as exc:
        show_error(exc)
        return
    # the whole session, as the badge below counts it: under a score filter an audit read
    # "(2 in these filters) · reviewed" above "1 new round since the review"
    status = (
        "reviewed"
        if (all(r.reviewed for r in rounds) if rounds else session.reviewed)
        else ("new rounds since its review" if review is not None else "not reviewed yet")
    )
    # the session itself, not its rounds in the period: an audit read "Dec 2 · 1 round" of
    # a session begun Nov 30 with four, the period having moved past three of them
    started = min((r.created_at for r in rounds), default=session.started_at)
    shown = f" ({session.rounds} in these filters)" if session.rounds != len(rounds) else ""
    st.caption(
        f"Started {clock.short_date(started, clock.now())}{team} · "
        f"{clock.plural(len(rounds), 'round')}{shown} · {status}"
    )
    if review is not None:
        note = f" · “{inert_text(review.note)}”" if review.note else ""
        if (
            review.note
            and review.note_by_name
            and (
                review.note_by_name != review.reviewer_name or review.noted_at != review.reviewed_at
            )
        ):
            # kept from an earlier review: said as its writer's (an audit read Dr. Rivera's
            # note under the name of the admin who marked the session reviewed again)
            note = (
                f" · {inert_text(review.note_by_name)}'s note, "
                f"{widgets.moment(review.noted_at)}: “{inert_text(review.note)}”"
            )
        newer = sum(not r.reviewed for r in rounds)
        badge = (
            f":orange-badge[{clock.plural(newer, 'new round')} since] the review"
            if newer
            else ":green-badge[Reviewed]"
        )
        st.markdown(
            f"{badge} by {inert_text(review.reviewer_name)}, "
            f"{widgets.moment(review.reviewed_at)}{note}"
        )
    seen_round = max((r.round_number for r in rounds), default=0) or None
    note_seen = NoteSeen(noted_at=review.noted_at if review and review.note else None)
    review_form(repository, session, seen_round, note_seen)
    if report is not None:
        scored = sum(r.ai_score is not None for r in rounds)
        widgets.show_report(
            report,
            scored_now=scored,
            expanded=False,
            stale_note=STALE,
            rounds=rounds,
        )
    else:
        st.caption("No report card: the learner has not ended this session.")
    if rounds and rounds[0].round_number == 1:
        # what round 1 answered, as the Chat page opens every session (an audit's transcript
        # began with the learner's reply to a question the coach could not see)
        with st.chat_message("assistant"):
            widgets.show_markdown(opening or "Hello! What would you like to work on?")
    for r in rounds:
        # which round this is, and whether it came after the review: a coach-review audit
        # read "1 new round since the review" with nothing in the transcript to find it by
        new = review is not None and not r.reviewed
        st.caption(
            f"Round {r.round_number}" + (" · :orange-badge[New since the review]" if new else "")
        )
        widgets.show_round(
            widgets.round_of(r), dimensions, human=widgets.human_of(r), pending=PENDING
        )
        if r.not_scored_reason is None:  # a non-answer kept unscored stays out of averages
            override_form(repository, r, seen_round)


# the page ----------------------------------------------------------------------------------
st.title("Review", anchor=False)
st.caption(
    "Every learner's coaching sessions. Select a session in the table to read it, "
    "override a score or mark it reviewed."
)
filters = filters_row()
if message := st.session_state.pop(FLASH, None):
    st.success(message, icon=":material/check_circle:")
    st.toast(message, icon=":material/check_circle:")  # in sight of a coach scrolled down

try:
    kpis = repository.review_kpis(filters)
except AppError as exc:
    show_error(exc)
    st.stop()
show_kpis(kpis)
if kpis.rounds == 0:
    st.session_state.pop(SELECTED, None)  # no session open, none in a copied address
    to_address()
    caught_up = REVIEWED.get(st.session_state.get("review_reviewed") or "All") is False
    st.info(
        "All caught up: every session these filters match has been reviewed."
        if caught_up
        else "No sessions match these filters. Widen the period or clear a filter; new "
        "sessions appear here as learners talk with a coach on the Chat page."
    )
    st.stop()

try:
    show_charts(filters)
    rounds = repository.review_rounds(filters, limit=LIMIT)
except AppError as exc:
    show_error(exc)
    st.stop()

st.header("Sessions", anchor=False)
sessions = analytics.session_rows(rounds)
for reason, (_, then) in READ_FIRST.items():
    if flagged := analytics.at_risk(sessions, rounds, reason):
        who = ", ".join(
            f"{inert_text(s.learner_name)} ({clock.short_date(s.last_at, clock.now())})"
            for s in flagged
        )
        read_first(len(flagged), who, then, reason)
more = f" (from the newest {LIMIT} rounds)" if len(rounds) >= LIMIT else ""
only = {
    False: " Each row counts only the rounds still to review (a session reviewed before and "
    "continued since shows its new rounds).",
    True: " Each row counts only its reviewed rounds.",
}.get(REVIEWED.get(st.session_state.get("review_reviewed") or "All"), "")
# an audit read a session as another one when the filter changed its rounds, date and average
st.caption(f"{clock.plural(len(sessions), 'session')}{more}, most recently active first.{only}")
st.download_button(
    "Export CSV",
    data=analytics.rounds_csv(rounds),
    file_name=f"coaching-rounds-{clock.now():%Y-%m-%d}.csv",
    mime="text/csv",
    key="review_export",
    icon=":material/download:",
    on_click="ignore",
    help=f"The {clock.plural(len(rounds), 'round')} these filters match, with the AI's score, "
    "the coach's and the one analytics use.",
)
was_open = st.session_state.get(SELECTED)
selected = sessions_table(sessions, table_key(filters, sessions))
if selected is None and was_open and was_open not in {s.session_id for s in sessions}:
    gone_now(was_open)
if sessions:
    names = clock.told_apart(
        {s.session_id: (f"{s.learner_name} · {s.domain_name}", s.started_at) for s in sessions},
        clock.now(),
    )
    pick_by_name("Or open a session by name", names, PICKER, SELECTED)
acted = st.session_state.get(ACTED)
if selected is None and acted and st.session_state.get(SELECTED) == acted[0]:
    selected = session_left_list(*acted)
to_address()  # the session just selected (or closed) too
if selected is None:
    st.info("Select a session in the table to read its transcript and review it.")
else:
    show_session(selected)
