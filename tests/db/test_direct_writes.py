"""What a student's own credentials can no longer write straight to a table (hosted, a
PATCH or POST to /rest/v1/<table> with their JWT, which runs as `authenticated` as these
connections do): a learner row renamed as someone else or to a megabyte, a confirmation
for Submitted or Won, a check-in completed unanswered, a name of only invisible
characters, reminder settings past their checks, a TRUNCATE. And the blank test the
database and the app share."""

from __future__ import annotations

import psycopg
import pytest
from psycopg import errors

from db.models.row import shows_nothing
from tests.db.rls_world import World, acting_as
from tests.db.rls_world import world as world

_DENIED = (errors.InsufficientPrivilege, errors.CheckViolation)


@pytest.mark.parametrize(
    "statement",
    [
        # a security audit: the coach's Learners page listed two "Jordan Lee"
        "update learners set name = 'B' where user_id = %(student_a)s",
        "update learners set team = repeat('T', 1000000) where user_id = %(student_a)s",
        "insert into learners (name, user_id) values ('A again', %(student_a)s)",
        # a confirmation with no expiry, and progress in 2099
        """update applications set metadata = metadata || '{"pending_transition": {"status":
        "awarded", "token": "11111111-1111-1111-1111-111111111111"}}' where id = %(app_a)s""",
        "update applications set last_progress_at = '2099-01-01' where id = %(app_a)s",
        "update check_in_tasks set status = 'completed' where id = %(checkin_a)s",
        "truncate public.profiles",
        # a time zone only POSIX knows, and onboarding undone, past the checking functions
        """update profiles set preferences = preferences || '{"timezone": "ABC+5"}'
        where id = %(student_a)s""",
        "update profiles set onboarding_completed_at = null where id = %(student_a)s",
        "truncate public.check_in_tasks",
    ],
)
def test_a_student_cannot_write_these_straight_to_the_table(world: World, statement: str) -> None:
    with acting_as(world, "student_a") as conn:
        with pytest.raises(errors.InsufficientPrivilege):
            conn.execute(statement, world.ids)


def test_a_confirmation_cannot_come_with_an_application_tracked_by_hand(world: World) -> None:
    with acting_as(world, "student_a") as conn:
        with pytest.raises(psycopg.Error) as refused:
            conn.execute(
                "insert into applications (user_id, scholarship_id, metadata) values "
                """(%(student_a)s, %(s2)s, '{"pending_transition": {"status": "awarded"}}')""",
                world.ids,
            )
        assert refused.value.sqlstate == "TL403"
    with acting_as(world, "student_a") as conn:  # tracked with no confirmation: as before
        cur = conn.execute(
            "insert into applications (user_id, scholarship_id) values (%(student_a)s, %(s2)s)",
            world.ids,
        )
        assert cur.rowcount == 1


@pytest.mark.parametrize("blank", ["\u200b\u200b", "\u3164", "\u00ad\u00ad", "\u2800", "\u0301"])
def test_a_name_that_shows_nothing_is_refused_however_it_is_written(
    world: World, blank: str
) -> None:
    """An audit: a direct UPDATE stored "\\u200b\\u200b" that save_my_profile refuses, and the
    trigger copied it to learners, where coaches saw a blank learner."""
    with acting_as(world, "student_a") as conn:
        with pytest.raises(errors.CheckViolation):
            conn.execute(
                "update profiles set full_name = %s where id = %s", (blank, world.ids["student_a"])
            )
    with acting_as(world, "student_a") as conn:
        conn.execute(
            "update profiles set full_name = 'Ana Ruiz' where id = %(student_a)s", world.ids
        )
        name = conn.execute(
            "select name from learners where user_id = %(student_a)s", world.ids
        ).fetchone()
        assert name == ("Ana Ruiz",)


def test_the_database_and_the_app_count_the_same_characters_blank(world: World) -> None:
    """One definition of "shows nothing", checked over every code point: the app's edge and
    the database's constraints refused different characters."""
    with psycopg.connect(world.url) as conn:
        rows = conn.execute(
            "select c from generate_series(1, 1114111) c "
            "where c not between 55296 and 57343 and private.shows_nothing(chr(c))"
        ).fetchall()
    in_sql = {c for (c,) in rows}
    in_python = {
        c for c in range(1, 0x110000) if not 0xD800 <= c <= 0xDFFF and shows_nothing(chr(c))
    }
    assert in_sql == in_python
    assert {0x200B, 0x3164, 0x2800, 0xAD, 0x20} <= in_sql
    assert not {ord("a"), ord("é"), 0x1F600} & in_sql


@pytest.mark.parametrize(
    ("statement", "sqlstate"),
    [
        # a security audit: tracked 10 days after its deadline, past track_application's check
        (
            "insert into applications (user_id, scholarship_id) values (%(student_a)s, %(s2)s)",
            "TL400",
        ),
        # ... and 100 MB of metadata in one row (1 MB here)
        (
            "insert into applications (user_id, scholarship_id, metadata) values "
            "(%(student_a)s, %(s2)s, jsonb_build_object('junk', repeat('x', 1000000)))",
            "TL400",
        ),
        # a year born in the future, past save_my_profile's check
        ("update profiles set birth_year = 2150 where id = %(student_a)s", "TL400"),
    ],
)
def test_what_the_functions_refuse_is_refused_straight_to_the_table_too(
    world: World, statement: str, sqlstate: str
) -> None:
    past = (
        "update scholarships set deadline = public.app_now() - interval '10 days' where id = %(s2)s"
    )
    setup = past if "s2" in statement and "junk" not in statement else None
    with acting_as(world, "student_a", setup=setup) as conn:
        with pytest.raises(psycopg.Error) as refused:
            conn.execute(statement, world.ids)
        assert refused.value.sqlstate == sqlstate


def test_an_admin_reads_no_one_elses_profile(world: World) -> None:
    """A security audit read every student's raw SAI as the demo admin."""
    with acting_as(world, "admin") as conn:
        rows = conn.execute("select id, sai from profiles").fetchall()
    assert [r[0] for r in rows] == [world.ids["admin"]]
