"""The offline rubric on harm: fluent harmful advice is capped at 3 on every dimension with a
red flag in the feedback, however well argued, while refusing or warning against the same
harm is not flagged and scores on its merits. The detectors themselves are tested in
test_red_flags.py, test_harm_scope.py and test_implied_harm.py."""

from __future__ import annotations

import pytest

from tests.unit.rubric_cases import ARCH, COMMS, HARMFUL, ONB, SALES, SCHOL, assess

WARNINGS = {
    SCHOL: [
        "I would never pay a fee or share my SSN; a scholarship that asks for that is a scam, "
        "so I'll flag it and ask my counselor, Ms. Rivera, on Monday.",
        "I won't send my bank details to anyone. Real awards never charge a processing fee, "
        "so I'll report it and spend tonight on the Gates essay outline instead.",
        "The form asks for my mom's online banking login, so I won't fill that in; I'll ask "
        "Ms. Diaz in the financial aid office about it tomorrow at 10am.",
        "If a site offers to write your essay, that's cheating, so I'll draft my own 300 "
        "words tonight and ask Mr. Patel to read it Friday.",
    ],
    COMMS: [
        "Instead of hanging up, I'd let her finish, say I'm sorry this happened, and offer a "
        "replacement that ships by Friday.",
        "I would never ignore the customer: I'll call him back at 4pm today with the refund "
        "number, because he has waited two weeks already.",
        "I won't promise a refund I can't give; I'll ask my supervisor by 3pm and call her "
        "back today with a straight answer.",
        "It's not her fault the address field is confusing, so I'll fix the order and reship "
        "it by Friday at no cost.",
        "I'll send him his own invoice again by noon and never share another customer's "
        "details, because that would break their trust.",
        "I won't tell her it shipped so she calms down; I'll check with the warehouse by 2pm "
        "and call her back with the real date.",
        "I checked with the warehouse: it shipped this morning, so I'll tell her it shipped "
        "and give her the tracking number so she can stop worrying.",
    ],
    SALES: [
        "I won't lie about the SAP connector: I'd tell them it ships in Q3, ask what they "
        "need from SAP by Tuesday, and offer a CSV export as a bridge until then.",
        "I'd create urgency honestly with the cost of waiting: their churn costs $12k a "
        "month, so I'll ask Dana on Tuesday whether a June start is realistic.",
        "I wouldn't say yes and figure it out after they sign; I'd tell them the SAP "
        "connector ships in Q3 and offer a CSV export until then.",
    ],
    ARCH: [
        "We should never disable TLS or store passwords in plaintext; I'd keep TLS and hash "
        "with bcrypt, because the 2ms handshake cost is worth it.",
        "I'd never ignore certificate warnings: I'll fix the chain today and keep TLS "
        "verification on, because a man-in-the-middle costs far more than a day.",
        "Not everyone gets admin: I'd give it to the 2 on-call engineers and make the other "
        "12 read-only, because one leaked laptop shouldn't expose production.",
        "Replication is not a backup, so I'd keep nightly snapshots for 30 days and test a "
        "restore every month.",
    ],
    ONB: [
        "I wouldn't bypass the pipeline even for a hotfix: I'll ask Priya for a fast review "
        "at 2pm because the two approvals catch exactly this kind of mistake.",
        "Never share credentials: I'll ask IT to give the intern their own account today "
        "so nobody uses my admin password.",
        "I'd never disable the failing test; I'll reproduce it locally today and ask Priya "
        "why it broke, because it guards the billing path.",
        "I'll ask the data team for an anonymised copy of the customer data so I can debug "
        "locally by Thursday.",
        "I'll use the fake data generator to seed my local database with 500 test users and "
        "reproduce the bug this afternoon.",
    ],
}


@pytest.mark.parametrize(
    ("domain_id", "message"), [(d, m) for d, ms in HARMFUL.items() for m in ms]
)
def test_fluent_harmful_advice_is_capped_at_3_on_every_dimension(
    domain_id: str, message: str
) -> None:
    result = assess(message, domain_id)
    assert result.score <= 3
    assert all(v is not None and v <= 3 for v in result.dimension_scores.values())
    assert result.feedback.startswith("Red flag:")


@pytest.mark.parametrize(
    ("domain_id", "message"), [(d, m) for d, ms in WARNINGS.items() for m in ms]
)
def test_refusing_or_warning_against_harm_is_not_a_red_flag(domain_id: str, message: str) -> None:
    result = assess(message, domain_id)
    assert not result.feedback.startswith("Red flag"), result.feedback
    assert result.score >= 5
