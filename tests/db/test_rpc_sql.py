"""The edge both transports share (db/rpc_sql.py: check_arguments, SelectSpec.parse), on
both ends: the issue's bad-input cases refused with one sentence naming the field, nothing
written, nothing large echoed back. tests/db/test_inputs_*.py generate the rest."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import httpx
import psycopg
import pytest

from db.errors import (
    AppError,
    ValidationFailed,
    from_database,
)
from tests.conftest import People
from tests.support.hosted import (
    JWT_SECRET,
    TransportFactory,
    add_scholarship,
    hosted_identity,
    superuser_value,
)
from tests.support.postgrest_server import PostgrestServer

# Infrastructure, not dates: the clock passes leave it out (Makefile CLOCK_PASS).
pytestmark = pytest.mark.calendar_free


# the cases -------
def _dump(db_url: str) -> list[Any]:
    tables = ("profiles", "applications", "coaching_threads", "coaching_pending_messages")
    with psycopg.connect(db_url, autocommit=True) as conn:
        return [
            conn.execute(
                f"select string_agg(t::text, '|' order by t::text) from public.{table} t"
            ).fetchone()
            for table in tables
        ]


@pytest.mark.parametrize(
    ("function", "params", "error", "message"),
    [
        (
            "save_my_profile",
            {"p_full_name": "Ana\x00Student"},
            ValidationFailed,
            "Full name contains a character that cannot be stored.",
        ),
        (
            "save_my_profile",
            {"p_full_name": "Ana \udc80"},
            ValidationFailed,
            "Full name contains a character that cannot be stored.",
        ),
        (
            "save_my_profile",
            {"p_full_name": None},
            ValidationFailed,
            "Name must be between 1 and 120 characters.",
        ),
        (
            "save_my_profile",
            {"p_full_name": "Ana", "p_gpa": float("nan")},
            ValidationFailed,
            "GPA must be a finite number.",
        ),
        (
            "save_my_profile",
            {"p_full_name": "Ana", "p_gpa": Decimal("Infinity")},
            ValidationFailed,
            "GPA must be a finite number.",
        ),
        (
            "save_my_profile",
            {"p_full_name": "Ana", "p_gpa": "99.5"},
            ValidationFailed,
            "GPA must be between 0.00 and 4.00.",
        ),
        (
            "save_my_profile",
            {"p_full_name": ["Ana"]},
            ValidationFailed,
            "Full name must be text.",
        ),
        (
            "save_my_profile",
            {"p_full_name": "Ana", "p_sai": True},
            ValidationFailed,
            "SAI must be a whole number.",
        ),
        (
            "save_my_profile",
            {"p_full_name": "Ana", "p_sai": 2**40},
            ValidationFailed,
            "SAI is out of range.",
        ),
        (
            "save_my_profile",
            {"p_full_name": "x" * 1_000_000},
            ValidationFailed,
            "Full name is too long (at most 20000 characters).",
        ),
        (
            "save_my_profile",
            {"p_full_name": "Ana", "q" * 10_000: 1},
            ValidationFailed,
            "Some fields are not recognised: " + "q" * 39 + "….",
        ),
        (
            "save_pending_message",
            {"p_session_id": "s" * 1_000_000, "p_domain_id": "x", "p_learner_message": "hi"},
            ValidationFailed,
            "Session id is too long (at most 200 characters).",
        ),
        (
            "track_application",
            {"p_scholarship_id": "not-a-uuid"},
            ValidationFailed,
            "Scholarship must be a valid id.",
        ),
        (
            "start_coaching_session",
            {"p_domain_id": None},
            ValidationFailed,
            "Please choose a coach.",
        ),
    ],
    ids=[
        "nul",
        "lone-surrogate",
        "null-name",
        "nan",
        "infinity",
        "gpa-overflow",
        "list-for-text",
        "bool-for-int",
        "int-overflow",
        "megabyte-name",
        "10kb-argument-name",
        "megabyte-session-id",
        "not-a-uuid",
        "null-coach",
    ],
)
def test_bad_values_are_refused_at_the_edge_in_the_same_words(
    transport_factory: TransportFactory,
    people: People,
    db_url: str,
    function: str,
    params: dict[str, Any],
    error: type[AppError],
    message: str,
) -> None:
    before = _dump(db_url)

    with pytest.raises(error) as refused:
        transport_factory(people.student_a).rpc(function, params)

    assert type(refused.value) is error
    assert str(refused.value) == message
    assert _dump(db_url) == before


def test_a_null_status_is_refused_and_leaves_no_pending_transition(
    transport_factory: TransportFactory, people: People, db_url: str
) -> None:
    ana = transport_factory(people.student_a)
    [application] = ana.rpc(
        "track_application", {"p_scholarship_id": add_scholarship(db_url, "Null Fund")}
    )
    before = _dump(db_url)

    for status, sentence in (
        (None, "Please choose a status: draft, submitted, awarded or rejected."),
        ("won", "Status is not one of the allowed choices."),
    ):
        with pytest.raises(ValidationFailed) as refused:
            ana.rpc(
                "propose_application_status",
                {"p_application_id": application["id"], "p_status": status},
            )
        assert str(refused.value) == sentence
    assert _dump(db_url) == before
    assert ana.select("applications")[0]["metadata"] == {"coach_state": "tracked"}


def test_oversize_or_unstorable_filters_are_refused_before_reading(
    transport_factory: TransportFactory, people: People
) -> None:
    ana = transport_factory(people.student_a)

    for value, sentence in (
        ("s" * 1_000_000, "Session id is too long (at most 200 characters)."),
        ("a\x00b", "Session id contains a character that cannot be stored."),
        ("\ud800", "Session id contains a character that cannot be stored."),
    ):
        with pytest.raises(ValidationFailed) as refused:
            ana.select("coaching_threads", eq={"session_id": value})
        assert str(refused.value) == sentence


@pytest.mark.parametrize("escape", ["\\u0000", "\\ud800"])
def test_a_raw_api_call_with_unstorable_text_is_refused_in_words(
    people: People, db_url: str, escape: str
) -> None:
    """What reaches PostgREST without our transport (a direct API call): Postgres refuses the
    JSON text, and that refusal maps to a sentence, not to "something went wrong"."""
    with PostgrestServer(db_url, jwt_secret=JWT_SECRET) as server:
        token = hosted_identity(server, people.student_a).access_token
        assert token is not None
        answer = httpx.post(
            f"{server.url}/rest/v1/rpc/save_my_profile",
            content='{"p_full_name": "Ana' + escape + '"}',
            headers={
                "apikey": server.anon_key,
                "Authorization": f"Bearer {token.get_secret_value()}",
                "Content-Type": "application/json",
            },
        )
    body = answer.json()
    mapped = from_database(body["code"], body["message"], detail=body["details"])

    assert (answer.status_code, body["code"]) == (400, "22P05")
    assert type(mapped) is ValidationFailed
    assert str(mapped) == "Some of that text contains a character that cannot be stored."
    assert superuser_value(
        db_url, "select full_name from public.profiles where id = %s", people.student_a.user_id
    ) == ("Ana Student")
