"""The offline persona coach as a chat model, fed the real seed personas and their
hand-written packs: ten-round sessions never ask the same question twice and keep coaching,
memory rides in the final message of invoke and of stream, the same message in the same
state gets the same reply, and it streams like any chat model. The other behaviours have
their own files (test_offline_coach_*.py); shared helpers are in offline_coach_cases.py."""

from __future__ import annotations

import json
import re

import pytest

from coach.offline_coach import CoachMemory

# still importable from here: tests/graph/test_chat.py, test_guardrails.py and test_red_flags.py
# import them from this module
from tests.unit.offline_coach_cases import (
    COMMS,
    MESSAGE,
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
    assert "Let's park the business pain and what it costs them for now" in str(out.content)
    assert out.response_metadata["coach_memory"]["parked"] == ["pain"]
    assert out.response_metadata["coach_memory"]["asked"][-1] == "decision.0"
