"""A Submitted or Won question left unanswered past the day it can be confirmed in
(app_pages/game_plan_confirm.py): the Game plan says it was never recorded and asks again, or
lets the student say it wasn't so."""

from __future__ import annotations

import psycopg

from tests.app.conftest import db_url, plain
from tests.app.conftest import shown as texts
from tests.app.game_plan_steps import COCA_COLA, click, dialog_text, open_page, row


def asked_days_ago(title: str, days: int) -> None:
    """The pending question's time moved back, as if asked `days` ago (superuser)."""
    with psycopg.connect(db_url(), autocommit=True) as conn:
        conn.execute(
            "update applications a set metadata = jsonb_set(a.metadata, "
            "'{pending_transition,requested_at}', to_jsonb((app_now() - make_interval(days => "
            "%s))::text)) from scholarships s where s.id = a.scholarship_id and s.title = %s",
            (days, title),
        )


def test_a_win_left_unconfirmed_is_said_and_asked_again(app_env: str) -> None:
    """A season audit: "I won the Cal Grant!" told to the coach, left unanswered, and a week
    later no question, no word and no button: the win was never recorded."""
    coca = row(COCA_COLA)
    click(open_page(), f"move_awarded_{coca['id']}")  # asked, then the tab closed
    asked_days_ago(COCA_COLA, 7)

    at = open_page()
    assert not dialog_text(at)  # too old to confirm
    said = plain(texts(at))
    assert "Not recorded: on" in said and f"you said {COCA_COLA} was won" in said
    click(at, "ask_again_transition")
    assert f"{COCA_COLA} will be recorded as Won" in dialog_text(at)
    click(at, "confirm_transition")
    won = row(COCA_COLA)
    assert won["status"] == "awarded" and won["confirmed_at"] is not None
    assert "Not recorded" not in plain(texts(open_page()))


def test_it_wasnt_drops_the_old_question_and_records_nothing(app_env: str) -> None:
    coca = row(COCA_COLA)
    click(open_page(), f"move_awarded_{coca['id']}")
    asked_days_ago(COCA_COLA, 3)
    at = click(open_page(), "drop_transition")
    after = row(COCA_COLA)
    assert after["status"] == "submitted" and "pending_transition" not in after["metadata"]
    assert "Not recorded" not in plain(texts(at))
