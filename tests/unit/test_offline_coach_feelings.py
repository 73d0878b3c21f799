"""The offline coach meeting a feeling: said in a few words, a worry, self-doubt or hurt inside a
longer message, put-downs before a red flag, and someone else's feeling quoted; answered,
never critiqued or scored (coach/feelings.py, coach/offline_coach/reply_openers.py)."""

from __future__ import annotations

import pytest

from coach.feelings import BACK_WHEN_READY, HURT_REPLY, LOW_REPLY
from coach.learner_intents import FEELING, unscored_reason
from tests.unit.offline_coach_cases import (
    ARCH,
    COMMS,
    ONBOARDING,
    SALES,
    SCHOLARSHIP,
    drive,
    pack,
    reply,
)


@pytest.mark.parametrize(
    ("domain_id", "statement", "content"),
    [
        (ONBOARDING, "It's my first week as a backend engineer. I feel lost.", "Nobody learns"),
        (ONBOARDING, "I feel like I'm falling behind everyone else.", "Feeling slow in week one"),
        (SCHOLARSHIP, "I keep procrastinating on the essay.", "Make the step smaller"),
        (SCHOLARSHIP, "I feel like giving up on all of this", "Feeling that way"),
        (SCHOLARSHIP, "maybe I'm just not good enough", "Feeling that way"),
    ],
)
def test_a_feeling_said_in_a_few_words_is_answered_not_critiqued(
    domain_id: str, statement: str, content: str
) -> None:
    out = reply(statement, domain_id=domain_id)
    assert out.startswith(content) and "You said:" not in out


def test_an_impostor_feeling_is_answered_not_critiqued() -> None:
    out = drive(pack(ONBOARDING), ["i feel like everyone is way smarter than me"])[0]
    assert "What's missing" not in out and "You said" not in out


def test_a_worry_said_alone_gets_its_answer_though_it_says_ill() -> None:
    """A re-audit: "I'm worried I'll break prod in week one." was critiqued ("What's missing:
    a hands-on step"): the worry's own "I'll" counted as a plan."""
    out = drive(pack(ONBOARDING), ["I'm worried I'll break prod in week one."])[0]
    assert not out.startswith("You said:"), out


def test_a_feeling_after_ugh_is_answered_not_set_aside() -> None:
    """A run-through: "ugh i'm so behind on everything" got "That's outside scholarship
    coaching"."""
    out = reply("ugh i'm so behind on everything", round_number=3, domain_id=SCHOLARSHIP)
    assert out.startswith("That pressure is real")
    assert unscored_reason("ugh i'm so behind on everything") == "a feeling shared, not an answer"


DOUBT = {
    ONBOARDING: "I started 3 days ago and honestly everyone in standup talks about things I've "
    "never heard of. I feel like they made a mistake hiring me.",
    ARCH: "i don't have numbers, this isn't about numbers. i just feel like i'm bad at this job",
    COMMS: "I've done this for a year and I'm not asking for a script. I feel like a fraud.",
    SALES: "Third lost deal this month and my manager noticed. I feel like a fraud honestly.",
    SCHOLARSHIP: "whatever. i dont even know why i bother, everyone else has better grades",
}


@pytest.mark.parametrize("domain_id", sorted(DOUBT))
def test_doubt_in_a_longer_message_is_answered_by_the_coach_not_critiqued_or_scored(
    domain_id: str,
) -> None:
    """An audit: "…I feel like they made a mistake hiring me" got "What's missing: the
    technical detail" and 5/10; "i just feel like i'm bad at this job", "What's missing: a
    second option to compare against" and 3/10."""
    text = DOUBT[domain_id]
    [doubt] = [a for a in pack(domain_id).answers if a.id in ("doubt", "imposter")]
    assert doubt.said
    out = reply(text, domain_id=domain_id)
    assert out == f"{doubt.answer} {BACK_WHEN_READY}"
    assert unscored_reason(text) == FEELING


def test_being_put_down_and_in_tears_is_met_with_sorry_by_any_coach() -> None:
    """An audit: "…screamed at me… i ended up crying in the break room" got essay feedback
    ("add one detail only you could write"), then "i cried at work" was scored 3/10."""
    for text in (
        "a guy at the call center screamed at me today and called me useless and i ended up "
        "crying in the break room. i don't know if i can keep doing this job",
        "what? this isn't an essay. i'm telling you i cried at work",
    ):
        for domain_id in (COMMS, ONBOARDING):
            assert reply(text, domain_id=domain_id) == f"{HURT_REPLY} {BACK_WHEN_READY}"
        assert unscored_reason(text) == FEELING


def test_put_down_or_self_doubt_comes_before_a_red_flag() -> None:
    """A re-audit: "my buddy told me my code was garbage in front of the team" got "Stop
    there: insulting, mocking or belittling… a colleague" and 1/10; "I'm such an idiot, I
    messed up the demo again" the same; "why i bother, nobody reads my design docs anyway" a
    red flag for deception. The learner is the one put down."""
    put_down = reply(
        "my buddy told me my code was garbage in front of the team", domain_id=ONBOARDING
    )
    assert put_down == f"{HURT_REPLY} {BACK_WHEN_READY}"
    for text in (
        "I'm such an idiot, I messed up the demo again",
        "why i bother, nobody reads my design docs anyway",
    ):
        out = reply(text, domain_id=ARCH)
        assert out.startswith("That's discouraging") and "Stop there" not in out, out
        assert unscored_reason(text) == FEELING


def test_a_feeling_quoted_from_the_customer_is_not_the_learners() -> None:
    text = (
        "the customer told me 'I feel like a failure' when her practice lost money, and I "
        "just listened"
    )
    assert "almost every seller has it" not in reply(text, domain_id=SALES)


@pytest.mark.parametrize(
    ("domain_id", "text"),
    [
        (ONBOARDING, "I hate my life"),
        (SCHOLARSHIP, "nobody cares anyway"),
        (SALES, "what's the point"),
        (ARCH, "I give up"),
    ],
)
def test_low_in_a_few_words_is_met_with_care_and_where_help_is(domain_id: str, text: str) -> None:
    """An audit: "I hate my life" got "What's missing: the technical detail" and 2/10;
    "nobody cares anyway", "That does not answer the coach's question" and 1/10."""
    assert reply(text, domain_id=domain_id, round_number=3) == f"{LOW_REPLY} {BACK_WHEN_READY}"
    assert unscored_reason(text) == FEELING


def test_a_sigh_alone_is_a_feeling_not_off_topic() -> None:
    """An audit: "ugh" after a hard message got "That's outside onboarding, so I'll leave
    it"."""
    for text in ("ugh", "ughhh", "sigh..."):
        out = reply(text, domain_id=ONBOARDING, round_number=3)
        assert "outside" not in out and "What's missing" not in out, out
        assert unscored_reason(text) == FEELING


def test_whats_the_point_of_a_thing_is_a_question_about_it() -> None:
    """A recheck: "what's the point of the FAFSA if my parents make too much?" got the
    answer to self-doubt."""
    out = reply(
        "what's the point of the FAFSA if my parents make too much?",
        domain_id=SCHOLARSHIP,
        round_number=3,
    )
    assert out.startswith("File the FAFSA"), out
    assert reply("what's the point of applying", domain_id=SCHOLARSHIP).startswith("Feeling")
