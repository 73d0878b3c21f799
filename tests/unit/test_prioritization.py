"""coach/prioritization.py (Coach_Prioritization) and coach/discovery.py (Advisor_Verify's
core): tracked applications by momentum; with nothing tracked, discovery results by ROI =
amount / effort hours x (0.5 + 0.5 x deadline proximity) x need match / 100."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from coach.discovery import advisor_verify, unique_by_url
from coach.discovery_models import DiscoveryResult, Listing, UserProfile
from coach.financial import anonymize
from coach.momentum import momentum_score
from coach.prioritization import (
    TrackedItem,
    coach_prioritization,
    roi_score,
    tracked_items,
)
from db.models import Application, Scholarship

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
RUN = uuid.uuid4()


def tracked(
    title: str, days: float | None, trust: int | None = 80, kind: str = "mixed"
) -> TrackedItem:
    return TrackedItem(
        scholarship_id=uuid.uuid4(),
        title=title,
        deadline=None if days is None else NOW + timedelta(days=days),
        trust_score=trust,
        application_type=kind,
    )


def result(
    title: str,
    amount: float | None,
    days: float | None,
    kind: str | None = "mixed",
    need: int = 100,
) -> DiscoveryResult:
    return DiscoveryResult(
        id=title,
        discovery_run_id=RUN,
        title=title,
        url=f"https://example.org/{title}",
        trust_score=80,
        need_match_score=need,
        amount=amount,
        deadline=None if days is None else NOW + timedelta(days=days),
        application_type=kind,  # type: ignore[arg-type]
    )


def test_tracked_items_rank_by_momentum_and_passed_deadlines_drop_out() -> None:
    items = [
        tracked("far", 50),
        tracked("soon", 5),
        tracked("gone", -1),
        tracked("soon but doubtful", 5, trust=10),
    ]
    plan = coach_prioritization(items, [result("ignored", 10_000, 5)], now=NOW)
    assert [m.title for m in plan] == [
        "Finish and submit soon",
        "Finish and submit soon but doubtful",
        "Finish and submit far",
    ]
    assert [m.priority for m in plan] == [1, 2, 3]
    assert {m.status for m in plan} == {"in_progress"} and {m.basis for m in plan} == {"momentum"}
    assert plan[0].score == momentum_score(items[1].deadline, 80, NOW)
    assert plan[0].scholarship_id == items[1].scholarship_id


def test_momentum_ties_put_quick_forms_first() -> None:
    plan = coach_prioritization(
        [tracked("essay", 10, kind="essay"), tracked("form", 10, kind="form")], [], now=NOW
    )
    assert [m.title for m in plan] == ["Finish and submit form", "Finish and submit essay"]


def test_roi_formula() -> None:
    # $3,000 mixed (3 h) due in 30 days (proximity 0.5), need match 80:
    # 3000 / 3 x (0.5 + 0.25) x 0.8 = 600
    assert roi_score(3000, "mixed", NOW + timedelta(days=30), 80, NOW) == pytest.approx(600)
    assert roi_score(1000, "form", None, 100, NOW) == pytest.approx(500)  # no deadline: 0.5
    assert roi_score(1000, "essay", NOW, 100, NOW) == pytest.approx(200)  # due now: x 1.0
    assert roi_score(None, None, None, 100, NOW) == 0
    assert roi_score(1000, "form", NOW - timedelta(hours=1), 100, NOW) is None


def test_nothing_tracked_gives_roi_ordered_milestones() -> None:
    results = [
        result("big essay", 10_000, 90, kind="essay"),  # 2000 x 0.5 = 1000
        result("quick form", 1_500, 0.5, kind="form"),  # 1500 x ~1.0 = ~1494
        result("ruled out", 50_000, 10, need=0),  # a requirement excludes the student
        result("passed", 50_000, -2),
        result("mixed", 4_500, 60),  # 1500 x 0.5 = 750
    ]
    plan = coach_prioritization([], results, now=NOW)
    assert [m.id for m in plan] == [
        "discovery:quick form",
        "discovery:big essay",
        "discovery:mixed",
    ]
    assert [m.title for m in plan] == [
        "Fill in the quick form form",
        "Draft the essay for big essay",
        "Start your mixed application",
    ]
    assert [m.priority for m in plan] == [1, 2, 3]
    assert {m.status for m in plan} == {"pending"} and {m.basis for m in plan} == {"roi"}
    assert plan == sorted(plan, key=lambda m: -(m.score or 0))


def test_roi_ties_put_quick_forms_then_earlier_deadlines_first() -> None:
    plan = coach_prioritization(
        [],
        [
            result("b essay", 5_000, None, kind="essay"),
            result("a form", 1_000, None, kind="form"),
        ],
        now=NOW,
    )
    assert [m.id for m in plan] == ["discovery:a form", "discovery:b essay"]


def test_when_every_tracked_deadline_has_passed_roi_takes_over() -> None:
    plan = coach_prioritization([tracked("gone", -3)], [result("next", 1000, 10)], now=NOW)
    assert [m.basis for m in plan] == ["roi"]


def test_limit_keeps_the_first_n() -> None:
    results = [result(f"r{i}", 1000 * i, 30) for i in range(1, 20)]
    everything = coach_prioritization([], results, now=NOW)
    assert coach_prioritization([], results, now=NOW, limit=3) == everything[:3]
    assert coach_prioritization([], [], now=NOW) == []


def test_tracked_items_are_the_open_applications() -> None:
    user = uuid.uuid4()
    s1 = Scholarship(
        id=uuid.uuid4(),
        title="A",
        url="https://a.org",
        trust_score=90,
        deadline=NOW + timedelta(days=3),
        metadata={"application_type": "form"},
    )
    s2 = Scholarship(id=uuid.uuid4(), title="B", url="https://b.org")
    apps = [
        Application(id=uuid.uuid4(), user_id=user, scholarship_id=s1.id, status="draft"),
        Application(id=uuid.uuid4(), user_id=user, scholarship_id=s2.id, status="submitted"),
        Application(id=uuid.uuid4(), user_id=user, scholarship_id=uuid.uuid4(), status="draft"),
    ]
    items = tracked_items(apps, {s1.id: s1, s2.id: s2})
    assert items == [TrackedItem(s1.id, "A", s1.deadline, 90, "form", "https://a.org")]


# --- Advisor_Verify's core over the real catalog ------------------------------------------


def catalog() -> list[dict[str, Any]]:
    return json.loads((ROOT / "seeds" / "scholarships.json").read_text(encoding="utf-8"))[
        "scholarships"
    ]


def test_advisor_verify_keeps_the_legitimate_listings_with_both_scores_explained() -> None:
    entries = catalog()
    listings = [Listing.model_validate(e) for e in entries]
    user = UserProfile(
        id=uuid.uuid4(), gpa=3.4, major="Computer Science", state="TX", school_year="college_junior"
    )
    verification = advisor_verify(
        listings + listings[:10],  # the same pages found twice count once
        user,
        anonymize(sai=-200, pell_status="eligible"),
        run_id=RUN,
        today=date(2026, 12, 1),
    )
    scams = {e["url"] for e in entries if e["fraud_signals"]}
    assert {v.listing.url for v in verification.filtered_out} == scams
    assert len(verification.results) == 74
    assert len({r.id for r in verification.results}) == 74
    texas = next(r for r in verification.results if r.title == "TEXAS Grant")
    assert texas.need_explanations == (
        "Texas residents ✓",
        "Need-based, Pell eligible ✓",
        "For high school seniors, college students and adults returning to college ✓ "
        "(yours: college junior)",
    )
    assert texas.trust_score >= 60 and texas.need_match_score == 100
    assert texas.deadline is not None and texas.deadline.date() >= date(2026, 12, 1)
    assert any(reason.startswith("+") for reason in texas.trust_reasons)
    plan = coach_prioritization([], verification.results, now=NOW, limit=3)
    assert len(plan) == 3 and plan[0].priority == 1
    # a college junior cannot apply to an award for high school seniors: it is never planned
    coca_cola = next(r for r in verification.results if r.title == "Coca-Cola Scholars Program")
    assert coca_cola.need_match_score == 0
    everything = coach_prioritization([], verification.results, now=NOW)
    assert f"discovery:{coca_cola.id}" not in {m.id for m in everything}


def test_unique_by_url_ignores_case_and_a_trailing_slash() -> None:
    a = Listing(title="A", url="https://x.org/s/")
    b = Listing(title="B", url="HTTPS://x.org/s")
    assert unique_by_url([a, b]) == [a]
