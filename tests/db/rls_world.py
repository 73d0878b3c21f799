"""The world the RLS suites (tests/db/test_rls_*.py) aim at: one database per test module
holding student A's rows in every table (and B's, a coach's, an admin's identity), plus a
rolled-back connection switched to any identity the way PostgREST does it. It lives here so
the matrix, the students' limits and the views are all checked against the same rows."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import psycopg
import pytest

from tests.conftest import create_database_from_template, create_user, db_url_for, drop_database


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
