"""Who reads the coach review, on both ends of the transport seam: RLS gives a coach or an
admin every learner's rounds and a student only their own (overrides and options included),
and anon gets neither the review functions nor the view and tables behind them.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from db.errors import NotAllowed
from tests.conftest import People
from tests.db.coach_review_world import REVIEW_FUNCTIONS, World, repo
from tests.db.coach_review_world import world_fixture as world_fixture  # the `world` fixture
from tests.support.hosted import TransportFactory


# RLS: a coach reads everyone, a student themselves ---------------------------------------------
def test_a_coach_reads_every_learner_and_a_student_only_themselves(
    transport_factory: TransportFactory, people: People, world: World
) -> None:
    repo(transport_factory, people.coach).override_round_score(
        round_id=world.rounds["a1.2"], score=3, reason="Too generous."
    )
    for who in (people.coach, people.admin):
        rows = repo(transport_factory, who).review_rounds()
        assert {r.learner_id for r in rows} == {world.learner_a, world.learner_b}
        assert len(rows) == 7

    ana = repo(transport_factory, people.student_a)
    own = ana.review_rounds()
    assert len(own) == 5 and {r.learner_id for r in own} == {world.learner_a}
    assert [r.created_at for r in own] == sorted((r.created_at for r in own), reverse=True)
    kpis = ana.review_kpis()
    assert (kpis.sessions, kpis.rounds) == (2, 5)
    assert kpis.average_score == Decimal("5.5")  # (4 + 3 + 8 + 7) / 4: the override counts
    [overridden] = [r for r in own if r.round_id == world.rounds["a1.2"]]
    assert (overridden.human_score, overridden.override_by) == (3, "Cora Coach")
    assert overridden.override_reason == "Too generous."  # she sees why, and who
    assert [o.score for o in ana.score_overrides(round_id=world.rounds["a1.2"])] == [3]
    assert {p.learner_name for p in ana.review_learner_trend()} == {"Ana Student"}
    assert sum(b.rounds for b in ana.review_score_distribution()) == 4
    assert sum(b.rounds for b in ana.review_response_times()) == 4
    options = {(o.kind, o.label) for o in ana.review_filter_options()}
    assert ("learner", "Ana Student") in options and ("team", "Admissions") in options
    assert ("learner", "Ben Student") not in options and ("team", "Sales East") not in options

    ben = repo(transport_factory, people.student_b)
    assert {r.learner_id for r in ben.review_rounds()} == {world.learner_b}
    assert ben.score_overrides(round_id=world.rounds["a1.2"]) == []
    assert ben.review_kpis().rounds == 2
    assert (
        transport_factory(people.student_b).select(
            "coaching_round_reviews", eq={"learner_id": world.learner_a}
        )
        == []
    )


@pytest.mark.parametrize("function", REVIEW_FUNCTIONS)
def test_anon_gets_nothing(
    transport_factory: TransportFactory, people: People, world: World, function: str
) -> None:
    with pytest.raises(NotAllowed):
        transport_factory(people.anon).rpc(function)


def test_anon_cannot_read_the_view_or_the_tables(
    transport_factory: TransportFactory, people: People, world: World
) -> None:
    for table in (
        "coaching_round_reviews",
        "coaching_score_overrides",
        "coaching_session_reviews",
        "coaching_session_reviewed",
    ):
        with pytest.raises(NotAllowed):
            transport_factory(people.anon).select(table)


def test_a_review_note_is_for_coaches_and_the_student_still_sees_the_session_reviewed(
    transport_factory: TransportFactory, people: People, world: World
) -> None:
    """A security audit read "For coaches only: Maya seems anxious…", and who wrote it, with
    the session's student's own token, from the table and from the round view."""
    note = "For coaches only: Ana seems anxious about the interview."
    repo(transport_factory, people.coach).mark_session_reviewed(session_id=world.a1, note=note)
    for who in (people.coach, people.admin):
        [review] = [repo(transport_factory, who).session_review(session_id=world.a1)]
        assert review is not None and review.note == note
        rows = repo(transport_factory, who).session_round_reviews(session_id=world.a1)
        assert {r.review_note for r in rows} == {note}

    ana = repo(transport_factory, people.student_a)
    assert ana.session_review(session_id=world.a1) is None
    assert transport_factory(people.student_a).select("coaching_session_reviews") == []
    rows = ana.session_round_reviews(session_id=world.a1)
    assert len(rows) == 3 and all(r.reviewed for r in rows)  # "Reviewed by a coach"
    assert {(r.review_note, r.review_note_by, r.reviewed_by_name) for r in rows} == {
        (None, None, None)
    }
    assert not any(r.reviewed for r in ana.session_round_reviews(session_id=world.a2))
