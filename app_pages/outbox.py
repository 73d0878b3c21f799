"""Outbox (admins only): the reminder emails the nudge sidecar chose, newest first, each with
what it said and how it went out.

The rendered emails live in notification_log, which only admins may read (policy "Admins read
the outbox"); the page names its role as well, so a student or coach who reaches it by a link
is refused before anything is read. Subjects and bodies carry scholarship titles and a
student's name, so they are shown inert, exactly as the email says them."""

from __future__ import annotations

from datetime import UTC, datetime

import streamlit as st

from app_pages.context import context
from app_pages.render import inert_text, show_error, show_text
from coach.clock import plural
from coach.nudges import KIND_WORDS, kind_words
from db.errors import AppError
from db.models import OutboxMessage, OutboxState

ctx = context(roles=("admin",))

LIMIT = 200
FILTERS: dict[str, OutboxState | None] = {
    "All": None,
    "Pending": "pending",
    "Sent or kept": "sent",
    "Cancelled": "cancelled",
}
STATE_BADGES: dict[str, str] = {
    "pending": ":orange-badge[Pending]",
    "sent": ":green-badge[Sent]",
    "cancelled": ":gray-badge[Cancelled]",
}
DELIVERY = {
    "outbox": "in the outbox, not sent",
    "smtp": "sent by SMTP",
    "toast": "shown as a toast",
}


def kind_of(notification_type: str | None) -> str:
    """Our own words for a known kind; anything else came from a row, and is shown inert."""
    return KIND_WORDS.get(notification_type or "") or inert_text(kind_words(notification_type))


def moment(at: datetime) -> str:
    """An admin compares these with logs, which are in UTC: the same zone, to the minute."""
    at = at.astimezone(UTC)
    return f"{at:%b} {at.day}, {at.year}, {at:%H:%M} UTC"


def one_line(text: str) -> str:
    """An expander label is one line: a subject with a line break must not split it."""
    return " ".join(text.split())


def kept(message: OutboxMessage) -> bool:
    """Done without SMTP (embedded mode): kept here, never sent, whatever its state says."""
    return message.state == "sent" and message.delivery == "outbox"


def badge(message: OutboxMessage) -> str:
    return ":blue-badge[Kept]" if kept(message) else STATE_BADGES.get(message.state, message.state)


def when_line(message: OutboxMessage) -> str:
    if message.sent_at is not None:
        return moment(message.sent_at) if kept(message) else f"**Sent** {moment(message.sent_at)}"
    if message.claimed_at is not None:
        return f"**Chosen by the sidecar** {moment(message.claimed_at)}"
    return "**Not sent**"


def show_message(message: OutboxMessage) -> None:
    subject = one_line(message.subject or "") or "(no subject yet)"
    recipient = one_line(message.recipient or "") or "no recipient"
    label = f"{inert_text(subject)} — to {inert_text(recipient)}"
    with st.expander(label, icon=":material/mail:"):
        delivery = DELIVERY.get(message.delivery or "", "not delivered yet")
        st.markdown(
            "  \n".join(
                [
                    f"**To** {inert_text(message.recipient or 'no recipient')}",
                    f"{badge(message)} {delivery} · "
                    f"{when_line(message)} · {plural(message.attempts, 'attempt')}",
                    f"{kind_of(message.notification_type)} · "
                    f"template {inert_text(message.template_name or 'none')}",
                ]
            )
        )
        if message.delivery_error:
            st.warning(
                f"Last delivery error: {inert_text(message.delivery_error)}",
                icon=":material/error:",
            )
        if message.body is None:
            st.caption(
                "No text yet: the sidecar writes the message when it sends it (or keeps it here)."
            )
            return
        st.markdown(f"**Subject** {inert_text(message.subject or '')}")
        with st.container(border=True):
            show_text(message.body)


st.title("Outbox", anchor=False)
if ctx.database.settings.email_mode == "smtp":
    st.info(
        "This install sends reminder emails through SMTP (SMTP_HOST is set): this is the log "
        "of what the sidecar sent.",
        icon=":material/outgoing_mail:",
    )
else:
    st.info(
        # a robustness audit read this beside rows "sent by SMTP" from a sidecar started with
        # SMTP settings of its own: each row says how it went out
        "This install has no SMTP_HOST, so reminder emails are kept here instead of being "
        "sent. With SMTP configured, this page is the log of what was sent; each row says "
        "how it went out.",
        icon=":material/outgoing_mail:",
    )

choice = st.radio("Show", list(FILTERS), horizontal=True, key="outbox_state") or "All"
state = FILTERS.get(choice)
try:
    messages = ctx.repository.outbox_messages(state=state, limit=LIMIT)
except AppError as exc:
    show_error(exc)
    st.stop()

if not messages:
    which = f"{choice.lower()} " if state else ""
    # an audit read this beside the Demo page's "2 emails waiting for the student's quiet
    # hours": those are not written here until the hours end
    st.info(
        f"No {which}emails yet. The sidecar writes one when a deadline comes near; one that "
        "waits for a student's quiet hours is written here when they end."
    )
else:
    shown = plural(len(messages), "email")
    more = f" (the newest {LIMIT})" if len(messages) == LIMIT else ""
    st.caption(f"{shown}{more}, newest first. Open one to read it.")
    for message in messages:
        show_message(message)
