"""The Review page's filters in the database: every filter narrows the KPIs, the table and
each chart alike, the KPIs compare with the previous period of equal length, the filters
refuse nonsense themselves, and each review function is planned per call, out of anon's
reach.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import psycopg
import pytest

from db.models import ReviewFilters
from tests.conftest import People
from tests.db.coach_review_world import REVIEW_FUNCTIONS, World, repo
from tests.db.coach_review_world import world_fixture as world_fixture  # the `world` fixture
from tests.support.hosted import TransportFactory


# Filters -------------------------------------------------------------------------------------
def test_each_filter_narrows_the_numbers(
    transport_factory: TransportFactory, people: People, world: World
) -> None:
    coach = repo(transport_factory, people.coach)
    coach.mark_session_reviewed(session_id=world.b1)

    def counts(**filters: Any) -> tuple[int, int]:
        kpis = coach.review_kpis(ReviewFilters(**filters))
        rows = coach.review_rounds(ReviewFilters(**filters))
        assert len(rows) == kpis.rounds  # the table and the KPIs agree
        return kpis.sessions, kpis.rounds

    assert counts() == (3, 7)
    assert counts(domain_id="communication_coach") == (1, 3)
    assert counts(learner_id=world.learner_a) == (2, 5)
    assert counts(team="Sales East") == (1, 2)
    assert counts(since=world.day(6), until=world.day(1)) == (2, 4)  # A2 and B1
    assert counts(since=world.day(6)) == (2, 4)
    assert counts(until=world.day(6)) == (1, 3)  # A1
    assert counts(min_score=7) == (3, 3)  # 8, 7 and 9
    assert counts(max_score=5) == (2, 2)  # 4 and 5
    assert counts(min_score=5, max_score=6) == (2, 2)
    assert counts(reviewed=True) == (1, 2)
    assert counts(reviewed=False) == (2, 5)
    assert counts(team="Admissions", domain_id="scholarship_coach") == (1, 2)
    assert counts(domain_id="onboarding_mentor") == (0, 0)

    # every chart follows the same filters
    only_ben = ReviewFilters(team="Sales East")
    assert sum(b.rounds for b in coach.review_score_distribution(only_ben)) == 2
    assert {p.learner_id for p in coach.review_learner_trend(only_ben)} == {world.learner_b}
    assert {d.domain_id for d in coach.review_dimension_averages(only_ben)} == {
        "sales_workflow_coach"
    }
    assert sum(b.rounds for b in coach.review_response_times(only_ben)) == 2
    assert len(coach.review_rounds(limit=2)) == 2


def test_kpis_compare_with_the_previous_period_of_equal_length(
    transport_factory: TransportFactory, people: People, world: World
) -> None:
    coach = repo(transport_factory, people.coach)
    kpis = coach.review_kpis(ReviewFilters(since=world.day(6), until=world.day(1)))
    # this period: A2 (7, unscored) and B1 (5, 9); the five days before: A1 (4, 6, 8)
    assert (kpis.sessions, kpis.rounds, kpis.average_score) == (2, 4, Decimal("7.0"))
    assert kpis.average_response_ms == round((800 + 3100 + 3900) / 3)
    assert kpis.has_previous
    assert (kpis.prev_sessions, kpis.prev_rounds, kpis.prev_average_score) == (1, 3, Decimal("6.0"))
    assert kpis.prev_average_response_ms == round((1500 + 2500 + 9500) / 3)
    assert kpis.prev_reviewed_share == Decimal("0")

    empty_before = coach.review_kpis(ReviewFilters(since=world.day(2), until=world.day(1)))
    assert (empty_before.prev_sessions, empty_before.prev_rounds) == (0, 0)
    assert empty_before.prev_average_score is None
    assert not coach.review_kpis(ReviewFilters(since=world.day(6))).has_previous


def test_review_filters_check_themselves() -> None:
    filters = ReviewFilters(since=date(2026, 11, 1), until=datetime(2026, 11, 8))
    assert filters.as_params()["p_from"] == datetime(2026, 11, 1, tzinfo=UTC)
    assert filters.as_params()["p_to"] == datetime(2026, 11, 8, tzinfo=UTC)
    assert set(ReviewFilters().as_params().values()) == {None}
    with pytest.raises(ValueError, match="lowest score"):
        ReviewFilters(min_score=8, max_score=3)
    with pytest.raises(ValueError, match="start must be before the end"):
        ReviewFilters(since=date(2026, 11, 8), until=date(2026, 11, 1))
    with pytest.raises(ValueError):
        ReviewFilters(min_score=0)


def test_review_functions_are_planned_per_call_and_kept_from_anon(db_url: str) -> None:
    """Each filter value is planned for (a generic plan over 100k rounds took seconds);
    nothing reads the clock or the search path behind app_now(); anon executes none."""
    with psycopg.connect(db_url) as conn:
        rows = conn.execute(
            """select p.proname, coalesce(p.proconfig, '{}'),
                      has_function_privilege('anon', p.oid, 'execute'),
                      has_function_privilege('authenticated', p.oid, 'execute'),
                      p.prosecdef
                 from pg_proc p
                where p.pronamespace = 'public'::regnamespace
                  and (p.proname like 'review\\_%%' or p.proname in
                       ('override_round_score', 'mark_session_reviewed'))"""
        ).fetchall()
    found = {
        name: (config, anon, signed_in, definer) for name, config, anon, signed_in, definer in rows
    }
    assert set(found) == {*REVIEW_FUNCTIONS, "override_round_score", "mark_session_reviewed"}
    for name, (config, anon, signed_in, definer) in found.items():
        assert 'search_path=""' in config, name
        assert not anon and signed_in, name
        if name.startswith("review_") and name != "review_filter_options":
            assert "plan_cache_mode=force_custom_plan" in config, name
            assert not definer, name  # security invoker: RLS decides
        if not name.startswith("review_"):
            assert definer, name
