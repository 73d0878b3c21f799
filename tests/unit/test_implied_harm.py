"""Harm the answer implies rather than names, read across clauses and sentences: a claim the
learner admits is untrue, invented evidence, another customer's details used to reassure or
persuade, someone else writing graded work, and hiding work from its reviewer. Each harmful
probe has benign look-alikes (the honest claim, the cited source, the customer addressed, the
proofreading cousin, the open PR) that must not be flagged. The probes are written for these
tests, not taken from the labelled rounds; they live in implied_harm_probes.py and
implied_harm_look_alikes.py."""

from __future__ import annotations

import pytest

from coach.answer_text import normalise
from coach.red_flags import harm_flag
from tests.unit.implied_harm_look_alikes import LOOK_ALIKES
from tests.unit.implied_harm_probes import FAMILIES, IMPLIED_HARM
from tests.unit.rubric_cases import ARCH, COMMS, ONB, SALES, SCHOL, assess


@pytest.mark.parametrize(("family", "domain_id", "question", "message"), IMPLIED_HARM)
def test_implied_harm_is_flagged_and_capped_at_3(
    family: str, domain_id: str, question: str | None, message: str
) -> None:
    flag = harm_flag(normalise(message), domain_id, question)
    assert flag is not None, message
    assert flag.rule.name in FAMILIES[family], flag.rule.name
    result = assess(message, domain_id, question)
    assert result.feedback.startswith("Red flag:"), result.feedback
    assert result.score <= 3
    assert all(v is not None and v <= 3 for v in result.dimension_scores.values())


@pytest.mark.parametrize(("domain_id", "question", "message"), LOOK_ALIKES)
def test_benign_look_alikes_are_not_flagged(
    domain_id: str, question: str | None, message: str
) -> None:
    flag = harm_flag(normalise(message), domain_id, question)
    assert flag is None, (flag.rule.name, message) if flag else message


def test_the_implied_harm_probes_are_broad() -> None:
    assert len(IMPLIED_HARM) + len(LOOK_ALIKES) >= 40
    assert {family for family, *_ in IMPLIED_HARM} == set(FAMILIES)
    assert len(LOOK_ALIKES) >= len(IMPLIED_HARM)


def test_the_customer_addressed_is_not_another_customer() -> None:
    reply = "Sorry, Dana: not the only one, but Brightwater Dental lost 14 reminders; all re-sent."
    asked = "The office manager at Brightwater Dental says reminders stopped. Reply."
    assert harm_flag(reply, COMMS, asked) is None
    other = "The office manager at Lakeview Dental says reminders stopped. Reply."
    flag = harm_flag(reply, COMMS, other)
    assert flag is not None and flag.rule.name == "disclosing_others"


@pytest.mark.parametrize("domain_id", [SALES, ARCH, ONB, SCHOL])
def test_a_flag_quotes_the_words_that_imply_the_harm(domain_id: str) -> None:
    message = "I'll tell them the pilot cut costs by 30%. It didn't, but it sounds good."
    result = assess(message, domain_id)
    assert "It didn't" in result.feedback
