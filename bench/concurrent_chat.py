"""A class of students chatting at once: 50 threads in one process, 20 turns each.

Streamlit runs every browser session on its own thread of one process, so a class sending
together is 50 threads sharing one composition root (`db/runtime.py: Database`). The
issue: every checkpoint read and write of the process queues on one lock, because
`PostgresSaver._cursor` (langgraph-checkpoint-postgres 3.2.0) holds a per-instance
`threading.Lock` around the pool checkout and the whole query (and the row's decoding), so
the root's one shared saver uses one of its eight pooled connections at a time.

Measured, side by side on one embedded Postgres (offline coach, whole turns as the student
waits for them: `open` + `send` drained):
  1. ours as the app wires it: one ChatService per student, the root's one shared saver;
  2. the reference: the minimal MessagesState + PostgresSaver graph, one shared saver;
  3. ours with a PostgresSaver per browser session over the root's one checkpointer pool
     (each saver has its own lock; the pool is thread-safe), its graph copied from the
     process's compiled graph (`Pregel.copy`); compiling one per session is timed alone;
  4. the same load split over `os.cpu_count()` spawned processes, each with its own root,
     on the one database;
  5. like for like (reported, not the goal): the reference with our model's work in its
     one node, the same offline coach answering and the same rubric scoring.
Every run is checked in SQL afterwards: 50 x 20 rounds, each session's rounds exactly
1..20, no pending messages, no exceptions (the reference: 40 messages per thread).

Goals (concurrency issue): 0 errors / lost / duplicated; ours throughput >= reference's and
ours p95 <= reference's; total throughput over all cores >= 0.75 x cores x one process.
"""

from __future__ import annotations

import json
import multiprocessing as mp
import os
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from langgraph.checkpoint.postgres import PostgresSaver  # noqa: E402

from bench._chat_reference import (  # noqa: E402
    DOMAIN,
    TURNS,
    coached_reference_graph,
    run_reference,
    verify_ours,
    verify_reference,
)
from bench._load import CpuMeter, Job, Run, TimedLock, figures, run_threads, turns_job  # noqa: E402
from bench.chat_turn import reference_graph  # noqa: E402
from db.embedded import start_embedded  # noqa: E402
from db.identity import Identity  # noqa: E402
from db.runtime import Database  # noqa: E402
from db.seed import seed_reference_data  # noqa: E402
from db.settings import Settings  # noqa: E402
from graph.chat import ChatService, chat_graph  # noqa: E402
from graph.coaching import build_graph  # noqa: E402

STUDENTS = 50
ROUNDS = 3  # each single-process variant runs this many times, interleaved; medians reported
PROC_ROUNDS = 3  # one-process / all-cores pairs for the scale-out figure
MESSAGE = "Turn {turn}: the customer was upset about a late delivery and I apologised."

# How a student's chat is built: (database, identity) -> ChatService.
Builder = Callable[[Database, Identity], ChatService]


# how each student's chat is built ------------------------------------------------------
def shared_saver(database: Database, identity: Identity) -> ChatService:
    """As the app does it: the root's one compiled graph on its one PostgresSaver."""
    return ChatService.for_identity(database, identity)


def saver_per_session_compiled(database: Database, identity: Identity) -> ChatService:
    """A PostgresSaver per browser session over the root's one checkpointer pool, with the
    graph compiled for it (what a saver kept in st.session_state would cost once)."""
    saver = PostgresSaver(database.checkpointer.conn)
    return ChatService(
        database.repository(identity),
        database.settings,
        build_graph(saver),
        recorder=database.service_repository(),
    )


def saver_per_session_copied(database: Database, identity: Identity) -> ChatService:
    """The same, but the process's compiled graph is copied with the session's saver in
    it (`Pregel.copy`), so nothing is compiled per session."""
    saver = PostgresSaver(database.checkpointer.conn)
    return ChatService(
        database.repository(identity),
        database.settings,
        chat_graph(database).copy(update={"checkpointer": saver}),
        recorder=database.service_repository(),
    )


BUILDERS: dict[str, Builder] = {
    "ours_shared_saver": shared_saver,
    "ours_saver_per_session": saver_per_session_copied,
    "ours_saver_per_session_compiled": saver_per_session_compiled,
}
LOADED = ["ours_shared_saver", "ours_saver_per_session"]  # compiled: cost measured alone


def chat_job(chat: ChatService, session: str) -> Job:
    """A turn as the Chat page makes it: open, send, drain the stream."""

    def turn(number: int) -> None:
        for _ in chat.send(chat.open(session), MESSAGE.format(turn=number)):
            pass

    return turns_job(turn, TURNS)


def run_ours(database: Database, users: list[uuid.UUID], name: str, students: int) -> Run:
    """Build each student's chat and session before the bell (a browser session is open
    before its student types), then all send at once."""
    build = BUILDERS[name]
    started = time.perf_counter()
    jobs, sessions = [], []
    for uid in users[:students]:
        chat = build(database, Identity.user(uid))
        session = chat.new_session(DOMAIN)
        sessions.append(session)
        jobs.append(chat_job(chat, session))
    setup_ms = (time.perf_counter() - started) * 1000 / students
    run = run_threads(name, jobs)
    run.threads, run.setup_ms = sessions, setup_ms
    return run


# multi-process ------------------------------------------------------------------------------
def child(
    url: str,
    data_dir: str,
    users: list[str],
    name: str,
    gate: Any,
    results: Any,
) -> None:
    """One process of a replica set: its own root on the one database, its share of the
    class on threads, released with the other processes (a multiprocessing Barrier)."""
    database = Database.start(Settings(_env_file=None, data_dir=Path(data_dir)), url=url)  # type: ignore[call-arg]
    build = BUILDERS[name]
    jobs, sessions = [], []
    for uid in users:
        chat = build(database, Identity.user(uuid.UUID(uid)))
        session = chat.new_session(DOMAIN)
        sessions.append(session)
        jobs.append(chat_job(chat, session))
    warm = build(database, Identity.user(uuid.UUID(users[0])))
    warm_ref = warm.open(warm.new_session(DOMAIN))
    for _ in warm.send(warm_ref, "A warm-up message before the bell."):
        pass
    gate.wait()
    started = time.monotonic()
    run = run_threads(name, jobs)
    results.put(
        {
            "started": started,
            "ended": started + run.wall_s,
            "latencies_ms": run.latencies_ms,
            "errors": run.errors,
            "sessions": sessions,
        }
    )
    database.close()


def run_processes(url: str, data_dir: str, users: list[uuid.UUID], name: str, procs: int) -> Run:
    """The class split evenly over `procs` spawned processes; throughput over the span from
    the first process's release to the last one's last turn."""
    ctx = mp.get_context("spawn")
    gate = ctx.Barrier(procs)
    results = ctx.Queue()
    shares = [[str(u) for u in users[i::procs]] for i in range(procs)]
    workers = [
        ctx.Process(target=child, args=(url, data_dir, share, name, gate, results))
        for share in shares
    ]
    for worker in workers:
        worker.start()
    parts = [results.get(timeout=300) for _ in workers]
    for worker in workers:
        worker.join()
    run = Run(f"{name} x{procs} processes")
    for part in parts:
        run.latencies_ms += part["latencies_ms"]
        run.errors += part["errors"]
        run.threads += part["sessions"]
    run.wall_s = max(p["ended"] for p in parts) - min(p["started"] for p in parts)
    verify_ours(url, run)
    return run


def graph_build_costs(database: Database) -> dict[str, float]:
    """What a per-session graph costs to make: compiling it, or copying the compiled one."""
    saver = PostgresSaver(database.checkpointer.conn)
    base = chat_graph(database)
    n = 50
    started = time.perf_counter()
    for _ in range(n):
        build_graph(saver)
    compiled = (time.perf_counter() - started) * 1000 / n
    started = time.perf_counter()
    for _ in range(n):
        base.copy(update={"checkpointer": saver})
    copied = (time.perf_counter() - started) * 1000 / n
    return {"compile_ms": round(compiled, 3), "copy_ms": round(copied, 3)}


def main() -> None:
    cores = os.cpu_count() or 1
    bench_started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="tl-bench-") as tmp:
        url = start_embedded(Path(tmp), keep_running=False)
        database = Database.start(Settings(_env_file=None, data_dir=Path(tmp)), url=url)  # type: ignore[call-arg]
        seed_reference_data(url)
        users = [uuid.uuid4() for _ in range(STUDENTS)]
        with psycopg.connect(url, autocommit=True) as conn:
            for i, uid in enumerate(users):
                conn.execute(
                    "insert into auth.users (id, email) values (%s, %s)",
                    (uid, f"s{i}@bench.test"),
                )
        lock = TimedLock()
        database.checkpointer.lock = lock  # type: ignore[assignment]
        reference = reference_graph(database.checkpointer)
        coached = coached_reference_graph(database, Identity.user(users[0]))
        references = {
            "reference": (reference, "Turn {turn}: hi"),
            "ref_coached": (coached, MESSAGE),
        }
        meter = CpuMeter(url)

        # warm-up: pools grown, graphs compiled, code paths hot
        for name in LOADED:
            run_ours(database, users, name, 10)
        for graph, message in references.values():
            run_reference(graph, 10, message)

        def load(name: str, students: int) -> Run:
            if name in references:
                graph, message = references[name]
                run = meter.measure(lambda: run_reference(graph, students, message), lock)
                verify_reference(graph, run)
            else:
                run = meter.measure(lambda: run_ours(database, users, name, students), lock)
                verify_ours(url, run)
            return run

        alone = {name: load(name, 1) for name in ["ours_shared_saver", *references]}
        runs: dict[str, list[Run]] = {name: [] for name in [*LOADED, *references]}
        for i in range(ROUNDS):
            order = [*LOADED, *references]
            for name in order[i % len(order) :] + order[: i % len(order)]:
                runs[name].append(load(name, STUDENTS))
        costs = graph_build_costs(database)
        database.close()

        # the same load in spawned processes: 1 (the baseline, same harness), then all cores
        # the scale-out claim: PROC_ROUNDS pairs for the app's wiring, one for the other
        procs: dict[str, list[Run]] = {}
        for name, label, rounds in [
            ("ours_shared_saver", "shared", PROC_ROUNDS),
            ("ours_saver_per_session", "per_s", 1),
        ]:
            for _ in range(rounds):
                for n in (1, cores):
                    key = f"{label} x{n} proc{'s' if n > 1 else ''}"
                    procs.setdefault(key, []).append(run_processes(url, tmp, users, name, n))

    table = {f"{name} (1 student)": figures([run]) for name, run in alone.items()}
    table.update({name: figures(rs) for name, rs in runs.items()})
    table.update({name: figures(rs) for name, rs in procs.items()})
    ours, ref, coached_ref = table["ours_shared_saver"], table["reference"], table["ref_coached"]
    per = table["ours_saver_per_session"]

    def paired_scale(label: str) -> float:
        """The median over the pairs (each all-cores run against the one-process run just
        before it): the machine's drift falls on both runs of a pair alike."""
        many, one = procs[f"{label} x{cores} procs"], procs[f"{label} x1 proc"]
        return round(
            statistics.median(m.throughput / o.throughput for m, o in zip(many, one, strict=True)),
            2,
        )

    scale, per_scale = paired_scale("shared"), paired_scale("per_s")
    problems = {k: sum(f[k] for f in table.values()) for k in ("errors", "lost", "duplicated")}
    problems["pending"] = sum(f["pending"] for f in table.values())

    print(f"{STUDENTS} students x {TURNS} turns at once; {cores} cores; medians of {ROUNDS}")
    print(
        f"{'':>26}{'turns/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'lock wait':>10}"
        f"{'py cpu':>8}{'pg cpu':>8}{'err':>5}{'lost':>5}{'dup':>5}"
    )
    for name, f in table.items():
        measured = name not in procs  # the children measure no CPU or lock wait
        wait, py, pg = (
            (f["lock_wait_ms_per_turn"], f["py_cpu_ms_per_turn"], f["pg_cpu_ms_per_turn"])
            if measured
            else ("-", "-", "-")
        )
        print(
            f"{name:>26}{f['turns_per_s']:>9}{f['p50_ms']:>9}{f['p95_ms']:>9}{wait:>10}"
            f"{py:>8}{pg:>8}{f['errors']:>5}{f['lost']:>5}{f['duplicated']:>5}"
        )
    print("(lock wait on the shared saver, Python and Postgres CPU: ms per turn)")
    print(
        f"per-session graph: compile {costs['compile_ms']} ms, copy {costs['copy_ms']} ms; "
        f"{cores} processes over 1: shared saver {scale}x, saver per session {per_scale}x "
        f"(goal >= {0.75 * cores}x)"
    )
    errors = [e for rs in runs.values() for r in rs for e in r.errors]
    errors += [
        e for r in [*alone.values(), *(r for rs in procs.values() for r in rs)] for e in r.errors
    ]
    for error in sorted(set(errors))[:5]:
        print("error:", error[:300])

    r: dict[str, Any] = {
        "bench": "concurrent_chat",
        "students": STUDENTS,
        "turns": TURNS,
        "cores": cores,
        "alone_ours_p50_ms": table["ours_shared_saver (1 student)"]["p50_ms"],
        "alone_ref_p50_ms": table["reference (1 student)"]["p50_ms"],
        "ours_turns_per_s": ours["turns_per_s"],
        "ours_p50_ms": ours["p50_ms"],
        "ours_p95_ms": ours["p95_ms"],
        "ours_lock_wait_ms": ours["lock_wait_ms_per_turn"],
        "ours_py_cpu_ms": ours["py_cpu_ms_per_turn"],
        "ours_pg_cpu_ms": ours["pg_cpu_ms_per_turn"],
        "ref_turns_per_s": ref["turns_per_s"],
        "ref_p50_ms": ref["p50_ms"],
        "ref_p95_ms": ref["p95_ms"],
        "ref_lock_wait_ms": ref["lock_wait_ms_per_turn"],
        "ref_py_cpu_ms": ref["py_cpu_ms_per_turn"],
        "ref_pg_cpu_ms": ref["pg_cpu_ms_per_turn"],
        "ref_coached_turns_per_s": coached_ref["turns_per_s"],
        "ref_coached_p95_ms": coached_ref["p95_ms"],
        "ref_coached_py_cpu_ms": coached_ref["py_cpu_ms_per_turn"],
        "ref_coached_pg_cpu_ms": coached_ref["pg_cpu_ms_per_turn"],
        "per_session_turns_per_s": per["turns_per_s"],
        "per_session_p50_ms": per["p50_ms"],
        "per_session_p95_ms": per["p95_ms"],
        "per_session_py_cpu_ms": per["py_cpu_ms_per_turn"],
        "graph_compile_ms": costs["compile_ms"],
        "graph_copy_ms": costs["copy_ms"],
        "one_process_turns_per_s": table["shared x1 proc"]["turns_per_s"],
        "all_cores_turns_per_s": table[f"shared x{cores} procs"]["turns_per_s"],
        "all_cores_p95_ms": table[f"shared x{cores} procs"]["p95_ms"],
        "scale": scale,
        "scale_pairs": PROC_ROUNDS,
        "per_session_one_process_turns_per_s": table["per_s x1 proc"]["turns_per_s"],
        "per_session_all_cores_turns_per_s": table[f"per_s x{cores} procs"]["turns_per_s"],
        "per_session_scale": per_scale,
        "scale_goal": 0.75 * cores,
        **problems,
        "seconds": round(time.perf_counter() - bench_started, 1),
    }
    r["ours_vs_ref_throughput"] = round(r["ours_turns_per_s"] / r["ref_turns_per_s"], 2)
    r["ours_vs_ref_p95"] = round(r["ours_p95_ms"] / r["ref_p95_ms"], 2)
    # like for like (not the goal): the reference doing the offline coach's work too
    r["ours_vs_ref_coached_throughput"] = round(
        r["ours_turns_per_s"] / r["ref_coached_turns_per_s"], 2
    )
    r["ours_vs_ref_coached_p95"] = round(r["ours_p95_ms"] / r["ref_coached_p95_ms"], 2)
    r["per_session_vs_shared_throughput"] = round(
        r["per_session_turns_per_s"] / r["ours_turns_per_s"], 2
    )
    r["ok"] = (
        not any(problems.values())
        and r["ours_vs_ref_throughput"] >= 1.0
        and r["ours_vs_ref_p95"] <= 1.0
        and scale >= 0.75 * cores
    )
    print(json.dumps(r))


if __name__ == "__main__":
    main()
