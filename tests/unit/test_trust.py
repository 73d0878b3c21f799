"""coach/trust.py: the Trust Filter against the real catalog (five scams filtered for the
right reasons, no legitimate listing filtered) and each signal on its own, with deadlines
judged against an injected `today`.

The catalog marks its scams with `fraud_signals`; only this test reads that marker (the
scorer's `Listing` ignores the field) to know which listings are scams and why.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from coach.discovery_models import Listing
from coach.trust import (
    BASE_SCORE,
    DEFAULT_THRESHOLD,
    POINTS,
    TrustVerdict,
    trust_score,
    verify,
)

ROOT = Path(__file__).resolve().parents[2]
CATALOG: list[dict[str, Any]] = json.loads(
    (ROOT / "seeds" / "scholarships.json").read_text(encoding="utf-8")
)["scholarships"]
SCAMS = [entry for entry in CATALOG if entry["fraud_signals"]]
LEGIT = [entry for entry in CATALOG if not entry["fraud_signals"]]
TODAY = date(2026, 12, 1)
# Days that matter to yearly deadlines: today, a scam's own deadline day, just after one,
# a leap day, and the year's last day.
DAYS = [TODAY, date(2027, 2, 20), date(2027, 2, 21), date(2028, 2, 29), date(2027, 12, 31)]

# The catalog's words for why a listing is a scam -> the signal that must say so.
EXPECTED_FLAG = {
    "application fee": "fee",
    "fee to find scholarships": "fee",
    "asks for credit card to hold a spot": "fee",  # the text asks for a "$25 reservation fee"
    "guaranteed award": "guaranteed",
    "no verifiable provider": "no_sponsor_contact",
    "impersonates a government agency": "gov_impersonation",
    "unsolicited prize notification": "unsolicited_award",
    "award for a program you never applied to": "unsolicited_award",
    "asks for bank account or SSN up front": "asks_personal_info",
    "asks for FSA ID login credentials": "asks_personal_info",
    "urgency / act now": "urgency",
    "claims exclusive information not available elsewhere": "exclusive_claim",
}


def listing(**fields: Any) -> Listing:
    base: dict[str, Any] = {
        "title": "Community Leaders Scholarship",
        "provider": "Rotary Club of Springfield",
        "url": "https://springfieldrotary.org/scholarship",
        "description": "Awards $2,000 to a graduating senior who leads service projects.",
        "amount": 2000,
        "deadline": TODAY + timedelta(days=30),
    }
    return Listing.model_validate({**base, **fields})


def codes(verdict: TrustVerdict) -> set[str]:
    return {s.code for s in verdict.signals}


def test_the_catalog_has_five_scams() -> None:
    assert len(CATALOG) == 79
    assert len(SCAMS) == 5
    assert "fraud_signals" not in Listing.model_fields  # the scorer never sees the marker


@pytest.mark.parametrize("today", DAYS)
def test_the_five_scams_are_filtered_for_the_right_reasons(today: date) -> None:
    kept, filtered = verify([Listing.model_validate(e) for e in CATALOG], today=today)
    assert {v.listing.url for v in filtered} == {e["url"] for e in SCAMS}
    assert len(kept) == len(LEGIT)
    by_url = {v.listing.url: v.verdict for v in filtered}
    for scam in SCAMS:
        verdict = by_url[scam["url"]]
        flags = {s.code for s in verdict.red_flags}
        expected = {EXPECTED_FLAG[reason] for reason in scam["fraud_signals"]}
        assert expected <= flags, (scam["title"], expected - flags)
        assert verdict.score < DEFAULT_THRESHOLD


@pytest.mark.parametrize("today", DAYS)
def test_no_legitimate_listing_is_filtered_even_without_the_reputable_list(today: date) -> None:
    """Known providers add points, but a legitimate listing must pass on its own merits."""
    for domains in (None, frozenset[str]()):
        for entry in LEGIT:
            item = Listing.model_validate(entry)
            verdict = (
                trust_score(item, today=today)
                if domains is None
                else trust_score(item, today=today, reputable_domains=domains)
            )
            assert verdict.passes(), (entry["title"], verdict.reasons)
            assert not (codes(verdict) & set(EXPECTED_FLAG.values())), (
                entry["title"],
                verdict.reasons,
            )


def test_score_is_base_plus_points_clamped_and_every_reason_is_one_line() -> None:
    for entry in CATALOG:
        verdict = trust_score(Listing.model_validate(entry), today=TODAY)
        total = BASE_SCORE + sum(s.points for s in verdict.signals)
        assert verdict.score == max(0, min(100, total))
        assert all(s.points == POINTS[s.code] for s in verdict.signals)
        assert all(r and "\n" not in r for r in verdict.reasons)


def test_the_scam_reasons_read_like_sentences() -> None:
    verdict = trust_score(Listing.model_validate(SCAMS[0]), today=TODAY)
    assert verdict.score == 0
    assert '-35 Asks for money up front: "processing fee"' in verdict.reasons
    assert '-30 Promises guaranteed winnings: "guaranteed"' in verdict.reasons


# --- each signal on its own -------------------------------------------------------------


def test_an_ordinary_listing_scores_70() -> None:
    verdict = trust_score(listing(), today=TODAY)
    assert codes(verdict) == {"https", "named_sponsor", "deadline_upcoming"}
    assert verdict.score == 70 and verdict.red_flags == ()


@pytest.mark.parametrize(
    "url", ["https://www.csac.ca.gov/x", "https://finaid.stanford.edu/", "https://x.state.tx.us/"]
)
def test_official_domains(url: str) -> None:
    assert "official_domain" in codes(trust_score(listing(url=url), today=TODAY))


def test_look_alike_official_domains_are_not_official() -> None:
    for url in ("https://gov-grants.com/", "https://edu.example.com/", "https://mygov.net/"):
        assert "official_domain" not in codes(trust_score(listing(url=url), today=TODAY))


def test_reputable_provider_matches_the_domain_and_its_subdomains_only() -> None:
    assert "reputable_provider" in codes(
        trust_score(listing(url="https://apply.jkcf.org/x"), today=TODAY)
    )
    assert "reputable_provider" not in codes(
        trust_score(listing(url="https://jkcf.org.claim-now.com/"), today=TODAY)
    )


def test_plain_http_costs_points() -> None:
    verdict = trust_score(listing(url="http://springfieldrotary.org/"), today=TODAY)
    assert "no_https" in codes(verdict) and verdict.score == 45


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("A $49 processing fee applies.", "fee"),
        ("Pay $199 to enroll.", "fee"),
        ("There is a small processing charge.", "fee"),
        ("Winners are guaranteed $1,000.", "guaranteed"),
        ("Everyone qualifies!", "guaranteed"),
        ("Send your Social Security number to apply.", "asks_personal_info"),
        ("We need your bank account details.", "asks_personal_info"),
        ("Enter your credit card to hold your place.", "asks_personal_info"),
        ("Congratulations! You have been selected.", "unsolicited_award"),
        ("Your award is on hold until you reply.", "unsolicited_award"),
        ("Reply within 48 hours.", "urgency"),
        ("Confirm your details today.", "urgency"),
        ("Scholarships not listed anywhere else.", "exclusive_claim"),
    ],
)
def test_red_flag_wording(text: str, code: str) -> None:
    """Each flag alone, on an otherwise ordinary listing (70): those of 25 points or more
    filter it by themselves; the mild ones (urgency, exclusivity) only in company."""
    verdict = trust_score(listing(description=text), today=TODAY)
    assert [s.code for s in verdict.red_flags] == [code]
    assert verdict.score == 70 + POINTS[code]
    assert verdict.passes() is (POINTS[code] > -25), verdict.reasons


@pytest.mark.parametrize(
    "text",
    [
        "There is no application fee.",
        "Covers tuition and mandatory fees at community colleges.",
        "Awards are not guaranteed and are made on merit.",
        "Requires a 21 ACT score and a 3.0 GPA; helps families pay the remaining cost.",
        "Recipients are selected by a committee of volunteers.",
    ],
)
def test_ordinary_wording_raises_no_flag(text: str) -> None:
    verdict = trust_score(listing(description=text), today=TODAY)
    assert verdict.red_flags == (), verdict.reasons


def test_government_claims_off_a_gov_site() -> None:
    claim = trust_score(listing(title="Federal Grant for Students"), today=TODAY)
    assert "gov_impersonation" in codes(claim)
    host = trust_score(listing(url="https://fafsa-help.net/apply"), today=TODAY)
    assert "gov_impersonation" in codes(host)
    real = trust_score(
        listing(title="Federal Pell Grant", url="https://studentaid.gov/pell"), today=TODAY
    )
    assert "gov_impersonation" not in codes(real)


def test_implausible_amount() -> None:
    assert "implausible_amount" in codes(trust_score(listing(amount=5_000_000), today=TODAY))
    assert "implausible_amount" not in codes(trust_score(listing(amount=250_000), today=TODAY))


def test_a_generic_sponsor_without_contact_is_not_identifiable() -> None:
    generic = trust_score(listing(provider="National Scholarship Awards Center"), today=TODAY)
    assert "no_sponsor_contact" in codes(generic)
    assert "No identifiable sponsor" in generic.reasons[-2]
    with_contact = trust_score(
        listing(provider="National Scholarship Awards Center", contact="(555) 010-0000"),
        today=TODAY,
    )
    assert not ({"no_sponsor_contact", "named_sponsor"} & codes(with_contact))
    assert "no_sponsor_contact" in codes(trust_score(listing(provider=None), today=TODAY))


# --- deadlines against an injected today -------------------------------------------------


def test_deadline_passed_is_judged_against_today() -> None:
    item = listing(deadline=date(2026, 11, 30))
    passed = trust_score(item, today=TODAY)
    assert "deadline_passed" in codes(passed)
    assert "-25 Deadline passed on November 30, 2026" in passed.reasons
    assert "deadline_upcoming" in codes(trust_score(item, today=date(2026, 11, 30)))


def test_deadline_missing() -> None:
    verdict = trust_score(listing(deadline=None), today=TODAY)
    assert "deadline_missing" in codes(verdict)
    assert verdict.score == 60 and verdict.passes()  # a missing deadline alone does not filter


def test_yearly_deadlines_roll_to_their_next_occurrence() -> None:
    yearly = listing(deadline=None, deadline_month=11, deadline_day=30)
    assert yearly.deadline_on(TODAY) == date(2027, 11, 30)
    assert yearly.deadline_on(date(2027, 11, 30)) == date(2027, 11, 30)
    verdict = trust_score(yearly, today=TODAY)
    assert "deadline_upcoming" in codes(verdict) and verdict.deadline == date(2027, 11, 30)
    leap = listing(deadline=None, deadline_month=2, deadline_day=29)
    assert leap.deadline_on(date(2027, 3, 1)) == date(2028, 2, 29)
    assert leap.deadline_on(date(2027, 1, 1)) == date(2027, 2, 28)


def test_a_datetime_today_counts_as_its_date() -> None:
    item = listing(deadline=date(2026, 11, 30))
    at = datetime(2026, 11, 30, 23, 0)
    assert trust_score(item, today=at) == trust_score(item, today=at.date())


def test_threshold_is_a_parameter() -> None:
    items = [Listing.model_validate(e) for e in CATALOG]
    kept, filtered = verify(items, today=TODAY, threshold=0)
    assert len(kept) == 79 and filtered == []
    kept, filtered = verify(items, today=TODAY, threshold=101)
    assert kept == [] and len(filtered) == 79
