"""Loads preset data: seed 003's personas, the scholarship coach, the offline catalog, the
demo identities and (with them) weeks of scored coaching history for the coach's Review page.
Re-runnable: existing rows are left alone (on conflict do nothing), except catalog deadlines,
which roll to their next yearly occurrence by the app's clock (`public.app_now()`) as real
programs do: one that passed moves a year on, and one more than a year ahead (the clock was
moved back) moves back, and catalog rows seeded before listings named their school years
(eligibility.levels), which get the seed's.

The entry points (`seed_all`, `seed_demo`) live here; the catalog and personas, the demo
people and the review history each have their own module (catalog.py, demo_people.py,
review_history.py), and what other code uses of them is importable from `db.seed`.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

import psycopg
from psycopg.types.json import Jsonb

from db.app_clock import app_now
from db.seed.catalog import load_catalog, next_deadline, seed_reference_data
from db.seed.demo_people import demo_deadline, load_demo, load_demo_file, seed_person
from db.seed.review_history import (
    DEMO_COACH,
    load_review_history,
    plan_review_history,
    seed_review_history,
)
from db.settings import Settings

__all__ = [
    "DEMO_COACH",
    "capture_demo_seed",
    "load_catalog",
    "load_demo",
    "load_review_history",
    "next_deadline",
    "plan_review_history",
    "seed_all",
    "seed_demo",
    "seed_reference_data",
]


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
            seed_person(conn, person, now)
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
