"""The orchestration graph of seed 001 on the embedded Postgres, with the offline catalog:
the whole run, its checkpoint on thread user_{id}, its record in discovery_completions and
discovery_results, and SafeRecovery after a failure in any node."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import pytest
from langgraph.types import Command

from coach import trust
from coach.age_limits import age_limit
from coach.discovery_models import Listing
from coach.need_match import audience_requirement
from db.runtime import Database
from graph.discovery import DiscoveryService, orchestration_graph
from graph.orchestration import SEARCH_RETRY, build_graph, outcome_message
from graph.search import CatalogSearch, TransientSearchError
from tests.conftest import People, create_user

ROOT = Path(__file__).resolve().parents[2]
CATALOG: list[dict[str, Any]] = json.loads(
    (ROOT / "seeds" / "scholarships.json").read_text(encoding="utf-8")
)["scholarships"]
SCAMS = {e["url"]: e for e in CATALOG if e["fraud_signals"]}
LEGIT = {e["url"] for e in CATALOG if not e["fraud_signals"]}

# The catalog's words for why a listing is a scam -> the red flag that must say so (as in
# tests/unit/test_trust.py), by the reason text the page shows.
EXPECTED_FLAG = {
    "application fee": "fee",
    "fee to find scholarships": "fee",
    "asks for credit card to hold a spot": "fee",
    "guaranteed award": "guaranteed",
    "no verifiable provider": "no_sponsor_contact",
    "impersonates a government agency": "gov_impersonation",
    "unsolicited prize notification": "unsolicited_award",
    "award for a program you never applied to": "unsolicited_award",
    "asks for bank account or SSN up front": "asks_personal_info",
    "asks for FSA ID login credentials": "asks_personal_info",
    "urgency / act now": "urgency",
    "claims exclusive information not available elsewhere": "exclusive_claim",
}
FLAG_WORDS = {
    **{code: reason for code, reason in trust._FLAG_REASONS.items()},
    "no_sponsor_contact": "No identifiable sponsor",
    "gov_impersonation": "overnment",
}


def flag_codes(lines: list[str]) -> set[str]:
    return {code for code, words in FLAG_WORDS.items() if any(words in line for line in lines)}


@pytest.fixture
def student(db_url: str) -> Any:
    return create_user(
        db_url,
        "tess@students.test",
        full_name="Tess Student",
        gpa=3.6,
        intended_major="Computer Science",
        state="TX",
        sai=1200,
        pell_eligibility_status="eligible",
    )


def service(database: Database, identity: Any, **kwargs: Any) -> DiscoveryService:
    return DiscoveryService(database, database.repository(identity), database.settings, **kwargs)


def run_now(svc: DiscoveryService) -> uuid.UUID:
    """A run in the test's own thread: start records it, run executes the graph."""
    run = svc.repository.start_discovery_run()
    svc.run(run.discovery_run_id)
    return run.discovery_run_id


def test_the_whole_run_filters_the_five_scams_and_explains_every_match(
    database: Database, student: Any
) -> None:
    svc = service(database, student)
    run_id = run_now(svc)

    progress = svc.progress(run_id)
    assert (progress.status, progress.step) == ("completed", "done")
    view = svc.latest()
    assert view is not None and view.run_id == run_id and view.finished_at is not None
    filtered = {f.url: f for f in view.filtered_out}
    assert set(filtered) == set(SCAMS)  # the five scams, and no legitimate listing
    for url, scam in SCAMS.items():
        expected = {EXPECTED_FLAG[reason] for reason in scam["fraud_signals"]}
        assert expected <= flag_codes(filtered[url].red_flags), (scam["title"], filtered[url])
        assert filtered[url].trust_score < 60
    assert view.matches and {m.url for m in view.matches} <= LEGIT
    assert view.message is not None and "5 listings looked unsafe" in view.message
    for match in view.matches:
        assert match.scholarship_id is not None and match.trust_score >= 60
        assert match.trust_reasons
        # one explanation per requirement the listing sets or its description names (or
        # "open to all" when none)
        entry = next(e for e in CATALOG if e["url"] == match.url)
        rules = entry["eligibility"]
        levels = bool(rules["levels"])
        aged = bool(age_limit(entry["description"]))
        requirements = sum(
            [bool(rules["min_gpa"]), bool(rules["states"]), bool(rules["majors"]),
             bool(entry["need_based"]), levels, aged,
             bool(audience_requirement(entry["description"], years_named=levels,
                                       age_checked=aged))]
        )  # fmt: skip
        assert len(match.need_explanations) == max(1, requirements), match


COLLEGE_ONLY = (
    "Boren Scholarship",
    "Harry S. Truman Scholarship",
    "Udall Undergraduate Scholarship",
    "Benjamin A. Gilman International Scholarship",
    "National Merit Scholarship Program",
)


def test_a_senior_s_school_year_rules_out_college_programs(database: Database, db_url: str) -> None:
    """A user audit: a high-school senior saw Boren, Truman, Udall, Gilman and National Merit
    ranked high at "Need match 100/100". Their Profile's school year reaches the need match."""
    senior = create_user(
        db_url,
        "sam@students.test",
        full_name="Sam Senior",
        gpa=3.8,
        intended_major="Environmental science",
        state="TX",
        pell_eligibility_status="eligible",
        school_year="high_school_senior",
    )
    svc = service(database, senior)
    run_now(svc)
    view = svc.latest()
    assert view is not None
    by_title = {m.title: m for m in view.matches}
    for title in set(COLLEGE_ONLY) & set(by_title):
        assert by_title[title].need_match_score == 0, by_title[title]
        assert any("(yours: high school senior)" in e for e in by_title[title].need_explanations)
    assert set(COLLEGE_ONLY) & set(by_title), "the catalog search found none of them"
    for_seniors = by_title["Equitable Excellence Scholarship"]
    assert "For high school seniors, as you are ✓" in for_seniors.need_explanations
    assert for_seniors.need_match_score == 100


def test_the_state_is_checkpointed_on_the_students_thread(database: Database, student: Any) -> None:
    svc = service(database, student)
    run_id = run_now(svc)

    graph = orchestration_graph(database)
    values = graph.get_state({"configurable": {"thread_id": f"user_{student.user_id}"}}).values
    assert values["discovery_run_id"] == str(run_id)
    assert values["last_active_node"] == "Coach_Prioritization"
    assert values["user_profile"].major == "Computer Science"
    assert values["user_profile"].school_year is None  # not set on Tess's Profile
    assert values["financial_profile"].labels == ["Pell Eligible", "Moderate Income"]
    assert {r.discovery_run_id for r in values["discovery_results"]} == {run_id}
    assert len(values["filtered_out"]) == 5
    assert values["active_milestones"] and values["active_milestones"][0].priority == 1
    assert values["listings"] == []  # the raw finds are not kept
    assert values.get("error_log", []) == []
    assert "Found" in values["messages"][-1].content


@pytest.mark.parametrize("node", ["Advisor_Search", "Advisor_Verify", "Coach_Prioritization"])
def test_a_failure_in_any_node_lands_in_safe_recovery_and_the_next_run_works(
    database: Database, student: Any, node: str
) -> None:
    failing = {"on": True}

    def probe(name: str) -> None:
        if failing["on"] and name == node:
            raise RuntimeError(f"injected failure in {name}")

    svc = service(database, student, probe=probe)
    run_id = run_now(svc)

    progress = svc.progress(run_id)
    assert (progress.status, progress.step) == ("failed", "failed")
    assert progress.message is not None and progress.message.endswith("in a moment.")
    assert "injected" not in progress.message  # the detail is for the log, not the student
    values = (
        orchestration_graph(database)
        .get_state({"configurable": {"thread_id": svc.thread_id}})
        .values
    )
    assert values["last_active_node"] == "SafeRecovery"
    [entry] = values["error_log"]
    assert entry.node == node and "injected failure" in entry.message and entry.timestamp
    assert values["messages"][-1].content == progress.message
    view = svc.latest()
    assert view is not None and view.status == "failed" and view.matches == []

    failing["on"] = False
    second = run_now(svc)
    assert svc.progress(second).status == "completed"
    values = (
        orchestration_graph(database)
        .get_state({"configurable": {"thread_id": svc.thread_id}})
        .values
    )
    assert values["last_active_node"] == "Coach_Prioritization"
    assert len(values["error_log"]) == 1  # the log keeps the earlier failure


class FlakySearch:
    """A search that times out `failures` times, then answers from the catalog."""

    def __init__(self, inner: CatalogSearch, failures: int) -> None:
        self.inner = inner
        self.failures = failures
        self.calls = 0

    def search(self, financial: Any, user: Any) -> list[Listing]:
        self.calls += 1
        if self.calls <= self.failures:
            raise TransientSearchError("The web search did not answer in time.")
        return self.inner.search(financial, user)


def test_a_transient_search_error_is_retried_before_recovery(
    database: Database, student: Any
) -> None:
    repository = database.repository(student)
    flaky = FlakySearch(CatalogSearch(repository), failures=SEARCH_RETRY.max_attempts - 1)
    svc = service(database, student, search=flaky)
    assert svc.progress(run_now(svc)).status == "completed"
    assert flaky.calls == SEARCH_RETRY.max_attempts

    always = FlakySearch(CatalogSearch(repository), failures=99)
    svc = service(database, student, search=always)
    progress = svc.progress(run_now(svc))
    assert progress.status == "failed"
    assert progress.message == "The web search did not answer in time."
    assert always.calls == SEARCH_RETRY.max_attempts


def test_verify_returns_a_command_naming_its_targets() -> None:
    graph = build_graph(None).get_graph()
    edges = {(e.source, e.target) for e in graph.edges}
    assert ("Advisor_Verify", "Coach_Prioritization") in edges
    assert ("Advisor_Verify", "SafeRecovery") in edges
    assert ("Advisor_Search", "SafeRecovery") in edges
    assert ("Coach_Prioritization", "SafeRecovery") in edges
    assert isinstance(Command(goto="SafeRecovery"), Command)


def test_a_student_without_a_profile_still_gets_a_run(database: Database, people: People) -> None:
    svc = service(database, people.student_a)
    run_id = run_now(svc)
    assert svc.progress(run_id).status == "completed"


@pytest.mark.parametrize(
    ("kept", "unsafe", "ruled_out", "message"),
    [
        (72, 0, 31, "Found 41 scholarships for you (and 31 more your profile rules out)."),
        (5, 0, 0, "Found 5 scholarships for you."),
        (1, 2, 0, "Found 1 scholarship for you; 2 listings looked unsafe and were left out."),
        # an audit: "…; 1 listing looked unsafe and were left out."
        (2, 1, 0, "Found 2 scholarships for you; 1 listing looked unsafe and was left out."),
        (3, 0, 3, "Found 3 scholarships, but your profile rules out every one."),
        (0, 0, 0, "No scholarships matched this time."),
    ],
)
def test_the_outcome_counts_only_what_is_open_to_you_as_for_you(
    kept: int, unsafe: int, ruled_out: int, message: str
) -> None:
    """A browser audit: "Found 72 scholarships for you" announced 31 the student's GPA,
    state, major or Pell status rules out."""
    assert outcome_message(kept, unsafe, ruled_out) == message
