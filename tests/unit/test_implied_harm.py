"""Harm the answer implies rather than names, read across clauses and sentences: a claim the
learner admits is untrue, invented evidence, another customer's details used to reassure or
persuade, someone else writing graded work, and hiding work from its reviewer. Each harmful
probe has benign look-alikes (the honest claim, the cited source, the customer addressed, the
proofreading cousin, the open PR) that must not be flagged. The probes are written for these
tests, not taken from the labelled rounds."""

from __future__ import annotations

import pytest

from coach.answer_text import normalise
from coach.red_flags import harm_flag
from tests.unit.test_rubric import ARCH, COMMS, ONB, SALES, SCHOL, assess

# the concept each family is expected under, or an older family that already names it
FAMILIES = {
    "false_claim": {"false_claim", "invented_evidence", "lying", "deceiving"},
    "invented_evidence": {"invented_evidence", "false_claim", "lying"},
    "disclosing_others": {"disclosing_others", "privacy"},
    "ghostwriting": {"ghostwriting", "lying"},
    "concealing": {"concealing", "deceiving", "security", "abandoning"},
}

IMPLIED_HARM = [
    (
        "false_claim",
        SALES,
        None,
        "I'll tell the buyer our onboarding takes two days. It doesn't, but they won't sign "
        "otherwise.",
    ),
    (
        "false_claim",
        SALES,
        None,
        "Say the discount expires tonight - it doesn't really, but urgency helps.",
    ),
    (
        "false_claim",
        COMMS,
        None,
        "I'd tell her the refund went out yesterday. That's not really true, but it buys us time.",
    ),
    (
        "false_claim",
        SALES,
        None,
        "I'll mention we have a waitlist for onboarding slots; we don't, but it makes us look "
        "busy.",
    ),
    (
        "false_claim",
        SALES,
        None,
        "There's no other bidder, but I'll tell them there is so they move faster.",
    ),
    (
        "false_claim",
        SCHOL,
        None,
        "I'll write that I led the robotics club. I didn't actually lead it, I just went to "
        "meetings.",
    ),
    (
        "false_claim",
        ONB,
        None,
        "I'll tell my lead the tests pass on my machine. They don't, but I'll fix them later.",
    ),
    (
        "false_claim",
        COMMS,
        None,
        "I'll assure him the engineers are already on it. None of that is true yet.",
    ),
    (
        "invented_evidence",
        SALES,
        None,
        "I'll say our clients cut admin time by 40%. We don't have data on that, but it "
        "sounds right.",
    ),
    (
        "invented_evidence",
        SALES,
        None,
        "I'd quote a 3x ROI from a case study with a hospital group - I'll make that one up.",
    ),
    (
        "invented_evidence",
        SALES,
        None,
        "I'll invent a couple of testimonials from happy clinic managers for the deck.",
    ),
    (
        "invented_evidence",
        SALES,
        None,
        "Show them a survey where 92% of users preferred us; there's no survey, but nobody asks.",
    ),
    (
        "invented_evidence",
        SCHOL,
        None,
        "In the essay I'll cite a study saying 80% of first-gen students drop out. I never "
        "actually found a source.",
    ),
    (
        "invented_evidence",
        SALES,
        None,
        "I'll use the 25% figure from the pilot. It was really more like 12%, so I'll round it up.",
    ),
    (
        "invented_evidence",
        ARCH,
        None,
        "I'll make up some benchmark numbers for the design doc so the team picks Postgres.",
    ),
    (
        "disclosing_others",
        COMMS,
        "A customer at Oakview Physio asks if the billing bug hit anyone else. Reply.",
        "You're not the only one: Summit Sports Clinic was double-charged $1,200 last week, "
        "so it's definitely on our side.",
    ),
    (
        "disclosing_others",
        SALES,
        "The prospect asks whether other clinics had trouble migrating.",
        "Honestly a few did. Parkside Family Medicine lost two days of bookings in the "
        "switch, but we've fixed that process now.",
    ),
    (
        "disclosing_others",
        COMMS,
        None,
        "Don't worry, it happened to others too. Dr. Okafor's practice had the same outage on "
        "Tuesday and missed 20 appointments.",
    ),
    (
        "disclosing_others",
        SALES,
        None,
        "For example, Greenleaf Dental pays $38 a seat after we negotiated, so I can match "
        "that for you.",
    ),
    (
        "disclosing_others",
        COMMS,
        "The school office at Westbrook Prep says their portal is down. Reply.",
        "Sorry about this! Similar issue at Hillcrest Academy this morning - they complained "
        "that 300 parents couldn't log in either.",
    ),
    (
        "ghostwriting",
        SCHOL,
        None,
        "I'll jot down bullet points tonight. My sister is an English major, so she'll write "
        "the essay from them by Thursday.",
    ),
    (
        "ghostwriting",
        SCHOL,
        None,
        "I'm sending my notes to a tutor I found online. He writes the full statement and I "
        "submit it Friday.",
    ),
    (
        "ghostwriting",
        SCHOL,
        None,
        "Tonight I'll paste my outline into ChatGPT and it will write the whole essay, then "
        "I'll tweak a few words.",
    ),
    (
        "ghostwriting",
        SCHOL,
        None,
        "My friend Marco is a great writer. He offered to draft my personal statement in my "
        "voice, so I'll let him.",
    ),
    (
        "ghostwriting",
        SCHOL,
        None,
        "I'll give my rough ideas to my aunt, who will polish them into the final essay "
        "before the deadline.",
    ),
    (
        "ghostwriting",
        SCHOL,
        None,
        "My cousin will write it for me this weekend and I'll put my name on it Monday.",
    ),
    (
        "concealing",
        ONB,
        None,
        "I'll merge the hotfix myself tonight; nobody needs to know I skipped the review.",
    ),
    (
        "concealing",
        ONB,
        None,
        "I won't tell my manager about the failed migration until I've quietly fixed it.",
    ),
    (
        "concealing",
        ONB,
        None,
        "I'll disable the flaky test and leave it out of the PR description so the reviewer "
        "doesn't notice.",
    ),
    (
        "concealing",
        SCHOL,
        None,
        "I'll change the date on the form and not mention it to my counselor.",
    ),
    (
        "concealing",
        ARCH,
        None,
        "I'll bump the instance size on the prod account and keep it from my lead until the "
        "budget review is over.",
    ),
    (
        "false_claim",
        SALES,
        None,
        "I'd let them know the beta spots are almost gone. They aren't, but scarcity closes deals.",
    ),
    (
        "false_claim",
        COMMS,
        None,
        "Tell him the technician is on the way. He isn't, we haven't even booked one.",
    ),
    (
        "invented_evidence",
        SALES,
        None,
        "I'll show a slide saying 9 out of 10 clinics renew. I made that number up, but it's "
        "probably close.",
    ),
    (
        "invented_evidence",
        SCHOL,
        None,
        "I'll add a quote from my principal praising my leadership - she never actually said it.",
    ),
    (
        "disclosing_others",
        SALES,
        "The buyer at Kestrel Vets asks what others pay.",
        "Sure: Maple Grove Animal Hospital pays $29 a seat, so you're getting a better deal.",
    ),
    (
        "ghostwriting",
        SCHOL,
        None,
        "My older brother knows the prompt well. He's going to write the supplement essays "
        "this weekend while I study.",
    ),
    (
        "ghostwriting",
        SCHOL,
        None,
        "I found an essay service online; they'll write it in my voice for $80.",
    ),
    (
        "concealing",
        ONB,
        None,
        "I'll push the config change straight to prod and not tell the team lead, it's a "
        "one-liner.",
    ),
    (
        "concealing",
        SCHOL,
        None,
        "My GPA dropped but I'll keep it from my counselor so she still recommends me.",
    ),
]

LOOK_ALIKES = [
    (
        SALES,
        None,
        "I'll tell them the price goes up 5% in March, which is true: the notice went out "
        "last week.",
    ),
    (
        SALES,
        None,
        "I'll tell them honestly that we don't have the Epic integration yet, and give the Q3 "
        "date.",
    ),
    (COMMS, None, "If the refund didn't go out, I'll tell her today and process it myself by 5pm."),
    (
        SALES,
        None,
        "Does the discount carry over? It doesn't, so I'll say that plainly and offer the "
        "annual plan.",
    ),
    (
        COMMS,
        None,
        "The rep told her the fix was live. It wasn't, so I'll call her, correct it and give "
        "the real date.",
    ),
    (
        SALES,
        None,
        "I'll mention the 18% drop in no-shows from our Riverside pilot and send the report "
        "with the raw numbers.",
    ),
    (
        SALES,
        None,
        "I won't make up numbers; I'll ask their ops lead for last month's no-show rate and "
        "build the case from that.",
    ),
    (
        SALES,
        None,
        "We don't have a case study for clinics yet, so I'll offer a 30-day pilot with a "
        "clear success metric.",
    ),
    (
        ARCH,
        None,
        "I'll quote the p95 of 180ms from last week's load test and link the Grafana dashboard.",
    ),
    (
        SCHOL,
        None,
        "I'll cite the Pew study on first-gen students and put the link in my notes so I can "
        "check the figure.",
    ),
    (
        SALES,
        None,
        "I'll say the ROI is an estimate, about 20%, and show the inputs so they can change them.",
    ),
    (
        COMMS,
        "A customer at Brightwater Dental says their reminder texts stopped. Reply.",
        "You're not the only one - several practices were affected, so it's on our side, and "
        "we fixed it Friday.",
    ),
    (
        COMMS,
        "The office manager at Brightwater Dental says reminders stopped. Reply.",
        "I'm sorry, Dana. Brightwater Dental lost 14 reminders last week; I've re-sent all of "
        "them and I'll call you Wednesday.",
    ),
    (
        SALES,
        None,
        "Lakeside Dental agreed to be a reference, so I'll set up a call where they can share "
        "their own results.",
    ),
    (
        SALES,
        None,
        "Our public case study with Northwind Clinic shows a 22% drop in no-shows; I'll send "
        "the link.",
    ),
    (
        COMMS,
        None,
        "Sam on our support team had the same question last week, so I'll ask him how he fixed it.",
    ),
    (
        COMMS,
        None,
        "Other customers reported the same outage, so I'll post an update on the status page "
        "by 3pm.",
    ),
    (
        SCHOL,
        None,
        "I'll write the essay myself tonight, and my cousin Dani will proofread it on Wednesday.",
    ),
    (
        SCHOL,
        None,
        "My tutor writes really well, so I'll ask her for feedback on my second draft by Thursday.",
    ),
    (
        SCHOL,
        None,
        "I'll ask Ms. Reyes to write my recommendation letter; she said she'll write it by Friday.",
    ),
    (
        SCHOL,
        None,
        "My cousin offered to write the essay for me, but I said no because it has to be my "
        "own work.",
    ),
    (
        SCHOL,
        None,
        "My sister wrote her own essay about the same prompt last year, so I'll ask how she "
        "planned it.",
    ),
    (
        SCHOL,
        None,
        "I'll draft it myself, then my friend will read it and write comments on it before I "
        "revise.",
    ),
    (
        SCHOL,
        None,
        "I don't want my mom to write my personal statement, so I'll block out Saturday "
        "morning to draft it.",
    ),
    (
        ONB,
        None,
        "I'll tell my manager about the failed migration right away and write up what happened.",
    ),
    (
        ONB,
        None,
        "I'll mention the two skipped tests in the PR description so the reviewer can decide.",
    ),
    (
        ONB,
        None,
        "I won't bother my manager with it until I've read the runbook, then I'll ask in standup.",
    ),
    (SALES, None, "I won't mention pricing until the second call, once I know who signs off."),
    (
        ONB,
        None,
        "Everyone needs to know about the outage, so I'll post in #incidents with the timeline.",
    ),
    (
        ARCH,
        None,
        "Hiding the failure from the reviewer would be a mistake, so I'll flag it in the ADR.",
    ),
    (
        SALES,
        None,
        "I'll tell them the integration ships in June. It does - it's on the signed roadmap.",
    ),
    (COMMS, None, "I'll tell him a technician is booked for 2pm and send the confirmation email."),
    (SALES, None, "I'll show the slide with our 94% renewal rate from the 2024 annual report."),
    (
        SALES,
        None,
        "If they ask for a case study we don't have, I'll offer a call with a current "
        "customer instead.",
    ),
    (
        COMMS,
        None,
        "Several schools had the same login issue this morning, so I'll post a status update "
        "at 10.",
    ),
    (
        COMMS,
        "Jordan from Pinecrest Gym says their card reader failed.",
        "Sorry Jordan, Pinecrest Gym lost about 40 check-ins; I've fixed the reader and I'll "
        "credit your account.",
    ),
    (
        SCHOL,
        None,
        "My brother will read my essay on Saturday and tell me which paragraph is weakest.",
    ),
    (
        SCHOL,
        None,
        "ChatGPT can quiz me on the prompt, but I'll write every word of the essay myself.",
    ),
    (
        SCHOL,
        None,
        "My English teacher will write a recommendation letter, and I'll send her my resume "
        "by Monday.",
    ),
    (
        ONB,
        None,
        "I'll tell the team lead before I push the config change and ask for a quick review.",
    ),
    (ONB, None, "Nobody told me about the staging password rotation, so I'll ask in #infra today."),
    (
        SALES,
        None,
        "I'd say the price goes up 8% on July 1. That's true and in their contract, so I'll "
        "show the clause.",
    ),
    (
        ARCH,
        None,
        "I'll cite the benchmark from the Postgres docs and rerun it on our hardware to check it.",
    ),
    (
        SALES,
        None,
        "It doesn't integrate with Epic yet, so I'll tell them that and offer the CSV import.",
    ),
]


@pytest.mark.parametrize(("family", "domain_id", "question", "message"), IMPLIED_HARM)
def test_implied_harm_is_flagged_and_capped_at_3(
    family: str, domain_id: str, question: str | None, message: str
) -> None:
    flag = harm_flag(normalise(message), domain_id, question)
    assert flag is not None, message
    assert flag.rule.name in FAMILIES[family], flag.rule.name
    result = assess(message, domain_id, question)
    assert result.feedback.startswith("Red flag:"), result.feedback
    assert result.score <= 3
    assert all(v is not None and v <= 3 for v in result.dimension_scores.values())


@pytest.mark.parametrize(("domain_id", "question", "message"), LOOK_ALIKES)
def test_benign_look_alikes_are_not_flagged(
    domain_id: str, question: str | None, message: str
) -> None:
    flag = harm_flag(normalise(message), domain_id, question)
    assert flag is None, (flag.rule.name, message) if flag else message


def test_the_implied_harm_probes_are_broad() -> None:
    assert len(IMPLIED_HARM) + len(LOOK_ALIKES) >= 40
    assert {family for family, *_ in IMPLIED_HARM} == set(FAMILIES)
    assert len(LOOK_ALIKES) >= len(IMPLIED_HARM)


def test_the_customer_addressed_is_not_another_customer() -> None:
    reply = "Sorry, Dana: not the only one, but Brightwater Dental lost 14 reminders; all re-sent."
    asked = "The office manager at Brightwater Dental says reminders stopped. Reply."
    assert harm_flag(reply, COMMS, asked) is None
    other = "The office manager at Lakeview Dental says reminders stopped. Reply."
    flag = harm_flag(reply, COMMS, other)
    assert flag is not None and flag.rule.name == "disclosing_others"


@pytest.mark.parametrize("domain_id", [SALES, ARCH, ONB, SCHOL])
def test_a_flag_quotes_the_words_that_imply_the_harm(domain_id: str) -> None:
    message = "I'll tell them the pilot cut costs by 30%. It didn't, but it sounds good."
    result = assess(message, domain_id)
    assert "It didn't" in result.feedback
