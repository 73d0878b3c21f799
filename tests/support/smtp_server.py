"""A real SMTP server in the test process (aiosmtpd), collecting what it accepts.

A message counts as delivered when the server acknowledges it on a live connection, as a
real MTA takes responsibility with its final 250. `hold()` makes the server sit on the next
message before acknowledging it (a test can kill the client meanwhile: that message was
never accepted), and `refuse()` makes it answer 451 (down for a while) to everything.
`overlap=n` acknowledges nothing until n connections have each sent a message (or 15 s have
passed), so a test can tell senders working side by side from one that did it all alone,
however the machine schedules them.
Optional STARTTLS (a self-signed certificate made here) and AUTH LOGIN/PLAIN."""

from __future__ import annotations

import asyncio
import datetime as dt
import email
import email.policy
import ipaddress
import ssl
import threading
import time
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session

from coach import clock
from tests.support.streamlit_app import free_port


@dataclass(frozen=True)
class Received:
    mail_from: str
    rcpt_tos: tuple[str, ...]
    message: EmailMessage

    @property
    def to(self) -> str:
        return self.rcpt_tos[0]


class _Handler:
    def __init__(self, box: SmtpServer) -> None:
        self.box = box

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        box = self.box
        if box.refusing:
            return "451 4.3.0 Try again later"
        if box.overlap:
            await box.wait_for_overlap(session.peer)
        if box.hold_next.is_set():
            box.hold_next.clear()
            box.holding.set()
            while not box.release.is_set():
                await asyncio.sleep(0.01)
            box.holding.clear()
            box.release.clear()
        transport = server.transport
        if transport is None or transport.is_closing():
            return "421 4.4.2 Connection lost"  # the client died before our 250: not accepted
        raw = envelope.original_content or envelope.content or b""
        assert isinstance(raw, bytes)
        with box.lock:
            box.received.append(
                Received(
                    envelope.mail_from or "",
                    tuple(envelope.rcpt_tos),
                    email.message_from_bytes(raw, policy=email.policy.default),
                )
            )
        return "250 2.0.0 Accepted"


def self_signed(tmp: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1/localhost and its key, as PEM files."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = clock.real_now()  # a certificate's validity is checked against real time

    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = tmp / "smtp-cert.pem", tmp / "smtp-key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


class SmtpServer:
    """`with SmtpServer() as smtp:` ... `smtp.port`, `smtp.received`."""

    def __init__(
        self,
        *,
        tls: tuple[Path, Path] | None = None,
        login: tuple[str, str] | None = None,
        overlap: int = 0,
    ) -> None:
        self.port = free_port()
        self.overlap = overlap
        self.overlapped = threading.Event()
        self._senders: set[object] = set()
        self._overlap_deadline: float | None = None
        self.received: list[Received] = []
        self.lock = threading.Lock()
        self.refusing = False
        self.hold_next = threading.Event()
        self.holding = threading.Event()
        self.release = threading.Event()
        self.logins: list[str] = []
        kwargs: dict[str, Any] = {}
        if tls is not None:
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(str(tls[0]), str(tls[1]))
            kwargs.update(tls_context=context, require_starttls=True)
        if login is not None:
            user, password = login

            def authenticate(
                server: SMTP, session: Session, envelope: Envelope, mechanism: str, auth: Any
            ) -> AuthResult:
                ok = isinstance(auth, LoginPassword) and (
                    auth.login.decode(),
                    auth.password.decode(),
                ) == (user, password)
                if ok:
                    self.logins.append(user)
                return AuthResult(success=ok)

            kwargs.update(authenticator=authenticate, auth_required=True)
        self._controller = Controller(
            _Handler(self), hostname="127.0.0.1", port=self.port, **kwargs
        )

    def __enter__(self) -> SmtpServer:
        self._controller.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release.set()
        self._controller.stop()

    async def wait_for_overlap(self, peer: object) -> None:
        """One deadline for all, so a lone sender is held 15 s once, not per message."""
        self._senders.add(peer)
        if self._overlap_deadline is None:
            self._overlap_deadline = time.monotonic() + 15
        while not self.overlapped.is_set() and time.monotonic() < self._overlap_deadline:
            if len(self._senders) >= self.overlap:
                self.overlapped.set()
                break
            await asyncio.sleep(0.01)

    def refuse(self, refusing: bool = True) -> None:
        self.refusing = refusing

    def hold(self) -> None:
        self.hold_next.set()

    def wait_holding(self, timeout: float = 30) -> None:
        if not self.holding.wait(timeout):
            raise AssertionError("the SMTP server never got a message to hold")

    def messages(self) -> list[Received]:
        with self.lock:
            return list(self.received)

    def wait_for(self, count: int, timeout: float = 30) -> list[Received]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            got = self.messages()
            if len(got) >= count:
                return got
            time.sleep(0.02)
        raise AssertionError(f"expected {count} messages, got {len(self.messages())}")
