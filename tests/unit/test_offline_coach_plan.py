"""The offline coach with a plan-aware persona (the scholarship coach): "what should I do
today?" is answered from the game plan's Top 3 and check-ins, only when the persona is
plan-aware, without asking the same things twice, and with Discovery when there is no plan."""

from __future__ import annotations

from uuid import uuid4

import pytest

from coach.game_plan import CheckInItem, GamePlan
from coach.learner_intents import unscored_reason
from coach.news import unscored_news
from coach.offline_coach import compose_reply
from coach.plan_reply import plan_reply
from tests.unit.offline_coach_cases import (
    EMPTY,
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
    plan = make_plan(check_in=False)
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


def test_a_named_reader_is_help_and_a_closing_line_is_not_scored() -> None:
    """An audit: "Ms. Alvarez reads my essay Friday at 3." got "What's missing: someone who
    could help"; "Thanks, that's the plan." was scored 2 with "What's missing: a commitment"."""
    out = drive(pack(SCHOLARSHIP), ["Ms. Alvarez reads my Future Teachers essay Friday at 3."])[0]
    assert "That covers who can help you" in out and "someone who could help" not in out
    assert unscored_reason("Thanks, that's the plan.") is not None


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


def test_a_deadline_said_to_be_missed_that_the_plan_has_ahead_is_checked_first() -> None:
    """A run-through: "i missed the deadline for sunrise scholars", three days before it
    closes, got the answer on late submissions and then "What have you done on Sunrise
    Scholars so far?"; "what now?" then named it as today's focus."""
    out, memory = compose_reply(
        "i missed the deadline for sunrise scholars",
        pack=pack(SCHOLARSHIP),
        plan=make_plan(),
        plan_aware=True,
    )
    assert out.startswith("Check the date first: your plan has Sunrise Scholars due ")
    assert "(3 days left), so it may still be open" in out
    assert memory.focus == "Sunrise Scholars" and memory.last_news
    # one the plan does not have open is the answer on a passed deadline
    gone, _ = compose_reply(
        "i missed the deadline for the gates scholarship",
        pack=pack(SCHOLARSHIP),
        plan=make_plan(),
        plan_aware=True,
    )
    assert not gone.startswith("Check the date first")


def test_what_to_do_with_an_award_is_no_question_about_today() -> None:
    """A run-through: "what should i do with the money", after "i won the river city
    award!!", got today's focus ("Today, focus on Sunrise Scholars…")."""
    _, money, essay = drive(
        pack(SCHOLARSHIP),
        [
            "i won the river city award!!",
            "what should i do with the money",
            "what should i do about the essay",
        ],
        plan=make_plan(),
    )
    assert money.startswith("Tell your college's financial aid office about it")
    assert not essay.startswith("Today, focus on")


def test_where_a_student_with_a_plan_stands_is_said_back_and_advice_from_home_answered() -> None:
    """A run-through with a plan: "hi! im a junior" got "What's missing: the date" and a
    score; "my mom says i should only apply to big scholarships" a critique, and "is that
    true?" after it "beyond what I can answer"; "can i reuse one?" the answer on essays."""
    stand, memory = compose_reply(
        "hi! im a junior", pack=pack(SCHOLARSHIP), plan=make_plan(), plan_aware=True
    )
    assert stand.startswith("Good to know: “im a junior”.") and memory.context
    replies = drive(
        pack(SCHOLARSHIP),
        [
            "my mom says i should only apply to big scholarships",
            "is that true?",
            "ok what about essays, can i reuse one?",
        ],
        plan=make_plan(),
    )
    assert replies[0].startswith("Not only the big ones")
    assert replies[1].startswith("As I said earlier: not only the big ones")
    assert replies[2].startswith("Yes — reuse your strongest story")


def test_a_listing_that_charges_to_apply_is_a_question_about_it_not_a_plan_to_pay() -> None:
    """A run-through: "this one says i have to pay 25 dollars to apply" got "You said: …
    Stop there: paying a fee … is the classic scam", as if the student meant to pay."""
    [listing] = drive(
        pack(SCHOLARSHIP), ["this one says i have to pay 25 dollars to apply"], plan=make_plan()
    )
    assert listing.startswith("Don't pay it: a real scholarship doesn't charge to apply.")
    assert "Stop there" not in listing
    [paying] = drive(
        pack(SCHOLARSHIP), ["ill pay the 25 dollar application fee tonight"], plan=make_plan()
    )
    assert "Stop there" in paying


def test_commitment_is_praised_only_when_it_has_a_time() -> None:
    """An audit: "I'm planning to get it done in time" got "What works: you're committing to
    action, not just intentions" (and 3/10 from the scorer)."""
    plan = make_plan()
    for said in ("I'm going to get it done, I promise.", "ok im going to work on the essay more"):
        vague = drive(pack(SCHOLARSHIP), [said], plan=plan)[-1]
        assert "committing to action" not in vague
    timed = drive(
        pack(SCHOLARSHIP),
        ["I'm going to write the first 250 words tonight at 7 and send them to Ms. Lopez."],
        plan=plan,
    )[-1]
    assert "What works: you're committing to action" in timed


def test_knowing_there_is_a_deadline_is_not_naming_it() -> None:
    """An audit: "Yes, I'm aware of the deadline and I'm planning to get it done in time"
    covered the deadline step and got "What works: you're working to the deadline"."""
    plan = make_plan()
    vague = drive(
        pack(SCHOLARSHIP),
        ["Yes, I'm aware of the deadline and I'm planning to get it done in time."],
        plan=plan,
    )[-1]
    assert "working to the deadline" not in vague and "That covers" not in vague
    assert "What's missing: the date" in vague
    named = drive(
        pack(SCHOLARSHIP), ["The deadline is March 4, so I have three evenings."], plan=plan
    )
    assert "That covers the deadline you're working to" in named[-1]


def test_a_search_typed_into_the_chat_is_sent_to_discovery() -> None:
    """An audit: "scholarships for nursing in texas" got "What's missing: a commitment",
    scored 2/10; the Discovery page is where a search runs."""
    for said in ("scholarships for nursing in texas", "no essay scholarships"):
        [out] = drive(pack(SCHOLARSHIP), [said], plan=make_plan())
        assert out.startswith("I can't search from the chat: the Discovery page does")
        assert unscored_reason(said) == "a question to the coach, not an answer"
    [general] = drive(pack(SCHOLARSHIP), ["can you find me scholarships?"], plan=make_plan())
    assert general.startswith("Look local first")


def test_which_of_two_first_is_the_plans_order_not_the_one_named_most() -> None:
    """ "which one first, hometown or cal grant?" planned the day around the title with more
    words said (an audit's coach focused on the one due later)."""
    [out] = drive(
        pack(SCHOLARSHIP), ["which one first, sunrise or future teachers?"], plan=make_plan()
    )
    assert out.startswith("Today, focus on Sunrise Scholars")


def test_fafsa_and_sai_questions_with_their_context_are_answered() -> None:
    out = drive(
        pack(SCHOLARSHIP),
        [
            "what is SAI? my counselor said my SAI is -300 is that bad",
            "my parents did not know about FAFSA. do they need to sign it too?",
        ],
        plan=make_plan(),
    )
    assert out[0].startswith("The SAI (Student Aid Index)")  # not the answer on sad essays
    assert out[1].startswith("If you're a dependent student (most students under 24), a parent")
    assert unscored_reason("what is SAI? my counselor said my SAI is -300 is that bad")


def test_a_yes_to_the_wrap_up_on_offer_wraps_up() -> None:
    """An audit: "k" after "Shall we wrap up…?" got "I've no more scenarios for this; let's
    drill instead" from a coach that has no scenarios."""
    said = [
        "hi",
        "I will work on the Sunrise essay tonight at 7pm for 45 minutes, then ask Ms. Garcia "
        "to read it tomorrow at lunch. It is due March 4 so I have 3 days.",
        "I finished the form and uploaded my transcript",
        "ok",
    ]
    out = drive(pack(SCHOLARSHIP), said, plan=make_plan())
    assert "Shall we wrap up" in out[2]
    assert out[3].startswith("Wrap-up:") and "no more scenarios" not in out[3]


def test_a_draft_finished_is_still_on_the_plan() -> None:
    """A browser audit: "i finished my whole Live Mas draft", her only open application, got
    "Everything you track is submitted or decided, so nothing on your game plan needs work";
    a whole draft still has a review and a submit ahead."""
    full = make_plan()
    plan = full.model_copy(update={"top3": full.top3[:1], "check_ins": []})
    done, today = drive(
        pack(SCHOLARSHIP),
        ["i finished my whole sunrise draft", "what should i do today?"],
        plan=plan,
    )
    assert done.startswith("A whole draft is the hard part done.")
    assert "submitted or decided" not in done + today
    assert "Sunrise Scholars" in today
