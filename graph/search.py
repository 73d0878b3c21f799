"""Where Advisor_Search looks: one `SearchProvider` protocol, an offline catalog search (the
default) and Tavily. A provider is handed the anonymized profile only, never a `Profile`, so
the raw SAI cannot reach one by construction; the words it searches for come from
coach.financial.search_queries alone, which drops every digit.

Tavily's failures each get their own sentence (a student reads it, an administrator acts on
it); a timeout or an unreachable service is `TransientSearchError`, which the graph's node
RetryPolicy tries again before giving up.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any, Protocol

import requests
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from coach.discovery import unique_by_url
from coach.discovery_models import (
    Eligibility,
    FinancialProfile,
    Listing,
    UserProfile,
    state_name,
)
from coach.financial import search_queries
from db.errors import Unavailable
from db.models import Scholarship
from db.repository import Repository

log = logging.getLogger(__name__)


class SearchProvider(Protocol):
    """Finds listings for a student described by labels ("Pell Eligible", a major, a state)."""

    def search(self, financial: FinancialProfile, user: UserProfile) -> list[Listing]: ...


# failures -------------------------------------------------------------------------------------
class SearchFailed(Unavailable):
    """The search could not be done; the message says why, in one sentence."""


class TransientSearchError(SearchFailed):
    """Worth an immediate retry (a timeout, a dropped connection, a 5xx)."""


SEARCH_TIMED_OUT = "The web search did not answer in time. Please try again in a moment."
SEARCH_UNREACHABLE = "The web search is not reachable right now. Please try again in a moment."
SEARCH_KEY_REFUSED = (
    "The web search refused our API key (TAVILY_API_KEY): an administrator needs to check it."
)
SEARCH_RATE_LIMITED = "The web search has reached its usage limit for now. Please try again later."
SEARCH_GARBLED = "The web search sent back an answer we could not read. Please try again later."
SEARCH_REFUSED = "The web search refused this request. Please try again later."


# the offline catalog --------------------------------------------------------------------------
_WORD = re.compile(r"[a-z]+")
# Words every scholarship query shares; they say nothing about what a student is after.
_STOP = frozenset("a an and for in of on the to with students student residents".split())


def _stem(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") else word


def query_terms(queries: list[str]) -> frozenset[str]:
    """The distinct search words of the queries, lowercased and crudely singular."""
    return frozenset(_stem(w) for q in queries for w in _WORD.findall(q.lower()) if w not in _STOP)


def listing_from_row(row: Scholarship) -> Listing:
    """A catalog row as the Advisor reads it. The row's deadline is already rolled to its next
    occurrence by the app clock (db/seed/catalog.py). `fraud_signals` stays behind: the catalog's
    marker of its own scams is for tests, never for the scorer."""
    meta = row.metadata
    return Listing(
        title=row.title,
        url=row.url,
        provider=row.provider,
        description=str(meta.get("description") or ""),
        amount=float(row.amount) if row.amount is not None else None,
        deadline=row.deadline.date() if row.deadline is not None else None,
        need_based=row.need_based,
        application_type=meta.get("application_type"),
        eligibility=Eligibility.model_validate(meta.get("eligibility") or {}),
        contact=meta.get("contact"),
        scholarship_id=row.id,
    )


class CatalogSearch:
    """The offline default: the scholarships table, read through the student's repository
    (RLS: the catalog is readable by any signed-in user), matched against the queries' words
    as a search engine would, most matching words first. Broad on purpose: a web search for
    "Texas scholarships" also returns national ones, and the Trust Filter and need match,
    not the search, decide what the student sees."""

    def __init__(self, repository: Repository, *, limit: int = 1000) -> None:
        self.repository = repository
        self.limit = limit

    def search(self, financial: FinancialProfile, user: UserProfile) -> list[Listing]:
        terms = query_terms(search_queries(financial, user))
        ranked: list[tuple[int, str, Listing]] = []
        for row in self.repository.list_scholarships(limit=self.limit):
            if row.past_cycle:  # kept for its applications; the next cycle is offered
                continue
            listing = listing_from_row(row)
            hits = len(terms & _listing_words(listing))
            if hits:
                ranked.append((-hits, listing.title, listing))
        ranked.sort(key=lambda item: (item[0], item[1]))
        return [listing for *_, listing in ranked]


def _listing_words(listing: Listing) -> frozenset[str]:
    eligibility = listing.eligibility or Eligibility()
    text = " ".join(
        [
            listing.title,
            listing.provider or "",
            listing.description,
            " ".join(eligibility.majors),
            " ".join(state_name(s) for s in eligibility.states),
            "need-based" if listing.need_based else "",
        ]
    ).lower()
    return frozenset(_stem(w) for w in _WORD.findall(text))


# Tavily ---------------------------------------------------------------------------------------
class TavilyResult(BaseModel):
    """One hit of Tavily's /search answer; what we read of it."""

    model_config = ConfigDict(extra="ignore")

    title: str = ""
    url: str = Field(min_length=1, max_length=2000)
    content: str = ""


class TavilyAnswer(BaseModel):
    model_config = ConfigDict(extra="ignore")

    results: list[TavilyResult]


def _client(api_key: str, base_url: str | None) -> Any:
    from tavily import TavilyClient  # imported when used: the offline app never needs it

    return TavilyClient(api_key=api_key, api_base_url=base_url)


_TITLE_SEPARATOR = re.compile(r"\s+[|\u2013\u2014-]\s+")


def site_name(title: str) -> str | None:
    """The site a page title names after its last separator ("Federal Pell Grant | Federal
    Student Aid" -> "Federal Student Aid"), the only sponsor a web hit states; None when the
    title names none."""
    parts = _TITLE_SEPARATOR.split(title.strip())
    name = parts[-1].strip() if len(parts) > 1 else ""
    return name if 2 <= len(name) <= 80 else None


class TavilySearch:
    """Tavily's /search, one request per query from search_queries. A web page has no
    structured amount or deadline: those stay unknown (None), and the Trust Filter scores the
    unknowns as it should rather than us guessing them; the sponsor is the site the page's
    title names, if any."""

    def __init__(
        self,
        api_key: str,
        *,
        base_url: str | None = None,
        max_results: int = 10,
        timeout_s: float = 20.0,
        client_factory: Callable[[str, str | None], Any] = _client,
    ) -> None:
        self._client = client_factory(api_key, base_url)
        self.max_results = max_results
        self.timeout_s = timeout_s

    def search(self, financial: FinancialProfile, user: UserProfile) -> list[Listing]:
        listings: list[Listing] = []
        for query in search_queries(financial, user):
            answer = self._ask(query)
            for hit in answer.results:
                try:
                    listings.append(
                        Listing(
                            title=(hit.title.strip() or hit.url)[:300],
                            url=hit.url.strip(),
                            provider=site_name(hit.title),
                            description=hit.content[:4000],
                        )
                    )
                except ValidationError:
                    log.warning("skipped an unreadable web result")
        return unique_by_url(listings)

    def _ask(self, query: str) -> TavilyAnswer:
        from tavily import errors as tavily_errors

        try:
            raw = self._client.search(
                query,
                max_results=self.max_results,
                search_depth="basic",
                timeout=self.timeout_s,
            )
        except tavily_errors.TimeoutError as exc:
            raise TransientSearchError(SEARCH_TIMED_OUT, detail=str(exc)) from exc
        except (tavily_errors.InvalidAPIKeyError, tavily_errors.MissingAPIKeyError) as exc:
            raise SearchFailed(SEARCH_KEY_REFUSED, detail=str(exc)) from exc
        except tavily_errors.UsageLimitExceededError as exc:
            raise SearchFailed(SEARCH_RATE_LIMITED, detail=str(exc)) from exc
        except (tavily_errors.ForbiddenError, tavily_errors.BadRequestError) as exc:
            raise SearchFailed(SEARCH_REFUSED, detail=str(exc)) from exc
        except requests.HTTPError as exc:  # a 5xx: Tavily's side, worth another try
            status = exc.response.status_code if exc.response is not None else None
            if status is not None and status >= 500:
                raise TransientSearchError(SEARCH_UNREACHABLE, detail=str(exc)) from exc
            raise SearchFailed(SEARCH_REFUSED, detail=str(exc)) from exc
        except requests.JSONDecodeError as exc:  # a 200 whose body is not JSON
            raise SearchFailed(SEARCH_GARBLED, detail=str(exc)[:200]) from exc
        except requests.ConnectionError as exc:
            raise TransientSearchError(SEARCH_UNREACHABLE, detail=str(exc)[:200]) from exc
        try:
            return TavilyAnswer.model_validate(raw)
        except ValidationError as exc:
            raise SearchFailed(SEARCH_GARBLED, detail=str(exc)[:200]) from exc
