"""Demo (admins, where demo mode is on): what the product team needs to show the product in
minutes instead of weeks. Move the one clock (every page, tab and the sidecar follow), run
the nudge sidecar now, put the demo people back as seeded, and a guided tour of the five
flows, each step a link that opens its page as the right demo person.

Each control asks the database first, as this admin: the SQL refuses students, coaches and
any install where demo mode is off (coach/demo.py)."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

import pandas as pd
import streamlit as st

from app_pages.context import context
from app_pages.render import show_error
from coach import clock, demo_tour
from coach.demo import (
    CLOCK_STEPS,
    DEMO_OFF,
    DemoControls,
    DemoSweep,
    ahead_notice,
    table_words,
)
from db.errors import AppError

ctx = context(roles=("admin",))
if not ctx.database.settings.demo_enabled:
    st.info(DEMO_OFF)
    st.stop()
assert ctx.identity is not None
controls = DemoControls(ctx.database, ctx.identity)

FLASH = "demo_flash"  # (kind, sentence) said once, on the redraw after a click
SWEEP = "demo_sweep"  # the last sweep this browser session ran
ASKING = "demo_reset_asked"  # the reset dialog is open (kept across reruns, fragment or not)
TYPES = {
    "deadline_24h": "Deadline emails (24 h)",
    "deadline_72h": "Deadline emails (72 h)",
    "check_in": "Check-in reminders",
    "micro_task": "Micro-task reminders",
}
KIND = {  # one row of the table is one of them
    "deadline_24h": "Deadline email (24 h)",
    "deadline_72h": "Deadline email (72 h)",
    "check_in": "Check-in reminder",
    "micro_task": "Micro-task reminder",
}


def moment(at: datetime) -> str:
    at = at.astimezone(UTC)
    return f"{at:%a %b} {at.day}, {at.year}, {at:%H:%M} UTC"


def flash(kind: str, sentence: str) -> None:
    st.session_state[FLASH] = (kind, sentence)
    st.rerun()


def move(label: str, by: timedelta | None, seen_shift: int) -> None:
    """A clock button's on_click, before the page is drawn. `seen_shift` is the clock the page
    showed: a second click of a double-click carries it, and moved the clock twice (a
    robustness audit's +3 days went to +6, two deadlines straight to Missed)."""
    try:
        if by is not None and (now := controls.status()).shift_seconds != seen_shift:
            st.session_state[FLASH] = (
                "info",
                "The clock had already moved since this page showed it: it is now "
                f"{moment(now.demo_now)}. Press again to move it on.",
            )
            return
        shift = controls.move_clock(by)
    except AppError as exc:
        st.session_state[FLASH] = ("error", str(exc))
        return
    total = clock.offset_phrase(shift)
    where = (
        "back to now" if by is None else label if total == label else f"{label} ({total} in all)"
    )
    st.session_state[FLASH] = (
        "success",
        f"The demo clock moved {where}: it is now {moment(controls.status().demo_now)}.",
    )


def show_clock() -> None:
    st.header("Demo clock", anchor=False)
    status = controls.status()
    shift = timedelta(seconds=status.shift_seconds)
    moved = f" — {clock.offset_phrase(shift)} from real time" if status.shift_seconds else ""
    st.markdown(f"**{moment(status.demo_now)}**{moved}")
    st.caption(
        "One clock for the app, the sidecar and every open tab: deadlines, countdowns, "
        "check-ins and reminders all follow it."
    )
    for column, (label, by) in zip(st.columns(len(CLOCK_STEPS)), CLOCK_STEPS, strict=True):
        column.button(
            label,
            key=f"clock_{label}",
            width="stretch",
            disabled=by is None and not status.shift_seconds,
            icon=":material/update:" if by is None else ":material/fast_forward:",
            on_click=move,
            args=(label, by, status.shift_seconds),
        )
    if notice := ahead_notice(controls.rows_ahead()):
        st.warning(notice, icon=":material/history:")
        if st.button("Reset demo data…", key="reset_ahead", icon=":material/restart_alt:"):
            st.session_state[ASKING] = True


def show_sweep(sweep: DemoSweep) -> None:
    report = sweep.report
    st.markdown(f"**Last run** at demo time {moment(sweep.at)}, in {report.seconds:.2f} s.")
    for column, (kind, label) in zip(st.columns(len(TYPES)), TYPES.items(), strict=True):
        column.metric(label, report.sent.get(kind, 0))
    notes = []
    if report.capped:
        notes.append(  # "had one": one what, an audit asked
            f"{clock.plural(report.capped, 'student')} already had a reminder in the last 24 "
            "hours (one email and one dashboard reminder a day at most)"
        )
    if report.quiet:
        notes.append(
            f"{clock.plural(report.quiet, 'email')} waiting for the student's quiet hours "
            "(move the clock to their morning)"
        )
    if report.failed:
        notes.append(f"{report.failed} failed and will be retried")
    if notes:
        st.caption("; ".join(notes).capitalize() + ".")
    if not report.delivered:
        # held back is not "nothing due": the caption above says why
        st.info(
            "Nothing was sent this time, for the reasons above."
            if notes
            else "Nothing was due: the sweep sent nothing. Move the clock on and run it again."
        )
        return
    rows = pd.DataFrame(
        [
            {
                "Student": sent.full_name or str(sent.user_id),  # a table cell is plain text
                "What": KIND.get(sent.notification_type, sent.notification_type),
                "Went to": "the Outbox"
                if sent.delivery == "outbox"
                else ("email (SMTP)" if sent.delivery == "smtp" else "a dashboard toast"),
                "Subject": sent.subject or "",
            }
            for sent in report.delivered
        ]
    )
    st.dataframe(
        rows,
        hide_index=True,
        width="stretch",
        column_config={"Subject": st.column_config.TextColumn(width="large")},
    )
    if any(sent.channel == "email" for sent in report.delivered):
        st.page_link(
            "app_pages/outbox.py",
            label="Read the emails in the Outbox",
            icon=":material/outgoing_mail:",
        )


def show_sidecar() -> None:
    st.header("Run the sidecar now", anchor=False)
    st.caption(
        "One sweep of the nudge sidecar, here, at the demo time: deadline emails (72 h and "
        "24 h), micro-task and check-in reminders, at most one email and one reminder per "
        "student a day. Without SMTP_HOST the emails go to the Outbox."
    )
    if st.button("Run the sidecar now", key="run_sidecar", type="primary", icon=":material/send:"):
        try:
            st.session_state[SWEEP] = controls.run_sidecar()
        except AppError as exc:
            flash("error", str(exc))
    sweep: DemoSweep | None = st.session_state.get(SWEEP)
    if sweep is not None:
        show_sweep(sweep)


def stop_asking() -> None:
    st.session_state.pop(ASKING, None)


@st.dialog("Reset demo data?", on_dismiss=stop_asking)
def confirm_reset() -> None:
    st.markdown(
        "Maya, Jordan, Priya, Dr. Rivera, Alex and the coaching history go back to how they "
        "were seeded: chats, reports, applications, discovery runs, reminders and overrides "
        "made since are deleted, and the demo clock goes back to now. Nobody else's data is "
        "touched."
    )
    left, right = st.columns(2)
    if left.button("Reset", key="reset_confirm", type="primary", width="stretch"):
        stop_asking()
        try:
            counts = controls.reset()
        except AppError as exc:
            flash("error", str(exc))
            return
        st.session_state.pop(SWEEP, None)
        total = sum(c.rows for c in counts)
        flash(
            "success",
            "Demo data reset: the demo people and their coaching history are back as seeded "
            f"({clock.plural(total, 'row')}), dated from now, and the clock is back to now.",
        )
    if right.button("Cancel", key="reset_cancel", width="stretch"):
        stop_asking()
        st.rerun()


def show_reset() -> None:
    st.header("Reset demo data", anchor=False)
    st.caption(
        "Back to the seeded state, in one transaction: for the next demo, or after a "
        "rehearsal. Only the demo people's data is touched."
    )
    if st.button("Reset demo data…", key="reset_demo", icon=":material/restart_alt:"):
        st.session_state[ASKING] = True
    if st.session_state.get(ASKING):
        confirm_reset()
    with st.expander("What the demo owns now"):
        try:
            counts = controls.row_counts()
        except AppError as exc:
            show_error(exc)
            return
        st.dataframe(
            pd.DataFrame([{"What": table_words(c.table_name), "Rows": c.rows} for c in counts]),
            hide_index=True,
        )


def show_tour() -> None:
    st.header("Guided tour", anchor=False)
    st.caption(
        "The five flows, step by step. Each link opens its page signed in as the demo person "
        "it names (in a new tab); the sidebar there says what to show and links the next step, "
        "in the same tab."
    )
    flows = Counter(step.flow for step in demo_tour.STEPS)
    st.caption(" · ".join(f"{flow} ({count})" for flow, count in flows.items()))
    for number, step in enumerate(demo_tour.STEPS, start=1):
        with st.container(border=True, key=f"tour_step_{number}"):
            # room for "Open as Dr. Sam Rivera" at a laptop width (it was cut to "Dr. Sam Ri…")
            text, link = st.columns([3, 1.2], vertical_alignment="center")
            text.markdown(f"**{number}. {step.title}** · {step.flow}  \n{step.show}")
            if ctx.database.uses_supabase:
                link.caption(f"Sign in as {step.person_name}")
            else:
                link.link_button(
                    f"Open as {step.person_name}",
                    demo_tour.step_link(number),
                    width="stretch",
                )


st.title("Demo", anchor=False)
st.caption("For the product team: show weeks of the product in minutes.")
if said := st.session_state.pop(FLASH, None):
    kind, sentence = said
    {"success": st.success, "info": st.info}.get(kind, st.error)(sentence)
try:
    show_clock()
except AppError as exc:
    show_error(exc)
    st.stop()
show_sidecar()
show_reset()
show_tour()
