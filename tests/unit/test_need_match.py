"""coach/need_match.py: one explanation per requirement, in plain words, with ✓ / ✗ /
"(unknown)"; the score is the product of the requirements' factors."""

from __future__ import annotations

import json
import uuid
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from coach.age_limits import age_limit
from coach.discovery_models import FinancialProfile, Listing, UserProfile
from coach.financial import anonymize
from coach.need_match import audience_requirement, major_fits, need_match
from coach.school_years import year_at
from db.models import SchoolYear

ROOT = Path(__file__).resolve().parents[2]
CATALOG: dict[str, dict[str, Any]] = {
    entry["title"]: entry
    for entry in json.loads((ROOT / "seeds" / "scholarships.json").read_text(encoding="utf-8"))[
        "scholarships"
    ]
}

MAYA = UserProfile(
    id=uuid.uuid4(), gpa=3.4, major="Computer Science", state="TX", school_year="high_school_senior"
)
PELL_LOW = anonymize(sai=-200, pell_status="eligible")
NOBODY = UserProfile(id=uuid.uuid4())
UNKNOWN = FinancialProfile()


def seed(title: str) -> Listing:
    return Listing.model_validate(CATALOG[title])


def as_found(title: str) -> Listing:
    """The catalog's listing as a web search would find it: no school years named."""
    entry = CATALOG[title]
    return Listing.model_validate({**entry, "eligibility": {**entry["eligibility"], "levels": []}})


UNDERGRADUATES = "For high school seniors, college students and adults returning to college"


def test_the_issue_examples() -> None:
    assert need_match(MAYA, PELL_LOW, seed("Coca-Cola Scholars Program")).explanations == (
        "GPA 3.4 ≥ 3.0 ✓",
        "For high school seniors, as you are ✓",
    )
    texas = need_match(MAYA, PELL_LOW, seed("TEXAS Grant"))
    assert texas.explanations == (
        "Texas residents ✓",
        "Need-based, Pell eligible ✓",
        f"{UNDERGRADUATES} ✓ (yours: high school senior)",
    )
    assert texas.score == 100 and texas.eligible


def test_unknowns_are_said_not_guessed() -> None:
    match = need_match(NOBODY, UNKNOWN, seed("Cal Grant"))
    assert match.explanations == (
        "Minimum GPA 2.0: your GPA is not on file (unknown)",
        "California residents: your state is not on file (unknown)",
        "Need-based: your financial need is not on file (unknown)",
        f"{UNDERGRADUATES}: add your school year on the Profile page (unknown)",
    )
    assert [r.status for r in match.requirements] == ["unknown"] * 4
    assert match.score == round(100 * 0.6**4)


def test_a_listing_that_states_no_eligibility_is_unknown() -> None:
    bare = Listing(title="Local Scholarship", url="https://example.org/s")
    match = need_match(MAYA, PELL_LOW, bare)
    assert match.explanations == (
        "GPA, state and major requirements not read from this listing: check it yourself (unknown)",
        "Whether it is need-based was not read from this listing: check it (unknown)",
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
    assert match.explanations[:2] == ("Texas residents ✓", "Need-based, High income ✗")
    assert match.score == 30 and match.eligible


def test_need_from_the_income_bracket_when_not_pell() -> None:
    middle = anonymize(sai=20_000, pell_status="ineligible")
    match = need_match(MAYA, middle, seed("TEXAS Grant"))
    assert match.explanations[1] == "Need-based, Middle income ✓"
    ineligible = need_match(
        MAYA, anonymize(sai=None, pell_status="ineligible"), seed("TEXAS Grant")
    )
    assert ineligible.explanations[1] == (
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
        "No GPA, state, major, school year or need rule listed ✓ "
        "(the sponsor's page may have others)",
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
        ("Voice of Democracy Scholarship", "students in grades 9 through 12"),
        (
            "Morehead-Cain Scholarship",
            "students at the University of North Carolina at Chapel Hill",
        ),
        ("Posse Foundation Scholarship", "public high school students"),
        ("Profile in Courage Essay Contest", "U.S. high school students"),
        ("Indian Health Service Scholarship Program", "American Indian and Alaska Native students"),
        # its age is a line of its own (test_an_age_limit_is_read_against_the_year_born)
        ("Jeannette Rankin Women's Scholarship", "women"),
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
    description says it is for college juniors, which no profile field can check. A listing
    found by a search names no school years: its description is read as before."""
    match = need_match(NOBODY, UNKNOWN, as_found(title))
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
            + bool(eligibility["levels"])
            + bool(age_limit(entry["description"]))
            + bool(
                audience_requirement(
                    entry["description"],
                    years_named=bool(eligibility["levels"]),
                    age_checked=bool(age_limit(entry["description"])),
                )
            )
        )
        for user, financial in ((MAYA, PELL_LOW), (NOBODY, UNKNOWN)):
            match = need_match(user, financial, Listing.model_validate(entry))
            assert len(match.requirements) == max(1, expected), title
            assert 0 <= match.score <= 100
            for text in match.explanations:
                assert ("✓" in text) + ("✗" in text) + ("(unknown)" in text) == 1, text


# school years -------------------------------------------------------------------------------
SENIOR = UserProfile(id=uuid.uuid4(), school_year="high_school_senior")
JUNIOR_IN_COLLEGE = UserProfile(id=uuid.uuid4(), school_year="college_junior")


@pytest.mark.parametrize(
    "title",
    [
        "Boren Scholarship",
        "Harry S. Truman Scholarship",
        "Udall Undergraduate Scholarship",
        "Benjamin A. Gilman International Scholarship",
        "National Merit Scholarship Program",
    ],
)
def test_a_senior_no_longer_sees_college_programs_or_national_merit_at_100(title: str) -> None:
    """A user audit: a high-school senior saw Boren, Truman, Udall and Gilman (all for college
    students) and National Merit (entered through the PSAT as a junior) with "Need match
    100/100". The year they are in rules them out, as another state does."""
    match = need_match(SENIOR, PELL_LOW, seed(title))
    [level] = [r for r in match.requirements if r.kind == "level"]
    assert level.status == "unmet" and level.text.endswith("✗ (yours: high school senior)")
    assert match.score == 0 and not match.eligible


def test_a_school_year_met_unmet_and_unknown_read_in_words() -> None:
    met = need_match(SENIOR, UNKNOWN, seed("Equitable Excellence Scholarship"))
    assert met.explanations == ("For high school seniors, as you are ✓",)
    assert met.score == 100 and met.eligible
    several = need_match(JUNIOR_IN_COLLEGE, UNKNOWN, seed("Barry Goldwater Scholarship"))
    assert "For college sophomores and juniors ✓ (yours: college junior)" in several.explanations
    unmet = need_match(JUNIOR_IN_COLLEGE, UNKNOWN, seed("Equitable Excellence Scholarship"))
    assert unmet.explanations == ("For high school seniors ✗ (yours: college junior)",)
    assert unmet.score == 0 and not unmet.eligible
    boren = need_match(SENIOR, UNKNOWN, seed("Boren Scholarship"))
    assert boren.explanations == ("For college students ✗ (yours: high school senior)",)
    unknown = need_match(NOBODY, UNKNOWN, seed("Harry S. Truman Scholarship"))
    assert unknown.explanations == (
        "For college juniors: add your school year on the Profile page (unknown)",
    )
    assert unknown.score == 60 and unknown.eligible


def test_named_years_are_not_read_again_from_the_description() -> None:
    """Truman's description says "for college juniors" and its listing names that year: one
    line, not a second "(from its description)" unknown for the same thing. What the
    description says beyond the year is still read."""
    for title in ("Harry S. Truman Scholarship", "Equitable Excellence Scholarship"):
        said = need_match(JUNIOR_IN_COLLEGE, UNKNOWN, seed(title)).explanations
        assert not any("from its description" in text for text in said), said
    ron_brown = need_match(SENIOR, UNKNOWN, seed("Ron Brown Scholar Program")).explanations
    assert "For high school seniors, as you are ✓" in ron_brown
    assert "For Black students (from its description): check you qualify (unknown)" in ron_brown
    elks = need_match(SENIOR, UNKNOWN, seed("Elks Legacy Awards")).explanations
    assert (
        "For children or grandchildren of Elks members (from its description): check you "
        "qualify (unknown)"
    ) in elks
    rankin = need_match(SENIOR, UNKNOWN, seed("Jeannette Rankin Women's Scholarship"))
    assert "For women (from its description): check you qualify (unknown)" in rankin.explanations


def test_every_catalog_listing_whose_description_names_a_year_names_its_years() -> None:
    """Else its year would still be an unknown from the description for everyone, the
    student who put their year on the Profile included. Burger King's also takes its
    employees, whatever their year: its description is read as it stands."""
    for title, entry in CATALOG.items():
        said = audience_requirement(entry["description"])
        if said is None or title == "Burger King Scholars":
            continue
        if audience_requirement(entry["description"], years_named=True) is None:
            assert entry["eligibility"]["levels"], title


def test_years_the_app_does_not_know_are_left_out_not_a_lost_listing() -> None:
    entry = CATALOG["Harry S. Truman Scholarship"]
    edited = {**entry, "eligibility": {**entry["eligibility"], "levels": ["junior", 3]}}
    listing = Listing.model_validate(edited)
    assert listing.eligibility is not None and listing.eligibility.levels == ()


def test_a_school_year_is_read_as_it_will_be_on_the_deadline() -> None:
    """A season audit: on Dec 5, 2026 a senior was shown Dell and Gates for "high school
    seniors, as you are ✓", due in the fall of 2027, after she graduates; a junior, who will
    be a senior by then, was told she is not one."""
    today = date(2026, 12, 5)
    equitable = seed("Equitable Excellence Scholarship")  # for high school seniors
    this_year = need_match(MAYA, PELL_LOW, equitable, today=today, due=date(2027, 3, 1))
    assert "For high school seniors, as you are ✓" in this_year.explanations
    next_year = need_match(MAYA, PELL_LOW, equitable, today=today, due=date(2027, 12, 1))
    assert next_year.score == 0
    assert (
        "For high school seniors ✗ (by its deadline you will be a college freshman)"
        in next_year.explanations
    )
    junior = UserProfile(id=uuid.uuid4(), school_year="high_school_junior")
    ahead = need_match(junior, UNKNOWN, equitable, today=today, due=date(2027, 12, 1))
    assert (
        "For high school seniors ✓ (by its deadline you will be a high school senior)"
        in ahead.explanations
    )
    assert need_match(junior, UNKNOWN, equitable).explanations != ahead.explanations
    truman = seed("Harry S. Truman Scholarship")  # college juniors: not now, not by then
    [level] = [
        r
        for r in need_match(MAYA, PELL_LOW, truman, today=today, due=date(2027, 12, 1)).requirements
        if r.kind == "level"
    ]
    assert level.status == "unmet" and level.text.endswith("✗ (yours: high school senior)")


@pytest.mark.parametrize(
    ("year", "due", "then"),
    [
        ("high_school_senior", date(2027, 6, 30), "high_school_senior"),
        ("high_school_senior", date(2027, 7, 1), "college_freshman"),
        ("high_school_junior", date(2028, 7, 1), "college_freshman"),
        ("college_senior", date(2029, 9, 1), "graduate"),
        ("adult_returning", date(2028, 9, 1), "adult_returning"),
        ("high_school_senior", None, "high_school_senior"),
    ],
)
def test_year_at_moves_on_each_july_first(year: SchoolYear, due: date | None, then: str) -> None:
    assert year_at(year, date(2026, 12, 5), due) == then


def test_an_adult_returning_to_college_is_a_college_student() -> None:
    """An audit as a 34-year-old going back for nursing: "For college students ✗ (yours: adult
    returning to college)" on Gilman; nine listings took a college freshman but not her, none
    the other way round, so the Profile's choice written for her did strictly worse."""
    adult = UserProfile(id=uuid.uuid4(), school_year="adult_returning")
    gilman = need_match(adult, UNKNOWN, seed("Benjamin A. Gilman International Scholarship"))
    assert "For college students ✓ (yours: adult returning to college)" in gilman.explanations
    terry = need_match(adult, UNKNOWN, seed("Terry Foundation Scholarship"))
    [level] = [r for r in terry.requirements if r.kind == "level"]
    assert level.status == "unknown"
    assert "check which college year you will be in" in level.text
    seniors = need_match(adult, UNKNOWN, seed("The Gates Scholarship"))
    assert "For high school seniors ✗ (yours: adult returning to college)" in seniors.explanations
    assert not seniors.eligible


def test_an_age_limit_is_read_against_the_year_born() -> None:
    """An audit's 34-year-old was matched to Davidson Fellows (18 or younger) and Live Más (16
    to 26) as "check you qualify". Born in 1992, she is 34 or 35 on a March 2027 deadline."""
    maria = UserProfile(id=uuid.uuid4(), school_year="adult_returning", birth_year=1992)
    teen = UserProfile(id=uuid.uuid4(), birth_year=2009)
    today, due = date(2026, 12, 5), date(2027, 3, 1)
    davidson = need_match(
        maria, UNKNOWN, seed("Davidson Fellows Scholarship"), today=today, due=due
    )
    assert davidson.explanations == ("For ages 18 and younger ✗ (you: 34 or 35 on its deadline)",)
    assert not davidson.eligible
    live = need_match(teen, UNKNOWN, seed("Live Más Scholarship"), today=today, due=due)
    assert live.explanations == ("For ages 16 to 26 ✓ (you: 17 or 18 on its deadline)",)
    assert live.score == 100
    rankin = need_match(
        maria, UNKNOWN, seed("Jeannette Rankin Women's Scholarship"), today=today, due=due
    )
    assert (
        "For ages 35 and older: you will be 34 or 35 on its deadline, by your birthday (unknown)"
        in rankin.explanations
    )
    assert "For women (from its description): check you qualify (unknown)" in rankin.explanations
    unset = need_match(NOBODY, UNKNOWN, seed("Live Más Scholarship"), today=today, due=due)
    assert unset.explanations == (
        "For ages 16 to 26: add the year you were born on the Profile page (unknown)",
    )
