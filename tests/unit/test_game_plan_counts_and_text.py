"""The counts of every state in coach/game_plan.py's plan and the text the scholarship
coach's prompt sees: titles, days left and check-ins, never financial data, and no false
"nothing tracked"."""

from __future__ import annotations

import re

from coach.game_plan import GamePlan, build_game_plan
from tests.unit.game_plan_book import NOW, Book


def test_states_count_every_application() -> None:
    book = Book()
    book.track("Draft One", days=10)
    book.track("Draft Two", days=-5)  # past deadline: out of the Top 3, still counted
    book.track("Draft Three", days=20)
    book.track("Draft Four", days=30)
    book.track("Sent", days=10, status="submitted")
    book.track("Won", days=10, status="awarded")
    book.track("Lost A", days=10, status="rejected")
    book.track("Lost B", days=10, status="rejected")

    plan = book.plan()

    assert plan.states == {"draft": 4, "submitted": 1, "awarded": 1, "rejected": 2}
    assert len(plan.top3) == 3


def test_an_empty_book_gives_an_empty_plan() -> None:
    plan = build_game_plan([], {}, [], NOW)
    assert plan.top3 == [] and plan.check_ins == [] and plan.states == {} and plan.is_empty()
    # a language model coaches the same start as the offline coach's starting track
    text = plan.as_text()
    assert "a first search in Discovery" in text and "a day and time" in text
    assert "application of their own" in text
    assert "Profile" not in text  # not read: nothing said either way
    gaps = plan.model_copy(update={"profile_gaps": ["GPA"]}).as_text()
    assert gaps.endswith("Not in their Profile yet (Discovery matches on it): GPA.")
    assert "Profile" not in sample_plan().model_copy(update={"profile_gaps": []}).as_text()


def sample_plan() -> GamePlan:
    book = Book()
    book.track("Sunrise Scholars", days=3, trust=90, kind="form", coach_state="Drafting")
    book.track("Future Teachers Fund", days=12, trust=75, kind="essay", sai=1200)
    book.track("Community Leaders Grant", days=25, trust=60, kind="mixed")
    sent = book.track("River City Award", days=40, status="submitted", sai=-500)
    book.check_in(sent, days=-1)
    return book.plan()


def test_as_text_lists_titles_days_left_and_check_ins() -> None:
    text = sample_plan().as_text()

    lines = text.splitlines()
    assert lines[0].startswith("1. Sunrise Scholars")
    assert "(3 days left)" in lines[0]
    assert "form application" in lines[0]
    assert "stage: Drafting" in lines[0]
    assert lines[1].startswith("2. Future Teachers Fund") and "(12 days left)" in lines[1]
    assert lines[2].startswith("3. Community Leaders Grant") and "(25 days left)" in lines[2]
    assert "Check-in: have they heard back from River City Award?" in text
    assert "1 submitted" in text and "3 draft" in text


def test_as_text_never_mentions_financial_data() -> None:
    text = sample_plan().as_text()
    assert not re.search(r"\b(sai|income|bank|pell)\b", text, re.I)
    assert "1200" not in text and "-500" not in text


def test_as_text_with_only_submitted_applications_does_not_claim_none_are_tracked() -> None:
    """A student whose applications are all submitted (check-ins not yet due) still has
    tracked applications: the coach's prompt must not tell the model there are none."""
    book = Book()
    a = book.track("Sent One", days=20, status="submitted")
    book.track("Sent Two", days=25, status="submitted")
    book.check_in(a, days=14)

    text = book.plan().as_text()

    assert "No tracked applications" not in text
    assert "2 submitted" in text
