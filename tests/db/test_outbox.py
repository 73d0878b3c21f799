"""The outbox read (Repository.outbox_messages) on both ends of the transport seam: an admin
reads the email nudges in notification_log, newest claim first, by state; never the toasts;
a student or a coach reads nothing (policy "Admins read the outbox"). The page that shows
them: tests/app/test_outbox_page.py."""

from __future__ import annotations

from datetime import timedelta
from uuid import UUID

import psycopg
import pytest

from db.errors import ValidationFailed
from db.identity import Identity
from db.repository import Repository
from tests.conftest import People
from tests.support.hosted import TransportFactory


def sidecar_logs(
    db_url: str,
    user: Identity,
    *,
    channel: str = "email",
    state: str = "sent",
    subject: str | None = "3 days left: Cal Grant",
    body: str | None = "Hi Ana,\nCal Grant is due Friday.\n",
    claimed_ago: timedelta = timedelta(0),
    error: str | None = None,
) -> UUID:
    """A notification_log row as the sidecar leaves it, written as the service role."""
    sent = state == "sent"
    with psycopg.connect(db_url, autocommit=True) as conn, conn.transaction():
        conn.execute("set local role service_role")
        row = conn.execute(
            "insert into public.notification_log (user_id, channel, notification_type, "
            "template_name, recipient, subject, body, state, claimed_at, sent_at, delivery, "
            "delivery_error, attempts) values (%s, %s, 'deadline_72h', 'deadline_72h', %s, %s, "
            "%s, %s, public.app_now() - %s, case when %s then public.app_now() end, %s, %s, 1) "
            "returning id",
            (
                user.user_id,
                channel,
                user.email,
                subject,
                body,
                state,
                claimed_ago,
                sent,
                ("outbox" if channel == "email" else "toast") if sent else None,
                error,
            ),
        ).fetchone()
    assert row is not None
    return UUID(str(row[0]))


def test_an_admin_reads_the_emails_newest_first_and_no_toasts(
    transport_factory: TransportFactory, people: People, db_url: str
) -> None:
    older = sidecar_logs(db_url, people.student_a, claimed_ago=timedelta(hours=2))
    newer = sidecar_logs(
        db_url, people.student_b, state="pending", subject=None, body=None, error="timed out"
    )
    sidecar_logs(db_url, people.student_a, channel="dashboard_toast", subject="A toast")
    admin = Repository(transport_factory(people.admin))

    messages = admin.outbox_messages()

    assert [m.id for m in messages] == [newer, older]
    assert {m.channel for m in messages} == {"email"}
    first, second = messages
    assert (first.state, first.subject, first.body, first.sent_at) == ("pending", None, None, None)
    assert (first.delivery, first.delivery_error, first.attempts) == (None, "timed out", 1)
    assert first.when == first.claimed_at
    assert (second.state, second.delivery, second.recipient) == (
        "sent",
        "outbox",
        "ana@students.test",
    )
    assert second.subject == "3 days left: Cal Grant"
    assert second.body == "Hi Ana,\nCal Grant is due Friday.\n"
    assert (second.notification_type, second.template_name) == ("deadline_72h", "deadline_72h")
    assert second.sent_at is not None and second.when == second.sent_at


def test_the_state_filter_and_the_limit(
    transport_factory: TransportFactory, people: People, db_url: str
) -> None:
    sent = [
        sidecar_logs(db_url, people.student_a, claimed_ago=timedelta(minutes=minutes))
        for minutes in (1, 2)
    ]
    cancelled = sidecar_logs(db_url, people.student_a, state="cancelled", body=None)
    admin = Repository(transport_factory(people.admin))

    assert [m.id for m in admin.outbox_messages(state="sent")] == sent
    assert [m.id for m in admin.outbox_messages(state="cancelled")] == [cancelled]
    assert admin.outbox_messages(state="pending") == []
    assert [m.id for m in admin.outbox_messages(limit=1)] == [cancelled]
    with pytest.raises(ValidationFailed):
        admin.outbox_messages(limit=0)


@pytest.mark.parametrize("who", ["student_a", "student_b", "coach"])
def test_students_and_coaches_read_nothing(
    transport_factory: TransportFactory, people: People, db_url: str, who: str
) -> None:
    sidecar_logs(db_url, people.student_a)
    sidecar_logs(db_url, people.student_b, state="pending", subject=None, body=None)
    identity: Identity = getattr(people, who)

    assert Repository(transport_factory(identity)).outbox_messages() == []
