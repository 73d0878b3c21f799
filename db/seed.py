"""Loads preset data: seed 003's personas, the scholarship coach, the offline catalog and the
demo identities. Re-runnable: existing rows are left alone (on conflict do nothing), except
catalog deadlines, which roll to their next yearly occurrence by the app's clock
(`public.app_now()`) as real programs do: one that passed moves a year on, and one more than a
year ahead (the clock was moved back) moves back.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Literal
from uuid import UUID, uuid5

import psycopg
from psycopg.types.json import Jsonb
from pydantic import BaseModel, Field, HttpUrl

from db.app_clock import app_now
from db.settings import Settings

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"


class Eligibility(BaseModel):
    min_gpa: float | None = Field(default=None, ge=0, le=4)
    states: list[str] = Field(default_factory=list)
    majors: list[str] = Field(default_factory=list)


class CatalogEntry(BaseModel):
    title: str = Field(min_length=1, max_length=300)
    provider: str
    url: HttpUrl
    amount: float = Field(ge=0)
    deadline_month: int = Field(ge=1, le=12)
    deadline_day: int = Field(ge=1, le=28)
    need_based: bool
    application_type: Literal["essay", "form", "mixed"]
    eligibility: Eligibility
    description: str
    fraud_signals: list[str] = Field(default_factory=list)


class Catalog(BaseModel):
    version: int
    scholarships: list[CatalogEntry]


def load_catalog(path: Path = SEEDS_DIR / "scholarships.json") -> list[CatalogEntry]:
    return Catalog.model_validate_json(path.read_text(encoding="utf-8")).scholarships


def next_deadline(month: int, day: int, now: datetime) -> datetime:
    """The next time this yearly deadline comes round, at 23:59 UTC."""
    candidate = datetime(now.year, month, day, 23, 59, tzinfo=UTC)
    return candidate if candidate > now else candidate.replace(year=now.year + 1)


def seed_reference_data(url: str) -> dict[str, int]:
    with psycopg.connect(url, autocommit=True) as conn:
        now = app_now(conn)
        with conn.transaction():
            conn.execute((SEEDS_DIR / "coaching_003.sql").read_bytes())
            conn.execute((SEEDS_DIR / "scholarship_coach.sql").read_bytes())
            catalog = load_catalog()
            for entry in catalog:
                conn.execute(
                    """insert into public.scholarships
                         (title, provider, url, amount, deadline, need_based, metadata)
                       values (%s, %s, %s, %s, %s, %s, %s)
                       on conflict (url) do update set deadline = excluded.deadline
                       where public.scholarships.metadata ->> 'source' = 'offline_catalog'
                         and (public.scholarships.deadline < %s
                              or public.scholarships.deadline > %s + interval '1 year')""",
                    (
                        entry.title,
                        entry.provider,
                        str(entry.url),
                        entry.amount,
                        next_deadline(entry.deadline_month, entry.deadline_day, now),
                        entry.need_based,
                        Jsonb(
                            {
                                "application_type": entry.application_type,
                                "eligibility": entry.eligibility.model_dump(),
                                "description": entry.description,
                                "fraud_signals": entry.fraud_signals,
                                "source": "offline_catalog",
                            }
                        ),
                        now,
                        now,
                    ),
                )
        domains = conn.execute("select count(*) from public.coaching_personas").fetchone()
    return {"personas": domains[0] if domains else 0, "catalog": len(catalog)}


class DemoRound(BaseModel):
    learner: str
    coach: str
    score: int = Field(ge=1, le=10)
    feedback: str
    dimensions: dict[str, int]


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


class Demo(BaseModel):
    people: list[DemoPerson]


def load_demo(path: Path = SEEDS_DIR / "demo.json") -> list[DemoPerson]:
    return Demo.model_validate_json(path.read_text(encoding="utf-8")).people


def seed_demo(url: str, *, users_exist: bool = False) -> dict[str, int]:
    """The demo people's profiles, applications and sessions; a person already seeded is
    left untouched. Off Supabase their auth.users rows are written here; on Supabase they
    were created through its Auth admin API first (`users_exist`), because GoTrue owns that
    table and expects more of a row than an id and an email."""
    created = 0
    with psycopg.connect(url, autocommit=True) as conn, conn.transaction():
        now = app_now(conn)
        for person in load_demo():
            if users_exist:
                row = conn.execute(
                    "select 1 from auth.users u join public.profiles p on p.id = u.id "
                    "where u.id = %s and p.onboarding_completed_at is null",
                    (person.id,),
                ).fetchone()
            else:
                row = conn.execute(
                    "insert into auth.users (id, email) values (%s, %s) "
                    "on conflict (id) do nothing returning id",
                    (person.id, person.email),
                ).fetchone()
            if row is None:
                continue
            created += 1
            _seed_person(conn, person, now)
    return {"demo_people_created": created}


def _ago(now: datetime, days: int | None) -> datetime | None:
    return None if days is None else now - timedelta(days=days)


def _seed_person(conn: psycopg.Connection[Any], person: DemoPerson, now: datetime) -> None:
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
            "select id from public.scholarships where title ilike %s order by title limit 1",
            (f"%{app.match}%",),
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
        # The chat's session-id shape (owner:domain:random), so demo sessions can be resumed.
        session_id = f"{person.id}:{session.domain_id}:{uuid5(person.id, str(number)).hex}"
        for round_number, rnd in enumerate(session.rounds, start=1):
            conn.execute(
                """insert into public.coaching_sessions (learner_id, domain_id, learner_message,
                     coach_response, round_number, session_id, response_time_ms, score,
                     feedback, dimension_scores, created_at)
                   values (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)""",
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
                    Jsonb(rnd.dimensions),
                    started + timedelta(minutes=3 * round_number),
                ),
            )


def seed_all(url: str, settings: Settings) -> str:
    """What `make run` seeds. On Supabase: the catalog and personas; demo people only with
    DEMO_MODE=true, created through Supabase Auth's admin API with the service-role key."""
    summary = seed_reference_data(url)
    if settings.seeds_demo_people:
        if settings.database_mode == "supabase":
            from db.supabase_auth import create_auth_user

            assert settings.supabase_url and settings.supabase_service_role_key
            assert settings.demo_password is not None
            for person in load_demo():
                create_auth_user(
                    settings.supabase_url,
                    settings.supabase_service_role_key.get_secret_value(),
                    user_id=person.id,
                    email=person.email,
                    password=settings.demo_password.get_secret_value(),
                )
            summary |= seed_demo(url, users_exist=True)
        else:
            summary |= seed_demo(url)
    return "seeds: " + ", ".join(f"{k}={v}" for k, v in summary.items())
