"""public.save_my_notification_preferences (migration 20261201001700) on both ends of the
transport seam: a student saves their time zone and quiet hours into their own preferences
(other keys kept), a bad value is refused with one sentence that says what to fix, nobody
else's preferences change, and a visitor who is not signed in cannot call it. The page that
sets them: tests/app/test_profile_page.py."""

from __future__ import annotations

import json
from typing import Any

import psycopg
import pytest

from db.errors import NotAllowed, ValidationFailed
from db.identity import Identity
from db.models import NotificationPreferencesInput
from db.repository import Repository
from tests.conftest import People
from tests.support.hosted import TransportFactory, superuser_value

SNOOZE = "2031-01-01T00:00:00.000000+00:00"


def preferences(db_url: str, user: Identity) -> dict[str, Any]:
    stored = superuser_value(db_url, "select preferences from profiles where id = %s", user.user_id)
    assert isinstance(stored, dict)
    return stored


def set_preferences(db_url: str, user: Identity, value: dict[str, Any]) -> None:
    with psycopg.connect(db_url, autocommit=True) as conn:
        conn.execute(
            "update profiles set preferences = %s::jsonb where id = %s",
            (json.dumps(value), user.user_id),
        )


def call(repository: Repository, tz: str, start: str, end: str) -> dict[str, Any]:
    return repository.save_my_notification_preferences(
        timezone=tz, quiet_hours_start=start, quiet_hours_end=end
    )


def test_a_student_saves_zone_and_quiet_hours_and_keeps_their_other_preferences(
    transport_factory: TransportFactory, people: People, db_url: str
) -> None:
    set_preferences(db_url, people.student_a, {"micro_task_snoozed_until": SNOOZE})
    ana = Repository(transport_factory(people.student_a))

    saved = call(ana, "America/Chicago", "22:30", "07:00")

    expected = {
        "micro_task_snoozed_until": SNOOZE,
        "timezone": "America/Chicago",
        "quiet_hours_start": "22:30",
        "quiet_hours_end": "07:00",
    }
    assert saved == expected
    assert preferences(db_url, people.student_a) == expected
    assert call(ana, "UTC", "00:00", "00:00")["timezone"] == "UTC"  # saved again, replaced
    assert preferences(db_url, people.student_a)["quiet_hours_end"] == "00:00"


def test_another_students_preferences_are_untouched(
    transport_factory: TransportFactory, people: People, db_url: str
) -> None:
    set_preferences(db_url, people.student_b, {"timezone": "Europe/Paris"})
    call(Repository(transport_factory(people.student_a)), "Asia/Tokyo", "23:00", "06:00")
    assert preferences(db_url, people.student_b) == {"timezone": "Europe/Paris"}


@pytest.mark.parametrize(
    ("args", "sentence"),
    [
        (
            ("Mars/Olympus_Mons", "21:00", "08:00"),
            "Pick your time zone from the list, such as America/Chicago.",
        ),
        (  # Postgres would parse these; the zone's exact name is what the emails need
            ("america/chicago", "21:00", "08:00"),
            "Pick your time zone from the list, such as America/Chicago.",
        ),
        (
            ("XYZ+3", "21:00", "08:00"),
            "Pick your time zone from the list, such as America/Chicago.",
        ),
        (
            ("UTC", "9pm", "08:00"),
            "Quiet hours start must be a 24-hour time such as 21:00.",
        ),
        (
            ("UTC", "21:00", "24:00"),
            "Quiet hours end must be a 24-hour time such as 08:00.",
        ),
        (
            ("UTC", "21:00", "8:00"),
            "Quiet hours end must be a 24-hour time such as 08:00.",
        ),
    ],
)
def test_the_database_refuses_a_bad_value_with_one_sentence(
    transport_factory: TransportFactory,
    people: People,
    db_url: str,
    args: tuple[str, str, str],
    sentence: str,
) -> None:
    """Straight to the function, past the repository's own check: the database's word."""
    set_preferences(db_url, people.student_a, {"timezone": "Europe/Paris"})
    transport = transport_factory(people.student_a)
    names = ("p_timezone", "p_quiet_hours_start", "p_quiet_hours_end")
    params = dict(zip(names, args, strict=True))
    with pytest.raises(ValidationFailed) as refused:
        transport.rpc("save_my_notification_preferences", params)
    assert str(refused.value) == sentence
    assert preferences(db_url, people.student_a) == {"timezone": "Europe/Paris"}


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (("Not/AZone", "21:00", "08:00"), "Time zone"),
        (("", "21:00", "08:00"), "Time zone"),
        (("UTC", "", "08:00"), "Quiet hours start"),
        (("UTC", "21:00", "8am"), "Quiet hours end"),
    ],
)
def test_the_repository_names_the_field_to_fix_before_sending(
    transport_factory: TransportFactory,
    people: People,
    db_url: str,
    args: tuple[str, str, str],
    field: str,
) -> None:
    with pytest.raises(ValidationFailed) as refused:
        call(Repository(transport_factory(people.student_a)), *args)
    message = str(refused.value)
    assert message.startswith(f"Please check: {field}: ") and message.endswith(".")
    assert "timezone" not in preferences(db_url, people.student_a)


def test_a_visitor_who_is_not_signed_in_cannot_save(
    transport_factory: TransportFactory, people: People, db_url: str
) -> None:
    with pytest.raises(NotAllowed):
        call(Repository(transport_factory(people.anon)), "UTC", "21:00", "08:00")
    execute = superuser_value(
        db_url,
        "select array[has_function_privilege('anon', p.oid, 'execute'), "
        "has_function_privilege('service_role', p.oid, 'execute'), "
        "has_function_privilege('authenticated', p.oid, 'execute')] "
        "from pg_proc p where p.proname = 'save_my_notification_preferences'",
    )
    assert execute == [False, False, True]


def test_the_input_model_repeats_the_databases_rules() -> None:
    ok = NotificationPreferencesInput(
        timezone=" America/New_York ", quiet_hours_start="21:00", quiet_hours_end="08:00"
    )
    assert ok.as_params() == {
        "p_timezone": "America/New_York",
        "p_quiet_hours_start": "21:00",
        "p_quiet_hours_end": "08:00",
    }
    for bad in (
        {"timezone": "../etc/passwd"},
        {"quiet_hours_start": "23:60"},
        {"quiet_hours_end": "7:00"},
    ):
        values = {"timezone": "UTC", "quiet_hours_start": "21:00", "quiet_hours_end": "08:00"}
        with pytest.raises(ValueError):
            NotificationPreferencesInput.model_validate(values | bad)
