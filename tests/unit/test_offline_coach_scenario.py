"""The offline coach's session progress: it moves on when a checklist item is covered, not
when rounds pass; offers a harder scenario or a wrap-up once everything is covered; builds
the onboarding first-week plan from the learner's words; and runs each persona's scenario
(the prospect, the upset customer, the design problem) with push-backs, hints and scores."""

from __future__ import annotations

import pytest

from coach.learner_intents import ASKING, unscored_reason
from coach.offline_coach import CoachMemory
from tests.unit.offline_coach_cases import (
    ARCH,
    COMMS,
    MESSAGE,
    ONBOARDING,
    SALES,
    SCHOLARSHIP,
    drive,
    make_plan,
    pack,
    turn,
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
    if first.context:  # where they stand, said back rather than marked off
        said = COVERS_FIRST[domain_id].rstrip(".")
        assert out.startswith(f"Good to know: “{said}”.") and memory.context
    else:
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
    # an audit: "harder" after the hardest one quietly started the easier one
    after_cfo = CoachMemory(covered=[i.id for i in pack(SALES).checklist], scenes_done=["cfo"])
    out, _ = turn("harder", SALES, after_cfo)
    assert out.startswith("You've done the hardest one I have; here is the other one.")


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


def test_a_step_of_the_week_goes_on_the_day_the_learner_gave_it() -> None:
    """A run-through: "ill book 30 min with her tuesday morning" was put on "Fri: who to ask
    and when", the pack's day, beside the learner's own Tuesday."""
    replies = drive(
        pack(ONBOARDING),
        [
            "I'll clone the repo and get the tests passing on Monday.",
            "ok my manager is priya, ill book 30 min with her tuesday morning",
            "wrap up",
        ],
    )
    assert "so far — Mon: a working dev environment; Tue: who to ask and when." in replies[1]
    assert "Tue — who to ask and when (“" in replies[2]
    assert "Fri — who to ask" not in replies[2]
    assert replies[2].index("Mon — ") < replies[2].index("Tue — who to ask")


def test_each_step_of_a_week_said_in_one_message_goes_on_its_own_day() -> None:
    """A browser audit: "On day one I'll get my laptop set up…, day two read the README…, and
    by Friday ship one small bug fix" came back as "Fri: a working dev environment; Fri: the
    team workflow…; Fri: a small first task": the message's one weekday, for every step."""
    [said] = drive(
        pack(ONBOARDING),
        [
            "On day one I'll get my laptop set up and run the app locally, day two read the "
            "README and the deploy docs, and by Friday ship one small bug fix."
        ],
    )
    assert (
        "so far — Mon: a working dev environment; Tue: the team workflow from branch to "
        "production; Fri: a small first task to ship." in said
    )


# --- the scenarios ------------------------------------------------------------------------


def test_the_sales_coach_plays_a_prospect_marked_as_role_play() -> None:
    memory = CoachMemory(covered=["stage", "pain", "decision", "value"])
    out, memory = turn("Let's do it.", SALES, memory)  # the role-play is offered, not started
    assert out.endswith(
        "I can play the prospect so you can rehearse it: shall we (say “let's "
        "practise”), or would you rather tell me more first?"
    )
    out, memory = turn("yes", SALES, memory)
    assert "Prospect (role-play): “Honestly, you're about 30% more" in out
    out, memory = turn(
        "Fair question. What is the manual process costing you today?", SALES, memory
    )
    # critiqued first, then back in character: the question answered, then the next line
    assert out.startswith("You asked: “What is the manual process costing you today”.")
    assert "Prospect (role-play): “Honestly? My team loses a couple of days" in out
    assert out.endswith("Even if it's worth it, the budget for this quarter is gone.”")
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
            "let's practise",
            "I'm sorry, three calls and still no refund, I'd be frustrated too.",
            "Let me check what happened; I'll call you by 4 pm today.",
            "I'll call you by Thursday noon either way, with my direct line.",
        ],
    )
    assert "I can play the customer so you can rehearse it" in replies[0]
    assert "Customer (role-play): “This is the third time I'm calling!" in replies[1]
    assert "Customer (role-play): “Last week I was told" in replies[2]
    assert "End of the role-play: you handled 3 of 3 moments." in replies[4]
    # the scene practised an apology, already said: no credit for listening nobody did
    assert "That covers active listening" not in replies[4]


def test_the_architecture_coach_hands_a_design_problem_and_probes_trade_offs() -> None:
    out, memory = turn("I don't have one yet.", ARCH)
    assert "practice design problem: a food-delivery app" in out
    assert "Probe: Do you call the push and SMS providers directly" in out
    out, memory = turn("Hmm, not sure at all.", ARCH, memory)
    assert "what happens to placing an order when the SMS provider slows" in out
    out, memory = turn("Should I use Kafka for the queue?", ARCH, memory)
    assert "Queues decouple producers" in out  # a question to the coach is answered
    assert memory.beat == 0


PRICE_LINE = (
    "Prospect (role-play): “Honestly, you're about 30% more than what we use now. Why would I "
    "pay more?”"
)


def test_a_learner_stuck_in_the_role_play_gets_a_hint() -> None:
    memory = CoachMemory(scene="refund")
    out, memory = turn("What should I say?", COMMS, memory)
    assert out.startswith("Coach's hint: lead with her experience")


def test_asking_for_the_role_play_while_in_it_does_not_count_as_an_answer() -> None:
    memory = CoachMemory(scene="price")
    out, after = turn("Let's role-play the pricing call.", SALES, memory)
    assert out == (
        "We're already in the role-play: answer it in your own words. "
        + PRICE_LINE  # said again, so the next answer is read as said to it
    )
    assert after.beat == 0 and not after.pressed


def test_the_communication_coach_rehearses_with_whom_the_learner_faces() -> None:
    # a student's audit: a roommate conflict was rehearsed as "Maria, whose refund is late"
    texts = [
        "My roommate keeps leaving dishes everywhere and I finally said something yesterday.",
        "I'd tell her it sounds like she's had a rough week, then ask about the dishes",
        "let's practise",
    ]
    replies = drive(pack(COMMS), texts)
    joined = " ".join(replies)
    assert "your roommate" in joined and "the customer" not in joined
    assert "I'll play your roommate" in joined and "Your roommate (role-play)" in joined
    assert "Maria" not in joined and "Sam" not in joined

    customer = drive(pack(COMMS), [MESSAGE, "let's practise"])
    assert "I'll play Maria" in " ".join(customer) and "Sam" not in " ".join(customer)


def test_the_sales_coach_plays_a_buyer_from_whom_the_learner_sells_to() -> None:
    texts = ["I'm selling a booking app to dental clinics; two are in discovery.", "let's practise"]
    opening = drive(pack(SALES), texts)[-1]
    assert "I'll play Dana Reyes, the buyer at one of the dental clinics you sell to," in opening
    assert "logistics" not in opening

    default = drive(pack(SALES), [COVERS_FIRST[SALES], "let's practise"])[-1]
    assert "Dana Reyes, VP of Operations at a 300-person logistics firm," in default


def test_a_word_or_two_handles_no_objection_in_a_role_play() -> None:
    # an audit: "why?" counted as handling "the budget for this quarter is gone" (a "?" cue)
    out, memory = turn("why?", SALES, CoachMemory(scene="price", beat=1))
    assert memory.beat == 1 and memory.pressed
    assert "find money that doesn't exist" in out  # the prospect presses instead


def test_a_feeling_inside_a_role_play_is_answered_then_the_scene_waits() -> None:
    out, memory = turn("honestly I'm so nervous", SALES, CoachMemory(scene="price", beat=1))
    assert out.endswith(
        "When you're ready, back to the role-play, in your own words. Prospect (role-play): "
        "“Even if it's worth it, the budget for this quarter is gone.”"
    )
    assert "You said" not in out and memory.beat == 1 and not memory.pressed


def test_the_architecture_coach_takes_a_students_own_small_system_step_by_step() -> None:
    """An audit: a club's booking system in the student's own numbers ("500 members, 50
    bookings a day") was praised for its numbers, then asked for the numbers; two options
    and their costs were each asked for again."""
    replies = drive(
        pack(ARCH),
        [
            "I'm designing a room booking system for my campus club: 500 members, about 50 "
            "bookings a day, and nobody should double-book a room.",
            "I could use one Postgres table with a unique constraint, or a Google Sheet.",
            "The constraint is safer; the sheet is easier for the officers to edit.",
        ],
    )
    assert "That covers requirements and constraints in numbers" in replies[0]
    assert "What are the numbers" not in replies[0]
    assert "That covers at least two real options" in replies[1]
    assert "That covers trade-offs weighed against the requirements" in replies[2]
    assert "the price of the choice" not in replies[2]


def test_the_sales_coach_never_asks_for_what_it_just_said_was_covered() -> None:
    """An audit: "What's missing: say which stage this is" beside "That covers the
    opportunity and its stage", and a "booking app" read as a booked next step."""
    replies = drive(
        pack(SALES),
        [
            "I'm selling a booking app to dental clinics. One clinic group with 12 offices had "
            "a demo last week and liked it.",
            "Their front desk spends about 6 hours a week on no-show calls, and each no-show "
            "costs them roughly $200.",
            "The office manager loves it but the owner, Dr. Patel, signs anything over $5k.",
        ],
    )
    assert "That covers the opportunity and its stage." in replies[0]
    assert "a dated next step" not in replies[0]
    for reply in replies[:2]:
        assert "say which stage this is" not in reply
    assert "That covers the decision process and the economic buyer" in replies[2]
    unmet = drive(pack(SALES), ["The ops director loves the demo but I haven't met whoever signs."])
    assert "the decision process" not in unmet[0]


def test_the_onboarding_coach_builds_the_week_from_a_students_plain_words() -> None:
    """An audit: "a small ticket like fixing a column name … by Thursday" was praised as
    "progress, not just plans" and left out of the week; "I will meet her Monday at 10" was
    told it lacked a pace."""
    replies = drive(
        pack(ONBOARDING),
        [
            "I start Monday as a junior data engineer. I know SQL; Airflow and dbt are new.",
            "I'll know my setup works when I can run the dbt models locally and the tests pass.",
            "I want to trace how a lab result gets from the source system into the dashboard.",
            "Code goes from a branch to a PR, one review, then CI deploys to staging.",
            "Maybe a small ticket like fixing a column name in a dbt model by Thursday.",
            "My buddy is Priya, I will meet her Monday at 10.",
        ],
    )
    assert "Thu: a small first task to ship" in replies[4]
    assert "not just plans" not in " ".join(replies)
    assert "What's missing: a pace" not in replies[5]
    assert "Here is your first week: Mon" in replies[5]


def test_the_communication_coach_rehearses_an_ask_with_the_person_who_decides() -> None:
    """An audit: "ask my manager for days off" was rehearsed as a customer's late refund,
    then as Sam, a teammate whose part slid; the learner's manager decides, so the coach
    plays the manager hearing the ask."""
    replies = drive(
        pack(COMMS),
        [
            "I need to ask my manager for three days off during finals week.",
            "let's practise",
            "Thanks for the time. Could I take December 14-16 off for my finals?",
        ],
    )
    assert "I'll play your manager" in replies[1]
    assert "Your manager (role-play): “Sure, I have a few minutes." in replies[1]
    assert "Maria" not in " ".join(replies) and "Sam" not in " ".join(replies)
    assert "Your manager (role-play): “Hmm, that's not great timing" in replies[2]


def test_the_coach_plays_whom_the_learner_casts_it_as() -> None:
    """An audit: "can we role play? you be the dealership marketing manager" got the logistics
    VP; "you be my roommate" inside the running scene was critiqued as a line to the other
    side."""
    sales = drive(pack(SALES), ["can we role play? you be the dealership marketing manager"])
    assert "I'll play Dana Reyes, the dealership marketing manager," in sales[0]
    comms = drive(
        pack(COMMS),
        ["my roommate keeps eating my food", "lets role play it", "ok you be my roommate"],
    )
    assert "Your roommate (role-play)" in comms[1]
    assert comms[2].startswith("We're already in the role-play: answer it in your own words.")
    assert comms[2].endswith(comms[1][comms[1].index("Your roommate (role-play)") :])
    professor = drive(pack(COMMS), ["can we practice? you be my professor"])
    assert "Your professor (role-play)" in professor[0]


def test_a_sentence_saying_the_learner_does_not_know_covers_nothing() -> None:
    """An audit: "idk who actually approves it tbh. maybe the owner?" got "That covers the
    decision process and the economic buyer"."""
    unsure = drive(pack(SALES), ["idk who actually approves it tbh. maybe the owner?"])
    assert "That covers" not in unsure[0]
    sure = drive(pack(SALES), ["The owner, Dr. Patel, approves anything over $5k."])
    assert "the decision process and the economic buyer" in sure[0]


# an extension asked of a professor, in the role-play, then a question to the coach
EXTENSION = [
    "I need to ask my professor for an extension",
    "lets practise",
    "Could I have three more days for my paper?",
    "should i tell the professor about my other deadlines?",
]


def test_a_question_to_the_coach_inside_a_role_play_steps_out_of_it() -> None:
    """An audit: "should i tell the professor?" got a critique of the line and the other
    side's next line; a line to the other side ("Could I have three more days?") is still one."""
    replies = drive(pack(COMMS), EXTENSION)
    assert "Your professor (role-play): “Hmm, that's not great timing" in replies[2]
    assert replies[3].startswith("Stepping out of the role-play:")
    assert "You said" not in replies[3]
    # the scene waits: the line still owed is said again, not the next one
    assert replies[3].count("(role-play)") == 1
    assert replies[3].endswith(
        "Your professor (role-play): “Hmm, that's not great timing. Why now?”"
    )


def test_stopping_is_a_wrap_up_and_a_second_question_in_a_role_play_gets_no_repeat() -> None:
    """A re-audit: "ok can we stop, i think i got it" got "Congratulations on the win!", and
    a second question to the coach inside the scene got the same stock lines again."""
    stop = drive(pack(SALES), ["ok can we stop, i think i got it"])
    assert stop[0].startswith("Wrap-up:") and "Congratulations" not in stop[0]
    replies = drive(pack(COMMS), [*EXTENSION, "should i bring my draft?"])
    assert "here is what works at this point" in replies[3]
    assert replies[4].startswith("Stepping out of the role-play:")
    assert "here is what works at this point" not in replies[4]


def test_after_the_offer_a_longer_ok_is_an_answer_and_offers_are_not_repeated() -> None:
    """An audit: "ok. honestly I'm not sure our 3 engineers can run SQS…" after "harder or
    wrap up?" started the wallet scenario; "Say harder or wrap up" came 3-4 rounds running."""
    memory = CoachMemory(covered=["stage", "pain", "decision", "value", "objection", "close"])
    out, memory = turn("The next step is a pilot on Friday the 14th.", SALES, memory)
    assert "harder scenario" in out
    out, memory = turn("ok. honestly I'm not sure the CFO will sign this quarter", SALES, memory)
    assert "(role-play)" not in out and "Harder one" not in out
    replies = [out]
    for text in ["fair enough", "I think so", "yeah maybe"]:
        out, memory = turn(text, SALES, memory)
        replies.append(out)
    assert sum("Say “harder”" in r for r in replies) <= 1


def test_a_repo_got_running_is_a_working_environment() -> None:
    """A run-through: "i got the repo running yesterday" left Monday's working environment
    open, and the plan quoted a later line for it."""
    replies = drive(
        pack(ONBOARDING),
        ["i just joined as a backend dev, python and django", "i got the repo running yesterday"],
    )
    assert "Your first-week plan so far — Mon: a working dev environment." in replies[1]


def test_what_to_practise_next_once_everything_is_covered_is_answered_not_scored() -> None:
    """An audit: "thanks, what should I practise next?" at the end of a session got "That
    one's beyond what I can answer well here" and 2/10."""
    done = CoachMemory(covered=[i.id for i in pack(SALES).checklist], scenes_done=["price"])
    out, memory = turn("thanks, what should I practise next?", SALES, done)
    assert "beyond what I can answer" not in out
    assert "You've covered every step of this one" in out and "harder" in out
    out, memory = turn("harder", SALES, memory)
    assert out.startswith("Harder one. I'll play Sam Okafor, the CFO")
    every = CoachMemory(covered=[i.id for i in pack(SALES).checklist], scenes_done=["price", "cfo"])
    out, _ = turn("what should i practice next?", SALES, every)
    assert "End session for your report card" in out
    assert unscored_reason("thanks, what should I practise next?") == ASKING


def test_a_ticket_named_by_its_key_is_the_first_task() -> None:
    """An audit: "PAY-231, the retry-limit bug…, deploys Thursday" was not read as a first
    task, and the mentor asked "What is the smallest change…?" and parked it as still open."""
    replies = drive(
        pack(ONBOARDING),
        [
            "I just joined the payments team as a backend engineer, five years of Java.",
            "I'm picking up PAY-231, the retry-limit bug; it goes through review and deploys "
            "Thursday.",
        ],
    )
    assert "Thu: a small first task to ship" in replies[-1]
