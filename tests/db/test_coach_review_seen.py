"""A review covers the rounds the coach's page showed, and a review note is not overwritten
unseen (a robustness audit: a Review tab drawn at round 2 marked a crisis message sent since
as reviewed, and Home's "Read first" alert went away; a second coach's note replaced the
first's "I phoned Jordan's counselor"). Over both ends: the embedded Postgres and hosted
PostgREST."""

from __future__ import annotations

import psycopg
import pytest

from db.errors import Conflict
from db.models import NoteSeen, ReviewFilters
from tests.conftest import People
from tests.db.coach_review_world import World, repo
from tests.db.coach_review_world import world_fixture as world_fixture  # the `world` fixture
from tests.db.test_coach_review import add_session_round
from tests.support.hosted import TransportFactory


def reviewed(transport_factory: TransportFactory, people: People, world: World) -> dict:
    coach = repo(transport_factory, people.coach)
    return {
        r.round_number: r.reviewed
        for r in coach.review_rounds(ReviewFilters(learner_id=world.learner_b))
        if r.session_id == world.b1
    }


def test_mark_reviewed_covers_the_rounds_shown_not_one_sent_since(
    transport_factory: TransportFactory, people: People, world: World, db_url: str
) -> None:
    with psycopg.connect(db_url, autocommit=True) as conn:  # sent while the page was open
        add_session_round(conn, world.b1, world.learner_b, world.now)
    coach = repo(transport_factory, people.coach)
    coach.mark_session_reviewed(session_id=world.b1, seen_round=2)
    assert reviewed(transport_factory, people, world) == {1: True, 2: True, 3: False}
    waiting = coach.review_rounds(ReviewFilters(learner_id=world.learner_b, reviewed=False))
    assert [r.round_number for r in waiting if r.session_id == world.b1] == [3]

    # a stale tab's review of rounds 1-2 leaves a review of round 3 standing
    repo(transport_factory, people.admin).mark_session_reviewed(session_id=world.b1, seen_round=3)
    coach.mark_session_reviewed(session_id=world.b1, seen_round=2)
    assert reviewed(transport_factory, people, world) == {1: True, 2: True, 3: True}


def test_an_override_covers_the_rounds_its_page_showed(
    transport_factory: TransportFactory, people: People, world: World, db_url: str
) -> None:
    with psycopg.connect(db_url, autocommit=True) as conn:
        add_session_round(conn, world.b1, world.learner_b, world.now)
    repo(transport_factory, people.coach).override_round_score(
        round_id=world.rounds["b1.1"], score=8, reason="Better than the AI said.", seen_round=2
    )
    assert reviewed(transport_factory, people, world) == {1: True, 2: True, 3: False}


def test_without_a_page_a_review_covers_what_was_stored(
    transport_factory: TransportFactory, people: People, world: World, db_url: str
) -> None:
    """A direct call (no rounds shown given) covers every round stored, as before."""
    with psycopg.connect(db_url, autocommit=True) as conn:
        add_session_round(conn, world.b1, world.learner_b, world.now)
    repo(transport_factory, people.coach).mark_session_reviewed(session_id=world.b1)
    assert reviewed(transport_factory, people, world) == {1: True, 2: True, 3: True}


def test_a_note_written_since_the_page_was_drawn_is_not_overwritten(
    transport_factory: TransportFactory, people: People, world: World
) -> None:
    coach, admin = repo(transport_factory, people.coach), repo(transport_factory, people.admin)
    first = admin.mark_session_reviewed(
        session_id=world.b1,
        note="Round 2 worries me: I phoned the counselor.",
        seen_round=2,
        note_seen=NoteSeen(),
    )
    with pytest.raises(Conflict) as refused:  # Rivera's page showed no note
        coach.mark_session_reviewed(
            session_id=world.b1, note="Pricing practice ok.", seen_round=2, note_seen=NoteSeen()
        )
    assert str(refused.value).startswith(
        f"{first.note_by_name} wrote a note after this page showed the session: “Round 2 "
        "worries me: I phoned the counselor.”"
    )
    assert coach.session_review(session_id=world.b1).note == (  # type: ignore[union-attr]
        "Round 2 worries me: I phoned the counselor."
    )
    # marking reviewed without a note keeps it; with the note seen, a new one replaces it
    coach.mark_session_reviewed(session_id=world.b1, seen_round=2, note_seen=NoteSeen())
    seen = NoteSeen(noted_at=first.noted_at)
    again = coach.mark_session_reviewed(
        session_id=world.b1, note="Followed up: all fine.", seen_round=2, note_seen=seen
    )
    assert again.note == "Followed up: all fine."
