"""Inside a running role-play or probe: "what do you mean?" gets the line in plain words and
the moment waits; a bare "thanks" answers no line; and every step out of the scene ends on
the line still owed, so the learner's next words are read (and scored) as said to it."""

from __future__ import annotations

import re

import pytest

from coach.answer_fit import in_role_play
from coach.learner_intents import unscored_reason
from coach.offline_coach import CoachMemory
from coach.packs import load_pack
from tests.unit.offline_coach_cases import ARCH, COMMS, SALES, drive, pack, turn
from tests.unit.rubric_cases import assess

PRICE = "Honestly, you're about 30% more than what we use now. Why would I pay more?"


@pytest.mark.parametrize(
    "asked", ["what do you mean?", "wdym", "huh?", "sorry what", "i dont get it"]
)
def test_what_do_you_mean_gets_the_line_in_plain_words_and_the_moment_waits(asked: str) -> None:
    """A run-through: "what do you mean" to the prospect scored 5 and got the next objection;
    to the upset customer it scored 2, "What's missing: an acknowledgement…"."""
    out, memory = turn(asked, SALES, CoachMemory(scene="price"))
    assert out == (
        "Prospect (role-play): “I mean your price. We pay about 30% less today, so what do we "
        "get for the extra?”"
    )
    assert memory.beat == 0 and not memory.pressed and "You said" not in out

    again, memory = turn("what do you mean", SALES, memory)
    assert again.startswith("Coach's hint: acknowledge and ask before you defend")
    assert again.endswith("so what do we get for the extra?”")  # still the line owed
    assert memory.beat == 0 and memory.pressed


def test_a_question_about_the_line_is_still_a_line_to_the_other_side() -> None:
    out, memory = turn("what do you mean by too expensive?", SALES, CoachMemory(scene="price"))
    assert "I mean your price" not in out
    assert memory.beat == 1 or memory.pressed  # the scene answered it as a line


def test_a_probe_is_put_another_way_by_the_coach() -> None:
    out, memory = turn("what do you mean", ARCH, CoachMemory(scene="notify"))
    assert out.startswith("Put another way: does the order service call the SMS and push")
    assert memory.beat == 0 and not memory.pressed


def test_every_line_of_every_scene_has_its_plain_words() -> None:
    for domain_id in (SALES, COMMS, ARCH, "onboarding_mentor"):
        coach_pack = load_pack(domain_id)
        assert coach_pack is not None
        for situation in coach_pack.situations:
            for line in situation.lines:
                assert line.means.strip() and line.means != line.say
                if situation.role:  # said by the other side, in character
                    assert line.means.startswith("I mean")


def test_a_bare_thanks_inside_a_scene_answers_no_line() -> None:
    """A run-through: "thanks" to the coach's feedback moved the boss on to "Why now?", with
    "Say a little more and I can give you real feedback on it"."""
    replies = drive(pack(COMMS), ["can we roleplay asking my boss for a day off", "thanks"])
    assert replies[1] == (
        "We're still in the role-play: answer in your own words, or say “stop the role-play” "
        "to step out. Your boss (role-play): “Sure, I have a few minutes. What did you want to "
        "ask me?”"
    )
    out, memory = turn("thanks", SALES, CoachMemory(scene="price", beat=1))
    assert memory.beat == 1 and not memory.pressed
    assert out.endswith(
        "Prospect (role-play): “Even if it's worth it, the budget for this quarter is gone.”"
    )


@pytest.mark.parametrize(
    "aside",
    [
        "should i tell the professor about my other deadlines?",  # beyond the pack
        "what if she just says no?",  # the pack's answer
        "i'm so nervous",  # a feeling
        "how am i doing?",
        "hint",
    ],
)
def test_after_a_step_out_the_next_answer_is_scored_as_a_line_in_the_scene(aside: str) -> None:
    """Each step out had ended "back to the role-play: answer the last line": the next answer
    was then scored against the coach's aside, not the professor's line."""
    opening = ["I need to ask my professor for an extension", "lets practise"]
    out = drive(pack(COMMS), [*opening, aside])[-1]
    assert in_role_play(out)
    assert out.endswith(
        "Your professor (role-play): “Sure, I have a few minutes. What did you want to ask me?”"
    )
    line = "My grandmother is in hospital this week, so could I hand the paper in on Friday?"
    assert assess(line, COMMS, out).score >= 5


def test_a_question_after_a_polite_lead_in_is_answered_by_the_prospect() -> None:
    """A browser audit: "i totally get that, can i ask what ur comparing us to?" got the
    prospect's next objection, as if unheard."""
    said = (
        "i totally get that, can i ask what ur comparing us to? is it the price or something else"
    )
    out, _ = turn(said, SALES, CoachMemory(scene="price"))
    assert "Mostly on price. We've looked at one other vendor" in out


def test_a_thank_you_that_ends_a_role_play_says_the_line_left_unanswered() -> None:
    """A run-through: "thanks that was helpful" on the prospect's budget line ended the scene
    with "you handled it", and the budget line, said and never answered, was not mentioned."""
    *before, said = drive(
        pack(SALES),
        [
            "can we role-play a discovery call?",
            "hi, thanks for taking the call. what made you look at tools like ours?",
            "thanks that was helpful",
        ],
    )
    asked = re.findall(r"Prospect \(role-play\): “([^”]+)”", " ".join(before))
    assert said.startswith("You're welcome — glad it helped. End of the role-play")
    assert f"Left for next time: “{asked[-1]}”" in said


def test_an_emoji_in_a_role_play_keeps_the_scene_and_its_line() -> None:
    """A browser audit: "😀😀😀" dropped the running role-play for "Tell me where you are"."""
    replies = drive(
        pack(COMMS),
        [
            "my coworker keeps taking credit for my work and i want to practice talking to him",
            "ok lets practise",
            "😀😀😀",
        ],
    )
    line = replies[1].rpartition("(role-play): ")[2]
    lead = "I need words to work with: answer the role-play in a line."
    assert replies[2] == f"{lead} Your coworker (role-play): {line}"


def test_a_person_cast_by_title_and_name_is_played_without_anothers_role() -> None:
    """A browser audit: "can u play dr patel…" was scored 2/10; cast, Dr. Patel (the owner
    of the story) was then played as "the office manager", who was Linda."""
    _, cast = drive(
        pack(SALES),
        [
            "hi. im selling our crm software to a small dental office, the office manager "
            "linda is interested but the owner dr patel thinks its too expensive",
            "can u play dr patel and push back on price",
        ],
    )
    assert cast.startswith(
        "Let's rehearse it. I'll play Dr. Patel, from the small dental office you're selling to"
    )


SCENE = [
    "I sell scheduling software to a dental group, the buyer says we are too expensive.",
    "let's practise",
]
FIRST_LINE = "Prospect (role-play): “Honestly, you're about 30% more than what we use now."


@pytest.mark.parametrize(
    ("said", "starts"),
    [
        # a role-play audit's: each was scored as a line, and the scene moved on
        (["stop"], "End of the role-play, before your first reply."),
        (["again"], "Again, from the top. " + FIRST_LINE),
        (["Fair enough.", "start again from the top"], "Again, from the top. " + FIRST_LINE),
        (["stop the role-play", "can we do that one again?"], "Again, from the top."),
        (["switch roles"], "I'll stay in my part"),
        (["what should I have said?"], "Coach's hint: acknowledge and ask before you defend"),
    ],
)
def test_a_request_about_the_scene_is_done_not_played_as_a_line(
    said: list[str], starts: str
) -> None:
    reply = drive(pack(SALES), [*SCENE, *said])[-1]
    assert reply.startswith(starts), reply
    assert unscored_reason(said[-1], in_role_play=True) is not None


def test_an_insult_in_a_scene_is_said_to_the_other_side_who_hears_it() -> None:
    """A role-play audit: "…you idiot" to the buyer got the coach's own "Fair enough —
    buyers will say worse" and the scene was dropped; "You're lazy…" to a teammate got his
    scripted "Okay… is something wrong?". An insult aimed at the coach waits on the scene."""
    at_buyer = drive(
        pack(SALES), [*SCENE, "You should have planned your budget better, you idiot."]
    )
    assert "Stop there: insulting" in at_buyer[-1]
    assert "Prospect (role-play): “Hold on. I'm not okay with that." in at_buyer[-1]
    at_coach = drive(pack(SALES), [*SCENE, "this coach is useless"])[-1]
    assert at_coach.startswith("Fair enough") and at_coach.endswith("Why would I pay more?”")


def test_how_to_reach_the_customer_is_asked_of_her_and_answered_by_her() -> None:
    """A role-play audit: "How can I best reach you?" got "that one's beyond what I can
    answer", as if asked of the coach; the refund scene has her answer."""
    reply = drive(
        pack(COMMS),
        [
            "A customer is angry her refund is three weeks late.",
            "let's practise",
            "I'm so sorry, that is really frustrating. How can I best reach you once I have "
            "the date?",
        ],
    )[-1]
    assert "beyond what I can answer" not in reply
    assert "Customer (role-play): “Call me. This number, after five." in reply
