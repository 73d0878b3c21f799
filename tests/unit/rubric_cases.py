"""What the rubric tests share, kept out of any one test module so the rubric's tests can be
split by what they check, and so the red-flag and implied-harm tests can score with the same
persona: the seed persona ids, `assess` (the offline rubric with a seed persona's dimensions,
tags and success conditions), the fluent harmful answers and the short, specific ones."""

from __future__ import annotations

from coach.rubric import coach_words, rubric_assessment
from coach.scoring import Assessment
from tests.unit.offline_coach_cases import DOMAINS, PERSONAS

SALES, ARCH, COMMS, ONB, SCHOL = (
    "sales_workflow_coach",
    "architecture_advisor",
    "communication_coach",
    "onboarding_mentor",
    "scholarship_coach",
)


def assess(message: str, domain_id: str, question: str | None = None) -> Assessment:
    """As the chat graph scores a round: with the persona's own words to hand."""
    persona, domain = PERSONAS[domain_id], DOMAINS[domain_id]
    return rubric_assessment(
        message,
        domain_id=domain_id,
        coach_question=question,
        dimensions=persona.dimensions,
        knowledge_tags=DOMAINS[domain_id].knowledge_tags,
        success_conditions=persona.success_conditions,
        coach_text=coach_words(
            persona.system_prompt, domain.description, domain.scenario, domain.default_opening
        ),
    )


HARMFUL = {
    SCHOL: [
        "To secure the award I will pay the $49 processing fee today and send my bank details "
        "to the sponsor by Friday, because the deadline is close and I cannot lose this chance.",
        "They asked for my social security number to release the scholarship, so I'll email "
        "my SSN and my routing number tonight at 8pm because the award is worth $5,000.",
        "I'm going to exaggerate my GPA and make up some volunteer hours on the Gates "
        "application, because the committee will never check and it makes me look stronger.",
        # a "release" fee paid by card, no word "fee" next to the verb
        "They want a $40 release fee before they send the award, so I'll pay it tonight with "
        "my debit card because $40 is nothing next to $5,000.",
        # the detail named first, handed over after
        "The sign-up form asks for my SSN and my parents' bank account for the deposit, so "
        "I'll fill that in tonight before the offer expires at midnight.",
        "My cousin offered to write my personal statement for $50, and I'll let him because "
        "it frees up my weekend for the Lopez application.",
        "I'll put a lower income than my parents actually make on the form so I qualify for "
        "the need-based award, since nobody checks tax returns.",
    ],
    COMMS: [
        "Honestly I would just hang up on them if they keep yelling, because my time matters "
        "and I have ten other customers waiting in the queue who are polite and patient.",
        "I'd tell him it's already shipped even though it hasn't left the warehouse, so he "
        "stops calling, and then I'd close the ticket on Friday to keep my numbers clean.",
        "I would tell the customer she's being stupid, because the instructions are on page "
        "two, and then I'd ignore her emails until she gives up on the refund next week.",
        # a prepared cover story
        "I'd tell them yes, Monday. If it slips I can say the engineers hit an unexpected "
        "issue over the weekend, which sounds believable, and it buys us two days.",
        # another customer's data
        "I'd forward him the other customer's invoice so he can see what the right format "
        "looks like, then close the ticket by 5pm.",
        "I'd make sure she knows it was her own fault for typing the wrong address, and "
        "reship on Friday once she pays the $12 fee.",
        "I'd promise a full refund even though we can't give one after 30 days, because it "
        "calms him down and he'll stop calling.",
        "I'd just stop replying for a few days so he cools off, then offer a 10% coupon.",
        # the status a customer wants to hear, said to end the call
        "Tell her it shipped so she calms down.",
        "I'd tell her it already shipped so she calms down, then push the team to ship it tonight.",
    ],
    SALES: [
        "I'd say yes, we integrate with SAP out of the box, even though the connector is still "
        "on the roadmap, because they will sign on Friday and services can build it later.",
        "I'd make up a competing offer from another vendor and tell them our price goes up 15% "
        "on Monday so they feel the urgency and sign before they look too closely.",
        "I'd pretend there's another bidder for the last slot so they feel pressure to sign "
        "the $40k order by Friday.",
        "I'd promise them the Salesforce integration we don't have yet, because that's what "
        "gets the contract signed this quarter.",
        "I'd remind them they signed a 3-year term, blame the delays on their team, and say "
        "nothing about our CSM being out, because they don't need to know that.",
        "I'd say yes, we integrate, and figure it out after they sign.",
    ],
    ARCH: [
        "To ship by Friday we will disable TLS between services and store the passwords in "
        "plaintext for now, because encryption adds 20ms of latency to every request.",
        "I'd make the Postgres database public so the analytics team can query it directly "
        "and skip backups for now because they cost about $300 a month.",
        "We can set verify=False on the client for now to get past the certificate errors "
        "and ship on Friday.",
        "Backups can wait until after launch because storage costs $400 a month.",
        "To keep it simple, everyone on the team gets admin on the production account until "
        "we hire a platform engineer in Q3.",
        "We'll leave SSH open to the internet on port 22 so the two contractors can reach it "
        "without the VPN.",
    ],
    ONB: [
        "Given the urgency I'd bypass the pipeline and kubectl apply the hotfix straight to "
        "production, because reviews are a formality for a two-line change.",
        "I'll just share my admin password with the new intern on Slack so they can deploy "
        "today, because setting up their own account takes two days.",
        "I'd hardcode the API key in the repo and push it to main without review so the demo "
        "works at 3pm, since the secrets manager is slow to set up.",
        "I'll comment out the two failing tests so CI goes green and merge before standup.",
        "I'll approve my own PR since nobody is around at 6pm and it's only a config change.",
        "I'll copy the customer database to my laptop so I can debug offline on the train.",
        "We all use one shared login for the admin console because requesting accounts takes "
        "a week.",
    ],
}

SHORT_SPECIFIC = {
    SCHOL: (
        "What's your next step on the Gates application?",
        "I'll email Ms. Lopez tonight to ask for the recommendation letter by Friday, "
        "because the Gates deadline is March 3.",
    ),
    COMMS: (
        "The customer is angry their order is two weeks late. What do you say?",
        "I understand how frustrating two weeks is, and I'm sorry. I'll refund the shipping "
        "today and call you back by 5pm Thursday with tracking.",
    ),
    SALES: (
        "The buyer says it's too expensive. How do you respond?",
        "Fair concern. I'd ask what they're comparing us to, then show the ROI, because we "
        "save their team 10 hours a week, $2,000 a month.",
    ),
    ARCH: (
        "Which database would you pick for the payments ledger?",
        "I'd go with Postgres over Cassandra because payments need strong consistency; the "
        "cost is ~100ms replica lag on reads, fine for the dashboard.",
    ),
    ONB: (
        "How will you get familiar with the codebase this week?",
        "This week I'll pair with Sam on a good-first-issue, run the tests locally, and ask "
        "why we use Kafka instead of SQS.",
    ),
}
