"""Seeds: the preset personas verbatim, a real catalog with labelled scams, demo people."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from urllib.parse import urlparse

import psycopg

from db.seed import load_catalog, next_deadline, seed_demo, seed_reference_data

SEED_003 = "../shared/seeds/003_e9dc35c7e94c7c29.txt"


def test_five_personas_with_seed_003_prompts_verbatim(db_url: str) -> None:
    with psycopg.connect(db_url) as conn:
        personas = dict(conn.execute("select domain_id, system_prompt from coaching_personas"))
    assert set(personas) == {
        "sales_workflow_coach",
        "architecture_advisor",
        "communication_coach",
        "onboarding_mentor",
        "scholarship_coach",
    }
    from pathlib import Path

    source = Path(__file__).resolve().parents[2] / SEED_003
    if source.exists():  # shared/ sits beside the repo in CI and locally
        text = source.read_text()
        for domain in ("sales_workflow_coach", "onboarding_mentor"):
            assert personas[domain] in text
    assert "{game_plan}" in personas["scholarship_coach"]


def test_catalog_has_real_programs_and_labelled_scams() -> None:
    catalog = load_catalog()
    real = [e for e in catalog if not e.fraud_signals]
    scams = [e for e in catalog if e.fraud_signals]
    assert len(real) >= 60
    assert scams
    for entry in scams:
        host = urlparse(str(entry.url)).hostname or ""
        assert re.search(r"\.(example|test)$", host), entry.url
    for entry in real:
        host = urlparse(str(entry.url)).hostname or ""
        assert not re.search(r"\.(example|test)$", host), entry.url
    assert len({str(e.url) for e in catalog}) == len(catalog)
    assert {e.application_type for e in real} == {"essay", "form", "mixed"}


def test_reseeding_is_idempotent(db_url: str) -> None:
    def counts() -> tuple[int, ...]:
        with psycopg.connect(db_url) as conn:
            row = conn.execute(
                "select (select count(*) from scholarships),"
                " (select count(*) from coaching_domains),"
                " (select count(*) from auth.users), (select count(*) from applications)"
            ).fetchone()
        assert row is not None
        return tuple(row)

    seed_demo(db_url)
    before = counts()
    seed_reference_data(db_url)
    assert seed_demo(db_url) == {"demo_people_created": 0}
    assert counts() == before


def test_demo_people_cover_every_page(db_url: str) -> None:
    assert seed_demo(db_url) == {"demo_people_created": 4}
    with psycopg.connect(db_url) as conn:
        roles = dict(conn.execute("select full_name, role::text from profiles"))
        pell = dict(conn.execute("select full_name, pell_eligibility_status::text from profiles"))
        statuses = {
            s
            for (s,) in conn.execute(
                "select distinct status::text from applications a join profiles p "
                "on p.id = a.user_id where p.full_name = 'Maya Torres'"
            )
        }
        scored = conn.execute(
            "select count(*) from coaching_sessions where score is not null"
        ).fetchone()
        check_ins = conn.execute("select count(*) from check_in_tasks").fetchone()
    assert roles == {
        "Maya Torres": "student",
        "Jordan Lee": "student",
        "Dr. Sam Rivera": "coach",
        "Alex Admin": "admin",
    }
    assert pell["Maya Torres"] == "eligible" and pell["Jordan Lee"] == "ineligible"
    assert statuses == {"draft", "submitted", "awarded", "rejected"}
    assert scored is not None and scored[0] >= 5
    assert check_ins is not None and check_ins[0] >= 1


def test_passed_deadlines_roll_to_the_next_cycle(db_url: str) -> None:
    with psycopg.connect(db_url, autocommit=True) as conn:
        conn.execute("update scholarships set deadline = app_now() - interval '3 days'")
    seed_reference_data(db_url)
    with psycopg.connect(db_url) as conn:
        past = conn.execute(
            "select count(*) from scholarships where deadline < app_now()"
        ).fetchone()
    assert past == (0,)


def test_next_deadline_is_always_ahead() -> None:
    now = datetime(2026, 11, 23, tzinfo=UTC)
    assert next_deadline(12, 1, now) == datetime(2026, 12, 1, 23, 59, tzinfo=UTC)
    assert next_deadline(1, 15, now) == datetime(2027, 1, 15, 23, 59, tzinfo=UTC)
