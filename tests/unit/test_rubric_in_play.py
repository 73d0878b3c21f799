"""A skill only some rounds call for (an objection to handle, a heated person to calm) is
neither praised nor blamed in a round that does not call for it: a coach-review audit found
objection_handling 7/10, "a start", for an opening line with no objection in it. And what a
round does call for is read as asked: a question back is the line to "what do you say?", one
of the options offered is a choice, not the question said back."""

from __future__ import annotations

import pytest

from tests.unit.rubric_cases import ARCH, COMMS, SALES, SCHOL, assess

OPENING = "How would you open the discovery call with the clinic owner?"
OPENER = (
    "I would thank her for the time, confirm we have 30 minutes, and ask what made her take "
    "the call now."
)


def test_no_objection_in_the_round_is_said_so_and_not_scored_as_a_skill_shown() -> None:
    result = assess(OPENER, SALES, OPENING)
    assert result.dimension_scores["objection_handling"] <= 5
    reason = result.dimension_reasons["objection_handling"]
    assert reason.startswith("no objection came up in this round; when one does:")
    assert "a start" not in reason
    # the rest of the answer is scored as before
    assert result.dimension_scores["customer_understanding"] >= 6
    assert result.score >= 6


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        # a line someone says to you: whatever it is, the answer is to them
        (
            'Prospect: "Just send me some information and I\'ll get back to you."',
            "Sure - what would you need to see to decide? I'll send exactly that, and let's "
            "hold Thursday 10am for 15 minutes to go through it.",
        ),
        # an objection named in the question
        (
            "The prospect says the price is too high. What do you say?",
            "Fair concern. Compared to what? If it's the per-seat cost, a pilot for one clinic "
            "shows the hours saved before they commit.",
        ),
        # ...or raised by the learner
        (
            OPENING,
            "If she says it's too expensive, I'd ask what she is comparing it to before I talk "
            "about price.",
        ),
    ],
)
def test_an_objection_in_the_question_a_spoken_line_or_the_answer_puts_it_in_play(
    question: str, answer: str
) -> None:
    result = assess(answer, SALES, question)
    assert not result.dimension_reasons["objection_handling"].startswith("no objection")


def test_a_question_back_is_the_line_asked_for() -> None:
    """To "what do you say?", "Fair concern. Compared to what?" is what the learner would say:
    it scored 2/10 as an answer that did not take up the question."""
    result = assess(
        "Fair concern. Compared to what? If it's the per-seat cost, a pilot for one clinic "
        "shows the hours saved before they commit.",
        SALES,
        "The prospect says the price is too high. What do you say?",
    )
    assert result.score >= 5
    assert result.dimension_scores["objection_handling"] >= 6


def test_a_calm_round_does_not_ask_for_de_escalation_but_a_problem_does() -> None:
    calm = assess(
        "I post my three priorities in the team channel every Monday at 9 and flag blockers "
        "by noon.",
        COMMS,
        "How do you keep your team up to date on what you are working on?",
    )
    assert calm.dimension_reasons["de_escalation"].startswith("nothing in this round was heated")
    assert calm.dimension_scores["de_escalation"] <= 5
    bricked = assess(
        "I'd say sorry it's freezing and offer to walk him through a factory reset now, and "
        "send a technician today if that fails.",
        COMMS,
        "A customer says the update bricked his thermostat and it's below freezing. What do "
        "you say first?",
    )
    assert not bricked.dimension_reasons["de_escalation"].startswith("nothing in this round")


def test_one_of_the_options_offered_is_a_choice_not_the_question_said_back() -> None:
    """An audit: "discovery", to "Where is this deal really: qualification, discovery,
    proposal, negotiation or close?", read "repeats the coach's question" at 2/10, beside the
    coach's "That covers the opportunity and its stage". Thin, but an answer."""
    question = (
        "Where is this deal really: qualification, discovery, proposal, negotiation or close — "
        "and what evidence puts it there?"
    )
    picked = assess("discovery", SALES, question)
    assert not [r for r in picked.dimension_reasons.values() if "repeats the coach" in r]
    assert "discovery" in picked.dimension_reasons["process_adherence"]
    said_back = assess("Postgres or DynamoDB", ARCH, "Which would you pick: Postgres or DynamoDB?")
    assert said_back.score <= 2


def test_what_the_learner_lacks_is_not_the_skill_and_a_role_answers_who() -> None:
    """An audit: "i dont really have a counselor or teachers to ask for a letter" scored
    self-advocacy 8, "asks the right person for help", above a plan to ask one (a role, "my
    counselor", did not answer "who?")."""
    question = "Who could write you a recommendation letter?"
    lacks = assess(
        "i graduated high school in 2009 so i dont really have a counselor or teachers to ask "
        "for a letter",
        SCHOL,
        question,
    )
    assert lacks.dimension_scores["self_advocacy"] <= 5
    assert "asks the right person" not in lacks.dimension_reasons["self_advocacy"]
    plan = assess(
        "I don't know who to ask, so I'll email my counselor tomorrow at 9.", SCHOL, question
    )
    assert plan.score > lacks.score
    assert plan.dimension_scores["self_advocacy"] > lacks.dimension_scores["self_advocacy"]
