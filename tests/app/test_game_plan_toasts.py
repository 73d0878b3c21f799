"""Dashboard toasts the sidecar writes (notification_log), as the student meets them on the
Game plan page and on Home: each shown once, inert, the newest of several alone, an old one
saying when it was sent."""

from __future__ import annotations

import psycopg

from tests.app.conftest import MAYA, db_url, plain, query
from tests.app.game_plan_steps import open_page


def sidecar_wrote(subject: str, body: str, *, kind: str = "micro_task", days_ago: int = 0) -> None:
    """A toast as the sidecar leaves it for the dashboard, sent `days_ago` on the app clock."""
    with psycopg.connect(db_url(), autocommit=True) as conn:
        conn.execute(
            "insert into notification_log (user_id, channel, notification_type, subject, "
            "body, delivery, state, sent_at) values (%s, 'dashboard_toast', %s, "
            "%s, %s, 'toast', 'sent', app_now() - make_interval(days => %s))",
            (MAYA, kind, subject, body, days_ago),
        )


def test_a_dashboard_toast_is_shown_once_and_inert(app_env: str) -> None:
    """A toast the sidecar wrote to notification_log appears on the Game plan page once: the
    next visit shows none. Its words are shown as written, never as links."""
    subject = "3 days left: Cal Grant"
    body = "Finish your draft today. Details: https://evil.example/[x](y)"
    at = open_page("app_pages/home.py")  # signed in on Home, before the sidecar writes it
    sidecar_wrote(subject, body, kind="deadline_72h")
    at.switch_page("app_pages/game_plan.py").run()
    toasts = [t.value for t in at.toast if subject in plain(t.value)]
    assert len(toasts) == 1
    assert body in plain(toasts[0])
    assert "https://" not in toasts[0] and "](" not in toasts[0]
    assert not [t.value for t in open_page().toast if subject in plain(t.value)]


def test_a_dashboard_toast_also_greets_the_student_on_home(app_env: str) -> None:
    """Home is the student's dashboard too: a check-in toast waiting there is shown on
    arrival, once, and the Game plan then has nothing left to show."""
    subject = "Have you heard back from Gates?"
    sidecar_wrote(subject, "You submitted Gates 22 days ago.", kind="check_in")
    home = open_page("app_pages/home.py")
    assert [plain(t.value) for t in home.toast if subject in plain(t.value)]
    assert not [t.value for t in open_page().toast if subject in plain(t.value)]


def test_missed_toasts_show_the_newest_once_and_an_old_one_says_when_it_was_sent(
    app_env: str,
) -> None:
    """A student away while the sidecar ran twice: Home shows today's toast alone (yesterday's
    "26 days ago" is stale and superseded), marks both shown, and never shows either again.
    A toast two days old, alone, says when it was sent."""
    sidecar_wrote(
        "Have you heard back from Coca-Cola?", "You submitted it 26 days ago.", days_ago=1
    )
    sidecar_wrote("Ten minutes on Cal Grant?", "No progress on Cal Grant for 7 days.")
    home = open_page("app_pages/home.py")
    toasts = [
        plain(t.value)
        for t in home.toast
        if "Coca-Cola" in plain(t.value) or "Cal Grant" in plain(t.value)
    ]
    assert len(toasts) == 1 and "Ten minutes on Cal Grant?" in toasts[0]
    assert "Sent" not in toasts[0]
    assert query(
        "select count(*) as n from notification_log where user_id = %s "
        "and channel = 'dashboard_toast' and shown_at is null",
        MAYA,
    ) == [{"n": 0}]
    assert not [t for t in open_page("app_pages/home.py").toast if "Coca-Cola" in plain(t.value)]

    sidecar_wrote("Ten minutes on Hometown?", "No progress on Hometown for 4 days.", days_ago=2)
    seen = open_page("app_pages/home.py")
    [old] = [t.value for t in seen.toast if "Hometown" in plain(t.value)]
    subject, note, body = old.split("  \n")  # the note between the subject and the body
    assert note == "_Sent 2 days ago_"
    assert "Ten minutes on Hometown?" in plain(subject)
    assert "No progress on Hometown for 4 days." in plain(body)
