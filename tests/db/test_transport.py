"""PostgresTransport specifics: a pooled connection never keeps a caller's role or claims."""

from __future__ import annotations

from typing import Any

import pytest
from psycopg_pool import ConnectionPool

from db.errors import NotAllowed, ValidationFailed
from db.identity import Identity
from db.transport import PostgresTransport
from tests.conftest import People, create_user


def connection_state(pool: ConnectionPool[Any]) -> tuple[str, str]:
    with pool.connection() as conn:
        row = conn.execute(
            "select current_user::text as who, "
            "coalesce(current_setting('request.jwt.claims', true), '') as claims"
        ).fetchone()
    return row["who"], row["claims"]


def test_role_and_claims_end_with_the_call(pool: ConnectionPool[Any], people: People) -> None:
    transport = PostgresTransport(pool, people.student_a)
    assert transport.rpc("ping")[0]["db_role"] == "authenticated"
    assert connection_state(pool) == ("postgres", "")


def test_a_failed_call_leaves_the_connection_clean(
    pool: ConnectionPool[Any], people: People
) -> None:
    transport = PostgresTransport(pool, people.student_a)
    with pytest.raises(ValidationFailed):
        transport.rpc("save_my_profile", {"p_full_name": "A", "p_gpa": 9})
    assert connection_state(pool) == ("postgres", "")
    assert transport.rpc("ping")[0]["user_id"] == people.student_a.user_id


def test_claims_are_quoted_safely(pool: ConnectionPool[Any], db_url: str) -> None:
    odd = create_user(db_url, "o'brien%100@students.test")
    transport = PostgresTransport(pool, odd)
    assert transport.rpc("ping")[0]["user_id"] == odd.user_id
    assert transport.select("profiles")[0]["full_name"] == "o'brien%100"


def test_anon_cannot_write(pool: ConnectionPool[Any]) -> None:
    with pytest.raises(NotAllowed, match="Please sign in first"):
        PostgresTransport(pool, Identity()).rpc("save_my_profile", {"p_full_name": "X"})


def test_select_rejects_injection_in_names(pool: ConnectionPool[Any], people: People) -> None:
    transport = PostgresTransport(pool, people.student_a)
    with pytest.raises(ValidationFailed):
        transport.select("profiles; drop table profiles")
    with pytest.raises(ValidationFailed):
        transport.select("profiles", eq={"id = id or 1": 1})
    with pytest.raises(ValidationFailed):
        transport.select("profiles", order="full_name; drop")
