"""The sessions table (coach/analytics/sessions.py): rounds grouped by session, newest first,
with the averages, overrides and review state the page shows.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from decimal import Decimal

from coach.analytics.sessions import at_risk, session_rows
from coach.crisis import CRISIS_REASON
from coach.scam_sent import SCAM_SENT_REASON
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


def test_a_session_with_an_unreviewed_crisis_round_is_at_risk() -> None:
    """Read first on Review (a coach-review audit found nothing to surface one); once the
    session is reviewed, no longer flagged."""
    calm = Round(session_id="calm", ai_score=7)
    crisis = Round(session_id="crisis", ai_score=None, not_scored_reason=CRISIS_REASON)
    rounds = [calm, crisis]
    assert [s.session_id for s in at_risk(session_rows(rounds), rounds)] == ["crisis"]
    seen = [calm, replace(crisis, reviewed=True)]
    assert at_risk(session_rows(seen), seen) == []


def test_a_session_where_money_went_to_a_scam_is_read_first_on_its_own_line() -> None:
    """Money or bank details sent to a likely scam (coach.scam_sent): its own Read first, not
    counted as a crisis."""
    crisis = Round(session_id="crisis", ai_score=None, not_scored_reason=CRISIS_REASON)
    scam = Round(session_id="scam", ai_score=None, not_scored_reason=SCAM_SENT_REASON)
    rounds = [crisis, scam]
    assert [s.session_id for s in at_risk(session_rows(rounds), rounds)] == ["crisis"]
    flagged = at_risk(session_rows(rounds), rounds, SCAM_SENT_REASON)
    assert [s.session_id for s in flagged] == ["scam"]
