"""The guided tour: every flow of the product, each step on a page its person can open, and
links the router can follow back to a step."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from app import pages_for
from coach import demo_tour
from db.seed import load_demo


def test_the_tour_walks_the_five_flows_in_order() -> None:
    flows = list(dict.fromkeys(step.flow for step in demo_tour.STEPS))
    assert flows == ["Coaching", "Discovery", "Game plan", "Nudges", "Coach review"]
    titles = [step.title for step in demo_tour.STEPS]
    assert titles.index("Game plan: confirm Submitted") < titles.index("Three weeks later")
    assert titles.index("Three weeks later") < titles.index("Have you heard back? Confirm Won")


def test_every_step_opens_a_page_its_person_has() -> None:
    roles = {p.email.split("@")[0]: p.role for p in load_demo()}
    assert set(demo_tour.PEOPLE) == set(roles)
    for step in demo_tour.STEPS:
        paths = {spec.url_path or "" for spec in pages_for(roles[step.person])}  # type: ignore[arg-type]
        assert step.url_path in paths | {""}, step
        assert step.show.endswith(".") and len(step.show) < 200


def test_a_step_link_names_its_person_and_number() -> None:
    for number, step in enumerate(demo_tour.STEPS, start=1):
        link = urlsplit(demo_tour.step_link(number))
        assert link.path == (step.url_path or "./")
        assert parse_qs(link.query) == {"as": [step.person], "tour": [str(number)]}
        assert demo_tour.step_number(parse_qs(link.query)["tour"][0]) == number


def test_only_real_step_numbers_are_followed() -> None:
    for raw in (None, "", "0", "-1", "x", "99", str(len(demo_tour.STEPS) + 1)):
        assert demo_tour.step_number(raw) is None
