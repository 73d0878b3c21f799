"""The Review page's numbers at scale (issue #19): 100,000 scored rounds across 2,000 learners
in a throwaway embedded Postgres, the page's aggregate queries side by side with loading every
round into pandas and aggregating there.

Data, generated set-based (seeded, deterministic ids, times relative to the app clock; parallel
query off so `random()` runs in one order): the reference data from the seed (five coaches, each
persona with four dimensions), 2,000 learners (`learners` rows without sign-ins, in 12 teams, 1
in 20 without a team), one coach (an auth user whose profile has role 'coach'), ~12,500 threads
(each a learner and a coach, skewed towards two of the five, started uniformly over the last 90
days of the app clock) of 1-15 rounds each (avg 8), 100,000 rounds in all (the last thread is
cut to fit): each round 1.5-3.5 minutes after the previous, a learner message, a reply, feedback
and a reason per dimension (~1 KB a row), a response time of 0.6-14.6 s (skewed short), a score
1-10 (skewed high) and each dimension within 2 of it; the last round of one thread in ten is not
scored yet. Rounds are inserted as superuser with the guard trigger on (it checks every
assessment), in time order as the app writes them (so the table's order follows created_at, as
it does in production). Then ~2,900 overrides by the coach (on one round in 40; a second, later
one on a fifth of those) inserted with the triggers on, so their sessions are marked reviewed,
and one thread in nine marked reviewed without an override. VACUUM ANALYZE after the load
(synchronous_commit stays on: with it off, VACUUM right after the load cannot mark the pages
all-visible and every index-only scan reads each row from the heap as well).

1. SQL: what the Review page runs on open, as it runs it (Repository over PostgresTransport as
   the coach: role + JWT claims, so RLS applies as the page sees it), with the page's default
   filters (Last 30 days: whole UTC days, today and the 29 before, by the app clock; every
   other filter off): `review_filter_options`, `review_kpis` (which also computes the previous
   30 days), `review_score_distribution`, `review_learner_trend`,
   `review_dimension_averages`, `review_response_times`. Their total per page load is the
   figure the goal is about ("the dashboard's aggregate queries"). The page also loads the
   sessions table on open (`review_rounds`, newest 5,000 rounds in full): timed too and
   reported beside it (page total), not counted in the goal.
2. Reference: the same numbers from pandas. Every round of the view as the coach (same role
   and claims, one `select` of the columns the aggregates use: ids, names, team, coach,
   created_at, response time, score, dimension scores, reviewed) into a DataFrame, then
   the filter options, the KPIs for both periods, the distribution, the per learner-day
   trend, the dimension averages and the response-time histogram computed there.
   Both sides must give the very same numbers (rounded as SQL rounds: half away from zero).
   Only the columns the numbers need are loaded (the reference's best case); for scale, the
   load of every column (`select *`, messages and all) is timed once after the loop.

3. The Learners page's table (2026-12-01): `review_learners` for every learner, no filter
   (all time), as the coach, timed on each page load beside the rest; reported as
   `learners_ms_p50` with its row count, not counted in the goal (another page's query).

Each side: 3 warm-up page loads, then 20 timed, interleaved; figures are p50s.
Goal (issue #19): the aggregate queries <= 500 ms in total per page load.
Last line: one JSON object with the figures and the verdict.

Smaller runs while developing: `bench/review.py --rounds 10000 --learners 200 --reps 5`.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._review_data import COACH_EMAIL, COACH_ID, load  # noqa: E402
from bench._review_pandas import load_frame, pandas_page  # noqa: E402
from coach import analytics  # noqa: E402
from db.embedded import start_embedded  # noqa: E402
from db.identity import Identity  # noqa: E402
from db.migrate import migrate  # noqa: E402
from db.models import ReviewFilters  # noqa: E402
from db.pool import make_pool  # noqa: E402
from db.repository import Repository  # noqa: E402
from db.seed import seed_reference_data  # noqa: E402
from db.transport import PostgresTransport  # noqa: E402

ROUNDS = 100_000
LEARNERS = 2_000
WARMUP = 3
REPS = 20
GOAL_MS = 500.0
AGGREGATES = (
    "review_filter_options",
    "review_kpis",
    "review_score_distribution",
    "review_learner_trend",
    "review_dimension_averages",
    "review_response_times",
)


# SQL: the page's calls ----------------------------------------------------------------------
def sql_page(repo: Repository, filters: ReviewFilters) -> tuple[dict[str, float], dict[str, Any]]:
    """One page load's calls, in the page's order; each one's milliseconds, and the results."""
    calls: list[tuple[str, Callable[[], Any]]] = [
        ("review_filter_options", repo.review_filter_options),
        ("review_kpis", lambda: repo.review_kpis(filters)),
        ("review_score_distribution", lambda: repo.review_score_distribution(filters)),
        ("review_learner_trend", lambda: repo.review_learner_trend(filters)),
        ("review_dimension_averages", lambda: repo.review_dimension_averages(filters)),
        ("review_response_times", lambda: repo.review_response_times(filters)),
        ("review_rounds", lambda: repo.review_rounds(filters, limit=5000)),
    ]
    ms: dict[str, float] = {}
    out: dict[str, Any] = {}
    for name, call in calls:
        t0 = time.perf_counter()
        out[name] = call()
        ms[name] = (time.perf_counter() - t0) * 1000
    return ms, out


def sql_numbers(out: dict[str, Any]) -> dict[str, Any]:
    k = out["review_kpis"]
    return {
        "filter_options": sorted((o.kind, o.value, o.label) for o in out["review_filter_options"]),
        "kpis": k.model_dump(),
        "distribution": [(b.score, b.rounds) for b in out["review_score_distribution"]],
        "trend": sorted(
            (p.learner_id, p.learner_name, p.day, p.average_score, p.rounds)
            for p in out["review_learner_trend"]
        ),
        "dimensions": sorted(
            (d.domain_id, d.domain_name, d.dimension, d.average_score, d.rounds)
            for d in out["review_dimension_averages"]
        ),
        "response_times": [(b.bucket_ms, b.rounds) for b in out["review_response_times"]],
    }


def compare(ours: dict[str, Any], theirs: dict[str, Any]) -> dict[str, bool]:
    same = {key: ours[key] == theirs[key] for key in ours if key != "filter_options"}
    # SQL offers every active coach, pandas only those with rounds: compare learners and teams.
    same["filter_options"] = [o for o in ours["filter_options"] if o[0] != "domain"] == [
        o for o in theirs["filter_options"] if o[0] != "domain"
    ]
    return same


def p50(values: list[float]) -> float:
    return round(statistics.median(values), 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    parser.add_argument("--learners", type=int, default=LEARNERS)
    parser.add_argument("--reps", type=int, default=REPS)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="tl-bench-") as tmp:
        url = start_embedded(Path(tmp), keep_running=False)
        with psycopg.connect(url, autocommit=True) as conn:  # a throwaway cluster
            # Not synchronous_commit = off: VACUUM then cannot mark the freshly loaded pages
            # all-visible, and every index-only scan fetches each row from the heap.
            for setting in ("fsync = off", "full_page_writes = off"):
                conn.execute(f"alter system set {setting}")
            conn.execute("alter system set max_wal_size = '4GB'")
            conn.execute("select pg_reload_conf()")
            version = conn.execute("show server_version").fetchone()
        migrate(url, checkpointer=False)
        seed_reference_data(url)
        result: dict[str, Any] = {
            "bench": "review",
            "rounds": args.rounds,
            "learners": args.learners,
        }
        result |= load(url, args.rounds, args.learners)
        print(
            f"Postgres {version[0] if version else '?'}: loaded {args.rounds:,} rounds "
            f"({result['unscored_rounds']:,} not scored yet) in {result['threads']:,} threads of "
            f"{args.learners:,} learners, {result['overrides']:,} overrides on "
            f"{result['overridden_rounds']:,} rounds, {result['reviewed_sessions']:,} sessions "
            f"reviewed; table {result['table_size']}, review index "
            f"{result['review_index_size']}; load {result['load_s']} s (rounds "
            f"{result['rounds_insert_s']} s, overrides {result['overrides_insert_s']} s)"
        )

        with psycopg.connect(url, autocommit=True) as conn:
            row = conn.execute("select public.app_now()").fetchone()
        assert row is not None
        since, until = analytics.preset_bounds("30d", row[0].date())  # the page's default
        assert since is not None and until is not None
        filters = ReviewFilters(since=since, until=until)
        identity = Identity.user(COACH_ID, COACH_EMAIL)
        pool = make_pool(url, name="bench-review", min_size=1, max_size=1, timeout=120)
        repo = Repository(PostgresTransport(pool, identity))
        sql_ms: dict[str, list[float]] = {name: [] for name in (*AGGREGATES, "review_rounds")}
        sql_totals: list[float] = []
        page_totals: list[float] = []
        pandas_totals: list[float] = []
        learners_ms: list[float] = []
        load_before = os.getloadavg()
        try:
            for rep in range(WARMUP + args.reps):
                ms, out = sql_page(repo, filters)
                t0 = time.perf_counter()
                learners = repo.review_learners()  # the Learners page: all time, everyone
                learners_elapsed = (time.perf_counter() - t0) * 1000
                t0 = time.perf_counter()
                theirs = pandas_page(pool, identity, since, until)
                pandas_elapsed = (time.perf_counter() - t0) * 1000
                if rep == 0:
                    ours = sql_numbers(out)
                    same = compare(ours, theirs)
                    rounds_listed = len(out["review_rounds"])
                    learners_listed = len(learners)
                    learners_rounds = sum(r.rounds for r in learners)
                if rep < WARMUP:
                    continue
                for name, value in ms.items():
                    sql_ms[name].append(value)
                sql_totals.append(sum(ms[name] for name in AGGREGATES))
                page_totals.append(sum(ms.values()))
                pandas_totals.append(pandas_elapsed)
                learners_ms.append(learners_elapsed)
            # For scale, once: every column (messages, replies, reasons) into the frame.
            t0 = time.perf_counter()
            load_frame(pool, identity, "*")
            all_columns_ms = (time.perf_counter() - t0) * 1000
        finally:
            pool.close()
        load_after = os.getloadavg()

    result |= {f"{name}_ms": p50(values) for name, values in sql_ms.items()}
    result["sql_ms"] = p50(sql_totals)
    result["sql_p95_ms"] = round(sorted(sql_totals)[int(0.95 * (len(sql_totals) - 1))], 1)
    result["page_ms"] = p50(page_totals)
    result["pandas_ms"] = p50(pandas_totals)
    result["ratio"] = round(result["pandas_ms"] / result["sql_ms"], 1)
    result["pandas_all_columns_load_ms"] = round(all_columns_ms, 1)
    result["learners_ms_p50"] = p50(learners_ms)
    result["learners_rows"] = learners_listed
    result["learners_rounds_counted"] = learners_rounds
    result["same"] = same
    result["period"] = [since.isoformat(), until.isoformat()]
    result["loadavg"] = [round(load_before[0], 2), round(load_after[0], 2)]
    result["ok"] = result["sql_ms"] <= GOAL_MS and all(same.values())

    k = ours["kpis"]
    print(f"period {since:%Y-%m-%d} .. {until:%Y-%m-%d} (exclusive), as the coach, RLS on")
    print(
        f"KPIs  SQL:    {k['sessions']} sessions, {k['rounds']} rounds, avg "
        f"{k['average_score']}, {k['average_response_ms']} ms, reviewed {k['reviewed_share']}; "
        f"previous {k['prev_sessions']}, {k['prev_rounds']}, {k['prev_average_score']}, "
        f"{k['prev_average_response_ms']} ms, {k['prev_reviewed_share']}"
    )
    k = theirs["kpis"]
    print(
        f"KPIs  pandas: {k['sessions']} sessions, {k['rounds']} rounds, avg "
        f"{k['average_score']}, {k['average_response_ms']} ms, reviewed {k['reviewed_share']}; "
        f"previous {k['prev_sessions']}, {k['prev_rounds']}, {k['prev_average_score']}, "
        f"{k['prev_average_response_ms']} ms, {k['prev_reviewed_share']}"
    )
    print(
        f"also: {len(ours['trend']):,} trend points, {len(ours['dimensions'])} dimension "
        f"averages, {len(ours['response_times'])} response-time buckets, "
        f"{len(ours['filter_options']):,} filter options, {rounds_listed:,} rounds listed; "
        f"same in both: {same}"
    )
    print(f"p50 over {args.reps} page loads after {WARMUP} warm-up (ms):")
    for name in (*AGGREGATES, "review_rounds"):
        print(f"  {name:>28} {result[f'{name}_ms']:>8}")
    print(
        f"  {'aggregates total':>28} {result['sql_ms']:>8}  (p95 {result['sql_p95_ms']}; "
        f"goal <= {GOAL_MS:g})"
    )
    print(f"  {'page total with the table':>28} {result['page_ms']:>8}")
    print(f"  {'pandas (load + aggregate)':>28} {result['pandas_ms']:>8}")
    print(f"  {'every column, load only':>28} {result['pandas_all_columns_load_ms']:>8}")
    print(
        f"  {'review_learners (all time)':>28} {result['learners_ms_p50']:>8}  "
        f"({learners_listed:,} learners, {learners_rounds:,} rounds; not in the goal)"
    )
    print(
        f"ratio pandas / SQL aggregates: {result['ratio']}x; load average "
        f"{result['loadavg'][0]} before, {result['loadavg'][1]} after"
    )
    print(json.dumps(result, default=str))


if __name__ == "__main__":
    main()
