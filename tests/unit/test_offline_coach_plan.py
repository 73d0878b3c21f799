"""The offline coach with a plan-aware persona (the scholarship coach): "what should I do
today?" is answered from the game plan's Top 3 and check-ins, only when the persona is
plan-aware, without asking the same things twice, and with Discovery when there is no plan."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from uuid import uuid4

import pytest

from coach.game_plan import CheckInItem, GamePlan, MissedItem
from coach.learner_intents import unscored_reason
from coach.news import news_kind, unscored_news
from coach.plan_reply import plan_reply
from coach.red_flags import harm_flag
from coach.similar_scholarships import SimilarScholarship
from tests.unit.offline_coach_cases import (
    NOW,
    SCHOLARSHIP,
    assert_no_question_repeats,
    drive,
    make_plan,
    pack,
    questions_in,
    reply,
    today,
    turn,
)

# --- plan_reply / plan_aware --------------------------------------------------------------


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


# --- a student with nothing open on their plan -------------------------------------------
EMPTY = GamePlan(top3=[], check_ins=[], states={})
TEN_ROUNDS = [
    "I'm a first-gen student in Texas studying nursing, GPA 3.6",
    "My first paragraph is about working nights at my aunt's clinic.",
    "It's due on March 3, so I have two weeks.",
    "I haven't started the rest of it yet.",
    "I'm stuck on how to end the essay.",
    "I'll write the ending tonight at 7.",
    "I could ask my English teacher to read it.",
    "I finished the outline already.",
    "My counselor said she can write a recommendation.",
    "Thanks, that helps.",
]


def test_without_a_plan_the_coach_says_once_where_a_plan_comes_from() -> None:
    """Coaching "your most urgent application" when nothing is tracked read as broken
    ("your most urgent application is the most urgent item on your plan"): the coach says
    once that Discovery builds the plan, and asks nothing about a plan that is not there."""
    replies = drive(pack(SCHOLARSHIP), TEN_ROUNDS, plan=EMPTY)
    assert sum("You're not tracking any scholarships yet" in r for r in replies) == 1
    assert "Discovery (in the sidebar)" in replies[0] and replies[0].endswith("?")
    asked = [q for r in replies for q in questions_in(r)]
    assert asked and not [q for q in asked if "plan" in q], asked
    assert not [r for r in replies if "most urgent application" in r or "{" in r]
    assert_no_question_repeats(replies)


def test_without_a_plan_where_to_start_is_answered_with_discovery() -> None:
    for text in ["hey, I need money for college and I don't know where to start", "what's next?"]:
        out = today(EMPTY, text)
        assert out.startswith("You're not tracking any applications yet, so today's step is")
        assert out.count("Discovery") == 1  # the once-a-session note is not added on top


def test_with_everything_submitted_the_note_says_so() -> None:
    done = GamePlan(top3=[], check_ins=[], states={"submitted": 2})
    out = today(done, "I'm working on my essay about my grandmother.")
    assert "Everything you track is submitted or decided" in out
    assert "not tracking any" not in out


def test_with_an_open_item_there_is_no_note() -> None:
    out = today(make_plan(), "I'm working on my essay about my grandmother.")
    assert "Discovery" not in out and "Sunrise Scholars" in out


def test_the_item_the_student_names_is_the_one_coached() -> None:
    """An audit: a student working on their second plan item was asked about the first at
    seven of eight turns; "the Future Teachers Fund essay" also counted as naming a teacher
    who could help."""
    replies = drive(
        pack(SCHOLARSHIP),
        [
            "I want to work on the Future Teachers Fund essay today",
            "i have the outline done for it",
            "the hardest part is the hardship section",
        ],
        plan=make_plan(),
    )
    # picking the item is answered like "what should I do today?", with the soonest named
    assert replies[0].startswith("Today, focus on Future Teachers Fund: it's due Friday")
    assert "Keep Sunrise Scholars in view, though" in replies[0]
    assert "That covers who can help you" not in replies[0]
    assert "Sunrise Scholars" not in " ".join(replies[1:])
    assert "Future Teachers Fund" in " ".join(replies[1:])


def test_today_is_about_the_item_asked_for_and_news_is_read_as_typed() -> None:
    """An audit: "can we do community leaders grant today?" got "Today, focus on Sunrise
    Scholars"; "Sunrise submitted!!" was scored 2 with "Say a little more"; "no one can
    help me" got "That covers who can help you"."""
    today = drive(pack(SCHOLARSHIP), ["can we do community leaders grant today?"], plan=make_plan())
    assert today[0].startswith("Today, focus on Community Leaders Grant")
    assert unscored_news("Sunrise submitted!!") == "news about an application, not an answer"
    alone = drive(pack(SCHOLARSHIP), ["no one can help me with it"], plan=make_plan())
    assert "That covers who can help you" not in alone[0]


def test_the_item_asked_for_is_coached_with_the_soonest_named_and_the_rest_read_as_said() -> None:
    """A re-audit: with the Community Leaders Grant (25 days) asked for, Sunrise Scholars (3
    days) was only "next"; "it needs a rec" counted as naming who can help; "my future
    teachers … were mean to me" turned the session to the Future Teachers Fund."""
    replies = drive(
        pack(SCHOLARSHIP),
        [
            "can we work on the Community Leaders Grant today? it needs a 500 word essay and a rec",
            "I'll ask Ms. Ortiz for the rec tomorrow after 2nd period and give her my resume.",
            "my future teachers in high school were mean to me, that's partly why I want to teach",
        ],
        plan=make_plan(),
    )
    assert replies[0].startswith("Today, focus on Community Leaders Grant")
    assert "Keep Sunrise Scholars in view, though: it's due" in replies[0]
    assert "After that" not in replies[0] and "who can help you" not in replies[0]
    assert "who can help you" in replies[1]
    assert "Future Teachers Fund" not in replies[2]


def test_news_is_answered_as_what_it_is() -> None:
    """An audit of organised students: "I didn't get the River City Award." got
    "Congratulations on submitting"; a submission with a problem got the congratulations and
    no answer; a recommender's yes and "Ok I got it." got award congratulations; "80 words over
    the limit" got the warning against under-reporting income."""
    replies = drive(
        pack(SCHOLARSHIP),
        [
            "I didn't get the River City Award.",
            "I submitted the Sunrise form but forgot to attach my transcript. What do I do?",
            "Mr. Okafor said yes to the rec letter!",
            "I'm 80 words over the limit on the Future Teachers essay.",
            "Ok I got it.",
        ],
        plan=make_plan(),
    )
    assert replies[0].startswith("I'm sorry — a rejection stings")
    assert "email the sponsor today" in replies[1]
    assert "Congratulations" not in replies[2] + replies[4]
    assert replies[2].startswith("Good news — that's one thing settled")
    assert replies[3].startswith("Cut in this order") and "fraud" not in replies[3]
    assert drive(pack(SCHOLARSHIP), ["Thanks!"], plan=make_plan())[0].startswith("You're welcome.")


def test_a_focus_reported_on_is_not_praised_as_the_most_urgent_twice() -> None:
    """An audit: with the item named earlier no longer open, "Good: Sunrise Scholars, due ….
    The most urgent on your plan is Sunrise Scholars, due …" named one item twice."""
    replies = drive(
        pack(SCHOLARSHIP),
        [
            "We were rejected by the Future Teachers Fund.",
            "The Future Teachers essay was at 480 words and it was good.",
        ],
        plan=make_plan(),
    )
    assert not any(r.count("Sunrise Scholars, due") > 1 for r in replies)


@pytest.mark.parametrize(
    "progress",
    [
        "Draft is done but it's 650 words.",
        "The last part is the household income section.",
        "form done, 500-word essay at 350 words",
        "Everything is filled in and uploaded. Only the parent signature is left.",
    ],
)
def test_progress_said_is_not_asked_for_again(progress: str) -> None:
    """An audit of organised students: "What have you done on … so far — even a rough outline
    counts?" came right after a full progress report, round after round."""
    out = drive(
        pack(SCHOLARSHIP),
        ["Sunrise is due Wednesday, so I have two evenings.", progress],
        plan=make_plan(),
    )[1]
    assert "That covers what you've done so far" in out
    assert "are finished, and which haven't you opened yet" not in out


def test_a_named_reader_is_help_and_a_closing_line_is_not_scored() -> None:
    """An audit: "Ms. Alvarez reads my essay Friday at 3." got "What's missing: someone who
    could help"; "Thanks, that's the plan." was scored 2 with "What's missing: a commitment"."""
    out = drive(pack(SCHOLARSHIP), ["Ms. Alvarez reads my Future Teachers essay Friday at 3."])[0]
    assert "That covers who can help you" in out and "someone who could help" not in out
    assert unscored_reason("Thanks, that's the plan.") is not None


def test_news_said_as_students_say_it() -> None:
    """A re-audit: "i didnt get river city :(" was critiqued, a teacher "happy to write me a
    letter" and an extension granted got no good news (the extension got the advice for a
    passed deadline), "Ok, I got it!" got award congratulations, and "Which should I do
    first?" got no plan."""
    replies = drive(
        pack(SCHOLARSHIP),
        [
            "i didnt get river city :(",
            "my physics teacher said she'd be happy to write me a letter!",
            "They gave me an extension on the Future Teachers essay!",
            "Ok, I got it!",
            "Which should I do first?",
        ],
        plan=make_plan(),
    )
    assert replies[0].startswith("I'm sorry — a rejection stings")
    assert replies[1].startswith("Good news") and replies[2].startswith("Good news")
    assert "Congratulations" not in replies[3]
    assert replies[4].startswith("Today, focus on")
    for closing in [
        "ok i get it now",
        "Ok I got it, thanks for explaining.",
        "Cool, I'll do that.",
    ]:
        assert unscored_reason(closing) is not None, closing


@pytest.mark.parametrize(
    "text",
    [
        "just submitted sunrise but i think i put the wrong email address on it, can i fix that?",
        "Turned in the Sunrise form last night but left the activities section blank by accident",
        "I hit submit on Sunrise Scholars and then noticed a typo in my name. Is that bad?",
        "Sunrise is submitted but I forgot my counselor's signature. Can I still send it?",
    ],
)
def test_a_submission_with_something_wrong_gets_the_fix(text: str) -> None:
    """A re-audit: these were critiqued as answers, or congratulated with no fix."""
    out = drive(pack(SCHOLARSHIP), [text], plan=make_plan())[0]
    assert "email the sponsor today" in out, out
    assert "FAFSA" not in out


@pytest.mark.parametrize(
    "pick",
    [
        "Let's do Community Leaders Grant.",
        "community leaders pls",
        "honestly i just wanna work on community leaders grant rn",
    ],
)
def test_picking_an_item_gets_its_plan_not_a_critique(pick: str) -> None:
    """A re-audit: only "can we … today?" was read as picking; "Let's do Community Leaders
    Grant." was critiqued as an answer ("What's missing: the date")."""
    out = drive(pack(SCHOLARSHIP), [pick], plan=make_plan())[0]
    assert out.startswith("Today, focus on Community Leaders Grant"), out


def test_a_question_about_the_plan_is_answered_from_it_and_not_scored() -> None:
    """A browser audit: "is the cal grant still on my list?" was scored 1/10 and got "I don't
    have a prepared answer to that in my offline playbook"."""
    plan = make_plan()
    missing, named, listed = (
        drive(pack(SCHOLARSHIP), [text], plan=plan)[0]
        for text in (
            "is the cal grant still on my list?",
            "Is Community Leaders still in my top 3",
            "whats on my plan?",
        )
    )
    assert missing.startswith("I don't see cal grant in your Top 3 right now: your Top 3 is")
    assert "find it in Discovery and press Track" in missing
    assert named.startswith("Yes: Community Leaders Grant is on your plan, in your Top 3, due")
    assert listed.startswith(
        "Your Top 3: Sunrise Scholars, due Wednesday, March 4 (3 days left); Future Teachers "
        "Fund, due"
    )
    assert "; and Community Leaders Grant, due" in listed
    for text in ("is the cal grant still on my list?", "what's in my top 3?"):
        assert unscored_reason(text) == "a question to the coach, not an answer"


def test_news_then_what_to_do_first_gets_the_plan_for_the_item_named() -> None:
    """A browser audit: "ok i started the draft for hometown!! what should i do first" (no
    question mark) was critiqued and asked "What's blocking you on …" about another item."""
    out = drive(
        pack(SCHOLARSHIP),
        ["ok i started the future teachers essay!! what should i do first"],
        plan=make_plan(),
    )[0]
    assert out.startswith("Today, focus on Future Teachers Fund: it's due Friday")


def test_a_deadline_given_as_a_weekday_counts_as_the_deadline() -> None:
    """A browser audit: right after "the hometown one is monday" the coach asked for the
    date."""
    out = drive(pack(SCHOLARSHIP), ["the sunrise one is monday"], plan=make_plan())[0]
    assert "That covers the deadline you're working to" in out


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
