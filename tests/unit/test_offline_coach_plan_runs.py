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
from coach.offline_coach.message import off_plan_application
from coach.red_flags import harm_flag
from coach.similar_scholarships import SimilarScholarship
from tests.unit.offline_coach_cases import (
    EMPTY,
    NOW,
    SCHOLARSHIP,
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


def test_i_missed_the_deadline_is_news_with_what_to_try_instead_and_is_not_scored() -> None:
    """A browser audit: "i missed the deadline" was scored 2/10 as an answer ("nothing yet
    … commit to one step"), and "i missed the hometown scholarship deadline yesterday" was
    praised ("you're working to the deadline") and scored 3/10; neither named what to try."""
    plan = missed_plan(similar=2)
    said, memory = turn("i missed the deadline", SCHOLARSHIP, plan=plan, plan_aware=True)
    assert said.startswith(
        "Sorry, that stings, and it happens to a lot of students. Hometown Community "
        "Foundation Scholarship's deadline passed February 28; Game plan lists 2 similar "
        "open scholarships to track instead, such as Valley Futures Award"
    )
    assert said.endswith(
        "Want to pick one of those to track, so the work you put in has somewhere to go?"
    )
    assert memory.last_news  # the round is news: the graph records it unscored
    again, memory = turn(
        "i missed the hometown scholarship deadline yesterday",
        SCHOLARSHIP,
        memory,
        plan=plan,
        plan_aware=True,
    )
    assert again.startswith(
        "I know, Hometown Community Foundation Scholarship's deadline passed February 28."
    )
    assert "working to the deadline" not in again and memory.last_news
    today, _ = turn("what should i do today?", SCHOLARSHIP, memory, plan=plan, plan_aware=True)
    assert "Hometown" not in today  # said once a session
    none = turn("i missed it", SCHOLARSHIP, plan=missed_plan(similar=0), plan_aware=True)[0]
    assert none.endswith(
        "Shall we put that time into Sunrise Scholars instead, due Wednesday, "
        "March 4 (3 days left)?"
    )


def test_a_title_ending_in_s_takes_an_apostrophe_alone() -> None:
    plan = missed_plan()
    burger = plan.missed[0].model_copy(update={"title": "Burger King Scholars"})
    said = drive(
        pack(SCHOLARSHIP), ["what now"], plan=plan.model_copy(update={"missed": [burger]})
    )[0]
    assert said.startswith("Burger King Scholars' deadline passed February 28;")


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


@pytest.mark.parametrize("plan", [EMPTY, make_plan()], ids=["nothing tracked", "a plan"])
def test_a_search_planned_with_its_time_is_coached_not_answered(plan: GamePlan) -> None:
    """ "ill search tonight at 8" got "Look local first…", the answer to where to find
    scholarships: a step with its time is an answer to coach, however it is spelled."""
    [out] = drive(pack(SCHOLARSHIP), ["ill search tonight at 8"], plan=plan)
    assert out.startswith("You said: “ill search tonight at 8”.")
    assert "Look local first" not in out
    assert "day and time." in out  # the step it covers


def test_just_getting_started_is_no_commitment_to_praise() -> None:
    """The opening asks "working on one, or just getting started?"; "just getting started
    honestly" was praised as "committing to action" (the cue "started")."""
    [out] = drive(pack(SCHOLARSHIP), ["just getting started honestly"], plan=make_plan())
    assert "committing to action" not in out and "That covers what you've done so far." in out
    [began] = drive(pack(SCHOLARSHIP), ["i started the essay yesterday"], plan=make_plan())
    assert "What works: you're committing to action" in began
    # a run-through: not having started was praised the same way
    for said in ("i havent started the essay yet", "I haven't started it, honestly"):
        [out] = drive(pack(SCHOLARSHIP), [said], plan=make_plan())
        assert "committing to action" not in out and "what you've done so far" in out


def test_helping_at_home_is_no_asking_for_help() -> None:
    """A run-through: an essay topic, "when my dad lost his job and i worked to help pay
    rent", was praised as "you're asking for the help you need"."""
    topic = "maybe when my dad lost his job and i worked to help pay rent"
    [out] = drive(pack(SCHOLARSHIP), [topic], plan=make_plan())
    assert "asking for the help" not in out
    [asks] = drive(
        pack(SCHOLARSHIP), ["i need help with the essay from my teacher"], plan=make_plan()
    )
    assert "What works: you're asking for the help you need" in asks


def test_a_busy_student_is_answered_not_critiqued() -> None:
    """ "nothing really, i've been busy", to the opening's "working on one?", was critiqued
    for lacking a smaller piece; "i'm so busy" already got the answer on making it small."""
    [out] = drive(pack(SCHOLARSHIP), ["nothing really, i've been busy"], plan=make_plan())
    assert out.startswith("Make the step smaller, not your standards lower")


@pytest.mark.parametrize("plan", [EMPTY, make_plan()], ids=["nothing tracked", "a plan"])
def test_a_wrap_up_that_quotes_the_step_does_not_ask_for_it_again(plan: GamePlan) -> None:
    """ "wrap up" after "i'll search discovery tomorrow at 4": the wrap-up quoted the step,
    then asked "What's the first thing you'll do, and when?"."""
    out = drive(pack(SCHOLARSHIP), ["i'll search discovery tomorrow at 4", "wrap up"], plan=plan)
    assert "step: “i'll search discovery tomorrow at 4”." in out[1]
    assert out[1].endswith("Good luck with it, and come back any time.")
    assert "What's the first thing" not in out[1]


def test_waiting_a_low_gpa_and_winning_nothing_are_answered() -> None:
    """A run-through with a plan: "i didnt hear back from river city yet" was critiqued for
    naming no date, and "is it bad that i only have a 3.0?" and "what if i dont get any
    scholarships" were beyond the coach."""
    said = [
        "i didnt hear back from river city yet",
        "also is it bad that i only have a 3.0?",
        "what if i dont get any scholarships",
    ]
    waiting, gpa, none = drive(pack(SCHOLARSHIP), said, plan=make_plan())
    assert waiting.startswith("Waiting is normal")
    assert gpa.startswith("Plenty are open to you") and not gpa.startswith("Yes")
    assert none.startswith("Then you'll have lost some evenings and kept every essay")
    has_gpa = make_plan().model_copy(update={"profile_gaps": ["major"]})
    [known] = drive(pack(SCHOLARSHIP), ["is a 3.0 gpa bad?"], plan=has_gpa)
    assert "Put your GPA" not in known and "Put your intended major in your Profile" in known


def test_a_recommenders_yes_counts_as_help_lined_up() -> None:
    """A run-through: "my counselor said she'd write my letter" was met as good news, and
    the wrap-up still listed "who can help you" as open."""
    said = ["hey", "also my counselor said she'd write my letter", "how did i do?"]
    news, progress = drive(pack(SCHOLARSHIP), said, plan=make_plan())[1:]
    assert news.startswith("Good news")
    assert "you've covered who can help you" in progress


def test_a_second_thing_about_where_the_student_stands_is_said_back_too() -> None:
    """A run-through: after "im a senior, i want to study computer science" was said back,
    "i dont have a gpa yet i think its like 3.4" was critiqued ("What's missing: the date")
    and scored 2."""
    replies = drive(
        pack(SCHOLARSHIP),
        [
            "im a senior, i want to study computer science",
            "i dont have a gpa yet i think its like 3.4",
        ],
        plan=make_plan(),
    )
    assert replies[1].startswith("Good to know: “i dont have a gpa yet i think its like 3.4”.")
    assert "What's missing" not in replies[1]


def test_an_application_of_their_own_off_the_plan_becomes_the_one_coached() -> None:
    """A run-through: "im applying to the gates scholarship" was critiqued, and every question
    after it asked about Sunrise Scholars, the plan's first item."""
    replies = drive(
        pack(SCHOLARSHIP),
        [
            "im applying to the gates scholarship",
            "its due in 2 weeks",
            "i havent started the essay",
        ],
        plan=make_plan(),
    )
    assert (
        "The Gates scholarship isn't in your Top 3 right now: if you haven't tracked it"
        in (replies[0])
    )
    assert "The most urgent on your plan is Sunrise Scholars" in replies[0]
    assert "the Gates scholarship" in replies[1] and "the Gates scholarship" in replies[2]
    assert "Sunrise" not in replies[1] + replies[2]
    # naming a plan item brings the plan back
    back = drive(
        pack(SCHOLARSHIP),
        ["im applying to the gates scholarship", "actually lets do sunrise scholars"],
        plan=make_plan(),
    )
    assert "Sunrise Scholars" in back[1]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("im applying to the gates scholarship", "the Gates scholarship"),
        ("working on my rotary club award essay", "the Rotary Club award"),
        ("i'm applying for scholarships", None),
        ("applying to a local scholarship", None),
        ("im writing the essay for the scholarship", None),
    ],
)
def test_an_application_is_named_by_its_own_name(text: str, name: str | None) -> None:
    assert off_plan_application(text) == name


def test_sadness_after_a_rejection_gets_the_answer_to_doubt_not_to_pressure() -> None:
    """A run-through: "im so sad" after "i got rejected from the river city award" got "That
    pressure is real, and it usually means everything feels equally urgent"."""
    replies = drive(
        pack(SCHOLARSHIP),
        ["i got rejected from the river city award", "im so sad"],
        plan=make_plan(),
    )
    assert replies[1].startswith("Feeling that way after a hard stretch is common")


def test_a_processing_fee_is_answered_dont_pay_it_and_kept_unscored() -> None:
    """An audit: "one of them wants a 50 dollar processing fee is that normal?" got "That
    one's beyond what I can answer well here" and a 5/10, a turn after the scam signs."""
    texts = [
        "how do i know if a scholarship is a scam",
        "one of them wants a 50 dollar processing fee is that normal?",
    ]
    signs, fee = drive(pack(SCHOLARSHIP), texts, plan=make_plan())
    assert "Real scholarships don't charge fees" in signs
    assert fee.startswith(
        "Don't pay it: a real scholarship doesn't charge to apply, and a fee is the first of "
        "the scam signs I listed."
    )
    _, memory = turn(texts[1], SCHOLARSHIP, plan=make_plan(), plan_aware=True)
    assert memory.last_news  # reported, not an answer: kept unscored


def test_work_begun_is_news_said_once_and_a_step_with_it_is_critiqued() -> None:
    """An audit: "i started the hometown essay, about half a page done" scored 4/10 with
    "What's missing: the date", while the coach named the deadline in the same reply; and "i
    will write the middle part" was "Good news — that's one thing settled" (a recommender's
    yes)."""
    begun, again, step = drive(
        pack(SCHOLARSHIP),
        [
            "i started the sunrise essay, got like half a page",
            "im working on the future teachers application now",
            "sunday at 4 i will write the middle part",
        ],
        plan=make_plan(),
    )
    assert begun.startswith("That's a real start: the blank page is the hardest part")
    assert "What's missing" not in begun
    assert again.startswith("Good, keep going: a whole rough draft first")
    assert "Future Teachers Fund" in again  # the one under way is what comes next
    assert not step.startswith("Good news")
    # news, so the round is not scored (the graph reads last_news); a step with it is scored
    begun_text = "i started the sunrise essay, got like half a page"
    _, memory = turn(begun_text, SCHOLARSHIP, plan=make_plan(), plan_aware=True)
    assert memory.last_news
    with_a_step = "i started the sunrise essay and ill finish the intro tomorrow at 7"
    critiqued, memory = turn(with_a_step, SCHOLARSHIP, plan=make_plan(), plan_aware=True)
    assert critiqued.startswith("You said:") and not memory.last_news
    assert news_kind(with_a_step) is not None and unscored_news(with_a_step) is None
    [whole] = drive(pack(SCHOLARSHIP), ["i finished my whole sunrise draft"], plan=make_plan())
    assert whole.startswith("A whole draft is the hard part done.")


def test_where_they_live_said_otherwise_than_the_profile_is_pointed_out() -> None:
    """A browser audit (tour step 3): "…my gpa is 3.6 and i live in ohio" got only "Put
    your GPA in your Profile too"; her Profile said Texas, so Discovery searched Texas."""
    plan = make_plan().model_copy(update={"profile_state": "TX", "profile_gaps": ["GPA"]})
    [out] = drive(pack(SCHOLARSHIP), ["im a junior, my gpa is 3.6 and i live in ohio"], plan=plan)
    assert "Your Profile says Texas: if you live in Ohio now, change it there" in out
    assert "Put your GPA in your Profile too" in out
    assert "Their Profile says: state Texas. If they tell you otherwise" in plan.as_text()


def test_the_middle_of_an_essay_is_answered_and_middle_school_is_not_it() -> None:
    """A run-through: "what should the middle be about" got "beyond what I can answer"."""
    middle, school = drive(
        pack(SCHOLARSHIP),
        ["what should the middle be about", "should i write about tutoring middle schoolers?"],
        plan=make_plan(),
    )
    assert middle.startswith("The middle is what you did:")
    assert not school.startswith("The middle")
