"""A learner who already sent money or bank details to a likely scholarship scam
(coach/scam_sent.py): what to do today, in the same words from every coach, and no score."""

from __future__ import annotations

import pytest

from coach.learner_intents import unscored_reason
from coach.news import SCAM_REASON, unscored_news
from coach.offline_coach import compose_reply
from coach.red_flags import harm_flag
from coach.scam_sent import (
    SCAM_QUESTION_REPLY,
    SCAM_SENT_REASON,
    SCAM_SENT_REPLY,
    SCAM_STEP_REASON,
    SCAM_STEP_REPLY,
    scam_follow_up,
    scam_reason,
    sent_to_scam,
    warned_of_scam,
)
from tests.unit.offline_coach_cases import SCHOLARSHIP, make_plan, pack

WARNING = "Don't pay it: an award that charges to pay out is a scam."

SENT = [
    # said in the same message as the offer's signs
    "i won 5000 but they wanted a 75 processing fee so i paid it already",
    "They said I won and needed a $40 release fee, I already sent the $40 on Venmo",
    "I gave them my bank account info so they could deposit the award, they said a release "
    "fee comes out of it",
    "the winner email asked for a processing fee and my mom already paid it with her card",
]
SENT_AFTER_WARNING = [
    # a coach-review audit's student, the morning after
    "I already sent them the $75 with my debit card last night, is that bad?",
    "i already paid it",
    "we paid them yesterday",
    "i gave them my card number already",
]
NOT_SENT = [
    "what if I already paid the fee?",
    "I didnt pay, I ignored it",
    "I never paid them anything",
    "I sent them an email asking about the deadline",
    "ok i sent it in",
    "I submitted my SSN on the FAFSA",
    "I paid the $75 application fee for UCLA",
    # about to pay is an answer the red flag scores (coach/rubric.py), not this
    "I got an email saying I won a $5,000 scholarship, they need a $75 processing fee. "
    "I'm going to pay it today.",
]


@pytest.mark.parametrize("text", SENT)
def test_money_sent_with_the_scam_signs_in_the_same_message(text: str) -> None:
    assert sent_to_scam(text)
    assert scam_reason(text, "What year are you in?") == SCAM_SENT_REASON


@pytest.mark.parametrize("text", SENT_AFTER_WARNING)
def test_money_sent_right_after_the_coach_called_it_a_scam(text: str) -> None:
    assert not sent_to_scam(text)  # on its own, "i already paid it" could be anything
    assert warned_of_scam(WARNING)
    assert sent_to_scam(text, after_warning=True)
    assert scam_reason(text, WARNING) == SCAM_SENT_REASON


@pytest.mark.parametrize("text", NOT_SENT)
def test_supposed_refused_legitimate_or_not_yet_paid_is_not_sent(text: str) -> None:
    assert not sent_to_scam(text, after_warning=True)


def test_the_coach_says_what_to_do_today_and_nothing_else() -> None:
    """The audit's reply was "do not pay" to someone who had paid, and a plan question."""
    said = SENT_AFTER_WARNING[0]
    reply, _ = compose_reply(said, pack=pack(SCHOLARSHIP), plan=make_plan(), question=WARNING)
    assert reply == SCAM_SENT_REPLY
    assert "bank or card company" in reply and "reportfraud.ftc.gov" in reply
    assert "not your fault" in reply and "do not pay" not in reply.lower()


def test_the_next_short_message_is_acknowledged_then_coaching_goes_on() -> None:
    step, _ = compose_reply(
        "ok i called the bank", pack=pack(SCHOLARSHIP), plan=make_plan(), question=SCAM_SENT_REPLY
    )
    assert step.startswith(SCAM_STEP_REPLY) and len(step) > len(SCAM_STEP_REPLY)
    asked = "will i get my money back?"
    assert scam_follow_up(asked, SCAM_SENT_REPLY) == SCAM_QUESTION_REPLY
    assert scam_follow_up(asked, f"{SCAM_STEP_REPLY} What year are you in?") == (
        SCAM_QUESTION_REPLY
    )
    assert scam_follow_up("ok", f"{SCAM_STEP_REPLY} What year are you in?") is None
    assert scam_follow_up("i'm a senior studying nursing", "What year are you in?") is None
    assert scam_reason("ok i called the bank", SCAM_SENT_REPLY) == SCAM_STEP_REASON


def test_about_to_pay_an_offer_is_an_answer_the_red_flag_scores() -> None:
    """A coach-review audit: "…I'm going to pay it today" was kept unscored as "an offer to
    check" while a longer message saying the same scored 2/10 with a red flag."""
    said = (
        "I got an email saying I won a $5,000 scholarship I never applied for, they just need "
        "a $75 processing fee to release it. I'm going to pay it today so I don't lose the money."
    )
    assert unscored_news(said) is None and unscored_reason(said) is None
    assert harm_flag(said, SCHOLARSHIP) is not None
    checking = "I won $5,000 but they want a $75 processing fee to release it. Is that normal?"
    assert unscored_news(checking) == SCAM_REASON
