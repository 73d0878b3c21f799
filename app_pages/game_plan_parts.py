"""Pieces of the Game plan page that need no one signed in, moved out so the page reads as
its story: the day a moment reads as, what a Submitted or Won confirmation will record, the
Total Debt Lifted card with its chart, the buttons an application offers in each state, and
the order applications are listed in. What acts as the student (the page's `ctx`) and the
sentence its last click left (`said`, popped once per run) belong to one run of one browser
session, so the functions that use them stay in app_pages/game_plan.py."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

# plotly reads pandas from sys.modules unlocked: imported here first, a chart never sees
# it half-imported by another session's thread ("partially initialized module 'pandas'")
import pandas  # type: ignore[import-untyped]  # noqa: F401
import plotly.graph_objects as go
import streamlit as st

from app_pages.game_plan_feedback import act
from app_pages.plan_view import StudentPlan, countdown, money, sentence_case
from app_pages.render import inert_text
from app_pages.widgets import CHART_CONFIG, chart_as_text
from coach import clock
from coach.analytics.figures import DAY_FORMAT, day_end
from coach.coach_state import MISSED_DEADLINE, CoachState
from coach.debt_lifted import debt_lifted_series, total_debt_lifted
from coach.game_plan import MissedItem
from coach.snooze import HEARD_BACK_AFTER
from db.models import Application


def settled_elsewhere(now: Application | None, title: str, status: str) -> str:
    """What a dialog's Yes says when its question was settled meanwhile (another tab, the
    chat, a day gone by): where the application stands now. An audit's Yes in a second tab
    got "This confirmation has expired or was already used" over a dialog still asking."""
    if now is None:
        return f"Nothing was recorded: {title} is no longer on your plan."
    if now.status == status:
        done = "submitted" if status == "submitted" else "won"
        return f"Already recorded: {title} is {done} (answered in another tab or in the chat)."
    return (
        f"Nothing was recorded: the question about {title} was answered in another tab or in "
        "the chat, or is over a day old. Mark it again if it still stands."
    )


def moved_on(title: str, now: str | None) -> str:
    """What a click on a card drawn before another tab or the chat moved it on says, nothing
    being done: an audit's click on such a card was dropped without a word, or fell on the
    button that took the new card's place under the same name."""
    if now is None:
        return f"Nothing changed: {title} is no longer on your plan (taken off in another tab)."
    if now == MISSED_DEADLINE:
        return f"Nothing changed: {title}'s deadline passed. Its buttons are up to date now."
    return (
        f"Nothing changed: {title} had moved to “{now}” in another tab or in the chat. "
        "Its buttons are up to date now."
    )


def answered_elsewhere(title: str) -> str:
    """moved_on's sentence for a "Have you heard back?" card that is gone."""
    return (
        f"Nothing changed: the question about {title} was answered in another tab or in the chat."
    )


def show_similar(
    item: MissedItem, plan: StudentPlan, where: str, track: Callable[[UUID], Any]
) -> None:
    """Open scholarships like a missed or lost one, each to track in one click."""
    if not item.similar:
        st.caption("No similar open scholarship in the catalog right now.")
    else:
        st.caption("Similar open scholarships to try instead:")
    for similar in item.similar:
        text, button = st.columns([4, 1], vertical_alignment="center")
        due = countdown(similar.deadline, plan.now)
        text.markdown(
            f"**{inert_text(similar.title)}** · {money(similar.amount)} · {due}  \n"
            + inert_text(sentence_case("; ".join(similar.reasons)))
        )
        if button.button(
            "Track", key=f"track_similar_{item.application_id}_{similar.scholarship_id}"
        ):
            act(
                where,
                lambda s=similar: track(s.scholarship_id),
                f"Tracked: {similar.title} is on your plan now.",
            )


def day(moment: datetime) -> str:
    moment = clock.local(moment)
    return f"{moment:%A}, {moment:%B} {moment.day}, {moment.year}"


def at_time(moment: datetime) -> str:
    """ "9:00 am Central Time": a time the student picked, in the zone they picked it in."""
    return f"{clock.time_of_day(clock.local(moment))} {clock.zone_words()}"


def what_will_be_recorded(app: Application, title: str, status: str, plan: StudentPlan) -> str:
    now = plan.now
    if status == "submitted":
        return (
            f"**{inert_text(title)}** will be recorded as **Submitted** on {day(now)}. "
            f"On {day(now + HEARD_BACK_AFTER)} we will ask whether you have heard back.\n\n"
            "Confirm only if you have really sent it."
        )
    scholarship = plan.scholarships.get(app.scholarship_id)
    amount = scholarship.amount if scholarship else None
    total = total_debt_lifted(plan.applications, plan.scholarships)
    after = total + (amount or 0)
    return (
        f"**{inert_text(title)}** will be recorded as **Won** on {day(now)}. "
        f"{money(amount)} is added to your Total Debt Lifted, from {money(total)} to "
        f"{money(after)}.\n\nA win is final: it cannot be undone."
    )


def show_debt_lifted(plan: StudentPlan) -> None:
    total = total_debt_lifted(plan.applications, plan.scholarships)
    series = debt_lifted_series(plan.applications, plan.scholarships, until=plan.now)
    with st.container(border=True, key="debt_lifted"):
        figures, chart = st.columns([1, 3], vertical_alignment="center")
        figures.metric("Total Debt Lifted", f"${total:,.0f}", border=False)
        if not series:
            figures.caption("Scholarships you win and confirm add up here.")
            return
        wins = sum(1 for p in series if p.application_id is not None)
        figures.caption(f"From {wins} confirmed win{'s' if wins != 1 else ''}.")
        first, last = min(p.at for p in series), max(p.at for p in series)
        # a few hours apart (a first win today): days around them, not one day many times;
        # and always ending today, where plotly's padding drew a tick for tomorrow
        start = first - max(timedelta(days=3) - (last - first), (last - first) / 20)
        # the line starts at $0 on the chart's first day and steps up at each win: a first
        # win alone was one dot at the right edge of an empty chart (an audit)
        figure = go.Figure(
            go.Scatter(
                x=[start, *(p.at for p in series)],
                y=[0.0, *(float(p.total) for p in series)],
                mode="lines+markers",
                line={"shape": "hv"},
                marker={"size": [0] + [8] * len(series)},
                # plotly reads tags in text: titles are escaped
                text=["before your first win"]
                + [html.escape(p.title) if p.title else "today" for p in series],
                hovertemplate="%{text}<br>$%{y:,.0f}<extra></extra>",
            )
        )
        xaxis: dict[str, object] = {
            "tickformat": DAY_FORMAT,
            "nticks": 6,
            "range": [start, day_end(last)],
        }
        top = max(float(p.total) for p in series) or 1.0
        figure.update_layout(
            height=180,
            margin={"l": 10, "r": 10, "t": 16, "b": 10},
            xaxis=xaxis,
            # the total itself is a tick, with room above it: a lone $25,000 floated over the
            # 20k line, under the chart's toolbar, with no number beside it
            yaxis={
                "title": "total ($)",
                "range": [0, top * 1.3],
                "tickvals": [0, top / 2, top],
                "tickformat": "~s",
            },
        )
        chart.plotly_chart(figure, key="debt_lifted_chart", config=CHART_CONFIG)
        chart_as_text(figure, chart)


def moves(state: CoachState, missed: bool, *, closed: bool = False) -> list[tuple[str, str, bool]]:
    """(button label, target, primary) for an application in `state`. Targets are coach
    states, or "submitted"/"awarded" for the two that need the student's confirmation. Past
    its deadline (`closed`) an open application can only have been sent in time, or be given
    up, and a lost one stays lost: reopened, it read "Missed deadline … while it was still
    drafting", of one sent in September (an audit)."""
    if missed:
        return [("Mark submitted", "submitted", False), ("Mark lost", CoachState.LOST.value, False)]
    if state is CoachState.TRACKED:
        out = [("Start drafting", CoachState.DRAFTING.value, True)]
    elif state is CoachState.DRAFTING:
        out = [("Ready for review", CoachState.REVIEW.value, True)]
    elif state is CoachState.REVIEW:
        out = [("Back to drafting", CoachState.DRAFTING.value, False)]
    elif state in (CoachState.SUBMITTED, CoachState.OUTCOME_PENDING):
        return [("Mark won", "awarded", True), ("Mark lost", CoachState.LOST.value, False)]
    elif state is CoachState.LOST:
        return [] if closed else [("Reopen as drafting", CoachState.DRAFTING.value, False)]
    else:
        return []
    out.append(("Mark submitted", "submitted", state is CoachState.REVIEW))
    return out


ORDER = {
    CoachState.REVIEW: 0,
    CoachState.DRAFTING: 1,
    CoachState.TRACKED: 2,
    CoachState.SUBMITTED: 3,
    CoachState.OUTCOME_PENDING: 3,
    CoachState.WON: 4,
    CoachState.LOST: 5,
}
