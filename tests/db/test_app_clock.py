"""public.app_now() is the database's only clock: the stored shift moves it, writes stamp
with it, and no function or default reads now() behind its back."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import psycopg
import pytest

from coach import clock
from db.app_clock import read_shift, write_shift
from db.runtime import Database
from tests.conftest import People


def test_app_now_follows_the_stored_shift(db_url: str) -> None:
    with psycopg.connect(db_url, autocommit=True) as conn:
        write_shift(conn, timedelta(days=365))
        assert read_shift(conn) == timedelta(days=365)
        row = conn.execute("select public.app_now() - pg_catalog.now()").fetchone()
    assert row is not None and row[0] == timedelta(days=365)


def test_the_clock_has_one_row_and_only_the_owner_may_read_it(db_url: str) -> None:
    with psycopg.connect(db_url, autocommit=True) as conn:
        with pytest.raises(psycopg.errors.UniqueViolation):
            conn.execute("insert into private.app_clock (id) values (true)")
        with pytest.raises(psycopg.errors.CheckViolation):
            write_shift(conn, timedelta(days=365 * 80))
        conn.execute("set role authenticated")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("select shift from private.app_clock")
        row = conn.execute("select public.app_now() is not null").fetchone()  # but may ask it
        assert row == (True,)


def test_writes_are_stamped_with_app_time(
    db_url: str, database: Database, people: People, pin_clock: Callable[[datetime], datetime]
) -> None:
    at = datetime(2031, 5, 4, 10, 0, tzinfo=UTC)
    pin_clock(at)
    ana = database.repository(people.student_a)
    with psycopg.connect(db_url) as conn:
        row = conn.execute("select id from scholarships order by title limit 1").fetchone()
    assert row is not None
    tracked = ana.track_application(scholarship_id=row[0])
    assert tracked.created_at and abs(tracked.created_at - at) < timedelta(minutes=5)
    assert tracked.last_progress_at and abs(tracked.last_progress_at - at) < timedelta(minutes=5)
    assert abs(clock.now() - at) < timedelta(minutes=5)


def test_no_function_or_default_reads_the_clock_behind_app_now(db_url: str) -> None:
    """A new migration that writes now() or current_timestamp fails here."""
    with psycopg.connect(db_url) as conn:
        functions = conn.execute(
            r"""select n.nspname || '.' || p.proname
                  from pg_proc p join pg_namespace n on n.oid = p.pronamespace
                 where n.nspname in ('public', 'private')
                   and p.proname <> 'app_now'
                   and p.prosrc ~* '(^|[^._a-z])now\(\)|current_timestamp|current_date'"""
        ).fetchall()
        defaults = conn.execute(
            r"""select c.relname || '.' || a.attname
                  from pg_attrdef ad
                  join pg_class c on c.oid = ad.adrelid
                  join pg_namespace n on n.oid = c.relnamespace
                  join pg_attribute a on a.attrelid = ad.adrelid and a.attnum = ad.adnum
                 where n.nspname = 'public'
                   and pg_get_expr(ad.adbin, ad.adrelid) ~* 'now\(\)|current_timestamp'
                   and pg_get_expr(ad.adbin, ad.adrelid) !~* 'app_now\(\)'"""
        ).fetchall()
    assert functions == [] and defaults == []
