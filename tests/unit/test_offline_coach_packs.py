"""The seed personas the offline coach is fed, and the packs it works from: five personas
with their domains, the five coaching steps read from each prompt and spoken to the learner,
a hand-written pack per seed persona on its own dimensions, and a pack built from the seed
for a persona without one."""

from __future__ import annotations

import re

import pytest
from pydantic import ValidationError

from coach.packs import CoachPack, coaching_steps, generic_pack, load_pack, pack_for, second_person
from db.models import CoachingDomain, CoachingPersona
from tests.unit.offline_coach_cases import (
    DOMAINS,
    PERSONAS,
    SCHOLARSHIP,
    assert_no_question_repeats,
    drive,
    pack,
)


def test_the_seed_files_give_five_personas_with_domains() -> None:
    assert set(PERSONAS) == {
        "sales_workflow_coach",
        "architecture_advisor",
        "communication_coach",
        "onboarding_mentor",
        SCHOLARSHIP,
    }
    assert set(DOMAINS) == set(PERSONAS)
    assert all(len(p.dimensions) == 4 for p in PERSONAS.values())
    assert PERSONAS[SCHOLARSHIP].forbidden_topics[0] == "guaranteed awards"
    assert "{game_plan}" in PERSONAS[SCHOLARSHIP].system_prompt
    assert "student's game plan" in PERSONAS[SCHOLARSHIP].system_prompt


# --- coaching_steps / second_person -------------------------------------------------------


@pytest.mark.parametrize("domain_id", sorted(PERSONAS))
def test_coaching_steps_parses_the_five_numbered_steps(domain_id: str) -> None:
    prompt = PERSONAS[domain_id].system_prompt
    steps = coaching_steps(prompt)

    numbered = re.findall(r"^\d\.\s*(.+)$", prompt.split("Coaching style:")[1], re.M)
    assert steps == [s.strip() for s in numbered]
    assert len(steps) == 5
    # Only the steps: no approach bullets, no placeholder, no number left on a step.
    assert not any(s.startswith(("-", "{")) or re.match(r"\d", s) for s in steps)


def test_coaching_steps_of_two_personas_verbatim() -> None:
    sales = coaching_steps(PERSONAS["sales_workflow_coach"].system_prompt)
    assert sales[0] == "Start by understanding the current opportunity and stage"
    assert sales[4] == "Help them practice key conversations (objection handling, closing)"
    scholarship = coaching_steps(PERSONAS[SCHOLARSHIP].system_prompt)
    assert scholarship[0] == "Look at the game plan and name the most urgent item"
    assert scholarship[4] == "Close by restating the step and the deadline"


def test_coaching_steps_without_a_coaching_style_section_is_empty() -> None:
    assert coaching_steps("You are a helpful coach.\n- Be kind") == []


@pytest.mark.parametrize(
    ("step", "expected"),
    [
        ("Ask what they have done so far", "ask what you have done so far"),
        (
            "Help them draft or outline if they are stuck.",
            "help you draft or outline if you are stuck",
        ),
        ("Identify gaps in their approach", "identify gaps in your approach"),
        (
            "Understand the learner current communication challenges",
            "understand your current communication challenges",
        ),
        ("Let the student explain themselves", "let you explain yourself"),
        (
            "Clarify requirements and constraints first",
            "clarify requirements and constraints first",
        ),
    ],
)
def test_second_person_speaks_to_the_learner(step: str, expected: str) -> None:
    assert second_person(step) == expected


def test_every_seed_step_reads_in_the_second_person() -> None:
    for persona in PERSONAS.values():
        for step in coaching_steps(persona.system_prompt):
            spoken = second_person(step)
            assert not re.search(r"\b(they|them|their|the learner|the student)\b", spoken), spoken
            assert spoken[0].islower() and not spoken.endswith(".")


# --- packs --------------------------------------------------------------------------------


@pytest.mark.parametrize("domain_id", sorted(PERSONAS))
def test_every_seed_persona_has_a_hand_written_pack_on_its_own_dimensions(domain_id: str) -> None:
    written = load_pack(domain_id)
    assert written is not None and written.domain_id == domain_id
    assert list(written.dimensions) == PERSONAS[domain_id].dimensions
    assert len(written.checklist) >= 4 and len(written.answers) >= 5
    assert all(len(set(item.questions)) >= 3 for item in written.checklist)
    assert "paragraph" in written.boundaries.ghostwrite
    assert load_pack(domain_id) is written  # read once, then cached


def test_a_mistake_takes_back_only_a_dimension_its_pack_has() -> None:
    """A mistake's `undoes` names the strength its warning cancels ("because that's what Uber
    does" is no reason to praise); a name the pack lacks would cancel nothing, silently."""
    written = load_pack("architecture_advisor")
    assert written is not None
    data = written.model_dump()
    data["mistakes"][0]["undoes"] = "decision_rationale"
    CoachPack.model_validate(data)
    data["mistakes"][0]["undoes"] = "decision_rational"
    with pytest.raises(ValidationError, match="undoes no dimension"):
        CoachPack.model_validate(data)


def test_a_mistake_names_only_an_answer_its_pack_has() -> None:
    """A mistake's `answer` is what "what should i do instead?" gets after its warning."""
    written = load_pack("sales_workflow_coach")
    assert written is not None
    data = written.model_dump()
    data["mistakes"][0]["answer"] = "price"
    CoachPack.model_validate(data)
    data["mistakes"][0]["answer"] = "prices"
    with pytest.raises(ValidationError, match="names no answer"):
        CoachPack.model_validate(data)


def test_a_persona_without_a_pack_gets_one_built_from_its_seed() -> None:
    persona = CoachingPersona(
        domain_id="negotiation_coach",
        system_prompt="You coach negotiators.\n\nCoaching style:\n1. Find the other side's "
        "interests\n2. Prepare a walk-away alternative\n3. Rehearse the opening offer",
        evaluation_criteria={"dimensions": ["preparation", "listening"]},
    )
    domain = CoachingDomain(id="negotiation_coach", name="Negotiation Coach", category="x")
    assert load_pack("negotiation_coach") is None
    built = pack_for(persona, domain)
    assert built == generic_pack(persona, domain)
    assert [i.label for i in built.checklist] == [
        "find the other side's interests",
        "prepare a walk-away alternative",
        "rehearse the opening offer",
    ]
    assert list(built.dimensions) == ["preparation", "listening"]
    replies = drive(built, ["I have a salary negotiation next week."] * 6)
    assert_no_question_repeats(replies)
    assert "other side's interests" in replies[0]


@pytest.mark.parametrize("domain_id", sorted(PERSONAS))
def test_a_packs_topic_answers_are_for_its_personas_forbidden_topics(domain_id: str) -> None:
    """A topic answer keyed by a misspelt topic would silently never be said."""
    coach_pack = load_pack(domain_id)
    assert coach_pack is not None
    assert set(coach_pack.boundaries.topics) <= set(PERSONAS[domain_id].forbidden_topics)


def test_the_scholarship_coach_answers_every_scam_topic() -> None:
    """Every forbidden topic but ghost-writing (refused with an offer to coach) is a scam
    sign, and the student asking about one is told what to do."""
    topics = load_pack(SCHOLARSHIP).boundaries.topics  # type: ignore[union-attr]
    scams = [t for t in PERSONAS[SCHOLARSHIP].forbidden_topics if "for the student" not in t]
    assert scams and set(topics) == set(scams)
    assert all(("Don't" in topics[t] or "scam" in topics[t]) for t in scams)


def test_steps_are_covered_by_what_the_words_mean_not_a_dollar_sign() -> None:
    """An audit: "the deal is worth $5k" got "That covers the business pain"; "if the batch
    job crashes we could rerun it" did not count as a failure mode."""
    sales = load_pack("sales_workflow_coach")
    arch = load_pack("architecture_advisor")
    assert sales is not None and arch is not None
    pain = sales.item("pain")
    failure = arch.item("failure")
    assert pain is not None and failure is not None
    assert not pain.covered_by("the deal is worth $5k")
    assert pain.covered_by("it costs them about $4k a month in overtime")
    assert failure.covered_by("if the batch job crashes halfway we could rerun it")


def test_a_starting_track_is_checked_like_the_packs_own_checklist() -> None:
    """The starting track's questions must be distinct (the coach never asks twice), its
    cues must compile, and its reworded gaps must name the pack's own dimensions."""
    written = load_pack("scholarship_coach")
    assert written is not None and written.starting is not None
    started = written.started()
    assert [i.id for i in started.checklist] == ["profile", "search", "track", "vouch", "step"]
    assert started.wrap_up == written.starting.wrap_up and started.starting is None
    assert started.dimensions["self_advocacy"].missing.startswith("someone who could vouch")
    assert started.dimensions["follow_through"] == written.dimensions["follow_through"]
    assert written.started() is started  # built once
    data = written.model_dump()
    data["starting"]["checklist"][1]["questions"][1] = data["starting"]["checklist"][0][
        "questions"
    ][0]
    with pytest.raises(ValidationError, match="must be distinct"):
        CoachPack.model_validate(data)
    data = written.model_dump()
    data["starting"]["dimensions"]["deadlines"] = {"missing": "a date"}
    with pytest.raises(ValidationError, match="rewords no dimension"):
        CoachPack.model_validate(data)
    data = written.model_dump()
    data["starting"]["own_application"].append("re:(unclosed")
    with pytest.raises(ValidationError, match="bad cue"):
        CoachPack.model_validate(data)


@pytest.mark.parametrize("domain", sorted(PERSONAS))
def test_every_coach_says_what_it_is_for(domain: str) -> None:
    """A run-through: "what do you do" got "That one's beyond what I can answer well here"."""
    said = drive(pack(domain), ["what do you do"])[0]
    assert said.startswith("I'm your ")


def test_a_yes_or_no_reply_belongs_to_a_question_of_its_step() -> None:
    written = load_pack("scholarship_coach")
    assert written is not None
    data = written.model_dump()
    replies = data["checklist"][0]["yes_no"]
    assert replies, "the deadline step says back a yes or a no"
    question = next(iter(replies))
    replies[question.replace("calendar", "calender")] = replies.pop(question)
    with pytest.raises(ValidationError, match="yes_no answers no question of deadline"):
        CoachPack.model_validate(data)
