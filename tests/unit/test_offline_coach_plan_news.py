"""The scholarship coach hearing news of the plan as students say it: a submission, a win,
a loss, a pick, a fix for something gone wrong, progress not asked for again."""

from __future__ import annotations

import pytest

from coach.learner_intents import unscored_reason
from coach.news import NEWS_REASON, unscored_news
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
)


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


def test_a_rejection_after_heard_back_is_met_as_news_and_not_scored() -> None:
    """An audit: "I heard back, rejected" got "What's missing: a smaller piece" and 2/10."""
    for plan in (make_plan(), make_plan().model_copy(update={"top3": [], "tracked": []})):
        out = drive(pack(SCHOLARSHIP), ["hi", "I heard back, rejected"], plan=plan)[1]
        assert out.startswith("I'm sorry — a rejection stings"), out
        assert out.endswith("application that was turned down would you reuse first?")
    assert unscored_news("I heard back, rejected") == NEWS_REASON


def test_a_win_with_nothing_tracked_promises_no_confirmation() -> None:
    """An audit: with nothing on the plan, "I got it!" was told to "confirm the award (here
    when I ask…)", and nothing was ever asked."""
    empty = make_plan().model_copy(update={"top3": [], "check_ins": [], "tracked": []})
    out = drive(pack(SCHOLARSHIP), ["hi", "I got it!"], plan=empty)[1]
    assert out.startswith("Congratulations") and "confirm" not in out, out
    assert "confirm the award" in drive(pack(SCHOLARSHIP), ["hi", "I got it!"], plan=make_plan())[1]


def test_ok_i_got_it_is_understanding_for_every_coach() -> None:
    """An audit's architecture coach answered "ok I got it" with "Congratulations — an
    approved design is a real milestone"."""
    for domain_id in (ARCH, SALES, COMMS, ONBOARDING):
        for text in ("ok I got it", "I got it!"):
            out = drive(pack(domain_id), ["hi", text])[1]
            assert "Congratulations" not in out, (domain_id, text, out)
    assert drive(pack(SALES), ["hi", "I closed the deal!"])[1].startswith("Congratulations")


def test_i_submitted_it_is_the_one_just_asked_about_and_the_coach_moves_on() -> None:
    """An audit: "I submitted it", to "…the next piece of Hometown you'll do?", was asked
    about Hometown again."""

    def submitted_it(question: str) -> tuple[str, CoachMemory]:
        return compose_reply(
            "I submitted it",
            pack=pack(SCHOLARSHIP),
            round_number=3,
            plan=make_plan(),
            plan_aware=True,
            question=question,
        )

    out, memory = submitted_it(
        "Good. What's the next piece of Sunrise Scholars you'll do, and when?"
    )
    assert memory.reported == ["Sunrise Scholars"]
    assert out.startswith("Congratulations on submitting") and "Future Teachers Fund" in out
    # asked about none in particular, it is none in particular
    _, unsure = submitted_it("How is it going?")
    assert unsure.reported == []
