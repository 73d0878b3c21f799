"""The composition root as every process uses it: one Database, its clock, its sign-in
handles, its repositories."""

from __future__ import annotations

from datetime import timedelta

import psycopg
import pytest

from coach import clock
from db.app_clock import read_shift, write_shift
from db.errors import NotAllowed, NotFound
from db.runtime import Database
from tests.conftest import People

MAYA = "0d1f5a2e-0000-4000-8000-000000000001"


@pytest.fixture
def demo_database(database: Database, db_url: str) -> Database:
    from db.seed import seed_demo

    seed_demo(db_url)
    return database


def test_the_process_clock_follows_the_databases_shift(database: Database, db_url: str) -> None:
    with psycopg.connect(db_url, autocommit=True) as conn:
        write_shift(conn, timedelta(days=-400))
    clock.follow(database.clock_shift, refresh_s=0)
    assert abs(clock.now() - clock.real_now() + timedelta(days=400)) < timedelta(minutes=1)


def test_a_demo_handle_resumes_the_person_until_signed_out(demo_database: Database) -> None:
    handle = demo_database.sign_in_demo(MAYA)
    identity = demo_database.resume(handle)
    assert identity is not None and str(identity.user_id) == MAYA
    assert identity.role == "authenticated"
    demo_database.sign_out(handle)
    assert demo_database.resume(handle) is None


def test_the_database_keeps_only_the_handles_hash(demo_database: Database, db_url: str) -> None:
    handle = demo_database.sign_in_demo(MAYA)
    with psycopg.connect(db_url) as conn:
        stored = conn.execute("select handle_hash from private.sign_in_handles").fetchall()
    assert len(stored) == 1 and handle not in stored[0][0]


def test_handles_expire_by_real_time_not_the_demo_clock(
    demo_database: Database, db_url: str
) -> None:
    """The demo clock moved past the sign-in's lifetime keeps the presenter signed in; the
    lifetime running out in real time signs them out."""
    handle = demo_database.sign_in_demo(MAYA)
    ttl = timedelta(hours=demo_database.settings.session_ttl_hours)
    with psycopg.connect(db_url, autocommit=True) as conn:
        write_shift(conn, read_shift(conn) + ttl + timedelta(weeks=3))
        assert demo_database.resume(handle) is not None
        write_shift(conn, read_shift(conn) - 2 * (ttl + timedelta(weeks=3)))
        assert demo_database.resume(handle) is not None
        lifetime = conn.execute(
            "select expires_at - pg_catalog.now() from private.sign_in_handles"
        ).fetchone()
        assert lifetime is not None and ttl - timedelta(minutes=1) < lifetime[0] <= ttl
        conn.execute("update private.sign_in_handles set expires_at = pg_catalog.now()")
    assert demo_database.resume(handle) is None


@pytest.mark.parametrize("handle", ["", "short", "x" * 43, "é" * 500, "\x00" * 40])
def test_made_up_handles_sign_nobody_in(demo_database: Database, handle: str) -> None:
    assert demo_database.resume(handle) is None


def test_unknown_demo_people_and_password_sign_in_off_supabase_are_refused(
    demo_database: Database,
) -> None:
    with pytest.raises(NotFound):
        demo_database.sign_in_demo("11111111-1111-4111-8111-111111111111")
    with pytest.raises(NotAllowed, match="hosted mode"):
        demo_database.sign_in("maya@example.test", "password")


def test_repositories_run_as_the_person_or_the_service(database: Database, people: People) -> None:
    mine = database.repository(people.student_a).transport.rpc("ping")
    service = database.service_repository().transport.rpc("ping")
    assert mine == [{"db_role": "authenticated", "user_id": people.student_a.user_id}]
    assert service == [{"db_role": "service_role", "user_id": None}]


def test_memo_builds_once_per_root(database: Database) -> None:
    built: list[int] = []
    first = database.memo("thing", lambda: built.append(1) or object())
    assert database.memo("thing", lambda: built.append(1) or object()) is first
    assert built == [1]


def test_an_app_started_on_a_new_database_seeds_the_demo_people_once(
    database: Database, db_url: str
) -> None:
    """A browser audit started `streamlit run app.py` on a new data folder: the sign-in page
    listed demo people the database did not have, and choosing one showed a traceback."""
    people = [str(p.user_id) for p in database.demo_people()]
    assert people

    def present() -> int:
        with psycopg.connect(db_url) as conn:
            row = conn.execute(
                "select count(*) from public.profiles where id = any(%s::uuid[])", (people,)
            ).fetchone()
        assert row is not None
        return int(row[0])

    assert present() == 0
    assert database.ensure_seeded() is True
    assert present() == len(people)
    assert database.ensure_seeded() is False  # seeded already: nothing is done again
    handle = database.sign_in_demo(people[0])
    assert database.resume(handle) is not None
