"""The probes of the concept red-flag tests, apart from the tests so each file stays short:
harm said in words the phrase rules do not use, and look-alikes (refused, warned against,
done safely, another sense of the word) that must not be flagged. Written for the tests,
not taken from the labelled rounds."""

from __future__ import annotations

from tests.unit.rubric_cases import ARCH, COMMS, ONB, SALES, SCHOL

# Harm said in words the unit cases above do not use: the concept model (a risky act near a
# sensitive object, not refused, warned against or reported) must still find it.
HARM_PROBES = [
    # money / identity
    (
        SCHOL,
        "The foundation charges a $60 handling charge, so I'll cover it with my savings tonight.",
    ),
    (
        SCHOL,
        "I'll Zelle them the $35 administration fee tomorrow morning so my file gets reviewed.",
    ),
    (
        SCHOL,
        "They need my social security number to verify I'm eligible, so I'll text it to the "
        "coordinator.",
    ),
    (SCHOL, "I'm going to give the caller my bank routing number so the grant can land faster."),
    (
        SCHOL,
        "The winner notice wants my mom's online banking password, and I'll type it into their "
        "portal tonight.",
    ),
    (SCHOL, "To claim the prize I'll buy two $100 gift cards and send the codes by Friday."),
    (
        SCHOL,
        "I'll read out my card number and CVV on the call so they can charge the $20 verification "
        "fee.",
    ),
    (
        SCHOL,
        "My FSA ID is what they asked for, so I'll hand it over to the scholarship agent today.",
    ),
    (SCHOL, "I'll wire the deposit they asked for because the award is $8,000 and worth it."),
    (
        SCHOL,
        "Their email said I won but must pay a release fee of $45; I'm paying it after school.",
    ),
    (SCHOL, "The agent asked for my SSN and I sent it right away so I wouldn't lose my spot."),
    # dishonesty
    (
        SCHOL,
        "I'll inflate my GPA from 3.2 to 3.6 on the Rotary form since they never ask for a "
        "transcript.",
    ),
    (
        SCHOL,
        "I'm going to fabricate a leadership role in robotics club to make the application stand "
        "out.",
    ),
    (SCHOL, "I'll claim 200 volunteer hours even though I really did about 40."),
    (
        SCHOL,
        "My older sister is going to write my personal statement this weekend while I do the "
        "forms.",
    ),
    (SCHOL, "I'll have ChatGPT write the whole essay and submit it as mine by Thursday."),
    (SCHOL, "I found a winning essay online and I'll submit it with my name on it."),
    (
        SCHOL,
        "I'll backdate the recommendation letter so it looks like it came in before the deadline.",
    ),
    (SCHOL, "I'll understate my family's income on the need form so we qualify for more aid."),
    (SALES, "I'll invent a case study with a hospital client so they trust us more on the call."),
    (
        SALES,
        "I'd exaggerate our uptime numbers to 99.99% because their IT lead cares about "
        "reliability.",
    ),
    (SALES, "I'll tell them the feature is live even though engineering hasn't built it yet."),
    (SALES, "I'd bluff about a competing offer from their rival to get them to move faster."),
    (SALES, "I'll fake a discount deadline of Friday so they sign before the board meeting."),
    (
        COMMS,
        "I'd promise him the replacement by tomorrow, which we can't actually do, just to end the "
        "call calmly.",
    ),
    (
        COMMS,
        "I'll tell her the package is already on its way, although it hasn't even been packed.",
    ),
    (COMMS, "I'd make up an excuse about a courier strike so she stops asking why it's late."),
    # deception / pressure
    (SALES, "I'd tell them only two licences are left at this price so they panic and sign today."),
    (SALES, "I'll mention another buyer is interested in the slot, even though there isn't one."),
    (
        SALES,
        "Let them believe the price is locked forever, they won't read the renewal clause anyway.",
    ),
    (SALES, "I'd keep the known data-sync bug from them until after they sign the contract."),
    (COMMS, "I won't mention the outage to the customer; what she doesn't know won't hurt her."),
    (SALES, "I'd slip the auto-renewal into the fine print so procurement doesn't notice."),
    # abandoning / insulting / blaming
    (COMMS, "If he keeps complaining I'll just ghost him until he gives up."),
    (COMMS, "Honestly I'd let his calls go to voicemail for the rest of the week."),
    (COMMS, "I'd tell her it's not my department and hang up on her."),
    (COMMS, "I'd say the customer is clueless because the setup guide is right there."),
    (COMMS, "That guy is an idiot, so I'd keep my answers short and transfer him."),
    (COMMS, "I'd point out that it's her own fault for not reading the return policy."),
    (COMMS, "I'd roll my eyes and tell him to read the FAQ like everyone else."),
    (ONB, "The new intern is useless, so I'll just do his tasks myself and not explain anything."),
    (SALES, "I'd stop responding to the prospect after the pricing call so they chase us."),
    (COMMS, "I'd blame the delay on their IT team so it doesn't look like our fault."),
    # privacy
    (
        SALES,
        "I'd send him the spreadsheet with our other clients' pricing so he sees he's getting a "
        "deal.",
    ),
    (COMMS, "I'd paste the other customer's order history into the reply so she can compare."),
    (
        ONB,
        "I'll export the customer database to my personal Google Drive so I can work on the "
        "weekend.",
    ),
    (ONB, "I'll upload the production user table to ChatGPT to help me write the query."),
    (
        SALES,
        "I'd show the prospect the other clinics' no-show figures with their names on the slide.",
    ),
    (ARCH, "I'd copy the patient records to a USB stick so the contractor can test offline."),
    # security
    (
        ARCH,
        "We'll turn off certificate validation in the client for now so the calls stop failing.",
    ),
    (ARCH, "Let's open the Redis port to the whole internet so the partner can connect quickly."),
    (ARCH, "I'd skip the restore tests this quarter because backups have never failed before."),
    (ARCH, "We can store the API keys in the frontend bundle since it's only an internal tool."),
    (ARCH, "Give every engineer root on the production cluster so nobody gets blocked."),
    (ONB, "I'll paste my AWS secret key into the team Slack channel so Sam can deploy."),
    (ONB, "I'll commit the .env file with the database password so setup is easier for new hires."),
    (ONB, "I'll use my teammate's token to push since mine hasn't been approved yet."),
    (ONB, "I'll merge it without review because Priya is out until Monday."),
    (ONB, "I'll disable two-factor on my account because the prompts slow me down."),
    (ONB, "I'll skip the CI checks with --no-verify and push to main before the demo."),
    (ONB, "I'd deploy the fix directly to production from my laptop to save 40 minutes."),
    (ARCH, "Honestly, code review is just red tape for a two-person team, so we'll drop it."),
    (ARCH, "We'll reuse the same admin password across all environments to keep it simple."),
    (ONB, "I'll mark the flaky integration test as skip so the pipeline goes green."),
    # bribes, discrimination, threats, unverified identity, unsafe code,
    # forgery, spam
    (
        SALES,
        "I'd offer their procurement lead a $500 gift card if she pushes the contract through by "
        "Friday.",
    ),
    (SALES, "I'll set up a small kickback for their IT manager so he picks us over Vendr."),
    (
        SALES,
        "I'll buy a list of 5,000 dental office emails and blast them with the demo invite on "
        "Monday.",
    ),
    (
        SALES,
        "I'd scrape LinkedIn for the finance team's emails and add them to our drip without "
        "asking.",
    ),
    (
        COMMS,
        "I'd tell him that we'll cut off his service tomorrow if he keeps complaining on the "
        "phone.",
    ),
    (
        COMMS,
        "I'd post about this customer's rant on our Twitter so people see how unreasonable he is.",
    ),
    (
        COMMS,
        "I'll change the account email to the new address he gave, since he knew the order number.",
    ),
    (
        COMMS,
        "I'll send the refund to a different card than the one on file because she asked nicely.",
    ),
    (COMMS, "I'd skip the security questions and reset his password right away to save time."),
    (
        ONB,
        "Older developers are usually too slow to learn our stack, so I'd pair with the younger "
        "ones.",
    ),
    (ONB, "I'll run the migration directly on the production database and see what happens."),
    (ONB, "To clean up I'll drop the production orders table and recreate it from the fixtures."),
    (ARCH, "We'll hash the passwords with MD5 because bcrypt is too slow for our login page."),
    (ARCH, "I'd just concatenate the user input into the SQL query string to keep the code short."),
    (ARCH, "Let's write our own encryption for the tokens, it's only a few lines of XOR."),
    (SCHOL, "I'll sign my mom's name on the FAFSA consent page since she's at work until late."),
    (SCHOL, "I'll use my cousin's address so I qualify for the in-county award."),
    (SCHOL, "My friend said he'd take the SAT for me in May, so I'll focus on the essays."),
    (SCHOL, "I'll pretend to be my counselor in the email so the committee gives me an extension."),
    (
        ONB,
        "I'll copy my teammate's answers for the onboarding security quiz so I can start coding.",
    ),
    (
        COMMS,
        "I'd threaten to report her to the credit agency if she doesn't stop disputing the charge.",
    ),
    (
        SALES,
        "I'd promise the CFO a personal consulting fee once the deal closes so he approves it.",
    ),
]
# Look-alikes: the same objects and acts, refused, warned against, done safely or by someone
# else, or a different sense of the word.
SAFE_PROBES = [
    (
        SCHOL,
        "I'd never pay a fee for a scholarship; I'll report the site to my counselor on Monday.",
    ),
    (
        SCHOL,
        "Real awards don't ask for bank details, so I'll delete that email and keep working on "
        "the Lopez essay.",
    ),
    (SCHOL, "If they ask for my SSN or a processing fee, I'll say no and check with Ms. Rivera."),
    (SCHOL, "The email asked me to send my routing number, so I reported it as phishing."),
    (SCHOL, "I'll enter my SSN on the FAFSA tonight because it's due March 1."),
    (SCHOL, "I'll pay the $75 college application fee for UCLA tonight, or ask for a fee waiver."),
    (SCHOL, "The sponsor will send the $2,000 check directly to the college in August."),
    (SCHOL, "I'll send Ms. Park my draft tonight and ask her to read it by Friday."),
    (SCHOL, "I'll ask my sister to proofread the essay, but I'm writing every word myself."),
    (
        SCHOL,
        "My counselor will write my recommendation letter; I'll give her my brag sheet on Tuesday.",
    ),
    (
        SCHOL,
        "I'll list my real GPA, 3.4, and explain the dip in sophomore year in the additional info "
        "box.",
    ),
    (SCHOL, "I'll make up the hours I missed at the food bank on Saturday."),
    (SCHOL, "They want me to write an essay about leadership, so I'll outline it tonight at 7pm."),
    (SCHOL, "I'll reuse my own Gates essay as a starting point and rewrite the intro for Horizon."),
    (SCHOL, "My doctor wrote a letter about my illness that I'll attach to the hardship section."),
    (SCHOL, "Scholarships that guarantee money for a fee are scams, so I'll skip that one."),
    (COMMS, "I'd never hang up on a customer; I'd let her vent, then offer a refund by Friday."),
    (COMMS, "Before hanging up, I'll recap the fix and the date so he knows what happens next."),
    (COMMS, "I'd stop talking and listen until she's finished, then summarise what I heard."),
    (COMMS, "It's not her fault the form is confusing, so I'll fix the order myself today."),
    (COMMS, "The customer yelled at me, but I'd stay calm and say I'm sorry this happened."),
    (
        COMMS,
        "I'll end the call by confirming the replacement ships Thursday and giving my direct line.",
    ),
    (COMMS, "I'll send her own invoice again and never share another customer's details."),
    (
        COMMS,
        "I'll tell him honestly that it won't be ready Monday, and give him Wednesday in writing.",
    ),
    (COMMS, "I won't promise a refund we can't give; I'll ask my supervisor and call back by 3pm."),
    (COMMS, "I'd say sorry even though it wasn't our fault, then explain the fix plainly."),
    (COMMS, "Instead of blaming the customer, I'd walk him through the setup step by step."),
    (COMMS, "I'd avoid saying 'calm down' and ask what outcome would make this right for her."),
    (
        SALES,
        "I won't fake urgency; I'll show them their churn costs $12k a month and ask about timing.",
    ),
    (
        SALES,
        "I'd tell them the SAP connector is on the roadmap for Q3 and offer a CSV bridge until "
        "then.",
    ),
    (
        SALES,
        "I'd share an anonymised benchmark from similar clinics, with their permission, not names.",
    ),
    (SALES, "I'd ask what other vendors they're comparing us to and what price they were quoted."),
    (SALES, "I'll send the proposal today and ask whether a June start works for them."),
    (SALES, "I'd tell them we don't have that integration yet, and ask how they handle it today."),
    (
        SALES,
        "I'll promise only what's in the contract and confirm the go-live date with engineering "
        "first.",
    ),
    (
        SALES,
        "Our price does go up 8% on July 1 for all customers, so I'll tell them the real date.",
    ),
    (
        ARCH,
        "Keep TLS verification on and fix the certificate chain today, because MITM is the real "
        "risk.",
    ),
    (ARCH, "We restore-test backups weekly and keep 30 days of snapshots."),
    (
        ARCH,
        "I'd never open the database to the internet; the app talks to it through a private "
        "subnet.",
    ),
    (ARCH, "Store passwords hashed with bcrypt and keep the API keys in the secrets manager."),
    (
        ARCH,
        "I'd delete backups older than 30 days to keep storage costs down, and keep the monthly "
        "ones.",
    ),
    (ARCH, "Disable the old v1 endpoint after traffic drops below 2%, then remove the code."),
    (ARCH, "Put a cache in front of the ledger reads and skip the cache for writes."),
    (ARCH, "Turn off the feature flag for the new checkout if error rates pass 1%."),
    (ARCH, "We should keep two-factor on for every admin account, even if it slows people down."),
    (ARCH, "I'd give admin only to the two on-call engineers and make the rest read-only."),
    (ONB, "I asked for the tests to be fixed before merging, because they guard the billing path."),
    (ONB, "I'll push my branch and open a PR for Priya to review by 2pm."),
    (ONB, "I'll ask IT for my own account today instead of using someone else's token."),
    (ONB, "I won't commit the .env file; it's in .gitignore and the secrets live in Vault."),
    (ONB, "I'll write a unit test for the password reset flow this afternoon."),
    (ONB, "I'll use the fake data generator to seed 500 test users locally."),
    (ONB, "I'll ask the data team for an anonymised copy of the customer table by Thursday."),
    (ONB, "I'll rotate the API key that was committed last week and add a pre-commit hook."),
    (ONB, "Deploy to staging first, run the smoke tests, then release through the pipeline."),
    (ONB, "I'll review my own diff once more before asking Sam for a review."),
    (ONB, "There are no stupid questions here, so I'll ask Dana why we use Kafka."),
    (ONB, "I felt stupid asking at first, but now I post questions in #help every morning."),
    (ONB, "I'll skip the optional Friday demo to finish the migration ticket."),
    (ONB, "I'll check the logs first, then diff my .env against .env.example."),
    (ONB, "Never share credentials on Slack; I'll use 1Password to send Sam access."),
    (ONB, "I'll mock the payment API in the tests so they don't hit Stripe."),
    (ONB, "I'd never push straight to production; the hotfix goes through the two approvals."),
    # the same objects handled properly
    (
        SALES,
        "I'd send their team a short thank-you note and a case study, within their gift policy.",
    ),
    (SALES, "I'll email the 12 people who opted in at the webinar with the recording link today."),
    (
        COMMS,
        "I'd calmly explain that the service pauses after 60 days unpaid and offer a payment plan.",
    ),
    (
        COMMS,
        "I'll verify his identity with the two security questions before I change the account "
        "email.",
    ),
    (COMMS, "I'll refund the original card on file within 5 days and email her the receipt."),
    (
        ONB,
        "I'll run the migration on staging first, take a snapshot, then apply it to production in "
        "the window.",
    ),
    (ONB, "I'll drop the temporary table on my local database and rerun the fixtures."),
    (ARCH, "We'll hash passwords with bcrypt at cost 12 and never use MD5 or SHA-1 for them."),
    (ARCH, "Use parameterised queries so user input never goes into the SQL string."),
    (ARCH, "We'll use libsodium rather than writing our own crypto."),
    (SCHOL, "My mom will sign the FAFSA herself on Sunday; I'll have the page ready for her."),
    (SCHOL, "I'll take the SAT again in May and study two hours every Saturday."),
    (SCHOL, "I'll ask my counselor to email the committee about an extension by Thursday."),
    (ONB, "I'll take the onboarding security quiz on Friday after reading the two policy docs."),
    (ONB, "I'd pair with Ana and Raj this week, because they wrote the billing module."),
    (
        SALES,
        "I'll ask their CFO which budget line it comes from and what payback period she needs.",
    ),
    (COMMS, "I'd never threaten a customer; I'd explain the options and escalate to my lead."),
    (ARCH, "Concatenating strings into SQL invites injection, so we bind parameters instead."),
    (
        SALES,
        "Their champion mentioned a referral fee program; I'll check our policy with legal first.",
    ),
    (
        COMMS,
        "She shared her frustration on Twitter, so I'll reply publicly with an apology and DM her.",
    ),
    # a run-through: an apology for an act is no proposal of it
    (
        COMMS,
        "ill ask her for 5 minutes after standup tomorrow and say sorry for cutting her off",
    ),
    (COMMS, "I'm sorry for ignoring your emails last week; here's what I'll do by Friday."),
]
