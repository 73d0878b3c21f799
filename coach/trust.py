"""Trust Filter (Advisor_Verify): a 0-100 trust score from explainable signals, each with its
points and a one-line reason, and the filter that keeps listings at or above a threshold.

score = clamp(50 + sum of the signals' points, 0, 100). Every listing gets a domain, a link,
a sponsor and a deadline signal; red flags come from its wording (title, provider,
description), matched case-insensitively with the regexes below, compiled once.

| code               | points | fires when                                                  |
|--------------------|-------:|-------------------------------------------------------------|
| official_domain    |   +25  | the site is .gov, .edu, .mil or a .state.xx.us domain       |
| reputable_provider |   +20  | the site is a known reputable provider (REPUTABLE_DOMAINS)  |
| https              |   +10  | the link is HTTPS                                           |
| no_https           |   -15  | the link is plain HTTP (or not a web link)                  |
| named_sponsor      |    +5  | the provider has a proper name                              |
| no_sponsor_contact |   -20  | no provider, or a generic one, and no contact details       |
| deadline_upcoming  |    +5  | the deadline is today or later                              |
| deadline_missing   |    -5  | no deadline given                                           |
| deadline_passed    |   -25  | the deadline is before `today`                              |
| fee                |   -35  | a fee or "processing charge" to apply, claim or reserve     |
| guaranteed         |   -30  | guaranteed winnings, money-back, "everyone qualifies"       |
| asks_personal_info |   -40  | asks for bank or card details, an SSN, a password, FSA ID   |
| unsolicited_award  |   -25  | "Congratulations, you have been selected", "claim your"     |
| urgency            |   -10  | "within 48 hours", "act now", "before all spots are gone"   |
| exclusive_claim    |   -10  | "not listed anywhere else", "exclusive scholarship ..."     |
| gov_impersonation  |   -20  | claims to be federal aid, or a fafsa/federal-sounding host, |
|                    |        | on a site that is neither official nor reputable            |
| implausible_amount |   -20  | an award above $250,000                                     |

So a listing with a named sponsor, an HTTPS link and a deadline ahead scores 70 on an
unknown site: any one red flag but the mild ones (urgency, exclusivity, a missing deadline:
60, still kept) takes it below the default threshold of 60, while a reputable or official
site (90-100) survives a single false alarm of up to 30 points.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import NamedTuple

from coach.discovery_models import Listing

BASE_SCORE = 50
DEFAULT_THRESHOLD = 60  # the Trust Filter's default; the setting arrives later
IMPLAUSIBLE_AMOUNT = 250_000.0  # above the largest real single awards (~$250k science prizes)

POINTS: dict[str, int] = {
    "official_domain": 25,
    "reputable_provider": 20,
    "https": 10,
    "no_https": -15,
    "named_sponsor": 5,
    "no_sponsor_contact": -20,
    "deadline_upcoming": 5,
    "deadline_missing": -5,
    "deadline_passed": -25,
    "fee": -35,
    "guaranteed": -30,
    "asks_personal_info": -40,
    "unsolicited_award": -25,
    "urgency": -10,
    "exclusive_claim": -10,
    "gov_impersonation": -20,
    "implausible_amount": -20,
}

# Known reputable providers: registrable domains of established foundations, companies,
# state agencies and programs (.gov/.edu sites need no entry). A sub-domain counts.
REPUTABLE_DOMAINS: frozenset[str] = frozenset(
    """
    afrotc.com amazonfutureengineer.com apiascholars.org artandwriting.org barronprize.org
    bigfuture.collegeboard.org borenawards.org bryancameroneducationfoundation.org
    burgerkingfoundation.org carsonscholars.org coca-colascholarsfoundation.org collegeboard.org
    collegeforalltexans.com collegefund.org danielsfund.org davidsongifted.org dellscholars.org
    deca.org elks.org equitable.com ffa.org floridastudentfinancialaidsg.org gafutures.org
    genkellyscholarship.com gilmanscholarship.org haganscholarships.org horatioalger.org hsf.net
    isac.org jackierobinson.org jfklibrary.org jkcf.org moreheadcain.org nationalmerit.org
    nhs.us okhighered.org pheaa.org possefoundation.org questbridge.org rankinfoundation.org
    reaganfoundation.org ronbrown.org smartscholarship.org societyforscience.org
    stampsscholars.org swe.org tacobellfoundation.org terryfoundation.org
    thegatesscholarship.org uncf.org vfw.org withgoogle.com
    """.split()
)

# Words that name no one: a provider made only of these is not an identifiable sponsor.
GENERIC_SPONSOR_WORDS: frozenset[str] = frozenset(
    """
    a academic achievement administration agency aid american and assistance association
    awards award board cash center centre claims college committee corp corporation council
    department education educational elite excellence federal finance financial for
    foundation fund funding funds future global government grant grants group help inc
    international llc match matching money national network of office official online
    opportunity organization premier prize processing program programs release resource
    resources scholar scholars scholarship scholarships search service services student
    students success support the u united us usa verification
    """.split()
)

_URL = re.compile(r"\s*([a-zA-Z][a-zA-Z0-9+.-]*)://(?:[^@/?#]*@)?([^:/?#]*)")
_OFFICIAL_HOST = re.compile(r"(?:^|\.)(?:gov|edu|mil)$|\.state\.[a-z]{2}\.us$")
_GOV_HOST_WORDS = re.compile(r"(?:^|[.-])(?:fafsa|studentaid|federal|gov|usgov|irs|fsa)(?:[.-]|$)")
_WORDS = re.compile(r"[a-z0-9]+")

# Red-flag wording, matched in the lowercased title, provider and description. Every
# alternative starts with a literal word (no leading \b, no lookbehind): the regex engine
# then skips ahead to candidate letters in C, several times faster. The word boundary
# before a match, and a negation just before it ("no application fee", "not guaranteed"),
# are checked on the match instead (`_first_match`).
_FEE_KINDS = (
    "processing application reservation registration handling service enrollment release "
    "transfer administrative redemption activation verification disbursement"
).split()
_HELD = "(?:is|are|has been) (?:on hold|waiting|pending|reserved|approved)\\b"
_SOON = "[^.!?\\n]{0,60}?\\b(?:now|today|immediately)\\b"
_HOURS = "(?:\\d+|twenty[ -]four|forty[ -]eight) hours\\b"
_FLAG_PATTERNS: dict[str, tuple[str, ...]] = {
    "fee": (
        *(f"{kind}[ -](?:fees?|charges?)\\b" for kind in _FEE_KINDS),
        "\\$ ?\\d[\\d,]*(?:\\.\\d\\d)? (?:one[ -]time )?(?:fee|charge)\\b",
        "fee of \\$ ?\\d[\\d,]*",
        "pay (?:only |just |a |us )?\\$ ?\\d[\\d,]*",
        "small (?:fee|charge|payment)\\b",
        "one[ -]time (?:fee|charge|payment)\\b",
        "refundable (?:fee|charge|payment)\\b",
    ),
    "guaranteed": (
        "guarantee[ds]?\\b",
        "money[ -]back\\b",
        "everyone (?:qualifies|wins|is eligible|receives)\\b",
        "you will (?:win|receive|get)\\b",
        "you'll (?:win|receive|get)\\b",
        "risk[ -]free\\b",
    ),
    "asks_personal_info": (
        "bank (?:account|details|information|info|routing|login)s?\\b",
        "routing number\\b",
        "credit card\\b",
        "debit card\\b",
        "card (?:number|details)\\b",
        "social security(?: number)?\\b",
        "ssns?\\b",
        "fsa id (?:password|login|credentials?|username)\\b",
        "passwords?\\b",
    ),
    "unsolicited_award": (
        "congratulations\\b",
        "you(?:'ve| have)? (?:been )?(?:selected|chosen|pre-?approved)\\b",
        "you were (?:selected|chosen)\\b",
        "you(?:'ve| have) won\\b",
        "you(?:'re| are) (?:a |our )?(?:winner|finalist|recipient)\\b",
        "claim your\\b",
        "release (?:the|your) (?:funds|grant|award|money|scholarship)\\b",
        *(f"{thing} {_HELD}" for thing in "grant award scholarship funds fund prize money".split()),
        "grant release\\b",
    ),
    "urgency": (
        f"within {_HOURS}",
        f"in {_HOURS}",
        "act (?:now|fast|today)\\b",
        *(f"{verb}\\b{_SOON}" for verb in "verify claim reserve respond confirm".split()),
        "before (?:all )?(?:the )?(?:spots|places|seats|awards|funds) (?:are|run) (?:gone|out)\\b",
        "limited time\\b",
        "expires? (?:today|tonight|soon)\\b",
    ),
    "exclusive_claim": (
        "not (?:listed|available|found|advertised) anywhere else\\b",
        "exclusive (?:scholarships?|access|database|list|matching|opportunit(?:y|ies))\\b",
        "secret (?:scholarships?|grants?|money)\\b",
        "unclaimed (?:scholarships?|money|aid)\\b",
    ),
}
_NEGATABLE = frozenset({"fee", "guaranteed"})
_NEGATION = re.compile(r"(?:^|[^a-z0-9])(?:no|not|without|zero) $")
# A flag's regex runs only when one of its trigger words is among the text's words (every
# match of the regex contains one): most listings trip few flags' words, and a set test is
# far cheaper than running every regex over every listing.
_TRIGGER_WORDS: dict[str, str] = {
    "fee": "fee fees charge charges pay payment",
    "guaranteed": "guarantee guaranteed guarantees money everyone you risk",
    "asks_personal_info": "bank routing card social ssn ssns password passwords",
    "unsolicited_award": (
        "congratulations selected chosen approved preapproved won winner finalist recipient "
        "claim release hold waiting pending reserved"
    ),
    "urgency": "hours act verify claim reserve respond confirm before limited expire expires",
    "exclusive_claim": "anywhere exclusive secret unclaimed",
}
_RED_FLAGS: tuple[tuple[str, frozenset[bytes], re.Pattern[str]], ...] = tuple(
    (code, frozenset(_TRIGGER_WORDS[code].encode().split()), re.compile("|".join(patterns)))
    for code, patterns in _FLAG_PATTERNS.items()
)


def _first_match(code: str, pattern: re.Pattern[str], text: str) -> str | None:
    """The first match that starts a word and, for a fee or a guarantee, is not negated."""
    for match in pattern.finditer(text):
        start = match.start()
        if start and text[start - 1].isalnum():
            continue
        if code in _NEGATABLE and _NEGATION.search(text, max(0, start - 10), start):
            continue
        return match.group()
    return None


_GOV_CLAIM = re.compile(
    r"\b(?:federal (?:student aid|grants?|education grants?|government grants?)"
    r"|government grants?"
    r"|(?:u\.?s\.?|united states|federal) department of education"
    r"|student aid (?:verification|department|office|center|processing|release))\b"
)

_FLAG_REASONS: dict[str, str] = {
    "fee": "Asks for money up front",
    "guaranteed": "Promises guaranteed winnings",
    "asks_personal_info": "Asks for bank, card or identity details",
    "unsolicited_award": "Announces an award you did not apply for",
    "urgency": "Pressures you to act right away",
    "exclusive_claim": "Claims access to scholarships no one else lists",
}


class TrustSignal(NamedTuple):
    code: str
    points: int
    reason: str

    @property
    def line(self) -> str:
        """ "-35 Asks for money up front: "processing fee"": the reason with its points."""
        return f"{self.points:+d} {self.reason}"

    @property
    def red_flag(self) -> bool:
        return self.points < 0


@dataclass(frozen=True, slots=True)
class TrustVerdict:
    score: int
    signals: tuple[TrustSignal, ...]
    deadline: date | None = None  # the deadline judged (a yearly one rolled to `today`)

    @property
    def red_flags(self) -> tuple[TrustSignal, ...]:
        return tuple(s for s in self.signals if s.points < 0)

    @property
    def reasons(self) -> tuple[str, ...]:
        return tuple(_line(s) for s in self.signals)

    def passes(self, threshold: int = DEFAULT_THRESHOLD) -> bool:
        return self.score >= threshold


@lru_cache(maxsize=4096)
def _line(signal: TrustSignal) -> str:
    return signal.line


class Verified(NamedTuple):
    listing: Listing
    verdict: TrustVerdict


def _signal(code: str, reason: str) -> TrustSignal:
    return TrustSignal(code, POINTS[code], reason)


_HTTPS = _signal("https", "Secure link (HTTPS)")
_NO_HTTPS = _signal("no_https", "Not a secure link (no HTTPS)")


def _host_of(url: str) -> tuple[str, str]:
    match = _URL.match(url)
    if match is None:
        return "", ""
    host = match.group(2).lower().rstrip(".")
    return match.group(1).lower(), host[4:] if host.startswith("www.") else host


def _is_reputable(host: str, domains: frozenset[str]) -> bool:
    while "." in host:
        if host in domains:
            return True
        host = host.partition(".")[2]
    return False


# Per site, sponsor and deadline the signals are the same for every listing that shares
# them (search results repeat sites and sponsors), so they are computed once and cached.
@lru_cache(maxsize=4096)
def _site(scheme: str, host: str, domains: frozenset[str]) -> tuple[tuple[TrustSignal, ...], bool]:
    """The site's signals, and whether the site itself vouches (official or reputable)."""
    signals = []
    official = bool(host) and _OFFICIAL_HOST.search(host) is not None
    reputable = bool(host) and _is_reputable(host, domains)
    if official:
        kind = "state .us" if host.endswith(".us") else "." + host.rsplit(".", 1)[-1]
        signals.append(_signal("official_domain", f"Official {kind} site ({host})"))
    if reputable:
        signals.append(_signal("reputable_provider", f"Known reputable provider ({host})"))
    signals.append(_HTTPS if scheme == "https" else _NO_HTTPS)
    if not (official or reputable) and _GOV_HOST_WORDS.search(host):
        signals.append(
            _signal("gov_impersonation", f"Government-sounding site that is not .gov ({host})")
        )
    return tuple(signals), official or reputable


@lru_cache(maxsize=4096)
def _sponsor(provider: str | None, has_contact: bool) -> TrustSignal | None:
    words = _WORDS.findall(provider.lower()) if provider else []
    if not all(w in GENERIC_SPONSOR_WORDS for w in words):
        return _signal("named_sponsor", f"Named sponsor: {provider}")
    if has_contact:
        return None
    who = f'"{provider}" is a generic name' if provider else "no sponsor named"
    return _signal("no_sponsor_contact", f"No identifiable sponsor: {who}, no contact")


_MONTHS = (
    "January February March April May June July August September October November December"
).split()


def _long_date(day: date) -> str:
    return f"{_MONTHS[day.month - 1]} {day.day}, {day.year}"


@lru_cache(maxsize=4096)
def _deadline(deadline: date | None, passed: bool) -> TrustSignal:
    if deadline is None:
        return _signal("deadline_missing", "No deadline given")
    if passed:
        return _signal("deadline_passed", f"Deadline passed on {_long_date(deadline)}")
    return _signal("deadline_upcoming", f"Deadline {_long_date(deadline)} is ahead")


# Words of a text as lowercase ASCII bytes: letters and digits kept, other ASCII a space
# (bytes.translate is a C table lookup, several times faster than a regex findall).
_WORD_BYTES = bytes(
    (c + 32 if 65 <= c <= 90 else c) if chr(c).isalnum() or c >= 128 else 32 for c in range(256)
)
_GOV_WORDS = frozenset({b"federal", b"government", b"department", b"student"})


def trust_score(
    listing: Listing,
    *,
    today: date,
    reputable_domains: frozenset[str] = REPUTABLE_DOMAINS,
) -> TrustVerdict:
    """The listing's trust score and the signals behind it, as of `today`."""
    if isinstance(today, datetime):
        today = today.date()
    site, vouched = _site(*_host_of(listing.url), reputable_domains)
    signals = list(site)
    sponsor = _sponsor(listing.provider, bool(listing.contact and listing.contact.strip()))
    if sponsor is not None:
        signals.append(sponsor)
    deadline = listing.deadline_on(today)
    signals.append(_deadline(deadline, deadline is not None and deadline < today))

    head = f"{listing.title}\n{listing.provider or ''}"
    raw = f"{head}\n{listing.description}"
    words = set(raw.encode().translate(_WORD_BYTES).split())
    text = raw.lower()
    for code, triggers, pattern in _RED_FLAGS:
        if not triggers.isdisjoint(words) and (found := _first_match(code, pattern, text)):
            signals.append(_signal(code, f'{_FLAG_REASONS[code]}: "{found}"'))

    if not vouched and not _GOV_WORDS.isdisjoint(words):
        claim = _GOV_CLAIM.search(head.lower())
        if claim is not None and not any(s.code == "gov_impersonation" for s in site):
            signals.append(
                _signal(
                    "gov_impersonation",
                    f'Claims to be government aid ("{claim.group()}") but is not on a .gov site',
                )
            )

    if listing.amount is not None and listing.amount > IMPLAUSIBLE_AMOUNT:
        signals.append(
            _signal("implausible_amount", f"Implausible amount (${listing.amount:,.0f})")
        )

    score = BASE_SCORE
    for signal in signals:
        score += signal.points
    return TrustVerdict(max(0, min(100, score)), tuple(signals), deadline)


def verify(
    listings: Iterable[Listing],
    *,
    today: date,
    threshold: int = DEFAULT_THRESHOLD,
    reputable_domains: frozenset[str] = REPUTABLE_DOMAINS,
) -> tuple[list[Verified], list[Verified]]:
    """(kept, filtered_out): every listing with its verdict; a filtered one's `red_flags`
    say why it was dropped."""
    kept: list[Verified] = []
    filtered_out: list[Verified] = []
    for listing in listings:
        verdict = trust_score(listing, today=today, reputable_domains=reputable_domains)
        (kept if verdict.score >= threshold else filtered_out).append(Verified(listing, verdict))
    return kept, filtered_out
