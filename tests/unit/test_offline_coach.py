"""The offline persona coach, fed the real seed personas and their hand-written packs: it
answers the learner's question first, quotes and critiques their words, runs the persona's
scenario, moves on when a checklist item is covered (never because rounds passed), never
asks the same question twice in a session, keeps its boundaries in one sentence, answers
"what should I do today?" from the Top 3, and streams like any chat model.

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
    CoachMemory,
    OfflineCoachModel,
    coaching_steps,
    compose_reply,
    plan_reply,
    second_person,
)
from coach.packs import CoachPack, generic_pack, load_pack, pack_for
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


# --- packs --------------------------------------------------------------------------------

COMMS = "communication_coach"
SALES = "sales_workflow_coach"
ARCH = "architecture_advisor"
ONBOARDING = "onboarding_mentor"


def pack(domain_id: str) -> CoachPack:
    return pack_for(PERSONAS[domain_id], DOMAINS[domain_id])


@pytest.mark.parametrize("domain_id", sorted(PERSONAS))
def test_every_seed_persona_has_a_hand_written_pack_on_its_own_dimensions(domain_id: str) -> None:
    written = load_pack(domain_id)
    assert written is not None and written.domain_id == domain_id
    assert list(written.dimensions) == PERSONAS[domain_id].dimensions
    assert len(written.checklist) >= 4 and len(written.answers) >= 5
    assert all(len(set(item.questions)) >= 3 for item in written.checklist)
    assert "paragraph" in written.boundaries.ghostwrite
    assert load_pack(domain_id) is written  # read once, then cached


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


# --- helpers ------------------------------------------------------------------------------

_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|(?<![A-Za-z])'[^']*'(?![A-Za-z])")


def questions_in(text: str) -> list[str]:
    """The coach's own questions: quoted speech (role-play lines, example wording, the
    learner's words) taken out first."""
    bare = _QUOTED.sub("", text)
    return [s for s in re.split(r"(?<=[.!?])\s+", bare) if s.strip().endswith("?")]


def prompts_in(text: str) -> list[str]:
    """Everything the learner is asked to answer: the coach's questions and the lines the
    coach says in character."""
    return questions_in(text) + re.findall(r"\(role-play\): “([^”]*)”", text)


def assert_no_question_repeats(replies: list[str]) -> None:
    asked = [q for r in replies for q in prompts_in(r)]
    assert len(asked) == len(set(asked)), [q for q in asked if asked.count(q) > 1]


def drive(coach_pack: CoachPack, texts: list[str], *, plan: GamePlan | None = None) -> list[str]:
    """Rounds through the chat model itself, memory carried between them as the graph
    carries it: from the reply's metadata into the next round's model."""
    memory: dict[str, object] = {}
    out = []
    for n, text in enumerate(texts, start=1):
        coach = OfflineCoachModel(
            domain_id=coach_pack.domain_id,
            pack=coach_pack,
            memory=CoachMemory.model_validate(memory),
            round_number=n,
            plan=plan,
            plan_aware=plan is not None,
        )
        answer = coach.invoke([SystemMessage(content="persona"), HumanMessage(content=text)])
        memory = answer.response_metadata["coach_memory"]
        out.append(str(answer.content))
    return out


def turn(
    text: str, domain_id: str = COMMS, memory: CoachMemory | None = None, **kw: object
) -> tuple[str, CoachMemory]:
    return compose_reply(text, pack=pack(domain_id), memory=memory, **kw)  # type: ignore[arg-type]


def reply(text: str, round_number: int = 1, domain_id: str = COMMS, **kw: object) -> str:
    return turn(text, domain_id, round_number=round_number, **kw)[0]


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text) if s]


# --- answering the learner's question -----------------------------------------------------

DIRECT = {
    SALES: ("What should I ask the economic buyer?", "'What happens if you do nothing?'"),
    ARCH: ("Should we split our monolith into microservices?", "Start with a modular monolith"),
    COMMS: ("How do I handle a customer who is shouting at me?", "Never say 'calm down'"),
    ONBOARDING: ("How should I deal with code review comments?", "free mentoring"),
    SCHOLARSHIP: ("How do I ask a teacher for a recommendation letter?", "two weeks before"),
}


@pytest.mark.parametrize("domain_id", sorted(DIRECT))
def test_a_direct_question_is_answered_from_the_pack_before_one_question_back(
    domain_id: str,
) -> None:
    question, content = DIRECT[domain_id]
    out = reply(question, domain_id=domain_id)
    assert content.lower() in out.lower()
    answer = next(a.answer for a in pack(domain_id).answers if content in a.answer)
    assert out.startswith(answer)  # the answer comes first, nothing asked before it
    # then one thing back: a question, or the opening line of the persona's scenario
    assert len(questions_in(out)) <= 1 and out.endswith(("?", "”"))
    assert not out.startswith("You said")


def test_the_sales_coach_gives_questions_for_the_economic_buyer_not_a_stock_question() -> None:
    out = reply("What should I ask the economic buyer?", domain_id=SALES)
    for ask in ("What has to be true", "How will you judge success", "Who else needs to be"):
        assert ask in out


def test_a_question_the_pack_cannot_answer_says_so_and_gives_the_principle() -> None:
    out = reply("What do you think about the new regional manager?", domain_id=SALES)
    assert out.startswith("I don't have a prepared answer to that in my offline playbook")
    assert pack(SALES).checklist[0].tip in out


# --- no repeated questions; memory -------------------------------------------------------

SCRIPTS = {
    SALES: [
        "I'm working a deal with a 400-bed hospital chain; two calls so far with IT.",
        "What should I ask the economic buyer?",
        "They lose about 20 hours a week reconciling supplier invoices by hand.",
        "Honestly I'm not sure who signs the contract.",
        "Fair question, what is the manual process costing you today?",
        "When does your next budget cycle open, and who decides?",
        "Can we book 30 minutes Thursday to walk through it with your CFO?",
        "How do I handle a price objection?",
        "I think the deal is on track.",
        "The next step is a pilot review on Friday the 14th.",
    ],
    ARCH: [
        "We're building a notification service for a delivery app.",
        "We need 99.9% uptime and about 5k events per second at dinner peak.",
        "Should we use Kafka or SQS?",
        "Option one is direct calls from the order service, option two is a queue.",
        "The queue adds operational cost but keeps latency off the order path.",
        "If the SMS provider fails we retry with backoff and drop stale messages.",
        "What's an ADR supposed to contain?",
        "Our team is four people.",
        "I'd go with the queue because ordering must not wait on providers.",
        "What else should I worry about?",
    ],
    COMMS: [
        "A customer shouted at me because her refund was two weeks late and she hung up.",
        "I'm so sorry, three calls and still no refund, I'd be frustrated too.",
        "Let me check what happened, I'll call you by 4 pm today with a date.",
        "I'll call you by Thursday noon either way.",
        "How do I say no without sounding rude?",
        "I usually start explaining the policy while they're still talking.",
        "I try to slow down and keep my tone calm.",
        "What should I write in an apology email?",
        "It sounds like the real problem is payroll on Friday, is that right?",
        "I think I'm getting better at this.",
    ],
    ONBOARDING: [
        "I have three years of Python and SQL but I've never used Docker.",
        "I'm overwhelmed, where do I even start?",
        "I'll clone the repo and get the tests passing locally on Monday.",
        "Is this a dumb question: who should I ask when I'm stuck?",
        "I'll trace the sign-in request from the API route to the database.",
        "How does code review work here?",
        "I want to see how a PR goes through CI to deploy.",
        "My buddy Priya said I can pair with her on Fridays.",
        "I'll pick a small bug fix as my first ticket and ship it Thursday.",
        "What should I read about our production setup?",
    ],
    SCHOLARSHIP: [
        "What should I do today?",
        "I've filled out the form but haven't started the essay.",
        "I don't know what to write about for the essay.",
        "How do I ask a teacher for a recommendation letter?",
        "I'm stuck on the word limit.",
        "I'll outline the essay tonight at 7pm.",
        "Is a scholarship that asks for a processing fee legit?",
        "I keep putting it off because I'm so busy.",
        "My counselor could read my draft.",
        "What should I do today?",
    ],
}


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


# --- advancing by what is covered ---------------------------------------------------------

VAGUE = "Honestly I am not really sure about any of this yet, I need to think about it more."
COVERS_FIRST = {
    SALES: "We're in discovery with them, two calls so far.",
    ARCH: "We need p99 under 200 ms at 2k requests per second.",
    COMMS: "A customer shouted at me because her refund was late.",
    ONBOARDING: "I have three years of Python experience.",
    SCHOLARSHIP: "It's due Wednesday, so I have three evenings.",
}


@pytest.mark.parametrize("domain_id", sorted(COVERS_FIRST))
def test_the_coach_moves_on_when_an_item_is_covered_not_when_rounds_pass(
    domain_id: str,
) -> None:
    first = pack(domain_id).checklist[0]
    plan = make_plan() if domain_id == SCHOLARSHIP else None
    memory = CoachMemory()
    for n in (1, 2):
        _, memory = turn(VAGUE, domain_id, memory, round_number=n, plan=plan, plan_aware=bool(plan))
    assert memory.covered == [] and memory.scene is None
    assert memory.asked == [f"{first.id}.0", f"{first.id}.1"]  # still on the first item

    before = len(memory.asked)
    out, memory = turn(
        COVERS_FIRST[domain_id], domain_id, memory, round_number=3, plan=plan, plan_aware=bool(plan)
    )
    assert first.id in memory.covered
    assert f"That covers {first.label}" in out or "first-week plan so far" in out
    moved_on = memory.asked[before:]
    assert memory.scene is not None or (moved_on and not moved_on[0].startswith(first.id))


def test_everything_covered_is_said_and_a_harder_scenario_or_wrap_up_is_offered() -> None:
    done = CoachMemory(covered=[i.id for i in pack(SALES).checklist], scenes_done=["price"])
    out, memory = turn("I think I've got the whole picture now.", SALES, done)
    assert "You've now covered the whole checklist" in out
    assert "harder" in out and "wrap up" in out and memory.offered
    out, memory = turn("harder", SALES, memory)
    assert out.startswith("Harder one. I'll play Sam Okafor, the CFO")
    assert memory.scene == "cfo"
    out, _ = turn("wrap up", SALES, memory)
    assert out.startswith("Wrap-up: you covered the opportunity and its stage")


def test_the_onboarding_coach_builds_the_first_week_plan_from_the_learners_words() -> None:
    replies = drive(
        pack(ONBOARDING),
        [
            "Five years of Java, no Python yet.",
            "I'll clone the repo and get the tests passing on Monday.",
            "Then I'll trace the checkout request through the codebase.",
            "Wednesday I want to see how a pull request goes through CI to deploy.",
            "Thursday: ship a small bug fix as my first ticket.",
            "Friday I'll set up a 1:1 with my buddy Priya.",
        ],
    )
    assert "Your first-week plan so far — Mon: a working dev environment." in replies[1]
    last = replies[-1]
    assert "Here is your first week: Mon — a working dev environment (“I'll clone" in last
    assert "Fri — who to ask and when (“Friday I'll set up a 1:1" in last


# --- the scenarios ------------------------------------------------------------------------


def test_the_sales_coach_plays_a_prospect_marked_as_role_play() -> None:
    memory = CoachMemory(covered=["stage", "pain", "decision", "value"])
    out, memory = turn("Let's do it.", SALES, memory)
    assert "Prospect (role-play): “Honestly, you're about 30% more" in out
    out, memory = turn(
        "Fair question. What is the manual process costing you today?", SALES, memory
    )
    # critiqued first, then back in character
    assert out.startswith("You said: “What is the manual process costing you today”.")
    assert "Prospect (role-play): “Even if it's worth it, the budget" in out
    out, memory = turn("Sure.", SALES, memory)  # not handled: the prospect pushes back once
    assert "Prospect (role-play): “So what do you want me to do" in out
    out, memory = turn("Okay, I will send it.", SALES, memory)  # still not: a model answer
    assert "a stronger reply: don't discount" in out
    assert "Prospect (role-play): “Just send me a proposal" in out


def test_the_communication_coach_plays_the_upset_customer_and_scores_the_exchange() -> None:
    replies = drive(
        pack(COMMS),
        [
            "A customer shouted at me because her refund was two weeks late.",
            "I'm sorry, three calls and still no refund, I'd be frustrated too.",
            "Let me check what happened; I'll call you by 4 pm today.",
            "I'll call you by Thursday noon either way, with my direct line.",
        ],
    )
    assert "Customer (role-play): “This is the third time I'm calling!" in replies[0]
    assert "Customer (role-play): “Last week I was told" in replies[1]
    assert "End of the role-play: you handled 3 of 3 moments." in replies[3]


def test_the_architecture_coach_hands_a_design_problem_and_probes_trade_offs() -> None:
    out, memory = turn("I don't have one yet.", ARCH)
    assert "practice design problem: a food-delivery app" in out
    assert "Probe: Do you call the push and SMS providers directly" in out
    out, memory = turn("Hmm, not sure at all.", ARCH, memory)
    assert "what happens to placing an order when the SMS provider slows" in out
    out, memory = turn("Should I use Kafka for the queue?", ARCH, memory)
    assert "Queues decouple producers" in out  # a question to the coach is answered
    assert memory.beat == 0


def test_a_learner_stuck_in_the_role_play_gets_a_hint() -> None:
    memory = CoachMemory(scene="refund")
    out, memory = turn("What should I say?", COMMS, memory)
    assert out.startswith("Coach's hint: lead with her experience")


# --- quoting and critique -----------------------------------------------------------------

MESSAGE = (
    "A customer shouted at me on the phone because her refund was two weeks late. "
    "I apologised but she hung up."
)


def test_a_statement_is_quoted_and_critiqued_against_the_personas_dimensions() -> None:
    out = reply(MESSAGE)
    assert out.startswith("You said: “A customer shouted at me on the phone because her refund")
    assert "What works: you acknowledged how the customer feels." in out
    assert "What's missing: specifics — who does what, and by when." in out


def test_a_common_mistake_in_the_learners_words_is_named() -> None:
    out = reply("I told her to calm down and that it's our policy to wait.", domain_id=COMMS)
    assert "Watch out: 'calm down' tells someone their feeling is wrong" in out
    out = reply("I showed them all our platform features and they loved it.", domain_id=SALES)
    assert "Watch out: that leads with features" in out


def test_the_gap_pointed_out_rotates_instead_of_repeating() -> None:
    memory = CoachMemory()
    gaps = []
    for _ in range(3):
        out, memory = turn("We talked for a while about the project.", ARCH, memory)
        gaps.append(re.search(r"What's missing: ([^.]+)", out).group(1))  # type: ignore[union-attr]
    assert len(set(gaps)) == 3


def test_a_one_word_answer_is_asked_for_more_not_quoted() -> None:
    out = reply("ok")
    assert out.startswith("Say a little more") and "You said" not in out
    assert out.endswith("?")


def test_an_empty_message_still_gets_a_question() -> None:
    out = reply("   ")
    assert out.startswith("Tell me where you are") and out.endswith("?")


# --- boundaries and news ------------------------------------------------------------------

GHOSTWRITE = {
    SALES: "Can you write the proposal for me?",
    ARCH: "Could you write the design doc for me?",
    COMMS: "Can you write my cover letter for me?",
    ONBOARDING: "Just write my application for me.",
    SCHOLARSHIP: "Can you write my scholarship essay for me?",
}


@pytest.mark.parametrize("domain_id", sorted(GHOSTWRITE))
def test_writing_it_for_them_is_refused_in_one_sentence_with_a_paragraph_offer(
    domain_id: str,
) -> None:
    out = reply(GHOSTWRITE[domain_id], domain_id=domain_id)
    refusal, *rest = sentences(out)
    assert "won't write" in refusal and "paragraph" in refusal
    assert len(rest) == 1 and rest[0].endswith("?")  # then straight back to the work


def test_help_writing_it_is_coaching_not_a_refusal() -> None:
    out = reply("Can you help me write my essay?", domain_id=SCHOLARSHIP)
    assert "won't write" not in out and out.startswith("Start with a story")


SETBACKS = {
    SALES: ("We lost the deal to a competitor.", "loss review"),
    ARCH: ("My design was rejected at the review.", "reviewers' questions"),
    COMMS: ("The customer escalated to my manager anyway.", "the exact sentence"),
    ONBOARDING: ("My first PR got rejected.", "the one change"),
    SCHOLARSHIP: ("I was rejected from the River City Award.", "strongest paragraphs"),
}


@pytest.mark.parametrize("domain_id", sorted(SETBACKS))
def test_bad_news_is_acknowledged_with_one_lesson(domain_id: str) -> None:
    text, lesson = SETBACKS[domain_id]
    plan = make_plan() if domain_id == SCHOLARSHIP else None
    out = reply(text, domain_id=domain_id, plan=plan, plan_aware=bool(plan))
    assert lesson in out and "You said" not in out
    assert out.endswith("?") and len(questions_in(out)) == 1


def test_a_rejected_student_is_moved_to_the_next_item_not_asked_have_you_heard_back() -> None:
    plan = make_plan()
    out, memory = turn(
        "I was rejected from the River City Award.", SCHOLARSHIP, plan=plan, plan_aware=True
    )
    assert out.startswith("I'm sorry — a rejection stings")
    assert "Next on your plan: Sunrise Scholars, due Wednesday, March 4 (3 days left)." in out
    assert "heard back" not in out.lower()
    later, _ = turn("What should I do today?", SCHOLARSHIP, memory, plan=plan, plan_aware=True)
    assert later.startswith("Today, focus on Sunrise Scholars") and "heard back" not in later


def test_a_submitted_application_is_congratulated_and_confirmed_on_the_game_plan_page() -> None:
    plan = make_plan()
    out, memory = turn("I submitted Sunrise Scholars!", SCHOLARSHIP, plan=plan, plan_aware=True)
    assert out.startswith("Congratulations on submitting")
    assert "recorded once you confirm it: here when I ask, or on the Game plan page" in out
    assert "check in" in out and out.endswith("?")
    later, _ = turn("What should I do today?", SCHOLARSHIP, memory, plan=plan, plan_aware=True)
    assert later.startswith("Today, focus on Future Teachers Fund")


def test_an_award_is_congratulated_with_a_thank_you_note_and_confirmation() -> None:
    out = reply("I won the Future Teachers Fund!", domain_id=SCHOLARSHIP, plan=make_plan())
    assert out.startswith("Congratulations") and "thank-you note" in out
    assert "confirm the award (here when I ask, or on the Game plan page)" in out


def test_a_won_deal_is_not_treated_as_a_loss() -> None:
    out = reply("We closed the deal yesterday!", domain_id=SALES)
    assert out.startswith("Congratulations on the win!") and "win review" in out


@pytest.mark.parametrize("domain_id", sorted(PERSONAS))
def test_an_insult_is_answered_calmly_in_one_sentence_then_back_to_work(domain_id: str) -> None:
    out = reply("You are useless.", domain_id=domain_id)
    calm, *rest = sentences(out)
    assert calm == pack(domain_id).boundaries.insult
    assert len(rest) == 1 and rest[0].endswith("?") and "useless" not in out


def test_off_topic_gets_one_sentence_and_the_work_resumes() -> None:
    out = reply("Who won the football game last night?", domain_id=SALES)
    assert out.startswith("That's outside sales coaching")
    assert len(sentences(out)) == 2 and out.endswith("?")


def test_the_coach_says_it_is_the_offline_practice_coach() -> None:
    out = reply("Are you ChatGPT?", domain_id=ARCH)
    assert out.startswith("I'm the offline practice coach") and "not a language model" in out


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


def test_the_plan_is_ignored_unless_the_persona_is_plan_aware() -> None:
    out = reply("What should I do today?", domain_id=SCHOLARSHIP, plan=make_plan())
    assert "Sunrise Scholars" not in out


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


def test_an_ordinary_message_is_coached_and_names_the_most_urgent_item() -> None:
    out = today(make_plan(), "I wrote half of my essay about my grandmother.")
    assert out.startswith("You said: “I wrote half of my essay about my grandmother”.")
    assert "Your most urgent item is Sunrise Scholars, due Wednesday, March 4" in out


def test_asking_today_twice_does_not_ask_the_same_things_twice() -> None:
    plan = make_plan()
    first, memory = turn("What should I do today?", SCHOLARSHIP, plan=plan, plan_aware=True)
    second, _ = turn(
        "What should I do today?", SCHOLARSHIP, memory, round_number=2, plan=plan, plan_aware=True
    )
    assert "heard back from River City Award" in first and "heard back" not in second
    assert not set(questions_in(first)) & set(questions_in(second))


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
        domain_id=domain_id,
        pack=pack(domain_id),
        round_number=round_number,
        **kw,  # type: ignore[arg-type]
    )


def messages(text: str = MESSAGE, domain_id: str = COMMS) -> list[SystemMessage | HumanMessage]:
    return [SystemMessage(content=PERSONAS[domain_id].system_prompt), HumanMessage(content=text)]


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


def test_progress_is_not_mistaken_for_news() -> None:
    for text in ("I got it working locally on Monday.", "I didn't get the tests to pass yet."):
        out = reply(text, domain_id=ONBOARDING)
        assert out.startswith("You said:") and "Congratulations" not in out and "stings" not in out


def test_asking_for_the_role_play_while_in_it_does_not_count_as_an_answer() -> None:
    memory = CoachMemory(scene="price")
    out, after = turn("Let's role-play the pricing call.", SALES, memory)
    assert out == "We're already in the role-play: answer the last line above, in your own words."
    assert after.beat == 0 and not after.pressed
