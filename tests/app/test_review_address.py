"""pages/review_address.py: which address wins on Review, and what it reads as."""

from __future__ import annotations

from datetime import date

from pages.review_address import DEFAULTS, address_of, address_wins, read_address, review_part

TODAY = date(2026, 12, 3)
OPTIONS = {
    "review_domain": {"sales_workflow_coach": "Sales"},
    "review_learner": {"maya": "Maya Torres"},
    "review_team": {"North": "North"},
    "review_period": {k: k for k in ("7d", "30d", "90d", "all", "custom")},
    "review_reviewed": {"All": None, "Not reviewed": False, "Reviewed": True},
}


def test_an_address_this_page_did_not_write_wins() -> None:
    """Back or Forward restores an address the last run did not leave."""
    written = {"learner": "maya", "session": "a:b:2"}
    assert address_wins({"learner": "maya", "session": "a:b:1"}, written)
    assert address_wins({"learner": "maya"}, written)
    assert address_wins({}, written)  # Back to the list before any filter
    assert not address_wins(dict(written), written)


def test_entering_review_the_address_wins_only_when_it_says_something() -> None:
    """A page switch clears the address: the filters left behind stay. A refresh, a link or
    Back from another page brings one."""
    assert not address_wins({}, None)
    assert address_wins({"session": "a:b:1"}, None)


def test_an_address_reads_as_every_filter_with_defaults_for_the_rest() -> None:
    values = read_address(
        {"learner": "maya", "scores": "3-9", "session": "a:b:1", "team": "Nowhere"},
        OPTIONS,
        TODAY,
    )
    assert values == {
        **DEFAULTS,
        "review_learner": "maya",
        "review_scores": (3, 9),
        "review_selected": "a:b:1",
    }
    assert read_address({}, OPTIONS, TODAY) == DEFAULTS


def test_values_nobody_could_pick_read_as_the_defaults() -> None:
    bad = {"scores": "9-3", "session": "x'--", "dates": "2026-12-01..2027-01-01", "period": "1y"}
    assert read_address(bad, OPTIONS, TODAY) == DEFAULTS


def test_the_address_written_reads_back_as_the_same_filters() -> None:
    values = {
        **DEFAULTS,
        "review_period": "custom",
        "review_dates": (date(2026, 11, 1), date(2026, 11, 15)),
        "review_reviewed": "Not reviewed",
        "review_selected": "a:b:1",
    }
    address = address_of(values)
    assert address == {
        "period": "custom",
        "dates": "2026-11-01..2026-11-15",
        "reviewed": "Not reviewed",
        "session": "a:b:1",
    }
    assert read_address(address, OPTIONS, TODAY) == values
    assert address_of({**values, "review_period": "all"}).get("dates") is None
    assert address_of(DEFAULTS) == {}


def test_only_reviews_part_of_the_address_is_compared() -> None:
    assert review_part({"learner": "maya", "embed": "true", "s": "x"}) == {"learner": "maya"}
