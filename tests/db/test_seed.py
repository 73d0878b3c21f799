"""Seeds: the preset personas verbatim, a real catalog with labelled scams, demo people."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlparse

import psycopg
import pytest

from db.seed import load_catalog, next_deadline, seed_all, seed_demo, seed_reference_data
from db.settings import Settings
from db.supabase_auth import sign_in_with_password
from tests.support.hosted import JWT_SECRET
from tests.support.postgrest_server import PostgrestServer

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


def test_reseeding_replaces_the_first_scholarship_opening_and_keeps_an_admins_own(
    db_url: str,
) -> None:
    """The first opening said "I can see your scholarship game plan" to students with none:
    an install still on it gets the new one; wording an admin wrote stays as written."""

    def opening(set_to: str | None = None) -> str:
        with psycopg.connect(db_url, autocommit=True) as conn:
            if set_to is not None:
                conn.execute(
                    "update coaching_domains set default_opening = %s where id = %s",
                    (set_to, "scholarship_coach"),
                )
            else:
                seed_reference_data(db_url)
            row = conn.execute(
                "select default_opening from coaching_domains where id = 'scholarship_coach'"
            ).fetchone()
        assert row is not None
        return str(row[0])

    new = opening()
    assert new.startswith("Hi! I'm your scholarship coach") and "game plan" in new
    opening(
        "Hi! I can see your scholarship game plan. Shall we pick the one thing to move "
        "forward today?"
    )
    assert opening() == new
    opening("Welcome to Lincoln High's scholarship coach!")
    assert opening() == "Welcome to Lincoln High's scholarship coach!"


def test_reseeding_names_an_older_catalogs_school_years_and_keeps_an_admins(
    db_url: str,
) -> None:
    """An install seeded before listings named their school years has catalog rows without
    them (a senior saw Truman at 100/100): a reseed adds the seed's; years an admin set stay."""

    def levels(title: str) -> object:
        with psycopg.connect(db_url) as conn:
            row = conn.execute(
                "select metadata -> 'eligibility' -> 'levels' from scholarships where title = %s",
                (title,),
            ).fetchone()
        assert row is not None
        return row[0]

    assert levels("Harry S. Truman Scholarship") == ["college_junior"]
    with psycopg.connect(db_url, autocommit=True) as conn:
        conn.execute(
            "update scholarships set metadata = metadata #- '{eligibility,levels}' "
            "where title in ('Harry S. Truman Scholarship', 'Boren Scholarship')"
        )
        conn.execute(
            "update scholarships set metadata = jsonb_set(metadata, '{eligibility,levels}', "
            """'["college_senior"]') where title = 'Udall Undergraduate Scholarship'"""
        )
    assert levels("Harry S. Truman Scholarship") is None

    seed_reference_data(db_url)

    assert levels("Harry S. Truman Scholarship") == ["college_junior"]
    assert levels("Boren Scholarship") == [
        "college_freshman",
        "college_sophomore",
        "college_junior",
        "college_senior",
    ]
    assert levels("Udall Undergraduate Scholarship") == ["college_senior"]


def test_demo_people_cover_every_page(db_url: str) -> None:
    assert seed_demo(db_url) == {"demo_people_created": 5}
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
        new_student = conn.execute(
            "select count(*) from applications a join profiles p on p.id = a.user_id"
            " where p.full_name = 'Priya Shah'"
        ).fetchone()
        # "What should I do today?" is kept without a score, as the chat keeps it, and the
        # coach's answer names what Maya's Top 3 shows as due soonest
        asked = conn.execute(
            "select score, not_scored_reason, coach_response from coaching_sessions"
            " where domain_id = 'scholarship_coach' and round_number = 1"
        ).fetchone()
    assert asked is not None and asked[:2] == (None, "a question to the coach, not an answer")
    assert asked[2].startswith("Your Hometown Community Foundation essay is due soonest")
    assert roles == {
        "Maya Torres": "student",
        "Jordan Lee": "student",
        "Priya Shah": "student",  # nothing tracked yet: the scholarship coach's starting track
        "Dr. Sam Rivera": "coach",
        "Alex Admin": "admin",
    }
    assert pell["Maya Torres"] == "eligible" and pell["Jordan Lee"] == "ineligible"
    assert statuses == {"draft", "submitted", "awarded", "rejected"}
    assert new_student == (0,)
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


def _hosted_settings(server: PostgrestServer, db_url: str, **extra: Any) -> Settings:
    return Settings(  # type: ignore[call-arg]
        _env_file=None,
        database_url=db_url,
        supabase_url=server.url,
        supabase_anon_key=server.anon_key,
        supabase_service_role_key=server.service_key,
        **extra,
    )


def _demo_users(db_url: str) -> int:
    with psycopg.connect(db_url) as conn:
        row = conn.execute(
            "select count(*) from auth.users where email like '%%@demo.tuitionlift.local'"
        ).fetchone()
    assert row is not None
    return int(row[0])


def test_on_supabase_seeding_writes_the_catalog_and_no_demo_people(db_url: str) -> None:
    with PostgrestServer(db_url, jwt_secret=JWT_SECRET) as server:
        summary = seed_all(db_url, _hosted_settings(server, db_url))
        assert server.auth.admin_created == []
    assert "catalog=" in summary and "demo_people" not in summary
    assert _demo_users(db_url) == 0


def test_demo_mode_on_supabase_creates_people_through_auth_and_they_can_sign_in(
    db_url: str,
) -> None:
    with PostgrestServer(db_url, jwt_secret=JWT_SECRET) as server:
        settings = _hosted_settings(server, db_url, demo_mode=True, demo_password="demo-password-1")
        first = seed_all(db_url, settings)
        again = seed_all(db_url, settings)  # re-runnable: nobody is created twice
        assert len(server.auth.admin_created) == 5  # GoTrue wrote auth.users, not the seeder
        signed_in = sign_in_with_password(
            server.url, "maya@demo.tuitionlift.local", "demo-password-1", anon_key=server.anon_key
        )
    assert "demo_people_created=5" in first and "demo_people_created=0" in again
    assert str(signed_in.identity.user_id) == "0d1f5a2e-0000-4000-8000-000000000001"
    with psycopg.connect(db_url) as conn:
        name = conn.execute(
            "select full_name from profiles where id = %s", (signed_in.identity.user_id,)
        ).fetchone()
    assert name == ("Maya Torres",)


def test_demo_mode_on_supabase_needs_the_service_key_and_a_password() -> None:
    with pytest.raises(ValueError, match="DEMO_PASSWORD"):
        Settings(  # type: ignore[call-arg]
            _env_file=None,
            database_url="postgresql://x@localhost/db",
            supabase_url="http://localhost:1",
            supabase_anon_key="anon",
            demo_mode=True,
        )
