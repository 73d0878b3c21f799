"""The Demo page's two heavy buttons on the seeded demo, in a throwaway embedded Postgres,
through the code the page runs (coach/demo.py as the demo admin):

1. "Run the sidecar now" three demo days on (moved on to the next 14:00 UTC, outside the
   demo students' quiet hours): one in-process sweep, with the deadline emails it sends to
   the outbox, the toasts, the momentum recompute of a new day.
2. "Reset demo data": every demo row back as seeded (public.reset_demo_data(), one
   transaction), right after that sweep, so it has emails, reminders and a moved clock to
   undo.

Each round is clock on, sweep, reset; ROUNDS rounds after one warm-up, the two printed side
by side per round. Goal (issue #20): reset <= 1 s and a demo sweep <= 1 s (the slowest of
the rounds counts). Last line: one JSON object with the figures and the verdict.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from datetime import UTC, timedelta
from pathlib import Path
from uuid import UUID

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coach import clock  # noqa: E402
from coach.demo import DemoControls  # noqa: E402
from db.embedded import start_embedded  # noqa: E402
from db.identity import Identity  # noqa: E402
from db.runtime import Database  # noqa: E402
from db.seed import seed_demo, seed_reference_data  # noqa: E402
from db.settings import Settings  # noqa: E402

ROUNDS = 10
GOAL_S = 1.0
ALEX = Identity.user(UUID("0d1f5a2e-0000-4000-8000-000000000004"), "alex@demo.tuitionlift.local")


def to_afternoon(now_shift: timedelta) -> timedelta:
    """Three days on, then on to the next 14:00 UTC: a demo that moves past quiet hours."""
    later = clock.real_now() + now_shift + timedelta(days=3)
    afternoon = later.replace(hour=14, minute=0, second=0, microsecond=0)
    if afternoon < later:
        afternoon += timedelta(days=1)
    return afternoon - (clock.real_now() + now_shift)


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="tl-bench-demo-") as tmp:
        url = start_embedded(Path(tmp), database="bench_demo", keep_running=False)
        settings = Settings(_env_file=None, data_dir=Path(tmp), database_url=url)  # type: ignore[call-arg]
        database = Database.start(settings, url=url)
        seed_reference_data(url)
        seed_demo(url)
        clock.follow(database.clock_shift)
        controls = DemoControls(database, ALEX)
        seeded = {c.table_name: c.rows for c in controls.row_counts()}
        sweeps: list[float] = []
        resets: list[float] = []
        emails: list[int] = []
        restored = True
        try:
            for n in range(ROUNDS + 1):
                controls.move_clock(to_afternoon(clock.offset()))
                t0 = time.perf_counter()
                sweep = controls.run_sidecar()
                t1 = time.perf_counter()
                counts = {c.table_name: c.rows for c in controls.reset()}
                t2 = time.perf_counter()
                restored = restored and counts == seeded
                sent = sum(v for k, v in sweep.report.sent.items() if k.startswith("deadline"))
                if n == 0:
                    print(f"warm-up: sweep {t1 - t0:.3f} s, reset {t2 - t1:.3f} s")
                    continue
                sweeps.append(t1 - t0)
                resets.append(t2 - t1)
                emails.append(sent)
                print(
                    f"round {n:2d}: sweep {1000 * (t1 - t0):7.1f} ms "
                    f"({sent} deadline emails, {sum(sweep.report.sent.values())} sent in all)"
                    f" | reset {1000 * (t2 - t1):7.1f} ms"
                )
        finally:
            database.close()
    figures = {
        "rounds": ROUNDS,
        "seeded_rows": sum(seeded.values()),
        "sweep_ms_p50": round(1000 * statistics.median(sweeps), 1),
        "sweep_ms_max": round(1000 * max(sweeps), 1),
        "reset_ms_p50": round(1000 * statistics.median(resets), 1),
        "reset_ms_max": round(1000 * max(resets), 1),
        "deadline_emails_per_sweep": min(emails),
        "reset_restores_seed": restored,
        "at": clock.real_now().astimezone(UTC).date().isoformat(),
    }
    ok = max(sweeps) <= GOAL_S and max(resets) <= GOAL_S and restored and min(emails) == 2
    print(
        f"sweep p50 {figures['sweep_ms_p50']} ms (max {figures['sweep_ms_max']}) | "
        f"reset p50 {figures['reset_ms_p50']} ms (max {figures['reset_ms_max']}) | "
        f"goal <= {GOAL_S * 1000:.0f} ms each"
    )
    print(json.dumps({**figures, "ok": ok}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
