"""p50/p95 of a trivial rpc through PostgresTransport (role + JWT claims, pool checkout)
against a bare `SELECT 1` on the same connection, interleaved so both see the same machine.

Goal (issue: foundation): transport p50 <= 2x bare p50 and <= 1 ms on the embedded socket.
Last line: one JSON object with the figures and the verdict.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from db.embedded import start_embedded  # noqa: E402
from db.identity import Identity  # noqa: E402
from db.migrate import migrate  # noqa: E402
from db.pool import make_pool  # noqa: E402
from db.transport import PostgresTransport  # noqa: E402

WARMUP = 300
N = 3000


def pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1]


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="tl-bench-") as tmp:
        url = start_embedded(Path(tmp), keep_running=False)
        migrate(url, checkpointer=False)
        uid = uuid.uuid4()
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("insert into auth.users (id, email) values (%s, 'b@bench.test')", (uid,))
            # The trivial rpc: the transport's own cost, not a function body's.
            conn.execute(
                "create function public.bench_noop() returns table (ok boolean) "
                "language sql immutable as 'select true'"
            )
        pool = make_pool(url, name="bench", min_size=1, max_size=1)
        transport = PostgresTransport(pool, Identity.user(uid))
        assert transport.rpc("ping")[0]["db_role"] == "authenticated"
        assert transport.rpc("bench_noop") == [{"ok": True}]

        rpc_ms: list[float] = []
        bare_ms: list[float] = []
        for i in range(WARMUP + N):
            t0 = time.perf_counter()
            transport.rpc("bench_noop")
            t1 = time.perf_counter()
            with pool.connection() as conn:
                t2 = time.perf_counter()
                conn.execute("select 1").fetchall()
                t3 = time.perf_counter()
            if i >= WARMUP:
                rpc_ms.append((t1 - t0) * 1000)
                bare_ms.append((t3 - t2) * 1000)
        pool.close()

    result = {
        "bench": "db_roundtrip",
        "n": N,
        "rpc_p50_ms": round(statistics.median(rpc_ms), 4),
        "rpc_p95_ms": round(pct(rpc_ms, 95), 4),
        "bare_p50_ms": round(statistics.median(bare_ms), 4),
        "bare_p95_ms": round(pct(bare_ms, 95), 4),
    }
    result["ratio_p50"] = round(result["rpc_p50_ms"] / result["bare_p50_ms"], 2)
    result["ok"] = result["ratio_p50"] <= 2.0 and result["rpc_p50_ms"] <= 1.0
    print(f"{'':>22}{'p50 ms':>10}{'p95 ms':>10}")
    print(f"{'rpc noop (transport)':>22}{result['rpc_p50_ms']:>10}{result['rpc_p95_ms']:>10}")
    print(f"{'bare SELECT 1':>22}{result['bare_p50_ms']:>10}{result['bare_p95_ms']:>10}")
    print(f"ratio p50: {result['ratio_p50']} (goal <= 2.0), rpc p50 goal <= 1 ms")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
