"""The sessions table (coach/analytics/sessions.py): rounds grouped by session, newest first,
with the averages, overrides and review state the page shows.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from coach.analytics.sessions import session_rows
from tests.unit.analytics_cases import T0, Round


# the sessions table ---------------------------------------------------------------------------
def test_session_rows_group_the_rounds_newest_session_first() -> None:
    rounds = [
        Round(session_id="old", round_number=1, created_at=T0, ai_score=4, reviewed=True),
        Round(
            session_id="old",
            round_number=2,
            created_at=T0 + timedelta(minutes=2),
            ai_score=5,
            reviewed=True,
        ),
        Round(
            session_id="old",
            round_number=3,
            created_at=T0 + timedelta(minutes=4),
            ai_score=5,
            human_score=8,
            override_count=2,
            reviewed=True,
        ),
        Round(session_id="new", created_at=T0 + timedelta(days=1), ai_score=None),
    ]
    new, old = session_rows(rounds)
    assert new.session_id == "new" and new.average_score is None and new.rounds == 1
    assert not new.reviewed
    assert old.rounds == 3 and old.overrides == 1 and old.reviewed
    assert old.average_score == Decimal("5.7")  # (4 + 5 + 8) / 3, the coach's 8 counts
    assert old.started_at == T0 and old.last_at == T0 + timedelta(minutes=4)
    assert session_rows([]) == []


def test_a_session_with_a_round_since_its_review_is_not_reviewed() -> None:
    """A review covers the rounds before it: one new round puts the session back."""
    rounds = [
        Round(session_id="s", round_number=1, created_at=T0, ai_score=6, reviewed=True),
        Round(session_id="s", round_number=2, created_at=T0 + timedelta(hours=2), ai_score=7),
    ]
    [row] = session_rows(rounds)
    assert not row.reviewed
    [row] = session_rows(rounds[:1])
    assert row.reviewed
