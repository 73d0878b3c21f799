"""Migrations: append-only, idempotent, refused when an applied file changed."""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

import psycopg
import pytest
from psycopg import errors

from db.migrate import MIGRATIONS_DIR, MigrationError, discover, migrate
from tests.conftest import (
    TEMPLATE_LOCK,
    create_database_from_template,
    db_url_for,
    drop_database,
)

# Infrastructure, not dates: the clock passes leave it out (Makefile CLOCK_PASS).
pytestmark = pytest.mark.calendar_free


def test_rerun_applies_nothing(db_url: str) -> None:
    assert migrate(db_url) == []


def test_every_migration_is_recorded_with_its_checksum(db_url: str) -> None:
    with psycopg.connect(db_url) as conn:
        recorded = dict(
            conn.execute(
                "select version, checksum from private.schema_migrations "
                "where version ~ '^[0-9]{14}$'"
            )
        )
        langgraph = conn.execute(
            "select count(*) from private.schema_migrations "
            "where version like 'langgraph-checkpoint-postgres %'"
        ).fetchone()
    assert recorded == {m.version: m.checksum for m in discover()}
    assert langgraph == (1,)  # its tables are set up once per installed version


@pytest.fixture
def empty_db_url(pg_admin_url: str):  # type: ignore[no-untyped-def]
    name = f"tl_empty_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(pg_admin_url, autocommit=True) as conn:
        conn.execute(f"drop database if exists {name} with (force)")
        conn.execute(f"create database {name}")
    yield db_url_for(pg_admin_url, name)
    drop_database(pg_admin_url, name)


def test_changed_applied_migration_is_refused(empty_db_url: str, tmp_path: Path) -> None:
    copy = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, copy)
    assert len(migrate(empty_db_url, copy, checkpointer=False)) == len(discover())
    first = sorted(copy.glob("*.sql"))[1]
    first.write_text(first.read_text() + "\n-- edited after it was applied\n")
    with pytest.raises(MigrationError, match="changed after it was applied"):
        migrate(empty_db_url, copy, checkpointer=False)


def test_a_failing_migration_leaves_nothing_behind(empty_db_url: str, tmp_path: Path) -> None:
    copy = tmp_path / "migrations"
    copy.mkdir()
    (copy / "20990101000000_half_done.sql").write_text(
        "create table public.half_done (id int);\nselect * from no_such_table;\n"
    )
    with pytest.raises(psycopg.Error):
        migrate(empty_db_url, copy, checkpointer=False)
    with psycopg.connect(empty_db_url) as conn:
        assert conn.execute("select to_regclass('public.half_done')").fetchone() == (None,)
        assert conn.execute("select count(*) from private.schema_migrations").fetchone() == (0,)


def test_badly_named_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "0001_init.sql").write_text("select 1;")
    with pytest.raises(MigrationError, match="YYYYMMDDHHMMSS_name.sql"):
        discover(tmp_path)


def test_no_public_table_has_rls_off(db_url: str) -> None:
    with psycopg.connect(db_url) as conn:
        off = conn.execute(
            "select tablename from pg_tables where schemaname = 'public' and not rowsecurity"
        ).fetchall()
    assert off == []


@pytest.mark.parametrize("role", ["anon", "authenticated"])
def test_checkpoint_tables_are_out_of_reach_of_api_roles(db_url: str, role: str) -> None:
    with psycopg.connect(db_url) as conn:
        tables = conn.execute(
            "select tablename from pg_tables where schemaname = 'langgraph'"
        ).fetchall()
        assert {"checkpoints", "checkpoint_writes", "checkpoint_blobs"} <= {t for (t,) in tables}
        assert conn.execute("select to_regclass('public.checkpoints')").fetchone() == (None,)
        conn.execute(f"set role {role}")
        with pytest.raises(errors.InsufficientPrivilege):
            conn.execute("select * from langgraph.checkpoints")


def test_template_clone_is_independent(pg_admin_url: str, template_url: str) -> None:
    name = create_database_from_template(pg_admin_url)
    try:
        with psycopg.connect(db_url_for(pg_admin_url, name), autocommit=True) as conn:
            conn.execute("insert into auth.users (email) values ('x@y.test')")
        with TEMPLATE_LOCK, psycopg.connect(template_url) as conn:
            assert conn.execute("select count(*) from auth.users").fetchone() == (0,)
    finally:
        drop_database(pg_admin_url, name)


def test_migrations_the_supabase_cli_pushed_are_recorded_not_run_again(
    empty_db_url: str, tmp_path: Path
) -> None:
    """`supabase db push` ran the first files and noted them in its own table; the app's
    start then records those as applied and runs only the rest."""
    copy = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, copy)
    files = discover(copy)
    pushed, rest = files[:5], files[5:]
    with psycopg.connect(empty_db_url, autocommit=True) as conn:
        conn.execute("create schema supabase_migrations")
        conn.execute(
            "create table supabase_migrations.schema_migrations "
            "(version text primary key, statements text[], name text)"
        )
        for migration in pushed:  # what the CLI does: run each file, note its version
            conn.execute(migration.text.encode())
            conn.execute(
                "insert into supabase_migrations.schema_migrations (version, name) values (%s, %s)",
                (migration.version, migration.name),
            )
    assert migrate(empty_db_url, copy, checkpointer=False) == [m.version for m in rest]
    assert migrate(empty_db_url, copy, checkpointer=False) == []
    with psycopg.connect(empty_db_url) as conn:
        recorded = dict(conn.execute("select version, checksum from private.schema_migrations"))
    assert recorded == {m.version: m.checksum for m in files}
