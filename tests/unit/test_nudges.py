"""What a nudge says (coach/nudges.py): every due application listed with its deadline in the
student's own time zone, nothing said about what no longer applies, preferences read safely."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any
from uuid import uuid4

import pytest

from coach.nudges import (
    NotificationPreferences,
    compose,
    local_deadline,
    render,
    toast_to_show,
)
from db.models import DashboardToast
from db.nudge_queue import Nudge, NudgeItem

NOW = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)
H = timedelta(hours=1)


def item(title: str, due_in: timedelta | None, **more: Any) -> NudgeItem:
    values: dict[str, Any] = {
        "application_id": uuid4(),
        "title": title,
        "provider": "Fund",
        "amount": Decimal("1000"),
        "deadline": None if due_in is None else NOW + due_in,
        "status": "draft",
        "last_progress_at": NOW - 3 * 24 * H,
    }
    return NudgeItem.model_validate({**values, **more})


def nudge(kind: str, items: list[NudgeItem], **more: Any) -> Nudge:
    channel = "email" if kind.startswith("deadline") else "dashboard_toast"
    values = {
        "id": uuid4(),
        "user_id": uuid4(),
        "channel": channel,
        "notification_type": kind,
        "full_name": "Maya  Lopez",
        "items": items,
    }
    return Nudge.model_validate({**values, **more})


def say(n: Nudge) -> str:
    message = compose(n, NOW, app_base_url="https://coach.example/")
    assert message is not None
    return f"{message.subject}\n{message.body}"


def test_a_24_hour_email_lists_every_due_application_soonest_first() -> None:
    text = say(nudge("deadline_24h", [item("Dell", 10 * H), item("Cal Grant", 50 * H)]))
    assert text.startswith("Due within 24 hours: Dell and 1 more\n")
    assert "Hi Maya," in text
    assert "Deadlines are close: Dell is due within 24 hours and 1 more within 3 days." in text
    assert text.index("- Dell (Fund), $1,000") < text.index("- Cal Grant (Fund), $1,000")
    assert "10 hours left" in text and "2 days left" in text
    assert "https://coach.example/game-plan" in text


def test_a_72_hour_email_and_its_summary() -> None:
    text = say(nudge("deadline_72h", [item("Cal Grant", 50 * H), item("Gates", 60 * H)]))
    assert text.startswith("2 applications due in the next 3 days\n")
    assert "2 applications are due within 3 days." in text
    assert "Open your game plan for each one's next step:" in text
    # one application is "its" (a browser audit read "each one's" over a single deadline)
    one = say(nudge("deadline_72h", [item("Cal Grant", 50 * H)]))
    assert "Open your game plan for its next step:" in one
    # a journey audit: "enough time if you start today" over an application already in Review
    assert "if you start today" not in one and "to finish if you work on it today" in one


def test_a_24_hour_email_of_two_says_them() -> None:
    two = say(nudge("deadline_24h", [item("Dell", 10 * H), item("Cal Grant", 20 * H)]))
    assert "When you have sent them, mark them Submitted on your game plan:" in two
    one = say(nudge("deadline_24h", [item("Dell", 10 * H)]))
    assert "When you have sent it, mark it Submitted on your game plan:" in one


def test_what_was_submitted_or_has_passed_is_left_out_and_nothing_left_cancels() -> None:
    text = say(
        nudge(
            "deadline_24h",
            [item("Gone", -H), item("Sent", 5 * H, status="submitted"), item("Left", 20 * H)],
        )
    )
    assert "Left" in text and "Gone" not in text and "Sent" not in text
    assert "A deadline is close: Left is due within 24 hours." in text  # one: no plural
    assert compose(nudge("deadline_72h", [item("Gone", -H)]), NOW, app_base_url="x") is None


def test_deadlines_read_in_the_students_time_zone() -> None:
    prefs = NotificationPreferences(timezone="America/Chicago")
    assert local_deadline(datetime(2026, 12, 5, 5, 59, tzinfo=UTC), prefs) == (
        "Friday, December 4, 11:59 pm Central Time"
    )
    text = say(
        nudge(
            "deadline_72h",
            [item("Cal Grant", 50 * H)],
            preferences={"timezone": "Asia/Tokyo", "quiet_hours_start": "22:30"},
        )
    )
    assert "Tokyo time" in text and "10:30pm-8am Tokyo time" in text


def test_time_left_counts_as_the_app_does_hours_until_tomorrow_then_calendar_days() -> None:
    """Saturday 10:38 to Sunday 11:59pm is 37 hours: the app says "Due tomorrow", so the email
    must not round it to "2 days left"; Monday night is 2 days, not 2.6 rounded to 3."""
    saturday = datetime(2026, 12, 5, 10, 38, tzinfo=UTC)
    due = [
        item("Sunday", None, deadline=datetime(2026, 12, 6, 23, 59, tzinfo=UTC)),
        item("Monday", None, deadline=datetime(2026, 12, 7, 23, 59, tzinfo=UTC)),
    ]
    message = compose(nudge("deadline_72h", due), saturday, app_base_url="x")
    assert message is not None
    assert "11:59 pm UTC: 37 hours left" in message.body
    assert "December 7, 11:59 pm UTC: 2 days left" in message.body
    # in Tokyo it is Saturday evening and Sunday's deadline falls on Monday morning: 2 days
    tokyo = {"timezone": "Asia/Tokyo"}
    message = compose(nudge("deadline_72h", due, preferences=tokyo), saturday, app_base_url="x")
    assert message is not None
    assert "Monday, December 7, 8:59 am Tokyo time: 2 days left" in message.body


def test_toasts_for_a_micro_task_and_a_check_in() -> None:
    micro = say(nudge("micro_task", [item("Essay Fund", 30 * 24 * H)]))
    assert micro.startswith("15 minutes on Essay Fund?\nNo progress on Essay Fund for 3 days.")
    check = say(
        nudge(
            "check_in",
            [
                item(
                    "Gates",
                    -H,
                    status="submitted",
                    submitted_at=NOW - 22 * 24 * H,
                    check_in_status="pending",
                )
            ],
        )
    )
    assert check.startswith("Have you heard back from Gates?\nYou submitted Gates 22 days ago.")
    answered = nudge(
        "check_in", [item("Gates", -H, status="submitted", check_in_status="completed")]
    )
    assert compose(answered, NOW, app_base_url="x") is None
    moved_on = nudge("micro_task", [item("Essay Fund", 30 * 24 * H, status="submitted")])
    assert compose(moved_on, NOW, app_base_url="x") is None


def test_stored_preferences_that_went_bad_fall_back_to_defaults() -> None:
    prefs = NotificationPreferences.read({"timezone": "Mars/Olympus", "quiet_hours_end": "7"})
    assert (prefs.timezone, prefs.quiet_hours_start, prefs.quiet_hours_end) == (
        "UTC",
        "21:00",
        "08:00",
    )
    with pytest.raises(ValueError, match="time zone"):
        NotificationPreferences(timezone="Mars/Olympus")


def test_only_named_templates_render() -> None:
    with pytest.raises(ValueError):
        render("../secrets", {})
    assert (
        render("micro_task", {"title": "X", "idle_phrase": "2 days", "due_note": ""}).template_name
        == "micro_task"
    )


def toast(subject: str, sent_ago: timedelta) -> DashboardToast:
    return DashboardToast(id=uuid4(), subject=subject, body="", sent_at=NOW - sent_ago)


def test_of_several_missed_toasts_only_the_newest_is_shown() -> None:
    """A student away for two days: yesterday's "26 days ago" is superseded by today's."""
    yesterday = toast("Have you heard back from Coca-Cola?", 25 * H)
    today = toast("Ten minutes on Cal Grant?", 2 * H)
    shown = toast_to_show([yesterday, today], NOW)
    assert shown is not None and (shown.toast, shown.sent_note) == (today, None)
    assert toast_to_show([], NOW) is None


@pytest.mark.parametrize(
    ("sent_ago", "note"),
    [
        (23 * H, None),
        (24 * H, "Sent a day ago"),
        (47 * H, "Sent a day ago"),
        (72 * H, "Sent 3 days ago"),
    ],
)
def test_a_toast_a_day_old_says_when_it_was_sent(sent_ago: timedelta, note: str | None) -> None:
    """Its day counts stopped when the sidecar wrote it: the note lets the student add on."""
    shown = toast_to_show([toast("Ten minutes on Cal Grant?", sent_ago)], NOW)
    assert shown is not None and shown.sent_note == note


def test_a_day_only_deadline_says_so_and_a_far_one_has_its_year() -> None:
    """A season audit: emails gave "11:59 pm UTC" as if the sponsor had named that hour (the
    coach says the listing gives only the day), and a toast's "due Tuesday, December 15"
    named no year half a year away."""
    saturday = datetime(2026, 12, 5, 10, 38, tzinfo=UTC)
    due = [item("Sunday", None, deadline=datetime(2026, 12, 6, 23, 59, tzinfo=UTC))]
    message = compose(nudge("deadline_72h", due), saturday, app_base_url="x")
    assert message is not None
    assert (
        "11:59 pm UTC: 37 hours left (the listing gives only the day: submit earlier to be safe)"
        in message.body
    )
    exact = [item("Sunday", None, deadline=datetime(2026, 12, 6, 17, 0, tzinfo=UTC))]
    message = compose(nudge("deadline_72h", exact), saturday, app_base_url="x")
    assert message is not None and "gives only the day" not in message.body
    far = datetime(2027, 9, 14, 23, 59, tzinfo=UTC)
    toast = say(nudge("micro_task", [item("Essay Fund", 30 * 24 * H, deadline=far)]))
    assert "It is due Tuesday, September 14, 2027, 11:59 pm UTC" in toast


HOSTILE_TITLE = "Evil ![x](http://127.0.0.1:8998/p.png) [Claim here](https://evil.example/c)"


def test_listing_text_in_an_email_is_no_link_a_mail_client_would_make() -> None:
    """A security audit: a tracked web listing's title went into the deadline email as
    written, and mail clients make its `http://…` and `www.…` live links."""
    hostile = item(HOSTILE_TITLE + " www.evil.example", 10 * H, provider="apply@evil.example")
    text = say(nudge("deadline_24h", [hostile]))
    assert "Evil ![x](hxxp://127[.]0[.]0[.]1:8998/p[.]png)" in text
    assert "[Claim here](hxxps://evil[.]example/c) www[.]evil[.]example" in text
    assert "(apply[at]evil[.]example)" in text
    assert "http://" not in text and "www.evil" not in text and "@evil" not in text
    assert "https://" in text  # the app's own game-plan link is the one live link
    for kind in ("micro_task", "check_in"):
        sent = item(HOSTILE_TITLE, 10 * H, status="submitted" if kind == "check_in" else "draft")
        assert "https://evil" not in say(nudge(kind, [sent], channel="email"))
        # the dashboard's toast is drawn inert by the page, in the listing's own words
        assert HOSTILE_TITLE in say(nudge(kind, [sent]))
