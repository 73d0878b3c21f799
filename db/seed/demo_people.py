"""The demo people of seeds/demo.json, and the local awards they track: the file's shape,
and how one person's profile, applications and coaching sessions are written. Kept apart from
the review history (which points at their sessions by `demo_session_id`) and from `seed_demo`
in db/seed/__init__.py, which writes both in one transaction.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Literal
from uuid import UUID, uuid5

import psycopg
from psycopg.types.json import Jsonb
from pydantic import BaseModel, Field, HttpUrl, model_validator

from db.models.applications import DAY_END_UTC, PAST_CYCLE
from db.seed.catalog import SEEDS_DIR, Eligibility


class DemoRound(BaseModel):
    learner: str
    coach: str
    score: int | None = Field(default=None, ge=1, le=10)
    feedback: str | None = None
    dimensions: dict[str, int | None] | None = None
    reasons: dict[str, str] | None = None
    # a question to the coach is kept without a score, as the chat keeps it
    not_scored: str | None = Field(default=None, min_length=1, max_length=200)
    # A round the student came back for on a later day (a resumed session); None: the same
    # sitting as the session's first round.
    days_ago: int | None = Field(default=None, ge=0)

    @model_validator(mode="after")
    def scored_or_why_not(self) -> DemoRound:
        scored = None not in (self.score, self.feedback, self.dimensions)
        if scored == (self.not_scored is not None):
            raise ValueError("a demo round has a score, feedback and dimensions, or not_scored")
        return self


class DemoSession(BaseModel):
    domain_id: str
    days_ago: int
    rounds: list[DemoRound]


class DemoApplication(BaseModel):
    match: str
    status: Literal["draft", "submitted", "awarded", "rejected"]
    coach_state: str
    last_progress_days_ago: int | None = None
    submitted_days_ago: int | None = None
    confirmed_days_ago: int | None = None


class DemoPerson(BaseModel):
    id: UUID
    email: str
    role: Literal["student", "coach", "admin"]
    profile: dict[str, Any]
    learner: dict[str, str]
    applications: list[DemoApplication]
    sessions: list[DemoSession]


class DemoScholarship(BaseModel):
    """A fictional local award the demo students track, due `due_in_days` after the seed (and
    after every reset): the deadline nudges show on any calendar day."""

    title: str = Field(min_length=1, max_length=300)
    provider: str
    url: HttpUrl
    amount: float = Field(ge=0)
    due_in_days: int = Field(ge=1, le=60)
    need_based: bool
    application_type: Literal["essay", "form", "mixed"]
    eligibility: Eligibility
    description: str


class Demo(BaseModel):
    scholarships: list[DemoScholarship] = Field(default_factory=list)
    people: list[DemoPerson]


def load_demo_file(path: Path = SEEDS_DIR / "demo.json") -> Demo:
    return Demo.model_validate_json(path.read_text(encoding="utf-8"))


def load_demo(path: Path = SEEDS_DIR / "demo.json") -> list[DemoPerson]:
    return load_demo_file(path).people


def demo_deadline(due_in_days: int, now: datetime) -> datetime:
    """23:59 UTC that many days after today (the reset in SQL computes the same)."""
    day = now.astimezone(UTC).date() + timedelta(days=due_in_days)
    return datetime.combine(day, DAY_END_UTC, tzinfo=UTC)


def _ago(now: datetime, days: int | None) -> datetime | None:
    return None if days is None else now - timedelta(days=days)


def seed_person(conn: psycopg.Connection[Any], person: DemoPerson, now: datetime) -> None:
    fields = {"role": person.role, **person.profile}
    assignments = ", ".join(f"{column} = %({column})s" for column in fields)
    conn.execute(
        f"update public.profiles set {assignments}, onboarding_completed_at = public.app_now() "
        "where id = %(id)s",
        {**fields, "id": person.id},
    )
    learner = conn.execute(
        "update public.learners set name = %s, team = %s, position = %s where user_id = %s "
        "returning id",
        (
            person.profile["full_name"],
            person.learner.get("team"),
            person.learner.get("position"),
            person.id,
        ),
    ).fetchone()
    assert learner is not None
    for app in person.applications:
        found = conn.execute(
            "select id from public.scholarships where title ilike %s "
            "and metadata ->> 'source' is distinct from %s order by title limit 1",
            (f"%{app.match}%", PAST_CYCLE),
        ).fetchone()
        if found is None:
            continue
        submitted = _ago(now, app.submitted_days_ago)
        application_id = conn.execute(
            """insert into public.applications (user_id, scholarship_id, status, submitted_at,
                 last_progress_at, confirmed_at, metadata)
               values (%s, %s, %s, %s, %s, %s, %s) returning id""",
            (
                person.id,
                found[0],
                app.status,
                submitted,
                _ago(now, app.last_progress_days_ago or app.submitted_days_ago or 0),
                _ago(now, app.confirmed_days_ago),
                Jsonb({"coach_state": app.coach_state}),
            ),
        ).fetchone()
        if app.status == "submitted" and submitted is not None and application_id is not None:
            conn.execute(
                "insert into public.check_in_tasks (user_id, application_id, due_at) "
                "values (%s, %s, %s)",
                (person.id, application_id[0], submitted + timedelta(days=21)),
            )
    for number, session in enumerate(person.sessions, start=1):
        started = now - timedelta(days=session.days_ago)
        session_id = demo_session_id(person.id, session.domain_id, number)
        for round_number, rnd in enumerate(session.rounds, start=1):
            sitting = started if rnd.days_ago is None else now - timedelta(days=rnd.days_ago)
            conn.execute(
                """insert into public.coaching_sessions (learner_id, domain_id, learner_message,
                     coach_response, round_number, session_id, response_time_ms, score,
                     feedback, dimension_scores, dimension_reasons, not_scored_reason,
                     created_at)
                   values (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)""",
                (
                    str(learner[0]),
                    session.domain_id,
                    rnd.learner,
                    rnd.coach,
                    round_number,
                    session_id,
                    900 + 150 * round_number,
                    rnd.score,
                    rnd.feedback,
                    None if rnd.dimensions is None else Jsonb(rnd.dimensions),
                    None if rnd.reasons is None else Jsonb(rnd.reasons),
                    rnd.not_scored,
                    sitting + timedelta(minutes=3 * round_number),
                ),
            )


def demo_session_id(person_id: UUID, domain_id: str, number: int) -> str:
    """The chat's session-id shape (owner:domain:random), so demo sessions can be resumed."""
    return f"{person_id}:{domain_id}:{uuid5(person_id, str(number)).hex}"
