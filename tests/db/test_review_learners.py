"""The Learners page's numbers in the database (public.review_learners), on both ends of the
transport seam: right on a small hand-built history, every learner for a coach or an admin,
only themself for a student, nothing for anon; each filter narrows them, and a coach's
override moves every number that reads a score."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from uuid import UUID

import psycopg
import pytest

from db.errors import NotAllowed
from db.models import LearnerSummary
from tests.conftest import People
from tests.db.coach_review_world import add_learner, add_session, repo
from tests.support.hosted import TransportFactory, superuser_value


@dataclass(frozen=True)
class History:
    """Ana (Admissions): A1 communication 20 days ago (4, 6, 8), A2 scholarship 2 days ago
    (7, not scored yet), A3 sales yesterday (9, 10). Ben (Sales East): B1 sales 5 days ago
    (5, 9). Cy (Admissions, no sign-in): C1 communication 8 days ago (6)."""

    now: datetime
    ana: str
    ben: str
    cy: str
    sessions: dict[str, str]
    rounds: dict[str, UUID]

    def day(self, days_ago: int) -> datetime:
        today = self.now.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
        return today - timedelta(days=days_ago)


@pytest.fixture
def history(db_url: str, people: People) -> History:
    now = superuser_value(db_url, "select public.app_now()")
    ana = add_learner(db_url, people.student_a, "Admissions")
    ben = add_learner(db_url, people.student_b, "Sales East")
    today = now.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)

    def noon(days_ago: int) -> datetime:
        return today - timedelta(days=days_ago) + timedelta(hours=12)

    ids: dict[str, UUID] = {}
    with psycopg.connect(db_url, autocommit=True) as conn:
        row = conn.execute(
            "insert into public.learners (name, team, user_id) "
            "values ('Cy Learner', 'Admissions', null) returning id::text"
        ).fetchone()
        assert row is not None
        cy = str(row[0])
        sessions = {
            "a1": add_session(
                conn, ana, "communication_coach", noon(20), [(4, 1), (6, 1), (8, 1)], ids, "a1"
            ),
            "a2": add_session(
                conn, ana, "scholarship_coach", noon(2), [(7, 1), (None, None)], ids, "a2"
            ),
            "a3": add_session(
                conn, ana, "sales_workflow_coach", noon(1), [(9, 1), (10, 1)], ids, "a3"
            ),
            "b1": add_session(
                conn, ben, "sales_workflow_coach", noon(5), [(5, 1), (9, 1)], ids, "b1"
            ),
            "c1": add_session(conn, cy, "communication_coach", noon(8), [(6, 1)], ids, "c1"),
        }
    return History(now, ana, ben, cy, sessions, ids)


def by_name(rows: list[LearnerSummary]) -> dict[str, LearnerSummary]:
    return {r.learner_name: r for r in rows}


def test_the_numbers_are_right_for_every_learner(
    transport_factory: TransportFactory, people: People, history: History
) -> None:
    rows = repo(transport_factory, people.coach).review_learners()
    assert [r.learner_name for r in rows] == ["Ana Student", "Ben Student", "Cy Learner"]
    ana, ben, cy = rows

    assert ana.learner_id == history.ana and ana.team == "Admissions"
    assert (ana.sessions, ana.rounds) == (3, 7)  # the unscored round counts as a round
    assert ana.average_score == Decimal("7.3")  # 44 / 6 scored rounds
    assert (ana.first_score, ana.latest_score, ana.best_score) == (4, 10, 10)
    # six scored rounds: the last three (7, 9, 10) against the first three (4, 6, 8)
    assert ana.change == Decimal("2.7")
    assert ana.last_round_at == history.day(1) + timedelta(hours=12, minutes=6)
    assert (ana.unreviewed_sessions, ana.overridden_rounds) == (3, 0)

    assert (ben.sessions, ben.rounds, ben.average_score) == (1, 2, Decimal("7.0"))
    assert (ben.first_score, ben.latest_score, ben.best_score) == (5, 9, 9)
    assert ben.change == Decimal("4.0")  # two rounds: the second minus the first

    assert (cy.team, cy.rounds, cy.first_score, cy.latest_score) == ("Admissions", 1, 6, 6)
    assert cy.change is None  # one scored round: no change to speak of


def test_change_compares_the_first_five_with_the_last_five(
    transport_factory: TransportFactory, people: People, history: History, db_url: str
) -> None:
    """Twelve scored rounds: the middle two count on neither side."""
    with psycopg.connect(db_url, autocommit=True) as conn:
        add_session(
            conn,
            history.cy,
            "communication_coach",
            history.day(3) + timedelta(hours=9),
            [(s, 1) for s in (2, 2, 2, 2, 2, 10, 10, 7, 7, 7, 7, 7)],
            {},
            "c2",
        )
    cy = by_name(repo(transport_factory, people.coach).review_learners())["Cy Learner"]
    # scored in time order: 6 (c1), then 2, 2, 2, 2, 2, 10, 10, 7, 7, 7, 7, 7
    assert cy.rounds == 13
    assert cy.change == Decimal("4.2")  # (7 * 5) / 5 - (6 + 2 * 4) / 5 = 7.0 - 2.8
    assert (cy.first_score, cy.latest_score, cy.best_score) == (6, 7, 10)


def test_an_override_and_a_review_move_the_numbers(
    transport_factory: TransportFactory, people: People, history: History
) -> None:
    coach = repo(transport_factory, people.coach)
    coach.override_round_score(round_id=history.rounds["a1.1"], score=8, reason="Better than 4.")
    coach.mark_session_reviewed(session_id=history.sessions["b1"])

    ana, ben, _ = coach.review_learners()
    assert ana.first_score == 8  # the coach's score, not the AI's 4
    assert ana.average_score == Decimal("8.0")  # 48 / 6
    assert ana.change == Decimal("1.3")  # 8.67 - 7.33: (7, 9, 10) against (8, 6, 8)
    assert (ana.overridden_rounds, ana.unreviewed_sessions) == (1, 2)  # the override reviewed A1
    assert (ben.unreviewed_sessions, ben.overridden_rounds) == (0, 0)


def test_a_coach_and_an_admin_see_everyone_a_student_only_themself(
    transport_factory: TransportFactory, people: People, history: History
) -> None:
    for who in (people.coach, people.admin, people.service):
        rows = repo(transport_factory, who).review_learners()
        assert {r.learner_id for r in rows} == {history.ana, history.ben, history.cy}

    [own] = repo(transport_factory, people.student_a).review_learners()
    assert (own.learner_id, own.rounds) == (history.ana, 7)
    [own] = repo(transport_factory, people.student_b).review_learners()
    assert own.learner_id == history.ben
    assert repo(transport_factory, people.student_b).review_learners(team="Admissions") == []

    with pytest.raises(NotAllowed):
        transport_factory(people.anon).rpc("review_learners")


def test_a_name_changed_on_profile_is_the_name_coaches_see(
    transport_factory: TransportFactory, people: People, history: History
) -> None:
    """An audit: Profile's new name reached Home and the emails, never Review or Learners."""
    transport_factory(people.student_a).rpc(
        "save_my_profile", {"p_full_name": "Ana María O'Neil-Ruiz"}
    )
    names = {
        r.learner_id: r.learner_name
        for r in repo(transport_factory, people.coach).review_learners()
    }
    assert names[history.ana] == "Ana María O'Neil-Ruiz"
    assert names[history.cy] == "Cy Learner"  # a learner with no account keeps their name


def test_a_name_another_learner_has_is_told_apart_for_coaches(
    transport_factory: TransportFactory, people: People, history: History
) -> None:
    """A data-safety audit: a student named themselves as another learner, and coaches saw
    two of them with nothing to tell them apart. The first keeps the name; the student's own
    profile keeps what they typed."""

    def coach_sees() -> dict[str, str]:
        rows = repo(transport_factory, people.coach).review_learners()
        return {r.learner_id: r.learner_name for r in rows}

    ben = transport_factory(people.student_b)
    assert people.student_b.user_id is not None
    for typed, label in (("Ana Student", "Ana Student (2)"), ("ANA STUDENT", "ANA STUDENT (2)")):
        ben.rpc("save_my_profile", {"p_full_name": typed})
        assert coach_sees()[history.ben] == label
        assert coach_sees()[history.ana] == "Ana Student"
        own = repo(transport_factory, people.student_b).get_profile(
            user_id=people.student_b.user_id
        )
        assert own is not None and own.full_name == typed
    ben.rpc("save_my_profile", {"p_full_name": "Ben Student"})
    assert coach_sees()[history.ben] == "Ben Student"


def test_each_filter_narrows_the_learners_and_their_numbers(
    transport_factory: TransportFactory, people: People, history: History
) -> None:
    coach = repo(transport_factory, people.coach)

    admissions = coach.review_learners(team="Admissions")
    assert [r.learner_name for r in admissions] == ["Ana Student", "Cy Learner"]

    sales = by_name(coach.review_learners(domain_id="sales_workflow_coach"))
    assert set(sales) == {"Ana Student", "Ben Student"}
    ana = sales["Ana Student"]
    assert (ana.sessions, ana.rounds, ana.first_score, ana.change) == (1, 2, 9, Decimal("1.0"))

    recent = by_name(coach.review_learners(since=history.day(3), until=history.day(1)))
    assert set(recent) == {"Ana Student"}  # A2 only: B1, C1 before, A3 after (exclusive)
    ana = recent["Ana Student"]
    assert (ana.sessions, ana.rounds, ana.average_score) == (1, 2, Decimal("7.0"))
    assert (ana.first_score, ana.latest_score, ana.change) == (7, 7, None)

    since = by_name(coach.review_learners(since=history.day(3)))
    assert since["Ana Student"].rounds == 4  # A2 and A3
    assert since["Ana Student"].change == Decimal("3.0")  # 10 - 7 (the middle 9 sits out)

    assert coach.review_learners(team="Nobody's team") == []
    assert coach.review_learners(domain_id="communication_coach", team="Sales East") == []
