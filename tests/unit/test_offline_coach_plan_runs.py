"""Run-throughs of the plan-aware scholarship coach as students type them: a deadline that
passed, asking for the day again and again, news named as the student shortens a title, a
tired student's session to its goodbye, a prize that asks for a fee, and a student new to
scholarships. Each test names the reply that was wrong before."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from uuid import uuid4

import pytest

from coach.game_plan import GamePlan, MissedItem
from coach.learner_intents import unscored_reason
from coach.news import news_kind, unscored_news
from coach.red_flags import harm_flag
from coach.similar_scholarships import SimilarScholarship
from tests.unit.offline_coach_cases import (
    EMPTY,
    NOW,
    SCHOLARSHIP,
    assert_no_question_repeats,
    drive,
    make_plan,
    pack,
    turn,
)


def missed_plan(similar: int = 1) -> GamePlan:
    """make_plan with a deadline that passed a day ago and `similar` open ones like it."""
    others = [
        SimilarScholarship(
            scholarship_id=uuid4(),
            title=title,
            amount=Decimal("2500"),
            deadline=NOW + timedelta(days=40),
            due="due Saturday, April 11 (40 days left)",
            application_type="essay",
            score=0.8,
            reasons=["an essay"],
        )
        for title in ["Valley Futures Award", "Bright Path Grant"][:similar]
    ]
    missed = MissedItem(
        application_id=uuid4(),
        scholarship_id=uuid4(),
        title="Hometown Community Foundation Scholarship",
        deadline=NOW - timedelta(days=1),
        missed="deadline passed February 28",
        coach_state="Drafting",
        similar=others,
    )
    return make_plan(check_in=False).model_copy(update={"missed": [missed]})


def test_a_missed_deadline_is_named_once_with_what_to_try_instead() -> None:
    """A browser audit: after Hometown's deadline passed (Home flagged it), "What should I do
    today?" planned the day as if it never happened."""
    replies = drive(
        pack(SCHOLARSHIP),
        ["What should I do today?", "What should I do today?"],
        plan=missed_plan(),
    )
    assert replies[0].startswith(
        "Hometown Community Foundation Scholarship's deadline passed February 28; Valley "
        "Futures Award is similar and still open, due Saturday, April 11 (40 days left), and "
        "Game plan can track it. Today, focus on Sunrise Scholars:"
    )
    assert "Hometown" not in replies[1] and replies[1].startswith("Today, focus on Sunrise")
    many = drive(pack(SCHOLARSHIP), ["what now"], plan=missed_plan(similar=2))[0]
    assert "Game plan lists 2 similar open scholarships to track instead, such as Valley" in many
    none = drive(pack(SCHOLARSHIP), ["what now"], plan=missed_plan(similar=0))[0]
    assert "passed February 28; Discovery can find similar ones that are still open." in none


def test_asking_for_the_day_again_and_again_never_parks_the_deadline_it_just_named() -> None:
    """A browser audit: "Today, focus on Cal Grant: it's due … For now, let's park the
    deadline you're working to" contradicted itself once the plan's questions ran out."""
    replies = drive(pack(SCHOLARSHIP), ["What should I do today?"] * 9, plan=make_plan())
    assert all(r.startswith("Today, focus on Sunrise Scholars") for r in replies)
    assert not any("park" in r for r in replies)
    assert all(r.endswith("?") for r in replies)


def test_news_names_the_application_as_the_student_shortens_it() -> None:
    """A browser audit: after "I submitted the Hometown application" the coach asked whether
    Hometown's deadline matched the student's calendar, and offered to pick a check-in date
    the confirmation sets by itself."""
    replies = drive(
        pack(SCHOLARSHIP),
        ["I submitted the Sunrise application", "ok", "what next?"],
        plan=make_plan(check_in=False),
    )
    assert "three weeks on I'll ask whether you've heard back" in replies[0]
    assert replies[0].endswith("what's the next piece of Future Teachers Fund you'll do, and when?")
    assert "Sunrise" not in replies[1] + replies[2]
    assert replies[2].startswith("Today, focus on Future Teachers Fund")


def test_a_tired_student_run_through_is_answered_and_ends_on_their_own_step() -> None:
    """A run-through as a tired student texts: "idk where to start" was critiqued 2/10 for
    hedging, "should i ask my counselor to read it?" was beyond the coach, half an essay and
    "i can write the ending tonight … 10pm" covered nothing so the coach asked for them
    again, and "thanks bye" got "Your step is the one above" and one more question."""
    texts = [
        "idk where to start honestly, i have like 3 things due",
        "i have the essay half done, maybe 250 words",
        "fine. i can write the ending tonight after work, like 10pm",
        "should i ask my counselor to read it?",
        "ok ill email her tomorrow morning",
        "thanks bye",
    ]
    replies = drive(pack(SCHOLARSHIP), texts, plan=make_plan(check_in=False))
    assert unscored_reason(texts[0]) == "a question to the coach, not an answer"
    assert replies[0].startswith("Today, focus on Sunrise Scholars")
    assert "That covers what you've done so far." in replies[1]
    assert "That covers one next step with a day and time." in replies[2]
    assert replies[3].startswith("Yes — a counselor or teacher is the right reader")
    assert "That covers who can help you." in replies[4]
    assert (
        "Your next step: “i can write the ending tonight after work, like 10pm”. Put it in "
        "your calendar now" in replies[5]
    )
    assert replies[5].endswith("Good luck, and come back any time.")
    asked = drive(pack(SCHOLARSHIP), ["wrap up"], plan=make_plan(check_in=False))[0]
    assert "Your next step: one piece of Sunrise Scholars and a time." in asked
    assert asked.endswith("What's the first thing you'll do, and when?")


@pytest.mark.parametrize(
    ("domain_id", "item_id", "text"),
    [
        (SCHOLARSHIP, "deadline", "i have the essay half done, maybe 250 words"),
        ("sales_workflow_coach", "close", "I'll send the pilot contract after the marketing memo"),
    ],
)
def test_a_word_starting_like_a_month_is_no_date(domain_id: str, item_id: str, text: str) -> None:
    """'maybe 250 words' read as "May 250", a deadline given; "the marketing decision" as
    March and December, a dated step."""
    [item] = [i for i in pack(domain_id).checklist if i.id == item_id]
    assert not item.covered_by(text)
    assert item.covered_by(text.replace("maybe 250 words", "due May 5").replace("memo", "by May 5"))


def test_a_prize_that_asks_for_a_fee_is_answered_as_a_scam_not_cheered_or_flagged() -> None:
    """A run-through: "i got an email saying i won $5000 but i have to pay a $50 processing
    fee first" was capped at 2 with "Stop there" as if the student meant to pay; read as a
    win instead, it got "Congratulations — you earned this!". The email's demand is reported,
    and the student is told it is a scam; saying they will pay is still the harm."""
    said = "i got an email saying i won $5000 but i have to pay a $50 processing fee first"
    out = drive(pack(SCHOLARSHIP), [said], plan=make_plan())[0]
    assert out.startswith("Don't pay it: an award that charges to pay out is a scam.")
    assert "Congratulations" not in out and "Stop there" not in out
    assert news_kind(said) is None and unscored_news(said) == "an offer to check, not an answer"
    assert harm_flag(said, SCHOLARSHIP) is None
    paying = "the email says i have to pay a $50 fee, so i will pay it tonight"
    assert harm_flag(paying, SCHOLARSHIP) is not None
    assert news_kind("I won the Coca-Cola scholarship!!") is not None


def test_a_student_new_to_scholarships_is_told_where_to_find_them() -> None:
    """A run-through with nothing tracked: "how do i find ones i can actually win?" was
    beyond the coach, and "i'm a first gen student and i don't know anything about
    scholarships" was asked about the deadline of an application they do not have."""
    empty = GamePlan(top3=[], check_ins=[], states={})
    for said in (
        "hi, i'm a first gen student and i don't know anything about scholarships",
        "how do i find ones i can actually win?",
    ):
        assert drive(pack(SCHOLARSHIP), [said], plan=empty)[0].startswith("Look local first")
    planned = drive(pack(SCHOLARSHIP), ["ok i'll run discovery tonight"], plan=empty)[0]
    assert planned.startswith("You said: “ok i'll run discovery tonight”.")  # a plan, coached


def test_a_student_with_nothing_tracked_is_taken_from_where_they_stand_to_a_dated_step() -> None:
    """A run-through with nothing tracked: the coach asked a new junior "Does the deadline for
    your application match what's on your own calendar?", critiqued "im a junior and i want to
    study nursing" for leaving out a due date, and wrapped up with "one piece of your
    application". Now a starting track: where they stand, a first search, what to track,
    who could write a letter, a dated step."""
    texts = [
        "hi",
        "im a junior and i want to study nursing, 3.6 gpa",
        "i'll run discovery tonight at 8",
        "my chemistry teacher mrs lopez, i'll ask her thursday",
        "thanks bye",
    ]
    replies = drive(pack(SCHOLARSHIP), texts, plan=EMPTY)
    assert "so we'll build your plan from the start" in replies[0]
    assert replies[0].endswith("what year are you in, and what do you want to study?")
    assert replies[1].startswith(
        "Good to know: “im a junior and i want to study nursing, 3.6 gpa”. Put your GPA and "
        "major in your Profile too"
    )
    assert "You said" not in replies[1] and "missing" not in replies[1]
    assert (
        "That covers a first search in Discovery and a first step with a day and time."
        in (replies[2])
    )
    assert "That covers someone who could write you a letter." in replies[3]
    assert "Your first step: “i'll run discovery tonight at 8”." in replies[4]
    assert replies[4].endswith("Good luck, and come back any time.")
    assert not [r for r in replies if "your application" in r or "deadline for" in r]
    assert_no_question_repeats(replies)
    # where they stand is told, not answered: the round is not scored (graph/coaching.py)
    _, told = turn(texts[1], SCHOLARSHIP, plan=EMPTY, plan_aware=True)
    _, planned = turn(texts[2], SCHOLARSHIP, plan=EMPTY, plan_aware=True)
    assert told.context and not planned.context


def test_starting_out_what_to_do_first_and_how_scholarships_work_are_answered() -> None:
    """ "What should I do first?" asked which kind of scholarship to start with, a question
    the track asks better; "i dont really know how scholarships work" was critiqued."""
    first, basics = drive(
        pack(SCHOLARSHIP),
        ["what should i do first?", "i dont really know how scholarships work"],
        plan=EMPTY,
    )
    assert first.startswith("You're not tracking any applications yet, so today's step is")
    assert first.endswith("what year are you in, and what do you want to study?")
    assert "Which kind of scholarship" not in first
    assert basics.startswith("A scholarship is money for college that you don't pay back.")


def test_a_student_with_an_application_of_their_own_leaves_the_starting_track() -> None:
    """ "I'm working on my essay for the Rotary scholarship, it's due March 3" is an
    application in hand: its deadline and drafts are the session, not a first search. Said
    at once, the track is never started; said once it is under way, it stays."""
    own = "actually im working on my essay for the rotary scholarship, it's due march 3"
    hello, switched, after = drive(
        pack(SCHOLARSHIP), ["hi", own, "my first paragraph is done"], plan=EMPTY
    )
    assert switched.startswith("Then let's work on the application you have in mind;")
    assert "That covers the deadline you're working to." in switched
    assert switched.endswith(
        "What have you done on your application so far — even a rough outline counts?"
    )
    assert "Good to know" not in after and after.startswith("You said:")
    [at_once] = drive(pack(SCHOLARSHIP), [own], plan=EMPTY)
    assert "build your plan from the start" not in at_once
    assert "Then let's work" not in at_once and "That covers the deadline" in at_once
    started = drive(pack(SCHOLARSHIP), ["hi", "i'll run discovery tonight at 8", own], plan=EMPTY)
    assert "Then let's work" not in started[2]
    tracked = drive(pack(SCHOLARSHIP), ["hi"], plan=make_plan())
    assert "build your plan from the start" not in tracked[0]


@pytest.mark.parametrize("plan", [EMPTY, make_plan()], ids=["nothing tracked", "a plan"])
def test_a_search_planned_with_its_time_is_coached_not_answered(plan: GamePlan) -> None:
    """ "ill search tonight at 8" got "Look local first…", the answer to where to find
    scholarships: a step with its time is an answer to coach, however it is spelled."""
    [out] = drive(pack(SCHOLARSHIP), ["ill search tonight at 8"], plan=plan)
    assert out.startswith("You said: “ill search tonight at 8”.")
    assert "Look local first" not in out
    assert "day and time." in out  # the step it covers


@pytest.mark.parametrize(
    ("said", "starts"),
    [
        ("can you find me scholarships?", "Look local first"),
        ("how many should i apply to?", "Two or three at a time is enough to start"),
    ],
)
def test_a_new_students_questions_are_answered_not_beyond_the_coach(said: str, starts: str) -> None:
    """A run-through with nothing tracked: both got "That one's beyond what I can answer
    well here"."""
    [out] = drive(pack(SCHOLARSHIP), [said], plan=EMPTY)
    assert out.startswith(starts)


def test_the_soonest_deadline_is_no_someday() -> None:
    """ "probably the ones due soonest, like in january" was warned "'when I have time'
    rarely arrives": the cue "soon" matched "soonest"."""
    texts = ["hi", "i'll search discovery tonight at 8", "probably the ones due soonest"]
    out = drive(pack(SCHOLARSHIP), texts, plan=EMPTY)[-1]
    assert "That covers two or three to track." in out
    assert "when I have time" not in out
    assert "rarely arrives" in drive(pack(SCHOLARSHIP), ["i'll do it soon"], plan=EMPTY)[0]


def test_just_getting_started_is_no_commitment_to_praise() -> None:
    """The opening asks "working on one, or just getting started?"; "just getting started
    honestly" was praised as "committing to action" (the cue "started")."""
    [out] = drive(pack(SCHOLARSHIP), ["just getting started honestly"], plan=make_plan())
    assert "committing to action" not in out and "That covers what you've done so far." in out
    [began] = drive(pack(SCHOLARSHIP), ["i started the essay yesterday"], plan=make_plan())
    assert "What works: you're committing to action" in began


@pytest.mark.parametrize(
    ("said", "starts"),
    [
        ("i'm in 10th grade, is it too early?", "It's not too early"),
        ("i have a 2.5 gpa, can i still get scholarships?", "Yes: many scholarships ask for no"),
        ("my parents make too much money for aid", "Many scholarships have no income test"),
        ("i don't have anyone to write a letter", "Most students feel that way at first."),
    ],
)
def test_a_new_students_worries_are_answered(said: str, starts: str) -> None:
    """A run-through with nothing tracked: the first three were beyond the coach or
    critiqued for naming no deadline, and "i don't have anyone to write a letter" counted as
    someone who could write one."""
    [out] = drive(pack(SCHOLARSHIP), [said], plan=EMPTY)
    assert out.startswith(starts)
    assert "That covers someone who could write you a letter" not in out
    after = drive(pack(SCHOLARSHIP), [said, "my manager at work likes me"], plan=EMPTY)[1]
    assert "That covers someone who could write you a letter." in after


def test_asking_for_an_essay_to_be_written_keeps_the_starting_track() -> None:
    """ "can you write my essay for me" named "my essay" and left the track, so the refusal
    came after "Then let's work on the application you have in mind"; "i searched already"
    got the answer on where to search."""
    first, searched = drive(
        pack(SCHOLARSHIP),
        ["can you write my essay for me", "i searched already and found 3 i like"],
        plan=EMPTY,
    )
    assert first.startswith("I won't write your essay")
    assert "build your plan from the start" in first and "Then let's work" not in first
    assert searched.startswith("You said:") and "Look local first" not in searched
    assert "That covers a first search in Discovery." in searched


def test_the_starting_note_never_comes_after_what_to_answer() -> None:
    """ "what do you mean?" on the first round: the explanation's "Now try it…" was followed
    by the once-a-session note, so the reply ended on a paragraph about the plan."""
    [out] = drive(pack(SCHOLARSHIP), ["what do you mean?"], plan=EMPTY)
    assert "build your plan from the start" in out
    assert out.endswith("Now try it for your own situation, in a sentence or two.")


def test_a_busy_student_is_answered_not_critiqued() -> None:
    """ "nothing really, i've been busy", to the opening's "working on one?", was critiqued
    for lacking a smaller piece; "i'm so busy" already got the answer on making it small."""
    [out] = drive(pack(SCHOLARSHIP), ["nothing really, i've been busy"], plan=make_plan())
    assert out.startswith("Make the step smaller, not your standards lower")
