"""One contract, both ends of the transport seam.

The repository is written once over `rpc` and `select`; these tests are what lets it trust
that the embedded transport (SQL as the caller's role) and the hosted one (supabase-py over
HTTP, the caller's JWT, RLS) answer alike: the same rows, the same refusals, the same words.
The hosted end talks real HTTP to tests/support/postgrest_server.py on loopback, which runs
against the same fresh database as the embedded end.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from db.errors import (
    AppError,
    Conflict,
    NotAllowed,
    NotFound,
    ValidationFailed,
)
from db.identity import Identity
from db.transport import PostgresTransport, Transport
from tests.conftest import People
from tests.support.hosted import (
    PROVIDER,
    TransportFactory,
    add_scholarship,
    ids,
    same,
    superuser_value,
)

# The two ends answering alike, not dates: the clock passes leave it out (Makefile CLOCK_PASS).
pytestmark = pytest.mark.calendar_free


# identity and RLS ----------------------------------------------------------------------------
def test_ping_runs_as_the_caller(transport_factory: TransportFactory, people: People) -> None:
    student = transport_factory(people.student_a).rpc("ping")
    anon = transport_factory(people.anon).rpc("ping")
    service = transport_factory(people.service).rpc("ping")

    assert [(row["db_role"], str(row["user_id"])) for row in student] == [
        ("authenticated", str(people.student_a.user_id))
    ]
    assert anon == [{"db_role": "anon", "user_id": None}]
    assert service == [{"db_role": "service_role", "user_id": None}]


def test_a_student_sees_only_their_own_profile(
    transport_factory: TransportFactory, people: People
) -> None:
    ana = transport_factory(people.student_a)

    rows = ana.select("profiles")

    assert ids(rows) == [str(people.student_a.user_id)]
    assert rows[0]["full_name"] == "Ana Student"
    assert ana.select("profiles", eq={"id": people.student_b.user_id}) == []


def test_anon_is_asked_to_sign_in_before_profiles_or_the_catalog(
    transport_factory: TransportFactory, people: People, db_url: str
) -> None:
    add_scholarship(db_url, "Open Doors Award")
    anon = transport_factory(people.anon)

    for table in ("profiles", "scholarships"):
        with pytest.raises(NotAllowed, match=r"^Please sign in first\.$"):
            anon.select(table)


def test_service_sees_every_profile(transport_factory: TransportFactory, people: People) -> None:
    rows = transport_factory(people.service).select("profiles")

    everyone = [people.student_a, people.student_b, people.coach, people.admin]
    assert sorted(ids(rows)) == sorted(str(person.user_id) for person in everyone)


# writes ---------------------------------------------------------------------------------------
def test_save_my_profile_round_trip(transport_factory: TransportFactory, people: People) -> None:
    ana = transport_factory(people.student_a)

    saved = ana.rpc(
        "save_my_profile",
        {
            "p_full_name": "Ana Q. Student",
            "p_gpa": Decimal("3.85"),
            "p_intended_major": "Nursing",
            "p_state": "CA",
            "p_sai": -1500,
            "p_pell_eligibility_status": "eligible",
            "p_school_year": "high_school_senior",
        },
    )
    reread = ana.select("profiles", eq={"id": people.student_a.user_id})

    for rows in (saved, reread):
        assert len(rows) == 1
        row = rows[0]
        assert str(row["id"]) == str(people.student_a.user_id)
        assert row["full_name"] == "Ana Q. Student"
        assert Decimal(str(row["gpa"])) == Decimal("3.85")
        assert (row["intended_major"], row["state"], row["sai"]) == ("Nursing", "CA", -1500)
        assert row["pell_eligibility_status"] == "eligible"
        assert row["school_year"] == "high_school_senior"
        assert row["role"] == "student"


@pytest.mark.parametrize(
    ("changes", "error", "message"),
    [
        ({"p_gpa": 4.5}, ValidationFailed, "GPA must be between 0.00 and 4.00."),
        ({"p_sai": -2000}, ValidationFailed, "SAI must be between -1500 and 999999."),
        (
            {"p_state": "XX"},
            ValidationFailed,
            "State must be a two-letter US state code, such as CA or NY.",
        ),
        (
            {"p_pell_eligibility_status": "maybe"},
            ValidationFailed,
            "Pell eligibility is not one of the allowed choices.",
        ),
        ({"p_shoe_size": 42}, ValidationFailed, "Some fields are not recognised: p_shoe_size."),
        # a user audit: a senior saw college-only programs at 100/100; the year is one of a
        # fixed few, and a long wrong one is not said back
        (
            {"p_school_year": "senior"},
            ValidationFailed,
            "School year must be one of the choices on the Profile page.",
        ),
        (
            {"p_school_year": "college_junior " * 500},
            ValidationFailed,
            "School year must be one of the choices on the Profile page.",
        ),
        ({"p_full_name": ""}, ValidationFailed, "Name must be between 1 and 120 characters."),
        (
            {"p_full_name": "\u200b \u200f\ufeff"},
            ValidationFailed,
            "Name must be between 1 and 120 characters.",
        ),
        # a security audit's: a Hangul filler and soft hyphens passed both checks
        ({"p_full_name": "\u3164"}, ValidationFailed, "Name must be between 1 and 120 characters."),
        (
            {"p_full_name": "\u00ad\u00ad"},
            ValidationFailed,
            "Name must be between 1 and 120 characters.",
        ),
    ],
    ids=[
        "gpa",
        "sai",
        "state",
        "enum",
        "unknown-field",
        "school-year",
        "long-school-year",
        "empty-name",
        "invisible-name",
        "filler-name",
        "soft-hyphen-name",
    ],
)
def test_bad_profile_input_is_refused_in_words_and_changes_nothing(
    transport_factory: TransportFactory,
    people: People,
    changes: dict[str, Any],
    error: type[AppError],
    message: str,
) -> None:
    ana = transport_factory(people.student_a)

    with pytest.raises(error) as refused:
        ana.rpc("save_my_profile", {"p_full_name": "Ana Renamed", **changes})

    assert type(refused.value) is error
    assert str(refused.value) == message
    assert [row["full_name"] for row in ana.select("profiles")] == ["Ana Student"]


def test_signed_out_visitor_cannot_save_a_profile(
    transport_factory: TransportFactory, people: People
) -> None:
    with pytest.raises(NotAllowed, match=r"^Please sign in first\.$"):
        transport_factory(people.anon).rpc("save_my_profile", {"p_full_name": "Nobody"})


# reads ----------------------------------------------------------------------------------------
def test_select_filters_orders_and_limits(
    transport_factory: TransportFactory, people: People, db_url: str
) -> None:
    transport_factory(people.student_a).rpc(
        "save_my_profile", {"p_full_name": "Ana Student", "p_gpa": 3.5, "p_state": "CA"}
    )
    transport_factory(people.student_b).rpc(
        "save_my_profile", {"p_full_name": "Ben Student", "p_gpa": 2.0, "p_state": "NY"}
    )
    add_scholarship(db_url, "Need Based Grant", need_based=True)
    add_scholarship(db_url, "Merit Award", need_based=False)
    service = transport_factory(people.service)

    def names(**query: Any) -> list[str]:
        return [row["full_name"] for row in service.select("profiles", **query)]

    assert names(order="full_name") == ["Adam Admin", "Ana Student", "Ben Student", "Cora Coach"]
    assert names(order="full_name.desc", limit=2) == ["Cora Coach", "Ben Student"]
    assert names(eq={"role": "coach"}) == ["Cora Coach"]
    assert names(eq={"state": "NY", "role": "student"}) == ["Ben Student"]
    assert sorted(names(eq={"gpa": None})) == ["Adam Admin", "Cora Coach"]
    assert names(order="gpa.desc")[:2] == ["Ana Student", "Ben Student"]  # nulls last
    assert names(order="gpa.asc")[:2] == ["Ben Student", "Ana Student"]
    ana = transport_factory(people.student_a)
    for need_based, title in ((True, "Need Based Grant"), (False, "Merit Award")):
        catalog = ana.select("scholarships", eq={"provider": PROVIDER, "need_based": need_based})
        assert [row["title"] for row in catalog] == [title]


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda t: t.select("profiles; drop"), ValidationFailed, "Invalid table."),
        (lambda t: t.select("profiles", eq={"id; drop": 1}), ValidationFailed, "Invalid column."),
        (lambda t: t.select("profiles", order="full_name.sideways"), ValidationFailed, None),
        (lambda t: t.select("profiles", order="Full Name"), ValidationFailed, "Invalid column."),
        (lambda t: t.select("profiles", limit=0), ValidationFailed, "Invalid limit."),
        (lambda t: t.rpc("ping; drop"), NotFound, "That action is not available."),
        (lambda t: t.rpc("no_such_action"), NotFound, "That action is not available."),
    ],
    ids=["table", "column", "direction", "order-column", "limit", "function", "no-function"],
)
def test_bad_names_are_refused_before_anything_runs(
    transport_factory: TransportFactory,
    people: People,
    call: Callable[[Transport], object],
    error: type[AppError],
    message: str | None,
) -> None:
    with pytest.raises(error) as refused:
        call(transport_factory(people.service))

    assert type(refused.value) is error
    assert str(refused.value) == (message or "Invalid sort order.")


def test_both_ends_return_the_same_rows(
    as_user: Callable[[Identity], PostgresTransport],
    supabase_factory: TransportFactory,
    people: People,
    db_url: str,
) -> None:
    for title in ("Alpha Award", "Beta Bursary", "Gamma Grant"):
        as_user(people.student_a).rpc(
            "track_application", {"p_scholarship_id": add_scholarship(db_url, title)}
        )
    as_user(people.student_a).rpc("save_my_profile", {"p_full_name": "Ana", "p_gpa": 3.25})

    reads: list[tuple[Identity, str, dict[str, Any]]] = [
        (people.student_a, "applications", {"order": "created_at.desc", "limit": 2}),
        (people.student_a, "applications", {"eq": {"status": "draft"}, "order": "id"}),
        (people.student_a, "scholarships", {"eq": {"provider": PROVIDER}, "order": "title"}),
        (people.student_a, "scholarships", {"order": "deadline.desc", "limit": 5}),
        (people.service, "profiles", {"order": "full_name.desc"}),
        (people.student_b, "applications", {}),
    ]
    for identity, table, query in reads:
        embedded = as_user(identity).select(table, **query)
        hosted = supabase_factory(identity).select(table, **query)
        assert same(embedded, hosted), (table, query, embedded, hosted)
    assert len(as_user(people.student_a).select("applications")) == 3


# coaching rounds ------------------------------------------------------------------------------
def test_rounds_are_the_servers_to_write_and_scores_are_checked(
    transport_factory: TransportFactory, people: People, db_url: str
) -> None:
    ana = transport_factory(people.student_a)
    ben = transport_factory(people.student_b)
    service = transport_factory(people.service)
    [thread] = ana.rpc("start_coaching_session", {"p_domain_id": "communication_coach"})
    session = thread["session_id"]
    round_ = {
        "p_user_id": people.student_a.user_id,
        "p_domain_id": "communication_coach",
        "p_session_id": session,
        "p_round_number": 1,
        "p_learner_message": "Hello",
        "p_coach_response": "Hi",
    }
    dims = {"empathy": 7, "clarity": 7, "de_escalation": 7, "problem_resolution": 7}
    count = f"select count(*) from public.coaching_sessions where session_id = '{session}'"
    for who in (ana, ben):  # no credential a student holds records a round or a score
        with pytest.raises(NotAllowed):
            who.rpc("record_coaching_round", {**round_, "p_score": 10})
    for bad, sentence in (
        ({"p_score": 11, "p_feedback": "x", "p_dimension_scores": dims}, "from 1 to 10"),
        (
            {"p_score": 7, "p_feedback": "x", "p_dimension_scores": {**dims, "empathy": 99}},
            "1 to 10",
        ),
        (
            {"p_score": 7, "p_feedback": "x", "p_dimension_scores": {**dims, "empathy": 7.5}},
            "1 to 10",
        ),
        ({"p_score": 7, "p_feedback": "x", "p_dimension_scores": {"empathy": 7}}, "exactly"),
        ({"p_score": 7, "p_feedback": "x" * 2001, "p_dimension_scores": dims}, "2000"),
        ({"p_score": 7, "p_feedback": None, "p_dimension_scores": dims}, "feedback"),
        (
            {
                "p_score": 7,
                "p_feedback": "x",
                "p_dimension_scores": dims,
                "p_dimension_reasons": {"charisma": "Charming."},
            },
            "not one of this coach's dimensions",
        ),
        (
            {
                "p_score": 7,
                "p_feedback": "x",
                "p_dimension_scores": dims,
                "p_dimension_reasons": {"empathy": "x" * 301},
            },
            "1 to 300 characters",
        ),
        ({"p_dimension_reasons": {"empathy": "Kind."}}, "unscored round"),
    ):
        with pytest.raises(ValidationFailed, match=sentence):
            service.rpc("record_coaching_round", {**round_, **bad})
    assert superuser_value(db_url, count) == 0

    [stored] = service.rpc(
        "record_coaching_round",
        {
            **round_,
            "p_score": 7,
            "p_feedback": "Clear. Not scored: clarity.",
            "p_dimension_scores": {**dims, "clarity": None},  # not scored: kept as null
            "p_dimension_reasons": {"empathy": "“I hear you” names her feeling."},
        },
    )
    assert stored["score"] == 7 and stored["round_number"] == 1
    assert stored["dimension_scores"] == {**dims, "clarity": None}
    assert stored["dimension_reasons"] == {"empathy": "“I hear you” names her feeling."}
    with pytest.raises(Conflict, match="already recorded"):
        service.rpc("record_coaching_round", {**round_, "p_score": None})
    # on Ben's behalf, into Ana's session: refused, and nothing of Ana's changes
    with pytest.raises(NotAllowed):
        service.rpc("record_coaching_round", {**round_, "p_user_id": people.student_b.user_id})
    with pytest.raises(NotAllowed):
        ben.rpc(
            "save_pending_message",
            {
                "p_session_id": session,
                "p_domain_id": "communication_coach",
                "p_learner_message": "x",
            },
        )
    assert superuser_value(db_url, count) == 1
    assert ben.select("coaching_sessions", eq={"session_id": session}) == []
    assert ben.select("coaching_threads", eq={"session_id": session}) == []


@pytest.mark.parametrize(
    "blank", ["   ", "\u200b\u200b", " \u200f\ufeff\n", "\u3164", "\u00ad\u2800"]
)
def test_a_message_of_nothing_visible_is_refused_and_nothing_waits(
    transport_factory: TransportFactory, people: People, blank: str
) -> None:
    """A browser audit sent "\\u200b\\u200b": an empty bubble and a scored round. The chat's
    edge refuses it; so does the function, for any caller."""
    ana = transport_factory(people.student_a)
    [thread] = ana.rpc("start_coaching_session", {"p_domain_id": "communication_coach"})
    with pytest.raises(ValidationFailed, match="A message must be 1 to 8000 characters."):
        ana.rpc(
            "save_pending_message",
            {
                "p_session_id": thread["session_id"],
                "p_domain_id": "communication_coach",
                "p_learner_message": blank,
            },
        )
    assert ana.select("coaching_pending_messages", eq={"session_id": thread["session_id"]}) == []
