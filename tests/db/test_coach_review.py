"""Coach review in the database (issue #19), on both ends of the transport seam where a person
calls: coaches and admins override a round's score (kept as history, the newest wins) and
mark a session reviewed, nobody else can, a bad override is refused in one sentence, and
deleting a session takes its overrides and review with it. The aggregates, RLS, filters and
the seeded history have their own test_coach_review_* modules.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

import psycopg
import pytest
from psycopg.types.json import Jsonb

from coach.analytics import session_rows
from coach.crisis import CRISIS_REASON
from db.errors import NotAllowed, NotFound, ValidationFailed
from db.models import ReviewFilters
from tests.conftest import People
from tests.db.coach_review_world import DIMS, World, add_learner, add_session, repo
from tests.db.coach_review_world import world_fixture as world_fixture  # the `world` fixture
from tests.support.hosted import TransportFactory, superuser_value


# Overrides -----------------------------------------------------------------------------------
def test_coaches_and_admins_override_and_every_override_is_kept(
    transport_factory: TransportFactory, people: People, world: World
) -> None:
    round_id = world.rounds["a1.1"]
    first = repo(transport_factory, people.coach).override_round_score(
        round_id=round_id, score=7, reason="  Named the feeling; the AI missed it.  "
    )
    second = repo(transport_factory, people.admin).override_round_score(
        round_id=round_id, score=9, reason="Second look: a model answer."
    )

    assert (first.score, first.coach_id, first.coach_name) == (
        7,
        people.coach.user_id,
        "Cora Coach",
    )
    assert first.reason == "Named the feeling; the AI missed it."  # trimmed
    assert (second.score, second.coach_name) == (9, "Adam Admin")
    assert second.created_at > first.created_at
    history = repo(transport_factory, people.coach).score_overrides(round_id=round_id)
    assert [(o.score, o.coach_id) for o in history] == [
        (9, people.admin.user_id),
        (7, people.coach.user_id),
    ]

    [row] = [
        r for r in repo(transport_factory, people.coach).review_rounds() if r.round_id == round_id
    ]
    assert (row.ai_score, row.human_score, row.score) == (4, 9, 9)  # the newest wins
    assert (row.override_by, row.override_reason) == ("Adam Admin", "Second look: a model answer.")
    assert row.override_count == 2 and row.override_at == second.created_at
    assert row.reviewed and row.overridden
    review = repo(transport_factory, people.coach).session_review(session_id=world.a1)
    assert review is not None and review.reviewer_name == "Adam Admin"  # the latest action
    ana = repo(transport_factory, people.student_a)  # Ana reads the overrides of her round
    assert [o.score for o in ana.score_overrides(round_id=round_id)] == [9, 7]
    # ... and that it was reviewed; the review itself (names, note) is for coaches
    assert ana.session_review(session_id=world.a1) is None
    assert all(r.reviewed for r in ana.session_round_reviews(session_id=world.a1)[:2])


def test_two_overrides_in_one_transaction_still_have_an_order(
    db_url: str, people: People, world: World
) -> None:
    """Both read the same app_now(); the later one still comes out on top."""
    round_id = world.rounds["b1.2"]
    with psycopg.connect(db_url, autocommit=True) as conn, conn.transaction():
        conn.execute(
            "select set_config('role', 'authenticated', true), "
            "set_config('request.jwt.claims', %s, true)",
            (f'{{"role": "authenticated", "sub": "{people.coach.user_id}"}}',),
        )
        for score in (3, 6):
            conn.execute(
                "select * from public.override_round_score(%s, %s, 'changed my mind')",
                (round_id, score),
            )
        human = conn.execute(
            "select human_score, override_count from public.coaching_round_reviews "
            "where round_id = %s",
            (round_id,),
        ).fetchone()
    assert human == (6, 2)


def test_a_student_cannot_override_or_mark_reviewed_on_either_end(
    transport_factory: TransportFactory, people: People, world: World, db_url: str
) -> None:
    own_round = world.rounds["a1.1"]
    with pytest.raises(NotAllowed, match=r"^Only coaches and admins can change a score\.$"):
        repo(transport_factory, people.student_a).override_round_score(
            round_id=own_round, score=10, reason="I deserve it."
        )
    with pytest.raises(NotAllowed):
        repo(transport_factory, people.anon).override_round_score(
            round_id=own_round, score=10, reason="I deserve it."
        )
    with pytest.raises(NotAllowed, match="Only coaches and admins can mark a session reviewed"):
        repo(transport_factory, people.student_a).mark_session_reviewed(session_id=world.a1)
    with pytest.raises(NotAllowed):  # the server's key names no person to record as the author
        repo(transport_factory, people.service).override_round_score(
            round_id=own_round, score=10, reason="Service."
        )
    counts = (
        "select (select count(*) from public.coaching_score_overrides)"
        " + (select count(*) from public.coaching_session_reviews)"
    )
    assert superuser_value(db_url, counts) == 0


def test_a_student_cannot_write_the_tables_directly(
    db_url: str, people: People, world: World
) -> None:
    with psycopg.connect(db_url, autocommit=True) as conn, conn.transaction(force_rollback=True):
        conn.execute(
            "select set_config('role', 'authenticated', true), "
            "set_config('request.jwt.claims', %s, true)",
            (f'{{"role": "authenticated", "sub": "{people.student_a.user_id}"}}',),
        )
        with pytest.raises(psycopg.errors.InsufficientPrivilege), conn.transaction():
            conn.execute(
                "insert into public.coaching_score_overrides "
                "(round_id, score, reason, coach_id, coach_name) values (%s, 10, 'mine', %s, 'Me')",
                (world.rounds["a1.1"], people.student_a.user_id),
            )
        with pytest.raises(psycopg.errors.InsufficientPrivilege), conn.transaction():
            conn.execute(
                "insert into public.coaching_session_reviews (session_id, reviewer_name) "
                "values (%s, 'Me')",
                (world.a1,),
            )


@pytest.mark.parametrize(
    ("score", "reason", "sentence"),
    [
        (0, "Too harsh.", r"^The score must be a whole number from 1 to 10\.$"),
        (11, "Too kind.", "whole number from 1 to 10"),
        (None, "No score.", "whole number from 1 to 10"),
        (5, "", r"^Please say why in a short reason \(3 to 500 characters\)\.$"),
        (5, "   ", "short reason"),
        (5, "ok", "short reason"),
        (5, None, "short reason"),
        (5, "x" * 501, "short reason"),
    ],
    ids=["zero", "eleven", "null", "empty", "blank", "two-chars", "null-reason", "too-long"],
)
def test_a_bad_override_is_refused_in_one_sentence(
    transport_factory: TransportFactory,
    people: People,
    world: World,
    db_url: str,
    score: int | None,
    reason: str | None,
    sentence: str,
) -> None:
    with pytest.raises(ValidationFailed, match=sentence):
        transport_factory(people.coach).rpc(
            "override_round_score",
            {"p_round_id": world.rounds["a1.1"], "p_score": score, "p_reason": reason},
        )
    assert superuser_value(db_url, "select count(*) from public.coaching_score_overrides") == 0


def test_overriding_an_unknown_round_says_it_was_not_found(
    transport_factory: TransportFactory, people: People, world: World
) -> None:
    with pytest.raises(NotFound, match=r"^That coaching round was not found\.$"):
        repo(transport_factory, people.coach).override_round_score(
            round_id=uuid4(), score=5, reason="Where is it?"
        )


def test_marking_a_session_reviewed_keeps_the_note_and_shows_its_learner(
    transport_factory: TransportFactory, people: People, world: World
) -> None:
    coach = repo(transport_factory, people.coach)
    first = coach.mark_session_reviewed(session_id=world.b1, note="  Solid close.  ")
    again = coach.mark_session_reviewed(session_id=world.b1)  # no new note: the old one stays

    assert (first.reviewer_name, first.note, first.reviewed_by) == (
        "Cora Coach",
        "Solid close.",
        people.coach.user_id,
    )
    assert again.note == "Solid close."
    # marked again by someone else, without a note: the note keeps its writer (an audit read
    # Dr. Rivera's note under the admin's name)
    later = repo(transport_factory, people.admin).mark_session_reviewed(session_id=world.b1)
    assert later.reviewer_name != "Cora Coach" and later.note == "Solid close."
    assert (later.note_by_name, later.noted_at) == ("Cora Coach", first.noted_at)
    reviewed = {r.round_id: r.reviewed for r in coach.review_rounds()}
    assert reviewed[world.rounds["b1.1"]] and reviewed[world.rounds["b1.2"]]
    assert not reviewed[world.rounds["a1.1"]]
    # Ben sees his session reviewed, never the note ("for other coaches"); Ana sees neither
    ben = repo(transport_factory, people.student_b)
    assert ben.session_review(session_id=world.b1) is None
    ben_sees = ben.session_round_reviews(session_id=world.b1)
    assert [(r.reviewed, r.review_note) for r in ben_sees] == [(True, None), (True, None)]
    assert repo(transport_factory, people.student_a).session_review(session_id=world.b1) is None
    assert (
        repo(transport_factory, people.student_a).session_round_reviews(session_id=world.b1) == []
    )

    with pytest.raises(
        ValidationFailed, match=r"^A review note must be at most 1000 characters\.$"
    ):
        coach.mark_session_reviewed(session_id=world.b1, note="x" * 1001)
    with pytest.raises(NotFound, match=r"^That session was not found\.$"):
        coach.mark_session_reviewed(session_id="no-such-session")
    with pytest.raises(ValidationFailed, match=r"^Please choose a session\.$"):
        coach.mark_session_reviewed(session_id="")


def test_a_review_covers_the_rounds_before_it_not_the_ones_after(
    transport_factory: TransportFactory, people: People, world: World, db_url: str
) -> None:
    """Ben kept talking after his coach marked the session reviewed: his new round is on the
    "Not reviewed" list, and the session no longer counts as reviewed, until a coach looks
    again. (It used to stay reviewed for good, its new rounds out of every coach's sight.)"""
    coach = repo(transport_factory, people.coach)
    ben = ReviewFilters(learner_id=world.learner_b)
    coach.mark_session_reviewed(session_id=world.b1)
    assert coach.review_kpis(ben).reviewed_share == 1

    with psycopg.connect(db_url, autocommit=True) as conn:  # reviewed an hour ago; then a round
        conn.execute(
            "update public.coaching_session_reviews set reviewed_at = reviewed_at - "
            "interval '1 hour', covers_through = covers_through - interval '1 hour' "
            "where session_id = %s",
            (world.b1,),
        )
        new_round = add_session_round(conn, world.b1, world.learner_b, world.now)

    reviewed = {r.round_id: r.reviewed for r in coach.review_rounds(ben)}
    assert reviewed == {world.rounds["b1.1"]: True, world.rounds["b1.2"]: True, new_round: False}
    waiting = coach.review_rounds(ReviewFilters(learner_id=world.learner_b, reviewed=False))
    assert [r.round_id for r in waiting] == [new_round]
    assert coach.review_kpis(ben).reviewed_share == 0
    [row] = [r for r in coach.review_learners() if r.learner_id == world.learner_b]
    assert row.unreviewed_sessions == 1
    [session] = session_rows(coach.review_rounds(ben))
    assert not session.reviewed

    coach.mark_session_reviewed(session_id=world.b1)  # a second look covers it
    assert all(r.reviewed for r in coach.review_rounds(ben))
    assert coach.review_kpis(ben).reviewed_share == 1


def add_session_round(
    conn: psycopg.Connection[Any], session_id: str, learner_id: str, now: datetime
) -> UUID:
    """Round 3, half an hour ago."""
    row = conn.execute(
        """insert into public.coaching_sessions (learner_id, domain_id, learner_message,
             coach_response, round_number, session_id, score, feedback, dimension_scores,
             created_at)
           values (%s, 'sales_workflow_coach', 'One more thing.', 'Noted.', 3, %s, 6, 'Fine.',
             %s, %s) returning id""",
        (
            learner_id,
            session_id,
            Jsonb(dict.fromkeys(DIMS["sales_workflow_coach"], 6)),
            now - timedelta(minutes=30),
        ),
    ).fetchone()
    assert row is not None
    return UUID(str(row[0]))


def test_a_coach_neither_rescores_nor_reviews_their_own_practice(
    transport_factory: TransportFactory, people: People, world: World, db_url: str
) -> None:
    """Staff chat with the coaches too; their rounds are another coach's to review."""
    mine = add_learner(db_url, people.coach, "Coaching staff")
    ids: dict[str, UUID] = {}
    with psycopg.connect(db_url, autocommit=True) as conn:
        session = add_session(
            conn, mine, "sales_workflow_coach", world.day(1), [(4, 900)], ids, "c1"
        )
    coach = repo(transport_factory, people.coach)
    with pytest.raises(NotAllowed, match=r"^A score on your own practice round is changed by "):
        coach.override_round_score(round_id=ids["c1.1"], score=10, reason="I did great.")
    with pytest.raises(NotAllowed, match=r"^Your own practice session is reviewed by another "):
        coach.mark_session_reviewed(session_id=session)
    assert superuser_value(db_url, "select count(*) from public.coaching_session_reviews") == 0
    assert superuser_value(db_url, "select count(*) from public.coaching_score_overrides") == 0
    # another coach (here the admin) can
    repo(transport_factory, people.admin).override_round_score(
        round_id=ids["c1.1"], score=6, reason="Asked a fair question first."
    )


def test_deleting_a_session_takes_its_overrides_and_review_with_it(
    transport_factory: TransportFactory, people: People, world: World, db_url: str
) -> None:
    repo(transport_factory, people.coach).override_round_score(
        round_id=world.rounds["a1.3"], score=5, reason="Less than it looked."
    )
    transport_factory(people.student_a).rpc("delete_coaching_session", {"p_session_id": world.a1})
    left = (
        "select (select count(*) from public.coaching_score_overrides)"
        " + (select count(*) from public.coaching_session_reviews)"
    )
    assert superuser_value(db_url, left) == 0


def test_rounds_kept_unscored_for_a_reason_are_found_for_staff_until_reviewed(
    transport_factory: TransportFactory, people: People, world: World, db_url: str
) -> None:
    """Home names first a session where a learner wrote that they may harm themselves."""
    with psycopg.connect(db_url) as conn:  # recorded rounds are guarded: a superuser goes round it
        conn.execute("set local session_replication_role = replica")
        conn.execute(
            "update coaching_sessions set score = null, dimension_scores = null, "
            "dimension_reasons = null, not_scored_reason = %s where id = %s",
            (CRISIS_REASON, world.rounds["a1.1"]),
        )
    coach = repo(transport_factory, people.coach)
    [found] = coach.unreviewed_rounds_kept_unscored(reason=CRISIS_REASON)
    assert found.round_id == world.rounds["a1.1"]
    ben = repo(transport_factory, people.student_b)  # another learner's: not his to see
    assert ben.unreviewed_rounds_kept_unscored(reason=CRISIS_REASON) == []
    coach.mark_session_reviewed(session_id=found.session_id)
    assert coach.unreviewed_rounds_kept_unscored(reason=CRISIS_REASON) == []
