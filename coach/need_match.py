"""Need match: how well a listing's eligibility fits the student, 0-100, with one plain
explanation per requirement ("GPA 3.4 ≥ 3.0 ✓", "Texas residents ✓", "Need-based, Pell
eligible ✓", "For high school seniors, as you are ✓"). What the listing or the profile does
not say is "unknown", never guessed.

score = round(100 x the product of each requirement's factor):
  met ✓ 1.0 · unknown 0.6 · unmet GPA, state, major or school year ✗ 0.0 (the student cannot
  apply) · need-based but no need shown ✗ 0.3 (sponsors judge need as a whole, so still
  possible).
The school years a listing names (`eligibility.levels`: the catalog's) are checked against the
profile's school year; a profile without one reads "unknown". A listing with no requirement
scores 100 ("No GPA, state, major, school year or need rule listed"), unless its description
says whom it is for in words the profile cannot check ("for American Indian and Alaska Native
students", "for college juniors", "women age 35 and older"): that is one more unknown, so it
no longer reads 100/100 to a student it may exclude. Beside named years, the description's
school year is not read again ("for Black high school seniors" says only "For Black
students"); a listing a search found names none, and its description is read as it stands.

Financial need comes only from the anonymized `FinancialProfile`: Pell eligible, or a Low,
Moderate or Middle income bracket (coach/financial.py), never the SAI itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Literal

from coach.age_limits import AGE_WORDS, AgeLimit, age_check, age_limit
from coach.discovery_models import (
    FinancialProfile,
    IncomeBracket,
    Listing,
    UserProfile,
    state_name,
)
from coach.financial import NEED_BRACKETS
from coach.school_years import YEAR_WORDS, levels_phrase, year_at
from db.models import SCHOOL_YEARS, SchoolYear

RequirementKind = Literal["eligibility", "gpa", "state", "major", "need", "level", "age"]
Status = Literal["met", "unmet", "unknown"]

MET, UNKNOWN, UNMET, NEED_UNMET = 1.0, 0.6, 0.0, 0.3

# Broad fields a listing may name, and majors that belong to them.
FIELD_FAMILIES: dict[str, frozenset[str]] = {
    "science": frozenset(
        ["biology", "chemistry", "physics", "biochemistry", "neuroscience", "geology"]
        + ["astronomy", "ecology", "environmental science", "mathematics", "computer science"]
    ),
    "natural sciences": frozenset(
        ["biology", "chemistry", "physics", "biochemistry", "geology", "astronomy", "ecology"]
        + ["environmental science", "marine biology"]
    ),
    "health care": frozenset(
        ["nursing", "medicine", "pre-med", "public health", "pharmacy", "health sciences"]
    ),
    "health sciences": frozenset(
        ["nursing", "pre-med", "public health", "kinesiology", "nutrition", "health care"]
    ),
    "art": frozenset(["fine arts", "studio art", "graphic design", "illustration", "painting"]),
    "writing": frozenset(["creative writing", "english", "journalism", "literature"]),
    "business": frozenset(["accounting", "economics", "management", "entrepreneurship"]),
}
SYNONYMS: dict[str, str] = {
    "cs": "computer science",
    "comp sci": "computer science",
    "math": "mathematics",
    "maths": "mathematics",
    "bio": "biology",
    "premed": "pre-med",
    "pre med": "pre-med",
    "econ": "economics",
}

_NOT_WORD = re.compile(r"[^a-z0-9-]+")


@dataclass(frozen=True, slots=True)
class Requirement:
    kind: RequirementKind
    status: Status
    text: str

    @property
    def factor(self) -> float:
        if self.status == "met":
            return MET
        if self.status == "unknown":
            return UNKNOWN
        return NEED_UNMET if self.kind == "need" else UNMET


@dataclass(frozen=True, slots=True)
class NeedMatch:
    score: int
    requirements: tuple[Requirement, ...]

    @property
    def explanations(self) -> tuple[str, ...]:
        return tuple(r.text for r in self.requirements)

    @property
    def eligible(self) -> bool:
        """No requirement is known to exclude the student."""
        return all(r.status != "unmet" or r.kind == "need" for r in self.requirements)


# what the listing says, not a promise: an audit's counselors knew National Merit goes through
# the PSAT, which "Open to all students" denied
OPEN_TO_ALL = Requirement(
    "eligibility",
    "met",
    "No GPA, state, major, school year or need rule listed ✓ (the sponsor's page may have others)",
)


def _norm(text: str) -> str:
    words = _NOT_WORD.sub(" ", text.lower().replace("&", " and ")).split()
    joined = " ".join(words)
    return SYNONYMS.get(joined, joined)


def _contains(haystack: str, needle: str) -> bool:
    return f" {needle} " in f" {haystack} "


def major_fits(major: str, listed: tuple[str, ...]) -> bool:
    """The student's major is one the listing names, part of it ("Mechanical Engineering"
    fits "engineering"), or in a broad field it names ("Biology" fits "natural sciences")."""
    mine = _norm(major)
    for entry in listed:
        theirs = _norm(entry)
        if _contains(mine, theirs) or _contains(theirs, mine):
            return True
        if any(_contains(mine, member) for member in FIELD_FAMILIES.get(theirs, ())):
            return True
    return False


# The requirement helpers below are cached: the same requirement against the same profile
# recurs across listings, and a cached Requirement costs no new strings.


def _gpa(value: float) -> str:
    text = f"{value:.2f}".rstrip("0")
    return text + "0" if text.endswith(".") else text


def _either(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} or {items[-1]}"


@lru_cache(maxsize=4096)
def _gpa_requirement(minimum: float, gpa: float | None) -> Requirement:
    if gpa is None:
        return Requirement(
            "gpa", "unknown", f"Minimum GPA {_gpa(minimum)}: your GPA is not on file (unknown)"
        )
    if gpa + 1e-9 >= minimum:
        return Requirement("gpa", "met", f"GPA {_gpa(gpa)} ≥ {_gpa(minimum)} ✓")
    return Requirement("gpa", "unmet", f"GPA {_gpa(gpa)} < {_gpa(minimum)} ✗")


@lru_cache(maxsize=4096)
def _state_requirement(states: tuple[str, ...], state: str | None) -> Requirement:
    who = f"{_either([state_name(s) for s in states])} residents"
    if state is None:
        return Requirement("state", "unknown", f"{who}: your state is not on file (unknown)")
    if state in {s.upper() for s in states}:
        return Requirement("state", "met", f"{who} ✓")
    return Requirement("state", "unmet", f"{who} ✗ (you live in {state_name(state)})")


@lru_cache(maxsize=4096)
def _major_requirement(majors: tuple[str, ...], major: str | None) -> Requirement:
    fields = _either(list(majors))
    who = f"{fields[:1].upper()}{fields[1:]} majors"
    if not major:
        return Requirement("major", "unknown", f"{who}: your major is not on file (unknown)")
    if major_fits(major, majors):
        return Requirement("major", "met", f"{who} ✓ (yours: {major})")
    return Requirement("major", "unmet", f"{who} ✗ (yours: {major})")


@lru_cache(maxsize=1024)
def _level_requirement(
    levels: tuple[SchoolYear, ...], year: SchoolYear | None, then: SchoolYear | None = None
) -> Requirement:
    """`then`: the student's year on the listing's deadline, when a school year turns before
    it (coach.school_years.year_at): what the sponsor will check."""
    who = levels_phrase(levels)
    if year is None:
        return Requirement(
            "level", "unknown", f"For {who}: add your school year on the Profile page (unknown)"
        )
    if then is not None and then != year and (then in levels or year in levels):
        by_then = f"by its deadline you will be a {YEAR_WORDS[then]}"
        if then in levels:
            return Requirement("level", "met", f"For {who} ✓ ({by_then})")
        return Requirement("level", "unmet", f"For {who} ✗ ({by_then})")
    if year == "adult_returning" and year not in levels:
        college = [y for y in SCHOOL_YEARS if y.startswith("college_")]
        if all(y in levels for y in college):
            return Requirement("level", "met", f"For {who} ✓ (yours: adult returning to college)")
        if any(y in levels for y in college):
            return Requirement(
                "level",
                "unknown",
                f"For {who}: check which college year you will be in (yours: adult returning "
                "to college)",
            )
    if year not in levels:
        return Requirement("level", "unmet", f"For {who} ✗ (yours: {YEAR_WORDS[year]})")
    if levels == (year,):
        return Requirement("level", "met", f"For {who}, as you are ✓")
    return Requirement("level", "met", f"For {who} ✓ (yours: {YEAR_WORDS[year]})")


@lru_cache(maxsize=64)
def _need_requirement(pell: bool | None, bracket: IncomeBracket | None) -> Requirement:
    if pell:
        return Requirement("need", "met", "Need-based, Pell eligible ✓")
    if bracket in NEED_BRACKETS:
        return Requirement("need", "met", f"Need-based, {bracket} income ✓")
    if bracket is not None:
        return Requirement("need", "unmet", f"Need-based, {bracket} income ✗")
    if pell is False:
        return Requirement(
            "need", "unknown", "Need-based: not Pell eligible, income not on file (unknown)"
        )
    return Requirement(
        "need", "unknown", "Need-based: your financial need is not on file (unknown)"
    )


# Whom a listing is only for, named in its description, beyond GPA, state, major and need.
# Priorities ("with priority for first-generation students") are not restrictions.
_GROUPS = (
    r"(?:american indian|alaska native|native american|native hawaiian|asian american|pacific "
    r"islander|hispanic|latin[oax]|black|african american|minority)"
)
_AUDIENCE = re.compile(
    r"(?<!priority )(?<!preference )(?<!mainly )(?<!mostly )(?<!primarily )(?<!especially )"
    r"\bfor\s+(?:(?:low-income|outstanding|academically\s+talented|pell-eligible)\s+)*("
    + _GROUPS
    + r"(?:,?\s+(?:and|or)\s+(?:american indian|alaska native|native hawaiian|pacific islander|"
    r"asian american))*\s+(?:students|high\s+school\s+seniors)"
    r"|students\s+of\s+(?:hispanic|latin[oax]|african|asian|native\s+american)\s+heritage"
    r"|women(?:\s+age\s+\d+\s+and\s+older)?|veterans|(?:military|service)\s+members"
    r"|college\s+(?:freshmen|sophomores|juniors|seniors)(?:\s+and\s+(?:sophomores|juniors|seniors))?"
    r"|graduate\s+students"
    r"|pell grant recipients studying(?:\s+or\s+interning)?\s+abroad"
    r"|(?:students\s+)?studying\s+abroad|foster youth|students with disabilities"
    r"|(?:high\s+school\s+seniors\s+who\s+are\s+)?(?:(?:children|grandchildren|dependents)"
    r"(?:\s+or\s+grandchildren)?\s+of\s+)?(?:[\w.&'-]+\s+){1,3}members)\b",
    re.I,
)
# Who else a description limits a listing to, with no field of the Profile to check it
# against: school year, age, one school, a nomination. An audit found "Need match 100/100 ·
# Open to all students" on awards "for high school seniors" shown to a college junior.
_AUDIENCE_MORE = re.compile(
    r"\b(?:for|to)\s+((?:U\.S\.\s+)?(?:public\s+)?high\s+school\s+(?:seniors|juniors|students))\b"
    r"|\b(community\s+college\s+students)\b[^.]{0,60}\btransfer\b"
    r"|\b(students\s+(?:aged?\s+)?\d{2}\s+or\s+(?:younger|under))\b"
    r"|\b(students\s+in\s+grades\s+\d{1,2}\s+(?:through|to|-)\s+\d{1,2})\b"
    r"|\bscholarships?\s+at\s+(the\s+University\s+of\s+[A-Z][\w ]+?)(?=\s+(?:covering|for|that|"
    r"which)\b|[,.])"
    r"|\b((?:students|young\s+people)\s+ages?\s+\d{1,2}\s+(?:to|through|-)\s+\d{1,2})\b"
    r"|\b(students\s+nominated\s+by\s+their\s+(?:schools?|high\s+schools?))\b",
)
_AUDIENCE_SAID = {
    2: "community college students who transfer",
    5: "students at {}",
}
# An audience that is only a school year, which a listing's named years already say.
_ONLY_A_YEAR = re.compile(
    r"(?:U\.S\.\s+)?high\s+school\s+(?:seniors|juniors|students)"
    r"|college\s+(?:freshmen|sophomores|juniors|seniors)(?:\s+and\s+(?:sophomores|juniors|seniors))?"
    r"|graduate\s+students|students\s+in\s+grades\s+\d{1,2}\s+(?:through|to|-)\s+\d{1,2}",
    re.I,
)
# The school year inside a wider audience: "minority high school seniors" is for minority
# students; "high school seniors who are National Honor Society members", for its members.
_YEAR_IN_AUDIENCE = (
    (re.compile(r"^high\s+school\s+seniors\s+who\s+are\s+", re.I), ""),
    (re.compile(r"\s+high\s+school\s+seniors$", re.I), " students"),
)


def _beyond_year(who: str) -> str | None:
    """Whom a listing is for apart from its school year, or None when that is all it says."""
    if _ONLY_A_YEAR.fullmatch(who):
        return None
    for year, rest in _YEAR_IN_AUDIENCE:
        who = year.sub(rest, who)
    return who


# A listing for Pell-eligible students (or the Pell Grant itself): Pell eligibility is the
# requirement, and income alone does not meet it.
_PELL = re.compile(r"\bpell[\s-]+(?:eligible|grant\s+recipients)\b|\bpell\s+grant\b", re.I)


def names_pell(title: str, description: str) -> bool:
    """A listing only for Pell-eligible students (the Pell Grant itself among them)."""
    return bool(_PELL.search(title) or _PELL.search(description))


@lru_cache(maxsize=8)
def _pell_requirement(pell: bool | None) -> Requirement:
    if pell:
        return Requirement("need", "met", "For Pell-eligible students, as you are ✓")
    if pell is False:
        return Requirement(
            "eligibility", "unmet", "For Pell-eligible students ✗ (yours: not Pell eligible)"
        )
    return Requirement(
        "need",
        "unknown",
        "For Pell-eligible students: your Pell eligibility is not on file (unknown)",
    )


def rules_out(
    levels: tuple[SchoolYear, ...],
    year: SchoolYear | None,
    description: str,
    birth_year: int | None,
    on: date | None,
) -> bool:
    """Whether the listing's school years or age limit rule the student out, as Discovery's
    "✗" says it (an adult returning to college is a college student; a birthday still to
    come leaves an age unknown): for the Game plan's "Scholarships like it"."""
    if year is not None and levels and _level_requirement(levels, year).status == "unmet":
        return True
    limit = age_limit(description)
    return (
        limit is not None
        and birth_year is not None
        and on is not None
        and _age_requirement(limit, birth_year, on).status == "unmet"
    )


def _age_requirement(limit: AgeLimit, birth_year: int | None, on: date | None) -> Requirement:
    status, text = age_check(limit, birth_year, on)
    return Requirement("age", status, text)


_ONLY_AGE = re.compile(r"(?:students|young\s+people|people|applicants)?", re.I)


@lru_cache(maxsize=4096)
def audience_requirement(
    description: str, *, years_named: bool = False, age_checked: bool = False
) -> Requirement | None:
    """ "For college juniors (from its description): check you qualify (unknown)". With
    `years_named` (the listing names its school years, checked on their own), the school year
    is left out of it, and an audience that is only a school year gives none."""
    found = _AUDIENCE.search(description)
    if found is not None:
        who = " ".join(found.group(1).split())
    elif (more := _AUDIENCE_MORE.search(description)) is not None:
        n, said = next((i, g) for i, g in enumerate(more.groups(), start=1) if g)
        who = _AUDIENCE_SAID.get(n, "{}").format(" ".join(said.split()))
    else:
        return None
    rest = _beyond_year(who) if years_named else who
    if rest is not None and age_checked:  # "women age 35 and older": the age is its own line
        rest = AGE_WORDS.sub("", rest).strip()
        rest = None if _ONLY_AGE.fullmatch(rest) else rest
    if rest is None:
        return None
    return Requirement(
        "eligibility", "unknown", f"For {rest} (from its description): check you qualify (unknown)"
    )


def need_match(
    user: UserProfile,
    financial: FinancialProfile,
    listing: Listing,
    *,
    today: date | None = None,
    due: date | None = None,
) -> NeedMatch:
    """Each of the listing's requirements against the profile, and the score they make. With
    `today` and the listing's deadline (`due`), school years are read as they will be then."""
    requirements: list[Requirement] = []
    eligibility = listing.eligibility
    levels = eligibility.levels if eligibility is not None else ()
    if eligibility is None:
        requirements.append(
            Requirement(
                "eligibility",
                "unknown",
                # a web listing's page may well state them: read here, they are not (an audit's
                # "minimum 3.0 GPA … Texas residents" read "not stated in the listing")
                "GPA, state and major requirements not read from this listing: check it "
                "yourself (unknown)",
            )
        )
    else:
        if eligibility.min_gpa:
            requirements.append(_gpa_requirement(eligibility.min_gpa, user.gpa))
        if eligibility.states:
            requirements.append(_state_requirement(eligibility.states, user.state))
        if eligibility.majors:
            requirements.append(_major_requirement(eligibility.majors, user.major))
    if listing.need_based is None:
        requirements.append(
            Requirement(
                "need",
                "unknown",
                "Whether it is need-based was not read from this listing: check it (unknown)",
            )
        )
    elif names_pell(listing.title, listing.description):
        requirements.append(_pell_requirement(financial.is_pell_eligible))
    elif listing.need_based:
        requirements.append(
            _need_requirement(financial.is_pell_eligible, financial.household_income_bracket)
        )
    if levels:
        year = user.school_year
        then = year_at(year, today, due) if year is not None and today is not None else None
        requirements.append(_level_requirement(levels, year, then))
    limit = age_limit(listing.description)
    if limit is not None:
        on = due or today
        requirements.append(_age_requirement(limit, user.birth_year, on))
    audience = audience_requirement(
        listing.description, years_named=bool(levels), age_checked=limit is not None
    )
    if audience is not None:
        requirements.append(audience)
    if not requirements:
        return NeedMatch(100, (OPEN_TO_ALL,))
    product = 1.0
    for requirement in requirements:
        product *= requirement.factor
    return NeedMatch(round(100 * product), tuple(requirements))
