"""The scholarship coach's answers about the student's own plan (coach/plan_facts.py): what
they won, when an application is due to the minute and in their zone, how many they track;
asked, these are questions, not answers to score."""

from __future__ import annotations

from contextvars import copy_context
from datetime import timedelta
from decimal import Decimal
from uuid import uuid4
from zoneinfo import ZoneInfo

import pytest

from coach import clock
from coach.game_plan import TrackedItem
from coach.learner_intents import unscored_reason
from coach.plan_facts import asks_plan_fact, plan_fact_answer
from tests.unit.offline_coach_cases import NOW, SCHOLARSHIP, drive, make_plan, pack

QUESTIONS = [
    "how much have i won so far?",
    "did i win anything yet?",
    "when is the NURSE Corps one due?",
    "what time exactly is the hometown one due?",
    "how many am i tracking?",
    "what's my next deadline?",
    "ok when do i need to submit the sunrise application",
    "What's most urgent on my plan?",  # an audit: answered, and scored 4/10
    "which one is due first?",
    # a season audit: both got "beyond what I can answer"
    "which of my scholarships is due soonest?",
    "which scholarship is due next?",
    # a scholarship student's first week (an audit): each scored 2-4 as an answer
    "when is the hometown one due exactly? and what time",
    "the hometown is due dec 9 right? what time is the deadline",
    "why that one and not the gates?",
    "did i win the coca cola one?",
    "have i heard back from river city yet?",
]


@pytest.mark.parametrize("text", QUESTIONS)
def test_a_question_about_the_plan_is_not_scored(text: str) -> None:
    """A browser audit: these scored 1/10 and 2/10, "does not take up the coach's question",
    and pulled a student's session to an average of 1.3."""
    assert asks_plan_fact(text)
    assert unscored_reason(text) == "a question to the coach, not an answer"


@pytest.mark.parametrize(
    "text",
    [
        "i won the hometown one!",
        "I'll submit the sunrise one on friday at 7",
        "the sunrise one is due wednesday so I start tonight",
    ],
)
def test_news_and_plans_are_not_taken_for_these_questions(text: str) -> None:
    assert not asks_plan_fact(text)


def test_what_was_won_and_what_is_still_waiting() -> None:
    plan = make_plan()
    assert plan_fact_answer("did i win anything yet?", plan) == (
        "Nothing is recorded as won yet. Still waiting to hear back: River City Award."
    )
    won = [
        TrackedItem(application_id=uuid4(), title=t, coach_state="Won", amount=Decimal(a))
        for t, a in (("Oak Grove Award", "2000"), ("TEXAS Grant", "5000"))
    ]
    richer = plan.model_copy(update={"tracked": [*plan.tracked, *won]})
    assert plan_fact_answer("how much have i won so far?", richer) == (
        "You've won 2 scholarships: Oak Grove Award ($2,000) and TEXAS Grant ($5,000), $7,000 "
        "in all: that's your Debt Lifted on the Game plan. Still waiting to hear back: River "
        "City Award."
    )


def test_a_deadline_to_the_minute_in_the_students_zone() -> None:
    plan = make_plan()  # Sunrise Scholars: due in 3 days, 14:00 UTC
    assert plan_fact_answer("when is the sunrise one due?", plan) == (
        "Sunrise Scholars is due Wednesday, March 4 at 2:00 pm UTC: 3 days left."
    )

    def in_chicago() -> str | None:
        clock.use_zone(ZoneInfo("America/Chicago"))
        return plan_fact_answer("what time exactly is the sunrise one due?", plan)

    assert copy_context().run(in_chicago) == (
        "Sunrise Scholars is due Wednesday, March 4 at 8:00 am Central Time: 3 days left."
    )
    assert plan_fact_answer("what's my next deadline?", plan) == (
        "Your next deadline: Sunrise Scholars is due Wednesday, March 4 at 2:00 pm UTC: "
        "3 days left."
    )
    assert plan_fact_answer("What's most urgent on my plan?", plan) == plan_fact_answer(
        "what's my next deadline?", plan
    )
    assert plan_fact_answer("which of my scholarships is due soonest?", plan) == (
        plan_fact_answer("what's my next deadline?", plan)
    )


def test_a_sent_an_untracked_or_a_passed_application_is_said_as_such() -> None:
    plan = make_plan()
    assert plan_fact_answer("when is the river city one due?", plan) == (
        "River City Award is already submitted: its deadline no longer matters."
    )
    assert (plan_fact_answer("when is the gates one due?", plan) or "").startswith(
        "I don't see “gates” among the applications you track"
    )
    later = plan.model_copy(update={"as_of": NOW + timedelta(days=4)})
    assert plan_fact_answer("when is the sunrise one due?", later) == (
        "Sunrise Scholars was due Wednesday, March 4 at 2:00 pm UTC: that deadline has passed."
    )


def test_how_many_are_tracked_by_where_they_stand() -> None:
    assert plan_fact_answer("how many am i tracking?", make_plan()) == (
        "You track 4 applications: 3 open (Sunrise Scholars, Future Teachers Fund and "
        "Community Leaders Grant); 1 sent and waiting (River City Award)."
    )


def test_the_scholarship_coach_answers_them_in_the_chat() -> None:
    replies = drive(
        pack(SCHOLARSHIP),
        ["how much have i won so far?", "when is the sunrise one due?"],
        plan=make_plan(),
    )
    assert replies[0].startswith("Nothing is recorded as won yet.")
    assert "beyond what I can answer" not in " ".join(replies)
    assert replies[1].startswith("Sunrise Scholars is due Wednesday, March 4 at 2:00 pm UTC")


def test_an_answer_about_the_plan_never_parks_what_it_just_said() -> None:
    """A browser audit: "Your next deadline: … 3 days left. For now, let's park the deadline
    you're working to. What good looks like: …" once the session's questions ran out."""
    texts = [
        "hi",
        "i won the river city award!",
        "how much have i won so far?",
        "how many am i tracking?",
        "when is sunrise due?",
        "whats my next deadline",
        "how much have i won so far?",
    ]
    replies = drive(pack(SCHOLARSHIP), texts, plan=make_plan())
    assert replies[5].startswith("Your next deadline: Sunrise Scholars is due")
    assert not any("let's park" in r for r in replies[2:]), replies


def test_a_deadline_given_only_as_a_day_is_not_said_to_the_minute() -> None:
    """A listing gives the day; the app stores it as 23:59 UTC. An audit's coach told a
    student in Los Angeles "due Tuesday, March 2 at 3:59 pm" as if the sponsor had said so."""
    day_only = NOW.replace(hour=23, minute=59, second=0, microsecond=0) + timedelta(days=3)
    plan = make_plan()
    tracked = [t.model_copy(update={"deadline": day_only}) for t in plan.tracked[:1]]
    plan = plan.model_copy(update={"tracked": [*tracked, *plan.tracked[1:]]})

    def in_los_angeles() -> str | None:
        clock.use_zone(ZoneInfo("America/Los_Angeles"))
        return plan_fact_answer("when is the sunrise one due exactly? and what time", plan)

    answer = copy_context().run(in_los_angeles) or ""
    day = clock.weekday_date(day_only, NOW)
    assert answer.startswith(f"Sunrise Scholars is due {day}: 3 days left. The listing gives")
    assert "the day's end in UTC, 3:59 pm Pacific Time" in answer
    assert "check the sponsor's site" in answer


def test_two_questions_in_one_message_get_the_first_ones_answer() -> None:
    plan = make_plan()
    assert plan_fact_answer(
        "the sunrise is due march 4 right? what time is the deadline", plan
    ) == plan_fact_answer("when is the sunrise one due?", plan)


def test_why_one_comes_before_another() -> None:
    """ "why that one and not the gates?" got "That one's beyond what I can answer well
    here" (an audit): "that one" is the plan's first."""
    plan = make_plan()
    answer = plan_fact_answer("why that one and not the future teachers?", plan) or ""
    assert answer.startswith(
        "Sunrise Scholars is due Wednesday, March 4, sooner than Future Teachers Fund (due "
        "Friday, March 13), so it comes first."
    )
    assert "it's a guide" in answer
    assert (plan_fact_answer("why sunrise and not river city?", plan) or "").startswith(
        "River City Award is already submitted, so it needs no work now."
    )
    assert plan_fact_answer("why that one and not the gates?", plan) is None  # not tracked


def test_where_one_application_stands() -> None:
    plan = make_plan()
    assert plan_fact_answer("did i win the river city one?", plan) == (
        "River City Award is submitted, and no result is recorded yet. If you've heard back, "
        "tell me (“I won River City Award” or “I didn't get it”) and I'll record it once you "
        "confirm."
    )
    assert plan_fact_answer("did i win the sunrise scholars?", plan) == (
        "Sunrise Scholars isn't submitted yet: it's due Wednesday, March 4."
    )
    assert (plan_fact_answer("did i win the coca cola one?", plan) or "").startswith(
        "I don't see “coca cola” among the applications you track"
    )


@pytest.mark.parametrize(
    ("asked", "starts"),
    [
        # an audit's, each "beyond what I can answer" with the plan holding the date
        ("whats the sunrise deadline", "Sunrise Scholars is due"),
        ("whats the deadlin for the future teachers one", "Future Teachers Fund is due"),
        ("what is the due date for sunrise", "Sunrise Scholars is due"),
        ("whats the deadline", "Your next deadline: Sunrise Scholars is due"),
        ("how much is sunrise worth", "The listing for Sunrise Scholars gives no amount"),
    ],
)
def test_a_plan_fact_asked_in_other_words(asked: str, starts: str) -> None:
    [reply] = drive(pack(SCHOLARSHIP), [asked], plan=make_plan())
    assert reply.startswith(starts)
