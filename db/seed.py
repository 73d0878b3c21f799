"""Loads preset data: seed 003's personas, the scholarship coach, the offline catalog, the
demo identities and (with them) weeks of scored coaching history for the coach's Review page.
Re-runnable: existing rows are left alone (on conflict do nothing), except catalog deadlines,
which roll to their next yearly occurrence by the app's clock (`public.app_now()`) as real
programs do: one that passed moves a year on, and one more than a year ahead (the clock was
moved back) moves back.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Literal
from uuid import NAMESPACE_URL, UUID, uuid5

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
    dimensions: dict[str, int | None]
    reasons: dict[str, str] | None = None
    # A round the student came back for on a later day (a resumed session); None: the same
    # sitting as the session's first round.
    days_ago: int | None = Field(default=None, ge=0)


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
    return datetime(day.year, day.month, day.day, 23, 59, tzinfo=UTC)


def seed_demo(url: str, *, users_exist: bool = False) -> dict[str, int]:
    """The demo people's profiles, applications and sessions; a person already seeded is
    left untouched. Off Supabase their auth.users rows are written here; on Supabase they
    were created through its Auth admin API first (`users_exist`), because GoTrue owns that
    table and expects more of a row than an id and an email."""
    created = 0
    demo = load_demo_file()
    with psycopg.connect(url, autocommit=True) as conn, conn.transaction():
        now = app_now(conn)
        for award in demo.scholarships:
            conn.execute(
                """insert into public.scholarships
                     (title, provider, url, amount, deadline, need_based, metadata)
                   values (%s, %s, %s, %s, %s, %s, %s) on conflict (url) do nothing""",
                (
                    award.title,
                    award.provider,
                    str(award.url),
                    award.amount,
                    demo_deadline(award.due_in_days, now),
                    award.need_based,
                    Jsonb(
                        {
                            "application_type": award.application_type,
                            "eligibility": award.eligibility.model_dump(),
                            "description": award.description,
                            "fraud_signals": [],
                            "source": "demo",
                            "due_in_days": award.due_in_days,
                        }
                    ),
                ),
            )
        for person in demo.people:
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
        seed_review_history(conn, now)
        kept = conn.execute("select 1 from private.demo_seed").fetchone() is not None
        if created or not kept:
            # What a reset puts back (public.reset_demo_data): the rows the demo owns now.
            capture_demo_seed(conn, [p.id for p in demo.people])
    return {"demo_people_created": created}


def capture_demo_seed(conn: psycopg.Connection[Any], people: list[UUID]) -> int:
    """Keeps the demo people's rows, and the history learners' rounds, as the seed left them."""
    history = [str(learner.id) for learner in load_review_history().learners]
    row = conn.execute(
        "select private.capture_demo_seed(%s::uuid[], "
        "array(select l.id::text from public.learners l "
        "where l.user_id = any(%s::uuid[]) or l.id::text = any(%s::text[])))",
        (people, people, history),
    ).fetchone()
    return int(row[0]) if row else 0


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
        session_id = demo_session_id(person.id, session.domain_id, number)
        for round_number, rnd in enumerate(session.rounds, start=1):
            sitting = started if rnd.days_ago is None else now - timedelta(days=rnd.days_ago)
            conn.execute(
                """insert into public.coaching_sessions (learner_id, domain_id, learner_message,
                     coach_response, round_number, session_id, response_time_ms, score,
                     feedback, dimension_scores, dimension_reasons, created_at)
                   values (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)""",
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
                    None if rnd.reasons is None else Jsonb(rnd.reasons),
                    sitting + timedelta(minutes=3 * round_number),
                ),
            )


def demo_session_id(person_id: UUID, domain_id: str, number: int) -> str:
    """The chat's session-id shape (owner:domain:random), so demo sessions can be resumed."""
    return f"{person_id}:{domain_id}:{uuid5(person_id, str(number)).hex}"


# Review history (issue #19) ------------------------------------------------------------------
DEMO_COACH = UUID("0d1f5a2e-0000-4000-8000-000000000003")  # Dr. Sam Rivera in seeds/demo.json
_HISTORY_NAMESPACE = uuid5(NAMESPACE_URL, "https://tuitionlift.local/seeds/review_history")


class HistoryLearner(BaseModel):
    key: str = Field(pattern=r"^[a-z]+$")
    name: str
    team: str
    position: str
    start: float = Field(ge=1, le=10)  # where their scores begin, six weeks ago
    gain: float = Field(ge=0, le=6)  # how much they improve over the weeks
    favourites: list[str]  # the coaches they practise with beyond one session each

    @property
    def id(self) -> UUID:
        return uuid5(_HISTORY_NAMESPACE, f"learner:{self.key}")


class HistoryDomain(BaseModel):
    learner: list[str] = Field(min_length=1)
    coach: list[str] = Field(min_length=1)


class HistoryReview(BaseModel):
    learner: str
    session: int = Field(ge=1)
    note: int | None = None


class HistoryOverride(BaseModel):
    learner: str | None = None  # a history learner's key ...
    person: str | None = None  # ... or a demo student, by the first part of their email
    session: int = Field(ge=1)
    round: int = Field(ge=1)
    score: int = Field(ge=1, le=10)
    reason: str = Field(min_length=3, max_length=500)
    days_after: int = Field(ge=0)


Band = Literal["low", "mid", "high"]


class ReviewHistory(BaseModel):
    version: int
    weeks: int = Field(ge=1, le=52)
    learners: list[HistoryLearner]
    domains: dict[str, HistoryDomain]
    focus: dict[str, str]
    reasons: dict[Band, str]
    feedback: dict[Band, list[str]]
    review_notes: list[str]
    reviews: list[HistoryReview]
    overrides: list[HistoryOverride]


def load_review_history(path: Path = SEEDS_DIR / "review_history.json") -> ReviewHistory:
    return ReviewHistory.model_validate_json(path.read_text(encoding="utf-8"))


class HistoryRound(BaseModel):
    round_number: int
    learner_message: str
    coach_response: str
    response_time_ms: int
    score: int
    feedback: str
    dimension_scores: dict[str, int | None]
    dimension_reasons: dict[str, str]
    created_at: datetime


class HistorySession(BaseModel):
    number: int
    session_id: str
    learner_id: UUID
    domain_id: str
    started_at: datetime
    rounds: list[HistoryRound]


def _band(score: int) -> Band:
    return "low" if score <= 4 else "mid" if score <= 7 else "high"


def plan_review_history(
    history: ReviewHistory, dimensions: dict[str, list[str]], now: datetime
) -> list[HistorySession]:
    """Every history learner's sessions, the same on every run for the same `now`: a random
    stream per learner (seeded with their key) picks coaches, days, lengths and scores.
    Scores climb over the weeks from `start` by up to `gain`, with noise; each dimension sits
    near the round's score, now and then left unscored; every time is before `now`."""
    days = 7 * history.weeks
    plan: list[HistorySession] = []
    for learner in history.learners:
        rng = random.Random(f"tuitionlift-review-history:{learner.key}")
        coaches = [*sorted(history.domains), *learner.favourites, *learner.favourites[:1]]
        rng.shuffle(coaches)
        offsets = sorted(rng.sample(range(1, days), len(coaches)), reverse=True)
        for number, (domain_id, days_ago) in enumerate(zip(coaches, offsets, strict=True), 1):
            texts = history.domains[domain_id]
            names = dimensions[domain_id]
            started = (now - timedelta(days=days_ago)).replace(
                hour=rng.randint(8, 18), minute=rng.randint(0, 59), second=0, microsecond=0
            )
            started = min(started, now - timedelta(hours=1))
            progress = 1 - days_ago / days
            rounds = []
            first_text = rng.randrange(len(texts.learner))
            for round_number in range(1, rng.randint(3, 8) + 1):
                level = learner.start + learner.gain * progress + 0.2 * round_number
                score = max(1, min(10, round(level + rng.uniform(-1.3, 1.3))))
                dims: dict[str, int | None] = {
                    name: max(1, min(10, score + rng.choice((-1, 0, 0, 1)))) for name in names
                }
                if rng.random() < 0.08:  # the judge left one dimension unscored
                    dims[rng.choice(names)] = None
                reasons = {
                    name: history.reasons[_band(value)].format(
                        focus=history.focus.get(name, name.replace("_", " "))
                    )
                    for name, value in dims.items()
                    if value is not None
                }
                pick = (first_text + round_number - 1) % len(texts.learner)
                rounds.append(
                    HistoryRound(
                        round_number=round_number,
                        learner_message=texts.learner[pick],
                        coach_response=texts.coach[pick % len(texts.coach)],
                        response_time_ms=int(rng.triangular(800, 9000, 1800)),
                        score=score,
                        feedback=rng.choice(history.feedback[_band(score)]),
                        dimension_scores=dims,
                        dimension_reasons=reasons,
                        created_at=started + timedelta(minutes=round_number * rng.randint(2, 5)),
                    )
                )
            plan.append(
                HistorySession(
                    number=number,
                    session_id=f"{learner.id}:{domain_id}:{uuid5(learner.id, str(number)).hex}",
                    learner_id=learner.id,
                    domain_id=domain_id,
                    started_at=started,
                    rounds=rounds,
                )
            )
    return plan


def seed_review_history(conn: psycopg.Connection[Any], now: datetime) -> dict[str, int]:
    """The Review page's history: the learners, their sessions and rounds, a few sessions
    reviewed and a few rounds overridden by the demo coach. Re-runnable: rows that exist
    are left as they are (ids are derived from the seed, so a second run finds them)."""
    history = load_review_history()
    dimensions = {
        domain_id: list(names or [])
        for domain_id, names in conn.execute(
            "select domain_id, array(select jsonb_array_elements_text("
            "coalesce(evaluation_criteria -> 'dimensions', '[]'))) from public.coaching_personas"
        )
    }
    plan = plan_review_history(history, dimensions, now)
    created = {"review_learners": 0, "review_rounds": 0, "reviews": 0, "overrides": 0}
    for learner in history.learners:
        row = conn.execute(
            """insert into public.learners (id, name, team, position, user_id, created_at)
               values (%s, %s, %s, %s, null, %s) on conflict (id) do nothing returning id""",
            (learner.id, learner.name, learner.team, learner.position, now - timedelta(days=60)),
        ).fetchone()
        created["review_learners"] += row is not None
    for session in plan:
        conn.execute(
            """insert into public.coaching_threads (session_id, learner_id, domain_id, created_at)
               values (%s, %s, %s, %s) on conflict (session_id) do nothing""",
            (session.session_id, str(session.learner_id), session.domain_id, session.started_at),
        )
        for rnd in session.rounds:
            row = conn.execute(
                """insert into public.coaching_sessions (learner_id, domain_id, learner_message,
                     coach_response, round_number, session_id, response_time_ms, score,
                     feedback, dimension_scores, dimension_reasons, created_at)
                   values (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)
                   on conflict (session_id, round_number) do nothing returning id""",
                (
                    str(session.learner_id),
                    session.domain_id,
                    rnd.learner_message,
                    rnd.coach_response,
                    rnd.round_number,
                    session.session_id,
                    rnd.response_time_ms,
                    rnd.score,
                    rnd.feedback,
                    Jsonb(rnd.dimension_scores),
                    Jsonb(rnd.dimension_reasons),
                    rnd.created_at,
                ),
            ).fetchone()
            created["review_rounds"] += row is not None

    coach = conn.execute(
        "select coalesce(p.full_name, 'Your coach') from auth.users u "
        "left join public.profiles p on p.id = u.id where u.id = %s",
        (DEMO_COACH,),
    ).fetchone()
    if coach is None:  # no demo coach (not seeded): nobody to have reviewed anything
        return created
    by_key = {(s.learner_id, s.number): s for s in plan}
    learner_ids = {learner.key: learner.id for learner in history.learners}
    for review in history.reviews:
        session = by_key[(learner_ids[review.learner], review.session)]
        row = conn.execute(
            """insert into public.coaching_session_reviews
                 (session_id, reviewed_by, reviewer_name, reviewed_at, note)
               values (%s, %s, %s, %s, %s) on conflict (session_id) do nothing
               returning session_id""",
            (
                session.session_id,
                DEMO_COACH,
                coach[0],
                min(session.rounds[-1].created_at + timedelta(days=1), now),
                None if review.note is None else history.review_notes[review.note],
            ),
        ).fetchone()
        created["reviews"] += row is not None
    for number, override in enumerate(history.overrides):
        found = _override_round(conn, override, by_key, learner_ids)
        if found is None:
            continue
        round_id, round_at = found
        row = conn.execute(
            """insert into public.coaching_score_overrides
                 (id, round_id, score, reason, coach_id, coach_name, created_at)
               values (%s, %s, %s, %s, %s, %s, %s) on conflict (id) do nothing returning id""",
            (
                uuid5(_HISTORY_NAMESPACE, f"override:{number}"),
                round_id,
                override.score,
                override.reason,
                DEMO_COACH,
                coach[0],
                # never in the future; clamped ones keep their order (the newest wins)
                min(
                    round_at + timedelta(days=override.days_after),
                    now - timedelta(minutes=len(history.overrides) - number),
                ),
            ),
        ).fetchone()
        created["overrides"] += row is not None
    return created


def _override_round(
    conn: psycopg.Connection[Any],
    override: HistoryOverride,
    by_key: dict[tuple[UUID, int], HistorySession],
    learner_ids: dict[str, UUID],
) -> tuple[UUID, datetime] | None:
    """The round an override is for, as stored (id, created_at), or None if it is not."""
    if override.learner is not None:
        session_id = by_key[(learner_ids[override.learner], override.session)].session_id
    else:
        person = next(p for p in load_demo() if p.email.split("@")[0] == override.person)
        domain_id = person.sessions[override.session - 1].domain_id
        session_id = demo_session_id(person.id, domain_id, override.session)
    row = conn.execute(
        "select id, created_at from public.coaching_sessions "
        "where session_id = %s and round_number = %s",
        (session_id, override.round),
    ).fetchone()
    return None if row is None else (row[0], row[1])


def seed_all(url: str, settings: Settings) -> str:
    """What `make run` seeds. On Supabase: the catalog and personas; demo people only with
    DEMO_MODE=true, created through Supabase Auth's admin API with the service-role key."""
    summary = seed_reference_data(url)
    with psycopg.connect(url, autocommit=True) as conn:  # DEMO_MODE may have been switched off
        conn.execute("update private.demo_seed set enabled = %s", (settings.seeds_demo_people,))
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
