"""The nudge sidecar: `python -m coach.sidecar` (or `make sidecar`) beside the app.

Every sweep (each 15 minutes by default; `--every 5m`, `--once`) runs the daily momentum
recompute when the app clock's day has turned, then claims, renders and sends what is due:
deadline emails (one consolidated email per student listing every tracked application due
within 72 h or 24 h), micro-task toasts (no progress for 48 h, unless snoozed) and check-in
toasts (21 days after submitting: "Have you heard back?"). At most one email and one toast
per student per 24 h; the higher-priority nudge takes the slot. `--dry-run` prints what
would be sent and takes nothing.

Protocol (the SQL is in db/migrations/20261201001600_nudge_sidecar.sql):
1. claim   One statement per channel picks every student with something due whose slot is
           free, takes the slot and writes a pending notification_log row, atomically. Any
           number of workers (or pg_cron) may claim at once: a slot is taken once.
2. lease   A worker leases a batch of pending rows until a real-time lease runs out
           (`--lease`, default 10 min); rows whose lease ran out are leased again.
3. send    The worker renders each message from its named template, as things stand now
           (a deadline submitted or passed meanwhile drops out; nothing left = cancelled),
           and delivers it: SMTP, or the outbox; a toast is delivered by being recorded.
4. finish  Each email is marked sent right after the server accepts it, before the next is
           sent; outbox messages and toasts are finished a batch at a time, in one statement
           that is itself the delivery. Failed sends stay pending with a back-off (1 min,
           2, 4 ... 1 h) and are never counted as sent.
Crash safety: killed after claiming, the rows stay pending and the next lease takes them
(nothing lost, nothing sent twice: they were not sent). Killed mid-batch, the messages
already accepted are marked sent, the rest are leased again. The one gap no protocol closes
is an SMTP server accepting a message in the instant before the worker dies: that message
is sent again on retry with the same Message-ID, so the mail system can fold the pair.
SIGTERM or Ctrl-C stops after the message in hand and hands the worker's leases back.
A send that keeps failing (the server refuses it for hours) is given up after 12 attempts
by finish_nudges: cancelled, saying why, with the student's slot spent for the day.
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import signal
import socket
import sys
import threading
import time
from collections import Counter, deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TextIO
from uuid import UUID

from coach import clock
from coach.email_delivery import DeliveryFailed, Mailer, build_email, mailer_for
from coach.nudges import Message, compose
from db.errors import AppError
from db.nudge_queue import ClaimFigures, Nudge, NudgeQueue, NudgeResult
from db.settings import Settings

log = logging.getLogger("coach.sidecar")

DEFAULT_EVERY_S = 15 * 60
DEFAULT_LEASE_S = 10 * 60
BATCH = 500
LEASE_AHEAD = 2  # batches leased ahead while one is rendered (not with SMTP)


@dataclass(frozen=True)
class SentNudge:
    """One message a sweep delivered, as the demo page lists it."""

    notification_type: str
    channel: str
    user_id: UUID
    full_name: str | None
    subject: str | None
    delivery: str | None


@dataclass
class SweepReport:
    """What one sweep did, for its one log line (and the demo page)."""

    claims: list[ClaimFigures] = field(default_factory=list)
    sent: Counter[str] = field(default_factory=Counter)
    delivered: list[SentNudge] = field(default_factory=list)
    cancelled: int = 0
    failed: int = 0
    momentum: int | None = None
    seconds: float = 0.0
    stopped: bool = False

    def due(self, channel: str) -> int:
        return sum(c.due for c in self.claims if c.channel == channel)

    @property
    def capped(self) -> int:
        return sum(c.capped for c in self.claims)

    @property
    def quiet(self) -> int:
        return sum(c.quiet for c in self.claims)

    def line(self) -> str:
        by_type = ", ".join(f"{k} {v}" for k, v in sorted(self.sent.items())) or "none"
        momentum = "not due" if self.momentum is None else f"{self.momentum} updated"
        return (
            f"sweep: students due an email {self.due('email')}, a toast "
            f"{self.due('dashboard_toast')}; sent {sum(self.sent.values())} "
            f"({by_type}), skipped by cap {self.capped}, waiting for quiet hours {self.quiet}, "
            f"cancelled {self.cancelled}, failures {self.failed}, momentum {momentum}, "
            f"{self.seconds:.2f} s" + (" (stopped early)" if self.stopped else "")
        )


class Sidecar:
    """One worker. `stop` is checked between messages: a stop request finishes the message in
    hand and hands the rest back."""

    def __init__(
        self,
        queue: NudgeQueue,
        mailer: Mailer,
        settings: Settings,
        *,
        worker: str | None = None,
        batch: int = BATCH,
        lease_s: int = DEFAULT_LEASE_S,
        stop: threading.Event | None = None,
    ) -> None:
        self.queue = queue
        self.mailer = mailer
        self.settings = settings
        self.worker = worker or f"{socket.gethostname()}:{os.getpid()}"
        self.batch = batch
        self.lease_s = lease_s
        self.stop = stop or threading.Event()

    def sweep(self) -> SweepReport:
        started = time.monotonic()
        report = SweepReport()
        try:
            report.momentum = self.queue.run_daily_momentum()
            report.claims = self.queue.claim()
            self._deliver_all(report)
        except BaseException:
            self._hand_back()  # leased ahead and now unsent: not held until the lease ends
            raise
        finally:
            report.seconds = time.monotonic() - started
        if self.stop.is_set():
            report.stopped = True
            self._hand_back()
        return report

    def _hand_back(self) -> None:
        try:
            self.queue.release(self.worker)
        except AppError as exc:  # the database is gone: the leases run out instead
            log.warning("could not hand back our leases: %s", exc)

    def _lease(self) -> list[Nudge]:
        return self.queue.lease(self.worker, limit=self.batch, lease_seconds=self.lease_s)

    def _deliver_all(self, report: SweepReport) -> None:
        """Batch after batch until nothing is left. While this thread renders a batch,
        helper threads lease the next LEASE_AHEAD batches and finish the one before: each
        is one statement, which the database works on while Python renders, and two leases
        at once keep it busy while a third thread reads a lease's rows
        (bench/nudge_sweep.py). With SMTP nothing is leased ahead: the next batch is leased
        once this one is sent, so a lease never has to outlast more than its own batch of
        sends. At most one batch is being finished at a time, and only this thread counts
        what finishing returned. A stop (or an error) waits for the helpers; sweep() then
        hands back every lease still held, the batches leased ahead included."""
        if self.stop.is_set():
            return
        ahead = 0 if self.mailer.delivery == "smtp" else LEASE_AHEAD
        with ThreadPoolExecutor(max_workers=ahead + 2, thread_name_prefix="sidecar") as helpers:
            leases = deque([helpers.submit(self._lease) for _ in range(max(ahead, 1))])
            finishing: tuple[Future[dict[UUID, str]], list[NudgeResult], list[Nudge]] | None
            finishing = None
            exhausted = False
            try:
                while leases:
                    leased = leases.popleft().result()
                    if not leased:
                        exhausted = True  # a lease still out may hold the last rows: take it
                        continue
                    if ahead and not exhausted and not self.stop.is_set():
                        leases.append(helpers.submit(self._lease))
                    results = self._deliver(leased, report)
                    if finishing is not None:
                        self._count(finishing[0].result(), finishing[1], finishing[2], report)
                        finishing = None
                    if results:
                        call = helpers.submit(self.queue.finish, self.worker, results)
                        finishing = (call, results, leased)
                    if self.stop.is_set():
                        break
                    if not leases and not exhausted:
                        leases.append(helpers.submit(self._lease))
            finally:
                if finishing is not None:
                    self._count(finishing[0].result(), finishing[1], finishing[2], report)

    def _deliver(self, leased: list[Nudge], report: SweepReport) -> list[NudgeResult]:
        """Render a leased batch; emails over SMTP are sent and finished one by one here,
        the rest (toasts, outbox emails, cancellations) come back to be finished together."""
        batched: list[NudgeResult] = []
        for nudge in leased:
            if self.stop.is_set():
                break  # what is not finished here is released by sweep()
            assert nudge.id is not None
            try:
                message = compose(nudge, clock.now(), app_base_url=self.settings.app_base_url)
            except Exception as exc:  # one bad nudge must not stall the queue behind it
                log.exception("nudge %s could not be rendered", nudge.id)
                batched.append(
                    NudgeResult(id=nudge.id, outcome="failed", error=f"render: {exc!r}"[:2000])
                )
                continue
            if message is None:
                batched.append(
                    NudgeResult(id=nudge.id, outcome="cancelled", error="nothing left to say")
                )
                continue
            if nudge.channel == "dashboard_toast" or self.mailer.delivery == "outbox":
                delivery = "toast" if nudge.channel == "dashboard_toast" else "outbox"
                batched.append(_sent(nudge, message, delivery))
                continue
            self._finish(self._send_now(nudge, message), nudge, report)
        return batched

    def _send_now(self, nudge: Nudge, message: Message) -> NudgeResult:
        assert nudge.id is not None
        if not nudge.recipient:
            return NudgeResult(id=nudge.id, outcome="cancelled", error="no email address")
        email = build_email(
            message,
            nudge_id=nudge.id,
            to=nudge.recipient,
            sender=self.settings.smtp_from,
            sent_at=clock.now(),
        )
        try:
            self.mailer.send(email)
        except DeliveryFailed as exc:
            log.warning("nudge %s to %s not delivered: %s", nudge.id, nudge.user_id, exc)
            if exc.permanent:
                return NudgeResult(id=nudge.id, outcome="cancelled", error=str(exc)[:2000])
            return NudgeResult(id=nudge.id, outcome="failed", error=str(exc)[:2000])
        return _sent(nudge, message, "smtp")

    def _finish(self, result: NudgeResult, nudge: Nudge, report: SweepReport) -> None:
        self._count(self.queue.finish(self.worker, [result]), [result], [nudge], report)

    @staticmethod
    def _count(
        finished: dict[UUID, str],
        results: list[NudgeResult],
        nudges: list[Nudge],
        report: SweepReport,
    ) -> None:
        by_id = {n.id: n for n in nudges}
        for result in results:
            state = finished.get(result.id)
            if state is None:
                log.warning("nudge %s: our lease ran out before it was finished", result.id)
            elif result.outcome == "sent":
                nudge = by_id[result.id]
                report.sent[nudge.notification_type] += 1
                report.delivered.append(
                    SentNudge(
                        nudge.notification_type,
                        nudge.channel,
                        nudge.user_id,
                        nudge.full_name,
                        result.subject,
                        result.delivery,
                    )
                )
            elif result.outcome == "cancelled":
                report.cancelled += 1
            else:
                report.failed += 1

    def dry_run(self, out: TextIO) -> int:
        """Print what a sweep would send now; take nothing."""
        now = clock.now()
        shown = 0
        for nudge in self.queue.preview():
            message = compose(nudge, now, app_base_url=self.settings.app_base_url)
            if message is None:
                continue
            to = nudge.recipient if nudge.channel == "email" else "dashboard toast"
            out.write(f"--- {nudge.notification_type} to {to} (student {nudge.user_id})\n")
            out.write(f"Subject: {message.subject}\n\n{message.body}\n")
            shown += 1
        out.write(f"{shown} nudges would be sent (dry run: nothing claimed or sent)\n")
        return shown


def _sent(nudge: Nudge, message: Message, delivery: str) -> NudgeResult:
    assert nudge.id is not None
    return NudgeResult.model_validate(
        {
            "id": nudge.id,
            "outcome": "sent",
            "subject": message.subject,
            "body": message.body,
            "delivery": delivery,
        }
    )


def parse_duration(text: str) -> float:
    """ "90s", "5m", "1h", "15" (minutes) -> seconds."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smh]?)\s*", text)
    if not match or float(match.group(1)) <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a duration such as 90s, 5m or 1h")
    unit = {"s": 1, "m": 60, "h": 3600, "": 60}[match.group(2)]
    return float(match.group(1)) * unit


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m coach.sidecar", description="Send TuitionLift's scheduled nudges."
    )
    parser.add_argument(
        "--every",
        type=parse_duration,
        default=DEFAULT_EVERY_S,
        help="time between sweeps (default 15m)",
    )
    parser.add_argument("--once", action="store_true", help="one sweep, then exit")
    parser.add_argument(
        "--dry-run", action="store_true", help="print what would be sent; claim and send nothing"
    )
    parser.add_argument(
        "--lease",
        type=parse_duration,
        default=DEFAULT_LEASE_S,
        help="how long a worker holds the nudges it took (default 10m)",
    )
    parser.add_argument("--batch", type=int, default=BATCH, help="nudges leased at a time")
    parser.add_argument("--worker", default=None, help="this worker's name in the queue")
    return parser.parse_args(argv)


@contextmanager
def _stop_on_signals(stop: threading.Event) -> Iterator[None]:
    def handle(signum: int, _frame: object) -> None:
        log.info("%s: stopping after the message in hand", signal.Signals(signum).name)
        stop.set()

    previous = {s: signal.signal(s, handle) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield
    finally:
        for s, h in previous.items():
            signal.signal(s, h)


def main(argv: Sequence[str] | None = None) -> int:
    from db.runtime import Database
    from db.settings import get_settings

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    args = _arguments(argv)
    try:
        settings = get_settings()
        database = Database.start(settings)
    except AppError as exc:
        log.error("cannot start: %s", exc)
        return 2
    clock.follow(database.clock_shift)
    stop = threading.Event()
    mailer = mailer_for(settings)
    sidecar = Sidecar(
        NudgeQueue(database.pool),
        mailer,
        settings,
        worker=args.worker,
        batch=args.batch,
        lease_s=max(1, round(args.lease)),
        stop=stop,
    )
    log.info(
        "worker %s: email by %s, a sweep every %.0f s%s",
        sidecar.worker,
        settings.email_mode,
        args.every,
        " (dry run)" if args.dry_run else "",
    )
    try:
        with _stop_on_signals(stop):
            if args.dry_run:
                sidecar.dry_run(sys.stdout)
                return 0
            while True:
                try:
                    log.info(sidecar.sweep().line())
                except AppError as exc:  # the database went away: try again next time
                    log.error("sweep failed: %s", exc)
                if args.once or stop.wait(args.every):
                    break
    finally:
        mailer.close()
        database.close()
    log.info("worker %s stopped", sidecar.worker)
    return 0


if __name__ == "__main__":
    sys.exit(main())
