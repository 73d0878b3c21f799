"""Every user-facing write the hostile-input suites (tests/db/test_inputs_*.py) attack:
a valid call for each, the hostile strategy for each argument, the student's world the
calls reach into, a byte-for-byte dump of the tables they could touch, and the check that
a refusal is one short typed sentence. Shared so the embedded, both-ends and snooze
suites attack the same calls in the same way."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

import psycopg
import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from db.errors import AppError, Unavailable, field_label
from db.models import SCHOOL_YEARS, US_STATES
from db.transport import Transport
from tests.conftest import People
from tests.db.hostile_values import (
    Hostile,
    any_text,
    beyond,
    choice_text_arg,
    enum_arg,
    far_future,
    number_arg,
    text_arg,
    time_arg,
    uuid_arg,
)
from tests.support.hosted import add_scholarship, superuser_value

TABLES = (
    "profiles",
    "applications",
    "check_in_tasks",
    "coaching_threads",
    "coaching_pending_messages",
    "coaching_sessions",
    "scholarships",
    "discovery_completions",
    "discovery_results",
    "discovery_dismissals",
)
DOMAINS = frozenset(
    {"communication_coach", "sales_workflow_coach", "scholarship_coach", "workflow_coach"}
)
GENERIC = "Something went wrong on our side"
RAW_WORDS = ("psycopg", "pydantic", "invalid input syntax", "Traceback", "SQLSTATE", "\x00")
SETTINGS = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,
)


# the calls -----------------------------------------------------------------------------------
@dataclass
class World:
    """What a student has, so every call can reach the checks deep inside its function."""

    scholarship: uuid.UUID
    application: str
    token: str
    session: str
    domain: str
    check_in: str
    run: str


KEPT, DROPPED = "kept-1", "dropped-1"  # the world's run: a match, and a listing it dropped
STAGES = {"Tracked", "Drafting", "Review", "Submitted", "Outcome Pending", "Won", "Lost"}


# a kept result of the world's run: dismissing one and bringing it back take the same
KEPT_RESULT: tuple[Callable[[World], dict[str, Any]], dict[str, Any]] = (
    lambda w: {"p_run_id": w.run, "p_result_id": KEPT},
    {
        "p_run_id": uuid_arg(),
        "p_result_id": text_arg(
            required=True,
            bad_text=st.one_of(any_text.filter(lambda t: t != KEPT), st.just(DROPPED)),
        ),
    },
)

CALLS: dict[str, tuple[Callable[[World], dict[str, Any]], dict[str, Any]]] = {
    "save_my_profile": (
        lambda w: {
            "p_full_name": "Ana Renamed",
            "p_gpa": "3.50",
            "p_intended_major": "Nursing",
            "p_state": "CA",
            "p_sai": 100,
            "p_pell_eligibility_status": "eligible",
            "p_school_year": "college_freshman",
            "p_birth_year": 1992,
        },
        {
            "p_full_name": text_arg(
                required=True, bad_text=st.integers(121, 400).map(lambda n: "n" * n)
            ),
            "p_gpa": number_arg(low=Decimal(0), high=Decimal(4), whole=False),
            "p_intended_major": text_arg(
                required=False, bad_text=st.integers(121, 400).map(lambda n: "m" * n)
            ),
            "p_state": text_arg(
                required=False,
                bad_text=any_text.filter(lambda t: t not in US_STATES and t.strip() != ""),
            ),
            "p_sai": number_arg(low=Decimal(-1500), high=Decimal(999999), whole=True),
            "p_pell_eligibility_status": enum_arg({"eligible", "ineligible", "unknown"}),
            "p_school_year": text_arg(
                required=False,
                bad_text=any_text.filter(lambda t: t not in SCHOOL_YEARS and t.strip() != ""),
            ),
            # out of range beyond any app clock's year: before 1900 or after 2200
            "p_birth_year": number_arg(low=Decimal(1900), high=Decimal(2200), whole=True),
        },
    ),
    "track_application": (
        lambda w: {"p_scholarship_id": w.scholarship},
        {"p_scholarship_id": uuid_arg()},
    ),
    "propose_application_status": (
        lambda w: {"p_application_id": w.application, "p_status": "rejected"},
        {
            "p_application_id": uuid_arg(),
            "p_status": enum_arg({"draft", "submitted", "awarded", "rejected"}),
        },
    ),
    "confirm_application_status": (
        lambda w: {"p_application_id": w.application, "p_confirmation_token": w.token},
        {"p_application_id": uuid_arg(), "p_confirmation_token": uuid_arg()},
    ),
    "start_coaching_session": (
        lambda w: {"p_domain_id": w.domain},
        {
            "p_domain_id": text_arg(
                required=True, bad_text=any_text.filter(lambda t: t not in DOMAINS)
            )
        },
    ),
    "save_pending_message": (
        lambda w: {
            "p_session_id": w.session,
            "p_domain_id": w.domain,
            "p_learner_message": "Where do I start?",
        },
        {
            "p_session_id": text_arg(required=True, bad_text=any_text),
            "p_domain_id": text_arg(
                required=True, bad_text=any_text.filter(lambda t: t != "communication_coach")
            ),
            "p_learner_message": text_arg(
                required=True, bad_text=st.integers(8001, 20_000).map(lambda n: "w" * n)
            ),
        },
    ),
    "discard_pending_message": (
        lambda w: {"p_session_id": w.session},
        {"p_session_id": text_arg(required=True, bad_text=any_text)},
    ),
    "delete_coaching_session": (
        lambda w: {"p_session_id": w.session},
        {"p_session_id": text_arg(required=True, bad_text=any_text)},
    ),
    "withdraw_application_status": (
        lambda w: {"p_application_id": w.application, "p_confirmation_token": w.token},
        # an unknown token is not refused: it withdraws nothing and says what is pending
        {
            "p_application_id": uuid_arg(),
            "p_confirmation_token": uuid_arg(unknown_is_refused=False),
        },
    ),
    "move_application": (
        lambda w: {"p_application_id": w.application, "p_state": "Drafting"},
        {
            "p_application_id": uuid_arg(),
            # the world's application is Tracked: these are moves it cannot make here
            "p_state": choice_text_arg(
                STAGES, refused=("Tracked", "submitted", "outcome-pending", "WON")
            ),
        },
    ),
    "untrack_application": (
        lambda w: {"p_application_id": w.application},
        {"p_application_id": uuid_arg()},
    ),
    "answer_check_in": (
        lambda w: {"p_check_in_id": w.check_in, "p_answer": "not yet"},
        {"p_check_in_id": uuid_arg(), "p_answer": choice_text_arg({"won", "lost", "not yet"})},
    ),
    "snooze_micro_task": (
        lambda w: {"p_until": None},  # its one argument is always the hostile one
        {
            "p_until": time_arg(
                later=st.one_of(far_future, far_future.map(datetime.isoformat), beyond)
            )
        },
    ),
    "my_top3": (lambda w: {}, {}),
    "wake_micro_task": (lambda w: {}, {}),
    "claim_my_toasts": (lambda w: {}, {}),
    "start_discovery_run": (lambda w: {}, {}),
    "claim_discovery_announcement": (lambda w: {}, {}),
    "track_discovery_result": (
        lambda w: {"p_run_id": w.run, "p_result_id": KEPT},
        {
            "p_run_id": uuid_arg(),
            "p_result_id": text_arg(
                required=True,
                bad_text=st.one_of(any_text.filter(lambda t: t != KEPT), st.just(DROPPED)),
            ),
        },
    ),
    "dismiss_discovery_result": KEPT_RESULT,
    "restore_discovery_result": KEPT_RESULT,
}

_unknown_names = st.one_of(
    st.text(min_size=1, max_size=40), st.integers(10_000, 100_000).map(lambda n: "q" * n)
)


@st.composite
def hostile_call(draw: st.DrawFn, function: str) -> tuple[str, Hostile | None, str | None]:
    """(argument, hostile value) or, now and then, an unknown argument name instead (always,
    for a function that takes no arguments)."""
    _, arguments = CALLS[function]
    if not arguments or draw(st.integers(0, 9)) == 0:
        return "", None, draw(_unknown_names.filter(lambda n: n not in arguments))
    name = draw(st.sampled_from(sorted(arguments)))
    return name, draw(arguments[name]), None


# fixtures ------------------------------------------------------------------------------------
@pytest.fixture
def world(as_user: Callable[..., Transport], people: People, db_url: str) -> World:
    ana = as_user(people.student_a)
    [application] = ana.rpc(
        "track_application", {"p_scholarship_id": add_scholarship(db_url, "Harbor Scholars")}
    )
    [proposal] = ana.rpc(
        "propose_application_status",
        {"p_application_id": application["id"], "p_status": "submitted"},
    )
    # sent, so it has a pending "Have you heard back?" check-in
    [sent] = ana.rpc(
        "track_application", {"p_scholarship_id": add_scholarship(db_url, "Sent Award")}
    )
    [sent_proposal] = ana.rpc(
        "propose_application_status", {"p_application_id": sent["id"], "p_status": "submitted"}
    )
    ana.rpc(
        "confirm_application_status",
        {
            "p_application_id": sent["id"],
            "p_confirmation_token": sent_proposal["confirmation_token"],
        },
    )
    check_in = superuser_value(
        db_url, "select id from public.check_in_tasks where application_id = %s", sent["id"]
    )
    [thread] = ana.rpc("start_coaching_session", {"p_domain_id": "communication_coach"})
    ana.rpc(
        "save_pending_message",
        {
            "p_session_id": thread["session_id"],
            "p_domain_id": "communication_coach",
            "p_learner_message": "Kept while the coach is away.",
        },
    )
    return World(
        scholarship=add_scholarship(db_url, "Open Doors Award"),
        application=str(application["id"]),
        token=str(proposal["confirmation_token"]),
        session=thread["session_id"],
        domain="communication_coach",
        check_in=str(check_in),
        run=finished_run(ana, as_user(people.service)),
    )


def finished_run(student: Transport, service: Transport) -> str:
    """A completed discovery run with one match and one listing the Trust Filter dropped."""
    [run] = student.rpc("start_discovery_run", {})
    ids = {"p_user_id": run["user_id"], "p_run_id": run["discovery_run_id"]}
    results = [
        {
            "result_id": result_id,
            "kept": kept,
            "position": position,
            "title": f"Found {result_id}",
            "url": f"https://found.test/{result_id}",
            "trust_score": 80 if kept else 20,
        }
        for position, (result_id, kept) in enumerate([(KEPT, True), (DROPPED, False)])
    ]
    service.rpc("record_discovery_results", {**ids, "p_results": results})
    service.rpc("finish_discovery_run", {**ids, "p_status": "completed"})
    return str(run["discovery_run_id"])


@pytest.fixture
def dump(db_url: str) -> Iterator[Callable[[], dict[str, str]]]:
    """Every table a write could touch, as the superuser sees it, byte for byte."""
    with psycopg.connect(db_url, autocommit=True) as conn:

        def read() -> dict[str, str]:
            return {
                table: conn.execute(
                    f"select coalesce(string_agg(t::text, E'\\n' order by t::text), '')"
                    f" from public.{table} t"
                ).fetchone()[0]  # type: ignore[index]
                for table in TABLES
            }

        yield read


def call_raw(
    transport: Transport,
    world: World,
    function: str,
    name: str,
    hostile: Hostile | None,
    unknown: str | None,
) -> AppError:
    make, _ = CALLS[function]
    params = make(world)
    if unknown is not None:
        params[unknown] = 1
    else:
        assert hostile is not None
        params[name] = hostile.value
    with pytest.raises(AppError) as refused:
        transport.rpc(function, params)
    return refused.value


def assert_refusal(error: AppError, name: str, hostile: Hostile | None) -> None:
    message = str(error)
    assert type(error) is not AppError and not isinstance(error, Unavailable), repr(error)
    assert not message.startswith(GENERIC), repr(error)
    assert 0 < len(message) < 300, message[:400]
    assert not any(word in message for word in RAW_WORDS), message
    message.encode("utf-8")  # printable on any page
    if hostile is not None and hostile.named:
        assert field_label(name) in message, (name, message)
