"""The only reader of the raw SAI: turns it into the anonymized `FinancialProfile` (an income
bracket and Pell eligibility) and builds search queries from labels, never from the number.

The SAI (Student Aid Index, FAFSA 2024-25 onward) runs from -1500 to 999999. The brackets are
computed when read, never stored (002 FR-014a), from these thresholds:

| bracket      | SAI              | why                                                       |
|--------------|------------------|-----------------------------------------------------------|
| Low          | -1500 .. 0       | SAI <= 0 draws the maximum Pell Grant                     |
| Moderate     | 1 .. 6,655       | still a Pell Grant: max award 7,395 - SAI >= minimum 740  |
| Middle       | 6,656 .. 25,000  | no Pell; typical of middle incomes, most need-based aid   |
| Upper-Middle | 25,001 .. 50,000 | need-based aid unlikely except at high-cost colleges       |
| High         | 50,001 ..        |                                                           |

The Pell figures are the 2024-25 to 2026-27 award-year amounts (maximum $7,395, minimum
$740); update PELL_MAX_AWARD / PELL_MIN_AWARD when the Department of Education changes them.
The Middle / Upper-Middle / High cut-offs are ours: there is no federal income tier keyed to
the SAI, so they are round numbers of the same order as published SAI-by-income tables.

Nothing here puts the SAI into a message: an out-of-range SAI raises without its value, and
the outputs hold no digits at all (tests/unit/test_financial.py checks it by property).
"""

from __future__ import annotations

import re

from coach.discovery_models import FinancialProfile, IncomeBracket, UserProfile, state_name
from db.models import PellStatus, Profile

SAI_MIN = -1500
SAI_MAX = 999_999
PELL_MAX_AWARD = 7_395
PELL_MIN_AWARD = 740
PELL_SAI_LIMIT = PELL_MAX_AWARD - PELL_MIN_AWARD  # 6,655: the highest SAI that draws Pell

# Upper bound (inclusive) of each bracket, in order.
BRACKETS: tuple[tuple[int, IncomeBracket], ...] = (
    (0, "Low"),
    (PELL_SAI_LIMIT, "Moderate"),
    (25_000, "Middle"),
    (50_000, "Upper-Middle"),
    (SAI_MAX, "High"),
)
NEED_BRACKETS: frozenset[IncomeBracket] = frozenset({"Low", "Moderate", "Middle"})


class SaiOutOfRange(ValueError):
    """The SAI is not a FAFSA SAI. The message never repeats the value."""

    def __init__(self) -> None:
        super().__init__(f"The SAI must be a whole number from {SAI_MIN} to {SAI_MAX}.")


def _checked(sai: int | None) -> int | None:
    if sai is None:
        return None
    if isinstance(sai, bool) or not isinstance(sai, int) or not SAI_MIN <= sai <= SAI_MAX:
        raise SaiOutOfRange()
    return sai


def household_income_bracket(sai: int | None) -> IncomeBracket | None:
    """The bracket for an SAI (table above); None when the SAI is not known."""
    value = _checked(sai)
    if value is None:
        return None
    for upper, bracket in BRACKETS:
        if value <= upper:
            return bracket
    return "High"  # unreachable: SAI_MAX closes the table


def pell_eligible(sai: int | None, status: PellStatus = "unknown") -> bool | None:
    """The profile's own status wins; when it is "unknown", the SAI decides (<= 6,655: Pell
    by the SAI formula); None when neither is known."""
    if status == "eligible":
        return True
    if status == "ineligible":
        return False
    value = _checked(sai)
    return None if value is None else value <= PELL_SAI_LIMIT


def pell_disagrees(sai: int | None, status: PellStatus) -> str | None:
    """What to check when the Pell status chosen cannot go with the SAI entered (an audit's
    SAI 999,999 beside "Pell eligible" searched as "Pell Eligible High Income" without a word).
    Said to the student on their own Profile, never sent anywhere."""
    value = _checked(sai)
    if status != "eligible" or value is None or value <= PELL_SAI_LIMIT:
        return None
    return (  # the SAI itself stays in its field
        f"Your Pell eligibility and your SAI disagree: Pell goes to an SAI of {PELL_SAI_LIMIT:,} "
        "or less, and the one you entered is higher. Check both against your FAFSA Submission "
        "Summary; until you do, searches go by the Pell eligibility you chose."
    )


def anonymize(*, sai: int | None, pell_status: PellStatus = "unknown") -> FinancialProfile:
    return FinancialProfile(
        is_pell_eligible=pell_eligible(sai, pell_status),
        household_income_bracket=household_income_bracket(sai),
    )


def financial_profile(profile: Profile) -> FinancialProfile:
    """The anonymized financial profile of a `profiles` row (seed 001 §3, without the SAI)."""
    return anonymize(sai=profile.sai, pell_status=profile.pell_eligibility_status)


def shows_need(financial: FinancialProfile) -> bool | None:
    """Whether the student has demonstrated financial need; None when nothing is known."""
    if financial.is_pell_eligible:
        return True
    if financial.household_income_bracket is not None:
        return financial.household_income_bracket in NEED_BRACKETS
    return None if financial.is_pell_eligible is None else False


_NOT_QUERY_TEXT = re.compile(r"[^A-Za-z&/' -]+")  # digits included: a query has none
_SPACES = re.compile(r"\s+")


_TAG = re.compile(r"</?[A-Za-z][^<>]{0,40}>")  # "<b>bold</b>" searched "b bold /b" (an audit)


def _query_text(value: str | None, limit: int = 60) -> str:
    if not value:
        return ""
    words = _NOT_QUERY_TEXT.sub(" ", _TAG.sub(" ", value))
    return _SPACES.sub(" ", words).strip()[:limit].strip()


def search_queries(financial: FinancialProfile, user: UserProfile | None = None) -> list[str]:
    """Web-search queries from anonymized fields only: "Pell Eligible", "Low Income", the
    intended major and the state's name. A query holds no digit at all (the major is user
    text; digits are dropped from it so not even a typed-in SAI can leave)."""
    need_labels = [
        label
        for label in financial.labels
        if label == "Pell Eligible"
        or financial.household_income_bracket in NEED_BRACKETS  # no "High Income" queries
    ]
    major = _query_text(user.major if user else None)
    state = state_name(user.state) if user and user.state else ""
    queries: list[str] = []
    if need_labels:
        queries.append(f"scholarships for {' '.join(need_labels)} students")
    if major:
        queries.append(f"{major} scholarships" + (f" for {state} students" if state else ""))
    if state:
        queries.append(f"{state} state grants and scholarships for residents")
        if need_labels:
            queries.append(f"need-based scholarships {state} {need_labels[-1]}")
    if not queries:
        queries.append("college scholarships for undergraduates")
    return list(dict.fromkeys(queries))
