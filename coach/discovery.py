"""The pure core of Advisor_Verify: trust-score the listings Advisor_Search found, drop those
below the Trust Filter's threshold, need-match the rest against the student, and hand back
seed 001's `DiscoveryResult`s (with the reasons behind both scores) plus the filtered ones
and their red flags. No I/O: the graph node wraps this.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from hashlib import blake2b
from uuid import UUID

from coach.discovery_models import (
    DiscoveryResult,
    FinancialProfile,
    Listing,
    UserProfile,
    deadline_at,
)
from coach.need_match import need_match
from coach.trust import DEFAULT_THRESHOLD, REPUTABLE_DOMAINS, Verified, trust_score


@dataclass(frozen=True, slots=True)
class Verification:
    results: list[DiscoveryResult]  # kept, in the order found, one per URL
    filtered_out: list[Verified]  # below the threshold; `verdict.red_flags` say why


def result_id(url: str) -> str:
    """Stable per listing (its URL), so a re-run of the node yields the same ids; unique
    within a run because a run keeps one result per URL."""
    return blake2b(url.encode(), digest_size=8).hexdigest()


def unique_by_url(listings: Iterable[Listing]) -> list[Listing]:
    """First occurrence of each URL: several search queries often find the same page."""
    seen: set[str] = set()
    out = []
    for listing in listings:
        key = listing.url.strip().rstrip("/").lower()
        if key not in seen:
            seen.add(key)
            out.append(listing)
    return out


def advisor_verify(
    listings: Iterable[Listing],
    user: UserProfile,
    financial: FinancialProfile,
    *,
    run_id: UUID,
    today: date,
    threshold: int = DEFAULT_THRESHOLD,
    reputable_domains: frozenset[str] = REPUTABLE_DOMAINS,
) -> Verification:
    # One pass (not trust.verify, then need match): a kept listing's verdict is garbage as
    # soon as its result is built, which keeps the live set small on large runs.
    results: list[DiscoveryResult] = []
    filtered_out: list[Verified] = []
    for listing in unique_by_url(listings):
        verdict = trust_score(listing, today=today, reputable_domains=reputable_domains)
        if verdict.score < threshold:
            filtered_out.append(Verified(listing, verdict))
            continue
        match = need_match(user, financial, listing, today=today, due=verdict.deadline)
        results.append(
            DiscoveryResult(
                id=result_id(listing.url),
                discovery_run_id=run_id,
                title=listing.title,
                url=listing.url,
                trust_score=verdict.score,
                need_match_score=match.score,
                scholarship_id=listing.scholarship_id,
                provider=listing.provider,
                amount=listing.amount,
                deadline=deadline_at(verdict.deadline),
                application_type=listing.application_type,
                trust_reasons=verdict.reasons,
                need_explanations=match.explanations,
            )
        )
    return Verification(results, filtered_out)
