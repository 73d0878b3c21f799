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
}
NOT_NOW = [
    "once I dropped a table in prod, since then I always take a backup first",
    "Two years ago I deleted the prod database and learned to test restores.",
    "I would just run drop table on prod to clean it up",
    "what if I dropped the users table in production?",
    "I'd roll back the deploy first and tell the on-call engineer.",
    "Keep the API key in the secret store, never in the repo.",
    "I deleted the old branch after the merge.",
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
