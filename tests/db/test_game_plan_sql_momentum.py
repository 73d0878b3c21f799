"""momentum_score in the database (migration 20261201001300), checked against
coach/momentum.py: the SQL function on generated inputs, the stored score as the catalog,
the status and the app clock move, and the check-ins that clock makes due."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import psycopg
import pytest
from psycopg.rows import dict_row

from coach import clock
from coach.coach_state import CoachState
from coach.game_plan import build_game_plan
from coach.momentum import momentum_score
from db.errors import NotAllowed
from db.models import CheckInTask
from db.repository import Repository
from tests.conftest import People
from tests.db.game_plan_rows import (
    as_student,
    generated_deadlines,
    put_in_state,
    submitted,
    tracked,
)
from tests.support.hosted import TransportFactory, superuser_value


# the clock ---------------------------------------------------------------------------------------
def test_the_clock_moves_countdowns_and_makes_a_check_in_due(
    transport_factory: TransportFactory,
    people: People,
    db_url: str,
    pin_clock: Callable[[datetime], datetime],
) -> None:
    start = pin_clock(clock.real_now().replace(microsecond=0) + timedelta(days=3))
    ana = Repository(transport_factory(people.student_a))
    deadline = start + timedelta(days=40)
    app = tracked(ana, db_url, "Countdown Award", deadline=deadline, trust=60)
    sent = submitted(ana, db_url, "Waiting Award")

    [first] = ana.top3()
    assert first.application_id == app.id
    assert abs(first.momentum - Decimal(str(momentum_score(deadline, 60, start)))) <= Decimal(
        "0.01"
    )
    assert not _due_check_ins(ana, people, clock.now())

    later = pin_clock(start + timedelta(days=22))
    [moved] = ana.top3()
    expected = Decimal(str(momentum_score(deadline, 60, later)))
    assert moved.momentum > first.momentum
    assert abs(moved.momentum - expected) <= Decimal("0.01")
    assert [c.application_id for c in _due_check_ins(ana, people, clock.now())] == [sent.id]

    pin_clock(deadline + timedelta(days=1))  # the deadline passed: it drops out
    assert ana.top3() == []


def _due_check_ins(repo: Repository, people: People, now: datetime) -> list[Any]:
    assert people.student_a.user_id is not None
    apps = repo.list_applications(user_id=people.student_a.user_id)
    catalog = repo.get_scholarships(ids=[a.scholarship_id for a in apps])
    checks: list[CheckInTask] = repo.list_check_ins(user_id=people.student_a.user_id)
    return build_game_plan(apps, catalog, checks, now).check_ins


# momentum ----------------------------------------------------------------------------------------
def test_sql_momentum_is_python_momentum_on_generated_inputs(db_url: str) -> None:
    rnd = random.Random(17)
    now = datetime(2026, 12, 1, 12, 0, tzinfo=UTC) + timedelta(microseconds=rnd.randint(0, 10**6))
    deadlines = generated_deadlines(rnd, now, 6000)
    trusts = [rnd.choice([None, rnd.randint(-10, 110), rnd.randint(0, 100)]) for _ in deadlines]
    with psycopg.connect(db_url, autocommit=True) as conn:
        rows = conn.execute(
            "select private.momentum(d, t, %s) from unnest(%s::timestamptz[], %s::int[]) "
            "with ordinality as x(d, t, n) order by n",
            (now, deadlines, trusts),
        ).fetchall()
    for (sql,), deadline, trust in zip(rows, deadlines, trusts, strict=True):
        python = momentum_score(deadline, trust, now)
        assert sql == (None if python is None else Decimal(str(python))), (deadline, trust)


def test_momentum_score_is_written_and_recomputed(
    transport_factory: TransportFactory, people: People, db_url: str
) -> None:
    ana = Repository(transport_factory(people.student_a))
    service = Repository(transport_factory(people.service))
    rnd = random.Random(3)
    now: datetime = superuser_value(db_url, "select app_now()")
    for i, deadline in enumerate(generated_deadlines(rnd, now, 40)):
        app = tracked(
            ana, db_url, f"Generated {i}", deadline=deadline, trust=rnd.choice([None, 0, 55, 100])
        )
        if i % 5 == 0:
            put_in_state(db_url, app.id, rnd.choice([CoachState.SUBMITTED, CoachState.LOST]))
        elif i % 5 == 1:
            ana.move_application(application_id=app.id, state="Review")

    with pytest.raises(NotAllowed):
        ana.recompute_momentum()
    superuser_value(db_url, "update applications set momentum_score = 1 returning 1")
    edited = superuser_value(db_url, "select array_agg(updated_at order by id) from applications")
    changed = service.recompute_momentum()
    # a derived score is not an edit: the student's list order (updated_at) stays put
    assert (
        superuser_value(db_url, "select array_agg(updated_at order by id) from applications")
        == edited
    )

    with psycopg.connect(db_url, autocommit=True, row_factory=dict_row) as conn:
        rows = conn.execute(
            "select a.status, a.momentum_score, s.deadline, s.trust_score, app_now() as now "
            "from applications a join scholarships s on s.id = a.scholarship_id"
        ).fetchall()
    assert changed == len(rows) == 40
    for row in rows:
        python = momentum_score(row["deadline"], row["trust_score"], row["now"])
        if row["status"] != "draft" or python is None:
            assert row["momentum_score"] is None
        else:
            assert abs(row["momentum_score"] - Decimal(str(python))) <= Decimal("0.01")
    assert service.recompute_momentum() <= len(rows)  # only what time moved


def test_momentum_follows_the_catalog_and_the_status(
    transport_factory: TransportFactory, people: People, db_url: str
) -> None:
    ana = Repository(transport_factory(people.student_a))
    app = tracked(ana, db_url, "Moving Target", deadline="50 days", trust=40)
    assert app.momentum_score is not None
    before = app.momentum_score
    updated_at = app.updated_at
    superuser_value(
        db_url,
        "update scholarships set deadline = app_now() + interval '5 days', trust_score = 90 "
        "where id = %s returning 1",
        app.scholarship_id,
    )
    [reread] = [a for a in ana.list_applications(user_id=app.user_id) if a.id == app.id]
    assert reread.momentum_score is not None and reread.momentum_score > before
    assert reread.updated_at == updated_at  # a derived score is not an edit
    lost = ana.move_application(application_id=app.id, state="Lost")
    assert lost.momentum_score is None
    with as_student(db_url, people.student_a) as conn, pytest.raises(psycopg.Error):
        conn.execute("update applications set momentum_score = 100 where id = %s", (app.id,))
