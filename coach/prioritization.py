"""Coach_Prioritization: the student's active milestones, most worth doing first.

- Something tracked (open applications): ranked by momentum (coach/momentum.py, unchanged:
  100 x (0.6 x deadline proximity + 0.4 x trust)); passed deadlines drop out, quick forms
  first on ties.
- Nothing tracked yet: the discovery results ordered by ROI, dollars per hour of effort,
  weighted by how soon it is due and how well the student fits:

      roi = amount / effort_hours x (0.5 + 0.5 x deadline_proximity) x need_match / 100

  effort_hours: form 1, mixed 3, essay 5, unknown 3 (rough hours to a finished application);
  deadline_proximity is momentum's (0 at 60+ days or no deadline, 1 on the day), so an
  imminent deadline doubles a far one's weight; a passed deadline, or a need match of 0 (a
  requirement rules the student out), drops the result. Ties: quick forms first, then the
  earlier deadline, then the title.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from coach.discovery_models import ActiveMilestone, DiscoveryResult
from coach.game_plan import OPEN_STATUSES
from coach.momentum import deadline_proximity, momentum_score, tie_break
from db.models import Application, Scholarship

EFFORT_HOURS: dict[str, float] = {"form": 1.0, "mixed": 3.0, "essay": 5.0}
DEFAULT_EFFORT_HOURS = 3.0


@dataclass(frozen=True, slots=True)
class TrackedItem:
    """An application the student is working on, as prioritization needs it."""

    scholarship_id: UUID
    title: str
    deadline: datetime | None
    trust_score: int | None
    application_type: str | None = None
    url: str | None = None


def tracked_items(
    applications: Iterable[Application], scholarships: Mapping[UUID, Scholarship]
) -> list[TrackedItem]:
    """The open applications (drafts) with their scholarship's facts."""
    items = []
    for app in applications:
        scholarship = scholarships.get(app.scholarship_id)
        if scholarship is None or app.status not in OPEN_STATUSES:
            continue
        items.append(
            TrackedItem(
                scholarship_id=scholarship.id,
                title=scholarship.title,
                deadline=scholarship.deadline,
                trust_score=scholarship.trust_score,
                application_type=scholarship.application_type,
                url=scholarship.url,
            )
        )
    return items


def roi_score(
    amount: float | None,
    application_type: str | None,
    deadline: datetime | None,
    need_match_score: int,
    now: datetime,
) -> float | None:
    """Dollars per hour of effort, weighted by urgency and fit (formula above); None once
    the deadline has passed."""
    proximity = deadline_proximity(deadline, now)
    if proximity is None:
        return None
    hours = EFFORT_HOURS.get(application_type or "", DEFAULT_EFFORT_HOURS)
    return round((amount or 0.0) / hours * (0.5 + 0.5 * proximity) * need_match_score / 100, 2)


def _task(title: str, application_type: str | None) -> str:
    if application_type == "form":
        return f"Fill in the {title} form"
    if application_type == "essay":
        return f"Draft the essay for {title}"
    return f"Start your {title} application"


def _top(keyed: list[tuple[tuple[float, int, float, str], int]], limit: int | None) -> list[int]:
    ordered = heapq.nsmallest(limit, keyed) if limit is not None else sorted(keyed)
    return [index for _, index in ordered]


def _sort_deadline(deadline: datetime | None) -> float:
    return deadline.timestamp() if deadline is not None else float("inf")


def rank_tracked(
    tracked: Sequence[TrackedItem], *, now: datetime, limit: int | None = None
) -> list[ActiveMilestone]:
    keyed = []
    scores: dict[int, float] = {}
    for index, item in enumerate(tracked):
        score = momentum_score(item.deadline, item.trust_score, now)
        if score is None:
            continue
        scores[index] = score
        keyed.append(
            (
                (
                    -score,
                    tie_break(item.application_type),
                    _sort_deadline(item.deadline),
                    item.title,
                ),
                index,
            )
        )
    return [
        ActiveMilestone(
            id=f"application:{tracked[index].scholarship_id}",
            scholarship_id=tracked[index].scholarship_id,
            title=f"Finish and submit {tracked[index].title}",
            priority=rank,
            status="in_progress",
            basis="momentum",
            score=scores[index],
            deadline=tracked[index].deadline,
            url=tracked[index].url,
        )
        for rank, index in enumerate(_top(keyed, limit), start=1)
    ]


def rank_by_roi(
    results: Sequence[DiscoveryResult], *, now: datetime, limit: int | None = None
) -> list[ActiveMilestone]:
    keyed = []
    scores: dict[int, float] = {}
    for index, result in enumerate(results):
        if result.need_match_score <= 0:
            continue
        score = roi_score(
            result.amount, result.application_type, result.deadline, result.need_match_score, now
        )
        if score is None:
            continue
        scores[index] = score
        order = (-score, tie_break(result.application_type), _sort_deadline(result.deadline))
        keyed.append(((*order, result.title), index))
    return [
        ActiveMilestone(
            id=f"discovery:{results[index].id}",
            scholarship_id=results[index].scholarship_id,
            title=_task(results[index].title, results[index].application_type),
            priority=rank,
            status="pending",
            basis="roi",
            score=scores[index],
            deadline=results[index].deadline,
            url=results[index].url,
        )
        for rank, index in enumerate(_top(keyed, limit), start=1)
    ]


def coach_prioritization(
    tracked: Sequence[TrackedItem],
    discovery_results: Sequence[DiscoveryResult],
    *,
    now: datetime,
    limit: int | None = None,
) -> list[ActiveMilestone]:
    """The active milestones: tracked applications by momentum, or, when nothing is tracked
    yet (or every tracked deadline has passed), the discovery results by ROI. `limit` keeps
    the first N (None: all)."""
    if tracked and (ranked := rank_tracked(tracked, now=now, limit=limit)):
        return ranked
    return rank_by_roi(discovery_results, now=now, limit=limit)
