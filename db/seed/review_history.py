"""Weeks of scored coaching history for the coach's Review page (issue #19): history learners
with no account, their sessions planned the same on every run from seeds/review_history.json,
and a few sessions reviewed and rounds overridden by the demo coach. Its own module because the
plan is a pure function worth reading (and testing) apart from the SQL that writes it.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Literal
from uuid import NAMESPACE_URL, UUID, uuid5

import psycopg
from psycopg.types.json import Jsonb
from pydantic import BaseModel, Field

from db.seed.catalog import SEEDS_DIR
from db.seed.demo_people import demo_session_id, load_demo

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
