"""The offline coach's feedback on the learner's words: a statement is quoted and critiqued
against the persona's dimensions, a common mistake is named, the gap pointed out rotates,
and a one-word or empty message is asked for more instead of quoted."""

from __future__ import annotations

import re

import pytest

from coach.offline_coach import CoachMemory, compose_reply
from coach.offline_coach.feedback import made
from coach.red_flags import harm_flag
from tests.unit.offline_coach_cases import (
    ARCH,
    COMMS,
    MESSAGE,
    ONBOARDING,
    PHYSIO_SESSION,
    SALES,
    SCHOLARSHIP,
    drive,
    pack,
    reply,
    turn,
)
from tests.unit.rubric_cases import HARMFUL

# --- quoting and critique -----------------------------------------------------------------


def test_a_statement_is_quoted_and_critiqued_against_the_personas_dimensions() -> None:
    out = reply(MESSAGE)
    assert out.startswith("You said: “A customer shouted at me on the phone because her refund")
    assert "What works: you acknowledged how the customer feels." in out
    assert "That covers the situation and what made it hard." in out
    # telling what happened is not critiqued as handling it: no gap yet (an audit: "my
    # manager chewed me out" got "What's missing: an acknowledgement of your manager's
    # experience"); the learner's next answer gets one
    assert "What's missing" not in out
    later = reply("I'd tell her I'm sorry and that I'll sort it today.", round_number=2)
    assert "What's missing: how you'll lower the temperature" in later


def test_a_step_covered_this_session_is_not_named_as_missing_later() -> None:
    # an audit: "That covers at least two real options", then next round "What's missing:
    # a second option to compare against"
    first, memory = turn(
        "Option one is a modular monolith on Postgres; option two is services over a queue.",
        ARCH,
    )
    assert "That covers at least two real options" in first
    later, _ = turn(
        "I'd choose the monolith because our team of four knows Postgres well.",
        ARCH,
        memory,
        round_number=2,
    )
    assert "second option" not in later


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


STUDY_APP = [  # an audit's student, as typed
    "its a study group matching app for my uni, students put in their courses and free times",
    "maybe like 2000 users at most? its for a class project but we might actually launch it",
    "should i use firebase or postgres??",
    "i was thinking postgres bc the matching needs joins across courses and schedules",
    "the matching can run as a nightly batch job, it doesnt need to be realtime",
    "not sure what you mean by failure modes",
    "if the batch job crashes students just dont get matched that night, we could rerun it",
    "were 3 people and none of us has done devops",
    "Decision: postgres on a managed host, matching as a nightly cron job. Tradeoff: no "
    "realtime matches, but simple to run for 3 students",
]


def test_each_gap_is_said_once_a_session_and_bc_is_a_because() -> None:
    """An audit: "What's missing: the 'because'" five times in one session, the first right
    after "postgres bc the matching needs joins"."""
    replies = drive(pack(ARCH), STUDY_APP)
    gaps = [m for r in replies for m in re.findall(r"What's missing: [^.]+", r)]
    assert len(gaps) == len(set(gaps))
    assert "What's missing: the 'because'" not in replies[3]
    assert "you gave a reason" in replies[3]


def test_not_sure_what_a_step_means_gets_that_step_explained_and_covers_nothing() -> None:
    replies = drive(pack(ARCH), STUDY_APP[:6])
    assert replies[5].startswith("Good question. I mean failure modes and edge cases.")
    assert "That covers failure modes" not in replies[5]


def test_a_one_word_answer_is_asked_for_more_not_quoted() -> None:
    out = reply("ok")
    assert out.startswith("Say a little more") and "You said" not in out
    assert out.endswith("?")


def test_an_empty_message_still_gets_a_question() -> None:
    out = reply("   ")
    assert out.startswith("Tell me where you are") and out.endswith("?")


def test_a_date_is_praised_as_working_to_the_deadline() -> None:
    assert "working to the deadline" in reply(
        "The Lopez essay closes on 3/15, so I have 12 days.", domain_id=SCHOLARSHIP
    )


@pytest.mark.parametrize(
    ("text", "warning"),
    [
        ("I'd tell him to calm down.", "Watch out:"),
        # a status said to end the call is a lie, not only a weak habit
        ("I'd just tell her it shipped so she calms down.", "Stop there:"),
    ],
)
def test_calming_by_telling_or_placating_is_not_praised_as_de_escalation(
    text: str, warning: str
) -> None:
    """Saying 'calm down', or a convenient story, are what the pack warns against: the coach says
    so, and does not also praise them as lowering the temperature."""
    out = reply(text, domain_id=COMMS)
    assert warning in out
    assert "lowering the temperature" not in out and "covers de-escalation" not in out


FLAGGED = [
    (domain, text)
    for domain, texts in HARMFUL.items()
    for text in texts
    if harm_flag(text, domain) is not None
]


@pytest.mark.parametrize(("domain_id", "text"), FLAGGED)
def test_a_harmful_answer_is_warned_against_not_praised_or_counted(
    domain_id: str, text: str
) -> None:
    """The scorer caps these at 3; the coach said "What works: …" about some of them and
    ticked them off its checklist. It now says what is wrong, in the scorer's words."""
    out, memory = turn(text, domain_id)
    assert "Stop there:" in out
    assert "What works" not in out and "That covers" not in out
    assert memory.covered == []


def test_a_harmful_line_in_a_role_play_is_not_a_moment_handled() -> None:
    opening, memory = turn("Let's practise.", COMMS)
    assert "(role-play)" in opening
    out, memory = turn(
        "I'd hang up on her and ignore her emails until she gives up on the refund.",
        COMMS,
        memory,
        round_number=2,
    )
    assert "Stop there:" in out and memory.beat == 0 and memory.pressed


def test_a_past_signature_is_not_cheered_as_a_win() -> None:
    out = reply("They signed a 3-year term in 2024 and now they want out early.", domain_id=SALES)
    assert "Congratulations" not in out
    assert reply("They signed the contract today!", domain_id=SALES).startswith("Congratulations")


def test_praise_follows_the_step_covered_and_is_not_the_same_every_round() -> None:
    """An audit of capable students: "What works: you anchored it in numbers and
    requirements" came every round of a design session, for an ADR or a failure plan, set off
    by any digit ("S3", "3 tries")."""
    replies = drive(
        pack(ARCH),
        [*PHYSIO_SESSION[:2], *PHYSIO_SESSION[3:]],  # no trade-offs round
    )
    anchored = [r for r in replies if "anchored it in numbers" in r]
    assert len(anchored) == 1, replies
    assert "What works: you gave a reason someone could check later" in replies[3]


@pytest.mark.parametrize(
    "question",
    ["For my capstone, is Kafka overkill?", "Is Redis worth adding for a capstone this size?"],
)
def test_a_short_cue_is_a_whole_word(question: str) -> None:
    """An audit: "capstone" got the CAP theorem's answer ("cap" matched a word's start)."""
    assert "CAP only bites" not in drive(pack(ARCH), [question])[0]
    assert "CAP only bites" in drive(pack(ARCH), ["Where do I land on CAP here?"])[0]


@pytest.mark.parametrize(
    "line",
    [
        "she says: i didnt mean anything by it, we're a team",
        "he'll probably say it was a team effort",
        'then my coworker says "relax, it\'s not a big deal"',
    ],
)
def test_the_other_sides_line_is_asked_to_be_answered_not_critiqued(line: str) -> None:
    """A run-through: the coworker's reported line was praised as "it's clear and specific"
    and critiqued as the learner's own words."""
    replies = drive(pack(COMMS), ["my coworker keeps taking credit for my work", line, "ok"])
    assert replies[1].startswith("So your coworker comes back with “")
    assert "You said" not in replies[1] and "What works" not in replies[1]
    assert replies[1].endswith("how would you answer, in the words you'd actually say?")
    # the story itself, and words of their own about what was said, are coached as before
    [story] = drive(pack(COMMS), [line])
    assert "comes back with" not in story
    told = drive(pack(COMMS), ["my coworker keeps taking credit", "she said that i was lazy"])
    assert "comes back with" not in told[1]


def test_the_prospects_line_is_asked_to_be_answered_in_the_learners_own_names() -> None:
    deal = "im selling scheduling software to a gym chain, the owner is skeptical"
    replies = drive(
        pack(SALES),
        [deal, "he'll probably say they already use spreadsheets", "the owner says: we tried it"],
    )
    assert replies[1].startswith("So they come back with “they already use spreadsheets”.")
    assert replies[2] == "So the owner comes back with “we tried it”. " + (
        "What would you say back, word for word?"
    )


def test_a_coworker_gets_a_coworkers_script_and_awkward_gets_an_answer() -> None:
    """A run-through: "what should i say to her?" about a coworker got the customer's script
    ("Three calls and still no refund"), and "im worried it will make things awkward" the
    answer about pace and volume on a stressful call."""
    coworker = drive(
        pack(COMMS),
        [
            "my coworker keeps taking credit for my work",
            "im worried it will make things awkward",
            "what should i say to her?",
        ],
    )
    assert coworker[1].startswith("A minute of awkward now beats months of quiet resentment")
    assert coworker[2].startswith("Three short parts, in this order: what happened, as facts")
    customer = drive(pack(COMMS), ["a customer yelled about a late refund", "what should i say?"])
    assert "Three calls and still no refund" in customer[1]


ROOMMATE = "my roommate never cleans and i want to practice talking to her"


def test_a_wish_to_practise_tells_the_situation_and_handles_nothing_yet() -> None:
    """A run-through: "my roommate never cleans and i want to practice talking to her" got a
    critique, not the role-play; started, the situation it told must count, and "handling
    price objections" named in the wish is not objections handled."""
    roommate = drive(
        pack(COMMS),
        ["my roommate never cleans and i want to practice talking to her", "how did i do?"],
    )
    assert roommate[0].startswith("Let's practise it. I'll play your roommate")
    assert "you've covered the situation and what made it hard" in roommate[1]
    wish = "big client call tomorrow and i want to practice handling price objections"
    sales = drive(pack(SALES), ["hi", wish, "how did i do?"])
    assert sales[1].startswith("Let's rehearse it.")
    assert "handling objections" in sales[2].split("Still open:")[1]


def test_a_schedule_with_days_is_specific() -> None:
    """A run-through: "could we make a schedule, like you do dishes mon-wed and i do thu-sat?"
    was told "What's missing: specifics — who does what, and by when"."""
    said = "I get that you're busy. could we make a schedule, like you do dishes mon-wed?"
    out = drive(pack(COMMS), [ROOMMATE, said])[1]
    assert "specifics" not in out and "the fix" not in out


def test_a_step_with_its_day_is_praised_and_a_quote_is_never_left_alone() -> None:
    """A run-through: "ill ask the ops director to intro me on thursday" got "You said: “…”."
    and nothing after it, every gap having been named once already."""
    coach_pack = pack(SALES)
    memory = CoachMemory(noted=list(coach_pack.dimensions))  # every gap named already
    dated, _ = compose_reply(
        "ill ask the ops director to intro me on thursday", pack=coach_pack, memory=memory
    )
    assert "What works: a step with its day on it, which I can hold you to." in dated
    bare, _ = compose_reply("we talked for a while about stuff", pack=coach_pack, memory=memory)
    assert bare.startswith("Got it: “we talked for a while about stuff”. ")
    assert "You said" not in bare


def test_a_mistake_turned_down_is_not_warned_of() -> None:
    """A run-through: "i think monolith, because we're 3 people and cant run kubernetes" was
    told to "count the operational cost" of the Kubernetes it had ruled out for that very
    reason; it is a decision with its rationale."""
    text = "i think monolith, because we're 3 people and cant run kubernetes"
    out, memory = compose_reply(text, pack=pack(ARCH))
    assert "Watch out" not in out and "decision" in memory.covered
    assert not made(["kubernetes"], text) and not made(["discount"], "no discount, ever")
    assert made(["kubernetes"], "we'll put it all on kubernetes from day one")


def test_blaming_the_kitchen_is_blaming_another_team() -> None:
    """A run-through: "I said sorry and that the kitchen was slammed" passed with praise and
    no word on putting it on the kitchen."""
    _, out = drive(
        pack(COMMS),
        [
            "A customer yelled at me at my cafe job because their order was late.",
            "I said sorry and that the kitchen was slammed.",
        ],
    )
    assert "Watch out: blaming another team" in out


def test_a_strength_praised_already_gives_way_to_a_new_one_in_the_same_words() -> None:
    """A run-through: "I understand. I'll check why it was cancelled and call you back by 5
    today." was praised again for acknowledging the customer, the round after that praise,
    and not for the fix; then a missing step ending in a quotation mark read as "Got it"."""
    memory = CoachMemory(scene="upset", beat=1, praised=["empathy"], covered=["situation"])
    reply, memory = turn(
        "I understand. I'll check why it was cancelled and call you back by 5 today.",
        COMMS,
        memory,
    )
    assert "What works: you moved toward fixing the actual problem." in reply
    assert "acknowledged how" not in reply
    assert reply.startswith("You said:")  # the gap ends in a quotation mark: no "Got it"
    assert "What's missing: a calmer pace — short sentences, one thing at a time" in reply


def test_naming_the_objection_is_not_handling_it() -> None:
    """A run-through: "the owner thinks were too expensive" was told "What works: you're
    meeting the objection instead of dodging it" and "That covers … handling objections";
    then "im gonna tell him its worth it" covered "a value proposition in their numbers"."""
    replies = drive(
        pack(SALES),
        [
            "i have a demo with a gym chain next week, the owner thinks were too expensive",
            "im gonna tell him its worth it",
        ],
    )
    assert "meeting the objection" not in replies[0]
    assert "handling objections" not in replies[0]
    assert "value proposition" not in replies[1]
    assert "What's missing: a number" in replies[1]


def test_the_learners_own_frustration_is_not_empathy_for_the_other_side() -> None:
    """ "i feel frustrated when they pile up", said to a roommate, was praised as "you
    acknowledged how your roommate feels"."""
    memory = CoachMemory(scene="teammate", counterpart="your roommate", covered=["situation"])
    reply, _ = turn(
        "hey can we talk about the dishes? i feel frustrated when they pile up", COMMS, memory
    )
    assert "acknowledged how your roommate feels" not in reply
    said, _ = turn(
        "that must be so frustrating for you",
        COMMS,
        CoachMemory(scene="teammate", covered=["situation"]),
    )
    assert "What works: you acknowledged how" in said


def test_a_mistake_warned_of_again_is_said_short_and_as_the_same_one() -> None:
    """An audit: "Watch out: enthusiasm isn't commitment — what did they agree to do, and by
    when?" came back word for word two rounds later."""
    said = drive(
        pack(SALES),
        [
            "I sell CRM seats to small gyms.",
            "they seemed interested and liked the demo",
            "they liked the demo so they will probably buy",
        ],
    )
    assert "Watch out: enthusiasm isn't commitment — what did they agree to do" in said[1]
    assert "Watch out, as before: enthusiasm isn't commitment." in said[2]
    assert "what did they agree to do" not in said[2].split("as before")[1][:60]


def test_a_guess_with_a_question_mark_is_not_praised_as_curiosity() -> None:
    """An audit: "i guess github access and slack?" got "What works: you're asking why, not
    just how"."""
    out = drive(
        pack(ONBOARDING), ["I start monday as a junior dev.", "i guess github access and slack?"]
    )
    assert "asking why" not in out[1]
