"""The sessions table: a page shows rounds per session, not one line per round, and a coach
decides what to review by session, so the filtered rounds are grouped here once for the
Review, Learners and My progress pages alike.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from coach.analytics.rows import ReviewedRound
from coach.crisis import CRISIS_REASON
from coach.report import average


@dataclass(frozen=True)
class SessionRow:
    session_id: str
    learner_id: str
    learner_name: str
    team: str | None
    domain_id: str
    domain_name: str
    started_at: datetime
    last_at: datetime
    rounds: int
    average_score: Decimal | None  # of the scores analytics use, one decimal
    overrides: int  # rounds a coach re-scored
    reviewed: bool


def session_rows(rounds: Iterable[ReviewedRound]) -> list[SessionRow]:
    """The filtered rounds grouped by session, most recently active first. A round without a
    session (none the chat writes) belongs to no row."""
    by_session: dict[str, list[ReviewedRound]] = defaultdict(list)
    for r in rounds:
        if r.session_id is not None:
            by_session[r.session_id].append(r)
    rows = []
    for session_id, items in by_session.items():
        first = min(items, key=lambda r: r.created_at)
        scores = [r.score for r in items if r.score is not None]
        rows.append(
            SessionRow(
                session_id=session_id,
                learner_id=first.learner_id,
                learner_name=first.learner_name or first.learner_id,
                team=first.team,
                domain_id=first.domain_id,
                domain_name=first.domain_name or first.domain_id,
                started_at=first.created_at,
                last_at=max(r.created_at for r in items),
                rounds=len(items),
                average_score=average(scores) if scores else None,
                overrides=sum(1 for r in items if r.override_count > 0),
                reviewed=all(r.reviewed for r in items),
            )
        )
    return sorted(rows, key=lambda s: (s.last_at, s.session_id), reverse=True)


def at_risk(
    sessions: Iterable[SessionRow],
    rounds: Iterable[ReviewedRound],
    reason: str = CRISIS_REASON,
) -> list[SessionRow]:
    """Sessions with a round not yet reviewed that was kept unscored for `reason`: where the
    learner wrote that they may harm themselves (the coach answered with where to find help),
    or that money or bank details went to a likely scam (SCAM_SENT_REASON: what to do today).
    A coach reads these first: a coach-review audit found nothing on Review to surface them."""
    flagged = {
        r.session_id
        for r in rounds
        if r.not_scored_reason == reason and not r.reviewed and r.session_id
    }
    return [s for s in sessions if s.session_id in flagged]
