"""The nudge sidecar at scale (issue #18): one sweep over 100,000 students and 1,000,000
applications in a throwaway embedded Postgres, side by side with a per-student loop.

Data, generated set-based (seeded, deterministic ids; parallel query off so `random()` runs
in one order): 100,000 students as auth.users rows (the triggers make their profiles,
learners and nudge slots), a 3,000-row catalog (5 % without a deadline, 5 % passed within
the last 30 days, the rest `app_now() + 365 days x random()^1.5`, so ~4 % fall within 72 h:
students track the near ones more), 10 applications each (65 % draft, 20 % submitted with
its check-in 21 days later, 40 % of those already due and still pending, 5 % won, 10 % lost).
Three students in ten worked on their drafts within the last 40 h; the rest last touched
them up to 21 days ago. One in ten is snoozed (1 h to 4 days ahead), one in ten has a snooze
that ran out. Timezones: 2 % Los Angeles and 2 % Tokyo (default quiet hours 21:00-08:00, so
their emails wait), 2 % New York with quiet hours 22:00-07:00 (not quiet), 2 % Berlin with
09:00-17:00 (quiet); everyone else UTC with the default quiet hours. The app clock is set so
`app_now()` reads 15:00 UTC when the data is written (`db.app_clock.write_shift`): outside
the default quiet hours, as an afternoon sweep would run. History: one student in seven got an
email and one in four a toast 0-36 h ago (notification_log rows, and the slots' last_sent_at
to match), so about half of those are still capped. The applications' momentum is written by
`public.run_daily_momentum()` once after loading (timed; the first sweep of an app-clock day
runs it, later sweeps do not), so the sweep measured is a sweep with the recompute not due.

1. Sweep: `Sidecar(NudgeQueue(pool), OutboxMailer(), settings).sweep()` as the sidecar runs it
   (claim, lease, render, finish of everything due; outbox delivery, so no SMTP), three times:
   on the loaded database and on two clones of it made beforehand (the same starting state);
   the figure is the median. On the first, a second sweep right after (nothing left to send:
   everyone just nudged is capped).
2. Reference, on a clone of the database made before the sweep (`create database .. template
   ..`): a naive sidecar, one student at a time, each in its own transaction on the project's
   pool as service role: the student's profile, their due deadline applications (one query),
   the 24 h email window (one query on notification_log), insert the log row, render with
   `coach.nudges.compose`, mark it sent; then the toast likewise (a due check-in, else, unless
   snoozed, the idle draft with the highest momentum). "Now" is read once, as the instant the
   sweep claimed at, so both sides judge the same moment. Timed over 5,000 students drawn at
   random and extrapolated to 100,000. Both sides must produce the very same nudges for those
   5,000 students (student, channel, type, applications).

Goals (issue #18): one sweep <= 10 s; loop (extrapolated) / sweep >= 20x.
Last line: one JSON object with the figures and the verdict.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

import psycopg
from pydantic import SecretStr

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._load import clone_database  # noqa: E402
from bench._nudge_data import PER_STUDENT, SCHOLARSHIPS, STUDENTS, load, set_clock  # noqa: E402
from bench._nudge_reference import run_loop  # noqa: E402
from coach import clock  # noqa: E402
from coach.email_delivery import OutboxMailer  # noqa: E402
from coach.sidecar import Sidecar  # noqa: E402
from db.embedded import start_embedded  # noqa: E402
from db.migrate import migrate  # noqa: E402
from db.nudge_queue import ClaimFigures, Nudge, NudgeQueue  # noqa: E402
from db.pool import make_pool  # noqa: E402
from db.settings import Settings  # noqa: E402

SAMPLE = 5_000
GOAL_SWEEP_S = 10.0
GOAL_RATIO = 20.0


class TimedQueue(NudgeQueue):
    """The queue as the sidecar uses it, with the claim timed (the rest of a sweep is the
    lease / render / finish loop)."""

    claim_s = 0.0
    leases = 0

    def claim(self, limit: int = 100_000) -> list[ClaimFigures]:
        t0 = time.perf_counter()
        try:
            return super().claim(limit)
        finally:
            self.claim_s = time.perf_counter() - t0

    def lease(self, worker: str, *, limit: int = 200, lease_seconds: int = 600) -> list[Nudge]:
        self.leases += 1
        return super().lease(worker, limit=limit, lease_seconds=lease_seconds)


def run_sweep(url: str, label: str, *, again: bool) -> dict[str, Any]:
    """One full sweep on `url` (and, when `again`, a second one right after it)."""
    settings = Settings(_env_file=None, database_url=SecretStr(url))  # type: ignore[call-arg]
    pool = make_pool(url, name="bench-sidecar", min_size=1, max_size=4, timeout=120)
    try:
        queue = TimedQueue(pool)
        sidecar = Sidecar(queue, OutboxMailer(), settings, worker="bench-sweep")
        first = sidecar.sweep()
        claim_s, leases = queue.claim_s, queue.leases
        second = sidecar.sweep() if again else None
    finally:
        pool.close()
    with psycopg.connect(url, autocommit=True) as conn:
        left = conn.execute(
            "select count(*) from public.notification_log where state = 'pending'"
        ).fetchone()
    assert left is not None
    print(f"{label}: {first.line()}")
    for c in first.claims:
        print(
            f"  {c.channel}: due {c.due:,}, claimed {c.claimed:,}, capped {c.capped:,}, "
            f"quiet {c.quiet:,}"
        )
    print(
        f"  claim {claim_s:.2f} s; lease / render / finish {first.seconds - claim_s:.2f} s "
        f"({leases} leases of up to {sidecar.batch})"
    )
    claims = {c.channel: c for c in first.claims}
    figures: dict[str, Any] = {
        "sweep_s": round(first.seconds, 2),
        "claim_s": round(claim_s, 2),
        "claimed_email": claims["email"].claimed,
        "claimed_toast": claims["dashboard_toast"].claimed,
        "capped": first.capped,
        "quiet": first.quiet,
        "sent": dict(sorted(first.sent.items())),
        "sent_total": sum(first.sent.values()),
        "cancelled": first.cancelled,
        "failed": first.failed,
        "pending_left": left[0],
    }
    if second is not None:
        print(f"  a second sweep right after: {second.line()}")
        figures["second_sweep_s"] = round(second.seconds, 2)
        figures["second_sweep_sent"] = sum(second.sent.values())
    return figures


def sweep_produced(url: str, sample: list[uuid.UUID]) -> dict[uuid.UUID, list[Any]]:
    produced: dict[uuid.UUID, list[Any]] = {u: [] for u in sample}
    with psycopg.connect(url, autocommit=True) as conn:
        for user_id, channel, kind, apps in conn.execute(
            "select user_id, channel::text, notification_type, application_ids "
            "from public.notification_log where claimed_at is not null and state = 'sent' "
            "and user_id = any(%s)",
            (sample,),
        ):
            produced[user_id].append((channel, kind, tuple(sorted(str(a) for a in apps))))
    return produced


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="tl-bench-") as tmp:
        url = start_embedded(Path(tmp), keep_running=False)
        with psycopg.connect(url, autocommit=True) as conn:  # a throwaway cluster
            for setting in ("fsync = off", "synchronous_commit = off", "full_page_writes = off"):
                conn.execute(f"alter system set {setting}")
            conn.execute("alter system set max_wal_size = '4GB'")
            conn.execute("select pg_reload_conf()")
            source = conn.execute("select current_database()").fetchone()
        assert source is not None
        migrate(url, checkpointer=False)
        shift = set_clock(url)
        clock.set_offset(shift)
        result: dict[str, Any] = {
            "bench": "nudge_sweep",
            "students": STUDENTS,
            "applications": STUDENTS * PER_STUDENT,
        }
        result |= load(url)
        print(
            f"loaded {STUDENTS:,} students, {STUDENTS * PER_STUDENT:,} applications "
            f"({result['drafts']:,} drafts, {result['checkins_due']:,} check-ins due, "
            f"{result['scholarships_due_72h']} of {SCHOLARSHIPS:,} deadlines within 72 h) "
            f"in {result['load_s']} s; momentum recompute {result['momentum_s']} s "
            f"({result['momentum_rows']:,} rows)"
        )
        with psycopg.connect(url, autocommit=True) as conn:
            sample = [
                r[0]
                for r in conn.execute(
                    "select id from auth.users order by md5(id::text || 'sample') limit %s",
                    (SAMPLE,),
                )
            ]
        t0 = time.perf_counter()
        loop_url = clone_database(url, source[0], "bench_loop")
        result["clone_s"] = round(time.perf_counter() - t0, 1)
        sweep_urls = [url] + [clone_database(url, source[0], f"bench_sweep_{i}") for i in (2, 3)]

        runs = [
            run_sweep(
                u,
                f"sweep {i}" + (" (the loaded database)" if i == 1 else " (a clone)"),
                again=i == 1,
            )
            for i, u in enumerate(sweep_urls, start=1)
        ]
        median = sorted(runs, key=lambda r: r["sweep_s"])[len(runs) // 2]
        result |= {k: v for k, v in median.items() if k != "second_sweep_s"}
        result["sweeps_s"] = [r["sweep_s"] for r in runs]
        result["second_sweep_s"] = runs[0]["second_sweep_s"]
        result["second_sweep_sent"] = runs[0]["second_sweep_sent"]
        result["pending_left"] = sum(r["pending_left"] for r in runs)
        settings = Settings(_env_file=None, database_url=SecretStr(url))  # type: ignore[call-arg]
        with psycopg.connect(url, autocommit=True) as conn:
            row = conn.execute("select max(claimed_at) from public.notification_log").fetchone()
        assert row is not None and row[0] is not None
        loop = run_loop(loop_url, sample, row[0], settings.app_base_url)
        ours = sweep_produced(url, sample)

    theirs = loop["produced"]
    same = sum(1 for u in sample if sorted(ours[u]) == sorted(theirs[u]))
    ours_n = Counter(f"{c}/{k}" for u in sample for c, k, _ in ours[u])
    theirs_n = Counter(f"{c}/{k}" for u in sample for c, k, _ in theirs[u])
    per_student_ms = loop["loop_s"] / SAMPLE * 1000
    result["loop_sample"] = SAMPLE
    result["loop_sample_s"] = round(loop["loop_s"], 2)
    result["loop_per_student_ms"] = round(per_student_ms, 3)
    result["loop_s_extrapolated"] = round(per_student_ms * STUDENTS / 1000, 1)
    result["sample_nudges_sweep"] = sum(ours_n.values())
    result["sample_nudges_loop"] = sum(theirs_n.values())
    result["sample_students_identical"] = same
    result["ratio"] = round(result["loop_s_extrapolated"] / result["sweep_s"], 1)
    result["ok"] = (
        result["sweep_s"] <= GOAL_SWEEP_S
        and result["ratio"] >= GOAL_RATIO
        and same == SAMPLE
        and result["pending_left"] == 0
    )
    print(
        f"sample of {SAMPLE:,} students: sweep {dict(sorted(ours_n.items()))}, "
        f"loop {dict(sorted(theirs_n.items()))}; identical for {same:,} of {SAMPLE:,}"
    )
    print(
        f"per-student loop: {result['loop_sample_s']} s for {SAMPLE:,} "
        f"({result['loop_per_student_ms']} ms each) -> {result['loop_s_extrapolated']} s "
        f"for {STUDENTS:,} (extrapolated)"
    )
    print(
        f"sweep {result['sweep_s']} s, the median of {result['sweeps_s']} "
        f"(goal <= {GOAL_SWEEP_S:g} s); ratio {result['ratio']}x "
        f"(goal >= {GOAL_RATIO:g}x)"
    )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
