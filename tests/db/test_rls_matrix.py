"""The RLS matrix: every table x identity x operation, aimed at student A's data.

"allow" means the statement succeeded and touched A's row; "deny" means the database refused
(insufficient privilege / policy violation) or the row was invisible (0 rows). Any other error
fails the test, so a case cannot pass for the wrong reason.
"""

from __future__ import annotations

import psycopg
import pytest

from tests.db.rls_matrix import CASES, EXPECTED, STATEMENTS, attempt
from tests.db.rls_world import World
from tests.db.rls_world import world as world


def test_matrix_covers_every_public_table(world: World) -> None:
    with psycopg.connect(world.url) as conn:
        tables = {
            t
            for (t,) in conn.execute("select tablename from pg_tables where schemaname = 'public'")
        }
    assert tables == set(STATEMENTS) == set(EXPECTED)


@pytest.mark.parametrize(("table", "who", "op", "allowed"), CASES)
def test_rls_matrix(world: World, table: str, who: str, op: str, allowed: bool) -> None:
    assert attempt(world, table, who, op) is allowed


def test_anon_reaches_three_harmless_functions_and_no_table(world: World) -> None:
    """A signed-out visitor's key: if a policy is ever written wrongly, the grant still
    stands in the way. Functions added later start closed to anon too."""
    with psycopg.connect(world.url, autocommit=True) as conn:
        tables = conn.execute(
            """select c.relname from pg_class c
                where c.relnamespace in ('public'::regnamespace, 'private'::regnamespace)
                  and c.relkind in ('r', 'v', 'm', 'p')
                  and has_table_privilege('anon', c.oid, 'select, insert, update, delete')"""
        ).fetchall()
        functions = conn.execute(
            """select p.oid::regprocedure::text from pg_proc p
                where p.pronamespace in ('public'::regnamespace, 'private'::regnamespace)
                  and has_function_privilege('anon', p.oid, 'execute')"""
        ).fetchall()
        assert tables == []
        assert sorted(f for (f,) in functions) == ["api_signatures()", "app_now()", "ping()"]
        with conn.transaction(force_rollback=True):
            conn.execute("create function public.later() returns int language sql return 1")
            conn.execute("create function private.later() returns int language sql return 1")
            reach = conn.execute(
                """select p.pronamespace::regnamespace::text,
                          has_function_privilege('anon', p.oid, 'execute'),
                          has_function_privilege('authenticated', p.oid, 'execute')
                     from pg_proc p where p.proname = 'later' order by 1"""
            ).fetchall()
        assert reach == [("private", False, True), ("public", False, True)]


# Once per open application in my_top3(): a SET clause doubles their cost (migration
# 20261206000400), and their bodies name every schema they use.
PER_ROW = [
    "private.momentum(timestamp with time zone,integer,timestamp with time zone)",
    "private.py_round2(double precision)",
]


def test_every_function_fixes_its_search_path(world: World) -> None:
    """A caller's search path cannot change what a helper's body names."""
    with psycopg.connect(world.url) as conn:
        loose = conn.execute(
            """select p.oid::regprocedure::text from pg_proc p
                where p.pronamespace in ('public'::regnamespace, 'private'::regnamespace)
                  and not exists (select 1 from unnest(coalesce(p.proconfig, '{}')) c
                                   where c like 'search\\_path=%%')"""
        ).fetchall()
    assert sorted(f for (f,) in loose) == PER_ROW
