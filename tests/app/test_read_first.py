"""Read first (app_pages/read_first.py): Review and a coach's Home name, above everything
else, a session not yet reviewed where a learner wrote that they may harm themselves, or that
money or bank details already went to a likely scholarship scam."""

from __future__ import annotations

import psycopg
from streamlit.testing.v1 import AppTest

from coach.crisis import CRISIS_REASON
from coach.scam_sent import SCAM_SENT_REASON
from tests.app.conftest import db_url, plain, query
from tests.app.review_steps import open_review


def said_in_the_newest_unreviewed_session(message: str, reason: str) -> str:
    """Rewrites a round of the newest session no coach has reviewed as `message`, kept
    unscored for `reason`; the learner's name."""
    [r] = query(
        "select s.id, l.name as learner from coaching_sessions s "
        "join learners l on l.id::text = s.learner_id "
        "where not exists (select 1 from coaching_session_reviews v "
        "where v.session_id = s.session_id) order by s.created_at desc limit 1"
    )
    with psycopg.connect(
        db_url()
    ) as conn:  # recorded rounds are guarded: a superuser goes round it
        conn.execute("set local session_replication_role = replica")
        conn.execute(
            "update coaching_sessions set learner_message = %s, score = null, "
            "dimension_scores = null, dimension_reasons = null, not_scored_reason = %s "
            "where id = %s",
            (message, reason, r["id"]),
        )
    return str(r["learner"])


def banners(at: AppTest) -> list[str]:
    return [e.value for e in at.error if "Read first" in e.value]


def test_a_session_where_a_learner_may_be_at_risk_is_named_first(app_env: str) -> None:
    """A coach-review audit: nothing on Review surfaced a session where the crisis reply was
    given; it sat in the table like any other."""
    at = open_review()
    assert not banners(at)
    learner = said_in_the_newest_unreviewed_session(
        "i dont want to be alive anymore", CRISIS_REASON
    )
    at.run()
    [banner] = banners(at)
    assert "1 session where a learner wrote that they may harm themselves" in banner
    assert learner in plain(banner) and "988" in banner
    at.switch_page("app_pages/home.py").run()  # and on Home, before the count to review
    [home] = banners(at)
    assert learner in plain(home) and "Review names it above its table" in home


def test_a_session_where_money_went_to_a_scam_is_named_first(app_env: str) -> None:
    """A coach-review audit: a student who had sent $75 to a scholarship scam sat in the
    table as "not scored" with nothing to point the coach at her."""
    at = open_review()
    learner = said_in_the_newest_unreviewed_session("i already sent them the $75", SCAM_SENT_REASON)
    at.run()
    [banner] = banners(at)
    assert "1 session where a learner wrote that they already sent money" in banner
    assert learner in plain(banner) and "bank or card company" in banner
    assert "harm themselves" not in banner
    at.switch_page("app_pages/home.py").run()
    [home] = banners(at)
    assert "likely scholarship scam" in home and learner in plain(home)
