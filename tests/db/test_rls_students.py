"""RLS beyond the matrix for students: B sees only B's rows in every table that holds a
student's data, and A can neither promote herself nor mark her own application won by
writing the row."""

from __future__ import annotations

import psycopg
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


def test_a_school_year_is_one_of_the_choices_and_only_a_students_own(world: World) -> None:
    """A student sets their own school year (a user audit: Discovery had none to match a
    listing's years against); another student's stays out of reach, and a year not among
    the choices is refused by the table as well as by save_my_profile."""
    with acting_as(world, "student_a") as conn:
        mine = conn.execute(
            "update profiles set school_year = 'college_junior' where id = %(student_a)s",
            world.ids,
        )
        assert mine.rowcount == 1
        with pytest.raises(errors.CheckViolation, match="profiles_school_year_check"):
            conn.execute(
                "update profiles set school_year = 'junior' where id = %(student_a)s", world.ids
            )
    with acting_as(world, "student_b") as conn:
        theirs = conn.execute(
            "update profiles set school_year = 'graduate' where id = %(student_a)s", world.ids
        )
        assert theirs.rowcount == 0
        conn.execute(
            "select * from save_my_profile(p_full_name => 'B', p_school_year => 'graduate')"
        )
        owners = conn.execute("select id from profiles where school_year = 'graduate'")
        assert [o for (o,) in owners] == [world.ids["student_b"]]


def test_the_year_born_is_a_students_own_and_never_after_this_year(world: World) -> None:
    """Discovery reads a listing's age limit against it: a student keeps their own, sees no
    one else's, and a year after the app clock's is refused with one sentence."""
    with acting_as(world, "student_a") as conn:
        conn.execute("select * from save_my_profile(p_full_name => 'A', p_birth_year => 1992)")
        mine = conn.execute("select birth_year from profiles where id = %(student_a)s", world.ids)
        assert mine.fetchall() == [(1992,)]
    kept = "update profiles set birth_year = 1992 where id = %(student_a)s"
    with acting_as(world, "student_b", setup=kept) as conn:
        seen = conn.execute("select birth_year from profiles where id = %(student_a)s", world.ids)
        assert seen.fetchall() == []
    for year in (2199, 99):
        with (
            acting_as(world, "student_a") as conn,
            pytest.raises(psycopg.DatabaseError, match="Year you were born must be between"),
        ):
            conn.execute(
                "select * from save_my_profile(p_full_name => 'A', p_birth_year => %s)", (year,)
            )
