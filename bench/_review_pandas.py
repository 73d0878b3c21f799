"""The reference bench/review.py holds the Review page's SQL to (a module, not a benchmark:
`make bench` skips files starting with an underscore): every round of the coach's view loaded
into pandas and the page's numbers computed there, rounded as SQL rounds, so both sides can be
compared number for number. Kept apart so the script reads as the measurement; this is the
yardstick it holds the SQL to."""

from __future__ import annotations

import json
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pandas as pd

from db.identity import Identity

COLUMNS = (
    "session_id, learner_id, learner_name, team, domain_id, domain_name, created_at, "
    "response_time_ms, score, dimension_scores, reviewed"
)


# pandas: every round into a DataFrame -------------------------------------------------------
def half_up(numerator: int, denominator: int, places: int) -> Decimal | None:
    if denominator == 0:
        return None
    q = Decimal(1).scaleb(-places)
    return (Decimal(numerator) / Decimal(denominator)).quantize(q, rounding=ROUND_HALF_UP)


def half_up_series(total: pd.Series, count: pd.Series) -> list[Decimal]:
    """total / count to one decimal, half away from zero, in integers (no float ties)."""
    tenths = (total.astype("int64") * 20 + count) // (count * 2)
    return [Decimal(int(t)).scaleb(-1) for t in tenths]


def load_frame(pool: Any, identity: Identity, columns: str = COLUMNS) -> pd.DataFrame:
    with pool.connection() as conn, conn.transaction():
        conn.execute("set local role authenticated")
        conn.execute(
            "select set_config('request.jwt.claims', %s, true)", (json.dumps(identity.claims()),)
        )
        cur = conn.execute(f"select {columns} from public.coaching_round_reviews")
        rows = cur.fetchall()
        names = [d.name for d in cur.description or []]
    frame = pd.DataFrame.from_records(rows, columns=names)
    frame["created_at"] = pd.to_datetime(frame["created_at"], utc=True)
    frame["score"] = pd.to_numeric(frame["score"]).astype("Int64")
    frame["response_time_ms"] = pd.to_numeric(frame["response_time_ms"]).astype("Int64")
    return frame


def pandas_kpis(part: pd.DataFrame) -> dict[str, Any]:
    scores = part["score"].dropna()
    times = part["response_time_ms"].dropna()
    sessions = int(part["session_id"].nunique())
    # a session is reviewed when every one of its rounds in scope is (since 2026-12-02: a
    # review covers the rounds before it)
    reviewed = sessions - int(part.loc[~part["reviewed"], "session_id"].nunique())
    avg_ms = half_up(int(times.sum()), len(times), 0)
    return {
        "sessions": sessions,
        "rounds": len(part),
        "average_score": half_up(int(scores.sum()), len(scores), 1),
        "average_response_ms": None if avg_ms is None else int(avg_ms),
        "reviewed_share": half_up(reviewed, sessions, 3),
    }


def pandas_page(pool: Any, identity: Identity, since: datetime, until: datetime) -> dict[str, Any]:
    frame = load_frame(pool, identity)
    options = (
        [("domain", d, n) for d, n in frame[["domain_id", "domain_name"]].drop_duplicates().values]
        + [
            ("learner", i, n)
            for i, n in frame[["learner_id", "learner_name"]].drop_duplicates().values
        ]
        + [("team", t, t) for t in frame["team"].dropna().unique()]
    )
    at = frame["created_at"]
    now = frame[(at >= since) & (at < until)]
    before = frame[(at >= since - (until - since)) & (at < since)]
    kpis = pandas_kpis(now)
    kpis |= {f"prev_{k}": v for k, v in pandas_kpis(before).items()}

    scored = now[now["score"].notna()]
    counts = scored["score"].astype(int).value_counts()
    distribution = [(s, int(counts.get(s, 0))) for s in range(1, 11)]

    by_day = scored.groupby(
        [scored["learner_id"], scored["learner_name"], scored["created_at"].dt.date]
    )["score"].agg(["sum", "count"])
    trend = sorted(
        zip(
            by_day.index.get_level_values(0),
            by_day.index.get_level_values(1),
            by_day.index.get_level_values(2),
            half_up_series(by_day["sum"], by_day["count"]),
            by_day["count"].astype(int),
            strict=True,
        )
    )

    dims = now[now["dimension_scores"].notna()]
    wide = pd.DataFrame(dims["dimension_scores"].tolist(), index=dims.index)
    wide["domain_id"], wide["domain_name"] = dims["domain_id"], dims["domain_name"]
    grouped = wide.groupby(["domain_id", "domain_name"])
    sums, nums = grouped.sum(min_count=1), grouped.count()
    long = pd.DataFrame({"sum": sums.stack(), "count": nums.stack()})
    long = long[long["count"] > 0]
    dimensions = sorted(
        zip(
            long.index.get_level_values(0),
            long.index.get_level_values(1),
            long.index.get_level_values(2),
            half_up_series(long["sum"], long["count"]),
            long["count"].astype(int),
            strict=True,
        )
    )

    buckets = (now["response_time_ms"].dropna() // 1000 * 1000).astype(int).value_counts()
    response_times = [(int(b), int(n)) for b, n in buckets.sort_index().items()]
    return {
        "filter_options": sorted(options),
        "kpis": kpis,
        "distribution": distribution,
        "trend": [(a, b, c, d, int(e)) for a, b, c, d, e in trend],
        "dimensions": [(a, b, c, d, int(e)) for a, b, c, d, e in dimensions],
        "response_times": response_times,
    }
