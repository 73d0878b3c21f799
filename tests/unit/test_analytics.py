"""Coach review analytics without Streamlit or a database: each figure draws the rows it is
given (traces, values, labels), says so when there is nothing to draw, and keeps people's
text inert; the KPI delta, first-to-best, the sessions table and the CSV match their input."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

from coach import analytics
from coach.analytics import (
    CSV_COLUMNS,
    FirstToBest,
    day_bounds,
    dimension_averages_figure,
    first_to_best,
    first_to_best_figure,
    is_empty,
    kpi_delta,
    learner_trend_figure,
    my_dimension_trend_figure,
    preset_bounds,
    response_time_figure,
    rounds_csv,
    score_distribution_figure,
    session_rows,
)

T0 = datetime(2026, 11, 2, 15, 30, tzinfo=UTC)
HOSTILE = '<a href="https://evil.example">Eve</a> %{y} <img src=x>'


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


@dataclass(frozen=True)
class Round:
    session_id: str = "s1"
    round_number: int = 1
    created_at: datetime = T0
    ai_score: int | None = 6
    human_score: int | None = None
    learner_id: str = "l1"
    learner_name: str = "Ana Ruiz"
    team: str | None = "Admissions"
    domain_id: str = "communication_coach"
    domain_name: str = "Communication Skills Coach"
    response_time_ms: int | None = 1200
    dimension_scores: dict[str, Any] | None = field(default_factory=lambda: {"empathy": 6})
    dimension_reasons: dict[str, str] | None = None
    override_reason: str | None = None
    override_by: str | None = None
    override_at: datetime | None = None
    override_count: int = 0
    reviewed: bool = False
    feedback: str | None = "Good start."
    learner_message: str = "I said sorry."
    coach_response: str = "What did you say next?"
    round_id: str = ""

    @property
    def score(self) -> int | None:
        return self.human_score if self.human_score is not None else self.ai_score


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
    assert "Score %{x}: %{y} rounds" in bar.hovertemplate


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
    assert list(ana.customdata) == [3, 1]
    assert list(ben.y) == [7.5]
    assert figure.layout.yaxis.title.text == "Average score"
    assert figure.layout.xaxis.title.text == "Day (UTC)"
    assert "%{customdata} rounds" in ana.hovertemplate


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
    assert list(arch.y) == ["trade-off analysis"]
    assert list(comm.customdata) == [10, 10]
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
    assert [list(c) for c in bar.customdata] == [["1", "2"], ["3", "4"]]
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


# My progress ----------------------------------------------------------------------------------
def test_my_dimension_trend_averages_each_dimension_per_day() -> None:
    rounds = [
        Round(created_at=T0, dimension_scores={"empathy": 4, "clarity": 6}),
        Round(created_at=T0 + timedelta(hours=1), dimension_scores={"empathy": 7, "clarity": None}),
        Round(created_at=T0 + timedelta(days=2), dimension_scores={"empathy": 8}),
        Round(
            domain_id="onboarding_mentor",
            domain_name="Onboarding Mentor",
            dimension_scores={"curiosity": 9},
        ),
        Round(dimension_scores=None),
    ]
    figure = my_dimension_trend_figure(rounds)
    by_name = {t.name: t for t in figure.data}
    assert set(by_name) == {"empathy", "clarity", "curiosity"}
    assert list(by_name["empathy"].y) == [5.5, 8.0]  # (4 + 7) / 2, then 8
    assert list(by_name["empathy"].x) == [date(2026, 11, 2), date(2026, 11, 4)]
    assert list(by_name["empathy"].customdata) == [2, 1]
    assert list(by_name["clarity"].y) == [6.0]  # the unscored dimension is skipped
    assert by_name["curiosity"].legendgrouptitle.text == "Onboarding Mentor"
    empty = my_dimension_trend_figure([Round(dimension_scores=None)])
    assert is_empty(empty) and "Chat page" in empty.layout.annotations[0].text


def test_first_to_best_per_coach_uses_the_human_score_where_present() -> None:
    rounds = [
        Round(session_id="s1", round_number=2, created_at=T0 + timedelta(minutes=1), ai_score=5),
        Round(session_id="s1", round_number=1, created_at=T0, ai_score=3),
        Round(session_id="s2", created_at=T0 + timedelta(days=3), ai_score=6, human_score=9),
        Round(session_id="s3", created_at=T0 + timedelta(days=4), ai_score=9),  # ties: earliest
        Round(session_id="s4", created_at=T0 + timedelta(days=5), ai_score=None),
        Round(
            session_id="x",
            domain_id="onboarding_mentor",
            domain_name="Onboarding Mentor",
            ai_score=7,
        ),
    ]
    comm, onboarding = first_to_best(rounds)
    assert comm == FirstToBest(
        domain_id="communication_coach",
        domain_name="Communication Skills Coach",
        first_score=3,
        best_score=9,
        improvement=6,
        rounds=4,
        first_at=T0,
        best_at=T0 + timedelta(days=3),
    )
    assert (onboarding.first_score, onboarding.best_score, onboarding.improvement) == (7, 7, 0)
    assert first_to_best([Round(ai_score=None)]) == []

    figure = first_to_best_figure([comm, onboarding])
    first, best = figure.data
    assert (first.name, best.name) == ("First score", "Best score")
    assert list(first.x) == ["Communication Skills Coach", "Onboarding Mentor"]
    assert list(first.y) == [3, 7] and list(best.y) == [9, 7]
    assert list(best.text) == ["+6", "+0"]
    assert is_empty(first_to_best_figure([]))


# KPIs -----------------------------------------------------------------------------------------
def test_kpi_delta() -> None:
    assert kpi_delta(12, 9) == "+3"
    assert kpi_delta(Decimal("6.4"), Decimal("6.8"), decimals=1) == "-0.4"
    assert kpi_delta(Decimal("0.5"), Decimal("0.25"), percent=True) == ("+25 pts")
    assert kpi_delta(2100, 2400, unit=" ms") == "-300 ms"
    assert kpi_delta(5, 5) == "No change"
    assert kpi_delta(Decimal("6.04"), Decimal("6.0"), decimals=1) == "No change"
    assert kpi_delta(5, None) is None  # no date range: nothing to compare with
    assert kpi_delta(None, 5) is None


def test_periods_are_whole_utc_days() -> None:
    today = date(2026, 12, 1)
    assert preset_bounds("all", today) == (None, None)
    start, end = preset_bounds("7d", today)
    assert start == datetime(2026, 11, 25, tzinfo=UTC)
    assert end == datetime(2026, 12, 2, tzinfo=UTC)  # exclusive: today counts
    assert day_bounds(today, today) == (
        datetime(2026, 12, 1, tzinfo=UTC),
        datetime(2026, 12, 2, tzinfo=UTC),
    )


# the sessions table ---------------------------------------------------------------------------
def test_session_rows_group_the_rounds_newest_session_first() -> None:
    rounds = [
        Round(session_id="old", round_number=1, created_at=T0, ai_score=4),
        Round(session_id="old", round_number=2, created_at=T0 + timedelta(minutes=2), ai_score=5),
        Round(
            session_id="old",
            round_number=3,
            created_at=T0 + timedelta(minutes=4),
            ai_score=5,
            human_score=8,
            override_count=2,
            reviewed=True,
        ),
        Round(session_id="new", created_at=T0 + timedelta(days=1), ai_score=None),
    ]
    new, old = session_rows(rounds)
    assert new.session_id == "new" and new.average_score is None and new.rounds == 1
    assert not new.reviewed
    assert old.rounds == 3 and old.overrides == 1 and old.reviewed
    assert old.average_score == Decimal("5.7")  # (4 + 5 + 8) / 3, the coach's 8 counts
    assert old.started_at == T0 and old.last_at == T0 + timedelta(minutes=4)
    assert session_rows([]) == []


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
        Round(round_id="r2", round_number=2, ai_score=None, team=None, response_time_ms=None),
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
    assert [r["round_id"] for r in rows] == ["r1", "r2"]


def test_the_csv_of_nothing_is_the_header() -> None:
    assert read_csv(rounds_csv([])) == []
    assert rounds_csv([]).decode("utf-8-sig").strip() == ",".join(CSV_COLUMNS)


def test_csv_text_that_looks_like_a_formula_is_not_one() -> None:
    [row] = read_csv(rounds_csv([Round(learner_message='=HYPERLINK("http://x")')]))
    assert row["learner_message"] == '\'=HYPERLINK("http://x")'
    assert analytics.csv_cell(-3) == "-3"  # numbers stay numbers


# the Learners page ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Learner:
    learner_id: str
    learner_name: str = "Ana Ruiz"
    team: str | None = "Admissions"
    sessions: int = 2
    rounds: int = 6
    average_score: Decimal | None = Decimal("6.5")
    first_score: int | None = 4
    latest_score: int | None = 8
    best_score: int | None = 9
    last_round_at: datetime = T0
    unreviewed_sessions: int = 0
    overridden_rounds: int = 0
    change: Decimal | None = Decimal("1.5")


def test_attention_order_puts_unreviewed_sessions_then_falling_scores_first() -> None:
    learners = [
        Learner("rising", change=Decimal("2.0")),
        Learner("new", change=None),
        Learner("falling", change=Decimal("-1.2")),
        Learner("waiting", unreviewed_sessions=1, change=Decimal("3.0")),
        Learner("most waiting", unreviewed_sessions=3, change=Decimal("0.5")),
        Learner("waiting, falling", unreviewed_sessions=1, change=Decimal("-0.1")),
        Learner("waiting, new", unreviewed_sessions=1, change=None),
        Learner("flat", change=Decimal("0.0")),
    ]
    ordered = analytics.attention_order(learners)
    assert [r.learner_id for r in ordered] == [
        "most waiting",
        "waiting, falling",
        "waiting",
        "waiting, new",
        "falling",
        "flat",
        "rising",
        "new",
    ]
    assert analytics.attention_order(reversed(learners)) == ordered  # input order is no tiebreak
    assert analytics.attention_order([]) == []


def test_attention_order_breaks_ties_by_name_then_id() -> None:
    learners = [
        Learner("2", learner_name="bea"),
        Learner("1", learner_name="Bea"),
        Learner("3", learner_name="Al"),
    ]
    assert [r.learner_id for r in analytics.attention_order(learners)] == ["3", "1", "2"]


def test_the_learners_frame_has_a_row_per_learner_and_keeps_missing_scores_missing() -> None:
    learners = [
        Learner("a", learner_name=HOSTILE, unreviewed_sessions=2),
        Learner(
            "b",
            learner_name="Ben",
            team=None,
            average_score=None,
            first_score=None,
            latest_score=None,
            best_score=None,
            change=None,
            rounds=1,
            sessions=1,
        ),
    ]
    frame = analytics.learners_frame(learners)
    assert list(frame.columns) == list(analytics.LEARNER_COLUMNS)
    assert list(frame["Learner"]) == [HOSTILE, "Ben"]  # as data, in the order given
    assert list(frame["Team"]) == ["Admissions", ""]
    assert list(frame["Not reviewed"]) == [2, 0]
    assert frame["Change"][0] == 1.5 and frame["Change"].isna()[1]
    assert frame["Average"][0] == 6.5 and frame["Average"].isna()[1]
    assert frame["First"][0] == 4 and frame["First"].isna()[1]  # not 0, nobody scored it
    assert str(frame["Best"].dtype) == "Int64"
    assert list(frame["Last round"]) == [T0, T0]
    empty = analytics.learners_frame([])
    assert list(empty.columns) == list(analytics.LEARNER_COLUMNS) and empty.empty


def test_change_text() -> None:
    assert analytics.change_text(Decimal("1.25")) == "+1.3"
    assert analytics.change_text(Decimal("-0.4")) == "-0.4"
    assert analytics.change_text(0) == "0.0"
    assert analytics.change_text(Decimal("-0.0")) == "0.0"
    assert analytics.change_text(None) == "—"


def test_my_dimension_trend_takes_a_coachs_title_and_empty_note() -> None:
    empty = my_dimension_trend_figure([], title="Scores per dimension", empty="Nothing here.")
    assert empty.layout.title.text == "Scores per dimension"
    assert empty.layout.annotations[0].text == "Nothing here."
    drawn = my_dimension_trend_figure([Round()], title="Scores per dimension")
    assert drawn.layout.title.text == "Scores per dimension" and drawn.data
