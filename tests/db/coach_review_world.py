"""The small review history the coach review tests share: three sessions of known scores,
times and teams written straight into the database (the `world` fixture), the evaluation
dimensions each coach scores, the review functions the schema must hold, and `repo` for a
repository as one person. One place, so every part of the coach review suite and the
Learners suite build the same history the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

import psycopg
import pytest
from psycopg.types.json import Jsonb

from db.identity import Identity
from db.repository import Repository
from tests.conftest import People
from tests.support.hosted import TransportFactory, superuser_value

DIMS = {
    "communication_coach": ("empathy", "clarity", "de_escalation", "problem_resolution"),
    "scholarship_coach": (
        "deadline_awareness",
        "task_breakdown",
        "follow_through",
        "self_advocacy",
    ),
    "sales_workflow_coach": (
        "process_adherence",
        "customer_understanding",
        "value_articulation",
        "objection_handling",
    ),
}
REVIEW_FUNCTIONS = (
    "review_kpis",
    "review_score_distribution",
    "review_learner_trend",
    "review_dimension_averages",
    "review_response_times",
    "review_rounds",
    "review_filter_options",
    "review_learners",  # the Learners page (migration 20261201001900)
)


@dataclass(frozen=True)
class World:
    """Three sessions in known places: A1 (Ana, communication, 10 days ago: 4, 6, 8), A2
    (Ana, scholarship, 2 days ago: 7 and an unscored round), B1 (Ben, sales, 5 days ago: 5, 9).
    Ana is in Admissions, Ben in Sales East."""

    now: datetime
    learner_a: str
    learner_b: str
    a1: str
    a2: str
    b1: str
    rounds: dict[str, UUID]  # "a1.1" -> round id

    def day(self, days_ago: int) -> datetime:
        """Midnight UTC, `days_ago` days before the app clock's today."""
        today = self.now.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
        return today - timedelta(days=days_ago)


def add_learner(db_url: str, who: Identity, team: str) -> str:
    """The person's learner row, named and in a team as the demo seed does it."""
    with psycopg.connect(db_url, autocommit=True) as conn:
        row = conn.execute(
            "update public.learners l set team = %s, name = p.full_name from public.profiles p "
            "where p.id = l.user_id and l.user_id = %s returning l.id::text",
            (team, who.user_id),
        ).fetchone()
    assert row is not None
    return str(row[0])


def add_session(
    conn: psycopg.Connection[Any],
    learner_id: str,
    domain_id: str,
    at: datetime,
    rounds: list[tuple[int | None, int | None]],
    ids: dict[str, UUID],
    key: str,
) -> str:
    """Rounds written as seeds and imports write them (the guard trigger still checks each)."""
    session_id = f"{learner_id}:{domain_id}:{uuid4().hex}"
    for number, (score, response_ms) in enumerate(rounds, start=1):
        dims: dict[str, int | None] | None = None
        if score is not None:
            dims = dict.fromkeys(DIMS[domain_id], score)
            if key == "a1" and number == 1:
                dims["de_escalation"] = None  # the judge left it unscored
        row = conn.execute(
            """insert into public.coaching_sessions (learner_id, domain_id, learner_message,
                 coach_response, round_number, session_id, response_time_ms, score, feedback,
                 dimension_scores, created_at)
               values (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s) returning id""",
            (
                learner_id,
                domain_id,
                f"{key} round {number}",
                "Noted.",
                number,
                session_id,
                response_ms,
                score,
                None if score is None else "Fine.",
                None if dims is None else Jsonb(dims),
                at + timedelta(minutes=3 * number),
            ),
        ).fetchone()
        assert row is not None
        ids[f"{key}.{number}"] = row[0]
    return session_id


@pytest.fixture(name="world")
def world_fixture(db_url: str, people: People) -> World:
    now = superuser_value(db_url, "select public.app_now()")
    learner_a = add_learner(db_url, people.student_a, "Admissions")
    learner_b = add_learner(db_url, people.student_b, "Sales East")
    today = now.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)

    def noon(days_ago: int) -> datetime:
        return today - timedelta(days=days_ago) + timedelta(hours=12)

    ids: dict[str, UUID] = {}
    with psycopg.connect(db_url, autocommit=True) as conn:
        a1 = add_session(
            conn,
            learner_a,
            "communication_coach",
            noon(10),
            [(4, 1500), (6, 2500), (8, 9500)],
            ids,
            "a1",
        )
        a2 = add_session(
            conn, learner_a, "scholarship_coach", noon(2), [(7, 800), (None, None)], ids, "a2"
        )
        b1 = add_session(
            conn, learner_b, "sales_workflow_coach", noon(5), [(5, 3100), (9, 3900)], ids, "b1"
        )
    return World(now, learner_a, learner_b, a1, a2, b1, ids)


def repo(factory: TransportFactory, who: Identity) -> Repository:
    return Repository(factory(who))
