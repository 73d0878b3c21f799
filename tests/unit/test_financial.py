"""coach/financial.py: the SAI becomes labels (income bracket, Pell), and nothing built from
it (search queries, the FinancialProfile's repr and JSON) carries the number.

What "contains the SAI's digits" means here: we check the strongest form, that these
outputs hold no decimal digit at all. A weaker check ("the SAI's digit string is not a
substring") means nothing for short SAIs (an SAI of 0 or 7 "appears" in any number) and
misses re-formatted ones ("12,345"). With no digits at all, neither can happen. Where user
text that may hold digits is echoed (a major typed as "Biology 2027"), digits are dropped,
so even a student who types their SAI into the major field does not send it out.
"""

from __future__ import annotations

import re
import uuid
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from coach.discovery_models import FinancialProfile, UserProfile
from coach.financial import (
    PELL_SAI_LIMIT,
    SaiOutOfRange,
    anonymize,
    financial_profile,
    household_income_bracket,
    pell_disagrees,
    pell_eligible,
    search_queries,
    shows_need,
)
from db.models import US_STATES, Profile

ROOT = Path(__file__).resolve().parents[2]
DIGIT = re.compile(r"\d")


def profile(**fields: object) -> Profile:
    return Profile.model_validate({"id": uuid.uuid4(), **fields})


@pytest.mark.parametrize(
    ("sai", "bracket"),
    [
        (-1500, "Low"),
        (0, "Low"),
        (1, "Moderate"),
        (PELL_SAI_LIMIT, "Moderate"),
        (PELL_SAI_LIMIT + 1, "Middle"),
        (25_000, "Middle"),
        (25_001, "Upper-Middle"),
        (50_000, "Upper-Middle"),
        (50_001, "High"),
        (999_999, "High"),
        (None, None),
    ],
)
def test_income_bracket_thresholds(sai: int | None, bracket: str | None) -> None:
    assert household_income_bracket(sai) == bracket


def test_pell_limit_is_max_award_minus_minimum_award() -> None:
    assert PELL_SAI_LIMIT == 7395 - 740


@pytest.mark.parametrize("bad", [-1501, 1_000_000, 10**12])
def test_out_of_range_sai_raises_without_repeating_it(bad: int) -> None:
    with pytest.raises(SaiOutOfRange) as caught:
        household_income_bracket(bad)
    assert str(abs(bad)) not in str(caught.value)
    with pytest.raises(SaiOutOfRange):
        anonymize(sai=bad)


def test_a_bool_is_not_an_sai() -> None:
    with pytest.raises(SaiOutOfRange):
        household_income_bracket(True)


@pytest.mark.parametrize(
    ("sai", "status", "expected"),
    [
        (50_000, "eligible", True),  # the profile's own status wins
        (-1500, "ineligible", False),
        (PELL_SAI_LIMIT, "unknown", True),  # unknown: the SAI decides
        (PELL_SAI_LIMIT + 1, "unknown", False),
        (None, "unknown", None),  # neither known: unknown, not "no"
        (None, "eligible", True),
    ],
)
def test_pell_eligibility(sai: int | None, status: str, expected: bool | None) -> None:
    assert pell_eligible(sai, status) is expected  # type: ignore[arg-type]


def test_financial_profile_from_a_profile_row_holds_labels_only() -> None:
    fp = financial_profile(profile(sai=1200, pell_eligibility_status="unknown"))
    assert fp == FinancialProfile(is_pell_eligible=True, household_income_bracket="Moderate")
    assert set(FinancialProfile.model_fields) == {"is_pell_eligible", "household_income_bracket"}
    assert fp.labels == ["Pell Eligible", "Moderate Income"]
    assert shows_need(fp) is True


def test_financial_profile_refuses_a_raw_sai() -> None:
    with pytest.raises(ValidationError):
        FinancialProfile.model_validate({"estimated_sai": 1200})


def test_unknown_finances_stay_unknown() -> None:
    fp = financial_profile(profile())
    assert fp == FinancialProfile()
    assert fp.labels == []
    assert shows_need(fp) is None


def test_need_is_shown_by_pell_or_a_low_to_middle_bracket() -> None:
    assert shows_need(anonymize(sai=20_000)) is True  # Middle
    assert shows_need(anonymize(sai=30_000)) is False  # Upper-Middle
    assert shows_need(anonymize(sai=90_000, pell_status="eligible")) is True
    assert shows_need(anonymize(sai=None, pell_status="ineligible")) is False


def test_search_queries_from_labels_major_and_state() -> None:
    fp = anonymize(sai=-200, pell_status="eligible")
    user = UserProfile(id=uuid.uuid4(), gpa=3.4, major="Computer Science", state="tx")
    assert search_queries(fp, user) == [
        "scholarships for Pell Eligible Low Income students",
        "Computer Science scholarships for Texas students",
        "Texas state grants and scholarships for residents",
        "need-based scholarships Texas Low Income",
    ]


def test_high_income_is_not_put_in_a_query() -> None:
    user = UserProfile(id=uuid.uuid4(), major="Nursing")
    assert search_queries(anonymize(sai=80_000), user) == ["Nursing scholarships"]
    assert search_queries(anonymize(sai=None)) == ["college scholarships for undergraduates"]


def test_a_typed_in_sai_does_not_leave_through_the_major() -> None:
    user = UserProfile(id=uuid.uuid4(), major="Biology (SAI 12,345)", state="CA")
    queries = search_queries(anonymize(sai=12_345), user)
    assert not any(DIGIT.search(q) for q in queries)
    assert "Biology SAI scholarships for California students" in queries


def _digit_runs(text: str) -> set[str]:
    """Maximal digit runs, thousands separators joined: "12,345" and "12 345" -> "12345"."""
    return set(re.findall(r"\d+", re.sub(r"(?<=\d)[,._ \u202f](?=\d{3})", "", text)))


@settings(max_examples=300, deadline=None)
@given(
    sai=st.integers(min_value=-1500, max_value=999_999),
    status=st.sampled_from(["eligible", "ineligible", "unknown"]),
    major=st.one_of(st.none(), st.text(max_size=60)),
    state=st.one_of(st.none(), st.sampled_from(sorted(US_STATES))),
    gpa=st.one_of(st.none(), st.decimals(min_value=0, max_value=4, places=2)),
)
def test_nothing_built_from_the_sai_holds_a_digit(
    sai: int, status: str, major: str | None, state: str | None, gpa: Decimal | None
) -> None:
    row = profile(
        sai=sai, pell_eligibility_status=status, intended_major=major, state=state, gpa=gpa
    )
    fp = financial_profile(row)
    user = UserProfile.from_profile(row)
    outputs = [*search_queries(fp, user), repr(fp), str(fp), fp.model_dump_json()]
    for text in outputs:
        assert not DIGIT.search(text), text  # the strongest form: no digit at all
        assert str(abs(sai)) not in _digit_runs(text)
    # The profile row itself does not show the SAI either (repr=False on the column): with
    # the id taken out, a row holding only an SAI prints no digit.
    bare = profile(sai=sai)
    assert not DIGIT.search(repr(bare).replace(repr(bare.id), ""))


_READS_SAI = re.compile(r"\.sai\b|\[\s*[\"']sai[\"']\s*\]")


def test_only_coach_financial_reads_the_raw_sai() -> None:
    """coach/ and graph/ (the discovery path) never touch the SAI but through
    coach/financial.py; db/ maps the column and is outside this rule."""
    offenders = []
    for package in ("coach", "graph"):
        for path in sorted((ROOT / package).rglob("*.py")):
            if path == ROOT / "coach" / "financial.py":
                continue
            text = path.read_text(encoding="utf-8")
            for match in _READS_SAI.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                offenders.append(f"{path.relative_to(ROOT)}:{line}: {match.group(0)}")
    assert offenders == []


def test_pell_chosen_beside_an_sai_that_rules_it_out_is_pointed_out() -> None:
    assert pell_disagrees(PELL_SAI_LIMIT + 1, "eligible") is not None
    for sai, status in ((PELL_SAI_LIMIT, "eligible"), (999_999, "unknown"), (None, "eligible")):
        assert pell_disagrees(sai, status) is None  # type: ignore[arg-type]
    # not eligible with a low SAI can be right (a first degree already earned): no note
    assert pell_disagrees(0, "ineligible") is None
    said = pell_disagrees(999_999, "eligible") or ""
    assert "999" not in said  # the SAI stays in its field


def test_a_major_typed_with_markup_searches_as_its_words() -> None:
    """A browser audit: "Underwater basket weaving 🧺 <b>bold</b>" searched "Underwater basket
    weaving b bold /b scholarships for Ohio students"."""
    user = UserProfile(
        id=uuid.uuid4(), major="Underwater basket weaving 🧺 <b>bold</b>", state="OH"
    )
    queries = search_queries(anonymize(sai=None), user)
    assert any(q.startswith("Underwater basket weaving bold scholarships") for q in queries), (
        queries
    )
    assert not any("/b" in q or " b " in q for q in queries)
