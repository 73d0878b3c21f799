"""The student's game plan as pages show it: one read of their applications, the catalog and
their check-ins through the repository, the pure plan from coach/game_plan.py, and the Top 3
cards (Home and Game plan draw the same ones). No plotly or langgraph here: Home imports it."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

import streamlit as st

from app_pages.render import inert_text
from coach import clock
from coach.clock import days_left, due_phrase, plural
from coach.game_plan import GamePlan, PlanItem, StudentPlan, load_student_plan
from db.models import Application
from db.repository import Repository

STATE_COLORS = {
    "Tracked": "gray",
    "Drafting": "blue",
    "Review": "violet",
    "Submitted": "orange",
    "Outcome Pending": "orange",
    "Waiting to hear back": "orange",
    "Won": "green",
    "Lost": "red",
    "Missed deadline": "red",
}


def load_plan(repository: Repository, now: datetime, *, with_similar: bool = True) -> StudentPlan:
    return load_student_plan(repository, now, with_similar=with_similar)


def money(amount: Decimal | float | None) -> str:
    """Escaped: two dollar signs on one line would start a formula in markdown."""
    return f"\\${amount:,.0f}" if amount is not None else "Amount not stated"


def sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


def countdown(deadline: datetime | None, now: datetime) -> str:
    """ "3 days left", "Due tomorrow, 5:00 pm", "Due today, 11:59 pm": the hour matters only
    when it is that close."""
    if deadline is None:
        return "No fixed deadline"
    if deadline < now:
        return sentence_case(due_phrase(deadline, now))
    left = days_left(deadline, now)
    if left <= 1:
        return sentence_case(due_phrase(deadline, now))
    return f"{left} days left"


def idle(hours: int) -> str:
    """ "25 days", or "30 hours" under two days."""
    return plural(hours // 24, "day") if hours >= 48 else plural(hours, "hour")


PRIORITY_HELP = (
    "How much this application needs you now: a nearer deadline and a more trusted listing "
    "rank it higher. The Top 3 are your three highest."
)


def state_badge(label: str) -> str:
    """A coach state as a coloured badge; the labels are ours, never a person's text."""
    return f":{STATE_COLORS.get(label, 'gray')}-badge[{label}]"


def show_card(item: PlanItem, rank: int, now: datetime, key: str, bar: bool) -> None:
    with st.container(border=True, key=key):
        st.subheader(f"{rank}. {inert_text(item.title)}", anchor=False)
        st.markdown(f"{money(item.amount)} · **{countdown(item.deadline, now)}**")
        if item.deadline is not None and days_left(item.deadline, now) > 1:
            st.caption(f"Due {clock.weekday_date(item.deadline, now)}")
        st.markdown(state_badge(item.coach_state or "Tracked"))
        # shown as "Priority" (the seed's former name): "Momentum 75" read as progress made,
        # while it says how much the application needs the student now
        priority = f"Priority {item.momentum:.0f}/100"
        if bar:
            st.progress(min(max(item.momentum, 0.0), 100.0) / 100, text=priority)
        else:
            st.markdown(priority, help=PRIORITY_HELP)
        st.markdown(f"Next: **{item.next_action or 'Keep going'}**")
        if item.stale:
            since = f"for {idle(item.idle_hours)}" if item.idle_hours else "in over 2 days"
            st.caption(f"No progress {since}: a 15-minute step gets it moving again.")


def show_top3(plan: GamePlan, now: datetime, *, prefix: str, bars: bool = True) -> None:
    """The Top 3 as cards, side by side; `prefix` keeps each page's keys its own. Without
    `bars`, momentum is a number: a progress bar's first use costs a cold Home ~0.3 s
    (bench/startup.py: 1.5 s healthy to rendered without, 1.5-2.1 s with)."""
    if not plan.top3:
        if plan.missed:
            st.info("Nothing open is due ahead. Try a similar scholarship for the ones you missed.")
        else:
            st.info("No open applications yet: run Discovery and track a scholarship.")
        return
    for rank, (column, item) in enumerate(zip(st.columns(3), plan.top3, strict=False), start=1):
        with column:
            show_card(item, rank, now, key=f"{prefix}_top3_{item.application_id}", bar=bars)


def pending_transition(application: Application) -> dict[str, Any] | None:
    """The Submitted or Won confirmation waiting on this application, if any."""
    pending = application.metadata.get("pending_transition")
    if isinstance(pending, dict) and pending.get("token") and pending.get("status"):
        return pending
    return None
