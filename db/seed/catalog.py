"""The reference data every install needs, demo or not: seed 003's coaching personas, the
scholarship coach and the offline scholarship catalog. Kept apart from the demo people so that
`seed_reference_data` (what tests and benchmarks seed first) reads on its own; the catalog's
deadlines roll to their next yearly occurrence by the app's clock, as real programs do.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Literal

import psycopg
from psycopg.types.json import Jsonb
from pydantic import BaseModel, Field, HttpUrl

from db.app_clock import app_now
from db.models import SchoolYear
from db.models.applications import DAY_END_UTC, PAST_CYCLE

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
    candidate = datetime.combine(date(now.year, month, day), DAY_END_UTC, tzinfo=UTC)
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


# A passed deadline that a person's application was tracked against stays as it was: the row
# becomes that cycle's (its address marked with the date, its source a past cycle's), and the
# upsert below adds the next cycle as a row of its own, which anyone may track. A season
# audit: every restart rolled the shared row in place, so a missed application came back
# "Tracked, 93 days left", a win carried next year's date, and next year's could never be
# tracked. The demo people's own applications do not count here: they follow the catalog to
# its next cycle, so a demo stays current (the Demo page's reset re-bases them anyway).
_KEEP_PAST_CYCLE = """
update public.scholarships s
   set url = s.url || '#' || to_char(s.deadline at time zone 'UTC', 'YYYY-MM-DD'),
       metadata = s.metadata || jsonb_build_object('source', %(past)s::text, 'cycle_of', s.url)
 where s.url = %(url)s and s.metadata ->> 'source' = 'offline_catalog' and s.deadline < %(now)s
   and exists (select 1 from public.applications a
                where a.scholarship_id = s.id and not (a.user_id = any(%(demo)s::uuid[])))
returning s.id
"""
# the demo people's applications on a kept cycle move to the next one, in the seed's
# snapshot too (a reset restores from it), unless one of theirs is there already
_DEMO_FOLLOWS = """
with moved as (
  update public.applications a set scholarship_id = %(new)s
   where a.scholarship_id = %(old)s and a.user_id = any(%(demo)s::uuid[])
     and not exists (select 1 from public.applications b
                      where b.user_id = a.user_id and b.scholarship_id = %(new)s)
  returning a.id
)
update private.demo_seed d
   set snapshot = jsonb_set(d.snapshot, '{public.applications}', (
     select coalesce(jsonb_agg(case when (r ->> 'id')::uuid in (select id from moved)
                                    then jsonb_set(r, '{scholarship_id}', to_jsonb(%(new)s::text))
                                    else r end), '[]'::jsonb)
       from jsonb_array_elements(d.snapshot -> 'public.applications') r))
 where d.snapshot ? 'public.applications'
"""


def _demo_people(conn: psycopg.Connection[Any]) -> list[Any]:
    row = conn.execute("select people from private.demo_seed").fetchone()
    return list(row[0]) if row is not None else []


def seed_reference_data(url: str) -> dict[str, int]:
    with psycopg.connect(url, autocommit=True) as conn:
        now = app_now(conn)
        with conn.transaction():
            conn.execute((SEEDS_DIR / "coaching_003.sql").read_bytes())
            conn.execute((SEEDS_DIR / "scholarship_coach.sql").read_bytes())
            catalog = load_catalog()
            demo = _demo_people(conn)
            for entry in catalog:
                kept = conn.execute(
                    _KEEP_PAST_CYCLE,
                    {"url": str(entry.url), "now": now, "demo": demo, "past": PAST_CYCLE},
                ).fetchone()
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
                if kept is not None and demo:
                    row = conn.execute(
                        "select id from public.scholarships where url = %s", (str(entry.url),)
                    ).fetchone()
                    assert row is not None
                    conn.execute(_DEMO_FOLLOWS, {"old": kept[0], "new": row[0], "demo": demo})
        domains = conn.execute("select count(*) from public.coaching_personas").fetchone()
    return {"personas": domains[0] if domains else 0, "catalog": len(catalog)}
