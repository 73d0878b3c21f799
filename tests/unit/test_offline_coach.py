"""The offline persona coach, fed the real seed personas: it follows their numbered coaching
steps round by round, reflects the learner's words, brings in the domain's knowledge tags,
answers "what should I do today?" from the Top 3, and streams like any chat model.

The seed SQL files are read (not executed) to get realistic prompts and tags; nothing here
touches a database. The parsed personas are shared with the scoring and guardrail tests."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from uuid import uuid4

import pytest
from langchain_core.messages import HumanMessage, SystemMessage

from coach.clock import due_phrase
from coach.game_plan import CheckInItem, GamePlan, PlanItem
from coach.offline_coach import (
    OfflineCoachModel,
    coaching_steps,
    compose_reply,
    plan_reply,
    second_person,
)
from db.models import CoachingDomain, CoachingPersona

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SEED_FILES = ("coaching_003.sql", "scholarship_coach.sql")
_STR = r"'((?:[^']|'')*)'"
_PERSONA = re.compile(
    rf"\(\s*{_STR},\s*{_STR},\s*{_STR},\s*{_STR},\s*(?:ARRAY\[([^\]]*)\],\s*)?{_STR}\s*\)", re.S
)
_DOMAIN = re.compile(rf"\(\s*'(\w+)',\s*{_STR},.*?ARRAY\[([^\]]*)\]\s*\)", re.S)


def _unquote(literal: str) -> str:
    return literal.replace("''", "'")


def _array(body: str | None) -> list[str]:
    return [_unquote(s) for s in re.findall(_STR, body or "")]


def _sections(table: str) -> list[str]:
    """The VALUES text of every `INSERT INTO <table>` in the seed files."""
    out = []
    for name in SEED_FILES:
        sql = (SEEDS / name).read_text(encoding="utf-8")
        for chunk in sql.split("INSERT INTO ")[1:]:
            if chunk.startswith(table + " "):
                out.append(chunk.split("ON CONFLICT", 1)[0])
    return out


def load_personas() -> dict[str, CoachingPersona]:
    personas = {}
    for section in _sections("coaching_personas"):
        for m in _PERSONA.finditer(section):
            domain_id, prompt, style, criteria, forbidden, success = m.groups()
            personas[domain_id] = CoachingPersona(
                domain_id=domain_id,
                system_prompt=_unquote(prompt),
                coaching_style=_unquote(style),
                evaluation_criteria=json.loads(_unquote(criteria)),
                forbidden_topics=_array(forbidden),
                success_conditions=_unquote(success),
            )
    return personas


def load_domains() -> dict[str, CoachingDomain]:
    domains = {}
    for section in _sections("coaching_domains"):
        for m in _DOMAIN.finditer(section):
            domain_id, name, tags = m.groups()
            domains[domain_id] = CoachingDomain(
                id=domain_id, name=_unquote(name), category="seed", knowledge_tags=_array(tags)
            )
    return domains


PERSONAS = load_personas()
DOMAINS = load_domains()
SCHOLARSHIP = "scholarship_coach"
NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


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


# --- compose_reply ------------------------------------------------------------------------

COMMS = "communication_coach"
MESSAGE = (
    "A customer shouted at me on the phone because her refund was two weeks late. "
    "I apologised but she hung up."
)


def reply(text: str = MESSAGE, round_number: int = 1, domain_id: str = COMMS, **kw: object) -> str:
    return compose_reply(
        text,
        round_number=round_number,
        steps=coaching_steps(PERSONAS[domain_id].system_prompt),
        knowledge_tags=DOMAINS[domain_id].knowledge_tags,
        **kw,  # type: ignore[arg-type]
    )


def test_compose_reply_is_deterministic() -> None:
    assert reply() == reply()
    assert reply(round_number=3) == reply(round_number=3)


def test_compose_reply_reflects_the_learners_words() -> None:
    out = reply()
    assert out.startswith("You said: “")
    assert "A customer shouted at me on the phone because her refund was two weeks" in out


def test_compose_reply_without_words_to_reflect_still_answers() -> None:
    out = reply("   ")
    assert out.startswith("Thanks")
    assert out.rstrip().endswith("?")


@pytest.mark.parametrize("domain_id", sorted(PERSONAS))
def test_round_k_follows_step_k_and_wraps_after_the_last(domain_id: str) -> None:
    steps = coaching_steps(PERSONAS[domain_id].system_prompt)
    for round_number in range(1, 2 * len(steps) + 2):
        index = (round_number - 1) % len(steps)
        out = reply("I have a question about my work.", round_number, domain_id)
        assert f"Step {index + 1} of how we'll work: {second_person(steps[index])}." in out


def test_compose_reply_without_steps_or_tags_is_still_a_question() -> None:
    out = compose_reply(
        "I need help with my project plan.", round_number=2, steps=[], knowledge_tags=[]
    )
    assert "Step" not in out
    assert out.startswith("You said: “I need help with my project plan”.")
    assert out.endswith("?")


def test_a_knowledge_tag_the_learner_uses_is_named() -> None:
    out = reply("I think my empathy with angry callers needs work.", round_number=1)
    assert "You're already touching on empathy — let's go deeper there." in out

    out = reply("How do I handle conflict when the customer is wrong?", round_number=2)
    # "customer" meets customer_service first in the seed's tag order.
    assert "You're already touching on customer service" in out


def test_without_a_matching_tag_one_is_brought_in_by_round() -> None:
    tags = DOMAINS[COMMS].knowledge_tags
    for round_number in range(1, 5):
        out = reply("Yesterday went badly.", round_number=round_number)
        words = tags[(round_number - 1) % len(tags)].replace("_", " ")
        assert f"Let's bring {words} into this." in out


def test_compose_reply_varies_across_rounds() -> None:
    replies = [reply(round_number=n) for n in range(1, 6)]
    assert len(set(replies)) == 5


def test_compose_reply_ignores_the_plan_unless_plan_aware() -> None:
    plan = make_plan()
    out = reply("What should I do today?", domain_id=SCHOLARSHIP, plan=plan)
    assert "Sunrise Scholars" not in out


# --- plan_reply / plan_aware --------------------------------------------------------------


def make_plan(*, check_in: bool = True, first_type: str = "form") -> GamePlan:
    def item(title: str, days: int, kind: str, momentum: float) -> PlanItem:
        return PlanItem(
            application_id=uuid4(),
            title=title,
            deadline=NOW + timedelta(days=days, hours=2),
            days_left=days,
            due=due_phrase(NOW + timedelta(days=days, hours=2), NOW),
            momentum=momentum,
            application_type=kind,
            coach_state="Drafting",
        )

    checks = (
        [CheckInItem(application_id=uuid4(), title="River City Award", due_at=NOW)]
        if check_in
        else []
    )
    return GamePlan(
        top3=[
            item("Sunrise Scholars", 3, first_type, 91.0),
            item("Future Teachers Fund", 12, "essay", 70.0),
            item("Community Leaders Grant", 25, "mixed", 55.0),
        ],
        check_ins=checks,
        states={"draft": 3, "submitted": 1},
    )


def today(
    plan: GamePlan | None, text: str = "What should I do today?", round_number: int = 1
) -> str:
    return reply(text, round_number, SCHOLARSHIP, plan=plan, plan_aware=True)


def test_what_should_i_do_today_answers_from_the_top3() -> None:
    out = today(make_plan())
    assert out.startswith(
        "Today, focus on Sunrise Scholars: it's due Wednesday, March 4 (3 days left)."
    )
    assert "quick form" in out
    assert "After that, Future Teachers Fund and Community Leaders Grant are next." in out
    assert "have you heard back from River City Award?" in out
    assert out.endswith("?")


@pytest.mark.parametrize(
    "text", ["what should i do today", "Where do I start?", "What's my next step?", "Now what?"]
)
def test_today_questions_are_recognised(text: str) -> None:
    assert today(make_plan(), text).startswith("Today, focus on Sunrise Scholars")


def test_an_ordinary_message_is_coached_not_planned() -> None:
    out = today(make_plan(), "I wrote half of my essay about my grandmother.")
    assert out.startswith("You said:")
    assert "Step 1 of how we'll work: look at the game plan and name the most urgent item." in out


def test_an_essay_first_item_is_not_called_a_quick_form() -> None:
    out = today(make_plan(first_type="essay", check_in=False))
    assert "quick form" not in out
    assert "heard back" not in out


def test_plan_reply_is_deterministic_per_round() -> None:
    plan = make_plan()
    assert plan_reply(plan, 2) == plan_reply(plan, 2)
    assert len({plan_reply(plan, n) for n in range(1, 10)}) > 1


def test_no_plan_says_to_run_discovery() -> None:
    for plan in (None, GamePlan(top3=[], check_ins=[], states={})):
        out = today(plan)
        assert "Discovery" in out and "discovery" in out
        assert "focus on" not in out


def test_only_a_check_in_asks_have_you_heard_back() -> None:
    plan = GamePlan(
        top3=[],
        check_ins=[CheckInItem(application_id=uuid4(), title="River City Award", due_at=NOW)],
        states={"submitted": 1},
    )
    out = today(plan)
    assert "River City Award" in out and "Have you heard back?" in out


def test_only_submitted_applications_are_not_called_untracked() -> None:
    """A student whose applications are all submitted (no check-in due yet) is tracking
    applications; discovery is a fine suggestion, "not tracking any" is false."""
    plan = GamePlan(top3=[], check_ins=[], states={"submitted": 2})
    out = today(plan)
    assert "not tracking any" not in out
    assert "discovery" in out.lower()


# --- OfflineCoachModel --------------------------------------------------------------------


def model(domain_id: str = COMMS, round_number: int = 2, **kw: object) -> OfflineCoachModel:
    return OfflineCoachModel(
        steps=coaching_steps(PERSONAS[domain_id].system_prompt),
        knowledge_tags=DOMAINS[domain_id].knowledge_tags,
        round_number=round_number,
        **kw,  # type: ignore[arg-type]
    )


def messages(text: str = MESSAGE, domain_id: str = COMMS) -> list[SystemMessage | HumanMessage]:
    return [SystemMessage(content=PERSONAS[domain_id].system_prompt), HumanMessage(content=text)]


def test_invoke_answers_the_last_learner_message_like_compose_reply() -> None:
    out = model().invoke(messages())
    assert out.content == reply(round_number=2)


def test_stream_yields_several_chunks_joining_to_the_invoke_text() -> None:
    coach = model()
    chunks = list(coach.stream(messages()))
    assert len(chunks) > 5
    assert "".join(str(c.content) for c in chunks) == coach.invoke(messages()).content


def test_plan_aware_model_streams_the_plan_answer() -> None:
    coach = model(SCHOLARSHIP, round_number=1, plan=make_plan(), plan_aware=True)
    chunks = list(coach.stream(messages("What should I do today?", SCHOLARSHIP)))
    text = "".join(str(c.content) for c in chunks)
    assert len(chunks) > 5
    assert text == coach.invoke(messages("What should I do today?", SCHOLARSHIP)).content
    assert text.startswith("Today, focus on Sunrise Scholars")


def test_the_scholarship_coach_keeps_the_most_urgent_item_in_view_every_round() -> None:
    plan = GamePlan(
        top3=[
            PlanItem(
                application_id=uuid4(),
                title="Cal Grant",
                deadline=datetime(2026, 12, 1, tzinfo=UTC),
                days_left=8,
                due="due Tuesday, December 1 (8 days left)",
                momentum=80.0,
                application_type="form",
                coach_state="drafting",
            )
        ],
        check_ins=[],
        states={"draft": 1},
    )
    replies = {
        aware: compose_reply(
            "I finished the first paragraph of my personal statement.",
            round_number=2,
            steps=["Look at the plan", "Ask what they have done"],
            knowledge_tags=["essay_planning"],
            plan=plan,
            plan_aware=aware,
        )
        for aware in (True, False)
    }
    assert "Keep Cal Grant in view, due Tuesday, December 1 (8 days left)." in replies[True]
    assert "Cal Grant" not in replies[False]


def test_one_item_after_the_first_is_next_not_are_next() -> None:
    plan = make_plan()
    two = plan.model_copy(update={"top3": plan.top3[:2]})
    assert "After that, Future Teachers Fund is next." in today(two)
