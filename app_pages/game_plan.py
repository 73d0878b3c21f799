"""Game plan: the student's Top 3, every tracked application with the buttons that move it
along, "Have you heard back?", the micro-task with its snooze, missed deadlines with similar
scholarships to try instead, and Total Debt Lifted.

Submitted and Won are written only after the student confirms (DESIGN §4), in the dialog of
app_pages/game_plan_confirm.py. Every button calls one repository method and says what went
wrong in a sentence if it fails; a click on a card another tab moved on meanwhile does
nothing, and says so."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time
from typing import Any
from uuid import UUID

import streamlit as st

from app_pages.context import context, show_dashboard_toasts
from app_pages.game_plan_confirm import open_confirmation, propose
from app_pages.game_plan_feedback import FEEDBACK, TOAST, act, say
from app_pages.game_plan_parts import (
    ORDER,
    answered_elsewhere,
    at_time,
    day,
    moved_on,
    moves,
    show_debt_lifted,
    show_similar,
)
from app_pages.plan_view import (
    StudentPlan,
    countdown,
    idle,
    load_plan,
    money,
    sentence_case,
    show_top3,
    state_badge,
)
from app_pages.render import inert_text, show_error
from coach import clock
from coach.coach_state import MISSED_DEADLINE, CoachState, application_coach_state, next_action
from coach.game_plan import CheckInItem, MissedItem
from coach.snooze import (
    ASK_AGAIN_AFTER,
    default_snooze,
    micro_task,
    nearest_deadline,
    snoozed_until,
    validate_snooze,
)
from db.errors import AppError
from db.models import Application, CheckInAnswer, CheckInAnswerText

ctx = context(roles=("student",))
assert ctx.identity is not None and ctx.identity.user_id is not None


# What the last click did, said once, next to what was clicked.
said: tuple[str, str, str] | None = st.session_state.pop(FEEDBACK, None)
# The card the last click came from, as it was drawn: (card, what it showed, title). Set by
# the button's on_click, which runs even when this run draws that button no more.
CLICKED = "game_plan_clicked"
clicked: tuple[str, str, str] | None = st.session_state.pop(CLICKED, None)
drawn: set[str] = set()  # the cards this run drew


def remember(card: str, seen: str, title: str) -> None:
    st.session_state[CLICKED] = (card, seen, title)


def moved_meanwhile(card: str, showing: str) -> bool:
    """A click from this card as it was before another tab or the chat moved it on: not
    applied to the buttons it has now, and said so on the card."""
    drawn.add(card)
    return clicked is not None and clicked[0] == card and clicked[1] != showing


def show_feedback(where: str) -> bool:
    if not said or said[0] != where:
        return False
    _, kind, sentence = said
    # inert: a sentence can carry a listing's title
    {"success": st.success, "info": st.info}.get(kind, st.error)(inert_text(sentence))
    return True


# sections ----------------------------------------------------------------------------------
def show_micro_task(plan: StudentPlan) -> None:
    preferences = ctx.profile.preferences if ctx.profile else {}
    task = micro_task(plan.applications, plan.scholarships, plan.now, preferences)
    if task is None:
        until = snoozed_until(preferences)
        told = show_feedback("snooze")  # "Snoozed until …", just now: the button goes with it
        if until is not None and until > plan.now:
            said, wake = st.columns([4, 1], vertical_alignment="center")
            if not told:
                said.caption(f"Micro-tasks are snoozed until {day(until)}, {at_time(until)}.")
            if wake.button("Wake them now", key="wake_micro_task", icon=":material/alarm_on:"):
                act(
                    "snooze",
                    ctx.repository.wake_micro_task,
                    "Micro-tasks are back: the next one shows here.",
                )
        return
    nearest = nearest_deadline(plan.applications, plan.scholarships, plan.now)
    with st.container(border=True, key="micro_task"):
        st.markdown(f"**Micro-task** · {inert_text(task.text)}")
        st.caption(
            f"No progress for {idle(task.idle_hours)}. "
            + (
                f"Your nearest deadline: {inert_text(nearest.title)}, "
                f"{clock.due_phrase(nearest.deadline, plan.now)}."
                if nearest
                else ""
            )
        )
        show_feedback("snooze")
        with st.form("snooze_form", border=False):
            st.caption(
                "Snooze micro-tasks until a time before your nearest deadline (times are "
                f"{clock.zone_words()}: your Profile sets the zone)."
            )
            when_day, when_time = st.columns(2)
            offered = clock.local(default_snooze(plan.now, nearest))
            # no min_value: the browser drops a day before it without a word, and the
            # offered day was snoozed to instead (an audit); the server says why not
            picked_day = when_day.date_input("Snooze until", value=offered.date(), key="snooze_day")
            picked_time = when_time.time_input(
                f"Time ({clock.zone_words()})", value=offered.time(), key="snooze_time", step=60
            )
            if st.form_submit_button("Snooze", icon=":material/snooze:"):
                snooze(picked_day, picked_time, plan)


def snooze(picked_day: date | None, picked_time: time | None, plan: StudentPlan) -> None:
    if picked_day is None or picked_time is None:
        st.error("Pick a day and a time to snooze until.")
        return
    until = datetime.combine(picked_day, picked_time, tzinfo=clock.zone())
    nearest = nearest_deadline(plan.applications, plan.scholarships, clock.now())
    try:
        until = validate_snooze(until, clock.now(), nearest)
    except AppError as exc:
        show_error(exc)  # the picked time stays in the form to change
        return
    act(
        "snooze",
        lambda: ctx.repository.snooze_micro_task(until=until),
        f"Snoozed until {day(until)}, {at_time(until)}.",
    )


def show_check_ins(plan: StudentPlan) -> None:
    ids = {c.application_id: c.id for c in plan.check_ins if c.status == "pending"}
    drawn: set[str] = set()
    if plan.plan.check_ins:
        st.header("Have you heard back?", anchor=False)
        for item in plan.plan.check_ins:
            check_in_id = ids.get(item.application_id)
            if check_in_id is not None:
                drawn.add(show_check_in(item, check_in_id, plan))
    # An answered check-in leaves the list (the last one, the whole section): what its answer
    # recorded is said where it was, not lost with it.
    if said and said[0].startswith("check_in_") and said[0] not in drawn:
        show_feedback(said[0])


def show_check_in(item: CheckInItem, check_in_id: UUID, plan: StudentPlan) -> str:
    """Draws the card; returns its place for feedback."""
    where = f"check_in_{check_in_id}"

    def answer(reply: CheckInAnswerText) -> CheckInAnswer:
        return ctx.repository.answer_check_in(check_in_id=check_in_id, answer=reply)

    stale = moved_meanwhile(where, "asking")  # an answered question is not drawn
    seen = (where, "asking", item.title)
    with st.container(border=True, key=where):
        sent = (
            f"You sent it {clock.short_date(item.submitted_at, plan.now)}. "
            if item.submitted_at
            else ""
        )
        st.markdown(f"**{inert_text(item.title)}** · {sent}Any news?")
        answers = st.container(horizontal=True)
        won = answers.button(
            "I won", key=f"heard_won_{check_in_id}", type="primary", on_click=remember, args=seen
        )
        if won and not stale:
            try:
                answer("won")  # nothing is recorded yet: the Won confirmation is pending
            except AppError as exc:
                say(where, "error", str(exc))
            st.rerun()  # the dialog asks
        ask_lost(
            answers,
            "I didn't get it",
            item.title,
            f"heard_lost_{check_in_id}",
            lambda: answer("lost"),
            where,
            f"Recorded: {item.title} is marked lost. Every application is practice for the next.",
            seen=seen,
        )
        not_yet = answers.button(
            "Not yet", key=f"heard_not_yet_{check_in_id}", on_click=remember, args=seen
        )
        if not_yet and not stale:
            act(
                where,
                lambda: answer("not_yet"),
                f"We will ask again on {day(plan.now + ASK_AGAIN_AFTER)}.",
            )
        show_feedback(where)
    return where


def track(scholarship_id: UUID) -> Any:
    return ctx.repository.track_application(scholarship_id=scholarship_id)


def show_missed(plan: StudentPlan) -> None:
    if not plan.plan.missed:
        return
    st.header(MISSED_DEADLINE, anchor=False)
    for missed in plan.plan.missed:
        show_missed_item(missed, plan)


def show_missed_item(missed: MissedItem, plan: StudentPlan) -> None:
    where = f"missed_{missed.application_id}"
    with st.container(border=True, key=where):
        st.markdown(
            f"**{inert_text(missed.title)}** · {state_badge(MISSED_DEADLINE)} · "
            f"{sentence_case(missed.missed)}, while it was still "
            f"{CoachState(missed.coach_state).phrase}"
        )
        show_similar(missed, plan, where, track)
        show_feedback(where)


def show_application(app: Application, plan: StudentPlan) -> None:
    scholarship = plan.scholarships.get(app.scholarship_id)
    if scholarship is None:
        return
    state = application_coach_state(app)
    deadline = scholarship.deadline
    closed = deadline is not None and deadline < plan.now
    missed = closed and state in (CoachState.TRACKED, CoachState.DRAFTING, CoachState.REVIEW)
    label = MISSED_DEADLINE if missed else state.label
    where = str(app.id)
    stale = moved_meanwhile(where, label)
    seen = (where, label, scholarship.title)
    with st.container(border=True, key=f"app_{app.id}"):
        info, buttons = st.columns([3, 2], vertical_alignment="center")
        facts = [money(scholarship.amount)]
        if state in (CoachState.TRACKED, CoachState.DRAFTING, CoachState.REVIEW):
            facts.append(countdown(deadline, plan.now))
        elif app.submitted_at is not None and state is not CoachState.WON:
            facts.append(f"sent {clock.short_date(app.submitted_at, plan.now)}")
        info.markdown(
            f"**{inert_text(scholarship.title)}** · {state_badge(label)}  \n" + " · ".join(facts)
        )
        due = plan.plan.check_in_due(app.id)
        step = next_action(
            state,
            deadline,
            plan.now,
            check_in_due=due,
            application_type=scholarship.application_type,
        )
        info.caption(f"Next: {step}")
        if stale:
            info.info(inert_text(moved_on(scholarship.title, label)))
        row = buttons.container(horizontal=True, horizontal_alignment="right")
        for text, target, primary in moves(state, missed, closed=closed):
            key = f"move_{target.lower().replace(' ', '_')}_{app.id}"
            if target == CoachState.LOST.value:
                ask_lost(
                    row,
                    text,
                    scholarship.title,
                    key,
                    lambda: ctx.repository.move_application(
                        application_id=app.id, state=CoachState.LOST.value
                    ),
                    where,
                    f"{scholarship.title} is {CoachState.LOST.phrase} now.",
                    seen=seen,
                    stale=stale,
                )
                continue
            kind = "primary" if primary else "secondary"
            if row.button(text, key=key, type=kind, on_click=remember, args=seen) and not stale:
                if target == "submitted" or target == "awarded":
                    propose(ctx.repository, app, target)
                else:
                    act(
                        where,
                        lambda t=target: ctx.repository.move_application(
                            application_id=app.id, state=t
                        ),
                        f"{scholarship.title} is {CoachState(target).phrase} now.",
                    )
        if app.status == "draft":  # not sent: it may come off the plan; a record stays
            stop_tracking(app, scholarship.title, row, seen=seen, stale=stale)
        lost = next((i for i in plan.plan.lost if i.application_id == app.id), None)
        if state is CoachState.LOST and lost is not None:
            # its "Next: Try a similar scholarship" offered none (an audit)
            with st.expander(f"Scholarships like it ({len(lost.similar)})"):
                show_similar(lost, plan, where, track)
        show_feedback(where)


def ask_lost(
    place: Any,
    label: str,
    title: str,
    key: str,
    lost: Callable[[], Any],
    where: str,
    done: str,
    *,
    seen: tuple[str, str, str],
    stale: bool = False,
) -> None:
    """Lost, asked once more in a popover (the card's "Mark lost", the check-in's "I didn't get
    it"), as "I won" and the chat ask: undone, it could only reopen as drafting. `seen` is the
    card as drawn; `stale`, it moved on since the click's run and the click does nothing."""
    with place.popover(label):
        st.markdown(f"Mark **{inert_text(title)}** as lost?")
        if st.button("Yes, mark it lost", key=key, on_click=remember, args=seen) and not stale:
            act(where, lost, done)


def stop_tracking(
    app: Application, title: str, row: Any, *, seen: tuple[str, str, str], stale: bool
) -> None:
    """Behind a popover, so a stray click takes nothing off the plan."""
    with row.popover("More", icon=":material/more_horiz:"):  # a name a screen reader says
        st.markdown(
            f"Take **{inert_text(title)}** off your plan? Its stage and check-ins go with it; "
            "a Discovery search finds it again."
        )
        untrack = st.button(
            "Stop tracking",
            key=f"untrack_{app.id}",
            icon=":material/remove:",
            on_click=remember,
            args=seen,
        )
        if untrack and not stale:
            act(
                TOAST,
                lambda: ctx.repository.untrack_application(application_id=app.id),
                f"{title} is off your plan. A Discovery search finds it again if you change "
                "your mind.",
            )


def show_applications(plan: StudentPlan) -> None:
    st.header("All your applications", anchor=False)
    if not plan.applications:
        st.info("You are not tracking any scholarship yet: run Discovery to find some.")
        return

    def key(app: Application) -> tuple[int, float, str]:
        scholarship = plan.scholarships.get(app.scholarship_id)
        deadline = scholarship.deadline if scholarship else None
        return (
            ORDER[application_coach_state(app)],
            deadline.timestamp() if deadline else float("inf"),
            scholarship.title if scholarship else "",
        )

    for app in sorted(plan.applications, key=key):
        show_application(app, plan)


# the page ----------------------------------------------------------------------------------
st.title("Game plan", anchor=False)
try:
    plan = load_plan(ctx.repository, clock.now())
except AppError as exc:
    show_error(exc)
    st.stop()

open_confirmation(ctx.repository, ctx.identity.user_id, plan)
show_feedback("page")
if said and said[0] == TOAST:  # the item it was about is gone: said wherever the reader is
    st.toast(inert_text(said[2]), icon=":material/check_circle:")

st.header("Your Top 3", anchor=False)
show_top3(plan.plan, plan.now, prefix="plan")
show_debt_lifted(plan)

show_micro_task(plan)
show_check_ins(plan)
show_missed(plan)
show_applications(plan)
if clicked is not None and clicked[0] not in drawn:  # its card is gone: said wherever one is
    card, _, title = clicked
    gone = answered_elsewhere(title) if card.startswith("check_in_") else moved_on(title, None)
    st.toast(inert_text(gone), icon=":material/info:")
show_dashboard_toasts(ctx)  # last: a run a button ends early claims none
