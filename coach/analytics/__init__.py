"""Coach review analytics, pure: the database's aggregates (or a learner's own rounds) in,
plotly figures, KPI deltas, the sessions table, first-to-best and the CSV out.

No streamlit and no I/O: the Review, Learners and My progress pages call these with what the
repository returned (`db.models` rows fit the protocols below), and the unit tests call them
with plain dataclasses. Names and labels written by people or models reach plotly escaped,
because plotly reads a subset of HTML (`<a href>`, `<b>`, `<br>`) in every text it draws;
they go in as data (trace names, categories, customdata), never into a hover template,
where `%{...}` would be read as a placeholder.

The code lives in one module per concern (rows: the protocols; figures: the Review page's
charts; progress: a learner's own trend and first-to-best; kpis: deltas and periods;
sessions: the sessions table; learners: the Learners table; csv_export: the download). This
package gathers them under the one name the pages call (`analytics.kpi_delta`,
`analytics.SessionRow`, ...).
"""

from __future__ import annotations

from coach.analytics.csv_export import CSV_COLUMNS, csv_cell, rounds_csv
from coach.analytics.figures import (
    HEIGHT,
    NO_ROUNDS,
    SCORE_RANGE,
    dimension_averages_figure,
    empty_figure,
    escape,
    is_empty,
    learner_trend_figure,
    response_time_figure,
    score_distribution_figure,
)
from coach.analytics.kpis import PRESET_DAYS, Preset, day_bounds, kpi_delta, preset_bounds
from coach.analytics.learners import (
    ATTENTION_ORDER,
    LEARNER_COLUMNS,
    L,
    LearnerSummaryRow,
    attention_order,
    change_text,
    learners_frame,
)
from coach.analytics.progress import (
    FirstToBest,
    first_to_best,
    first_to_best_figure,
    my_day_averages,
    my_dimension_trend_figure,
)
from coach.analytics.rows import (
    DimensionAverageRow,
    LearnerTrendRow,
    Number,
    ResponseTimeRow,
    ReviewedRound,
    ScoreBucketRow,
)
from coach.analytics.sessions import SessionRow, at_risk, session_rows

__all__ = [
    "ATTENTION_ORDER",
    "CSV_COLUMNS",
    "HEIGHT",
    "LEARNER_COLUMNS",
    "NO_ROUNDS",
    "PRESET_DAYS",
    "SCORE_RANGE",
    "DimensionAverageRow",
    "FirstToBest",
    "L",
    "LearnerSummaryRow",
    "LearnerTrendRow",
    "Number",
    "Preset",
    "ResponseTimeRow",
    "ReviewedRound",
    "ScoreBucketRow",
    "SessionRow",
    "attention_order",
    "change_text",
    "csv_cell",
    "day_bounds",
    "dimension_averages_figure",
    "empty_figure",
    "escape",
    "first_to_best",
    "first_to_best_figure",
    "is_empty",
    "kpi_delta",
    "learner_trend_figure",
    "learners_frame",
    "my_day_averages",
    "my_dimension_trend_figure",
    "preset_bounds",
    "response_time_figure",
    "rounds_csv",
    "score_distribution_figure",
    "session_rows",
    "at_risk",
]
