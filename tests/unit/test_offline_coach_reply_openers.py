"""The offline coach's moves about the session itself (coach/offline_coach/reply_openers.py):
"what do you mean?" explains the step just asked about, frustration gets a simpler
explanation, a hint inside a role-play, an incident happening now, wrapping up, and "how did I
do?" (a student's audit, 2026-12-02)."""

from __future__ import annotations

import pytest

from coach.learner_intents import unscored_reason
from coach.offline_coach import CoachMemory, compose_reply
from tests.unit.offline_coach_cases import (
    ARCH,
    COMMS,
    ONBOARDING,
    SALES,
    SCHOLARSHIP,
    drive,
    make_plan,
    pack,
    questions_in,
    reply,
)

OPENINGS = {
    SALES: "I'm pitching a lunch-ordering app to a dental clinic owner, Priya, next week.",
    ARCH: "We're building the backend for a class app, about 200 students.",
    COMMS: "My roommate keeps leaving dishes everywhere and it's getting tense.",
    ONBOARDING: "I start a part-time job at the library circulation desk on Monday.",
    SCHOLARSHIP: "I have a scholarship essay due Friday and I work 25 hours a week.",
}


@pytest.mark.parametrize("domain_id", sorted(OPENINGS))
def test_what_do_you_mean_explains_the_step_just_asked_about_and_covers_nothing(
    domain_id: str,
) -> None:
    _, memory = compose_reply(OPENINGS[domain_id], pack=pack(domain_id))
    asked = pack(domain_id).item(memory.asked[-1].split(".")[0]) if memory.asked else None
    covered = list(memory.covered)
    out, memory = compose_reply(
        "what do you mean by that? can you give me an example?",
        pack=pack(domain_id),
        memory=memory,
        round_number=2,
    )
    if memory.scene is not None:  # in a role-play or a design probe: the line to try
        assert out.startswith("Coach's hint:") and "You said" not in out
        return
    assert out.startswith("Good question.")
    if asked is not None:
        assert f"I mean {asked.label}" in out
    assert "What works" not in out and "What's missing" not in out  # not critiqued
    assert memory.covered == covered  # asking what a step means is not doing it
    assert not questions_in(out)  # the question stands; nothing new is asked

    again, memory = compose_reply(
        "what do you mean?", pack=pack(domain_id), memory=memory, round_number=3
    )
    if asked is not None:  # explained once: the coach moves on rather than repeat itself
        assert f"Let's leave {asked.label} for now" in again
        assert asked.id in memory.parked


@pytest.mark.parametrize(
    "text",
    [
        "this is pointless, you're not listening",
        "ugh you keep asking me the same stuff",
        "honestly im kind of lost now",
    ],
)
def test_frustration_gets_a_simpler_explanation_not_a_critique(text: str) -> None:
    _, memory = compose_reply(OPENINGS[SALES], pack=pack(SALES))
    out, _ = compose_reply(text, pack=pack(SALES), memory=memory, round_number=2)
    assert out.startswith("Fair enough, that's on me")
    assert "You said" not in out and "What works" not in out


def test_asking_for_an_example_inside_a_role_play_gets_the_coachs_hint() -> None:
    memory = CoachMemory(scene="refund")
    out, _ = compose_reply("can you give me an example?", pack=pack(COMMS), memory=memory)
    assert out.startswith("Coach's hint:") and "You said" not in out


def test_an_incident_happening_now_gets_its_first_steps_not_a_critique() -> None:
    """An audit: "I just pushed a drop table on prod" got prevention advice, a red flag and
    the next onboarding question; "I think I deleted the users table in production" got
    "What's missing: the technical detail". The coach gives the steps in order, waits while
    it is handled, and then asks what would have caught it."""
    replies = drive(
        pack(ONBOARDING),
        [
            "oh no i think i deleted the users table in production what do i do",
            "my lead isnt answering",
            "ok she answered",
            "ok it's fixed now, my lead restored it",
        ],
    )
    assert replies[0].startswith("That's an incident, and it's happening now")
    assert "1) Stop: run nothing else" in replies[0] and "What's missing" not in replies[0]
    assert "Stop there" not in replies[0]  # a confession, not a proposal: no red flag
    assert replies[1].startswith("Keep to the list. If your lead doesn't answer")
    assert replies[2] == "Follow your lead on it, and tell me when it's handled."
    assert replies[3].startswith("Good, I'm glad it's handled")
    assert "what one check would have caught it" in replies[3]
    story = drive(pack(ARCH), ["once I dropped a table in prod, since then I back up first"])
    assert "incident" not in story[0]


def test_after_an_incident_the_coach_helps_with_the_message_and_lets_the_learner_go_on() -> None:
    """A re-audit: after an incident every next message ("can we just continue?", "what
    should I write to my lead?", "hmm") got "Follow your lead on it" again, forever."""
    drop = "i just dropped the orders table on prod"
    told = drive(pack(ONBOARDING), [drop, "what should I write in the message to my lead?"])
    assert told[1].startswith("Three lines, sent now: what happened")
    moved = drive(pack(ONBOARDING), [drop, "can we just continue?"])
    assert moved[1].startswith("Okay, back to it.") and moved[1].endswith("?")
    waiting = drive(pack(ONBOARDING), [drop, "hmm", "hmm", "hmm"])
    assert waiting[1].startswith("Keep to the list")
    assert waiting[2] == "Follow your lead on it, and tell me when it's handled."
    assert "Follow your lead" not in waiting[3] and "Keep to the list" not in waiting[3]


def test_enough_for_today_is_a_wrap_up_not_another_question() -> None:
    out = reply("thanks, that's enough for today", round_number=4, domain_id=ARCH)
    assert out.startswith("Wrap-up:")
    assert unscored_reason("thanks, that's enough for today") == "wrapping up, not an answer"


def test_how_did_i_do_says_what_is_covered_and_keeps_the_role_play() -> None:
    """A run-through: asked mid-scene, the client answered it ("That's exactly what the last
    person said") and the question was scored 4."""
    out = drive(
        pack(COMMS),
        [
            "A client emailed in all caps because her invoice was double-charged again.",
            "can we practise it? you be her",
            "I get it, and you're right to be angry. The refund goes out today, and I'll call "
            "you Friday at 10 to confirm.",
            "how did I do overall?",
        ],
    )
    assert "What works: you acknowledged how" in out[2]
    assert out[3].startswith("Stepping out of the role-play: so far you've covered")
    assert "an empathy statement" in out[3].split("Still open")[0]
    assert "back to the role-play, in your own words. The client (role-play): “" in out[3]
    assert reply("how am I doing?", round_number=3, domain_id=ARCH).startswith("So far")


def test_im_done_as_the_whole_message_wraps_up() -> None:
    """A run-through: "ok i think im done" was critiqued for the numbers it lacked."""
    reply = drive(pack(ARCH), ["i have a new project: a url shortener", "ok i think im done"])[1]
    assert reply.startswith("Wrap-up:")
    news = drive(pack(ARCH), ["i have a new project: a url shortener", "im done with the diagram"])
    assert not news[1].startswith("Wrap-up:")


def test_a_greeting_to_the_communication_coach_asks_for_the_conversation() -> None:
    """A run-through: "hi" got "What did the customer actually need…" before any customer, or
    anyone else, had been named."""
    said = drive(pack(COMMS), ["hi"])[0]
    assert said == "Hi! Tell me about the conversation: who was it with, and what made it hard?"


def test_news_of_an_untracked_scholarship_promises_no_confirmation() -> None:
    """A browser audit: "i submitted the gates one" (not tracked) got "The status will be
    recorded once you confirm it…", and the line under it said nothing was recorded."""
    [untracked] = drive(pack(SCHOLARSHIP), ["i submitted the gates one"], plan=make_plan())
    assert untracked.startswith("Congratulations on submitting — that's real follow-through!")
    assert "confirm" not in untracked and "three weeks on" not in untracked
    [won] = drive(pack(SCHOLARSHIP), ["i won the gates scholarship!!"], plan=make_plan())
    assert won.startswith("Congratulations — you earned this!") and "confirm" not in won
    [tracked] = drive(pack(SCHOLARSHIP), ["i submitted the sunrise one"], plan=make_plan())
    assert "recorded once you confirm it" in tracked
    # already marked submitted: the chat's line says nothing new was recorded, so the reply
    # promises no confirmation either (a keyboard audit got both in one reply)
    [again] = drive(pack(SCHOLARSHIP), ["I submitted the River City one!"], plan=make_plan())
    assert again.startswith("Congratulations on submitting") and "confirm" not in again


def test_a_laugh_and_a_recommenders_no_are_answered_in_the_scholarship_coach() -> None:
    """A browser audit: "lol" after "i feel like giving up" got "That's outside scholarship
    coaching", and "what if he says no?" (of a recommender) was beyond the coach."""
    _, laugh = drive(pack(SCHOLARSHIP), ["i feel like giving up", "lol"])
    assert "outside scholarship coaching" not in laugh
    assert unscored_reason("lol") is not None
    _, no = drive(
        pack(SCHOLARSHIP), ["my teacher said she would write my letter", "what if he says no?"]
    )
    assert no.startswith("Then you've lost a day, not the letter")


def test_what_mean_asked_as_a_learner_new_to_english_asks_it_is_a_question() -> None:
    """An audit: "sorry what mean economic buyer?" scored 3/10, "what mean 'map of the
    codebase'?" 2/10 ("That repeats the coach's question"): questions about a term."""
    for text, domain_id, answered in (
        ("sorry what mean economic buyer?", SALES, "Ask the economic buyer about outcomes"),
        ("what mean 'map of the codebase'?", ONBOARDING, "Start from the entry points"),
    ):
        assert unscored_reason(text) == "a question to the coach, not an answer"
        assert reply(text, domain_id=domain_id).startswith(answered)


def test_i_already_named_it_is_a_remark_to_the_coach() -> None:
    """An audit: "I already named it, it's the Hometown one. Why are you asking again?" got
    "That one's beyond what I can answer well here" and 4/10."""
    assert unscored_reason("I already named it, it's the Hometown one. Why are you asking again?")


def test_a_correction_of_whom_they_face_is_taken_said_sorry_for_and_not_scored() -> None:
    """An audit: "she's not a customer, she's my roommate" scored 2/10, and the coach went on
    about "the work customer"."""
    texts = [
        "A customer yelled at me about a late refund.",
        "she's not a customer, she's my roommate",
    ]
    fixed = drive(pack(COMMS), texts)[1]
    assert fixed.startswith("Sorry, I had that wrong: your roommate, then. ")
    assert "customer" not in fixed.removeprefix("Sorry, I had that wrong")
    assert "You said" not in fixed and "What's missing" not in fixed
    assert unscored_reason(texts[1]) == "a correction to the coach, not an answer"


def test_you_didnt_answer_my_question_is_answered_or_asked_again() -> None:
    """An audit: "you didn't answer my questions" scored 2/10 and got the checklist question
    again; asked four times, "what went wrong on the call?" was never answered."""
    said = "you didnt answer my question"
    assert unscored_reason(said) == "a question to the coach, not an answer"
    skipped, _ = compose_reply(
        said, pack=pack(SALES), memory=CoachMemory(last_said="how do i handle the price objection?")
    )
    assert skipped.startswith("Sorry, I skipped that. Don't defend the price first.")
    missed, _ = compose_reply(said, pack=pack(SALES), memory=CoachMemory(last_said="ok"))
    assert missed.startswith("Sorry, I missed your question. Ask it again in one line")


def test_what_i_must_asked_without_its_do_is_a_question() -> None:
    """An audit: "what i must write for the essay?" got a good answer and 5/10."""
    for asked in ("what i must write for the essay?", "what i should do next?"):
        assert unscored_reason(asked) == "a question to the coach, not an answer", asked
    assert unscored_reason("what i need to do is call them tuesday at 4") is None


def test_a_correction_is_taken_when_the_coach_had_only_its_own_word_for_them() -> None:
    """A re-audit: after a pasted email the coach's "the customer" was its own default, and
    "she's not a customer, she's my roommate" got no sorry and more "the customer"."""
    texts = [
        "Hi Sam, thanks for waiting, the delay was on our side and your order ships Friday.",
        "she's not a customer, she's my roommate",
    ]
    fixed = drive(pack(COMMS), texts)[1]
    assert fixed.startswith("Sorry, I had that wrong: your roommate, then.")
    assert "customer" not in fixed.removeprefix("Sorry, I had that wrong")


def test_a_term_the_coach_never_used_is_not_given_an_invented_meaning() -> None:
    """A re-audit: "what mean pipeline hygiene?" got "Good question. I mean the opportunity
    and its stage…", a term the coach had never used."""
    out = drive(pack(SALES), ["I sell CRM seats to small gyms.", "what mean pipeline hygiene?"])[1]
    assert out.startswith("“pipeline hygiene” isn't in my playbook, so I won't guess")
    assert "I mean" not in out
    # a word of the coach's own step is still explained as the step
    assert drive(pack(ARCH), ["I am building a booking app.", "what do you mean?"])[1].startswith(
        "Good question. I mean"
    )


@pytest.mark.parametrize("picked", ["working on one", "just getting started", "I'm working on one"])
def test_an_option_picked_from_the_opening_is_where_they_stand(picked: str) -> None:
    """An audit: "working on one", to the scholarship coach's opening "…working on one, or
    just getting started?", got "What's missing: the date" and 1/10."""
    opening = (
        "Hi! I'm your scholarship coach, and I work from your game plan. Where are you with "
        "scholarships right now: working on one, or just getting started?"
    )
    out, memory = compose_reply(
        picked, pack=pack(SCHOLARSHIP), plan=make_plan(), plan_aware=True, question=opening
    )
    assert out.startswith("Thanks, that helps. ") and out.endswith("?"), out
    assert memory.context  # the graph records it unscored, as where they stand
    later, _ = compose_reply(
        picked, pack=pack(SCHOLARSHIP), round_number=4, plan=make_plan(), plan_aware=True
    )
    assert not later.startswith("Thanks, that helps.")


@pytest.mark.parametrize("said", ["hi", "Hi!", "scholarships"])
def test_a_greeting_or_a_word_of_the_opening_is_no_option_picked(said: str) -> None:
    """A recheck: "hi", first to the scholarship coach (whose opening starts "Hi!"), got
    "Thanks, that helps."."""
    opening = (
        "Hi! I'm your scholarship coach, and I work from your game plan. Where are you with "
        "scholarships right now: working on one, or just getting started?"
    )
    out, memory = compose_reply(
        said, pack=pack(SCHOLARSHIP), plan=make_plan(), plan_aware=True, question=opening
    )
    assert not out.startswith("Thanks, that helps.") and not memory.context, out


def test_a_nod_unscored_is_not_critiqued_either() -> None:
    """A recheck: "I think so" was unscored but answered "You said: “I think so”. What's
    missing: numbers…"."""
    for domain_id in (SALES, ARCH, COMMS, ONBOARDING):
        out, _ = compose_reply("I think so", pack=pack(domain_id), round_number=3)
        assert "You said" not in out and "What's missing" not in out, (domain_id, out)
