"""The CSV download (coach/analytics/csv_export.py): one line per round with both scores, a header
even for nothing, and no text a spreadsheet would run as a formula.
"""

from __future__ import annotations

import csv
import io
import json

from coach import analytics  # csv_cell as the pages reach it
from coach.analytics.csv_export import CSV_COLUMNS, rounds_csv
from tests.unit.analytics_cases import T0, Round


# CSV ------------------------------------------------------------------------------------------
def read_csv(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # a BOM: spreadsheets read the names right
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_the_csv_has_a_line_per_round_with_both_scores() -> None:
    rounds = [
        Round(
            round_id="r1",
            ai_score=5,
            human_score=8,
            override_reason="Handled the refund well",
            override_by="Dr. Sam Rivera",
            override_at=T0,
            override_count=1,
            reviewed=True,
            dimension_scores={"empathy": 7, "clarity": None},
            learner_message='She said "no", then,\nwe talked — café',
        ),
        Round(
            round_id="r2",
            round_number=2,
            ai_score=None,
            team=None,
            response_time_ms=None,
            not_scored_reason="a question to the coach, not an answer",
        ),
    ]
    rows = read_csv(rounds_csv(rounds))
    assert len(rows) == 2
    assert tuple(rows[0]) == CSV_COLUMNS
    assert {"ai_score", "human_score", "score"} <= set(CSV_COLUMNS)
    first, second = rows
    assert (first["ai_score"], first["human_score"], first["score"]) == ("5", "8", "8")
    assert first["override_reason"] == "Handled the refund well"
    assert first["override_by"] == "Dr. Sam Rivera"
    assert first["override_at"] == T0.isoformat() and first["created_at"] == T0.isoformat()
    assert first["reviewed"] == "true" and second["reviewed"] == "false"
    assert json.loads(first["dimension_scores"]) == {"clarity": None, "empathy": 7}
    assert first["learner_message"] == 'She said "no", then,\nwe talked — café'
    assert (second["ai_score"], second["human_score"], second["score"]) == ("", "", "")
    assert second["team"] == "" and second["response_time_ms"] == ""
    # why it has no score: a coach-review audit's unscored rounds had an empty ai_score only
    assert second["not_scored_reason"] == "a question to the coach, not an answer"
    assert first["not_scored_reason"] == ""
    assert [r["round_id"] for r in rows] == ["r1", "r2"]


def test_the_csv_of_nothing_is_the_header() -> None:
    assert read_csv(rounds_csv([])) == []
    assert rounds_csv([]).decode("utf-8-sig").strip() == ",".join(CSV_COLUMNS)


def test_csv_text_that_looks_like_a_formula_is_not_one() -> None:
    [row] = read_csv(rounds_csv([Round(learner_message='=HYPERLINK("http://x")')]))
    assert row["learner_message"] == '\'=HYPERLINK("http://x")'
    assert analytics.csv_cell(-3) == "-3"  # numbers stay numbers
