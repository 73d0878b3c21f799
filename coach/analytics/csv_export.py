"""The rounds as a CSV a coach downloads and opens in a spreadsheet: kept on its own because a
file leaves the app, so what a learner typed must not run as a formula there and every value
needs one plain-text spelling (times, JSON maps, booleans, nothing for None).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from decimal import Decimal

CSV_COLUMNS = (
    "session_id",
    "round_id",
    "round_number",
    "created_at",
    "learner_id",
    "learner_name",
    "team",
    "domain_id",
    "domain_name",
    "response_time_ms",
    "ai_score",
    "human_score",
    "score",
    "override_reason",
    "override_by",
    "override_at",
    "override_count",
    "reviewed",
    "reviewed_by_name",  # the session's latest review, which may predate a later round
    "reviewed_at",
    "review_note",
    "review_note_by",
    "review_noted_at",
    "not_scored_reason",  # why a round has no score (a coach-review audit found no way to tell)
    "dimension_scores",
    "dimension_reasons",
    "feedback",
    "learner_message",
    "coach_response",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> str:
    """One value as the CSV holds it: times in ISO 8601, JSON for dimension maps, booleans
    as true/false, nothing for None. Text starting like a spreadsheet formula gets a leading
    apostrophe, so opening the file never runs what a learner typed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Mapping):
        return json.dumps(dict(value), sort_keys=True, default=str, ensure_ascii=False)
    if isinstance(value, int | float | Decimal):
        return str(value)
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def rounds_csv(rows: Iterable[object], columns: Sequence[str] = CSV_COLUMNS) -> bytes:
    """The rounds as CSV (UTF-8 with a byte-order mark, so spreadsheets read names right):
    one header line, then one line per round in the order given. `ai_score` is the model's,
    `human_score` the newest override, `score` the one analytics use."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([csv_cell(getattr(row, column, None)) for column in columns])
    return out.getvalue().encode("utf-8-sig")
