"""Tracking and moving applications, one contract at both ends of the transport seam:
tracked once, a closed or missing scholarship refused, another student's application out of
reach, Submitted only on the student's confirmation."""

from __future__ import annotations

import uuid

import pytest

from db.errors import (
    Conflict,
    NotFound,
    ValidationFailed,
)
from tests.conftest import People
from tests.support.hosted import (
    TransportFactory,
    add_scholarship,
    superuser_value,
)

# The two ends answering alike, not dates: the clock passes leave it out (Makefile CLOCK_PASS).
pytestmark = pytest.mark.calendar_free


def test_tracking_a_scholarship_twice_is_a_conflict(
    transport_factory: TransportFactory, people: People, db_url: str
) -> None:
    scholarship = add_scholarship(db_url, "First Gen Fund")
    ana = transport_factory(people.student_a)

    tracked = ana.rpc("track_application", {"p_scholarship_id": scholarship})
    with pytest.raises(Conflict) as again:
        ana.rpc("track_application", {"p_scholarship_id": str(scholarship)})

    assert [(row["status"], str(row["scholarship_id"])) for row in tracked] == [
        ("draft", str(scholarship))
    ]
    assert str(tracked[0]["user_id"]) == str(people.student_a.user_id)
    assert str(again.value) == "You are already tracking this scholarship."
    count = "select count(*) from public.applications where scholarship_id = %s"
    assert superuser_value(db_url, count, scholarship) == 1


def test_a_scholarship_whose_deadline_has_passed_is_not_tracked(
    transport_factory: TransportFactory, people: People, db_url: str
) -> None:
    """A journey audit tracked one 11 days after its deadline; the Game plan then called it
    missed "while it was still tracked"."""
    scholarship = add_scholarship(db_url, "Closed Fund")
    superuser_value(
        db_url,
        "update public.scholarships set deadline = app_now() - interval '1 day' where id = %s "
        "returning id",
        scholarship,
    )
    with pytest.raises(ValidationFailed, match=r"^Its deadline has passed, so it can't be sent"):
        transport_factory(people.student_a).rpc(
            "track_application", {"p_scholarship_id": scholarship}
        )
    count = "select count(*) from public.applications where scholarship_id = %s"
    assert superuser_value(db_url, count, scholarship) == 0


def test_tracking_a_missing_scholarship_says_so(
    transport_factory: TransportFactory, people: People
) -> None:
    with pytest.raises(ValidationFailed, match=r"^That scholarship does not exist\.$"):
        transport_factory(people.student_a).rpc(
            "track_application", {"p_scholarship_id": uuid.uuid4()}
        )


def test_a_student_cannot_read_or_move_another_students_application(
    transport_factory: TransportFactory, people: People, db_url: str
) -> None:
    scholarship = add_scholarship(db_url, "Harbor Scholars")
    [application] = transport_factory(people.student_a).rpc(
        "track_application", {"p_scholarship_id": scholarship}
    )
    ben = transport_factory(people.student_b)

    assert ben.select("applications") == []
    assert ben.select("applications", eq={"id": application["id"]}) == []
    with pytest.raises(NotFound, match=r"^That application was not found\.$"):
        ben.rpc(
            "propose_application_status",
            {"p_application_id": application["id"], "p_status": "rejected"},
        )
    status = "select status::text from public.applications where id = %s"
    assert superuser_value(db_url, status, application["id"]) == "draft"


def test_submitting_waits_for_the_students_confirmation(
    transport_factory: TransportFactory, people: People, db_url: str
) -> None:
    scholarship = add_scholarship(db_url, "Bright Futures")
    ana = transport_factory(people.student_a)
    [application] = ana.rpc("track_application", {"p_scholarship_id": scholarship})
    app_id = application["id"]

    [proposal] = ana.rpc(
        "propose_application_status", {"p_application_id": app_id, "p_status": "submitted"}
    )
    [still] = ana.select("applications", eq={"id": app_id})

    assert proposal["applied"] is False
    assert proposal["proposed_status"] == "submitted"
    assert proposal["confirmation_token"] is not None
    assert (still["status"], still["submitted_at"]) == ("draft", None)

    with pytest.raises(Conflict, match=r"^This confirmation has expired or was already used"):
        ana.rpc(
            "confirm_application_status",
            {"p_application_id": app_id, "p_confirmation_token": uuid.uuid4()},
        )
    [confirmed] = ana.rpc(
        "confirm_application_status",
        {"p_application_id": app_id, "p_confirmation_token": proposal["confirmation_token"]},
    )

    assert confirmed["status"] == "submitted"
    assert confirmed["submitted_at"] is not None
    check_ins = "select count(*) from public.check_in_tasks where application_id = %s"
    assert superuser_value(db_url, check_ins, app_id) == 1
    with pytest.raises(Conflict):  # the token is single-use
        ana.rpc(
            "confirm_application_status",
            {"p_application_id": app_id, "p_confirmation_token": proposal["confirmation_token"]},
        )


def test_the_same_question_asked_again_keeps_its_token(
    transport_factory: TransportFactory, people: People, db_url: str
) -> None:
    """A robustness audit: the chat asked "Mark … as submitted?", a Game plan tab's Mark
    submitted asked again, and the chat's Confirm was thrown away as answered elsewhere."""
    scholarship = add_scholarship(db_url, "Bright Futures")
    ana = transport_factory(people.student_a)
    [application] = ana.rpc("track_application", {"p_scholarship_id": scholarship})
    propose = {"p_application_id": application["id"], "p_status": "submitted"}
    [in_chat] = ana.rpc("propose_application_status", propose)
    [on_game_plan] = ana.rpc("propose_application_status", propose)
    assert on_game_plan["confirmation_token"] == in_chat["confirmation_token"]
    [won] = ana.rpc(
        "propose_application_status", {**propose, "p_status": "awarded"}
    )  # another question: its own token
    assert won["confirmation_token"] != in_chat["confirmation_token"]
    [again] = ana.rpc("propose_application_status", propose)
    assert again["confirmation_token"] != in_chat["confirmation_token"]
    [confirmed] = ana.rpc(
        "confirm_application_status",
        {
            "p_application_id": application["id"],
            "p_confirmation_token": again["confirmation_token"],
        },
    )
    assert confirmed["status"] == "submitted"
