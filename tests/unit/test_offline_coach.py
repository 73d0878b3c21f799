"""The offline persona coach as a chat model, fed the real seed personas and their
hand-written packs: ten-round sessions never ask the same question twice and keep coaching,
memory rides in the final message of invoke and of stream, the same message in the same
state gets the same reply, it streams like any chat model, and seeded random sessions never
show a template's seams. The other behaviours have their own files (test_offline_coach_*.py);
shared helpers are in offline_coach_cases.py."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from coach.game_plan import GamePlan
from coach.offline_coach import CoachMemory, compose_reply
from tests.unit.offline_coach_cases import (
    COMMS,
    MESSAGE,
    PERSONAS,
    SALES,
    SCHOLARSHIP,
    SCRIPTS,
    assert_no_question_repeats,
    drive,
    make_plan,
    messages,
    model,
    pack,
    reply,
    turn,
)

# --- no repeated questions; memory -------------------------------------------------------

HANDS_BACK = re.compile(r"(\?|”|in your own words\.|“wrap up”.*)$")


@pytest.mark.parametrize("domain_id", sorted(SCRIPTS))
def test_ten_rounds_never_repeat_a_question_and_keep_coaching(domain_id: str) -> None:
    plan = make_plan() if domain_id == SCHOLARSHIP else None
    replies = drive(pack(domain_id), SCRIPTS[domain_id], plan=plan)
    assert_no_question_repeats(replies)
    assert len(set(replies)) == 10
    # every round hands something back: a question, a line in the scenario, or (all covered)
    # the choice of a harder scenario or a wrap-up
    assert all(HANDS_BACK.search(r) for r in replies), replies
    assert all(len(r.split()) <= 160 for r in replies)


def test_memory_lives_in_the_final_message_of_invoke_and_of_stream() -> None:
    coach = model(SALES)
    invoked = coach.invoke(messages("We're in discovery with a hospital chain.", SALES))
    chunks = list(coach.stream(messages("We're in discovery with a hospital chain.", SALES)))
    merged = chunks[0]
    for chunk in chunks[1:]:
        merged += chunk
    for message in (invoked, merged):
        assert message.response_metadata["finish_reason"] == "stop"
        remembered = CoachMemory.model_validate(message.response_metadata["coach_memory"])
        assert remembered.covered == ["stage"] and remembered.asked == ["pain.0"]
    assert json.loads(json.dumps(invoked.response_metadata["coach_memory"]))
    assert merged.content == invoked.content


def test_the_same_message_in_the_same_state_gets_the_same_reply() -> None:
    first = turn(MESSAGE, COMMS, CoachMemory(asked=["situation.0"]), round_number=3)
    again = turn(MESSAGE, COMMS, CoachMemory(asked=["situation.0"]), round_number=3)
    assert first == again
    plan = make_plan()
    assert turn("What should I do today?", SCHOLARSHIP, plan=plan, plan_aware=True) == turn(
        "What should I do today?", SCHOLARSHIP, plan=plan, plan_aware=True
    )


# --- OfflineCoachModel --------------------------------------------------------------------


def test_invoke_answers_the_last_learner_message_like_compose_reply() -> None:
    out = model().invoke(messages())
    assert out.content == reply(MESSAGE, round_number=2)


def test_stream_yields_several_chunks_joining_to_the_invoke_text() -> None:
    coach = model()
    chunks = list(coach.stream(messages()))
    assert len(chunks) > 5
    assert "".join(str(c.content) for c in chunks) == coach.invoke(messages()).content
    merged = chunks[0]
    for chunk in chunks[1:]:
        merged += chunk
    assert merged.response_metadata["coach_memory"]["covered"] == ["situation"]


def test_plan_aware_model_streams_the_plan_answer() -> None:
    coach = model(SCHOLARSHIP, round_number=1, plan=make_plan(), plan_aware=True)
    chunks = list(coach.stream(messages("What should I do today?", SCHOLARSHIP)))
    text = "".join(str(c.content) for c in chunks)
    assert len(chunks) > 5
    assert text == coach.invoke(messages("What should I do today?", SCHOLARSHIP)).content
    assert text.startswith("Today, focus on Sunrise Scholars")


def test_the_model_starts_from_the_memory_it_is_given() -> None:
    asked = [f"pain.{n}" for n in range(3)]
    coach = model(SALES, memory=CoachMemory(covered=["stage"], asked=asked))
    out = coach.invoke(messages("They were vague when I asked.", SALES))
    assert (
        "For now, let's park the business pain and what it costs them. What good looks like: A"
        in str(out.content)
    )
    assert out.response_metadata["coach_memory"]["parked"] == ["pain"]
    assert out.response_metadata["coach_memory"]["asked"][-1] == "decision.0"


# --- random sessions read as written by a person ----------------------------------------
LEARNER_MESSAGES = json.loads(
    (Path(__file__).resolve().parents[1] / "data" / "scored_rounds.json").read_text()
)
SHORT = [
    "thanks!", "ok", "yes", "no", "wrap up", "harder", "hint", "what's next?", "I don't know",
    "Can you write it for me?", "you're useless", "what should I do today?", "I got rejected",
    "I submitted it!", "Where do I start?", "What do you mean?", "Can you give me an example?",
    "stop the role-play", "hello", "?", "Let's practise.",
]  # fmt: skip
QUOTED = re.compile(r"“[^”]*”|'[^']*'")  # the learner's words and the pack's examples


@pytest.mark.parametrize("domain_id", sorted(PERSONAS))
def test_random_sessions_never_show_a_template_seam(domain_id: str) -> None:
    """Eight seeded twelve-round sessions a persona, from the hand-scored answers and short
    replies, with a plan, an empty plan or none: the coach's own words never show a raw
    {placeholder}, a sentence starting in lower case (what "your most urgent application is
    the most urgent item on your plan" looked like with nothing tracked), the same sentence
    twice, or nothing at all."""
    rnd = random.Random(domain_id)
    said = [r["learner_message"] for r in LEARNER_MESSAGES if r["domain_id"] == domain_id]
    plans = [None, GamePlan(top3=[], check_ins=[], states={}), make_plan()]
    for _ in range(8):
        plan = rnd.choice(plans) if domain_id == SCHOLARSHIP else None
        memory = CoachMemory()
        for n in range(1, 13):
            out, memory = compose_reply(
                rnd.choice(said + SHORT),
                pack=pack(domain_id),
                memory=memory,
                round_number=n,
                plan=plan,
                plan_aware=domain_id == SCHOLARSHIP,
            )
            own = QUOTED.sub("“”", out)
            assert out.strip()
            assert not re.search(r"\{\w+\}", own), out
            assert not re.search(r"(?<!\be\.g)(?<!\bi\.e)(?<!\bvs)[.?!] +[a-z]", own), out
            long = [s for s in re.split(r"(?<=[.?!])\s+", own) if len(s) > 30]
            assert len(long) == len(set(long)), out
