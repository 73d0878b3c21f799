"""The review aggregates in the database, on both ends of the transport seam: once a coach
overrides a round, the human score is the one every KPI, chart and row reads; dimension
averages skip what the judge left unscored, and response times fall in one-second buckets.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from tests.conftest import People
from tests.db.coach_review_world import World, repo
from tests.db.coach_review_world import world_fixture as world_fixture  # the `world` fixture
from tests.support.hosted import TransportFactory


# The human score wins in every aggregate -----------------------------------------------------
def test_the_aggregates_use_the_human_score_where_there_is_one(
    transport_factory: TransportFactory, people: People, world: World
) -> None:
    coach = repo(transport_factory, people.coach)
    before = coach.review_kpis()
    assert (before.sessions, before.rounds) == (3, 7)
    assert before.average_score == Decimal("6.5")  # (4 + 6 + 8 + 7 + 5 + 9) / 6
    assert before.average_response_ms == 3550
    assert before.reviewed_share == Decimal("0")
    assert not before.has_previous
    distribution = [(b.score, b.rounds) for b in coach.review_score_distribution()]
    assert distribution == list(zip(range(1, 11), [0, 0, 0, 1, 1, 1, 1, 1, 1, 0], strict=True))

    coach.override_round_score(round_id=world.rounds["a1.1"], score=9, reason="Model answer.")

    after = coach.review_kpis()
    assert after.average_score == Decimal("7.3")  # (9 + 6 + 8 + 7 + 5 + 9) / 6
    assert after.reviewed_share == Decimal("0.333")  # one session of three
    distribution = {b.score: b.rounds for b in coach.review_score_distribution()}
    assert (distribution[4], distribution[9]) == (0, 2)
    trend = {
        (p.learner_name, p.day): (p.average_score, p.rounds) for p in coach.review_learner_trend()
    }
    assert trend == {
        ("Ana Student", world.day(10).date()): (Decimal("7.7"), 3),  # (9 + 6 + 8) / 3
        ("Ana Student", world.day(2).date()): (Decimal("7.0"), 1),  # the unscored round is out
        ("Ben Student", world.day(5).date()): (Decimal("7.0"), 2),
    }
    [row] = [r for r in coach.review_rounds() if r.round_id == world.rounds["a1.1"]]
    assert (row.ai_score, row.human_score, row.score) == (4, 9, 9)  # both, for the CSV


def test_dimension_averages_and_response_times(
    transport_factory: TransportFactory, people: People, world: World
) -> None:
    coach = repo(transport_factory, people.coach)
    dims = {
        (d.domain_id, d.dimension): (d.average_score, d.rounds)
        for d in coach.review_dimension_averages()
    }
    assert dims[("communication_coach", "empathy")] == (Decimal("6.0"), 3)
    assert dims[("communication_coach", "de_escalation")] == (Decimal("7.0"), 2)  # null skipped
    assert dims[("sales_workflow_coach", "objection_handling")] == (Decimal("7.0"), 2)
    assert dims[("scholarship_coach", "self_advocacy")] == (Decimal("7.0"), 1)
    assert len(dims) == 12
    names = {d.domain_name for d in coach.review_dimension_averages()}
    assert "Communication Skills Coach" in names

    buckets = {b.bucket_ms: b.rounds for b in coach.review_response_times()}
    assert buckets == {0: 1, 1000: 1, 2000: 1, 3000: 2, 9000: 1}  # the unscored round: none


def test_the_trend_counts_days_in_the_coachs_time_zone(
    transport_factory: TransportFactory, people: People, world: World
) -> None:
    """An audit's coach in Pacific Time saw the chart's "Day (UTC)" beside the table's
    Pacific times. The world's rounds are at noon UTC: 2 am the next day at UTC+14."""
    coach = repo(transport_factory, people.coach)
    utc = {(p.learner_name, p.day) for p in coach.review_learner_trend()}
    ahead = {
        (p.learner_name, p.day) for p in coach.review_learner_trend(time_zone="Pacific/Kiritimati")
    }
    assert ahead == {(name, day + timedelta(days=1)) for name, day in utc}
    unknown = coach.review_learner_trend(time_zone="Mars/Olympus_Mons")
    assert {(p.learner_name, p.day) for p in unknown} == utc
