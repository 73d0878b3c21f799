"""Missed deadlines in coach/game_plan.py (issue #17): a passed deadline shows as missed
with similar open scholarships, how similarity is scored and capped, and which
applications past their deadline are not missed."""

from __future__ import annotations

from datetime import timedelta
from uuid import uuid4

from coach.game_plan import build_game_plan
from coach.similar_scholarships import StudentFacts, open_to, similar_scholarships, similarity
from db.models import Scholarship
from tests.unit.game_plan_book import NOW, Book, listing, titles

# --- every open coach state, next actions, missed deadlines (issue #17) ----------------------


def test_a_passed_deadline_shows_as_missed_with_similar_open_scholarships() -> None:
    book = Book()
    missed = book.track(
        "Texas Engineers Award",
        days=-2,
        kind="form",
        amount=2000,
        coach_state="drafting",
        states=["TX"],
        majors=["Engineering"],
    )
    book.track("Already Tracked Twin", days=20, kind="form", amount=2000, states=["TX"])
    book.track("Open Draft", days=10)
    catalog = [
        listing(
            "Twin Form", days=15, kind="form", amount=2500, states=["TX"], majors=["Engineering"]
        ),
        listing(
            "Mechanical Fund", days=40, kind="essay", amount=3000, majors=["Mechanical Engineering"]
        ),
        listing("National Open", days=25, kind="form", amount=1500),
        listing("California Only", days=10, kind="form", amount=2000, states=["CA"]),
        listing("Nursing Only", days=10, kind="form", amount=2000, majors=["Nursing"]),
        listing("Also Closed", days=-1, kind="form", amount=2000, states=["TX"]),
        *[book.scholarships[a.scholarship_id] for a in book.applications],
    ]

    plan = book.plan(catalog)

    assert titles(plan) == ["Open Draft", "Already Tracked Twin"]  # not the missed one
    assert [m.title for m in plan.missed] == ["Texas Engineers Award"]
    item = plan.missed[0]
    assert item.application_id == missed.id
    assert item.label == "Missed deadline" and item.coach_state == "Drafting"
    assert item.missed == "deadline passed February 27, 2026"
    # Twin Form shares everything; the other two tie on similarity and the sooner one leads
    assert [s.title for s in item.similar] == ["Twin Form", "National Open", "Mechanical Fund"]
    assert [s.score for s in item.similar] == [4.5, 2.5, 2.5]
    twin = item.similar[0]
    assert "also for Texas residents" in twin.reasons
    assert "also for Engineering majors" in twin.reasons
    assert "also a form application" in twin.reasons
    assert "a similar amount ($1,000 to $4,999)" in twin.reasons
    assert twin.due is not None and twin.due.endswith("(15 days left)")
    assert "Missed deadline: Texas Engineers Award" in plan.as_text()
    assert "similar open scholarships: Twin Form, National Open, Mechanical Fund" in plan.as_text()


def test_similar_suggestions_are_capped_and_can_be_none() -> None:
    book = Book()
    book.track("Gone", days=-1, kind="essay", amount=500)
    many = [listing(f"Open {n}", days=10 + n, kind="essay", amount=600) for n in range(6)]

    assert len(book.plan(many).missed[0].similar) == 3
    assert book.plan().missed[0].similar == []  # no catalog given
    far = build_game_plan(
        book.applications, book.scholarships, [], NOW, catalog=many, similar_limit=5
    )
    assert len(far.missed[0].similar) == 5


def test_similarity_needs_something_in_common() -> None:
    target = listing("Target", days=-1, kind="essay", amount=50000, states=["NY"], min_gpa=3.5)
    same = listing("Same", days=5, kind="essay", amount=60000, states=["NY"], min_gpa=3.4)
    unlike = listing("Unlike", days=5, kind="form", amount=100, majors=["Art"], min_gpa=2.0)
    elsewhere = listing("Elsewhere", days=5, kind="essay", amount=50000, states=["OR"])

    score, reasons = similarity(target, same)
    assert score == 4.0 - 0.5 + 0.5  # state, type, amount, GPA bar; not both need-based
    assert "a similar GPA bar" in reasons
    assert similarity(target, unlike)[0] < 1.0
    assert similarity(target, elsewhere) == (0.0, [])
    assert similarity(target, target) == (0.0, [])
    ranked = similar_scholarships(target, [unlike, elsewhere, same], NOW)
    assert [s.title for s in ranked] == ["Same"]


def test_malformed_eligibility_is_read_as_absent() -> None:
    odd = Scholarship(
        id=uuid4(),
        title="Odd",
        url="https://scholarships.example/odd",
        deadline=NOW + timedelta(days=5),
        metadata={"eligibility": {"states": "TX", "majors": [None, 3], "min_gpa": "high"}},
    )
    plain = listing("Plain", days=-1, kind=None)
    score, reasons = similarity(plain, odd)
    assert "open in every state" in reasons and "open to every major" in reasons
    assert score == 1.5


def test_a_submitted_application_past_its_deadline_is_not_missed() -> None:
    book = Book()
    book.track("Sent In Time", days=-3, status="submitted", coach_state="submitted")
    book.track("Won", days=-3, status="awarded")
    assert book.plan().missed == []


def test_a_scholarship_to_try_instead_is_one_the_profile_does_not_rule_out() -> None:
    """A Texas engineering student was offered California's grant, the Pell Grant (not Pell
    eligible) and an Oregon grant after a missed deadline: the catalog is narrowed to what
    the profile leaves open before anything is compared. Unknowns rule nothing out."""
    student = StudentFacts(state="TX", major="Mechanical Engineering", gpa=3.2, pell=False)
    pell = listing("Federal Pell Grant", days=30, need_based=True)
    gates = listing("Gates", days=30)
    gates.metadata["description"] = "For outstanding Pell-eligible minority seniors."
    kept = [
        listing("Anywhere", days=30),
        listing("Texas", days=30, states=["TX", "OK"]),
        listing("Engineers", days=30, majors=["Engineering"]),
        listing("GPA 3.0", days=30, min_gpa=3.0),
    ]
    dropped = [
        listing("California", days=30, states=["CA"]),
        listing("Nursing", days=30, majors=["Nursing"]),
        listing("GPA 3.5", days=30, min_gpa=3.5),
        pell,
        gates,
    ]
    assert [s.title for s in kept + dropped if open_to(s, student)] == [s.title for s in kept]
    assert all(open_to(s, StudentFacts()) for s in kept + dropped)  # nothing on file
    assert open_to(pell, StudentFacts(state="TX", pell=True))


def test_a_scholarship_to_try_instead_is_open_to_the_students_school_year() -> None:
    """As in Discovery, an award for college students is no scholarship for a high-school
    senior to try instead; one that names no year, or a profile without one, rules out none."""
    for_college = listing("College Only", days=30)
    for_college.metadata["eligibility"] = {"levels": ["college_junior", "college_senior"]}
    senior = StudentFacts(school_year="high_school_senior")
    assert not open_to(for_college, senior)
    assert open_to(for_college, StudentFacts(school_year="college_junior"))
    assert open_to(for_college, StudentFacts())  # no year on file
    assert open_to(listing("Any Year", days=30), senior)
    odd = listing("Odd Years", days=30)
    odd.metadata["eligibility"] = {"levels": "college_junior"}  # malformed: read as absent
    assert open_to(odd, senior)


def test_an_adult_returning_is_offered_college_awards_and_an_age_limit_is_read() -> None:
    """As in Discovery: an adult returning to college is a college student, and an award for
    ages 16 to 26 is none for someone born in 1992 (an audit's 34-year-old was offered both
    the wrong way round)."""
    for_college = listing("College Only", days=30)
    for_college.metadata["eligibility"] = {"levels": ["college_junior", "college_senior"]}
    assert open_to(for_college, StudentFacts(school_year="adult_returning"))
    young = listing("Young Voices", days=30)
    young.metadata["description"] = "A video scholarship for students ages 16 to 26."
    assert not open_to(young, StudentFacts(birth_year=1992))
    assert open_to(young, StudentFacts(birth_year=2006))
    assert open_to(young, StudentFacts())  # no year born on file: nothing ruled out


def test_need_based_scholarships_to_try_instead_fit_the_students_income() -> None:
    """A browser audit: Jordan (upper-middle income) was offered two need-based scholarships
    "to try instead" that Discovery had matched at 18/100 ("Need-based, Upper-Middle
    income ✗")."""
    need = listing("Need Fund", days=30, need_based=True)
    assert not open_to(need, StudentFacts(pell=False, income="Upper-Middle"))
    assert open_to(need, StudentFacts(pell=False, income="Low"))
    assert open_to(need, StudentFacts(pell=True, income="Upper-Middle"))
    assert open_to(need, StudentFacts(pell=False))  # income unknown: not ruled out
    assert open_to(listing("Merit Fund", days=30), StudentFacts(income="High"))


def test_a_mixed_application_is_said_in_a_students_words() -> None:
    """A browser audit: "Also a mixed application" was the catalog's word for it."""
    book = Book()
    book.track("Mixed Missed", days=-2, kind="mixed", amount=2000)
    catalog = [listing("Mixed Twin", days=15, kind="mixed", amount=2500)]
    [item] = book.plan(catalog).missed
    [twin] = item.similar
    assert "also a form and an essay" in twin.reasons
    assert not any("mixed" in reason for reason in twin.reasons)
