"""The offline coach for a returning adult and the way people really type: an audit as Maria
(34, works nights as a CNA, two kids, nursing at a community college) found her questions
answered as a high-school senior's, or with the wrong answer: "how do i no if a scolarship
is real" got "beyond what I can answer", an essay and "pay my rent" got the fee warning,
"I'm sick of it" got "rest comes first"."""

from __future__ import annotations

import pytest

from coach.learner_intents import unscored_reason
from coach.offline_coach.reply import BEYOND_ME
from tests.unit.offline_coach_cases import COMMS, ONBOARDING, SCHOLARSHIP, reply

SCAM_ANSWER = "Real scholarships don't charge fees"
FEE_WARNING = "Don't pay it"


@pytest.mark.parametrize(
    "asked",
    [
        "how do i know if a scholarship is real?",
        "how do i no if a scolarship is real",
        "is the Gates scholarship real?",
        "how can I spot a fake scholarship",
        "is this email legit",
    ],
)
def test_asked_whether_a_scholarship_is_real_the_coach_says_how_to_tell(asked: str) -> None:
    said = reply(asked, 2, SCHOLARSHIP)
    assert said.startswith(SCAM_ANSWER)
    assert "financial aid office" in said
    assert BEYOND_ME not in said


def test_a_real_deadline_is_not_a_scam_question() -> None:
    assert SCAM_ANSWER not in reply("is this a real deadline?", 2, SCHOLARSHIP)


def test_paying_the_rent_is_not_an_application_fee() -> None:
    said = reply(
        "I need to pay my rent first and then I'll work on the Rankin application on Saturday "
        "at 10am",
        2,
        SCHOLARSHIP,
    )
    assert FEE_WARNING not in said and SCAM_ANSWER not in said


@pytest.mark.parametrize(
    "asked",
    [
        "do i need my parents info on the fafsa? im 34 and they dont support me",
        "im 34, do i count as independent on the fafsa?",
    ],
)
def test_an_adult_asking_about_the_fafsa_hears_they_are_independent(asked: str) -> None:
    said = reply(asked, 2, SCHOLARSHIP)
    assert said.startswith("At 24 or older you're an independent student on the FAFSA")
    assert "I won't ask about your family's finances" not in said


def test_a_dependent_student_still_hears_how_a_parent_contributes() -> None:
    said = reply("do I need my parents info for fafsa", 2, SCHOLARSHIP)
    assert said.startswith("If you're a dependent student (most students under 24)")


def test_too_late_to_go_back_to_school_is_not_a_missed_deadline() -> None:
    said = reply("I'm 34, is it too late for me to go back to school?", 2, SCHOLARSHIP)
    assert said.startswith("It isn't too late")
    assert "email the sponsor" not in said
    # a missed deadline still gets its answer
    assert "email the sponsor" in reply("I missed the deadline", 2, SCHOLARSHIP)


def test_a_working_parent_short_of_time_gets_the_smaller_step() -> None:
    said = reply(
        "I work nights 7p to 7a and have 2 kids, when am i supposed to find time", 2, SCHOLARSHIP
    )
    assert said.startswith("Make the step smaller")


@pytest.mark.parametrize(
    "asked",
    [
        "im 34 and want to study nursing, what scholarships can i get?",
        "scholarships for single moms?",
    ],
)
def test_what_scholarships_can_i_get_is_answered_with_where_to_look(asked: str) -> None:
    said = reply(asked, 2, SCHOLARSHIP)
    assert said.startswith("Look local first")
    assert "your employer" in said


@pytest.mark.parametrize(
    ("said_to", "domain_id"),
    [
        ("MY MANAGER NEVER LISTENS TO ME AND I AM SICK OF IT", COMMS),
        ("I'm sick of my coworker taking credit for my work", COMMS),
        ("im sick and tired of this job", ONBOARDING),
    ],
)
def test_sick_of_it_is_frustration_not_illness(said_to: str, domain_id: str) -> None:
    assert "not feeling well" not in reply(said_to, 1, domain_id)


def test_sick_is_still_illness() -> None:
    assert "not feeling well" in reply("im sick today, fever", 1, COMMS)


def test_frustration_about_someone_is_the_story_not_an_aside() -> None:
    said = reply("ugh whatever. she wont listen to me", 1, COMMS)
    assert "outside communication coaching" not in said


@pytest.mark.parametrize(
    ("said_to", "domain_id", "answer"),
    [
        (
            "I HAVE APPLIED TO 10 SCHOLARSHIPS AND GOT NOTHING. WHY DO I EVEN BOTHER",
            SCHOLARSHIP,
            "Feeling that way after a hard stretch is common",
        ),
        ("I HAVE BEEN STUCK FOR THREE DAYS", ONBOARDING, "Use the 15-minute rule"),
        ("ive been stuck on this bug for 3 days", ONBOARDING, "Use the 15-minute rule"),
    ],
)
def test_discouraged_or_stuck_is_answered_and_not_scored(
    said_to: str, domain_id: str, answer: str
) -> None:
    """An audit: "WHY DO I EVEN BOTHER" got "What's missing: the date", 5/10; "I HAVE BEEN
    STUCK FOR THREE DAYS" scored 7, "has a paced plan to learn"."""
    assert reply(said_to, 2, domain_id).startswith(answer)
    assert unscored_reason(said_to) == "a feeling shared, not an answer"


@pytest.mark.parametrize(
    ("asked", "answer"),
    [
        ("who should write my letter? my charge nurse at work maybe?", "Ask someone who knows"),
        ("does my job pay for school?", "Many employers do"),
        ("can i still get scholarships if im only going part time?", "Often, yes."),
    ],
)
def test_an_adults_everyday_questions_are_answered(asked: str, answer: str) -> None:
    """Each got "That one's beyond what I can answer well here" in the audit."""
    said = reply(asked, 2, SCHOLARSHIP)
    assert said.startswith(answer)
    assert BEYOND_ME not in said


def test_working_part_time_is_not_studying_part_time() -> None:
    assert "Often, yes." not in reply(
        "i work part time at target, is that a problem?", 2, SCHOLARSHIP
    )
