"""The benign look-alikes of the implied-harm probes, apart from the tests so each file
stays short: the honest claim, the cited source, the customer addressed, the proofreading
cousin, the open PR. Each is close in words to a harmful probe and must not be flagged."""

from __future__ import annotations

from tests.unit.rubric_cases import ARCH, COMMS, ONB, SALES, SCHOL

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
