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
from db.models import SchoolYear

SEEDS_DIR = Path(__file__).resolve().parents[2] / "seeds"


class Eligibility(BaseModel):
    min_gpa: float | None = Field(default=None, ge=0, le=4)
    states: list[str] = Field(default_factory=list)
    majors: list[str] = Field(default_factory=list)
    # the school years that may apply (db/models/profiles.py); empty: not limited by year
    levels: list[SchoolYear] = Field(default_factory=list)


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


# A catalog row's deadline rolls to its next occurrence once it passed, or when it lies more
# than a year ahead (the clock was moved back).
_DEADLINE_STALE = "(s.deadline < %(now)s or s.deadline > %(now)s + interval '1 year')"
# A row seeded before listings named their school years gets the seed's; years an admin set
# (even none) stay as they are.
_NO_LEVELS = (
    "(jsonb_typeof(s.metadata -> 'eligibility') = 'object' "
    "and not (s.metadata -> 'eligibility') ? 'levels')"
)


def seed_reference_data(url: str) -> dict[str, int]:
    with psycopg.connect(url, autocommit=True) as conn:
        now = app_now(conn)
        with conn.transaction():
            conn.execute((SEEDS_DIR / "coaching_003.sql").read_bytes())
            conn.execute((SEEDS_DIR / "scholarship_coach.sql").read_bytes())
            catalog = load_catalog()
            for entry in catalog:
                conn.execute(
                    f"""insert into public.scholarships as s
                         (title, provider, url, amount, deadline, need_based, metadata)
                       values (%(title)s, %(provider)s, %(url)s, %(amount)s, %(deadline)s,
                               %(need_based)s, %(metadata)s)
                       on conflict (url) do update set
                         deadline = case when {_DEADLINE_STALE} then excluded.deadline
                                         else s.deadline end,
                         metadata = case when {_NO_LEVELS}
                                         then jsonb_set(s.metadata, '{{eligibility,levels}}',
                                                        excluded.metadata
                                                          #> '{{eligibility,levels}}')
                                         else s.metadata end
                       where s.metadata ->> 'source' = 'offline_catalog'
                         and ({_DEADLINE_STALE} or {_NO_LEVELS})""",
                    {
                        "title": entry.title,
                        "provider": entry.provider,
                        "url": str(entry.url),
                        "amount": entry.amount,
                        "deadline": next_deadline(entry.deadline_month, entry.deadline_day, now),
                        "need_based": entry.need_based,
                        "metadata": Jsonb(
                            {
                                "application_type": entry.application_type,
                                "eligibility": entry.eligibility.model_dump(),
                                "description": entry.description,
                                "fraud_signals": entry.fraud_signals,
                                "source": "offline_catalog",
                            }
                        ),
                        "now": now,
                    },
                )
        domains = conn.execute("select count(*) from public.coaching_personas").fetchone()
    return {"personas": domains[0] if domains else 0, "catalog": len(catalog)}
