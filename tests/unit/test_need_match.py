"""coach/need_match.py: one explanation per requirement, in plain words, with ✓ / ✗ /
"(unknown)"; the score is the product of the requirements' factors."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import pytest

from coach.discovery_models import FinancialProfile, Listing, UserProfile
from coach.financial import anonymize
from coach.need_match import audience_requirement, major_fits, need_match

ROOT = Path(__file__).resolve().parents[2]
CATALOG: dict[str, dict[str, Any]] = {
    entry["title"]: entry
    for entry in json.loads((ROOT / "seeds" / "scholarships.json").read_text(encoding="utf-8"))[
        "scholarships"
    ]
}

MAYA = UserProfile(id=uuid.uuid4(), gpa=3.4, major="Computer Science", state="TX")
PELL_LOW = anonymize(sai=-200, pell_status="eligible")
NOBODY = UserProfile(id=uuid.uuid4())
UNKNOWN = FinancialProfile()


def seed(title: str) -> Listing:
    return Listing.model_validate(CATALOG[title])


def test_the_issue_examples() -> None:
    assert need_match(MAYA, PELL_LOW, seed("Coca-Cola Scholars Program")).explanations == (
        "GPA 3.4 ≥ 3.0 ✓",
    )
    texas = need_match(MAYA, PELL_LOW, seed("TEXAS Grant"))
    assert texas.explanations == ("Texas residents ✓", "Need-based, Pell eligible ✓")
    assert texas.score == 100 and texas.eligible


def test_unknowns_are_said_not_guessed() -> None:
    match = need_match(NOBODY, UNKNOWN, seed("Cal Grant"))
    assert match.explanations == (
        "Minimum GPA 2.0: your GPA is not on file (unknown)",
        "California residents: your state is not on file (unknown)",
        "Need-based: your financial need is not on file (unknown)",
    )
    assert [r.status for r in match.requirements] == ["unknown"] * 3
    assert match.score == round(100 * 0.6**3)


def test_a_listing_that_states_no_eligibility_is_unknown() -> None:
    bare = Listing(title="Local Scholarship", url="https://example.org/s")
    match = need_match(MAYA, PELL_LOW, bare)
    assert match.explanations == (
        "GPA, state and major requirements not stated in the listing (unknown)",
        "Whether it is need-based is not stated (unknown)",
    )
    assert match.score == 36


def test_unmet_requirements_rule_the_student_out() -> None:
    cal = need_match(MAYA, PELL_LOW, seed("Cal Grant"))
    assert "California residents ✗ (you live in Texas)" in cal.explanations
    assert cal.score == 0 and not cal.eligible
    zell = need_match(MAYA, PELL_LOW, seed("Zell Miller Scholarship"))
    assert zell.explanations[0] == "GPA 3.4 < 3.7 ✗"


def test_need_based_without_need_is_unlikely_not_impossible() -> None:
    match = need_match(MAYA, anonymize(sai=80_000), seed("TEXAS Grant"))
    assert match.explanations == ("Texas residents ✓", "Need-based, High income ✗")
    assert match.score == 30 and match.eligible


def test_need_from_the_income_bracket_when_not_pell() -> None:
    middle = anonymize(sai=20_000, pell_status="ineligible")
    match = need_match(MAYA, middle, seed("TEXAS Grant"))
    assert match.explanations[-1] == "Need-based, Middle income ✓"
    ineligible = need_match(
        MAYA, anonymize(sai=None, pell_status="ineligible"), seed("TEXAS Grant")
    )
    assert ineligible.explanations[-1] == (
        "Need-based: not Pell eligible, income not on file (unknown)"
    )


def test_several_states_and_majors_read_naturally() -> None:
    daniels = need_match(MAYA, PELL_LOW, seed("Daniels Scholarship Program"))
    assert (
        daniels.explanations[0]
        == "Colorado, New Mexico, Utah or Wyoming residents ✗ (you live in Texas)"
    )
    google = need_match(MAYA, PELL_LOW, seed("Generation Google Scholarship"))
    assert google.explanations == (
        "Computer science or computer engineering majors ✓ (yours: Computer Science)",
    )


def test_open_to_all() -> None:
    match = need_match(NOBODY, UNKNOWN, seed("Gen and Kelly Tanabe Scholarship"))
    assert match.score == 100
    assert match.explanations == (
        "No GPA, state, major or need rule listed ✓ (the sponsor's page may have others)",
    )


@pytest.mark.parametrize(
    ("title", "who"),
    [
        ("Harry S. Truman Scholarship", "college juniors"),
        # a browser audit: each read "Need match 100/100 · Open to all students" to a junior
        ("Equitable Excellence Scholarship", "high school seniors"),
        ("Burger King Scholars", "high school seniors"),
        (
            "Jack Kent Cooke Undergraduate Transfer Scholarship",
            "community college students who transfer",
        ),
        ("Davidson Fellows Scholarship", "students 18 or younger"),
        ("Voice of Democracy Scholarship", "students in grades 9 through 12"),
        (
            "Morehead-Cain Scholarship",
            "students at the University of North Carolina at Chapel Hill",
        ),
        ("Posse Foundation Scholarship", "public high school students"),
        ("Live Más Scholarship", "students ages 16 to 26"),
        ("Profile in Courage Essay Contest", "U.S. high school students"),
        ("Indian Health Service Scholarship Program", "American Indian and Alaska Native students"),
        ("Jeannette Rankin Women's Scholarship", "women age 35 and older"),
        # each of these read "Need match 100/100" to any student (found using the app)
        ("HSF Scholar Program", "students of Hispanic heritage"),
        ("Ron Brown Scholar Program", "Black high school seniors"),
        ("Jackie Robinson Foundation Scholarship", "minority high school seniors"),
        (
            "Elks Legacy Awards",
            "high school seniors who are children or grandchildren of Elks members",
        ),
        ("DECA Scholarships", "DECA members"),
    ],
)
def test_whom_a_listing_is_for_in_words_is_an_unknown_not_open_to_all(title: str, who: str) -> None:
    """Truman read "Open to all students ✓" and 100/100 to a high-school senior: its
    description says it is for college juniors, which no profile field can check."""
    match = need_match(NOBODY, UNKNOWN, seed(title))
    assert f"For {who} (from its description): check you qualify (unknown)" in match.explanations
    assert match.score < 100 and match.eligible


def test_a_priority_or_a_main_audience_is_not_a_restriction() -> None:
    for title in ("APIA Scholars Scholarship", "UNCF Scholarships"):
        text = seed(title).description
        assert ("priority for" in text) or ("mainly for" in text)
    assert not any(
        "first-generation" in e
        for e in need_match(NOBODY, UNKNOWN, seed("APIA Scholars Scholarship")).explanations
    )
    assert not any(
        "From its description" in e or "African American" in e
        for e in need_match(NOBODY, UNKNOWN, seed("UNCF Scholarships")).explanations
    )


@pytest.mark.parametrize(
    ("major", "listed", "fits"),
    [
        ("Mechanical Engineering", ("engineering",), True),
        ("computer science", ("Computer Science",), True),
        ("CS", ("computer science",), True),
        ("Biology", ("mathematics", "natural sciences", "engineering"), True),
        ("Nursing", ("health care",), True),
        ("History", ("nursing", "pharmacy"), False),
        ("Art History", ("art",), True),
        ("Mathematics", ("math",), True),
        ("Finance", ("business", "marketing", "finance"), True),
    ],
)
def test_major_matching(major: str, listed: tuple[str, ...], fits: bool) -> None:
    assert major_fits(major, listed) is fits


@pytest.mark.parametrize(
    "title", ["Federal Pell Grant", "Dell Scholars Program", "The Gates Scholarship"]
)
def test_a_listing_for_pell_eligible_students_asks_for_pell_not_income(title: str) -> None:
    """The Pell Grant was the top match, "Need-based, Moderate income ✓", for a student whose
    profile says not Pell eligible: income alone does not meet a Pell requirement."""
    not_pell = anonymize(sai=30000, pell_status="not_eligible")
    assert not_pell.is_pell_eligible is False and not_pell.household_income_bracket is not None
    refused = need_match(NOBODY, not_pell, seed(title))
    assert "For Pell-eligible students ✗ (yours: not Pell eligible)" in refused.explanations
    assert refused.score == 0 and not refused.eligible
    met = need_match(NOBODY, PELL_LOW, seed(title))
    assert "For Pell-eligible students, as you are ✓" in met.explanations
    unknown = need_match(NOBODY, UNKNOWN, seed(title)).explanations
    assert "For Pell-eligible students: your Pell eligibility is not on file (unknown)" in unknown


def test_one_explanation_per_requirement_across_the_catalog() -> None:
    for title, entry in CATALOG.items():
        eligibility = entry["eligibility"]
        expected = (
            bool(eligibility["min_gpa"])
            + bool(eligibility["states"])
            + bool(eligibility["majors"])
            + bool(entry["need_based"])
            + bool(audience_requirement(entry["description"]))
        )
        for user, financial in ((MAYA, PELL_LOW), (NOBODY, UNKNOWN)):
            match = need_match(user, financial, Listing.model_validate(entry))
            assert len(match.requirements) == max(1, expected), title
            assert 0 <= match.score <= 100
            for text in match.explanations:
                assert ("✓" in text) + ("✗" in text) + ("(unknown)" in text) == 1, text
