"""Coach-state moves in the database (migration 20261201001300) on both ends of the
transport seam: the SQL transition table and state mapping are coach/coach_state.py's,
every move applies or is refused in the Python table's words, and the confirmed moves
(Submitted, Won, Lost) open and close the "Have you heard back?" check-in."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any
from uuid import UUID

import psycopg
import pytest
from psycopg.types.json import Jsonb

from coach.coach_state import (
    TRANSITIONS,
    CoachState,
    Move,
    application_coach_state,
    coach_state_to_db,
    db_to_coach_state,
)
from db.errors import AppError, Conflict, NotAllowed, NotFound, ValidationFailed
from db.models import Application
from db.repository import Repository
from tests.conftest import People
from tests.db.game_plan_rows import check_ins, put_in_state, state_of, submitted, tracked
from tests.support.hosted import TransportFactory, superuser_value


# transitions: SQL and Python agree on every pair ---------------------------------------------
def test_the_sql_transition_table_is_the_python_one(db_url: str) -> None:
    with psycopg.connect(db_url, autocommit=True) as conn:
        for (current, target), rule in TRANSITIONS.items():
            row = conn.execute(
                "select move, reason from private.coach_transition(%s, %s)",
                (current.key, target.key),
            ).fetchone()
            assert row == (rule.move.value, rule.reason), (current, target)


@pytest.mark.parametrize("status", ["draft", "submitted", "awarded", "rejected"])
def test_the_sql_state_mapping_is_the_python_one(db_url: str, status: str) -> None:
    metadatas: list[dict[str, Any]] = [
        {},
        {"coach_state": 7},
        {"coach_state": " Outcome-Pending "},
        {"outcome_pending": "yes"},
        {"outcome_pending": True, "coach_state": "submitted"},
        {"outcome_pending": False, "coach_state": "outcome_pending"},
    ]
    for state in CoachState:
        metadatas += [{"coach_state": state.key}, {"coach_state": state.value}]
        metadatas.append(coach_state_to_db(state).metadata)
    with psycopg.connect(db_url, autocommit=True) as conn:
        for metadata in metadatas:
            row = conn.execute(
                "select private.coach_state_label(private.coach_state(%s, %s))",
                (status, Jsonb(metadata)),
            ).fetchone()
            assert row is not None
            assert row[0] == db_to_coach_state(status, metadata).value, metadata


def test_every_transition_over_the_transport(
    transport_factory: TransportFactory, people: People, db_url: str
) -> None:
    """All 49 (current, target) pairs: allowed moves apply, confirmations go through
    propose/confirm, and every refusal carries the Python table's sentence."""
    ana = Repository(transport_factory(people.student_a))
    for (current, target), rule in TRANSITIONS.items():
        app = tracked(ana, db_url, f"{current.key} to {target.key}")
        put_in_state(db_url, app.id, current)
        label = f"{current.value} -> {target.value}"
        if rule.move is Move.IMPOSSIBLE:
            with pytest.raises(NotAllowed, match=rule.reason.replace(".", r"\.")):
                ana.move_application(application_id=app.id, state=target.value)
            if target in (CoachState.SUBMITTED, CoachState.WON):
                status = coach_state_to_db(target).status
                with pytest.raises(AppError):
                    ana.propose_status(application_id=app.id, status=status)
            assert state_of(ana, app.id) is current, label
        elif rule.move is Move.NEEDS_CONFIRMATION:
            with pytest.raises(NotAllowed, match="needs your confirmation"):
                ana.move_application(application_id=app.id, state=target.key)
            assert state_of(ana, app.id) is current, label
            proposal = ana.propose_status(
                application_id=app.id, status=coach_state_to_db(target).status
            )
            assert proposal.confirmation_token is not None and not proposal.applied
            assert state_of(ana, app.id) is current, label  # nothing until confirmed
            done = ana.confirm_status(
                application_id=app.id, confirmation_token=proposal.confirmation_token
            )
            assert application_coach_state(done) is target, label
        else:
            before = superuser_value(
                db_url, "select last_progress_at from applications where id = %s", app.id
            )
            moved = ana.move_application(application_id=app.id, state=target.value)
            assert application_coach_state(moved) is target, label
            assert moved.status == coach_state_to_db(target).status
            assert moved.last_progress_at is not None and moved.last_progress_at >= before


def test_move_refuses_bad_input_and_other_students(
    transport_factory: TransportFactory, people: People, db_url: str
) -> None:
    ana = Repository(transport_factory(people.student_a))
    ben = Repository(transport_factory(people.student_b))
    app = tracked(ana, db_url, "Ana's award")

    with pytest.raises(ValidationFailed, match="Please choose a stage"):
        ana.move_application(application_id=app.id, state="finished")
    with pytest.raises(NotFound, match="That application was not found."):
        ben.move_application(application_id=app.id, state="Drafting")
    with pytest.raises(NotFound, match="That application was not found."):
        ana.move_application(application_id=uuid.uuid4(), state="Drafting")
    with pytest.raises(NotAllowed, match="Please sign in first."):
        Repository(transport_factory(people.anon)).move_application(
            application_id=app.id, state="Drafting"
        )
    assert state_of(ana, app.id) is CoachState.TRACKED


# Submitted and Won -------------------------------------------------------------------------------
def test_a_confirmed_submission_creates_one_check_in(
    transport_factory: TransportFactory, people: People, db_url: str
) -> None:
    ana = Repository(transport_factory(people.student_a))
    app = tracked(ana, db_url, "Once Only Award")
    proposal = ana.propose_status(application_id=app.id, status="submitted")
    assert proposal.confirmation_token is not None
    with pytest.raises(Conflict, match="expired or was already used"):
        ana.confirm_status(application_id=app.id, confirmation_token=uuid.uuid4())
    assert check_ins(db_url, app.id) == []

    done = ana.confirm_status(application_id=app.id, confirmation_token=proposal.confirmation_token)

    assert done.status == "submitted" and done.submitted_at is not None
    assert done.last_progress_at == done.submitted_at
    assert done.metadata["coach_state"] == "submitted"
    assert done.metadata["outcome_pending"] is False
    assert "pending_transition" not in done.metadata
    [check] = check_ins(db_url, app.id)
    assert check["due_at"] == done.submitted_at + timedelta(days=21)
    assert check["status"] == "pending"
    with pytest.raises(Conflict, match="expired or was already used"):
        ana.confirm_status(application_id=app.id, confirmation_token=proposal.confirmation_token)

    # reopened and sent again: still the one row, asked again 21 days after the new date
    ana.move_application(application_id=app.id, state="Drafting")
    assert [c["status"] for c in check_ins(db_url, app.id)] == ["dismissed"]
    again = submitted_again(ana, app.id)
    [check] = check_ins(db_url, app.id)
    assert (check["status"], check["due_at"]) == (
        "pending",
        again.submitted_at + timedelta(days=21),
    )


def submitted_again(repo: Repository, application_id: UUID) -> Application:
    proposal = repo.propose_status(application_id=application_id, status="submitted")
    assert proposal.confirmation_token is not None
    return repo.confirm_status(
        application_id=application_id, confirmation_token=proposal.confirmation_token
    )


def test_a_confirmed_win_is_awarded_and_closes_the_check_in(
    transport_factory: TransportFactory, people: People, db_url: str
) -> None:
    ana = Repository(transport_factory(people.student_a))
    app = submitted(ana, db_url, "Big Win Award")
    proposal = ana.propose_status(application_id=app.id, status="awarded")
    assert proposal.confirmation_token is not None
    with pytest.raises(NotAllowed, match="needs your confirmation"):
        ana.move_application(application_id=app.id, state="Won")

    won = ana.confirm_status(application_id=app.id, confirmation_token=proposal.confirmation_token)

    assert won.status == "awarded" and won.confirmed_at is not None
    assert won.last_progress_at == won.confirmed_at
    [check] = check_ins(db_url, app.id)
    assert (check["status"], check["completed_at"]) == ("completed", won.confirmed_at)
    with pytest.raises(NotAllowed, match="a win is final"):
        ana.move_application(application_id=app.id, state="Drafting")
    with pytest.raises(Conflict):
        ana.propose_status(application_id=app.id, status="draft")


def test_lost_closes_the_pending_check_in(
    transport_factory: TransportFactory, people: People, db_url: str
) -> None:
    ana = Repository(transport_factory(people.student_a))
    app = submitted(ana, db_url, "No Luck Award")
    lost = ana.move_application(application_id=app.id, state="lost")
    assert lost.status == "rejected"
    [check] = check_ins(db_url, app.id)
    assert check["status"] == "completed"


def test_stop_tracking_takes_an_unsent_application_off_the_plan_and_nothing_else(
    transport_factory: TransportFactory, people: People, db_url: str
) -> None:
    """A browser audit: a scholarship tracked by mistake stayed on the plan for good."""
    ana = Repository(transport_factory(people.student_a))
    ben = Repository(transport_factory(people.student_b))
    app = tracked(ana, db_url, "Changed My Mind Award")
    ana.move_application(application_id=app.id, state="Drafting")
    sent = submitted(ana, db_url, "Already Sent Award")

    with pytest.raises(NotFound, match="That application was not found."):
        ben.untrack_application(application_id=app.id)
    with pytest.raises(NotAllowed, match="Only an application you have not sent"):
        ana.untrack_application(application_id=sent.id)
    gone = ana.untrack_application(application_id=app.id)

    assert gone.id == app.id and application_coach_state(gone) is CoachState.DRAFTING
    mine = {a.id for a in ana.list_applications(user_id=app.user_id)}
    assert app.id not in mine and sent.id in mine
    assert check_ins(db_url, sent.id)  # the record of what was sent stays whole
    with pytest.raises(NotFound):
        ana.untrack_application(application_id=app.id)
    again = ana.track_application(scholarship_id=app.scholarship_id)  # and back, afresh
    assert application_coach_state(again) is CoachState.TRACKED
