"""Submitted and Won, confirmed by the student (DESIGN §4): the card's button asks the
database for a pending transition, and a dialog asks for as long as one is pending, so a
refresh brings the question back. Closed unanswered, the page offers it again; a Yes to a
question settled meanwhile (another tab, the chat) says where the application stands. What
this browser session set aside or said no to is kept in its session state."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

import streamlit as st

from app_pages.game_plan_feedback import say
from app_pages.game_plan_parts import settled_elsewhere, what_will_be_recorded
from app_pages.plan_view import StudentPlan, pending_transition
from app_pages.render import inert_text, show_error
from coach import clock
from coach.snooze import as_utc
from db.errors import AppError, Conflict
from db.models import Application, ApplicationStatus
from db.repository import Repository

DISMISSED = "game_plan_dismissed"  # confirmation tokens this browser session said no to
# Closed without an answer (Escape, ×, a click outside): nothing is written, and the chat
# that asked keeps asking; this page offers it again instead of reopening the dialog.
SET_ASIDE = "game_plan_set_aside"
CONFIRM_FOR = timedelta(days=1)  # confirm_application_status refuses older proposals


def propose(repository: Repository, app: Application, status: ApplicationStatus) -> None:
    """Asks the database for a pending transition: nothing is recorded yet."""
    try:
        repository.propose_status(application_id=app.id, status=status)
    except AppError as exc:
        say(str(app.id), "error", str(exc))
    st.rerun()


def cancel(repository: Repository, application_id: UUID, token: str) -> None:
    """No to a pending transition: the database forgets the proposal and the status stays as
    it is. If that fails, this browser session stops asking anyway: the unused token expires
    within a day, and nothing can be confirmed without it."""
    try:
        repository.withdraw_status(application_id=application_id, confirmation_token=UUID(token))
    except AppError as exc:
        st.session_state.setdefault(DISMISSED, set()).add(token)
        say("page", "error", str(exc))


def confirm_dialog(
    repository: Repository,
    user_id: UUID,
    app: Application,
    pending: dict[str, Any],
    plan: StudentPlan,
) -> None:
    status = str(pending["status"])
    token = str(pending["token"])
    scholarship = plan.scholarships.get(app.scholarship_id)
    title = scholarship.title if scholarship else "This application"
    heading = "Mark as submitted?" if status == "submitted" else "Mark as won?"

    def body() -> None:
        st.markdown(what_will_be_recorded(app, title, status, plan))
        yes, no = st.columns(2)
        if no.button("Cancel", key="cancel_transition"):
            cancel(repository, app.id, token)
            st.rerun()
        label = "Yes, I submitted it" if status == "submitted" else "Yes, I won it"
        if yes.button(label, type="primary", key="confirm_transition"):
            try:
                repository.confirm_status(application_id=app.id, confirmation_token=UUID(token))
            except Conflict:  # settled meanwhile: say where it stands, and stop asking
                set_aside(token)
                say("page", "info", where_it_stands(repository, user_id, app.id, title, status))
                st.rerun()
            except AppError as exc:
                show_error(exc)
                return
            recorded = "submitted" if status == "submitted" else "won"
            say("page", "success", f"Recorded: {title} is {recorded}.")
            st.rerun()

    st.dialog(heading, on_dismiss=lambda: set_aside(token))(body)()


def where_it_stands(
    repository: Repository, user_id: UUID, application_id: UUID, title: str, status: str
) -> str:
    try:
        mine = repository.list_applications(user_id=user_id)
    except AppError as exc:
        return str(exc)
    return settled_elsewhere(next((a for a in mine if a.id == application_id), None), title, status)


def set_aside(token: str) -> None:
    st.session_state.setdefault(SET_ASIDE, set()).add(token)


def open_confirmation(repository: Repository, user_id: UUID, plan: StudentPlan) -> None:
    """The newest pending Submitted/Won question still answerable, if any: one dialog."""
    waiting: list[tuple[str, Application, dict[str, Any]]] = []
    expired: list[tuple[str, Application, dict[str, Any]]] = []
    dismissed: set[str] = st.session_state.get(DISMISSED, set())
    for app in plan.applications:
        pending = pending_transition(app)
        if pending is None or str(pending["token"]) in dismissed:
            continue
        if pending.get("status") not in ("submitted", "awarded"):
            continue
        try:
            asked = as_utc(datetime.fromisoformat(str(pending.get("requested_at"))))
        except ValueError:
            continue
        if asked < plan.now - CONFIRM_FOR:  # confirming would be refused: asked again below
            expired.append((asked.isoformat(), app, pending))
            continue
        waiting.append((asked.isoformat(), app, pending))
    if not waiting:
        if expired:
            ask_again(repository, plan, *max(expired, key=lambda w: w[0])[1:])
        return
    _, app, pending = max(waiting, key=lambda w: w[0])
    token = str(pending["token"])
    if token not in st.session_state.get(SET_ASIDE, set()):
        confirm_dialog(repository, user_id, app, pending, plan)
        return
    scholarship = plan.scholarships.get(app.scholarship_id)
    title = scholarship.title if scholarship else "an application"
    what = "submitted" if pending.get("status") == "submitted" else "won"
    ask, answer = st.columns([4, 1], vertical_alignment="center")
    ask.info(inert_text(f"Still waiting for your answer: mark {title} as {what}?"))
    if answer.button("Answer now", key="answer_transition"):
        st.session_state[SET_ASIDE].discard(token)
        st.rerun()


def ask_again(
    repository: Repository, plan: StudentPlan, app: Application, pending: dict[str, Any]
) -> None:
    """A question left unanswered for a day can no longer be confirmed: say so, and offer it
    again. A season audit's student told the coach "I won the Cal Grant!" and a week later
    found no question, no word and no button, her win unrecorded."""
    scholarship = plan.scholarships.get(app.scholarship_id)
    title = scholarship.title if scholarship else "an application"
    status = str(pending["status"])
    what = "submitted" if status == "submitted" else "won"
    try:
        asked = as_utc(datetime.fromisoformat(str(pending.get("requested_at"))))
    except ValueError:
        return
    said, again, drop = st.columns([4, 1, 1], vertical_alignment="center")
    said.info(
        inert_text(
            f"Not recorded: on {clock.short_date(asked, plan.now)} you said {title} was {what}, "
            "and it was never confirmed."
        )
    )
    if again.button(f"Mark {what}", key="ask_again_transition", type="primary"):
        propose(repository, app, status)  # a fresh question: the dialog opens
    if drop.button("It wasn't", key="drop_transition"):
        cancel(repository, app.id, str(pending["token"]))
        st.rerun()
