"""The offline rubric: every coaching round scored 1-10 on the persona's own dimensions, a
specific, reasoned answer with a commitment beating a vague one, and one line of feedback
naming what was strong and what to do next."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from coach.scoring import LABELS, TIPS, Assessment, rubric_assessment, rubric_features
from tests.unit.test_offline_coach import DOMAINS, PERSONAS

COMMS = "communication_coach"

VAGUE = "ok"
HEDGING = "I am not sure what to say to them, maybe I could try to talk about it at some point"
SPECIFIC = (
    "I will call the customer back at 3pm on Friday because her refund was two weeks late, "
    "and I will open with an empathy statement so that she feels heard before we talk "
    "about the resolution."
)


def assess(message: str, domain_id: str = COMMS) -> Assessment:
    persona = PERSONAS[domain_id]
    return rubric_assessment(
        message,
        dimensions=persona.dimensions,
        knowledge_tags=DOMAINS[domain_id].knowledge_tags,
        success_conditions=persona.success_conditions,
    )


def features(message: str, domain_id: str = COMMS) -> dict[str, float]:
    persona = PERSONAS[domain_id]
    return rubric_features(
        message,
        knowledge_tags=DOMAINS[domain_id].knowledge_tags,
        dimensions=persona.dimensions,
        success=persona.success_conditions or "",
    )


@pytest.mark.parametrize("domain_id", sorted(PERSONAS))
@pytest.mark.parametrize("message", ["", VAGUE, HEDGING, SPECIFIC, "word " * 400])
def test_scores_stay_in_1_10_on_exactly_the_personas_dimensions(
    domain_id: str, message: str
) -> None:
    result = assess(message, domain_id)
    assert 1 <= result.score <= 10
    assert list(result.dimension_scores) == PERSONAS[domain_id].dimensions
    assert all(1 <= v <= 10 for v in result.dimension_scores.values())


def test_a_specific_reasoned_commitment_beats_a_one_word_answer() -> None:
    vague, specific = assess(VAGUE), assess(SPECIFIC)
    assert specific.score >= vague.score + 3
    for name in PERSONAS[COMMS].dimensions:
        assert specific.dimension_scores[name] > vague.dimension_scores[name], name


@pytest.mark.parametrize("domain_id", sorted(PERSONAS))
def test_specific_beats_vague_for_every_persona(domain_id: str) -> None:
    assert assess(SPECIFIC, domain_id).score > assess(VAGUE, domain_id).score


def test_a_commitment_and_a_reason_each_raise_the_score() -> None:
    # Same length, so only the commitment or the reason can make the difference.
    bare = "I talk to the customer about the refund and she waited two weeks"
    committed = "I will talk to the customer about the refund, she waited two weeks"
    reasoned = "I talk to the customer about the refund because she waited two weeks"
    assert features(committed)["progress"] > features(bare)["progress"]
    assert features(reasoned)["engagement"] > features(bare)["engagement"]


def test_hedging_without_any_concrete_detail_is_not_specific() -> None:
    """Names, numbers, dates and times make an answer specific; ordinary lower-case words
    do not. A long hedge must score lower on specificity than a concrete plan and must not
    be praised for its "specific detail"."""
    assert features(HEDGING)["specificity"] < features(SPECIFIC)["specificity"]
    assert features(HEDGING)["specificity"] <= 3.5
    assert not assess(HEDGING).feedback.startswith("Strongest: specific detail")


def test_feedback_names_a_strongest_point_and_a_tip() -> None:
    for message in (VAGUE, HEDGING, SPECIFIC):
        feedback = assess(message).feedback
        strongest, tip = feedback.split(". Next time, ")
        assert strongest.removeprefix("Strongest: ") in LABELS.values()
        assert tip.rstrip(".") in TIPS.values()
        assert len(feedback) <= 400


def test_a_vague_answer_is_told_to_add_detail_or_say_why() -> None:
    tip = assess(VAGUE).feedback.split("Next time, ")[1]
    assert tip.rstrip(".") in (TIPS["specificity"], TIPS["engagement"])


def test_a_specific_answer_is_praised_for_a_real_strength() -> None:
    result = assess(SPECIFIC)
    strongest = result.feedback.removeprefix("Strongest: ").split(".")[0]
    f = features(SPECIFIC)
    best = max(f, key=lambda k: f[k])
    assert strongest == LABELS[best]
    assert f[best] >= 8


def test_rubric_is_deterministic() -> None:
    assert assess(SPECIFIC) == assess(SPECIFIC)
    assert assess(HEDGING, "scholarship_coach") == assess(HEDGING, "scholarship_coach")


def test_without_persona_dimensions_the_rubric_features_are_scored() -> None:
    result = rubric_assessment(VAGUE, dimensions=[], knowledge_tags=[], success_conditions=None)
    assert list(result.dimension_scores) == list(LABELS)


def test_assessment_rejects_a_dimension_score_out_of_range() -> None:
    with pytest.raises(ValidationError, match="empathy"):
        Assessment(score=7, feedback="Good.", dimension_scores={"empathy": 11})
    with pytest.raises(ValidationError):
        Assessment(score=7, feedback="Good.", dimension_scores={"clarity": 0})
    with pytest.raises(ValidationError):
        Assessment(score=11, feedback="Good.", dimension_scores={"clarity": 5})
    with pytest.raises(ValidationError):
        Assessment(score=5, feedback="", dimension_scores={"clarity": 5})
    ok = Assessment(score=10, feedback="Good.", dimension_scores={"empathy": 10, "clarity": 1})
    assert ok.dimension_scores == {"empathy": 10, "clarity": 1}
