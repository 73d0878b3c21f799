"""The "Have you heard back?" answers in the database (migration 20261201001300) on both
ends of the transport seam: won only proposes, lost and not yet apply at once, and one
student can neither answer nor move another's."""

from __future__ import annotations

from datetime import timedelta

import pytest

from coach.coach_state import CoachState
from db.errors import Conflict, NotFound, ValidationFailed
from db.repository import Repository
from tests.conftest import People
from tests.db.game_plan_rows import check_ins, state_of, submitted
from tests.support.hosted import TransportFactory, superuser_value


# "Have you heard back?" --------------------------------------------------------------------------
def test_answering_won_only_proposes(
    transport_factory: TransportFactory, people: People, db_url: str
) -> None:
    ana = Repository(transport_factory(people.student_a))
    app = submitted(ana, db_url, "Maybe Won Award")
    [check] = ana.list_check_ins(user_id=people.student_a.user_id)  # type: ignore[arg-type]

    answer = ana.answer_check_in(check_in_id=check.id, answer="won")

    assert answer.needs_confirmation and answer.proposed_status == "awarded"
    assert (answer.application_status, answer.check_in_status) == ("submitted", "pending")
    assert state_of(ana, app.id) is CoachState.SUBMITTED  # nothing awarded yet
    assert answer.confirmation_token is not None
    won = ana.confirm_status(application_id=app.id, confirmation_token=answer.confirmation_token)
    assert won.status == "awarded"
    [done] = ana.list_check_ins(user_id=people.student_a.user_id)  # type: ignore[arg-type]
    assert done.status == "completed"
    with pytest.raises(Conflict, match="already answered"):
        ana.answer_check_in(check_in_id=check.id, answer="lost")


def test_answering_lost_and_not_yet(
    transport_factory: TransportFactory, people: People, db_url: str
) -> None:
    ana = Repository(transport_factory(people.student_a))
    lost_app = submitted(ana, db_url, "Lost Cause Award")
    wait_app = submitted(ana, db_url, "Slow Reply Award")
    checks = {c.application_id: c for c in ana.list_check_ins(user_id=people.student_a.user_id)}  # type: ignore[arg-type]

    lost = ana.answer_check_in(check_in_id=checks[lost_app.id].id, answer="lost")
    assert (lost.application_status, lost.check_in_status) == ("rejected", "completed")
    assert lost.confirmation_token is None
    assert state_of(ana, lost_app.id) is CoachState.LOST

    later = ana.answer_check_in(check_in_id=checks[wait_app.id].id, answer="not yet")
    now = superuser_value(db_url, "select app_now()")
    assert later.check_in_status == "pending"
    assert timedelta(days=7) - timedelta(minutes=1) < later.due_at - now <= timedelta(days=7)
    assert state_of(ana, wait_app.id) is CoachState.OUTCOME_PENDING

    with pytest.raises(ValidationFailed, match="Please answer won, lost or not yet."):
        ana.answer_check_in(check_in_id=checks[wait_app.id].id, answer="maybe")  # type: ignore[arg-type]


def test_student_b_cannot_answer_or_move_a(
    transport_factory: TransportFactory, people: People, db_url: str
) -> None:
    ana = Repository(transport_factory(people.student_a))
    ben = Repository(transport_factory(people.student_b))
    app = submitted(ana, db_url, "Private Award")
    [check] = ana.list_check_ins(user_id=people.student_a.user_id)  # type: ignore[arg-type]

    with pytest.raises(NotFound, match="That check-in was not found."):
        ben.answer_check_in(check_in_id=check.id, answer="lost")
    with pytest.raises(NotFound, match="That application was not found."):
        ben.move_application(application_id=app.id, state="Lost")
    assert state_of(ana, app.id) is CoachState.SUBMITTED
    assert check_ins(db_url, app.id)[0]["status"] == "pending"
