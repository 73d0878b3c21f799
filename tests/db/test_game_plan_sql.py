"""The game plan in the database (migration 20261201001300) on both ends of the transport
seam: coach-state moves and their confirmations, "Have you heard back?" answers, the snooze,
momentum_score, and the Top 3 — each checked against the pure Python it mirrors
(coach/coach_state.py, coach/momentum.py, coach/game_plan.py)."""

from __future__ import annotations

import json
import random
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID

import psycopg
import pytest
from psycopg.rows import dict_row
from psycopg.types.json import Jsonb

from coach import clock
from coach.coach_state import (
    TRANSITIONS,
    CoachState,
    Move,
    application_coach_state,
    coach_state_to_db,
    db_to_coach_state,
)
from coach.game_plan import build_game_plan, load_game_plan, load_student_plan
from coach.momentum import momentum_score
from coach.snooze import SNOOZE_KEY, snoozed_until
from db.errors import AppError, Conflict, NotAllowed, NotFound, ValidationFailed
from db.identity import Identity
from db.models import Application, CheckInTask, Scholarship
from db.repository import Repository
from db.seed import load_demo, seed_demo
from tests.conftest import People
from tests.support.hosted import TransportFactory, superuser_value

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
    return repo.track_application(scholarship_id=add_scholarship(db_url, title, **kw))


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


# transitions: SQL and Python agree on every pair ---------------------------------------------
def test_the_sql_transition_table_is_the_python_one(db_url: str) -> None:
    with psycopg.connect(db_url, autocommit=True) as conn:
        for (current, target), rule in TRANSITIONS.items():
            row = conn.execute(
                "select move, reason from private.coach_transition(%s, %s)",
                (current.key, target.key),
            ).fetchone()
            assert row == (rule.move.value, rule.reason), (current, target)


@pytest.mark.parametrize("status", ["draft", "submitted", "awarded", "rejected"])
def test_the_sql_state_mapping_is_the_python_one(db_url: str, status: str) -> None:
    metadatas: list[dict[str, Any]] = [
        {},
        {"coach_state": 7},
        {"coach_state": " Outcome-Pending "},
        {"outcome_pending": "yes"},
        {"outcome_pending": True, "coach_state": "submitted"},
        {"outcome_pending": False, "coach_state": "outcome_pending"},
    ]
    for state in CoachState:
        metadatas += [{"coach_state": state.key}, {"coach_state": state.value}]
        metadatas.append(coach_state_to_db(state).metadata)
    with psycopg.connect(db_url, autocommit=True) as conn:
        for metadata in metadatas:
            row = conn.execute(
                "select private.coach_state_label(private.coach_state(%s, %s))",
                (status, Jsonb(metadata)),
            ).fetchone()
            assert row is not None
            assert row[0] == db_to_coach_state(status, metadata).value, metadata


def test_every_transition_over_the_transport(
    transport_factory: TransportFactory, people: People, db_url: str
) -> None:
    """All 49 (current, target) pairs: allowed moves apply, confirmations go through
    propose/confirm, and every refusal carries the Python table's sentence."""
    ana = Repository(transport_factory(people.student_a))
    for (current, target), rule in TRANSITIONS.items():
        app = tracked(ana, db_url, f"{current.key} to {target.key}")
        put_in_state(db_url, app.id, current)
        label = f"{current.value} -> {target.value}"
        if rule.move is Move.IMPOSSIBLE:
            with pytest.raises(NotAllowed, match=rule.reason.replace(".", r"\.")):
                ana.move_application(application_id=app.id, state=target.value)
            if target in (CoachState.SUBMITTED, CoachState.WON):
                status = coach_state_to_db(target).status
                with pytest.raises(AppError):
                    ana.propose_status(application_id=app.id, status=status)
            assert state_of(ana, app.id) is current, label
        elif rule.move is Move.NEEDS_CONFIRMATION:
            with pytest.raises(NotAllowed, match="needs your confirmation"):
                ana.move_application(application_id=app.id, state=target.key)
            assert state_of(ana, app.id) is current, label
            proposal = ana.propose_status(
                application_id=app.id, status=coach_state_to_db(target).status
            )
            assert proposal.confirmation_token is not None and not proposal.applied
            assert state_of(ana, app.id) is current, label  # nothing until confirmed
            done = ana.confirm_status(
                application_id=app.id, confirmation_token=proposal.confirmation_token
            )
            assert application_coach_state(done) is target, label
        else:
            before = superuser_value(
                db_url, "select last_progress_at from applications where id = %s", app.id
            )
            moved = ana.move_application(application_id=app.id, state=target.value)
            assert application_coach_state(moved) is target, label
            assert moved.status == coach_state_to_db(target).status
            assert moved.last_progress_at is not None and moved.last_progress_at >= before


def test_move_refuses_bad_input_and_other_students(
    transport_factory: TransportFactory, people: People, db_url: str
) -> None:
    ana = Repository(transport_factory(people.student_a))
    ben = Repository(transport_factory(people.student_b))
    app = tracked(ana, db_url, "Ana's award")

    with pytest.raises(ValidationFailed, match="Please choose a stage"):
        ana.move_application(application_id=app.id, state="finished")
    with pytest.raises(NotFound, match="That application was not found."):
        ben.move_application(application_id=app.id, state="Drafting")
    with pytest.raises(NotFound, match="That application was not found."):
        ana.move_application(application_id=uuid.uuid4(), state="Drafting")
    with pytest.raises(NotAllowed, match="Please sign in first."):
        Repository(transport_factory(people.anon)).move_application(
            application_id=app.id, state="Drafting"
        )
    assert state_of(ana, app.id) is CoachState.TRACKED


# Submitted and Won -------------------------------------------------------------------------------
def test_a_confirmed_submission_creates_one_check_in(
    transport_factory: TransportFactory, people: People, db_url: str
) -> None:
    ana = Repository(transport_factory(people.student_a))
    app = tracked(ana, db_url, "Once Only Award")
    proposal = ana.propose_status(application_id=app.id, status="submitted")
    assert proposal.confirmation_token is not None
    with pytest.raises(Conflict, match="expired or was already used"):
        ana.confirm_status(application_id=app.id, confirmation_token=uuid.uuid4())
    assert check_ins(db_url, app.id) == []

    done = ana.confirm_status(application_id=app.id, confirmation_token=proposal.confirmation_token)

    assert done.status == "submitted" and done.submitted_at is not None
    assert done.last_progress_at == done.submitted_at
    assert done.metadata["coach_state"] == "submitted"
    assert done.metadata["outcome_pending"] is False
    assert "pending_transition" not in done.metadata
    [check] = check_ins(db_url, app.id)
    assert check["due_at"] == done.submitted_at + timedelta(days=21)
    assert check["status"] == "pending"
    with pytest.raises(Conflict, match="expired or was already used"):
        ana.confirm_status(application_id=app.id, confirmation_token=proposal.confirmation_token)

    # reopened and sent again: still the one row, asked again 21 days after the new date
    ana.move_application(application_id=app.id, state="Drafting")
    assert [c["status"] for c in check_ins(db_url, app.id)] == ["dismissed"]
    again = submitted_again(ana, app.id)
    [check] = check_ins(db_url, app.id)
    assert (check["status"], check["due_at"]) == (
        "pending",
        again.submitted_at + timedelta(days=21),
    )


def submitted_again(repo: Repository, application_id: UUID) -> Application:
    proposal = repo.propose_status(application_id=application_id, status="submitted")
    assert proposal.confirmation_token is not None
    return repo.confirm_status(
        application_id=application_id, confirmation_token=proposal.confirmation_token
    )


def test_a_confirmed_win_is_awarded_and_closes_the_check_in(
    transport_factory: TransportFactory, people: People, db_url: str
) -> None:
    ana = Repository(transport_factory(people.student_a))
    app = submitted(ana, db_url, "Big Win Award")
    proposal = ana.propose_status(application_id=app.id, status="awarded")
    assert proposal.confirmation_token is not None
    with pytest.raises(NotAllowed, match="needs your confirmation"):
        ana.move_application(application_id=app.id, state="Won")

    won = ana.confirm_status(application_id=app.id, confirmation_token=proposal.confirmation_token)

    assert won.status == "awarded" and won.confirmed_at is not None
    assert won.last_progress_at == won.confirmed_at
    [check] = check_ins(db_url, app.id)
    assert (check["status"], check["completed_at"]) == ("completed", won.confirmed_at)
    with pytest.raises(NotAllowed, match="a win is final"):
        ana.move_application(application_id=app.id, state="Drafting")
    with pytest.raises(Conflict):
        ana.propose_status(application_id=app.id, status="draft")


def test_lost_closes_the_pending_check_in(
    transport_factory: TransportFactory, people: People, db_url: str
) -> None:
    ana = Repository(transport_factory(people.student_a))
    app = submitted(ana, db_url, "No Luck Award")
    lost = ana.move_application(application_id=app.id, state="lost")
    assert lost.status == "rejected"
    [check] = check_ins(db_url, app.id)
    assert check["status"] == "completed"


# "Have you heard back?" --------------------------------------------------------------------------
def test_answering_won_only_proposes(
    transport_factory: TransportFactory, people: People, db_url: str
) -> None:
    ana = Repository(transport_factory(people.student_a))
    app = submitted(ana, db_url, "Maybe Won Award")
    [check] = ana.list_check_ins(user_id=people.student_a.user_id)  # type: ignore[arg-type]

    answer = ana.answer_check_in(check_in_id=check.id, answer="won")

    assert answer.needs_confirmation and answer.proposed_status == "awarded"
    assert (answer.application_status, answer.check_in_status) == ("submitted", "pending")
    assert state_of(ana, app.id) is CoachState.SUBMITTED  # nothing awarded yet
    assert answer.confirmation_token is not None
    won = ana.confirm_status(application_id=app.id, confirmation_token=answer.confirmation_token)
    assert won.status == "awarded"
    [done] = ana.list_check_ins(user_id=people.student_a.user_id)  # type: ignore[arg-type]
    assert done.status == "completed"
    with pytest.raises(Conflict, match="already answered"):
        ana.answer_check_in(check_in_id=check.id, answer="lost")


def test_answering_lost_and_not_yet(
    transport_factory: TransportFactory, people: People, db_url: str
) -> None:
    ana = Repository(transport_factory(people.student_a))
    lost_app = submitted(ana, db_url, "Lost Cause Award")
    wait_app = submitted(ana, db_url, "Slow Reply Award")
    checks = {c.application_id: c for c in ana.list_check_ins(user_id=people.student_a.user_id)}  # type: ignore[arg-type]

    lost = ana.answer_check_in(check_in_id=checks[lost_app.id].id, answer="lost")
    assert (lost.application_status, lost.check_in_status) == ("rejected", "completed")
    assert lost.confirmation_token is None
    assert state_of(ana, lost_app.id) is CoachState.LOST

    later = ana.answer_check_in(check_in_id=checks[wait_app.id].id, answer="not yet")
    now = superuser_value(db_url, "select app_now()")
    assert later.check_in_status == "pending"
    assert timedelta(days=7) - timedelta(minutes=1) < later.due_at - now <= timedelta(days=7)
    assert state_of(ana, wait_app.id) is CoachState.OUTCOME_PENDING

    with pytest.raises(ValidationFailed, match="Please answer won, lost or not yet."):
        ana.answer_check_in(check_in_id=checks[wait_app.id].id, answer="maybe")  # type: ignore[arg-type]


def test_student_b_cannot_answer_or_move_a(
    transport_factory: TransportFactory, people: People, db_url: str
) -> None:
    ana = Repository(transport_factory(people.student_a))
    ben = Repository(transport_factory(people.student_b))
    app = submitted(ana, db_url, "Private Award")
    [check] = ana.list_check_ins(user_id=people.student_a.user_id)  # type: ignore[arg-type]

    with pytest.raises(NotFound, match="That check-in was not found."):
        ben.answer_check_in(check_in_id=check.id, answer="lost")
    with pytest.raises(NotFound, match="That application was not found."):
        ben.move_application(application_id=app.id, state="Lost")
    assert state_of(ana, app.id) is CoachState.SUBMITTED
    assert check_ins(db_url, app.id)[0]["status"] == "pending"


# snooze ------------------------------------------------------------------------------------------
def test_snooze_stops_before_the_nearest_deadline(
    transport_factory: TransportFactory, people: People, db_url: str
) -> None:
    ana = Repository(transport_factory(people.student_a))
    tracked(ana, db_url, "Soon Due Award", deadline="3 days")
    tracked(ana, db_url, "Later Award", deadline="20 days")
    now: datetime = superuser_value(db_url, "select app_now()")

    with pytest.raises(ValidationFailed, match=r"nearest deadline \(Soon Due Award, .*\)\. Pick"):
        ana.snooze_micro_task(until=now + timedelta(days=5))
    with pytest.raises(ValidationFailed, match="later than now"):
        ana.snooze_micro_task(until=now - timedelta(minutes=1))

    until = now + timedelta(days=1)
    ana.snooze_micro_task(until=until)
    profile = ana.get_profile(user_id=people.student_a.user_id)  # type: ignore[arg-type]
    assert profile is not None
    assert snoozed_until(profile.preferences) == until


def test_students_cannot_write_the_snooze_directly(people: People, db_url: str) -> None:
    with as_student(db_url, people.student_a) as conn:
        conn.execute(
            'update profiles set preferences = preferences || \'{"theme": "dark"}\' where id = %s',
            (people.student_a.user_id,),
        )
        with pytest.raises(psycopg.Error, match="snooze button"):
            conn.execute(
                "update profiles set preferences = preferences || %s where id = %s",
                (Jsonb({SNOOZE_KEY: "2999-01-01T00:00:00+00:00"}), people.student_a.user_id),
            )


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
def _generated_deadlines(rnd: random.Random, now: datetime, n: int) -> list[datetime | None]:
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


def test_sql_momentum_is_python_momentum_on_generated_inputs(db_url: str) -> None:
    rnd = random.Random(17)
    now = datetime(2026, 12, 1, 12, 0, tzinfo=UTC) + timedelta(microseconds=rnd.randint(0, 10**6))
    deadlines = _generated_deadlines(rnd, now, 6000)
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
    for i, deadline in enumerate(_generated_deadlines(rnd, now, 40)):
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


# the Top 3 ---------------------------------------------------------------------------------------
def test_top3_matches_build_game_plan_on_the_demo_data(
    transport_factory: TransportFactory, db_url: str
) -> None:
    seed_demo(db_url)
    for person in load_demo():
        if person.role != "student":
            continue
        who = Identity.user(person.id, person.email)
        with as_student(db_url, who) as conn:
            sql_rows, python = python_top3_at_same_instant(conn)
        assert [(r["application_id"], r["momentum"], r["coach_state"]) for r in sql_rows] == python
        top3 = Repository(transport_factory(who)).top3()  # the same over the transport
        assert [t.application_id for t in top3] == [p[0] for p in python]
        assert all(t.title and t.coach_state for t in top3)


def test_the_coachs_game_plan_takes_its_top3_from_the_database(
    transport_factory: TransportFactory, db_url: str
) -> None:
    """The scholarship coach reads the plan each turn: its Top 3 is my_top3()'s, with the same
    words (countdown, state, next action) the pages draw from the pure plan."""
    seed_demo(db_url)
    for person in load_demo():
        if person.role != "student":
            continue
        repository = Repository(transport_factory(Identity.user(person.id, person.email)))
        now = clock.now()
        coach_view = load_game_plan(repository, now).top3
        page_view = load_student_plan(repository, now).plan.top3
        assert [t.application_id for t in coach_view] == [
            t.application_id for t in repository.top3()
        ]
        assert [
            (t.application_id, t.title, t.coach_state, t.next_action, t.due) for t in coach_view
        ] == [(t.application_id, t.title, t.coach_state, t.next_action, t.due) for t in page_view]
        pairs = zip(coach_view, page_view, strict=True)
        assert all(abs(a.momentum - b.momentum) < 0.5 for a, b in pairs)


def test_top3_matches_build_game_plan_on_generated_data(
    transport_factory: TransportFactory, people: People, db_url: str
) -> None:
    ana = Repository(transport_factory(people.student_a))
    rnd = random.Random(42)
    now: datetime = superuser_value(db_url, "select app_now()")
    names = ["apple", "Banana", "Émile", "zebra", "Zeta", "ärger", "Ölweg", "10th", "9 lives"]
    states = list(CoachState)
    same_deadline = now + timedelta(days=10)
    for i in range(70):
        if i < 12:  # equal momentum: the tie-breaks decide (type, then title)
            deadline: datetime | None = same_deadline
            trust: int | None = 70
        else:
            deadline, trust = _generated_deadlines(rnd, now, 1)[0], rnd.choice([None, 30, 70, 95])
        app = tracked(
            ana,
            db_url,
            f"{rnd.choice(names)} {i}",
            deadline=deadline,
            trust=trust,
            kind=rnd.choice(KINDS),
        )
        put_in_state(db_url, app.id, rnd.choice(states))
    for _ in range(6):  # the ranking across several subsets of open applications
        with as_student(db_url, people.student_a) as conn:
            sql_rows, python = python_top3_at_same_instant(conn)
        assert [(r["application_id"], r["momentum"], r["coach_state"]) for r in sql_rows] == python
        assert len(python) == 3
        # close the current leader and rank again
        ana.move_application(application_id=python[0][0], state="Lost")


def test_top3_needs_a_student(transport_factory: TransportFactory, people: People) -> None:
    with pytest.raises(NotAllowed, match="Please sign in first."):
        Repository(transport_factory(people.anon)).top3()
    assert Repository(transport_factory(people.student_b)).top3() == []
