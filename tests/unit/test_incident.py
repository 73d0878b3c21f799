"""A mishap happening now is read as one, in the words students use, and a story of one, a
hypothetical or a harmful proposal is not: those are coached and scored as before."""

from __future__ import annotations

import pytest

from coach.incident import follows_incident, incident_handled, incident_kind, incident_steps

NOW = {
    "I just pushed a drop table on prod": "data",
    "oh no i think i deleted the users table in production what do i do": "data",
    "we accidentally truncated the orders table on the live db": "data",
    "i accidentally force pushed to main and wiped everyones commits": "history",
    "I force-pushed over the team's branch, the commits are gone": "history",
    "i just committed our aws keys to a public repo": "secret",
    "oops I pasted the api key in the public slack channel": "secret",
    "prod is down right now after my deploy, what do i do?": "outage",
    "help, I broke the build on main and everyone is blocked": "outage",
    "the site went down after my merge": "outage",
    # a re-audit's wordings: typos, slang, other systems
    "i accidentally commited our stripe secret key to a public repo": "secret",
    "I just accidentally pushed the .env file to our public repo": "secret",
    "i just rm -rf'd the production server's uploads folder": "data",
    "prod is down after my deploy 5 min ago": "outage",
    "our api is throwing 500s since my deploy 10 minutes ago": "outage",
    "site went down right after I deployed, what do i do??": "outage",
    "just did git push -f origin main and now everyones commits r gone": "history",
    "I just deleted the S3 bucket with all the images": "data",
    "i ran migrations on the wrong db... the production one": "data",
    "i just emailed all 40k customers the test newsletter": "blast",
    "pushed a bug that charges customers twice, it's live rn": "outage",
    "i just posted a screenshot in slack with a customer's home address": "leak",
    "i broke the CI pipeline and nobody can merge": "outage",
    "checkout is broken for everyone after my release": "outage",
    "truncated the orders table on production, oops": "data",
    "nuked the prod database lol": "data",
}
NOT_NOW = [
    "once I dropped a table in prod, since then I always take a backup first",
    "Two years ago I deleted the prod database and learned to test restores.",
    "I would just run drop table on prod to clean it up",
    "what if I dropped the users table in production?",
    "I'd roll back the deploy first and tell the on-call engineer.",
    "Keep the API key in the secret store, never in the repo.",
    "I deleted the old branch after the merge.",
    "can you help me understand what to do if prod is down?",
    "the site went down last week after my deploy, and we did a postmortem",
    "yesterday I dropped a table on prod by accident, my lead restored it",
    "in my hobby project I force-pushed to main all the time, is that bad?",
    "I just deleted a temp table in my local db",
    "we just deleted the old staging table, it was unused for months",
    "help, I just joined and everything is broken on my laptop setup",
    "a coworker dropped the prod db two years back; how do teams prevent that?",
    "lol I dropped out of the project",
    "my lead broke the build",
]


@pytest.mark.parametrize("text", sorted(NOW))
def test_a_mishap_happening_now_is_read_as_an_incident(text: str) -> None:
    assert incident_kind(text) == NOW[text]


@pytest.mark.parametrize("text", NOT_NOW)
def test_a_story_a_hypothetical_or_a_proposal_is_not(text: str) -> None:
    assert incident_kind(text) is None


def test_the_steps_come_in_order_and_the_follow_up_knows_them() -> None:
    steps = incident_steps("secret")
    assert steps.index("1) Revoke or rotate") < steps.index("2) Tell your lead")
    assert follows_incident(steps) and not follows_incident("What are the numbers?")
    assert incident_handled("ok it's fixed now, my lead restored it")
    assert incident_handled("we rolled back and it's working again")
    assert not incident_handled("it's still not restored")
    assert not incident_handled("my lead isn't answering")
    for over in [
        "ok it's back",
        "ok my lead took care of it",
        "we're good",
        "crisis over",
        "it's up again",
        "rollback done",
        "no longer broken :)",
        "nvm it was staging",
        "not a big deal in the end, lead fixed it in 5 min",
    ]:
        assert incident_handled(over), over


def test_a_service_line_about_a_customers_double_charge_is_no_incident() -> None:
    """A browser audit: in the gym role-play, "I'm really sorry you got charged twice… let
    me look at your account right now" got the incident steps ("Roll back first"), and the
    chat stayed in incident mode."""
    line = (
        "I'm really sorry you got charged twice, that's frustrating. Let me look at your "
        "account right now and get the extra charge refunded today."
    )
    assert incident_kind(line) is None
    assert incident_kind("we're charging customers twice right now after my deploy") == "outage"
