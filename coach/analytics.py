"""Coach review analytics, pure: the database's aggregates (or a learner's own rounds) in,
plotly figures, KPI deltas, the sessions table, first-to-best and the CSV out.

No streamlit and no I/O: the Review, Learners and My progress pages call these with what the
repository returned (`db.models` rows fit the protocols below), and the unit tests call them
with plain dataclasses. Names and labels written by people or models reach plotly escaped,
because plotly reads a subset of HTML (`<a href>`, `<b>`, `<br>`) in every text it draws;
they go in as data (trace names, categories, customdata), never into a hover template,
where `%{...}` would be read as a placeholder.
"""

from __future__ import annotations

import csv
import html
import io
import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal, Protocol, TypeVar

import pandas as pd  # type: ignore[import-untyped]
import plotly.graph_objects as go  # type: ignore[import-untyped]

from coach.report import average, dimension_label

Number = int | float | Decimal

NO_ROUNDS = "No scored rounds match these filters. Widen the filters to see more."
SCORE_RANGE = [0, 10.5]
HEIGHT = 340


# what the figures read (db.models has each of these) -----------------------------------------
class ScoreBucketRow(Protocol):
    @property
    def score(self) -> int: ...
    @property
    def rounds(self) -> int: ...


class LearnerTrendRow(Protocol):
    @property
    def learner_id(self) -> str: ...
    @property
    def learner_name(self) -> str: ...
    @property
    def day(self) -> date: ...
    @property
    def average_score(self) -> Number: ...
    @property
    def rounds(self) -> int: ...


class DimensionAverageRow(Protocol):
    @property
    def domain_id(self) -> str: ...
    @property
    def domain_name(self) -> str: ...
    @property
    def dimension(self) -> str: ...
    @property
    def average_score(self) -> Number: ...
    @property
    def rounds(self) -> int: ...


class ResponseTimeRow(Protocol):
    @property
    def bucket_ms(self) -> int: ...
    @property
    def rounds(self) -> int: ...


class ReviewedRound(Protocol):
    """One round as the review view shows it (db.models.RoundReview)."""

    @property
    def round_id(self) -> Any: ...
    @property
    def session_id(self) -> str | None: ...
    @property
    def learner_id(self) -> str: ...
    @property
    def learner_name(self) -> str | None: ...
    @property
    def team(self) -> str | None: ...
    @property
    def domain_id(self) -> str: ...
    @property
    def domain_name(self) -> str | None: ...
    @property
    def round_number(self) -> int: ...
    @property
    def created_at(self) -> datetime: ...
    @property
    def ai_score(self) -> int | None: ...
    @property
    def human_score(self) -> int | None: ...
    @property
    def score(self) -> int | None: ...
    @property
    def dimension_scores(self) -> Mapping[str, Any] | None: ...
    @property
    def override_count(self) -> int: ...
    @property
    def reviewed(self) -> bool: ...


# shared pieces -------------------------------------------------------------------------------
def escape(text: object) -> str:
    """Text for plotly: its HTML subset shown as the characters typed."""
    return html.escape(str(text), quote=False)


def _layout(figure: go.Figure, title: str, x_title: str, y_title: str) -> go.Figure:
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


def _float(value: Number | None) -> float | None:
    return None if value is None else float(value)


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
            name="Rounds",
            hovertemplate="Score %{x}: %{y} rounds<extra></extra>",
        )
    )
    _layout(figure, title, "Score (the coach's where overridden, else the AI's)", "Rounds")
    figure.update_xaxes(dtick=1, range=[0.5, 10.5])
    return figure


def learner_trend_figure(
    points: Sequence[LearnerTrendRow],
    *,
    max_learners: int = 12,
    title: str = "Average score per learner over time",
) -> go.Figure:
    """Average score per learner per day, one line per learner. With many learners only the
    `max_learners` with the most rounds are drawn (the title says so), so the chart stays
    readable; the filters narrow it to anyone."""
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
    for learner_id in sorted(shown, key=lambda lid: (by_learner[lid][0].learner_name, lid)):
        rows = sorted(by_learner[learner_id], key=lambda p: p.day)
        figure.add_trace(
            go.Scatter(
                x=[p.day for p in rows],
                y=[float(p.average_score) for p in rows],
                customdata=[p.rounds for p in rows],
                mode="lines+markers",
                name=escape(rows[0].learner_name),
                hovertemplate="%{x|%b %d}: %{y:.1f} over %{customdata} rounds",
            )
        )
    _layout(figure, title, "Day (UTC)", "Average score")
    figure.update_yaxes(range=SCORE_RANGE)
    return figure


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
    for domain_id in sorted(by_domain, key=lambda d: (by_domain[d][0].domain_name, d)):
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
                y=labels,
                x=[float(r.average_score) for r in items],
                orientation="h",
                text=[f"{float(r.average_score):.1f}" for r in items],
                textposition="outside",
                cliponaxis=False,
                customdata=[r.rounds for r in items],
                name=name,
                hovertemplate="%{y}: %{x:.1f} over %{customdata} rounds",
            )
        )
    _layout(figure, title, "Average score", "")
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
            customdata=[[f"{s:g}", f"{s + 1:g}"] for s in starts],
            name="Rounds",
            hovertemplate="%{customdata[0]}-%{customdata[1]} s: %{y} rounds<extra></extra>",
        )
    )
    _layout(figure, title, "Seconds to answer", "Rounds")
    figure.update_layout(bargap=0.05)
    return figure


# My progress ----------------------------------------------------------------------------------
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
                day = r.created_at.astimezone(UTC).date()
                days[(r.domain_id, dimension)][day].append(float(value))
    if not days:
        return empty_figure(title, empty)
    figure = go.Figure()
    for domain_id, dimension in sorted(days, key=lambda k: (names[k[0]], k[1])):
        series = sorted(days[(domain_id, dimension)].items())
        figure.add_trace(
            go.Scatter(
                x=[day for day, _ in series],
                y=[float(average(values)) for _, values in series],
                customdata=[len(values) for _, values in series],
                mode="lines+markers",
                name=escape(dimension_label(dimension)),
                legendgroup=domain_id,
                legendgrouptitle={"text": escape(names[domain_id])},
                hovertemplate="%{x|%b %d}: %{y:.1f} over %{customdata} rounds",
            )
        )
    _layout(figure, title, "Day (UTC)", "Average score")
    figure.update_yaxes(range=SCORE_RANGE)
    return figure


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
                hovertemplate="First score: %{y}<extra></extra>",
            ),
            go.Bar(
                x=names,
                y=[f.best_score for f in items],
                name="Best score",
                text=gains,
                textposition="outside",
                hovertemplate="Best score: %{y} (%{text})<extra></extra>",
            ),
        ]
    )
    _layout(figure, title, "Coach", "Score")
    figure.update_layout(barmode="group")
    figure.update_yaxes(range=[0, 11])
    return figure


# KPIs -----------------------------------------------------------------------------------------
def kpi_delta(
    current: Number | None,
    previous: Number | None,
    *,
    decimals: int = 0,
    percent: bool = False,
    unit: str = "",
) -> str | None:
    """ "+0.4" for st.metric's delta (the page says once what it is compared with: five
    "vs previous period" pills do not fit a row); None when there is no previous period to
    compare with (no date range) or no value. A share (0..1) with `percent` is compared in
    percentage points. "No change" when equal."""
    if current is None or previous is None:
        return None
    change = Decimal(str(current)) - Decimal(str(previous))
    if percent:
        change *= 100
        unit = " pts"
    change = change.quantize(Decimal(1).scaleb(-decimals))
    if change == 0:
        return "No change"
    return f"{change:+.{decimals}f}{unit}"


Preset = Literal["7d", "30d", "90d", "all"]
PRESET_DAYS: dict[str, int] = {"7d": 7, "30d": 30, "90d": 90}


def day_bounds(first: date, last: date) -> tuple[datetime, datetime]:
    """Whole UTC days from `first` through `last`: (start, end), the end exclusive."""
    start = datetime.combine(first, time.min, tzinfo=UTC)
    end = datetime.combine(last + timedelta(days=1), time.min, tzinfo=UTC)
    return start, end


def preset_bounds(preset: Preset, today: date) -> tuple[datetime | None, datetime | None]:
    """ "Last 7 days" and the like as whole UTC days ending with today; "all" is unbounded."""
    days = PRESET_DAYS.get(preset)
    if days is None:
        return None, None
    return day_bounds(today - timedelta(days=days - 1), today)


# the sessions table ---------------------------------------------------------------------------
@dataclass(frozen=True)
class SessionRow:
    session_id: str
    learner_id: str
    learner_name: str
    team: str | None
    domain_id: str
    domain_name: str
    started_at: datetime
    last_at: datetime
    rounds: int
    average_score: Decimal | None  # of the scores analytics use, one decimal
    overrides: int  # rounds a coach re-scored
    reviewed: bool


def session_rows(rounds: Iterable[ReviewedRound]) -> list[SessionRow]:
    """The filtered rounds grouped by session, most recently active first. A round without a
    session (none the chat writes) belongs to no row."""
    by_session: dict[str, list[ReviewedRound]] = defaultdict(list)
    for r in rounds:
        if r.session_id is not None:
            by_session[r.session_id].append(r)
    rows = []
    for session_id, items in by_session.items():
        first = min(items, key=lambda r: r.created_at)
        scores = [r.score for r in items if r.score is not None]
        rows.append(
            SessionRow(
                session_id=session_id,
                learner_id=first.learner_id,
                learner_name=first.learner_name or first.learner_id,
                team=first.team,
                domain_id=first.domain_id,
                domain_name=first.domain_name or first.domain_id,
                started_at=first.created_at,
                last_at=max(r.created_at for r in items),
                rounds=len(items),
                average_score=average(scores) if scores else None,
                overrides=sum(1 for r in items if r.override_count > 0),
                reviewed=any(r.reviewed for r in items),
            )
        )
    return sorted(rows, key=lambda s: (s.last_at, s.session_id), reverse=True)


# the Learners page ----------------------------------------------------------------------------
class LearnerSummaryRow(Protocol):
    """One learner's numbers (db.models.LearnerSummary)."""

    @property
    def learner_id(self) -> str: ...
    @property
    def learner_name(self) -> str: ...
    @property
    def team(self) -> str | None: ...
    @property
    def sessions(self) -> int: ...
    @property
    def rounds(self) -> int: ...
    @property
    def average_score(self) -> Number | None: ...
    @property
    def first_score(self) -> int | None: ...
    @property
    def latest_score(self) -> int | None: ...
    @property
    def best_score(self) -> int | None: ...
    @property
    def last_round_at(self) -> datetime: ...
    @property
    def unreviewed_sessions(self) -> int: ...
    @property
    def overridden_rounds(self) -> int: ...
    @property
    def change(self) -> Number | None: ...


L = TypeVar("L", bound=LearnerSummaryRow)

LEARNER_COLUMNS = (
    "Learner",
    "Team",
    "Not reviewed",
    "Change",
    "Average",
    "First",
    "Latest",
    "Best",
    "Sessions",
    "Rounds",
    "Overrides",
    "Last round",
)
ATTENTION_ORDER = (
    "Who needs attention first: the most sessions nobody has reviewed, then the steepest "
    "fall in score (Change: the last five scored rounds against the first five)."
)


def attention_order(learners: Iterable[L]) -> list[L]:
    """Sessions waiting for a review are work a coach owes, so they come first (most first);
    among equals, a falling score before a rising one, and a learner with too few scored
    rounds to have a change after those who have one. Name, then id, settles the rest, so
    the order is the same on every run."""

    def key(r: L) -> tuple[int, bool, Decimal, str, str]:
        change = Decimal(str(r.change)) if r.change is not None else Decimal(0)
        return (
            -r.unreviewed_sessions,
            r.change is None,
            change,
            r.learner_name.casefold(),
            r.learner_id,
        )

    return sorted(learners, key=key)


def learners_frame(learners: Sequence[LearnerSummaryRow]) -> pd.DataFrame:
    """The Learners table in the order given, one row per learner, with LEARNER_COLUMNS.
    Missing scores stay missing (nullable integers, NaN), so the table shows a placeholder
    rather than a zero nobody scored. Names and teams are data: a table cell is plain text."""
    return pd.DataFrame(
        {
            "Learner": [r.learner_name for r in learners],
            "Team": [r.team or "" for r in learners],
            "Not reviewed": [r.unreviewed_sessions for r in learners],
            "Change": [_float(r.change) for r in learners],
            "Average": [_float(r.average_score) for r in learners],
            "First": pd.array([r.first_score for r in learners], dtype="Int64"),
            "Latest": pd.array([r.latest_score for r in learners], dtype="Int64"),
            "Best": pd.array([r.best_score for r in learners], dtype="Int64"),
            "Sessions": [r.sessions for r in learners],
            "Rounds": [r.rounds for r in learners],
            "Overrides": [r.overridden_rounds for r in learners],
            "Last round": [r.last_round_at for r in learners],
        },
        columns=list(LEARNER_COLUMNS),
    )


def change_text(change: Number | None) -> str:
    """ "+1.2", "-0.4", "0.0" or "—" (too few scored rounds to compare); halves away from
    zero, as SQL's round() does."""
    if change is None:
        return "—"
    value = Decimal(str(change)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return "0.0" if value == 0 else f"{value:+.1f}"


# CSV ------------------------------------------------------------------------------------------
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
