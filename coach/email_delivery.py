"""Email out of the sidecar: an SMTP connection when SMTP_HOST is set (STARTTLS or implicit
TLS, optional login), otherwise the outbox, where the rendered message is kept with its
notification_log row and read by admins on the Outbox page.

Every message carries a Message-ID made from its notification id, so the one delivery the
protocol cannot rule out (the server accepted it, the worker died before recording that)
reaches the student's mail system as the same message twice, which it can fold.
"""

from __future__ import annotations

import smtplib
import ssl
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, formataddr
from types import TracebackType
from typing import Protocol
from uuid import UUID

from coach.nudges import Message
from db.settings import Settings

MESSAGE_DOMAIN = "tuitionlift.coach"


class DeliveryFailed(Exception):
    """A message not delivered. `permanent`: the server refused it for good (an address it
    will never take), so retrying would only repeat the refusal."""

    def __init__(self, reason: str, *, permanent: bool = False) -> None:
        super().__init__(reason)
        self.permanent = permanent


def build_email(
    message: Message, *, nudge_id: UUID, to: str, sender: str, sent_at: datetime
) -> EmailMessage:
    email = EmailMessage()
    email["From"] = sender
    email["To"] = formataddr(("", to))
    email["Subject"] = message.subject
    email["Date"] = format_datetime(sent_at)
    email["Message-ID"] = f"<{nudge_id}@{MESSAGE_DOMAIN}>"
    email["X-TuitionLift-Template"] = message.template_name
    email.set_content(message.body)
    return email


class Mailer(Protocol):
    delivery: str

    def send(self, email: EmailMessage) -> None: ...

    def close(self) -> None: ...


class OutboxMailer:
    """Nothing leaves the machine: finishing the nudge stores the message; that is the send."""

    delivery = "outbox"

    def send(self, email: EmailMessage) -> None:
        return None

    def close(self) -> None:
        return None


class SmtpMailer:
    """One connection, opened on the first message and reopened when the server drops it."""

    delivery = "smtp"

    def __init__(self, settings: Settings) -> None:
        assert settings.smtp_host
        self._settings = settings
        self._conn: smtplib.SMTP | None = None

    def __enter__(self) -> SmtpMailer:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def _connect(self) -> smtplib.SMTP:
        s = self._settings
        assert s.smtp_host
        context = ssl.create_default_context()
        if s.smtp_ssl_cafile:
            context.load_verify_locations(cafile=str(s.smtp_ssl_cafile))
        conn: smtplib.SMTP
        if s.smtp_ssl:
            conn = smtplib.SMTP_SSL(
                s.smtp_host, s.smtp_port, timeout=s.smtp_timeout_s, context=context
            )
        else:
            conn = smtplib.SMTP(s.smtp_host, s.smtp_port, timeout=s.smtp_timeout_s)
            conn.ehlo()
            if s.smtp_starttls:
                conn.starttls(context=context)
                conn.ehlo()
        if s.smtp_username:
            password = s.smtp_password.get_secret_value() if s.smtp_password else ""
            conn.login(s.smtp_username, password)
        return conn

    def send(self, email: EmailMessage) -> None:
        for attempt in range(2):  # a connection the server closed while idle: once more
            try:
                if self._conn is None:
                    self._conn = self._connect()
                self._conn.send_message(email)
                return
            except smtplib.SMTPServerDisconnected as exc:
                self._conn = None
                if attempt == 1:
                    raise DeliveryFailed(f"the mail server closed the connection: {exc}") from exc
            except smtplib.SMTPRecipientsRefused as exc:
                codes = [code for code, _ in exc.recipients.values()]
                permanent = all(500 <= code < 600 for code in codes)
                raise DeliveryFailed(
                    f"the mail server refused the recipient: {exc.recipients}", permanent=permanent
                ) from exc
            except smtplib.SMTPAuthenticationError as exc:
                self._drop()
                raise DeliveryFailed(
                    f"the mail server refused our login ({exc.smtp_code})"
                ) from exc
            except (smtplib.SMTPException, OSError) as exc:
                self._drop()
                raise DeliveryFailed(f"{type(exc).__name__}: {exc}") from exc

    def _drop(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            try:
                conn.close()
            except OSError:
                pass

    def close(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            try:
                conn.quit()
            except (smtplib.SMTPException, OSError):
                conn.close()


def mailer_for(settings: Settings) -> Mailer:
    return SmtpMailer(settings) if settings.email_mode == "smtp" else OutboxMailer()
