"""The communication coach's role-plays with the people of the learner's own life (coach/
offline_coach/scenario.py with coach/counterparts.py and the communication pack): a manager,
a roommate, a friend, a coworker, each rehearsed as that person, with their own scripts, and
what the learner tells of them heard as the story, not critiqued as a line."""

from __future__ import annotations

from coach.learner_intents import unscored_reason
from tests.unit.offline_coach_cases import COMMS, drive, pack


def test_saying_no_to_a_manager_is_answered_and_a_wrap_up_ends_the_scene_first() -> None:
    """A run-through: "i'm scared she'll think i'm lazy" got the advice on a customer's
    rising voice, "what if she says everyone is busy?" was beyond the coach, and "ok that's
    enough for today" inside the role-play wrapped up the session without ending the scene."""
    replies = drive(
        pack(COMMS),
        [
            "i need to tell my manager i can't take on another project, im already at 50 hours",
            "i'm scared she'll think i'm lazy",
            "what if she says everyone is busy?",
            "ok let's practise",
            "I hear you, everyone's stretched. Which of my three projects matters least?",
            "ok that's enough for today",
        ],
    )
    assert replies[1].startswith("Naming your limit with the facts is what a manager needs")
    assert replies[2].startswith("Agree with the fact, then go back to the choice")
    assert "(role-play)" in replies[4]
    assert replies[5].startswith("End of the role-play after its first moment of")
    assert "Wrap-up: you covered" in replies[5]


def test_a_roommate_run_through_hears_a_schedule_and_a_question_after_ok_fine() -> None:
    """A run-through: in the roommate role-play, "i feel stressed" was praised as "you
    acknowledged how your roommate feels", the proposed schedule ("i take mon wed fri and you
    take the rest") covered no resolution, and "ok fine but what if she says no" was
    critiqued as a line said to the roommate."""
    story = "my roommate never cleans and i want to practice talking to her"
    line = (
        "hey, can we talk about the dishes? i feel stressed when they pile up. can we do a "
        "schedule, i take mon wed fri and you take the rest?"
    )
    _, said, asked, progress = drive(
        pack(COMMS), [story, line, "ok fine but what if she says no", "how did i do?"]
    )
    assert "acknowledged how your roommate feels" not in said
    assert "an acknowledgement of your roommate's experience" in said
    assert asked.startswith("Then you've learned where the line is.")
    assert "you've covered the situation and what made it hard and a resolution" in progress


def test_hard_feedback_from_a_manager_gets_a_managers_script_and_the_story_is_heard() -> None:
    """A run-through: "she said my report was sloppy" was critiqued for not acknowledging the
    manager; "i just said ok and went quiet" was taken for "I already said that" ("You did —
    sorry. I'll count active listening as covered"); and "what should i have said?" got the
    script for a coworker who took credit ("I did most of it")."""
    story, heard, did, script = drive(
        pack(COMMS),
        [
            "my manager gave me harsh feedback in front of the team",
            "she said my report was sloppy",
            "i just said ok and went quiet",
            "what should i have said?",
        ],
    )
    assert heard.startswith("Got it: “she said my report was sloppy”.")
    assert "What's missing" not in heard
    assert "You did — sorry" not in did and "active listening as covered" not in did
    assert script.startswith("Three short parts: take the point without defending yourself")
    assert "I did most of it" not in script
    assert unscored_reason("i already told you") is not None
    assert unscored_reason("i just said ok and went quiet") is None


def test_an_apology_to_a_friend_is_coached_as_one() -> None:
    """A run-through (a forgotten birthday): "how do i apologize without making excuses?" got
    the customer answer ("own your company's part"); "it mattered because you always remember
    mine" was told it lacked an acknowledgement; "let me take you to dinner this saturday"
    that it lacked a fix; and a gap was named right after its strength was praised."""
    replies = drive(
        pack(COMMS),
        [
            "i forgot my best friends birthday and she's mad at me",
            "how do i apologize without making excuses?",
            "lets practise",
            "hey, im really sorry i forgot your birthday. that was my fault and i know it hurt",
            "it mattered because you always remember mine, and i didnt show up for you",
            "let me take you to dinner this saturday, my treat",
            "how did i do",
        ],
    )
    assert replies[1].startswith("Say what you did and why it hurt, with no")
    assert "your company" not in replies[1]
    assert "What works: you acknowledged how your best friend feels" in replies[4]
    assert "an acknowledgement of your best friend's experience" not in replies[4] + replies[5]
    assert "What works: you moved toward fixing the actual problem" in replies[5]
    assert "a resolution with a concrete commitment" in replies[6].split("Still open")[0]


def test_snapping_at_a_coworker_is_rehearsed_with_the_coworker() -> None:
    """A run-through: after "i snapped at a coworker in a meeting yesterday" the coach offered
    to play "the customer"; "i want to apologize but i dont know how to bring it up" was
    critiqued; and "say sorry for cutting her off" was read as abandoning a customer
    ("Stop there: …") and capped."""
    replies = drive(
        pack(COMMS),
        [
            "i snapped at a coworker in a meeting yesterday",
            "i want to apologize but i dont know how to bring it up",
            "should i do it in person or over slack?",
            "ill ask her for 5 minutes after standup tomorrow and say sorry for cutting her off",
        ],
    )
    assert "I can play your coworker" in replies[0]
    assert replies[1].startswith("Say what you did and why it hurt")
    assert "in person or on a call" in replies[2]
    assert "Stop there" not in replies[3]
    assert unscored_reason("i want to apologize but i dont know how to bring it up") is not None


def test_a_manager_unhappy_with_your_work_is_the_hard_feedback_scene() -> None:
    """A run-through: "my manager said my code reviews are too slow" was rehearsed as making an
    ask ("What did you want to ask me?"); owning it ("you're right, i've been slow, i let them
    pile up") was flagged as abandoning a customer, and told it lacked an acknowledgement."""
    replies = drive(
        pack(COMMS),
        [
            "my manager said my code reviews are too slow",
            "can we practice",
            "you're right, i've been slow, i let them pile up",
            "could we do a quick check in on fridays so i know if im on track?",
        ],
    )
    assert "I'll be direct: I'm not happy about how this went." in replies[1]
    assert "Stop there" not in replies[2] and "customer" not in replies[2]
    assert "What works: you acknowledged how your manager feels." in replies[2]
    assert "“And it's not the first time, is it?”" in replies[2]
    assert "What works: you moved toward fixing the actual problem." in replies[3]


def test_the_professor_does_not_ask_why_now_after_being_told_why() -> None:
    """A browser audit: "I was sick with covid last week… Could I have until Monday?" got
    "Hmm, that's not great timing. Why now?", the reason it had just been given."""
    *_, opened = drive(
        pack(COMMS),
        [
            "i need to ask my professor for an extension on my paper",
            "ok lets practise",
            "Hi Professor Kim, I was sick with covid last week and fell behind on the paper. "
            "Could I have until Monday to finish it?",
        ],
    )
    assert "Why now?" not in opened
    assert opened.endswith(
        "(role-play): “And what happens to what you're responsible for in the meantime?”"
    )
