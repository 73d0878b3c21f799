"""The Top 3 in the database (my_top3(), migrations 20261201001300 and 20261205001100),
checked against coach/game_plan.py's build_game_plan on the demo data and on generated data,
and read by the scholarship coach as the pages draw it."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from decimal import Decimal

import pytest

from coach import clock
from coach.coach_state import CoachState
from coach.game_plan import load_game_plan, load_student_plan
from db.errors import NotAllowed
from db.identity import Identity
from db.models import ProfileInput
from db.repository import Repository
from db.seed import load_demo, seed_demo
from tests.conftest import People
from tests.db.game_plan_rows import (
    KINDS,
    as_student,
    generated_deadlines,
    put_in_state,
    python_top3_at_same_instant,
    tracked,
)
from tests.support.hosted import TransportFactory, superuser_value


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


def test_the_coach_offers_the_similar_scholarships_the_page_offers_for_a_missed_deadline(
    transport_factory: TransportFactory, db_url: str
) -> None:
    """A browser audit: the coach said "Discovery can find similar ones that are still open"
    while the Game plan listed three to track instead. Ten days on, Maya's Hometown deadline
    (seeded four days ahead, not sent) has passed: both name the same ones."""
    seed_demo(db_url)
    maya = next(p for p in load_demo() if p.email.startswith("maya@"))
    repository = Repository(transport_factory(Identity.user(maya.id, maya.email)))
    later = clock.now() + timedelta(days=10)
    coach_view = load_game_plan(repository, later).missed
    page_view = load_student_plan(repository, later, with_similar=True).plan.missed
    assert [m.title for m in coach_view] == [m.title for m in page_view]
    assert "Hometown Community Foundation Scholarship" in [m.title for m in coach_view]
    offered = [[s.title for s in m.similar] for m in page_view]
    assert any(offered) and [[s.title for s in m.similar] for m in coach_view] == offered


def test_the_coach_knows_what_a_students_profile_lacks(
    transport_factory: TransportFactory, db_url: str
) -> None:
    """The scholarship coach asks a new student to put what Discovery matches on in their
    Profile: only what is missing there, read from the student's own row."""
    seed_demo(db_url)
    gaps = {}
    for person in load_demo():
        if person.role == "student":
            repository = Repository(transport_factory(Identity.user(person.id, person.email)))
            gaps[person.email.split("@")[0]] = load_game_plan(repository, clock.now()).profile_gaps
    assert gaps["priya"] == ["GPA", "school year"] and gaps["maya"] == []
    priya = next(p for p in load_demo() if p.email.startswith("priya@"))
    repository = Repository(transport_factory(Identity.user(priya.id, priya.email)))
    before = load_game_plan(repository, clock.now())
    assert (before.profile_state, before.profile_gpa) == ("TX", None)  # what she says is read
    repository.save_profile(
        data=ProfileInput(
            full_name="Priya Shah",
            gpa=Decimal("3.1"),
            state="OH",
            school_year="college_freshman",
        )
    )
    after = load_game_plan(repository, clock.now())
    assert after.profile_gaps == ["major"]
    assert (after.profile_state, after.profile_gpa) == ("OH", 3.1)
    assert after.profile_school_year == "college_freshman"


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
            deadline, trust = generated_deadlines(rnd, now, 1)[0], rnd.choice([None, 30, 70, 95])
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


def test_far_off_ties_go_to_the_sooner_deadline(
    transport_factory: TransportFactory, people: People, db_url: str
) -> None:
    """Past 60 days every application has the same momentum: a season audit's Top 3 read
    "Federal Pell Grant (174 days), Dell Scholars Program (330 days), NURSE Corps (110
    days)", alphabetical. The sooner deadline comes first, in the database and the pages."""
    ana = Repository(transport_factory(people.student_a))
    for title, days in (("Alpha", "330"), ("Beta", "110"), ("Gamma", "174"), ("Delta", "200")):
        tracked(ana, db_url, f"{title} Award", deadline=f"{days} days", trust=None, kind="form")
    with as_student(db_url, people.student_a) as conn:
        sql_rows, python = python_top3_at_same_instant(conn)
    assert [r["title"] for r in sql_rows] == ["Beta Award", "Gamma Award", "Delta Award"]
    assert len({r["momentum"] for r in sql_rows}) == 1
    assert [(r["application_id"], r["momentum"], r["coach_state"]) for r in sql_rows] == python


def test_top3_needs_a_student(transport_factory: TransportFactory, people: People) -> None:
    with pytest.raises(NotAllowed, match="Please sign in first."):
        Repository(transport_factory(people.anon)).top3()
    assert Repository(transport_factory(people.student_b)).top3() == []
