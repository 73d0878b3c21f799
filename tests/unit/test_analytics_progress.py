"""A learner's own progress (coach/analytics/progress.py) from plain rounds: the trend per
dimension averages each day, first-to-best reads the score analytics use, and a coach's page
can name the figure its own way.
"""

from __future__ import annotations

import contextvars
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from coach import clock
from coach.analytics.figures import is_empty, learner_trend_figure
from coach.analytics.progress import (
    FirstToBest,
    first_to_best,
    first_to_best_figure,
    my_day_averages,
    my_dimension_trend_figure,
)
from tests.unit.analytics_cases import T0, Round


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
    assert list(by_name["empathy"].customdata) == ["2 rounds", "1 round"]
    assert list(by_name["clarity"].y) == [6.0]  # the unscored dimension is skipped
    assert by_name["curiosity"].legendgrouptitle.text == "Onboarding Mentor"
    # each line its own marker and dash, not only its colour
    styles = {(t.marker.symbol, t.line.dash) for t in figure.data}
    assert len({m for m, _ in styles}) == len({d for _, d in styles}) == 3
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
    # told apart without colour: each bar says which it is, First has a fill pattern
    assert list(first.text) == ["First 3", "First 7"]
    assert list(best.text) == ["Best 9 (+6)", "Best 7 (+0)"]
    assert first.marker.pattern.shape != (best.marker.pattern.shape or "")
    assert is_empty(first_to_best_figure([]))


def test_my_dimension_trend_takes_a_coachs_title_and_empty_note() -> None:
    empty = my_dimension_trend_figure([], title="Scores per dimension", empty="Nothing here.")
    assert empty.layout.title.text == "Scores per dimension"
    assert empty.layout.annotations[0].text == "Nothing here."
    drawn = my_dimension_trend_figure([Round()], title="Scores per dimension")
    assert drawn.layout.title.text == "Scores per dimension" and drawn.data


def test_my_trend_counts_days_in_the_learners_zone() -> None:
    """A journey audit: a Los Angeles student's evening round was plotted on the next day,
    under "Day (UTC)", while every other page dated it in her zone."""
    evening = datetime(2026, 12, 5, 3, 30, tzinfo=UTC)  # Dec 4, 7:30 pm in Los Angeles

    def drawn() -> Any:
        clock.use_zone(ZoneInfo("America/Los_Angeles"))
        return my_dimension_trend_figure([Round(created_at=evening, dimension_scores={"e": 6})])

    figure = contextvars.copy_context().run(drawn)
    assert list(figure.data[0].x) == [date(2026, 12, 4)]
    assert figure.layout.xaxis.title.text == "Day (Pacific Time)"


def test_my_average_per_day_is_on_the_learners_own_days() -> None:
    """A keyboard audit: My progress labelled one chart "Day (UTC)" (the database's days)
    and the chart beside it "Day (Pacific Time)"; an evening's round sat on the next
    day in one of them. Both now count the learner's days; a coach's score counts."""
    evening = datetime(2026, 12, 5, 3, 30, tzinfo=UTC)  # Dec 4, 7:30 pm in Los Angeles
    rounds = [
        Round(created_at=evening, ai_score=4),
        Round(created_at=evening - timedelta(hours=2), ai_score=3, human_score=8),
        Round(created_at=evening + timedelta(days=1), ai_score=None),  # not scored
    ]

    def drawn() -> Any:
        clock.use_zone(ZoneInfo("America/Los_Angeles"))
        points = my_day_averages(rounds)
        return points, learner_trend_figure(points, day_title=f"Day ({clock.zone_words()})")

    points, figure = contextvars.copy_context().run(drawn)
    assert [(p.day, float(p.average_score), p.rounds) for p in points] == [
        (date(2026, 12, 4), 6.0, 2)
    ]
    assert list(figure.data[0].x) == [date(2026, 12, 4)]
    assert figure.layout.xaxis.title.text == "Day (Pacific Time)"
