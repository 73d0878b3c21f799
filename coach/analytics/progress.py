"""A learner's own progress, as My progress and a coach's view of one learner show it: the
trend per evaluation dimension, and first score to best score per coach. Apart from the
Review page's charts because these read the learner's rounds themselves, not the
database's aggregates over everyone.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

# plotly reads pandas from sys.modules unlocked: imported here first, a chart never sees
# it half-imported by another session's thread ("partially initialized module 'pandas'")
import pandas  # type: ignore[import-untyped]  # noqa: F401
import plotly.graph_objects as go  # type: ignore[import-untyped]

from coach.analytics.figures import (
    DAY_FORMAT,
    SCORE_RANGE,
    bar_pattern,
    base_layout,
    day_axis,
    empty_figure,
    escape,
    line_style,
)
from coach.analytics.rows import ReviewedRound
from coach.clock import local, plural, zone_words
from coach.report import average, dimension_label


def my_dimension_trend_figure(
    rounds: Sequence[ReviewedRound],
    *,
    title: str = "Your scores per dimension over time",
    empty: str = "No scored rounds yet. Talk with a coach on the Chat page.",
) -> go.Figure:
    """A learner's own trend per evaluation dimension: the day's average of each dimension,
    one line per dimension, grouped in the legend by coach. The title and the empty note
    are the student's words by default; a coach's page names the learner instead."""
    days: dict[tuple[str, str], dict[date, list[float]]] = defaultdict(lambda: defaultdict(list))
    names: dict[str, str] = {}
    for r in rounds:
        names[r.domain_id] = r.domain_name or r.domain_id
        for dimension, value in (r.dimension_scores or {}).items():
            if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
                day = local(r.created_at).date()  # the learner's day, as every page dates it
                days[(r.domain_id, dimension)][day].append(float(value))
    if not days:
        return empty_figure(title, empty)
    figure = go.Figure()
    order = sorted(days, key=lambda k: (names[k[0]], k[1]))
    for index, (domain_id, dimension) in enumerate(order):
        series = sorted(days[(domain_id, dimension)].items())
        figure.add_trace(
            go.Scatter(
                **line_style(index),
                x=[day for day, _ in series],
                y=[float(average(values)) for _, values in series],
                customdata=[plural(len(values), "round") for _, values in series],
                mode="lines+markers",
                name=escape(dimension_label(dimension)),
                legendgroup=domain_id,
                legendgrouptitle={"text": escape(names[domain_id])},
                hovertemplate="%{x|" + DAY_FORMAT + "}: %{y:.1f} over %{customdata}",
            )
        )
    base_layout(figure, title, f"Day ({zone_words()})", "Average score")
    figure.update_yaxes(range=SCORE_RANGE)
    day_axis(figure, [day for series in days.values() for day in series])
    return figure


@dataclass(frozen=True)
class DayAverage:
    """A learner's average score on one of their own days (a `LearnerTrendRow`)."""

    learner_id: str
    learner_name: str
    day: date
    average_score: Decimal
    rounds: int


def my_day_averages(rounds: Iterable[ReviewedRound]) -> list[DayAverage]:
    """A learner's average score per day, on their own days: My progress drew this from the
    database's UTC days beside a dimension chart in the learner's zone, so an evening's
    rounds sat on the next day in one chart and on their own in the other (an audit)."""
    days: dict[tuple[str, date], list[float]] = defaultdict(list)
    names: dict[str, str] = {}
    for r in rounds:
        if r.score is not None:
            names[r.learner_id] = r.learner_name or ""
            days[(r.learner_id, local(r.created_at).date())].append(float(r.score))
    return [
        DayAverage(learner, names[learner], day, average(scores), len(scores))
        for (learner, day), scores in sorted(days.items())
    ]


@dataclass(frozen=True)
class FirstToBest:
    """Per coach: the first scored round's score, the best since, and the gain."""

    domain_id: str
    domain_name: str
    first_score: int
    best_score: int
    improvement: int
    rounds: int  # scored rounds with this coach
    first_at: datetime
    best_at: datetime


def first_to_best(rounds: Iterable[ReviewedRound]) -> list[FirstToBest]:
    """First-to-best improvement per coach, on the score analytics use (the coach's where
    they overrode the AI's). Rounds without a score are skipped; a tie for best keeps the
    earliest. Ordered by coach name."""
    by_domain: dict[str, list[ReviewedRound]] = defaultdict(list)
    for r in rounds:
        if r.score is not None:
            by_domain[r.domain_id].append(r)
    result = []
    for domain_id, scored in by_domain.items():
        scored.sort(key=lambda r: (r.created_at, r.session_id or "", r.round_number))
        first = scored[0]
        best = max(scored, key=lambda r: r.score or 0)  # max keeps the first of equals
        assert first.score is not None and best.score is not None
        result.append(
            FirstToBest(
                domain_id=domain_id,
                domain_name=first.domain_name or domain_id,
                first_score=first.score,
                best_score=best.score,
                improvement=best.score - first.score,
                rounds=len(scored),
                first_at=first.created_at,
                best_at=best.created_at,
            )
        )
    return sorted(result, key=lambda f: (f.domain_name, f.domain_id))


def first_to_best_figure(items: Sequence[FirstToBest]) -> go.Figure:
    """First score beside best score, per coach."""
    title = "First score to best score, per coach"
    if not items:
        return empty_figure(title, "No scored rounds yet. Talk with a coach on the Chat page.")
    names = [escape(f.domain_name) for f in items]
    gains = [f"{f.improvement:+d}" for f in items]
    figure = go.Figure(
        [
            go.Bar(
                x=names,
                y=[f.first_score for f in items],
                name="First score",
                marker=bar_pattern(1),  # told from Best by its fill and its label, not colour
                text=[f"First {f.first_score}" for f in items],
                textposition="outside",
                hovertemplate="First score: %{y}<extra></extra>",
            ),
            go.Bar(
                x=names,
                y=[f.best_score for f in items],
                name="Best score",
                text=[
                    f"Best {f.best_score} ({gain})" for f, gain in zip(items, gains, strict=True)
                ],
                textposition="outside",
                customdata=gains,
                hovertemplate="Best score: %{y} (%{customdata})<extra></extra>",
            ),
        ]
    )
    base_layout(figure, title, "Coach", "Score")
    figure.update_layout(barmode="group")
    figure.update_yaxes(range=[0, 11])
    return figure
