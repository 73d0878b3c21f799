"""The game plan's "what should I do today?" (coach/plan_reply.py)."""

from __future__ import annotations

from coach.plan_reply import plan_reply
from tests.unit.offline_coach_cases import make_plan


def test_the_question_after_a_check_in_names_the_item_it_is_about() -> None:
    """A browser audit: "Also: have you heard back from Coca-Cola Scholars Program? What is
    left on it, …" read as work left on the application already sent."""
    plan = make_plan(check_in=True)
    for round_number in range(1, 7):
        said = plan_reply(plan, round_number)
        assert "Also: have you heard back from" in said
        asked = said.rsplit("?", 2)[-2]
        assert plan.top3[0].title in asked and " it " not in f"{asked} "
    quiet = plan_reply(make_plan(check_in=False), 1)
    assert "heard back" not in quiet and plan.top3[0].title not in quiet.rsplit(".", 1)[-1]
