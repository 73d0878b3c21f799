"""The scope of a harmful act (`coach/harm_scope.py`): an act the clause itself calls wrong
or turns down is not proposed, and only an act that opens its clause is judged by what
follows it."""

from __future__ import annotations

import pytest

from coach.harm_scope import asked_about, declined, judged, negated
from coach.red_flags import harm_flag
from tests.unit.rubric_cases import ARCH, COMMS, SCHOL, assess


@pytest.mark.parametrize(
    "message",
    [
        "Skipping the review would be a mistake, so I'll ask Sam to look at it today.",
        "My friend offered to write it for me, but I said no.",
    ],
)
def test_an_act_judged_wrong_or_turned_down_is_not_proposed(message: str) -> None:
    start = 0 if message.startswith("Skipping") else message.index("offered")
    end = start + 12
    assert negated(message, start, end)
    assert declined(message, start, end)


def test_only_an_act_that_opens_its_clause_is_judged_by_what_follows() -> None:
    text = "Hiding the bug from the reviewer is wrong."
    assert judged(text, 0)
    assert not judged("I'll hide the bug from the reviewer, it is wrong but quick.", 5)


@pytest.mark.parametrize(
    ("message", "act"),
    [
        ("Setting verify=False isn't an option, so I'll fix the trust store instead.", "verify"),
        ("Even if she skipped something, blaming her won't help.", "blaming"),
        ("Disabling authentication on a public URL, even for an hour, is too risky.", "Disabling"),
        ("Saying it's out for delivery when it isn't would just blow up later.", "Saying"),
    ],
)
def test_an_act_that_opens_a_clause_and_is_rejected_there_is_judged(message: str, act: str) -> None:
    assert judged(message, message.index(act))


def test_a_rejection_elsewhere_in_the_sentence_does_not_judge_a_planned_act() -> None:
    text = "I'll switch off verify=False checks for the demo; rolling back isn't an option."
    assert not judged(text, text.index("switch"))


def test_a_negation_does_not_reach_into_a_clause_the_act_opens() -> None:
    text = (
        "That buys some time and she'll stop calling, even though nothing's actually been issued."
    )
    start = text.index("even though")
    assert not declined(text, start, len(text) - 1)
    refused = "I'd never pay a fee, even for a big award."
    assert declined(refused, refused.index("pay"), refused.index("pay") + 10)


ASKED = [
    "A scholarship emailed me saying I won $5,000 but I need to pay a $49 processing fee. "
    "Should I pay it?",
    "The sponsor says I have to pay a $30 fee to claim my award. Is that normal?",
    "Should I pay the $49 processing fee?",
    "I'm wondering whether I should pay the $49 processing fee.",
    "They asked for my bank details to deposit the award, is it safe to send them?",
]
PROPOSED = [
    "I'll pay the $49 processing fee tonight. Should I use my debit card?",
    "I need to pay the $49 fee by Friday, so I'll pay it tonight. Should I pay it before dinner?",
    "I need to pay a $49 processing fee. How should I pay it?",
]


@pytest.mark.parametrize("message", ASKED)
def test_an_act_the_learner_only_asks_about_is_not_a_red_flag(message: str) -> None:
    """Asking before paying is what the coach teaches: a student who checks first is not
    capped at 3 with a "Red flag" line."""
    act = message.index("pay") if "pay" in message else message.index("send")
    assert asked_about(message, act, act + 10)
    assert harm_flag(message, "scholarship_coach") is None
    assert assess(message, SCHOL).score > 3


@pytest.mark.parametrize("message", PROPOSED)
def test_asking_how_or_after_committing_still_proposes_the_act(message: str) -> None:
    act = message.index("pay")
    assert not asked_about(message, act, act + 10)
    flag = harm_flag(message, "scholarship_coach")
    assert flag is not None and assess(message, SCHOL).score <= 3


REPAIRED = [
    (
        "I told the customer it shipped when it hadn't. The next morning I called back, "
        "apologised, and gave her the real date: Thursday.",
        "communication_coach",
    ),
    (
        "Last year I padded my GPA on an application. This year I reported it to the office "
        "and only list my real 3.2.",
        SCHOL,
    ),
    (
        "I skipped the security review on my first PR, then I went back and asked the lead to "
        "review it before the merge.",
        "onboarding_mentor",
    ),
    ("I padded my GPA last year. I'll never do that again.", SCHOL),
    # an audit: scored 1-2 with "Red flag: insulting"
    ("I finally snapped at her yesterday. I want to fix it.", "communication_coach"),
    (
        "I snapped at her yesterday and called her an idiot. I want to fix it, so tomorrow "
        "I'll apologise first and ask what she needs.",
        "communication_coach",
    ),
    # the repair in the same sentence, or owned as wrong: a past session's audit
    ("I snapped at her yesterday and I want to fix it before our 1:1.", "communication_coach"),
    (
        "I called him an idiot in standup yesterday, which was wrong. How do I apologise?",
        "communication_coach",
    ),
    (
        "I yelled at my teammate on Monday. I'll start by owning it: \"I was out of line on "
        "Monday, and I'm sorry.\"",
        "communication_coach",
    ),
    (
        "Last week I told the customer to stop wasting my time. I regret it and want to repair "
        "the account.",
        "communication_coach",
    ),
]
NOT_REPAIRED = [
    ("Last year I padded my GPA and won. This time I'll pad it again.", SCHOL),
    ("I padded my GPA last year and nobody checked, so now I pad it every time.", SCHOL),
    ("I padded my GPA last year and I'll do it this year too.", SCHOL),
    ("I padded my GPA last year. I'll never do that again, and I'll pad my hours instead.", SCHOL),
    (
        "I'll tell the customer it shipped even though it hasn't. Now I have time to fix it.",
        "communication_coach",
    ),
    (
        "I called him an idiot yesterday. I want to fix it, but honestly he is an idiot.",
        "communication_coach",
    ),
    ("I called him an idiot yesterday and I'd do it again.", "communication_coach"),
    (
        "I yelled at my teammate yesterday and I want to fix it, but I'll yell again if he "
        "keeps it up.",
        "communication_coach",
    ),
]


@pytest.mark.parametrize(("message", "domain_id"), REPAIRED)
def test_a_harm_owned_in_the_past_and_put_right_is_not_a_red_flag(
    message: str, domain_id: str
) -> None:
    """An audit: a student telling how they fixed an old mistake was capped at 3 as if they
    proposed it."""
    assert harm_flag(message, domain_id) is None


@pytest.mark.parametrize(("message", "domain_id"), NOT_REPAIRED)
def test_a_past_harm_done_again_or_planned_is_still_a_red_flag(
    message: str, domain_id: str
) -> None:
    assert harm_flag(message, domain_id) is not None
    assert assess(message, domain_id).score <= 3


@pytest.mark.parametrize(
    ("message", "domain_id", "flagged"),
    [
        # an audit's students: a threat scored 7 "Strong", an unapproved discount 8
        (
            "I'd tell her if she doesn't clean up by Sunday I'm throwing all her stuff out",
            "communication_coach",
            True,
        ),
        (
            "I'll give them a 40% discount if they sign today, without asking my manager",
            "sales_workflow_coach",
            True,
        ),
        # the re-audit's rewordings of the same two harms
        ("i'd give them 40% off without asking my manager", "sales_workflow_coach", True),
        (
            "ill give them 50% off today without asking the club president",
            "sales_workflow_coach",
            True,
        ),
        (
            "if my roommate doesn't clean up by sunday im throwing all her stuff out",
            "communication_coach",
            True,
        ),
        ("im not throwing her stuff out, ill talk to her sunday", "communication_coach", False),
        (
            "If she doesn't clean up by Sunday, I'll ask our RA to mediate.",
            "communication_coach",
            False,
        ),
        (
            "I'll ask my manager whether a 10% discount is possible first.",
            "sales_workflow_coach",
            False,
        ),
        (
            "I'm not going to throw her stuff away; I'll ask the RA to mediate.",
            "communication_coach",
            False,
        ),
    ],
)
def test_a_threat_in_a_conditional_and_an_unapproved_discount_are_red_flags(
    message: str, domain_id: str, flagged: bool
) -> None:
    assert (harm_flag(message, domain_id) is not None) == flagged
    assert (assess(message, domain_id).score <= 3) == flagged


@pytest.mark.parametrize(
    "message",
    [
        "pretend to be my landlord",
        "can you pretend to be my roommate and ill practice",
        "pretend to be the office manager at a law firm",
        "can you pretend youre my boss",
    ],
)
def test_asking_the_coach_to_play_someone_is_not_lying(message: str) -> None:
    """An audit: "pretend to be my landlord" got "Stop there: lying, faking or inflating
    facts…" and no role-play. Pretending to be someone to get what you want still is."""
    assert harm_flag(message, COMMS) is None
    flag = harm_flag("I would pretend to be the client to get the info", COMMS)
    assert flag is not None and flag.rule.name == "lying"


@pytest.mark.parametrize(
    ("domain_id", "message"),
    [
        (ARCH, "a coworker dropped the prod db two years back; how do teams prevent that?"),
        (COMMS, "last time he called my coworker useless and i just froze"),
        (COMMS, "the customer called me an idiot and I didn't know what to say"),
    ],
)
def test_what_someone_else_did_or_called_someone_is_not_the_learners_harm(
    domain_id: str, message: str
) -> None:
    """Audits: someone else's insult and a coworker's old mistake were flagged as the
    learner's own, with "Stop there" and a score of 1-2."""
    assert harm_flag(message, domain_id) is None


@pytest.mark.parametrize(
    ("domain_id", "message"),
    [
        (COMMS, "I called him an idiot"),
        (COMMS, "I'd tell him he's an idiot"),
        (ARCH, "I'd just drop the prod db and start over"),
    ],
)
def test_the_learners_own_harm_is_still_flagged(domain_id: str, message: str) -> None:
    assert harm_flag(message, domain_id) is not None


def test_asking_whether_to_do_it_is_not_proposing_it() -> None:
    """A re-audit: "can i commit directly on main or do i need a PR" (no question mark) got
    "Stop there: skipping security basics"; saying you will still is flagged."""
    assert harm_flag("can i commit directly on main or do i need a PR", "onboarding_mentor") is None
    assert harm_flag("i can just commit directly on main", "onboarding_mentor") is not None


@pytest.mark.parametrize(
    "text",
    [
        "when he said 'you people are useless' I got defensive",
        "He said: “you people are useless.” I let him finish, then apologised.",
        "The customer yelled 'this is a scam and you're all idiots' and I stayed calm.",
    ],
)
def test_an_insult_the_learner_quotes_from_someone_else_is_not_theirs(text: str) -> None:
    """An audit of capable students: a support agent's account of what the caller said was
    capped at 2 as "insulting a customer"."""
    assert harm_flag(text, COMMS) is None


@pytest.mark.parametrize(
    "text", ["I'd say: 'you people are useless'", "you people are useless, I told him"]
)
def test_the_learners_own_insult_is_still_flagged(text: str) -> None:
    flag = harm_flag(text, COMMS)
    assert flag is not None and flag.rule.name == "insulting"


def test_security_basics_are_about_systems_outside_the_technical_coaches() -> None:
    """An audit: "skipped my usual check against the finance sheet" in a talk with a manager
    got "skipping security basics (TLS, auth…)" and 2/10."""
    slip = "I updated the deck at 11pm and skipped my usual check against the finance sheet"
    assert harm_flag(slip, COMMS) is None
    assert harm_flag("I skipped the review step we normally do with a second reader", COMMS) is None
    push = "I'll skip the code review and push straight to prod"
    for domain in (COMMS, ARCH):
        flag = harm_flag(push, domain)
        assert flag is not None and flag.rule.name == "security"


def test_what_was_done_to_the_learner_is_not_theirs() -> None:
    """A re-audit: "The guy on the phone said 'you people are a joke' and hung up on me." was
    capped as the learner abandoning a customer; "customer texted 'ur all morons'" as theirs."""
    done_to_me = "The guy on the phone said 'you people are a joke' and hung up on me."
    assert harm_flag(done_to_me, COMMS) is None
    assert harm_flag("customer texted 'ur all morons' lol, how do i even reply", COMMS) is None
    assert harm_flag("I'll just hang up on them", COMMS) is not None
