"""Strong, concrete answers scored as a coach would score them: found by playing capable
students through the offline coach (an audit of competent answers, 2026-12-03)."""

from __future__ import annotations

from tests.unit.rubric_cases import COMMS, assess


def test_a_planned_opening_to_a_teammate_is_a_plan_with_curiosity_in_it() -> None:
    """ "I want to open with what I saw … and ask what got in the way" scored 4/10: "I want
    to" was not read as a plan, asking the other side was not empathy, and the reasons told
    the learner to name "the customer's" feeling in a talk with a teammate."""
    result = assess(
        "I want to open with what I saw: the login ticket slipped twice, and ask what got in "
        "the way before I say anything about the team.",
        COMMS,
        "How would you open the conversation with Jordan?",
    )
    assert result.score >= 6
    assert result.dimension_scores["empathy"] >= 5
    assert not result.dimension_reasons["empathy"].startswith("nothing yet")
    assert "customer" not in result.feedback + " ".join(result.dimension_reasons.values())
