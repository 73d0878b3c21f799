"""The sidecar in this process against a real SMTP server (aiosmtpd) and the test database:
one consolidated email per due student listing every due application, nothing twice, SMTP
down retried later and never counted as sent, STARTTLS with login, the outbox message
rebuilt from its row, the dry run, a stop mid-sweep. Four processes at once and kill -9:
test_sidecar_processes.py."""

from __future__ import annotations

import io
import threading
from datetime import datetime
from pathlib import Path
from typing import Any

import psycopg
import pytest
from pydantic import SecretStr

from coach.email_delivery import OutboxMailer, SmtpMailer
from coach.nudges import compose
from coach.sidecar import Sidecar, parse_duration
from db.nudge_queue import Nudge, NudgeItem, NudgeQueue
from db.settings import Settings
from tests.sidecar.conftest import H, make_cohort
from tests.support.nudge_data import add_scholarship, add_students, track
from tests.support.smtp_server import Received, SmtpServer, self_signed


def smtp_settings(base: Settings, smtp: SmtpServer, **more: Any) -> Settings:
    values = {"smtp_host": "127.0.0.1", "smtp_port": smtp.port, "smtp_starttls": False, **more}
    return base.model_copy(update=values)


def listed_titles(message: Received, titles: list[str]) -> list[str]:
    body = message.message.get_content()
    return [t for t in titles if f"- {t} (" in body]


ALL_TITLES = [f"Fund due in {h}h" for h in (10, 23, 30, 50, 70, 90)]


def test_each_due_student_gets_one_email_listing_every_due_application(
    at: datetime, conn: psycopg.Connection[Any], queue: NudgeQueue, offline_settings: Settings
) -> None:
    cohort = make_cohort(conn, 40)
    with SmtpServer() as smtp, SmtpMailer(smtp_settings(offline_settings, smtp)) as mailer:
        report = Sidecar(queue, mailer, offline_settings).sweep()
        messages = smtp.messages()
        assert sorted(m.to for m in messages) == sorted(cohort.emails)  # one each, none missed
        for message in messages:
            assert listed_titles(message, ALL_TITLES) == cohort.emails[message.to]
            assert message.message["Message-ID"].endswith("@tuitionlift.coach>")
            assert message.message["From"] == offline_settings.smtp_from
        assert report.sent["deadline_24h"] + report.sent["deadline_72h"] == len(cohort.emails)
        assert report.sent["micro_task"] == len(cohort.toasts)
        again = Sidecar(queue, mailer, offline_settings).sweep()
        assert sum(again.sent.values()) == 0 and len(smtp.messages()) == len(messages)
    rows = conn.execute(
        "select state, delivery, count(*) as n from notification_log "
        "group by state, delivery order by delivery"
    ).fetchall()
    assert [(r["state"], r["delivery"], r["n"]) for r in rows] == [
        ("sent", "smtp", len(cohort.emails)),
        ("sent", "toast", len(cohort.toasts)),
    ]


def test_smtp_down_is_retried_on_a_later_sweep_and_never_counted_as_sent(
    at: datetime, conn: psycopg.Connection[Any], queue: NudgeQueue, offline_settings: Settings
) -> None:
    [ana] = add_students(conn, 1)
    track(conn, ana, add_scholarship(conn, title="Cal Grant", due_in=30 * H))
    with SmtpServer() as smtp, SmtpMailer(smtp_settings(offline_settings, smtp)) as mailer:
        smtp.refuse()
        down = Sidecar(queue, mailer, offline_settings).sweep()
        assert (down.failed, sum(down.sent.values())) == (1, 0)
        [row] = conn.execute(
            "select state, sent_at, delivery_error, retry_at > clock_timestamp() as waits "
            "from notification_log where channel = 'email'"
        ).fetchall()
        assert (row["state"], row["sent_at"], row["waits"]) == ("pending", None, True)
        assert "451" in row["delivery_error"]
        smtp.refuse(False)
        assert sum(Sidecar(queue, mailer, offline_settings).sweep().sent.values()) == 0
        conn.execute("update notification_log set retry_at = clock_timestamp()")  # backed off
        up = Sidecar(queue, mailer, offline_settings).sweep()
        assert up.sent["deadline_72h"] == 1
        [message] = smtp.messages()
        assert listed_titles(message, ["Cal Grant"]) == ["Cal Grant"]


def test_starttls_and_login(
    at: datetime,
    conn: psycopg.Connection[Any],
    queue: NudgeQueue,
    offline_settings: Settings,
    tmp_path: Path,
) -> None:
    [ana] = add_students(conn, 1)
    track(conn, ana, add_scholarship(conn, title="Cal Grant", due_in=30 * H))
    cert, key = self_signed(tmp_path)
    with SmtpServer(tls=(cert, key), login=("coach", "s3cret")) as smtp:
        settings = smtp_settings(
            offline_settings,
            smtp,
            smtp_starttls=True,
            smtp_ssl_cafile=cert,
            smtp_username="coach",
            smtp_password=SecretStr("s3cret"),
        )
        with SmtpMailer(settings) as mailer:
            assert Sidecar(queue, mailer, settings).sweep().sent["deadline_72h"] == 1
        assert smtp.logins == ["coach"] and len(smtp.messages()) == 1


def test_the_outbox_keeps_the_message_and_it_can_be_rebuilt_from_its_row(
    at: datetime, conn: psycopg.Connection[Any], queue: NudgeQueue, offline_settings: Settings
) -> None:
    [ana] = add_students(conn, 1, preferences='{"timezone": "America/Chicago"}')
    track(conn, ana, add_scholarship(conn, title="Cal Grant", due_in=30 * H, amount=2500))
    track(conn, ana, add_scholarship(conn, title="Dell Scholars", due_in=10 * H))
    Sidecar(queue, OutboxMailer(), offline_settings).sweep()
    [row] = conn.execute(
        "select n.*, private.nudge_items(n.application_ids) as items, p.full_name, "
        "p.preferences from notification_log n join profiles p on p.id = n.user_id "
        "where n.channel = 'email'"
    ).fetchall()
    assert (row["state"], row["delivery"], row["template_name"]) == (
        "sent",
        "outbox",
        "deadline_24h",
    )
    assert "Dell Scholars" in row["body"] and "Cal Grant" in row["body"]
    assert "Central Time" in row["body"] and "$2,500" in row["body"]
    rebuilt = compose(
        Nudge(
            user_id=row["user_id"],
            channel="email",
            notification_type=row["template_name"],
            full_name=row["full_name"],
            preferences=row["preferences"],
            items=[NudgeItem.model_validate(i) for i in row["items"]],
        ),
        row["sent_at"],
        app_base_url=offline_settings.app_base_url,
    )
    assert rebuilt is not None
    assert (rebuilt.subject, rebuilt.body) == (row["subject"], row["body"])


def test_a_dry_run_prints_what_would_go_and_takes_nothing(
    at: datetime, conn: psycopg.Connection[Any], queue: NudgeQueue, offline_settings: Settings
) -> None:
    cohort = make_cohort(conn, 6)
    out = io.StringIO()
    shown = Sidecar(queue, OutboxMailer(), offline_settings).dry_run(out)
    assert shown == len(cohort.emails) + len(cohort.toasts)
    for address in cohort.emails:
        assert f"to {address}" in out.getvalue()
    assert conn.execute("select count(*) as n from notification_log").fetchone() == {"n": 0}


def test_a_stop_mid_sweep_finishes_the_message_in_hand_and_hands_the_rest_back(
    at: datetime, conn: psycopg.Connection[Any], queue: NudgeQueue, offline_settings: Settings
) -> None:
    cohort = make_cohort(conn, 20)
    stop = threading.Event()
    with SmtpServer() as smtp, SmtpMailer(smtp_settings(offline_settings, smtp)) as mailer:
        real_send = mailer.send

        def send_then_stop(email: Any) -> None:
            real_send(email)
            if len(smtp.messages()) == 3:
                stop.set()  # as SIGTERM does

        mailer.send = send_then_stop  # type: ignore[method-assign]
        first = Sidecar(queue, mailer, offline_settings, stop=stop).sweep()
        assert first.stopped and len(smtp.messages()) == 3
        held = conn.execute(
            "select count(*) as n from notification_log where lease_owner is not null"
        ).fetchone()
        assert held == {"n": 0}  # handed back, not left to run out
        mailer.send = real_send  # type: ignore[method-assign]
        Sidecar(queue, mailer, offline_settings).sweep()
        assert sorted(m.to for m in smtp.messages()) == sorted(cohort.emails)


@pytest.mark.parametrize(
    ("text", "seconds"), [("90s", 90), ("5m", 300), ("1h", 3600), ("15", 900), ("1.5m", 90)]
)
def test_durations_read_as_people_write_them(text: str, seconds: float) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["0m", "-5m", "5 minutes", ""])
def test_a_bad_duration_is_refused(text: str) -> None:
    import argparse

    with pytest.raises(argparse.ArgumentTypeError):
        parse_duration(text)
