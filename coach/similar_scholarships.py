"""Scholarships to try instead of one whose deadline passed (the game plan's missed
deadlines): how alike two are, with the reasons a student reads, and which ones the
student's profile leaves open to them. Pure functions over catalog rows, apart from
`student_facts`, which reads the profile once through coach/financial.py (never the SAI).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from pydantic import BaseModel

from coach.clock import due_phrase
from coach.discovery_models import IncomeBracket, state_name
from coach.financial import NEED_BRACKETS, financial_profile
from coach.momentum import momentum_score, tie_break
from coach.need_match import major_fits, names_pell, rules_out
from db.models import Profile, Scholarship, SchoolYear, known_years

SIMILAR_N = 3


class SimilarScholarship(BaseModel):
    """An open scholarship to try instead of a missed one, and what the two share."""

    scholarship_id: UUID
    title: str
    amount: Decimal | None
    deadline: datetime | None
    due: str | None
    application_type: str | None
    score: float
    reasons: list[str]


AMOUNT_BANDS = (1000, 5000, 20000)  # under $1k, $1k-5k, $5k-20k, $20k and up
# the catalog's application types as a student says them ("also a mixed application" was
# the catalog's word, not theirs)
ARTICLE = {
    "essay": "an essay application",
    "form": "a form application",
    "mixed": "a form and an essay",
}


def amount_band(amount: Decimal | float | None) -> int | None:
    if amount is None:
        return None
    return sum(1 for edge in AMOUNT_BANDS if amount >= edge)


def _band_text(band: int) -> str:
    low = ([0, *AMOUNT_BANDS])[band]
    if band == len(AMOUNT_BANDS):
        return f"${low:,} or more"
    return f"${low:,} to ${AMOUNT_BANDS[band] - 1:,}"


def _strings(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list | tuple):
        return ()
    return tuple(v.strip() for v in value if isinstance(v, str) and v.strip())


def _eligibility(scholarship: Scholarship) -> tuple[tuple[str, ...], tuple[str, ...], float | None]:
    """(states, majors, min_gpa) from metadata.eligibility; what is malformed is not there."""
    raw = scholarship.metadata.get("eligibility")
    elig: Mapping[str, Any] = raw if isinstance(raw, Mapping) else {}
    gpa = elig.get("min_gpa")
    min_gpa = float(gpa) if isinstance(gpa, int | float) and not isinstance(gpa, bool) else None
    states = tuple(s.upper() for s in _strings(elig.get("states")))
    return states, _strings(elig.get("majors")), min_gpa


def similarity(target: Scholarship, candidate: Scholarship) -> tuple[float, list[str]]:
    """How alike two scholarships are for the student who wanted `target`, with the reasons.
    Shared application type, amount band, states, majors, need basis and GPA bar add to the
    score; a state or major list that does not overlap the target's scores 0 (the student
    likely cannot apply), as does a candidate that is the target itself."""
    if candidate.id == target.id:
        return 0.0, []
    t_states, t_majors, t_gpa = _eligibility(target)
    c_states, c_majors, c_gpa = _eligibility(candidate)
    score, reasons = 0.0, []

    if t_states and c_states:
        shared = [s for s in c_states if s in t_states]
        if not shared:
            return 0.0, []
        score += 1.0
        reasons.append("also for " + " and ".join(state_name(s) for s in shared) + " residents")
    elif not t_states and not c_states:
        score += 0.5
        reasons.append("open in every state")

    if t_majors and c_majors:
        shared_majors = [m for m in c_majors if major_fits(m, t_majors)] or [
            m for m in t_majors if major_fits(m, c_majors)
        ]
        if not shared_majors:
            return 0.0, []
        score += 1.0
        reasons.append(f"also for {', '.join(shared_majors)} majors")
    elif not t_majors and not c_majors:
        score += 0.5
        reasons.append("open to every major")

    kind = candidate.application_type
    if kind is not None and kind == target.application_type:
        score += 1.0
        reasons.append(f"also {ARTICLE.get(kind, kind + ' application')}")

    band = amount_band(candidate.amount)
    if band is not None and band == amount_band(target.amount):
        score += 1.0
        reasons.append(f"a similar amount ({_band_text(band)})")

    if candidate.need_based and target.need_based:
        score += 0.5
        reasons.append("also need-based")
    if (t_gpa is None) == (c_gpa is None) and (
        t_gpa is None or c_gpa is None or abs(t_gpa - c_gpa) <= 0.3
    ):
        score += 0.5
        if t_gpa is not None:
            reasons.append("a similar GPA bar")
    return score, reasons


@dataclass(frozen=True)
class StudentFacts:
    """What the student's profile says about whom they are (unknown: None), to drop the
    scholarships to try instead that they cannot apply to. No SAI: Pell eligibility only."""

    state: str | None = None
    major: str | None = None
    gpa: float | None = None
    pell: bool | None = None
    income: IncomeBracket | None = None  # the household bracket (no SAI)
    school_year: SchoolYear | None = None
    birth_year: int | None = None


def _levels(scholarship: Scholarship) -> tuple[SchoolYear, ...]:
    """The school years metadata.eligibility names; a year this app does not know is not."""
    raw = scholarship.metadata.get("eligibility")
    return known_years(raw.get("levels") if isinstance(raw, Mapping) else None)


def open_to(candidate: Scholarship, student: StudentFacts) -> bool:
    """False when the profile rules the student out: another state, another major, a GPA
    below the bar, another school year (Discovery's "For college students ✗") or an age limit
    they are past, Pell
    eligibility they do not have, or financial need their income bracket does not show
    (Discovery's "Need-based, Upper-Middle income ✗": a browser audit saw two such offered
    "to try instead"). What the profile leaves unknown rules nothing out."""
    states, majors, min_gpa = _eligibility(candidate)
    raw = candidate.metadata.get("description")
    description = raw if isinstance(raw, str) else ""
    due = candidate.deadline.date() if candidate.deadline is not None else None
    if rules_out(_levels(candidate), student.school_year, description, student.birth_year, due):
        return False
    if student.state and states and student.state.upper() not in states:
        return False
    if student.major and majors and not major_fits(student.major, majors):
        return False
    if student.gpa is not None and min_gpa is not None and student.gpa < min_gpa:
        return False
    if candidate.need_based and not student.pell and student.income is not None:
        if student.income not in NEED_BRACKETS:
            return False
    return not (student.pell is False and names_pell(candidate.title, description))


MIN_SIMILARITY = 1.0  # at least one real thing in common, or open to all on both counts


def similar_scholarships(
    target: Scholarship,
    candidates: Iterable[Scholarship],
    now: datetime,
    *,
    exclude: Iterable[UUID] = (),
    limit: int = SIMILAR_N,
) -> list[SimilarScholarship]:
    """The open scholarships (deadline ahead or none) most like `target`: highest similarity
    first, then momentum, then quick forms, then title. `exclude`: already tracked."""
    skip = {target.id, *exclude}
    ranked: list[tuple[tuple[float, float, int, str], SimilarScholarship]] = []
    seen: set[UUID] = set()
    for candidate in candidates:
        if candidate.id in skip or candidate.id in seen:
            continue
        seen.add(candidate.id)
        momentum = momentum_score(candidate.deadline, candidate.trust_score, now)
        if momentum is None:  # its deadline passed too
            continue
        score, reasons = similarity(target, candidate)
        if score < MIN_SIMILARITY:
            continue
        item = SimilarScholarship(
            scholarship_id=candidate.id,
            title=candidate.title,
            amount=candidate.amount,
            deadline=candidate.deadline,
            due=due_phrase(candidate.deadline, now) if candidate.deadline else None,
            application_type=candidate.application_type,
            score=score,
            reasons=reasons,
        )
        key = (-score, -momentum, tie_break(candidate.application_type), candidate.title)
        ranked.append((key, item))
    ranked.sort(key=lambda r: r[0])
    return [item for _, item in ranked[:limit]]


# the plan ------------------------------------------------------------------------------------


def student_facts(profile: Profile | None) -> StudentFacts:
    if profile is None:
        return StudentFacts()
    financial = financial_profile(profile)
    return StudentFacts(
        state=profile.state,
        major=profile.intended_major,
        gpa=float(profile.gpa) if profile.gpa is not None else None,
        pell=financial.is_pell_eligible,
        income=financial.household_income_bracket,
        school_year=profile.school_year,
        birth_year=profile.birth_year,
    )
