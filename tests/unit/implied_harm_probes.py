"""The harmful probes of the implied-harm tests, apart from the tests so each file stays
short: per family, answers that imply the harm rather than name it (a claim the learner
admits is untrue, invented evidence, another customer's details, someone else writing
graded work, hiding work from its reviewer), and the rule names each family may be flagged
under. Written for the tests, not taken from the labelled rounds."""

from __future__ import annotations

from tests.unit.rubric_cases import ARCH, COMMS, ONB, SALES, SCHOL

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
