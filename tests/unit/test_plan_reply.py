"""The game plan's "what should I do today?" (coach/plan_reply.py)."""

from __future__ import annotations

from coach.plan_reply import plan_reply
from tests.unit.offline_coach_cases import make_plan


def test_a_check_in_is_the_replys_one_question() -> None:
    """A browser audit: "Also: have you heard back from Coca-Cola Scholars Program? What is
    left on it, …" read as work left on the application already sent; a later one's "no"
    to the two questions answered neither. The check-in is now the reply's one question."""
    plan = make_plan(check_in=True)
    for round_number in range(1, 7):
        said = plan_reply(plan, round_number)
        assert said.endswith(" Also: have you heard back from River City Award?")
        assert said.count("?") == 1
    later = plan_reply(plan, 1, asked=["plan.check.River City Award"])
    assert "heard back" not in later and later.endswith("?")
    quiet = plan_reply(make_plan(check_in=False), 1)
    assert "heard back" not in quiet and plan.top3[0].title not in quiet.rsplit(".", 1)[-1]
