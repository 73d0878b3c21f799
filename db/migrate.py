"""Applies db/migrations/*.sql once each, in order, recording a checksum per file.

Append-only: an applied file that changed is refused, because the database already holds
what the old text did. After the SQL, LangGraph's own tables are set up in schema langgraph.

`supabase db push` applies the same files and records them in its own table
(supabase_migrations.schema_migrations): a version the Supabase CLI applied is recorded here
as applied, not run a second time, so either way of migrating a hosted project works and
they can be mixed.
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg.rows import dict_row

from db.errors import AppError

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
_NAME = re.compile(r"^(\d{14})_([a-z0-9_]+)\.sql$")
_LOCK_KEY = 7_431_202_611  # serialises concurrent migrators (make run + make test at once)


class MigrationError(AppError):
    pass


@dataclass(frozen=True)
class Migration:
    version: str
    name: str
    path: Path

    @property
    def text(self) -> str:
        return self.path.read_text(encoding="utf-8")

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.path.read_bytes()).hexdigest()


def discover(directory: Path = MIGRATIONS_DIR) -> list[Migration]:
    found = []
    for path in sorted(directory.glob("*.sql")):
        match = _NAME.match(path.name)
        if not match:
            raise MigrationError(
                f"{path.name} is not named YYYYMMDDHHMMSS_name.sql (the Supabase CLI format)."
            )
        found.append(Migration(match.group(1), match.group(2), path))
    return found


def migrate(url: str, directory: Path = MIGRATIONS_DIR, *, checkpointer: bool = True) -> list[str]:
    """Apply pending migrations; return the versions applied now (empty = nothing to do)."""
    applied_now: list[str] = []
    with psycopg.connect(url, autocommit=True, row_factory=dict_row) as conn:
        conn.execute("select pg_advisory_lock(%s)", (_LOCK_KEY,))
        try:
            conn.execute("create schema if not exists private")
            conn.execute(
                """create table if not exists private.schema_migrations (
                     version text primary key,
                     name text not null,
                     checksum text not null,
                     applied_at timestamptz not null default pg_catalog.now())"""
            )
            done = {
                r["version"]: r
                for r in conn.execute(
                    "select version, name, checksum from private.schema_migrations"
                )
            }
            pushed = _pushed_by_supabase_cli(conn)
            for migration in discover(directory):
                if migration.version not in done and migration.version in pushed:
                    log.info("migration %s was applied by the Supabase CLI", migration.path.name)
                    conn.execute(
                        "insert into private.schema_migrations (version, name, checksum) "
                        "values (%s, %s, %s)",
                        (migration.version, migration.name, migration.checksum),
                    )
                    continue
                seen = done.get(migration.version)
                if seen is not None:
                    if seen["checksum"] != migration.checksum:
                        raise MigrationError(
                            f"Migration {migration.path.name} changed after it was applied. "
                            "Applied migrations are append-only: restore the file and put the "
                            "change in a new migration."
                        )
                    continue
                log.info("applying migration %s", migration.path.name)
                with conn.transaction():
                    conn.execute(migration.text.encode())
                    conn.execute(
                        "insert into private.schema_migrations (version, name, checksum) "
                        "values (%s, %s, %s)",
                        (migration.version, migration.name, migration.checksum),
                    )
                applied_now.append(migration.version)
        finally:
            conn.execute("select pg_advisory_unlock(%s)", (_LOCK_KEY,))
    if checkpointer:
        ensure_checkpointer_tables(url)
    return applied_now


def _pushed_by_supabase_cli(conn: psycopg.Connection[dict[str, str]]) -> set[str]:
    """The versions `supabase db push` recorded, if it ever ran on this database."""
    found = conn.execute(
        "select to_regclass('supabase_migrations.schema_migrations') is not null as found"
    ).fetchone()
    if not found or not found["found"]:
        return set()
    rows = conn.execute("select version from supabase_migrations.schema_migrations")
    return {str(r["version"]) for r in rows}


def ensure_checkpointer_tables(url: str) -> None:
    """LangGraph's own migrations, run once per installed langgraph-checkpoint-postgres
    version (recorded like ours), so a start with nothing to do never imports langgraph."""
    from importlib.metadata import version

    marker = "langgraph-checkpoint-postgres " + version("langgraph-checkpoint-postgres")
    with psycopg.connect(url, autocommit=True) as conn:
        done = conn.execute(
            "select 1 from private.schema_migrations where version = %s", (marker,)
        ).fetchone()
        if done:
            return
        from db.checkpointer import setup_checkpointer_tables

        setup_checkpointer_tables(url)
        conn.execute(
            "insert into private.schema_migrations (version, name, checksum) "
            "values (%s, 'langgraph checkpoint tables', '-') on conflict do nothing",
            (marker,),
        )
