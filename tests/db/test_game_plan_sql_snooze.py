"""The micro-task snooze in the database (migration 20261201001300): it stops before the
nearest deadline, and students reach it only through the snooze function, never by
writing their preferences (coach/snooze.py reads what it stores)."""

from __future__ import annotations

from datetime import datetime, timedelta

import psycopg
import pytest
from psycopg.types.json import Jsonb

from coach.snooze import SNOOZE_KEY, snoozed_until
from db.errors import ValidationFailed
from db.repository import Repository
from tests.conftest import People
from tests.db.game_plan_rows import as_student, tracked
from tests.support.hosted import TransportFactory, superuser_value


# snooze ------------------------------------------------------------------------------------------
def test_snooze_stops_before_the_nearest_deadline(
    transport_factory: TransportFactory, people: People, db_url: str
) -> None:
    ana = Repository(transport_factory(people.student_a))
    tracked(ana, db_url, "Soon Due Award", deadline="3 days")
    tracked(ana, db_url, "Later Award", deadline="20 days")
    now: datetime = superuser_value(db_url, "select app_now()")

    with pytest.raises(ValidationFailed, match=r"nearest deadline \(Soon Due Award, .*\)\. Pick"):
        ana.snooze_micro_task(until=now + timedelta(days=5))
    with pytest.raises(ValidationFailed, match="later than now"):
        ana.snooze_micro_task(until=now - timedelta(minutes=1))

    until = now + timedelta(days=1)
    ana.snooze_micro_task(until=until)
    profile = ana.get_profile(user_id=people.student_a.user_id)  # type: ignore[arg-type]
    assert profile is not None
    assert snoozed_until(profile.preferences) == until


def test_a_snooze_is_ended_early_by_its_student_only(
    transport_factory: TransportFactory, people: People, db_url: str
) -> None:
    """A browser audit: a snooze could only run out."""
    ana = Repository(transport_factory(people.student_a))
    ben = Repository(transport_factory(people.student_b))
    tracked(ana, db_url, "Awake Award", deadline="10 days")
    now: datetime = superuser_value(db_url, "select app_now()")
    ana.snooze_micro_task(until=now + timedelta(days=2))
    ben.snooze_micro_task(until=now + timedelta(days=1))

    ana.wake_micro_task()
    mine = ana.get_profile(user_id=people.student_a.user_id)  # type: ignore[arg-type]
    theirs = ben.get_profile(user_id=people.student_b.user_id)  # type: ignore[arg-type]
    assert mine is not None and snoozed_until(mine.preferences) is None
    assert theirs is not None and snoozed_until(theirs.preferences) is not None
    ana.wake_micro_task()  # nothing to end: nothing happens


def test_students_cannot_write_the_snooze_directly(people: People, db_url: str) -> None:
    """Preferences are written only through the functions that check them (the snooze
    against the nearest deadline): straight to the table, nothing is written."""
    with as_student(db_url, people.student_a) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(
                "update profiles set preferences = preferences || %s where id = %s",
                (Jsonb({SNOOZE_KEY: "2999-01-01T00:00:00+00:00"}), people.student_a.user_id),
            )
    with as_student(db_url, people.student_a) as conn:
        stored = conn.execute(
            "select preferences from profiles where id = %s", (people.student_a.user_id,)
        ).fetchone()
        assert stored is not None and SNOOZE_KEY not in stored["preferences"]
