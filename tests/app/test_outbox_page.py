"""The Outbox page as an admin uses it, against the real embedded database: says what the
outbox is, lists the emails the sidecar wrote (never the toasts), filters them by state, and
shows a message's subject and body inert. A student or coach finds no Outbox in their
navigation, a link to it lands them elsewhere, and the page itself refuses them."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import psycopg
import pytest
from streamlit.testing.v1 import AppTest

from app_pages.context import HANDLE
from app_pages.render import inert_text
from tests.app.conftest import (
    ALEX,
    MAYA,
    REFUSED,
    RIVERA,
    db_url,
    handle_for,
    page_source,
    plain,
    sent_back_from,
    signed_in_app,
)

OUTBOX = "app_pages/outbox.py"
EXPLAINED = (
    "This install has no SMTP_HOST, so reminder emails are kept here instead of being sent. "
    "With SMTP configured, this page is the log of what was sent; each row says how it went out."
)
SUBJECT = "2 days left: Cal Grant <b>now</b>"
BODY = (
    "Hi Maya,\n\n"
    "[Claim your prize](https://evil.test/x) <img src=https://evil.test/p.png>\n"
    "  - Cal Grant, due Friday: see https://evil.test/bare or www.evil.test\n"
)


def log_email(
    *,
    subject: str | None = SUBJECT,
    body: str | None = BODY,
    channel: str = "email",
    state: str = "sent",
    error: str | None = None,
) -> None:
    """A notification_log row as the sidecar leaves it (written here as the superuser)."""
    sent = state == "sent"
    with psycopg.connect(db_url(), autocommit=True) as conn:
        conn.execute(
            "insert into public.notification_log (user_id, channel, notification_type, "
            "template_name, recipient, subject, body, state, claimed_at, sent_at, delivery, "
            "delivery_error, attempts) values (%s, %s, 'deadline_72h', 'deadline_72h', "
            "'maya@demo.tuitionlift.local', %s, %s, %s, public.app_now(), "
            "case when %s then public.app_now() end, %s, %s, 1)",
            (
                MAYA,
                channel,
                subject,
                body,
                state,
                sent,
                ("outbox" if channel == "email" else "toast") if sent else None,
                error,
            ),
        )


def open_outbox(user: str = ALEX) -> AppTest:
    at = signed_in_app(user)
    at.switch_page(OUTBOX).run()
    assert not at.exception, at.exception
    return at


def test_an_admin_reads_an_email_inert(app_env: str) -> None:
    log_email()
    log_email(channel="dashboard_toast", subject="A toast, not an email", body="Toast body")
    at = open_outbox()

    assert at.title[0].value == "Outbox"
    assert at.info[0].value == EXPLAINED
    [message] = at.expander  # the toast is not an email
    assert plain(message.label) == f"{SUBJECT} — to maya@demo.tuitionlift.local"
    assert message.label.startswith(inert_text(SUBJECT))
    inside: list[Any] = [m.value for m in message.markdown]
    # The body exactly as written, nothing live (st.markdown strips the outer whitespace).
    assert inert_text(BODY).strip() in inside
    assert f"**Subject** {inert_text(SUBJECT)}" in inside
    details = "\n".join(inside)
    assert ":blue-badge[Kept] in the outbox, not sent · " in details  # never "Sent"
    assert "Sent" not in details
    assert "1 attempt" in details
    assert "Deadline email, due within 3 days · template deadline\\_72h" in details
    page = page_source(at)
    for live in ("](https://", "https://evil", "www.evil"):
        assert live not in page  # no link, image or autolinked address survives
    assert not re.search(r"(?<!\\)<[A-Za-z/]", page)  # every tag shown as text
    assert "A toast" not in page


def test_the_filter_and_a_pending_emails_error(app_env: str) -> None:
    log_email()
    log_email(subject=None, body=None, state="pending", error="SMTP server timed out")
    at = open_outbox()
    assert len(at.expander) == 2
    assert "2 emails, newest first" in page_source(at)

    at.radio(key="outbox_state").set_value("Pending").run()
    assert not at.exception, at.exception
    [pending] = at.expander
    assert plain(pending.label) == "(no subject yet) — to maya@demo.tuitionlift.local"
    assert "Last delivery error: SMTP server timed out" in page_source(at)
    assert "No text yet" in page_source(at)

    at.radio(key="outbox_state").set_value("Cancelled").run()
    assert not at.expander
    assert "No cancelled emails yet." in page_source(at)
    # an audit read "no pending emails" beside the Demo page's emails waiting for quiet hours
    assert "one that waits for a student's quiet hours is written here when they end" in (
        page_source(at)
    )


@pytest.mark.parametrize("user", [MAYA, RIVERA])
def test_the_outbox_is_not_in_a_student_or_coachs_navigation(app_env: str, user: str) -> None:
    at = signed_in_app(user)
    sent_back_from(at, OUTBOX)


def test_a_student_following_a_link_to_the_outbox_never_sees_it(app_env: str) -> None:
    """Signed out, every page is routable (so a link survives sign-in); once signed in as a
    student, the router has no Outbox for them and the app opens Home instead."""
    log_email()
    at = AppTest.from_file("../../app.py", default_timeout=30).run()
    at.switch_page(OUTBOX).run()
    assert at.radio(key="demo_choice")  # the sign-in form, in the outbox's place
    at.radio(key="demo_choice").set_value("Maya Torres (student)").run()
    at.button(key="demo_continue").click().run()
    assert not at.exception, at.exception
    assert "Outbox" not in [t.value for t in at.title]
    assert "Cal Grant" not in "\n".join(e.label for e in at.expander)
    assert "evil" not in page_source(at)


@pytest.mark.parametrize("user", [MAYA, RIVERA])
def test_the_page_itself_refuses_a_student_or_coach(app_env: str, user: str) -> None:
    """Were the navigation ever to offer it, the page names its role: run it directly with a
    student or coach signed in, as the router would, and it stops at the refusal."""
    log_email()
    page = Path(__file__).resolve().parents[2] / OUTBOX
    script = f"""
import runpy
from app_pages.context import AppContext, get_database, restore_identity, set_context
database = get_database()
set_context(AppContext(database=database, identity=restore_identity(database)))
runpy.run_path({str(page)!r})
"""
    at = AppTest.from_string(script, default_timeout=30)
    at.session_state[HANDLE] = handle_for(db_url(), user)
    at.run()
    assert not at.exception, at.exception
    assert [e.value for e in at.error] == [REFUSED]
    assert not at.title and not at.expander and not at.radio
    assert "Cal Grant" not in page_source(at)
