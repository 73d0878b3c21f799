"""`python -m coach.sidecar` as real processes on the test database and a real SMTP server:
four at once over 1,000 students never send a second email or toast, and miss none; one
killed with SIGKILL mid-sweep and started again neither loses nor duplicates a nudge."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any

import psycopg

from db.settings import Settings
from tests.sidecar.conftest import H, make_cohort
from tests.support.nudge_data import add_scholarship
from tests.support.smtp_server import SmtpServer

ROOT = Path(__file__).resolve().parents[2]


def sidecar(db_url: str, smtp: SmtpServer, tmp_path: Path, *args: str) -> subprocess.Popen[bytes]:
    names = {(f.alias or n).upper() for n, f in Settings.model_fields.items()}
    env = {k: v for k, v in os.environ.items() if k.upper() not in names}
    env.update(
        DATABASE_URL=db_url,
        SMTP_HOST="127.0.0.1",
        SMTP_PORT=str(smtp.port),
        SMTP_STARTTLS="false",
        TUITIONLIFT_DATA_DIR=str(tmp_path),
    )
    return subprocess.Popen(
        [sys.executable, "-m", "coach.sidecar", *([] if "--every" in args else ["--once"]), *args],
        cwd=tmp_path,  # no developer .env
        env={**env, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


def finished(proc: subprocess.Popen[bytes], timeout: float = 120) -> str:
    out, _ = proc.communicate(timeout=timeout)
    text = out.decode()
    assert proc.returncode == 0, text
    return text


def toasts_sent(conn: psycopg.Connection[Any]) -> Counter[Any]:
    rows = conn.execute(
        "select user_id from notification_log where channel = 'dashboard_toast' and state = 'sent'"
    ).fetchall()
    return Counter(r["user_id"] for r in rows)


def test_four_sidecars_at_once_send_each_nudge_once_and_miss_none(
    at: datetime, conn: psycopg.Connection[Any], db_url: str, tmp_path: Path
) -> None:
    cohort = make_cohort(conn, 1000)
    with SmtpServer(overlap=2) as smtp:
        procs = [sidecar(db_url, smtp, tmp_path, "--batch", "40") for _ in range(4)]
        logs = [finished(p) for p in procs]
        sent = Counter(m.to for m in smtp.messages())
        # While one waited on its first acknowledgement, another claimed work and sent.
        assert smtp.overlapped.is_set()
        # Within the 24 h, something new and more urgent for everyone: still nothing more.
        urgent = add_scholarship(conn, title="New and urgent", due_in=5 * H)
        conn.execute(
            "insert into applications (user_id, scholarship_id, last_progress_at, created_at) "
            "select u, %s, app_now() - interval '1 hour', app_now() - interval '2 hours' "
            "from unnest(%s::uuid[]) u",
            (urgent, cohort.students),
        )
        again = [sidecar(db_url, smtp, tmp_path) for _ in range(2)]
        later = [finished(p) for p in again]
        total = Counter(m.to for m in smtp.messages())
        assert max(total.values()) == 1  # the emailed are capped; only the others get one
        assert len(total) == len(cohort.students) and set(total) - set(sent) == {
            a for a in total if a not in cohort.emails
        }
        assert sum("skipped by cap 0," not in log for log in later) >= 1, later
    assert set(sent) == set(cohort.emails)  # none missed
    assert max(sent.values()) == 1  # none twice
    assert toasts_sent(conn) == Counter(dict.fromkeys(cohort.toasts, 1))
    shares = [int(log.split(" sent ")[1].split(" ")[0]) for log in logs if " sent " in log]
    assert len(shares) == 4 and sum(shares) == len(cohort.emails) + len(cohort.toasts)
    assert sum(1 for n in shares if n) >= 2  # the work was shared, not done by one alone
    pending = conn.execute(
        "select count(*) as n from notification_log where state <> 'sent'"
    ).fetchone()
    assert pending == {"n": 0}


def test_killed_mid_sweep_and_started_again_nothing_lost_nothing_twice(
    at: datetime, conn: psycopg.Connection[Any], db_url: str, tmp_path: Path
) -> None:
    cohort = make_cohort(conn, 120)
    with SmtpServer() as smtp:
        first = sidecar(db_url, smtp, tmp_path, "--batch", "30", "--lease", "2s")
        smtp.wait_for(40)
        smtp.hold()  # the next message sits unacknowledged...
        smtp.wait_holding()
        os.kill(first.pid, signal.SIGKILL)  # ...while its sender dies
        first.wait(timeout=30)
        time.sleep(0.3)
        smtp.release.set()  # the server finds the connection gone: not accepted
        delivered = len(smtp.messages())
        assert 40 <= delivered < len(cohort.emails)
        state = conn.execute(
            "select count(*) filter (where state = 'sent' and channel = 'email') as sent, "
            "count(*) filter (where state = 'pending' and lease_owner is not null) as leased "
            "from notification_log"
        ).fetchone()
        assert state is not None
        assert state["sent"] == delivered  # every accepted message was recorded at once
        assert state["leased"] > 0  # the dead worker's leases: taken over once they run out
        time.sleep(2.1)
        finished(sidecar(db_url, smtp, tmp_path, "--batch", "30"))
        sent = Counter(m.to for m in smtp.messages())
    assert set(sent) == set(cohort.emails) and max(sent.values()) == 1
    assert toasts_sent(conn) == Counter(dict.fromkeys(cohort.toasts, 1))


def test_sigterm_stops_a_looping_sidecar_cleanly(
    at: datetime, conn: psycopg.Connection[Any], db_url: str, tmp_path: Path
) -> None:
    make_cohort(conn, 5)
    with SmtpServer() as smtp:
        proc = sidecar(db_url, smtp, tmp_path, "--every", "1s")
        smtp.wait_for(1)
        time.sleep(0.5)  # a sweep or two: it keeps looping
        assert proc.poll() is None
        proc.send_signal(signal.SIGTERM)
        out, _ = proc.communicate(timeout=30)
    text = out.decode()
    assert proc.returncode == 0, text
    assert "SIGTERM: stopping after the message in hand" in text and "stopped" in text
