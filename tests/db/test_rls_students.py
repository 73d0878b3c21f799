"""RLS beyond the matrix for students: B sees only B's rows in every table that holds a
student's data, and A can neither promote herself nor mark her own application won by
writing the row."""

from __future__ import annotations

import pytest
from psycopg import errors

from tests.db.rls_world import World, acting_as
from tests.db.rls_world import world as world


def test_student_b_sees_only_their_own_rows(world: World) -> None:
    with acting_as(world, "student_b") as conn:
        for table, column in [
            ("profiles", "id"),
            ("applications", "user_id"),
            ("check_in_tasks", "user_id"),
            ("discovery_completions", "user_id"),
            ("learners", "user_id"),
        ]:
            owners = {o for (o,) in conn.execute(f"select {column} from {table}")}
            assert owners <= {world.ids["student_b"]}, table


def test_student_cannot_promote_themselves(world: World) -> None:
    with acting_as(world, "student_a") as conn:
        with pytest.raises(errors.InsufficientPrivilege):
            conn.execute("update profiles set role = 'admin' where id = %(student_a)s", world.ids)


def test_student_cannot_mark_their_own_application_won_directly(world: World) -> None:
    with acting_as(world, "student_a") as conn:
        with pytest.raises(errors.InsufficientPrivilege):
            conn.execute(
                "update applications set status = 'awarded', confirmed_at = app_now(), "
                "submitted_at = app_now() where id = %(app_a)s",
                world.ids,
            )
