"""What a confirmation's Yes says when its question was settled meanwhile, for each way the
application can stand by then (the browser test drives the first through two tabs), and what
a click on a card that moved on since it was drawn says (the page tests drive two tabs)."""

from __future__ import annotations

from uuid import uuid4

from app_pages.game_plan_parts import moved_on, settled_elsewhere
from coach.coach_state import MISSED_DEADLINE
from db.models import Application

GATES = "The Gates Scholarship"


def application(status: str) -> Application:
    return Application.model_validate(
        {"id": uuid4(), "user_id": uuid4(), "scholarship_id": uuid4(), "status": status}
    )


def test_already_recorded_when_it_stands_as_asked() -> None:
    assert settled_elsewhere(application("awarded"), GATES, "awarded") == (
        f"Already recorded: {GATES} is won (answered in another tab or in the chat)."
    )
    assert settled_elsewhere(application("submitted"), GATES, "submitted").startswith(
        f"Already recorded: {GATES} is submitted"
    )


def test_nothing_recorded_when_it_was_answered_no_or_is_gone() -> None:
    said = settled_elsewhere(application("draft"), GATES, "submitted")
    assert said.startswith(f"Nothing was recorded: the question about {GATES} was answered")
    assert said.endswith("Mark it again if it still stands.")
    assert settled_elsewhere(None, GATES, "submitted") == (
        f"Nothing was recorded: {GATES} is no longer on your plan."
    )


def test_a_card_whose_deadline_passed_blames_no_other_tab() -> None:
    """The clock moves a card on too: "in another tab or in the chat" would send the
    student looking for a tab that did nothing."""
    said = moved_on(GATES, MISSED_DEADLINE)
    assert said == f"Nothing changed: {GATES}'s deadline passed. Its buttons are up to date now."
    assert "another tab" in moved_on(GATES, "Review") and "another tab" not in said
