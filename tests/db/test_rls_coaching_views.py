"""RLS through the coaching views: coaching_session_summaries and coaching_round_reviews
run with the caller's rights, so each identity sees through them exactly what the tables
beneath would show it."""

from __future__ import annotations

from typing import Any

import pytest
from psycopg import errors

from tests.db.rls_world import World, acting_as
from tests.db.rls_world import world as world


def test_session_summaries_view_respects_rls(world: World) -> None:
    """The view runs with the caller's rights: B sees none of A's sessions, a coach does."""

    def visible(who: str) -> int:
        with acting_as(world, who) as conn:
            row = conn.execute(
                "select count(*) from coaching_session_summaries where learner_id = %s",
                (str(world.ids["learner_a"]),),
            ).fetchone()
        assert row is not None
        return int(row[0])

    assert visible("student_a") == 1
    assert visible("student_b") == 0
    assert visible("coach") == 1


def test_round_reviews_view_respects_rls(world: World) -> None:
    """The review view runs with the caller's rights: A sees her round with the coach's score,
    B sees nothing of hers, a coach sees it, anon may not read the view at all."""

    def visible(who: str) -> list[tuple[Any, ...]]:
        with acting_as(world, who) as conn:
            return conn.execute(
                "select ai_score, human_score, override_by, reviewed "
                "from coaching_round_reviews where learner_id = %s",
                (str(world.ids["learner_a"]),),
            ).fetchall()

    assert visible("student_a") == [(None, 6, "C", True)]
    assert visible("student_b") == []
    assert visible("coach") == visible("admin") == [(None, 6, "C", True)]
    with pytest.raises(errors.InsufficientPrivilege), acting_as(world, "anon") as conn:
        conn.execute("select 1 from coaching_round_reviews")
