"""The Review page's charts (coach/analytics/figures.py) without Streamlit or a database: each
figure draws the rows it is given (traces, values, labels), says so when there is nothing to
draw, and keeps people's text inert in every figure, My progress's included.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

from coach.analytics.figures import (
    day_end,
    dimension_averages_figure,
    is_empty,
    learner_trend_figure,
    response_time_figure,
    score_distribution_figure,
)
from coach.analytics.progress import first_to_best, first_to_best_figure, my_dimension_trend_figure
from tests.unit.analytics_cases import HOSTILE, Round


@dataclass(frozen=True)
class Bucket:
    score: int
    rounds: int


@dataclass(frozen=True)
class TrendPoint:
    learner_id: str
    learner_name: str
    day: date
    average_score: Decimal
    rounds: int


@dataclass(frozen=True)
class DimAverage:
    domain_id: str
    domain_name: str
    dimension: str
    average_score: Decimal
    rounds: int


@dataclass(frozen=True)
class TimeBucket:
    bucket_ms: int
    rounds: int


def texts(figure: Any) -> str:
    """Everything a figure could draw as text: titles, names, categories, customdata."""
    return json.dumps(figure.to_plotly_json(), default=str)


# score distribution -------------------------------------------------------------------------
def test_score_distribution_has_all_ten_scores_zero_filled() -> None:
    figure = score_distribution_figure([Bucket(7, 4), Bucket(3, 1), Bucket(9, 2)])
    [bar] = figure.data
    assert bar.type == "bar"
    assert list(bar.x) == list(range(1, 11))
    assert list(bar.y) == [0, 0, 1, 0, 0, 0, 4, 0, 2, 0]
    assert figure.layout.title.text == "Score distribution"
    assert figure.layout.xaxis.title.text.startswith("Score")
    assert figure.layout.yaxis.title.text == "Rounds"
    assert "Score %{x}: %{customdata}" in bar.hovertemplate
    assert bar.customdata[2] == "1 round" and bar.customdata[6] == "4 rounds"


def test_counts_are_whole_on_the_axis() -> None:
    """One round per score read "0.2, 0.4, 0.6…" up the axis."""
    for figure in (
        score_distribution_figure([Bucket(7, 1)]),
        response_time_figure([TimeBucket(2000, 1)]),
    ):
        assert figure.layout.yaxis.tickformat == ",d" and figure.layout.yaxis.dtick == 1
        assert figure.layout.yaxis.rangemode == "tozero"
    many = score_distribution_figure([Bucket(7, 400)])
    assert many.layout.yaxis.dtick is None  # Plotly spaces them, whole numbers still


@pytest.mark.parametrize("buckets", [[], [Bucket(s, 0) for s in range(1, 11)]])
def test_an_empty_distribution_is_a_note_not_bare_axes(buckets: list[Bucket]) -> None:
    figure = score_distribution_figure(buckets)
    assert is_empty(figure)
    assert figure.layout.title.text == "Score distribution"
    [note] = figure.layout.annotations
    assert "No scored rounds match these filters" in note.text


# learner trend ------------------------------------------------------------------------------
def test_learner_trend_draws_one_line_per_learner_in_day_order() -> None:
    d1, d2 = date(2026, 11, 1), date(2026, 11, 3)
    figure = learner_trend_figure(
        [
            TrendPoint("b", "Ben Ode", d2, Decimal("7.5"), 2),
            TrendPoint("a", "Ana Ruiz", d2, Decimal("6.0"), 1),
            TrendPoint("a", "Ana Ruiz", d1, Decimal("4.5"), 3),
        ]
    )
    assert [t.name for t in figure.data] == ["Ana Ruiz", "Ben Ode"]
    ana, ben = figure.data
    assert list(ana.x) == [d1, d2] and list(ana.y) == [4.5, 6.0]
    assert list(ana.customdata) == ["3 rounds", "1 round"]
    assert list(ben.y) == [7.5]
    # told apart by marker and dash too, not only colour
    assert ana.marker.symbol != ben.marker.symbol and ana.line.dash != ben.line.dash
    assert figure.layout.yaxis.title.text == "Average score"
    assert figure.layout.xaxis.title.text == "Day (UTC)"
    assert ana.hovertemplate.endswith("over %{customdata}<extra>%{meta}</extra>")


def test_a_trend_of_one_day_reads_as_that_day() -> None:
    """One day's points drew ticks a millisecond apart: "23:59:59.999 Nov 30, 2026"."""
    day = date(2026, 11, 30)
    for figure in (
        learner_trend_figure([TrendPoint("a", "Ana Ruiz", day, Decimal("6.0"), 2)]),
        my_dimension_trend_figure([Round(dimension_scores={"empathy": 6})]),
    ):
        axis = figure.layout.xaxis
        # "Nov 30", and "Dec 1" for the first: never plotly's zero-padded "Dec 01"
        assert axis.tickformat == "%b %-d" and axis.dtick == 86_400_000
        # the day alone, centred: no tick for the day after (today's chart said "Dec 1")
        start, end = (datetime.fromisoformat(str(v)) for v in axis.range)
        point = datetime.fromisoformat(str(figure.data[0].x[0])[:10])
        assert start < point < end < point + timedelta(days=1)


def test_an_axis_ending_today_stops_before_tomorrow() -> None:
    """Debt Lifted's axis ran a day past its last point: a "Dec 5" tick on Dec 4."""
    afternoon = datetime(2026, 12, 4, 14, 24, tzinfo=UTC)
    assert afternoon < day_end(afternoon) < datetime(2026, 12, 5, tzinfo=UTC)
    late = datetime(2026, 12, 4, 23, 40, tzinfo=UTC)
    assert day_end(late) == late


def test_a_long_learner_name_is_shortened_in_the_legend_and_whole_in_the_hover() -> None:
    """A browser audit: a 58-character name took most of the chart's width."""
    name = "Alexandria Maximiliana Featherstonehaugh-Cholmondeley III"
    figure = learner_trend_figure([TrendPoint("a", name, date(2026, 11, 30), Decimal(6), 2)])
    [trace] = figure.data
    assert trace.name == "Alexandria Maximiliana…" and len(trace.name) <= 24
    assert trace.meta == name and trace.hovertemplate.endswith("<extra>%{meta}</extra>")


def test_learner_trend_keeps_the_most_active_learners_and_says_so() -> None:
    day = date(2026, 11, 1)
    points = [TrendPoint(f"l{i}", f"Learner {i}", day, Decimal(5), i + 1) for i in range(5)]
    figure = learner_trend_figure(points, max_learners=2)
    assert sorted(t.name for t in figure.data) == ["Learner 3", "Learner 4"]
    assert "(2 most active of 5 learners)" in figure.layout.title.text


def test_learner_trend_empty() -> None:
    assert is_empty(learner_trend_figure([]))


# dimension averages -------------------------------------------------------------------------
def test_dimension_averages_one_trace_per_coach_as_level_bars() -> None:
    figure = dimension_averages_figure(
        [
            DimAverage("communication_coach", "Communication", "empathy", Decimal("7.2"), 10),
            DimAverage("communication_coach", "Communication", "de_escalation", Decimal(6), 10),
            DimAverage("architecture_advisor", "Architecture", "trade_off_analysis", Decimal(5), 4),
        ]
    )
    assert [t.name for t in figure.data] == ["Architecture", "Communication"]
    arch, comm = figure.data
    assert comm.orientation == "h"
    assert list(comm.y) == ["empathy", "de-escalation"]
    assert list(comm.x) == [7.2, 6.0]
    assert list(comm.text) == ["7.2", "6.0"]
    assert (arch.marker.pattern.shape or "") != comm.marker.pattern.shape  # not colour alone
    assert list(arch.y) == ["trade-off analysis"]
    assert list(comm.customdata) == ["10 rounds", "10 rounds"]
    assert list(arch.customdata) == ["4 rounds"]
    assert figure.layout.title.text == "Average per evaluation dimension, by coach"
    assert figure.layout.xaxis.title.text == "Average score"
    assert is_empty(dimension_averages_figure([]))


def test_a_dimension_two_coaches_share_is_told_apart() -> None:
    figure = dimension_averages_figure(
        [
            DimAverage("a", "Alpha", "clarity", Decimal(7), 3),
            DimAverage("b", "Beta", "clarity", Decimal(5), 2),
        ]
    )
    assert [list(t.y) for t in figure.data] == [["clarity (Alpha)"], ["clarity (Beta)"]]


# response times -----------------------------------------------------------------------------
def test_response_times_are_one_second_bars_over_their_seconds() -> None:
    figure = response_time_figure([TimeBucket(3000, 2), TimeBucket(1000, 5), TimeBucket(0, 0)])
    [bar] = figure.data
    assert list(bar.x) == [1.5, 3.5] and list(bar.y) == [5, 2]
    assert [list(c) for c in bar.customdata] == [["1", "2", "5 rounds"], ["3", "4", "2 rounds"]]
    assert figure.layout.xaxis.title.text == "Seconds to answer"
    empty = response_time_figure([])
    assert is_empty(empty) and "No timed rounds" in empty.layout.annotations[0].text


# people's text is inert -----------------------------------------------------------------------
def test_names_reach_plotly_escaped_and_never_as_a_template() -> None:
    day = date(2026, 11, 1)
    figures = [
        learner_trend_figure([TrendPoint("a", HOSTILE, day, Decimal(5), 1)]),
        dimension_averages_figure([DimAverage("d", HOSTILE, HOSTILE, Decimal(5), 1)]),
        my_dimension_trend_figure([Round(domain_name=HOSTILE, dimension_scores={HOSTILE: 5})]),
        first_to_best_figure(first_to_best([Round(domain_name=HOSTILE)])),
    ]
    for figure in figures:
        shown = texts(figure)
        assert "<a " not in shown and "<img" not in shown, shown
        assert "&lt;a href=" in shown
        for trace in figure.data:
            assert HOSTILE not in (trace.hovertemplate or "")
            assert "evil" not in (trace.hovertemplate or "")
