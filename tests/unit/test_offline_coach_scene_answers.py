"""The other side of a role-play answers what it is asked, in its time: a discovery
question before its next line, a close that is no discovery, an answer waiting for its beat,
a moment not asked for twice; and a line that caves handles nothing."""

from __future__ import annotations

from coach.offline_coach import CoachMemory
from tests.unit.offline_coach_cases import COMMS, SALES, drive, pack, turn


def test_the_prospect_answers_a_discovery_question_before_its_next_line() -> None:
    """A run-through: "what are you using today?" to the price push-back got the prospect's
    next scripted objection, as if unheard, and "What's missing: the process" beside it."""
    replies = drive(
        pack(SALES),
        [
            "can we role play a price objection?",
            "what are you using today?",
            "how much time does your team lose to it each month?",
            "what are you using today?",  # asked again: answered once a scene
        ],
    )
    assert "Why would I pay more?" in replies[0]
    assert "a real question. Now you know how they work today" in replies[1]
    assert "What's missing" not in replies[1]
    assert "“Today it's the cheaper tool plus spreadsheets" in replies[1]
    assert replies[1].endswith("Even if it's worth it, the budget for this quarter is gone.”")
    assert "My team loses a couple of days a month to it" in replies[2]
    assert "Today it's the cheaper tool" not in replies[3]


def test_a_close_put_as_a_question_is_not_answered_as_discovery() -> None:
    """ "if you want to be live by september, can we start redlines this week?" asks for a
    step: the date is the learner's own, not something the CFO is asked to tell."""
    memory = CoachMemory(scene="cfo", beat=2)
    reply, memory = turn(
        "ok if you want to be live by september, can we start redlines this week?", SALES, memory
    )
    assert "now you know" not in reply and "We want it live by September" not in reply
    assert memory.scene is None and memory.told == []  # the scene ended: its answers with it


def test_an_answer_waits_for_the_beat_it_fits() -> None:
    """The CFO tells what the competitor's 25% covers only once the 25% has been said."""
    early, memory = turn("what exactly does their offer include?", SALES, CoachMemory(scene="cfo"))
    assert "onboarding isn't included" not in early
    memory = CoachMemory(scene="cfo", beat=1)
    later, memory = turn("what exactly does their offer include?", SALES, memory)
    assert "“Their 25% is on a one-year term, and onboarding isn't included." in later


def test_what_is_missing_from_a_line_is_a_move_in_the_conversation() -> None:
    """ "What's missing: the process — say which stage this is" was said of a line to the CFO:
    advice for the coach's questions, not for what to say across the table."""
    reply, _ = turn("we are better", SALES, CoachMemory(scene="cfo"))
    assert "which stage" not in reply
    assert "What's missing: a next step they agree to — a call, a date, and who joins." in reply
    outside, _ = turn("we are better", SALES, CoachMemory())
    assert "What's missing: the process — say which stage this is" in outside


def test_the_customer_answers_what_she_is_asked_and_the_answer_is_not_the_next_line() -> None:
    replies = drive(
        pack(COMMS),
        [
            "I need to practise a customer whose refund is two weeks late",
            "yes",
            "I'm so sorry, can you give me your order number?",
        ],
    )
    # the apology praised too, and the question quoted
    assert replies[2].startswith(
        "You asked: “can you give me your order number”. What works: you acknowledged how "
        "the customer feels, then asked a real question. Now you know her order and how "
        "long she's waited: use it in your next line."
    )
    assert "Customer (role-play): “Order 4471." in replies[2]
    assert "Last week I was told three to five days." in replies[2]  # her next line follows


def test_the_other_side_does_not_ask_for_what_it_was_just_told() -> None:
    """A run-through: "could i take friday off? my sister is graduating, it's a family
    thing" was answered "Hmm, that's not great timing. Why now?"."""
    replies = drive(
        pack(COMMS),
        [
            "i need to ask my boss for friday off",
            "ok lets practice",
            "could i take friday off? my sister is graduating, it's a family thing",
        ],
    )
    assert "Why now?" not in replies[2]
    assert "“And what happens to what you're responsible for in the meantime?”" in replies[2]
    # a threat still comes, whatever was promised before it
    maria = drive(
        pack(COMMS),
        [
            "A customer shouted at me because her refund was two weeks late.",
            "let's practise",
            "I'm sorry, three calls and still no refund, I'd be frustrated too.",
            "Let me check what happened; I'll call you by 4 pm today.",
        ],
    )
    assert "if it isn't sorted by Friday, I'm closing my account" in maria[3]


def test_a_cave_carrying_a_cue_is_no_moment_handled_and_gets_no_praise() -> None:
    """A role-play audit: "You're right, we're too expensive. I'll drop the price by 30%
    today" carried "today", was counted as one of the moments handled, and was praised as
    "you tied it to an outcome the buyer cares about"."""
    replies = drive(
        pack(SALES),
        [
            "I sell scheduling software to a dental group, the buyer says we are too expensive.",
            "let's practise",
            "You're right, we're too expensive. I'll drop the price by 30% today, no problem.",
            "OK I can just knock 30% off and send it today.",
        ],
    )
    cave, again = replies[2], replies[3]
    assert "What works" not in cave and "Watch out" in cave
    assert "Prospect (role-play): “You still haven't told me why it's worth it." in cave
    assert "Stepping out for a second — a stronger reply" in again  # missed, not handled
