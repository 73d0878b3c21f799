"""The reference data every install needs, demo or not: seed 003's coaching personas, the
scholarship coach and the offline scholarship catalog. Kept apart from the demo people so that
`seed_reference_data` (what tests and benchmarks seed first) reads on its own; the catalog's
deadlines roll to their next yearly occurrence by the app's clock, as real programs do.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

import psycopg
from psycopg.types.json import Jsonb
from pydantic import BaseModel, Field, HttpUrl

from db.app_clock import app_now

SEEDS_DIR = Path(__file__).resolve().parents[2] / "seeds"


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
