"""A chart's figures in words: what a screen reader gets instead of the drawing. An
accessibility audit read every chart as an unnamed image of its axis labels ("img: Nov 27 Nov
29 … 0 12.5k 25k"); only first-to-best had its figures in a list beside it. The figures'
labels go into Plotly escaped (coach/analytics/figures.py), so they are read back unescaped
here, and shown inert by the page."""

from __future__ import annotations

import html
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # only read: no plotly (nor the pandas it must follow) imported for this
    import plotly.graph_objects as go  # type: ignore[import-untyped]

MOST_POINTS = 31  # a month of days; a longer series says how many more


def figure_title(figure: go.Figure) -> str:
    title = figure.layout.title.text if figure.layout.title else None
    return html.unescape(str(title)) if title else "Chart"


def figure_as_text(figure: go.Figure) -> list[str]:
    """One line per series: its name, then each point as "label: value", in the chart's
    order. A chart with nothing drawn has no lines."""
    lines = []
    for trace in figure.data:
        xs, ys = list(trace.x or ()), list(trace.y or ())
        labels, values = (ys, xs) if getattr(trace, "orientation", None) == "h" else (xs, ys)
        points = [
            f"{_label(label)}: {_value(value)}"
            for label, value in zip(labels, values, strict=False)
            if value is not None
        ]
        if not points:
            continue
        more = len(points) - MOST_POINTS
        shown = "; ".join(points[:MOST_POINTS]) + (f"; and {more} more" if more > 0 else "")
        name = html.unescape(str(trace.name)) if trace.name else ""
        lines.append(f"{name}: {shown}" if name else shown)
    return lines


def _label(value: Any) -> str:
    if isinstance(value, datetime | date):
        return f"{value:%b} {value.day}"
    if isinstance(value, str) and len(value) >= 10 and value[4] == "-" and value[7] == "-":
        try:  # Plotly keeps dates as ISO text
            day = date.fromisoformat(value[:10])
        except ValueError:
            return html.unescape(value)
        return f"{day:%b} {day.day}"
    return html.unescape(str(value))


def _value(value: Any) -> str:
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.1f}"
    if isinstance(value, float):
        return str(int(value))
    return html.unescape(str(value))
