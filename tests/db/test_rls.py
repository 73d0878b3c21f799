"""The RLS matrix: every table x identity x operation, aimed at student A's data.

"allow" means the statement succeeded and touched A's row; "deny" means the database refused
(insufficient privilege / policy violation) or the row was invisible (0 rows). Any other error
fails the test, so a case cannot pass for the wrong reason.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import psycopg
import pytest
from psycopg import errors

from tests.conftest import (
    create_database_from_template,
    create_user,
    db_url_for,
    drop_database,
)

IDENTITIES = ("anon", "student_a", "student_b", "coach", "admin", "service")
OPS = ("select", "insert", "update", "delete")


@dataclass(frozen=True)
class World:
    url: str
    ids: dict[str, Any]


@pytest.fixture(scope="module")
def world(pg_admin_url: str, template_url: str) -> Iterator[World]:
    name = create_database_from_template(pg_admin_url)
    url = db_url_for(pg_admin_url, name)
    a = create_user(url, "a@students.test", full_name="A")
    b = create_user(url, "b@students.test", full_name="B")
    coach = create_user(url, "c@coaches.test", "coach")
    admin = create_user(url, "d@admins.test", "admin")
    ids: dict[str, Any] = {
        "student_a": a.user_id,
        "student_b": b.user_id,
        "coach": coach.user_id,
        "admin": admin.user_id,
    }
    with psycopg.connect(url, autocommit=True) as conn:
        q = conn.execute

        def one(sql: str, *params: Any) -> Any:
            row = q(sql, params).fetchone()
            assert row is not None
            return row[0]

        ids["s1"] = one(
            "insert into scholarships (title, url) values ('S1', 'https://s1.test') returning id"
        )
        ids["s2"] = one(
            "insert into scholarships (title, url) values ('S2', 'https://s2.test') returning id"
        )
        ids["app_a"] = one(
            "insert into applications (user_id, scholarship_id) values (%s, %s) returning id",
            a.user_id,
            ids["s1"],
        )
        one(
            "insert into applications (user_id, scholarship_id) values (%s, %s) returning id",
            b.user_id,
            ids["s1"],
        )
        ids["notif_a"] = one(
            "insert into notification_log (user_id, channel) values (%s, 'email') returning id",
            a.user_id,
        )
        ids["checkin_a"] = one(
            "insert into check_in_tasks (user_id, application_id, due_at) "
            "values (%s, %s, app_now()) returning id",
            a.user_id,
            ids["app_a"],
        )
        ids["run_a"] = uuid.uuid4()
        q(
            "insert into discovery_completions (discovery_run_id, user_id, thread_id, status) "
            "values (%s, %s, 't', 'running')",
            (ids["run_a"], a.user_id),
        )
        q(
            "insert into discovery_results (discovery_run_id, result_id, user_id, kept, "
            "position, title, url, trust_score) values (%s, 'r1', %s, true, 0, 'R1', "
            "'https://r1.test', 80)",
            (ids["run_a"], a.user_id),
        )
        ids["dismissal_a"] = one(
            "insert into discovery_dismissals (user_id, discovery_run_id, result_id) "
            "values (%s, %s, 'r1') returning id",
            a.user_id,
            ids["run_a"],
        )
        q(
            "insert into coaching_domains (id, name, category) "
            "values ('rls_domain', 'RLS', 'onboarding'), ('rls_domain2', 'RLS2', 'onboarding')"
        )
        q("insert into coaching_personas (domain_id, system_prompt) values ('rls_domain', 'p')")
        ids["learner_a"] = one("select id from learners where user_id = %s", a.user_id)
        ids["round_a"] = one(
            "insert into coaching_sessions (learner_id, domain_id, learner_message, "
            "coach_response, session_id, round_number) "
            "values (%s, 'rls_domain', 'hi', 'hello', 'sess-a', 1) returning id",
            str(ids["learner_a"]),
        )
        q(
            "insert into coaching_pending_messages (session_id, learner_id, domain_id, "
            "learner_message) values ('sess-a', %s, 'rls_domain', 'waiting')",
            (str(ids["learner_a"]),),
        )
        q(
            "insert into coaching_session_reports (session_id, user_id, domain_id, "
            "rounds_scored, overall_average, strengths, next_steps, summary, written_by) "
            "values ('sess-a', %s, 'rls_domain', 1, 7, '{Clear}', '{Be specific}', 'ok', 't')",
            (a.user_id,),
        )
        # a coach's override of A's round (which also marks sess-a reviewed)
        ids["override_a"] = one(
            "insert into coaching_score_overrides (round_id, score, reason, coach_id, "
            "coach_name) values (%s, 6, 'Fair.', %s, 'C') returning id",
            ids["round_a"],
            coach.user_id,
        )
    yield World(url, ids)
    drop_database(pg_admin_url, name)


# table -> op -> (setup SQL run as superuser first or None, the statement under test)
STATEMENTS: dict[str, dict[str, tuple[str | None, str]]] = {
    "profiles": {
        "select": (None, "select 1 from profiles where id = %(student_a)s"),
        "insert": (
            "delete from profiles where id = %(student_a)s",
            "insert into profiles (id, full_name) values (%(student_a)s, 'New')",
        ),
        "update": (None, "update profiles set full_name = 'Z' where id = %(student_a)s"),
        "delete": (None, "delete from profiles where id = %(student_a)s"),
    },
    "scholarships": {
        "select": (None, "select 1 from scholarships where id = %(s1)s"),
        "insert": (None, "insert into scholarships (title, url) values ('N', 'https://n.test')"),
        "update": (None, "update scholarships set title = 'Z' where id = %(s1)s"),
        "delete": (None, "delete from scholarships where id = %(s1)s"),
    },
    "applications": {
        "select": (None, "select 1 from applications where id = %(app_a)s"),
        "insert": (
            None,
            "insert into applications (user_id, scholarship_id) values (%(student_a)s, %(s2)s)",
        ),
        "update": (None, """update applications set metadata = '{"x": 1}' where id = %(app_a)s"""),
        "delete": (None, "delete from applications where id = %(app_a)s"),
    },
    "notification_log": {
        "select": (None, "select 1 from notification_log where id = %(notif_a)s"),
        "insert": (
            None,
            "insert into notification_log (user_id, channel) values (%(student_a)s, 'email')",
        ),
        "update": (None, "update notification_log set subject = 'Z' where id = %(notif_a)s"),
        "delete": (None, "delete from notification_log where id = %(notif_a)s"),
    },
    "check_in_tasks": {
        "select": (None, "select 1 from check_in_tasks where id = %(checkin_a)s"),
        "insert": (
            "delete from check_in_tasks where id = %(checkin_a)s",
            "insert into check_in_tasks (user_id, application_id, due_at) "
            "values (%(student_a)s, %(app_a)s, app_now())",
        ),
        "update": (None, "update check_in_tasks set status = 'dismissed' where id = %(checkin_a)s"),
        "delete": (None, "delete from check_in_tasks where id = %(checkin_a)s"),
    },
    "discovery_completions": {
        "select": (None, "select 1 from discovery_completions where discovery_run_id = %(run_a)s"),
        "insert": (
            None,
            "insert into discovery_completions (discovery_run_id, user_id, thread_id, status) "
            "values (gen_random_uuid(), %(student_a)s, 't', 'failed')",
        ),
        "update": (
            None,
            "update discovery_completions set status = 'failed' where discovery_run_id = %(run_a)s",
        ),
        "delete": (None, "delete from discovery_completions where discovery_run_id = %(run_a)s"),
    },
    "discovery_results": {
        "select": (None, "select 1 from discovery_results where discovery_run_id = %(run_a)s"),
        "insert": (
            None,
            "insert into discovery_results (discovery_run_id, result_id, user_id, kept, "
            "position, title, url, trust_score) values (%(run_a)s, 'r2', %(student_a)s, true, "
            "1, 'R2', 'https://r2.test', 90)",
        ),
        "update": (
            None,
            "update discovery_results set trust_score = 100 where discovery_run_id = %(run_a)s",
        ),
        "delete": (None, "delete from discovery_results where discovery_run_id = %(run_a)s"),
    },
    "discovery_dismissals": {
        "select": (None, "select 1 from discovery_dismissals where id = %(dismissal_a)s"),
        "insert": (
            None,
            "insert into discovery_dismissals (user_id, discovery_run_id, result_id) "
            "values (%(student_a)s, %(run_a)s, 'r2')",
        ),
        "update": (
            None,
            "update discovery_dismissals set result_id = 'r9' where id = %(dismissal_a)s",
        ),
        "delete": (None, "delete from discovery_dismissals where id = %(dismissal_a)s"),
    },
    "coaching_domains": {
        "select": (None, "select 1 from coaching_domains where id = 'rls_domain'"),
        "insert": (
            None,
            "insert into coaching_domains (id, name, category) values ('n', 'N', 'onboarding')",
        ),
        "update": (None, "update coaching_domains set name = 'Z' where id = 'rls_domain2'"),
        "delete": (None, "delete from coaching_domains where id = 'rls_domain2'"),
    },
    "coaching_personas": {
        "select": (None, "select 1 from coaching_personas where domain_id = 'rls_domain'"),
        "insert": (
            None,
            "insert into coaching_personas (domain_id, system_prompt) values ('rls_domain2', 'p')",
        ),
        "update": (
            None,
            "update coaching_personas set coaching_style = 'Z' where domain_id = 'rls_domain'",
        ),
        "delete": (None, "delete from coaching_personas where domain_id = 'rls_domain'"),
    },
    "learners": {
        "select": (None, "select 1 from learners where id = %(learner_a)s"),
        "insert": (
            "delete from learners where id = %(learner_a)s",
            "insert into learners (name, user_id) values ('A again', %(student_a)s)",
        ),
        "update": (None, "update learners set team = 'Z' where id = %(learner_a)s"),
        "delete": (None, "delete from learners where id = %(learner_a)s"),
    },
    "coaching_sessions": {
        "select": (None, "select 1 from coaching_sessions where id = %(round_a)s"),
        "insert": (
            None,
            "insert into coaching_sessions (learner_id, domain_id, learner_message, "
            "coach_response, session_id, round_number) "
            "values (%(learner_a)s::text, 'rls_domain', 'q', 'a', 'sess-a', 2)",
        ),
        "update": (
            None,
            "update coaching_sessions set score = 7, feedback = 'ok' where id = %(round_a)s",
        ),
        "delete": (None, "delete from coaching_sessions where id = %(round_a)s"),
    },
    "coaching_pending_messages": {
        "select": (None, "select 1 from coaching_pending_messages where session_id = 'sess-a'"),
        "insert": (
            "delete from coaching_pending_messages where session_id = 'sess-a'",
            "insert into coaching_pending_messages (session_id, learner_id, domain_id, "
            "learner_message) values ('sess-a', %(learner_a)s::text, 'rls_domain', 'q')",
        ),
        "update": (
            None,
            "update coaching_pending_messages set learner_message = 'z' "
            "where session_id = 'sess-a'",
        ),
        "delete": (None, "delete from coaching_pending_messages where session_id = 'sess-a'"),
    },
    "coaching_threads": {
        "select": (None, "select 1 from coaching_threads where session_id = 'sess-a'"),
        "insert": (
            None,
            "insert into coaching_threads (session_id, learner_id, domain_id) "
            "values ('sess-a3', %(learner_a)s::text, 'rls_domain')",
        ),
        "update": (
            None,
            "update coaching_threads set domain_id = 'rls_domain2' where session_id = 'sess-a'",
        ),
        "delete": (None, "delete from coaching_threads where session_id = 'sess-a'"),
    },
    "coaching_session_reports": {
        "select": (None, "select 1 from coaching_session_reports where session_id = 'sess-a'"),
        "insert": (
            "delete from coaching_session_reports where session_id = 'sess-a'",
            "insert into coaching_session_reports (session_id, user_id, domain_id, "
            "rounds_scored, overall_average, strengths, next_steps, summary, written_by) "
            "values ('sess-a', %(student_a)s, 'rls_domain', 1, 10, '{Top}', '{None}', 'x', 'me')",
        ),
        "update": (
            None,
            "update coaching_session_reports set overall_average = 10 where session_id = 'sess-a'",
        ),
        "delete": (None, "delete from coaching_session_reports where session_id = 'sess-a'"),
    },
    "coaching_score_overrides": {
        "select": (None, "select 1 from coaching_score_overrides where id = %(override_a)s"),
        "insert": (
            None,
            "insert into coaching_score_overrides (round_id, score, reason, coach_id, "
            "coach_name) values (%(round_a)s, 10, 'Mine.', %(student_a)s, 'A')",
        ),
        "update": (
            None,
            "update coaching_score_overrides set score = 10 where id = %(override_a)s",
        ),
        "delete": (None, "delete from coaching_score_overrides where id = %(override_a)s"),
    },
    "coaching_session_reviews": {
        "select": (None, "select 1 from coaching_session_reviews where session_id = 'sess-a'"),
        "insert": (
            "delete from coaching_session_reviews where session_id = 'sess-a'",
            "insert into coaching_session_reviews (session_id, reviewer_name) "
            "values ('sess-a', 'A')",
        ),
        "update": (
            None,
            "update coaching_session_reviews set note = 'Z' where session_id = 'sess-a'",
        ),
        "delete": (None, "delete from coaching_session_reviews where session_id = 'sess-a'"),
    },
}

ALL = set(OPS)
NONE: set[str] = set()
READ = {"select"}
OWN_NO_DELETE = {"select", "insert", "update"}

# table -> identity -> the operations allowed on student A's data
EXPECTED: dict[str, dict[str, set[str]]] = {
    "profiles": dict(
        anon=NONE, student_a=OWN_NO_DELETE, student_b=NONE, coach=NONE, admin=READ, service=ALL
    ),
    "scholarships": dict(
        anon=NONE, student_a=READ, student_b=READ, coach=READ, admin=ALL, service=ALL
    ),
    "applications": dict(
        anon=NONE, student_a=ALL, student_b=NONE, coach=NONE, admin=NONE, service=ALL
    ),
    # the outbox: admins read it (the Outbox page); only the sidecar writes it
    "notification_log": dict(
        anon=NONE, student_a=NONE, student_b=NONE, coach=NONE, admin=READ, service=ALL
    ),
    "check_in_tasks": dict(
        anon=NONE,
        student_a={"select", "update"},
        student_b=NONE,
        coach=NONE,
        admin=NONE,
        service=ALL,
    ),
    # a run's status, progress and announcement are written only through the functions
    "discovery_completions": dict(
        anon=NONE, student_a=READ, student_b=NONE, coach=NONE, admin=NONE, service=ALL
    ),
    # a run's results are written only by the server (record_discovery_results)
    "discovery_results": dict(
        anon=NONE, student_a=READ, student_b=NONE, coach=NONE, admin=NONE, service=ALL
    ),
    "discovery_dismissals": dict(
        anon=NONE,
        student_a={"select", "insert", "delete"},
        student_b=NONE,
        coach=NONE,
        admin=NONE,
        service=ALL,
    ),
    "coaching_domains": dict(
        anon=NONE, student_a=READ, student_b=READ, coach=READ, admin=ALL, service=ALL
    ),
    "coaching_personas": dict(
        anon=NONE, student_a=READ, student_b=READ, coach=READ, admin=ALL, service=ALL
    ),
    "learners": dict(
        anon=NONE,
        student_a=OWN_NO_DELETE,
        student_b=NONE,
        coach=READ,
        admin=READ,
        service=ALL,
    ),
    # rounds, scores, pending messages and threads are written only through the functions
    "coaching_sessions": dict(
        anon=NONE, student_a=READ, student_b=NONE, coach=READ, admin=READ, service=ALL
    ),
    "coaching_pending_messages": dict(
        anon=NONE, student_a=READ, student_b=NONE, coach=NONE, admin=NONE, service=ALL
    ),
    "coaching_threads": dict(
        anon=NONE, student_a=READ, student_b=NONE, coach=READ, admin=READ, service=ALL
    ),
    # a report card is written only by the server (record_session_report)
    "coaching_session_reports": dict(
        anon=NONE, student_a=READ, student_b=NONE, coach=READ, admin=READ, service=ALL
    ),
    # overrides and reviews are written only through override_round_score and
    # mark_session_reviewed (staff); the round's learner reads them
    "coaching_score_overrides": dict(
        anon=NONE, student_a=READ, student_b=NONE, coach=READ, admin=READ, service=ALL
    ),
    "coaching_session_reviews": dict(
        anon=NONE, student_a=READ, student_b=NONE, coach=READ, admin=READ, service=ALL
    ),
}

CASES = [
    pytest.param(table, who, op, op in EXPECTED[table][who], id=f"{table}-{who}-{op}")
    for table in STATEMENTS
    for who in IDENTITIES
    for op in OPS
]


def _claims(world: World, who: str) -> tuple[str, str]:
    if who == "anon":
        return "anon", json.dumps({"role": "anon"})
    if who == "service":
        return "service_role", json.dumps({"role": "service_role"})
    return "authenticated", json.dumps({"role": "authenticated", "sub": str(world.ids[who])})


@contextmanager
def acting_as(world: World, who: str, setup: str | None = None) -> Iterator[psycopg.Connection]:
    """A connection inside a rolled-back transaction, switched to `who` the way PostgREST
    does it; `setup` runs first, as the superuser."""
    role, claims = _claims(world, who)
    with psycopg.connect(world.url, autocommit=True) as conn:
        with conn.transaction(force_rollback=True):
            if setup:
                conn.execute(setup, world.ids)
            conn.execute(
                "select set_config('role', %s, true), set_config('request.jwt.claims', %s, true)",
                (role, claims),
            )
            yield conn


def attempt(world: World, table: str, who: str, op: str) -> bool:
    setup, statement = STATEMENTS[table][op]
    with acting_as(world, who, setup) as conn:
        try:
            with conn.transaction():
                cur = conn.execute(statement, world.ids)
        except (errors.InsufficientPrivilege, errors.CheckViolation) as exc:
            if isinstance(exc, errors.CheckViolation) and "row-level" not in str(exc):
                raise
            return False
        return cur.rowcount > 0


def test_matrix_covers_every_public_table(world: World) -> None:
    with psycopg.connect(world.url) as conn:
        tables = {
            t
            for (t,) in conn.execute("select tablename from pg_tables where schemaname = 'public'")
        }
    assert tables == set(STATEMENTS) == set(EXPECTED)


@pytest.mark.parametrize(("table", "who", "op", "allowed"), CASES)
def test_rls_matrix(world: World, table: str, who: str, op: str, allowed: bool) -> None:
    assert attempt(world, table, who, op) is allowed


def test_student_b_sees_only_their_own_rows(world: World) -> None:
    with acting_as(world, "student_b") as conn:
        for table, column in [
            ("profiles", "id"),
            ("applications", "user_id"),
            ("check_in_tasks", "user_id"),
            ("discovery_completions", "user_id"),
            ("learners", "user_id"),
        ]:
            owners = {o for (o,) in conn.execute(f"select {column} from {table}")}
            assert owners <= {world.ids["student_b"]}, table


def test_student_cannot_promote_themselves(world: World) -> None:
    with acting_as(world, "student_a") as conn:
        with pytest.raises(errors.InsufficientPrivilege):
            conn.execute("update profiles set role = 'admin' where id = %(student_a)s", world.ids)


def test_student_cannot_mark_their_own_application_won_directly(world: World) -> None:
    with acting_as(world, "student_a") as conn:
        with pytest.raises(errors.InsufficientPrivilege):
            conn.execute(
                "update applications set status = 'awarded', confirmed_at = app_now(), "
                "submitted_at = app_now() where id = %(app_a)s",
                world.ids,
            )


def test_session_summaries_view_respects_rls(world: World) -> None:
    """The view runs with the caller's rights: B sees none of A's sessions, a coach does."""

    def visible(who: str) -> int:
        with acting_as(world, who) as conn:
            row = conn.execute(
                "select count(*) from coaching_session_summaries where learner_id = %s",
                (str(world.ids["learner_a"]),),
            ).fetchone()
        assert row is not None
        return int(row[0])

    assert visible("student_a") == 1
    assert visible("student_b") == 0
    assert visible("coach") == 1


def test_round_reviews_view_respects_rls(world: World) -> None:
    """The review view runs with the caller's rights: A sees her round with the coach's score,
    B sees nothing of hers, a coach sees it, anon may not read the view at all."""

    def visible(who: str) -> list[tuple[Any, ...]]:
        with acting_as(world, who) as conn:
            return conn.execute(
                "select ai_score, human_score, override_by, reviewed "
                "from coaching_round_reviews where learner_id = %s",
                (str(world.ids["learner_a"]),),
            ).fetchall()

    assert visible("student_a") == [(None, 6, "C", True)]
    assert visible("student_b") == []
    assert visible("coach") == visible("admin") == [(None, 6, "C", True)]
    with pytest.raises(errors.InsufficientPrivilege), acting_as(world, "anon") as conn:
        conn.execute("select 1 from coaching_round_reviews")
