"""A round's `Assessment`: scores 1-10 per dimension, one line of feedback. The offline
rubric that fills it is tested in test_rubric.py."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from coach.scoring import Assessment


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
