"""Report cards in the database, on both ends of the transport seam: only the server writes
one, its numbers come from the stored rounds, its owner (and staff) read it, nobody else
does, ending again rewrites it, and deleting the session deletes it."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from db.errors import Conflict, NotAllowed, ValidationFailed
from tests.conftest import People
from tests.support.hosted import TransportFactory, superuser_value

COACH = "communication_coach"
DIMS = ("empathy", "clarity", "de_escalation", "problem_resolution")


def start(factory: TransportFactory, people: People) -> str:
    [thread] = factory(people.student_a).rpc("start_coaching_session", {"p_domain_id": COACH})
    return str(thread["session_id"])


def record_round(
    factory: TransportFactory,
    people: People,
    session: str,
    number: int,
    score: int | None,
    dims: dict[str, int | None] | None = None,
) -> None:
    factory(people.service).rpc(
        "record_coaching_round",
        {
            "p_user_id": people.student_a.user_id,
            "p_domain_id": COACH,
            "p_session_id": session,
            "p_round_number": number,
            "p_learner_message": f"Round {number}",
            "p_coach_response": "Noted.",
            "p_score": score,
            "p_feedback": "Fine." if score is not None else None,
            "p_dimension_scores": dims,
        },
    )


def words(session: str, people: People, rounds_scored: int, **changes: Any) -> dict[str, Any]:
    return {
        "p_user_id": people.student_a.user_id,
        "p_session_id": session,
        "p_rounds_scored": rounds_scored,
        "p_strengths": ["Empathy: you named the customer's feeling."],
        "p_next_steps": ["Work on de-escalation: say what happens next and when."],
        "p_summary": "Two scored rounds; strongest in empathy.",
        "p_written_by": "offline practice coach",
        **changes,
    }


def scored_session(factory: TransportFactory, people: People) -> str:
    """Two scored rounds (one dimension left unscored in the first) and one unscored."""
    session = start(factory, people)
    record_round(
        factory,
        people,
        session,
        1,
        7,
        {"empathy": 8, "clarity": 6, "de_escalation": None, "problem_resolution": 5},
    )
    record_round(
        factory,
        people,
        session,
        2,
        8,
        {"empathy": 9, "clarity": 7, "de_escalation": 6, "problem_resolution": 8},
    )
    record_round(factory, people, session, 3, None)
    return session


def test_the_server_records_a_report_whose_numbers_come_from_the_rounds(
    transport_factory: TransportFactory, people: People
) -> None:
    session = scored_session(transport_factory, people)
    service = transport_factory(people.service)

    [stored] = service.rpc("record_session_report", words(session, people, 2))
    [read] = transport_factory(people.student_a).select(
        "coaching_session_reports", eq={"session_id": session}
    )

    for row in (stored, read):
        assert row["rounds_scored"] == 2
        assert Decimal(str(row["overall_average"])) == Decimal("7.5")
        averages = {k: Decimal(str(v)) for k, v in row["dimension_averages"].items()}
        # de-escalation was scored once (6); its null in round 1 is skipped, not a zero
        assert averages == {
            "empathy": Decimal("8.5"),
            "clarity": Decimal("6.5"),
            "de_escalation": Decimal("6.0"),
            "problem_resolution": Decimal("6.5"),
        }
        assert row["strengths"] == ["Empathy: you named the customer's feeling."]
        assert row["next_steps"] == ["Work on de-escalation: say what happens next and when."]
        assert row["written_by"] == "offline practice coach"
        assert str(row["user_id"]) == str(people.student_a.user_id)
        assert row["domain_id"] == COACH


def test_only_the_owner_and_staff_read_a_report(
    transport_factory: TransportFactory, people: People
) -> None:
    session = scored_session(transport_factory, people)
    transport_factory(people.service).rpc("record_session_report", words(session, people, 2))

    def visible(who: Any) -> int:
        return len(transport_factory(who).select("coaching_session_reports"))

    assert visible(people.student_a) == 1
    assert visible(people.student_b) == 0
    with pytest.raises(NotAllowed, match="Please sign in first."):
        visible(people.anon)
    assert visible(people.coach) == 1  # coaches review sessions, and their report cards
    [summary] = transport_factory(people.student_a).select(
        "coaching_session_summaries", eq={"session_id": session}
    )
    assert summary["report_written_at"] is not None
    assert (
        transport_factory(people.student_b).select(
            "coaching_session_summaries", eq={"session_id": session}
        )
        == []
    )


def test_no_student_credential_writes_a_report(
    transport_factory: TransportFactory, people: People, db_url: str
) -> None:
    session = scored_session(transport_factory, people)
    for who in (people.student_a, people.student_b, people.anon):
        with pytest.raises(NotAllowed):
            transport_factory(who).rpc("record_session_report", words(session, people, 2))
    count = "select count(*) from public.coaching_session_reports"
    assert superuser_value(db_url, count) == 0


def test_a_report_for_someone_elses_session_is_refused(
    transport_factory: TransportFactory, people: People, db_url: str
) -> None:
    session = scored_session(transport_factory, people)
    service = transport_factory(people.service)
    on_bens_behalf = words(session, people, 2, p_user_id=people.student_b.user_id)

    with pytest.raises(NotAllowed, match=r"^That session is not yours, or it no longer exists\.$"):
        service.rpc("record_session_report", on_bens_behalf)
    with pytest.raises(NotAllowed):
        service.rpc("record_session_report", words("no-such-session", people, 2))
    assert superuser_value(db_url, "select count(*) from public.coaching_session_reports") == 0


def test_ending_again_rewrites_the_one_report(
    transport_factory: TransportFactory, people: People, db_url: str
) -> None:
    session = scored_session(transport_factory, people)
    service = transport_factory(people.service)
    service.rpc("record_session_report", words(session, people, 2))
    record_round(
        transport_factory,
        people,
        session,
        4,
        10,
        {"empathy": 10, "clarity": 10, "de_escalation": 10, "problem_resolution": 10},
    )

    with pytest.raises(Conflict, match="changed while its report was being written"):
        service.rpc("record_session_report", words(session, people, 2))  # written from 2 of 3
    [again] = service.rpc(
        "record_session_report", words(session, people, 3, p_summary="Three rounds now.")
    )

    assert again["rounds_scored"] == 3 and again["summary"] == "Three rounds now."
    assert Decimal(str(again["overall_average"])) == Decimal("8.3")  # (7 + 8 + 10) / 3
    count = "select count(*) from public.coaching_session_reports where session_id = %s"
    assert superuser_value(db_url, count, session) == 1


@pytest.mark.parametrize(
    ("changes", "sentence"),
    [
        ({"p_strengths": []}, "one to three strengths"),
        ({"p_strengths": ["a", "b", "c", "d"]}, "one to three strengths"),
        ({"p_strengths": ["   "]}, "one to three strengths"),
        ({"p_next_steps": ["x" * 301]}, "one to three next steps"),
        ({"p_next_steps": None}, "one to three next steps"),
        ({"p_summary": ""}, "summary of 1 to 400"),
        ({"p_written_by": None}, "who wrote it"),
        ({"p_session_id": ""}, "Please choose a session"),
    ],
    ids=["none", "four", "blank", "long-step", "null-steps", "summary", "author", "session"],
)
def test_unsound_report_words_are_refused_in_one_sentence(
    transport_factory: TransportFactory,
    people: People,
    db_url: str,
    changes: dict[str, Any],
    sentence: str,
) -> None:
    session = scored_session(transport_factory, people)
    with pytest.raises(ValidationFailed, match=sentence):
        transport_factory(people.service).rpc(
            "record_session_report", words(session, people, 2, **changes)
        )
    assert superuser_value(db_url, "select count(*) from public.coaching_session_reports") == 0


def test_a_session_with_nothing_scored_gets_no_report(
    transport_factory: TransportFactory, people: People
) -> None:
    session = start(transport_factory, people)
    record_round(transport_factory, people, session, 1, None)
    with pytest.raises(ValidationFailed, match="Nothing in this session has been scored yet"):
        transport_factory(people.service).rpc("record_session_report", words(session, people, 0))


def test_deleting_the_session_deletes_its_report(
    transport_factory: TransportFactory, people: People, db_url: str
) -> None:
    session = scored_session(transport_factory, people)
    transport_factory(people.service).rpc("record_session_report", words(session, people, 2))

    transport_factory(people.student_a).rpc("delete_coaching_session", {"p_session_id": session})

    left = (
        "select (select count(*) from public.coaching_session_reports where session_id = %(s)s)"
        " + (select count(*) from public.coaching_sessions where session_id = %(s)s)"
        " + (select count(*) from public.coaching_threads where session_id = %(s)s)"
    )
    assert superuser_value(db_url, left.replace("%(s)s", "%s"), session, session, session) == 0


def test_a_report_written_after_a_coachs_override_averages_the_coachs_score(
    transport_factory: TransportFactory, people: People
) -> None:
    """A robustness audit: a card written after the coach re-scored a round (AI 4, coach 6)
    read "6.5/10 · 7.0/10 now, with a coach's score", as if the coach had changed it since."""
    session = scored_session(transport_factory, people)  # AI scores 7 and 8
    [first] = transport_factory(people.student_a).select(
        "coaching_sessions", eq={"session_id": session, "round_number": 1}
    )
    transport_factory(people.coach).rpc(
        "override_round_score",
        {"p_round_id": first["id"], "p_score": 10, "p_reason": "Better than the AI said."},
    )
    [stored] = transport_factory(people.service).rpc(
        "record_session_report", words(session, people, 2)
    )
    assert Decimal(str(stored["overall_average"])) == Decimal("9.0")  # (10 + 8) / 2
