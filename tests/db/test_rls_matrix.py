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
