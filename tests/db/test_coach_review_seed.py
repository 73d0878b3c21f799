"""The seeded review history the charts are demonstrated with: there is something for every
chart to say (and the demo student sees only herself), and seeding again adds nothing,
from a plan that comes out the same every time.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

import psycopg

from db.identity import Identity
from db.seed import (
    DEMO_COACH,
    load_review_history,
    plan_review_history,
    seed_demo,
)
from tests.db.coach_review_world import DIMS, repo
from tests.support.hosted import TransportFactory

MAYA = UUID("0d1f5a2e-0000-4000-8000-000000000001")


# Seeded history ------------------------------------------------------------------------------
def test_the_seeded_history_gives_every_chart_something_to_say(
    transport_factory: TransportFactory, db_url: str
) -> None:
    seed_demo(db_url)
    history = load_review_history()
    rivera = repo(transport_factory, Identity.user(DEMO_COACH))

    kpis = rivera.review_kpis()
    assert kpis.sessions >= 50 and kpis.rounds >= 250
    assert kpis.reviewed_share is not None and Decimal("0") < kpis.reviewed_share < Decimal("1")
    assert len([b for b in rivera.review_score_distribution() if b.rounds]) >= 5
    trend = rivera.review_learner_trend()
    assert {p.learner_name for p in trend} >= {learner.name for learner in history.learners}
    dims = rivera.review_dimension_averages()
    assert {d.domain_id for d in dims} == {
        "sales_workflow_coach",
        "architecture_advisor",
        "communication_coach",
        "onboarding_mentor",
        "scholarship_coach",
    }
    assert len(rivera.review_response_times()) >= 5
    rounds = rivera.review_rounds()
    assert all(800 <= r.response_time_ms <= 9000 for r in rounds if r.response_time_ms)
    overridden = [r for r in rounds if r.overridden]
    assert len(overridden) >= 3 and {r.override_by for r in overridden} == {"Dr. Sam Rivera"}
    assert any(r.override_count == 2 for r in overridden)  # one round was looked at twice
    options = rivera.review_filter_options()
    assert {o.label for o in options if o.kind == "team"} >= {
        "Admissions",
        "Sales East",
        "Platform",
    }
    assert len([o for o in options if o.kind == "learner"]) >= 10  # the eight and the students

    # the scores climb over the weeks: each learner's last week beats their first
    for learner in history.learners:
        points = sorted((p.day, p.average_score) for p in trend if p.learner_name == learner.name)
        assert points[-1][1] > points[0][1] or points[-2][1] > points[1][1], learner.name

    # the demo student sees only herself: more rounds than the demo began with, her
    # coach's override with the reason
    maya = repo(transport_factory, Identity.user(MAYA))
    own = maya.review_rounds()
    assert len(own) >= 6 and {r.learner_name for r in own} == {"Maya Torres"}
    assert len({p.day for p in maya.review_learner_trend()}) >= 3
    [changed] = [r for r in own if r.overridden]
    assert changed.override_by == "Dr. Sam Rivera" and changed.override_reason


def test_seeding_again_adds_nothing_and_the_plan_is_deterministic(db_url: str) -> None:
    def snapshot() -> list[tuple[Any, ...]]:
        with psycopg.connect(db_url) as conn:
            return conn.execute(
                """select 'round', session_id, round_number::text, score::text, created_at::text
                     from public.coaching_sessions
                   union all
                   select 'override', round_id::text, score::text, reason, created_at::text
                     from public.coaching_score_overrides
                   union all
                   select 'review', session_id, reviewer_name, coalesce(note, ''),
                          reviewed_at::text from public.coaching_session_reviews
                   union all
                   select 'learner', id::text, name, coalesce(team, ''), '' from public.learners
                   order by 1, 2, 3"""
            ).fetchall()

    seed_demo(db_url)
    first = snapshot()
    seed_demo(db_url)
    assert snapshot() == first

    history = load_review_history()
    dimensions = {domain: list(names) for domain, names in DIMS.items()} | {
        "architecture_advisor": ["a", "b", "c", "d"],
        "onboarding_mentor": ["e", "f", "g", "h"],
    }
    at = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
    plan = plan_review_history(history, dimensions, at)
    assert plan == plan_review_history(history, dimensions, at)
    assert all(r.created_at < at for s in plan for r in s.rounds)
    assert all(3 <= len(s.rounds) <= 8 for s in plan)
    assert len(plan) >= 7 * len(history.learners)
    for session in plan:  # every learner sees all five coaches
        assert {s.domain_id for s in plan if s.learner_id == session.learner_id} == set(dimensions)
