"""Which messages are recorded without a score (coach/learner_intents.py: unscored_reason):
a question to the coach, a thank-you or a greeting, a goodbye; never an answer, even one
phrased as a question or one that also asks something."""

from __future__ import annotations

import pytest

from coach.ghostwriting import wants_it_written
from coach.learner_intents import (
    CONCRETE,
    MEANT,
    NO_WORDS,
    SHORT,
    insults_the_coach,
    unscored_reason,
)

QUESTION = "a question to the coach, not an answer"
THANKS = "a thank-you or a greeting, not an answer"
LEAVING = "wrapping up, not an answer"
FEELING = "a feeling shared, not an answer"
WRITE_IT = "asking the coach to write it, not an answer"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("What should I do first?", QUESTION),
        ("So what should I ask the economic buyer?", QUESTION),
        ("How do I handle the price objection?", QUESTION),
        ("Can you give me an example?", QUESTION),
        ("What does MEDDIC mean?", QUESTION),
        ("What's next?", QUESTION),
        ("Should I pay this fee?", QUESTION),
        ("I don't know what to say", QUESTION),
        ("Hint please", QUESTION),
        ("Let's role-play", QUESTION),
        ("What do you mean by economic buyer?", QUESTION),
        ("thanks!", THANKS),
        ("Thanks, that helps a lot.", THANKS),
        ("hi", THANKS),
        ("let's wrap up", LEAVING),
        ("Can we stop here? I have class.", LEAVING),
        ("I have to go, thanks!", LEAVING),
        ("I'm stressed", FEELING),
        ("I'm stressed, I have three essays due this week", FEELING),
        ("I feel lost", FEELING),
        ("I'm scared I won't get the Gates scholarship.", FEELING),
        # as students say it, hedges and all (each was scored 2-4/10 with "What's missing")
        ("honestly I'm really stressed and kind of overwhelmed, I have finals too", FEELING),
        ("I feel like giving up on all of this", FEELING),
        ("maybe I'm just not good enough", FEELING),
        ("I want to give up.", FEELING),
        # found by a student's audit, 2026-12-02: each was critiqued and scored 1-4/10
        ("what do you mean by requirements? like features?", QUESTION),
        ("this is pointless, you're not listening", FEELING),
        ("ugh you keep asking me the same stuff", FEELING),
        ("honestly im kind of lost now", FEELING),
        ("this is confusing, i just want to know what to say", FEELING),
        ("can you just write the essay for me? I'll edit it", WRITE_IT),
        ("can you just write the pitch for me", WRITE_IT),
        ("just write it for me", WRITE_IT),
        # a worry's own "I'll" is no plan; "I can't" is no "I can" (each was scored)
        ("I'm nervous I'll blank in the real meeting", FEELING),
        ("I'm afraid I'm going to mess it up", FEELING),
        ("I can't do this", FEELING),
        ("i feel like i can't do it anymore!", FEELING),
        # an audit's students, each scored 1-2 as an answer
        ("can you play the recruiter", QUESTION),
        ("can we role play? you be the dealership marketing manager", QUESTION),
        ("ugh this is stressful", FEELING),
        ("im honestly so annoyed", FEELING),
        ("ok seriously, wrap up", "wrapping up, not an answer"),
        ("not sure what you mean by failure modes", QUESTION),
        # a run-through of the architecture coach
        ("what's CQRS anyway?", QUESTION),
        ("what is event sourcing?", QUESTION),
        ("ok. what about double bookings when two receptionists click the same slot?", QUESTION),
        ("thanks, that's enough for today", "wrapping up, not an answer"),
        ("how does our deploy work? like what happens after I merge", QUESTION),
        ("how do we deploy?", QUESTION),
        ("what if she says sorry isn't enough?", QUESTION),
        ("how did I do overall?", QUESTION),
        ("ok, how's my answer so far?", QUESTION),
        # how students say it (an audit)
        ("i feel like everyone is way smarter than me", FEELING),
        ("im kinda stressed", FEELING),
        ("yeah i know the numbers", "a remark to the coach, not an answer"),
        # a nod gets "Say a little more…": a 2/10 beside that would sink the report card
        ("what about mongodb tho", QUESTION),  # a run-through: scored 2 as an answer
        ("how do users log in", QUESTION),  # answered from the pack, then scored 3
        ("how does it scale", QUESTION),
        # a scholarship run-through: each answered from the pack, then scored 2-3
        ("whats the fafsa", QUESTION),
        ("what do you do", QUESTION),  # answered "beyond what I can answer", then scored
        ("who are you", QUESTION),
        ("how many scholarships should i apply to", QUESTION),
        ("the essay is so hard i dont know what to write about", QUESTION),
        ("ok i think im done", "wrapping up, not an answer"),  # critiqued as an answer
        ("ok", SHORT),
        ("Yes", SHORT),
        ("nope", SHORT),
        # an audit: 1-2/10 each, where "yes" got "Say a little more" and no score
        ("I think so", SHORT),
        ("i guess", SHORT),
        ("ok I'm back", SHORT),
        ("ugh", FEELING),
        ("nobody cares anyway", FEELING),
        ("ok whatever", SHORT),
        ("this is dumb", FEELING),  # answered calmly, then scored 2
        ("its a waste of time", FEELING),
        ("sure thing", SHORT),
        ("big client call tomorrow and i want to practice handling price objections", QUESTION),
        ("can u play mark and push back on price so i can practice", QUESTION),
        ("what would u pick for the payments part tho", QUESTION),  # an audit: scored 2
        ("hey what should i work on today", QUESTION),  # an audit: scored 6
        # what was done, said before the question (a journey audit: scored 6/10)
        ("i ran discovery and tracked 3. what should i do first?", QUESTION),
        ("ok i did the profile. whats next?", QUESTION),
        ("thanks, what should I practise next?", QUESTION),
        # a role cast, not a name (a coach-review audit: scored 2/10, "can u play linda…" not)
        ("can u play the salon owner and push back on price", QUESTION),
        # a scholarship student's first week (an audit): each scored 2-4 as an answer
        ("idk", "not knowing yet, not an answer"),  # "That's fine…", then 2/10 for it
        ("I don't know", "not knowing yet, not an answer"),
        ("hello again", THANKS),
        (
            "im a senior, first in my family to go to college. i want to be a nurse. which "
            "scholarship i should do first?",
            QUESTION,
        ),
        ("which one first, hometown or cal grant?", QUESTION),
        ("when is the hometown one due exactly? and what time", QUESTION),
        ("the hometown is due dec 9 right? what time is the deadline", QUESTION),
        ("why that one and not the gates?", QUESTION),
        ("did i win the coca cola one?", QUESTION),
        ("can you check my plan?", QUESTION),
        ("scholarships for nursing in texas", QUESTION),
        ("no essay scholarships", QUESTION),
        ("scholarhsips for frist gen latina", QUESTION),
        ("and fafsa, do i need to do it for cal grant? i dont understand the deadlines", QUESTION),
        (
            "im so overwhelmed. i have school, work, and all these deadlines. i feel like i "
            "cant do this",
            FEELING,
        ),
        ("i feel stupid, everyone else knows how to do this and i dont", FEELING),
        # an audit of 200 turns: each scored 2/10 as an answer, and the report card sank
        ("ok what else", QUESTION),
        ("is that the federal one or the california one", QUESTION),
        ("whats the cal grant deadline", QUESTION),
        ("can you give an example", QUESTION),
        ("ok how about analytics on clicks, should that be in the same db", QUESTION),
        ("wait so why did mine get what it got", QUESTION),
        ("what would you score that", QUESTION),
        ("is that good enough or what", QUESTION),
        ("how was that", QUESTION),
        ("ok next objection", QUESTION),
        ("cool. can u give me another tough one", QUESTION),
        ("yo", THANKS),
        ("thx im tired, done for today", "wrapping up, not an answer"),
        ("can we stop, im done", "wrapping up, not an answer"),
        ("honestly im kind of over this", FEELING),
        ("kind of bummed, i worked on that project for like a year", FEELING),
        ("ok thats scary", FEELING),
        ("ugh this is taking forever", FEELING),
    ],
)
def test_what_is_not_an_answer(text: str, reason: str) -> None:
    assert unscored_reason(text) == reason


@pytest.mark.parametrize(
    "text",
    [
        "I'll ask Priya for a review at 2pm.",
        "I'd call her Tuesday at 3pm. Should I email first?",  # an answer that also asks
        "I'm not sure. Maybe call them?",  # a tentative answer
        "What's your budget for this quarter?",  # a line for the other side
        "What's their budget?",  # asked for what to ask: the learner's own question
        "What is the cost of doing nothing? That's what I'd ask.",
        "What happens if the DB fails over? We lose 30 seconds of writes, so I'd queue them.",
        "Could you tell me more about your current process?",
        "I think the answer is to call the buyer. What do you think?",
        "I'd wrap up the call by confirming Tuesday at 3pm.",
        "Wrap up the call with a date.",
        "I'm stressed, so tonight I'll write the first 300 words.",  # a feeling with a plan
        "I'm behind on the Lopez essay, so tonight I'll write 300 words.",  # and a plan
        "I'm worried she'll churn, so I'll call her at 3pm with a refund date.",
        "I'll write the plan tonight and send it to Dave at 9.",
        "Write the email to Dave tonight, then send it by 9.",
        "Can you help me write the pitch? I'd open with their lunch lines.",
        "I'm nervous I'll blank, so I'll put three bullet points on a card tonight.",
        "I'm afraid we can't lower the price.",  # a polite line to a prospect
        "I can't do it by Friday, but Monday works.",
        "i can do the form tmrw after practice like 6pm",  # soccer practice: a plan
        # a run-through: taken for "I already know it", unscored, and counted as said
        "probably postgres because i know it and its free",
        "what about using a queue for the orders so the api stays fast",  # proposes
        "Postgres or Mongo, because we need joins?",  # a choice with its reason
        "the price is scary for small shops",  # what a prospect feels, not the learner
        "that is scary how fast it grew to 10k users",
        "I emailed Ms. Lopez yesterday and I'll follow up Friday. Is that ok?",  # a plan too
        "I ran discovery.",
        "",
    ],
)
def test_answers_are_scored(text: str) -> None:
    assert unscored_reason(text) is None


@pytest.mark.parametrize(
    "text", ["What do you mean by too expensive?", "Can you explain how your team approves it?"]
)
def test_inside_a_role_play_a_question_to_the_other_side_is_an_answer(text: str) -> None:
    assert unscored_reason(text) == QUESTION
    assert unscored_reason(text, in_role_play=True) is None


@pytest.mark.parametrize(
    "text", ["what do you mean?", "wdym", "huh?", "sorry, what?", "i dont get it"]
)
def test_asking_what_the_last_line_meant_is_not_an_answer_in_a_scene_or_out(text: str) -> None:
    assert unscored_reason(text, in_role_play=True) == MEANT
    assert unscored_reason(text) == QUESTION


@pytest.mark.parametrize("text", ["sure", "ok", "no"])
def test_inside_a_role_play_a_nod_is_a_line_to_the_other_side(text: str) -> None:
    """ "sure" to a prospect's "can you do 20% off?" concedes the price: scored."""
    assert unscored_reason(text) == SHORT
    assert unscored_reason(text, in_role_play=True) is None


def test_a_long_message_is_always_scored() -> None:
    assert unscored_reason("What should I do first? " + "I think " * 30) is None


def test_a_question_about_the_work_is_not_asking_for_it_to_be_written() -> None:
    """An audit: "do essays need a title" got "I won't write your essay…"."""
    assert not wants_it_written("do essays need a title")
    assert wants_it_written("do my essay for me")
    # the student's own ask to a teacher, drafted (an audit: "I won't write your essay")
    assert not wants_it_written("hi mr patel, can u write me a letter for amazon future engineer")
    assert not wants_it_written("dear ms lopez, would you write me a recommendation letter?")
    assert wants_it_written("hi can you write the intro for me")


@pytest.mark.parametrize(
    ("text", "insult"),
    [
        ("this coach is useless", True),
        ("you're a waste of my time", True),
        ("A caller yelled that this whole service is a waste of time, so I let him finish.", False),
        ("He told me this company is terrible, so I apologised.", False),
        ("when he said 'you are useless' I got defensive", False),
    ],
)
def test_an_insult_is_aimed_at_the_coach_not_reported(text: str, insult: bool) -> None:
    assert insults_the_coach(text) is insult


@pytest.mark.parametrize(
    "text",
    [
        "I'd say: 'you people are useless'",
        "He kept saying 'this service is garbage' over and over",
        "customer texted 'ur all morons' lol, how do i even reply to that",
    ],
)
def test_a_quoted_insult_is_not_aimed_at_the_coach(text: str) -> None:
    assert not insults_the_coach(text)


@pytest.mark.parametrize(
    ("text", "asks_for_it"),
    [
        ("can u just write the intro for me pls", True),
        ("could u write my conclusion", True),
        ("could you do the first paragraph for me", True),
        ("how do I write a good hook?", False),
        ("I will write the intro tonight", False),
        ("can you check my intro?", False),
    ],
)
def test_a_part_of_the_essay_asked_for_is_still_the_essay(text: str, asks_for_it: bool) -> None:
    """A browser audit: "can u just write the intro for me pls" was scored 2/10 and got intro
    tips with no word that the coach will not write it."""
    assert wants_it_written(text) is asks_for_it
    if asks_for_it:
        assert unscored_reason(text) == "asking the coach to write it, not an answer"


def test_how_did_i_do_asks_the_coach_even_inside_a_role_play() -> None:
    assert unscored_reason("how did I do overall?", in_role_play=True) == QUESTION
    assert unscored_reason("What if we met on Friday instead?", in_role_play=True) is None


@pytest.mark.parametrize(
    ("text", "concrete"),
    [
        ("ask them in our 1:1", False),
        ("at my 1-on-1", False),
        ("a 1 on 1 later", False),
        ("at 8:30 on Tuesday", True),
        ("3 questions", True),
        ("by 10am", True),
        ("$49", True),
        ("store it in S3", False),
    ],
)
def test_a_concrete_number_is_a_figure_or_a_time_not_a_meeting(text: str, concrete: bool) -> None:
    assert bool(CONCRETE.search(text)) is concrete


@pytest.mark.parametrize(
    ("text", "in_role_play", "reason"),
    [
        ("👍", False, NO_WORDS),
        ("🙏🙏", True, NO_WORDS),
        ("whats the diffrence between horizontal and vertical scaling", False, QUESTION),
        ("wait what was the first thing you said i should do", False, QUESTION),
        ("what if she says no", True, QUESTION),
        ("wait how formal should the email be", True, QUESTION),
        ("ty that was actually really helpful", True, THANKS),
        ("gtg", True, LEAVING),
        ("k thx, see u", False, LEAVING),
    ],
)
def test_a_browser_audits_asides_questions_and_emoji_are_not_scored(
    text: str, in_role_play: bool, reason: str
) -> None:
    """Each was scored 1/10 or 2/10 by a browser audit ("what if she says no": "says their
    line back and adds nothing new"), and pulled a report card of 7/10 rounds to 4.2."""
    assert unscored_reason(text, in_role_play=in_role_play) == reason


@pytest.mark.parametrize(
    "text",
    [
        "what if we met halfway on the price?",  # said to the other side
        "I hear you. What would make this work for you this quarter?",
        "i think the big risk is when tickets drop everyone hits it at once",
    ],
)
def test_lines_to_the_other_side_are_still_scored_in_a_role_play(text: str) -> None:
    assert unscored_reason(text, in_role_play=True) is None
