"""The load harness behind bench/concurrent_chat.py (a module, not a benchmark: `make bench`
skips files starting with an underscore): a class of students as threads released
together, each turn timed, the CPU the process and the Postgres server spent, the wait on a
lock, and the figures over repeated runs. Nothing here knows about the chat."""

from __future__ import annotations

import resource
import statistics
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import psutil
import psycopg
from psycopg import sql


@dataclass
class Run:
    """One load run: every turn's latency, the wall time from the barrier to the last turn,
    the errors, and the threads/sessions to verify afterwards."""

    name: str
    latencies_ms: list[float] = field(default_factory=list)
    wall_s: float = 0.0
    errors: list[str] = field(default_factory=list)
    threads: list[str] = field(default_factory=list)
    setup_ms: float = 0.0
    lost: int = 0
    duplicated: int = 0
    pending: int = 0
    py_cpu_s: float = 0.0
    pg_cpu_s: float = 0.0
    lock_wait_s: float = 0.0

    @property
    def turns(self) -> int:
        return len(self.latencies_ms)

    @property
    def throughput(self) -> float:
        return self.turns / self.wall_s if self.wall_s else 0.0


Job = Callable[[Run, threading.Lock], None]  # one student's work, recording into a Run


class TimedLock:
    """Stands in for the shared saver's `lock` to show where the queue forms: the time
    threads spend waiting for it (a few perf_counter calls per checkpoint operation)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.waited_s = 0.0

    def __enter__(self) -> None:
        started = time.perf_counter()
        self._lock.acquire()
        self.waited_s += time.perf_counter() - started  # only the holder writes it

    def __exit__(self, *exc: object) -> None:
        self._lock.release()


class CpuMeter:
    """CPU seconds spent by this process (all its threads) and by the Postgres server (the
    postmaster and its backends) over a run: on one machine they share the cores."""

    def __init__(self, url: str) -> None:
        # the backend is looked up while it lives: once the connection closes it may be gone
        with psycopg.connect(url) as conn:
            row = conn.execute("select pg_backend_pid()").fetchone()
            assert row is not None
            postmaster = psutil.Process(int(row[0])).parent()
        assert postmaster is not None
        self.postmaster = postmaster

    def python_s(self) -> float:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        return usage.ru_utime + usage.ru_stime

    def postgres_s(self) -> float:
        total = 0.0
        for proc in [self.postmaster, *self.postmaster.children()]:
            try:
                t = proc.cpu_times()
            except psutil.Error:  # a backend that ended meanwhile
                continue
            total += t.user + t.system + t.children_user + t.children_system
        return total

    def measure(self, body: Callable[[], Run], lock: TimedLock | None = None) -> Run:
        py, pg = self.python_s(), self.postgres_s()
        waited = lock.waited_s if lock else 0.0
        run = body()
        run.py_cpu_s = self.python_s() - py
        run.pg_cpu_s = self.postgres_s() - pg
        run.lock_wait_s = (lock.waited_s - waited) if lock else 0.0
        return run


# the load ---------------------------------------------------------------------------------
def run_threads(name: str, work: list[Job]) -> Run:
    """Start one thread per student, release them together (a Barrier), and time the whole
    from the release to the last finished turn."""
    run = Run(name)
    lock = threading.Lock()
    barrier = threading.Barrier(len(work) + 1)

    def body(job: Job) -> None:
        barrier.wait()
        job(run, lock)

    threads = [threading.Thread(target=body, args=(job,)) for job in work]
    for thread in threads:
        thread.start()
    barrier.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    run.wall_s = time.perf_counter() - started
    return run


def turns_job(turn: Callable[[int], None], turns: int) -> Job:
    """One student's turns, each timed; a failed turn is counted and the load goes on."""

    def job(run: Run, lock: threading.Lock) -> None:
        for number in range(1, turns + 1):
            started = time.perf_counter()
            error = None
            try:
                turn(number)
            except Exception as exc:  # counted and reported, the load goes on
                error = f"{type(exc).__name__}: {exc}"
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                run.latencies_ms.append(elapsed)
                if error:
                    run.errors.append(error)

    return job


# report -------------------------------------------------------------------------------------
def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def figures(runs: list[Run]) -> dict[str, Any]:
    """Median over the repeats of throughput, p50 and p95; errors, lost, duplicated and
    pending summed over them."""
    return {
        "turns_per_s": round(statistics.median(r.throughput for r in runs), 1),
        "p50_ms": round(statistics.median(pct(r.latencies_ms, 0.5) for r in runs), 2),
        "p95_ms": round(statistics.median(pct(r.latencies_ms, 0.95) for r in runs), 2),
        "turns": sum(r.turns for r in runs),
        "errors": sum(len(r.errors) for r in runs),
        "lost": sum(r.lost for r in runs),
        "duplicated": sum(r.duplicated for r in runs),
        "pending": sum(r.pending for r in runs),
        "setup_ms_per_student": round(statistics.median(r.setup_ms for r in runs), 2),
        "py_cpu_ms_per_turn": round(
            statistics.median(r.py_cpu_s * 1000 / max(1, r.turns) for r in runs), 2
        ),
        "pg_cpu_ms_per_turn": round(
            statistics.median(r.pg_cpu_s * 1000 / max(1, r.turns) for r in runs), 2
        ),
        "lock_wait_ms_per_turn": round(
            statistics.median(r.lock_wait_s * 1000 / max(1, r.turns) for r in runs), 1
        ),
    }


def clone_database(url: str, source: str, target: str) -> str:
    """A copy of a loaded bench database (its files copied, not replayed), so both sides of a
    comparison start from the same rows; returns the copy's URL. An autovacuum worker may
    still be on the freshly loaded source, which Postgres refuses as "in use": wait it out."""
    admin = url.replace(f"/{source}?", "/postgres?", 1)
    with psycopg.connect(admin, autocommit=True) as conn:
        for attempt in range(40):
            try:
                conn.execute(
                    sql.SQL("create database {} template {} strategy file_copy").format(
                        sql.Identifier(target), sql.Identifier(source)
                    )
                )
                break
            except psycopg.errors.ObjectInUse:
                if attempt == 39:
                    raise
                time.sleep(0.5)
    return url.replace(f"/{source}?", f"/{target}?", 1)
