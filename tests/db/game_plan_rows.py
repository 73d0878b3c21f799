"""Rows and sessions the game-plan SQL suites (tests/db/test_game_plan_sql_*.py) build on:
catalog rows placed relative to app_now(), applications put straight into a coach state,
a transaction switched to the student the way PostgREST does it, and generated deadlines
that land on momentum's rounding edges. They live here, once, because the transition,
check-in, snooze, momentum and Top 3 suites all set up their world the same way."""

from __future__ import annotations

import json
import random
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID

import psycopg
from psycopg.rows import dict_row
from psycopg.types.json import Jsonb

from coach.coach_state import CoachState, application_coach_state, coach_state_to_db
from coach.game_plan import build_game_plan
from db.identity import Identity
from db.models import Application, Scholarship
from db.repository import Repository
from tests.support.hosted import superuser_value

KINDS = ("form", "mixed", "essay", None)


# helpers -------------------------------------------------------------------------------------
def add_scholarship(
    db_url: str,
    title: str,
    *,
    deadline: datetime | None | str = "30 days",
    trust: int | None = 80,
    kind: str | None = "form",
    amount: int = 2500,
) -> UUID:
    """A catalog row; `deadline` is an instant, None, or an interval after app_now()."""
    metadata = {"application_type": kind} if kind else {}
    with psycopg.connect(db_url, autocommit=True) as conn:
        if isinstance(deadline, str):
            row = conn.execute(
                "insert into scholarships (title, url, amount, deadline, trust_score, metadata) "
                "values (%s, %s, %s, app_now() + %s::interval, %s, %s) returning id",
                (title, _url(), amount, deadline, trust, Jsonb(metadata)),
            ).fetchone()
        else:
            row = conn.execute(
                "insert into scholarships (title, url, amount, deadline, trust_score, metadata) "
                "values (%s, %s, %s, %s, %s, %s) returning id",
                (title, _url(), amount, deadline, trust, Jsonb(metadata)),
            ).fetchone()
    assert row is not None
    return UUID(str(row[0]))


def _url() -> str:
    return f"https://game-plan.test/{uuid.uuid4().hex}"


def put_in_state(db_url: str, application_id: UUID, state: CoachState) -> None:
    """Set an application's state directly (superuser), as the seed would."""
    status, metadata = coach_state_to_db(state)
    superuser_value(
        db_url,
        "update applications set status = %s, metadata = %s, "
        " submitted_at = case when %s in ('submitted', 'awarded', 'rejected') "
        "                     then app_now() - interval '30 days' end, "
        " confirmed_at = case when %s = 'awarded' then app_now() end "
        "where id = %s returning 1",
        status,
        Jsonb(metadata),
        status,
        status,
        application_id,
    )


def state_of(repo: Repository, application_id: UUID) -> CoachState:
    assert repo.identity.user_id is not None
    [app] = [
        a for a in repo.list_applications(user_id=repo.identity.user_id) if a.id == application_id
    ]
    return application_coach_state(app)


def tracked(repo: Repository, db_url: str, title: str, **kw: Any) -> Application:
    """Tracked while its deadline was ahead (a closed one cannot be tracked), then given the
    deadline asked for: a past one is a deadline missed while tracked."""
    deadline = kw.pop("deadline", "30 days")
    app = repo.track_application(scholarship_id=add_scholarship(db_url, title, **kw))
    if isinstance(deadline, str):
        superuser_value(
            db_url,
            "update scholarships set deadline = app_now() + %s::interval where id = %s returning 1",
            deadline,
            app.scholarship_id,
        )
    else:
        superuser_value(
            db_url,
            "update scholarships set deadline = %s where id = %s returning 1",
            deadline,
            app.scholarship_id,
        )
    return app


def submitted(repo: Repository, db_url: str, title: str) -> Application:
    app = tracked(repo, db_url, title)
    proposal = repo.propose_status(application_id=app.id, status="submitted")
    assert proposal.confirmation_token is not None
    return repo.confirm_status(
        application_id=app.id, confirmation_token=proposal.confirmation_token
    )


def check_ins(db_url: str, application_id: UUID) -> list[dict[str, Any]]:
    with psycopg.connect(db_url, autocommit=True, row_factory=dict_row) as conn:
        return conn.execute(
            "select *, app_now() as now from check_in_tasks where application_id = %s",
            (application_id,),
        ).fetchall()


@contextmanager
def as_student(db_url: str, who: Identity) -> Iterator[psycopg.Connection[dict[str, Any]]]:
    """One transaction switched to the student the way PostgREST does it: app_now() holds
    still inside it, so SQL and Python can be compared at the very same instant."""
    claims = json.dumps({"role": "authenticated", "sub": str(who.user_id)})
    with psycopg.connect(db_url, autocommit=True, row_factory=dict_row) as conn:
        with conn.transaction(force_rollback=True):
            conn.execute(
                "select set_config('role', 'authenticated', true), "
                "set_config('request.jwt.claims', %s, true)",
                (claims,),
            )
            yield conn


def python_top3_at_same_instant(
    conn: psycopg.Connection[dict[str, Any]],
) -> tuple[list[dict[str, Any]], list[tuple[UUID, Decimal, str]]]:
    """my_top3() and build_game_plan's Top 3 over the rows the same transaction sees."""
    sql_rows = conn.execute("select * from my_top3()").fetchall()
    row = conn.execute("select app_now() as now").fetchone()
    assert row is not None
    now = row["now"]
    apps = [Application.model_validate(r) for r in conn.execute("select * from applications")]
    catalog = {
        s.id: s
        for s in (Scholarship.model_validate(r) for r in conn.execute("select * from scholarships"))
    }
    plan = build_game_plan(apps, catalog, [], now)
    python = [
        (item.application_id, Decimal(str(item.momentum)), item.coach_state or "")
        for item in plan.top3
    ]
    return sql_rows, python


def generated_deadlines(rnd: random.Random, now: datetime, n: int) -> list[datetime | None]:
    out: list[datetime | None] = []
    for _ in range(n):
        pick = rnd.random()
        if pick < 0.25:  # 432 s = 0.005 day: lands on half cents, the rounding edge
            out.append(now + timedelta(seconds=432 * rnd.randint(-20, 20_000)))
        elif pick < 0.5:
            out.append(now + timedelta(microseconds=rnd.randint(-(10**11), 90 * 86_400 * 10**6)))
        elif pick < 0.9:
            out.append(now + timedelta(days=rnd.randint(-3, 120), hours=rnd.randint(0, 23)))
        else:
            out.append(None)
    return out
