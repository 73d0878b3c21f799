"""The Review page's four charts and the pieces every analytics figure shares (the layout, the
empty note, escaping), kept apart from tables and numbers because this is where people's text
meets plotly: plotly reads a subset of HTML (`<a href>`, `<b>`, `<br>`) in every text it
draws, so names and labels go in escaped and as data (trace names, categories, customdata),
never into a hover template, where `%{...}` would be read as a placeholder.
"""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

# plotly reads pandas from sys.modules unlocked: imported here first, a chart never sees
# it half-imported by another session's thread ("partially initialized module 'pandas'")
import pandas  # type: ignore[import-untyped]  # noqa: F401
import plotly.graph_objects as go  # type: ignore[import-untyped]

from coach.analytics.rows import (
    DimensionAverageRow,
    LearnerTrendRow,
    ResponseTimeRow,
    ScoreBucketRow,
)
from coach.clock import plural
from coach.report import dimension_label

NO_ROUNDS = "No scored rounds match these filters. Widen the filters to see more."
SCORE_RANGE = [0, 10.5]
# "Dec 1", as every date in the app reads, not plotly's zero-padded "Dec 01"
DAY_FORMAT = "%b %-d"
HEIGHT = 340
LEGEND_CHARS = 24  # a legend entry; the hover has the whole name
# Series told apart by more than colour (an accessibility audit: a reader who cannot tell the
# colours apart could not tell the lines apart): each line its own marker and dash, each
# group of bars its own fill pattern, the legend showing the same.
SYMBOLS = (
    "circle", "square", "diamond", "triangle-up", "x", "star",
    "cross", "triangle-down", "pentagon", "hexagon", "star-diamond", "hourglass",
)  # fmt: skip
DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot")
PATTERNS = ("", "/", ".", "x", "-", "|", "+", "\\")


# shared pieces -------------------------------------------------------------------------------


def line_style(index: int) -> dict[str, object]:
    """The `index`th line's marker and dash, distinct from its neighbours' in both."""
    return {
        "marker": {"symbol": SYMBOLS[index % len(SYMBOLS)], "size": 8},
        "line": {"dash": DASHES[index % len(DASHES)]},
    }


def bar_pattern(index: int) -> dict[str, object]:
    """The `index`th group of bars' fill pattern (the first plain)."""
    return {"pattern": {"shape": PATTERNS[index % len(PATTERNS)]}}


def escape(text: object) -> str:
    """Text for plotly: its HTML subset shown as the characters typed."""
    return html.escape(str(text), quote=False)


def base_layout(figure: go.Figure, title: str, x_title: str, y_title: str) -> go.Figure:
    figure.update_layout(
        title={"text": title},
        xaxis={"title": {"text": x_title}},
        yaxis={"title": {"text": y_title}},
        height=HEIGHT,
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        hoverlabel={"namelength": -1},
    )
    return figure


def empty_figure(title: str, message: str = NO_ROUNDS) -> go.Figure:
    """A titled figure that says why it is empty and what to do, instead of bare axes."""
    figure = go.Figure()
    figure.update_layout(
        title={"text": title},
        xaxis={"visible": False},
        yaxis={"visible": False},
        height=HEIGHT,
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        annotations=[
            {
                "text": escape(message),
                "showarrow": False,
                "xref": "paper",
                "yref": "paper",
                "x": 0.5,
                "y": 0.5,
                "font": {"size": 14},
            }
        ],
    )
    return figure


def is_empty(figure: go.Figure) -> bool:
    """True for a figure made by `empty_figure` (no data, a note instead)."""
    return not figure.data


# the Review page's four charts ----------------------------------------------------------------
def score_distribution_figure(buckets: Sequence[ScoreBucketRow]) -> go.Figure:
    """Rounds per score 1..10 (the coach's score where they overrode the AI's)."""
    title = "Score distribution"
    counts = {score: 0 for score in range(1, 11)}
    for bucket in buckets:
        if 1 <= bucket.score <= 10:
            counts[bucket.score] += bucket.rounds
    if not any(counts.values()):
        return empty_figure(title)
    figure = go.Figure(
        go.Bar(
            x=list(counts),
            y=list(counts.values()),
            customdata=[plural(n, "round") for n in counts.values()],
            name="Rounds",
            hovertemplate="Score %{x}: %{customdata}<extra></extra>",
        )
    )
    base_layout(figure, title, "Score (the coach's where overridden, else the AI's)", "Rounds")
    figure.update_xaxes(dtick=1, range=[0.5, 10.5])
    count_axis(figure, max(counts.values()))
    return figure


def count_axis(figure: go.Figure, most: int) -> None:
    """Rounds are whole: a y axis of counts never reads 0.2, 0.4… (Plotly's ticks for a
    bar of 1)."""
    figure.update_yaxes(rangemode="tozero", tickformat=",d")
    if most <= 10:
        figure.update_yaxes(dtick=1)


DAY_MS = 86_400_000


def learner_trend_figure(
    points: Sequence[LearnerTrendRow],
    *,
    max_learners: int = 12,
    title: str = "Average score per learner over time",
    day_title: str = "Day (UTC)",
) -> go.Figure:
    """Average score per learner per day, one line per learner. With many learners only the
    `max_learners` with the most rounds are drawn (the title says so), so the chart stays
    readable; the filters narrow it to anyone. The days are the database's (UTC) unless the
    points say whose they are (`day_title`)."""
    if not points:
        return empty_figure(title)
    by_learner: dict[str, list[LearnerTrendRow]] = defaultdict(list)
    for point in points:
        by_learner[point.learner_id].append(point)
    ranked = sorted(by_learner, key=lambda lid: (-sum(p.rounds for p in by_learner[lid]), lid))
    shown = ranked[:max_learners]
    if len(ranked) > len(shown):
        title += f" ({len(shown)} most active of {len(ranked)} learners)"
    figure = go.Figure()
    order = sorted(shown, key=lambda lid: (by_learner[lid][0].learner_name, lid))
    for index, learner_id in enumerate(order):
        rows = sorted(by_learner[learner_id], key=lambda p: p.day)
        name = rows[0].learner_name
        figure.add_trace(
            go.Scatter(
                **line_style(index),
                x=[p.day for p in rows],
                y=[float(p.average_score) for p in rows],
                customdata=[plural(p.rounds, "round") for p in rows],
                mode="lines+markers",
                name=escape(shortened(name)),
                meta=escape(name),  # a value, never part of the template
                hovertemplate="%{x|" + DAY_FORMAT + "}: %{y:.1f} over %{customdata}"
                "<extra>%{meta}</extra>",
            )
        )
    base_layout(figure, title, day_title, "Average score")
    figure.update_yaxes(range=SCORE_RANGE)
    day_axis(figure, [p.day for p in points])
    return figure


def shortened(name: str, limit: int = LEGEND_CHARS) -> str:
    """A legend entry of at most `limit` characters: a 58-character name took most of the
    chart's width and squeezed its lines into a strip. The hover keeps the whole name."""
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


def day_axis(figure: go.Figure, days: Sequence[date]) -> None:
    """An x axis of days reads as days: never "23:59:59.999 Nov 30, 2026" ticks, and a
    single day sits centred in three instead of across a millisecond."""
    first, last = min(days), max(days)
    figure.update_xaxes(tickformat=DAY_FORMAT)
    if (last - first).days <= 7:
        figure.update_xaxes(dtick=DAY_MS)
    if first == last:
        # half a day either side: one tick under the point, none for a day still to come
        half = timedelta(hours=12)
        midnight = datetime.combine(first, time())
        figure.update_xaxes(range=[midnight - half, midnight + half])


def day_end(moment: datetime) -> datetime:
    """Where an axis ending at `moment` should stop: late that day, so the last point has
    room and no tick names tomorrow (a chart drawn today showed "Dec 5")."""
    return max(moment, moment.replace(hour=23, minute=0, second=0, microsecond=0))


def dimension_averages_figure(rows: Sequence[DimensionAverageRow]) -> go.Figure:
    """Average per evaluation dimension, one colour per coach (domain): horizontal bars, so
    every dimension's name reads level, each coach's dimensions together, top to bottom. A
    dimension two coaches share is told apart by the coach's name."""
    title = "Average per evaluation dimension, by coach"
    if not rows:
        return empty_figure(title)
    by_domain: dict[str, list[DimensionAverageRow]] = defaultdict(list)
    for row in rows:
        by_domain[row.domain_id].append(row)
    shared: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        shared[row.dimension].add(row.domain_id)
    figure = go.Figure()
    order = sorted(by_domain, key=lambda d: (by_domain[d][0].domain_name, d))
    for index, domain_id in enumerate(order):
        items = by_domain[domain_id]
        name = escape(items[0].domain_name)
        labels = [
            escape(
                dimension_label(r.dimension)
                + (f" ({items[0].domain_name})" if len(shared[r.dimension]) > 1 else "")
            )
            for r in items
        ]
        figure.add_trace(
            go.Bar(
                marker=bar_pattern(index),
                y=labels,
                x=[float(r.average_score) for r in items],
                orientation="h",
                text=[f"{float(r.average_score):.1f}" for r in items],
                textposition="outside",
                cliponaxis=False,
                customdata=[plural(r.rounds, "round") for r in items],
                name=name,
                hovertemplate="%{y}: %{x:.1f} over %{customdata}",
            )
        )
    base_layout(figure, title, "Average score", "")
    height = max(HEIGHT, 24 * len(rows) + 200)
    plot = height - 50 - 110  # less the top and bottom margins
    figure.update_layout(
        barmode="overlay",  # each coach's dimensions are its own rows
        height=height,
        margin={"l": 10, "r": 10, "t": 50, "b": 110},
        # below the axis title, across the width, so the bars keep it
        legend={"orientation": "h", "yanchor": "top", "y": -50 / plot, "x": 0},
    )
    figure.update_xaxes(range=SCORE_RANGE)
    figure.update_yaxes(autorange="reversed", automargin=True)
    return figure


def response_time_figure(buckets: Sequence[ResponseTimeRow]) -> go.Figure:
    """How long the coach took to answer: rounds per one-second bucket."""
    title = "Coach response time"
    rows = sorted((b for b in buckets if b.rounds > 0), key=lambda b: b.bucket_ms)
    if not rows:
        return empty_figure(title, "No timed rounds match these filters.")
    starts = [b.bucket_ms / 1000 for b in rows]
    figure = go.Figure(
        go.Bar(
            x=[s + 0.5 for s in starts],  # a bar spans its whole second
            y=[b.rounds for b in rows],
            width=[1.0] * len(rows),
            customdata=[
                [f"{s:g}", f"{s + 1:g}", plural(b.rounds, "round")]
                for s, b in zip(starts, rows, strict=True)
            ],
            name="Rounds",
            hovertemplate="%{customdata[0]}-%{customdata[1]} s: %{customdata[2]}<extra></extra>",
        )
    )
    base_layout(figure, title, "Seconds to answer", "Rounds")
    figure.update_layout(bargap=0.05)
    count_axis(figure, max(b.rounds for b in rows))
    return figure
