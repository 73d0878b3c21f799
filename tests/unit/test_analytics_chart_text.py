"""A chart's figures in words (coach/analytics/chart_text.py): what a screen reader gets
instead of the drawing."""

from __future__ import annotations

from datetime import datetime

import plotly.graph_objects as go  # type: ignore[import-untyped]

from coach.analytics.chart_text import MOST_POINTS, figure_as_text, figure_title
from coach.analytics.figures import empty_figure


def test_each_series_is_a_line_of_label_and_value() -> None:
    figure = go.Figure(
        [
            go.Scatter(
                x=[datetime(2026, 11, 27), datetime(2026, 11, 29)],
                y=[5.0, 6.25],
                name="Maya &amp; Ana",
            ),
            go.Bar(x=[7.5, 4.0], y=["Empathy", "Clarity"], orientation="h", name="Average"),
        ],
        layout={"title": {"text": "Scores &lt;over&gt; time"}},
    )
    assert figure_title(figure) == "Scores <over> time"
    assert figure_as_text(figure) == [
        "Maya & Ana: Nov 27: 5; Nov 29: 6.2",
        "Average: Empathy: 7.5; Clarity: 4",
    ]


def test_a_long_series_says_how_many_more_and_an_empty_chart_has_no_lines() -> None:
    figure = go.Figure(go.Bar(x=list(range(40)), y=[1] * 40, name="Rounds"))
    [line] = figure_as_text(figure)
    assert line.endswith(f"; and {40 - MOST_POINTS} more")
    assert figure_as_text(empty_figure("Nothing yet")) == []
