"""Coach review in the database (issue #19), on both ends of the transport seam where a person
calls: coaches and admins override a round's score (kept as history, the newest wins, the
aggregates use it), nobody else can; RLS gives a coach every learner's rounds and a student
only their own; every filter narrows the numbers; the seeded history is there for the charts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID, uuid4

import psycopg
import pytest
from psycopg.types.json import Jsonb

from db.errors import NotAllowed, NotFound, ValidationFailed
from db.identity import Identity
from db.models import ReviewFilters
from db.repository import Repository
from db.seed import (
    DEMO_COACH,
    load_review_history,
    plan_review_history,
    seed_demo,
)
from tests.conftest import People
from tests.support.hosted import TransportFactory, superuser_value

DIMS = {
    "communication_coach": ("empathy", "clarity", "de_escalation", "problem_resolution"),
    "scholarship_coach": (
        "deadline_awareness",
        "task_breakdown",
        "follow_through",
        "self_advocacy",
    ),
    "sales_workflow_coach": (
        "process_adherence",
        "customer_understanding",
        "value_articulation",
        "objection_handling",
    ),
}
MAYA = UUID("0d1f5a2e-0000-4000-8000-000000000001")
REVIEW_FUNCTIONS = (
    "review_kpis",
    "review_score_distribution",
    "review_learner_trend",
    "review_dimension_averages",
    "review_response_times",
    "review_rounds",
    "review_filter_options",
    "review_learners",  # the Learners page (migration 20261201001900)
)


@dataclass(frozen=True)
class World:
    """Three sessions in known places: A1 (Ana, communication, 10 days ago: 4, 6, 8), A2
    (Ana, scholarship, 2 days ago: 7 and an unscored round), B1 (Ben, sales, 5 days ago: 5, 9).
    Ana is in Admissions, Ben in Sales East."""

    now: datetime
    learner_a: str
    learner_b: str
    a1: str
    a2: str
    b1: str
    rounds: dict[str, UUID]  # "a1.1" -> round id

    def day(self, days_ago: int) -> datetime:
        """Midnight UTC, `days_ago` days before the app clock's today."""
        today = self.now.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
        return today - timedelta(days=days_ago)


def _learner(db_url: str, who: Identity, team: str) -> str:
    """The person's learner row, named and in a team as the demo seed does it."""
    with psycopg.connect(db_url, autocommit=True) as conn:
        row = conn.execute(
            "update public.learners l set team = %s, name = p.full_name from public.profiles p "
            "where p.id = l.user_id and l.user_id = %s returning l.id::text",
            (team, who.user_id),
        ).fetchone()
    assert row is not None
    return str(row[0])


def _session(
    conn: psycopg.Connection[Any],
    learner_id: str,
    domain_id: str,
    at: datetime,
    rounds: list[tuple[int | None, int | None]],
    ids: dict[str, UUID],
    key: str,
) -> str:
    """Rounds written as seeds and imports write them (the guard trigger still checks each)."""
    session_id = f"{learner_id}:{domain_id}:{uuid4().hex}"
    for number, (score, response_ms) in enumerate(rounds, start=1):
        dims: dict[str, int | None] | None = None
        if score is not None:
            dims = dict.fromkeys(DIMS[domain_id], score)
            if key == "a1" and number == 1:
                dims["de_escalation"] = None  # the judge left it unscored
        row = conn.execute(
            """insert into public.coaching_sessions (learner_id, domain_id, learner_message,
                 coach_response, round_number, session_id, response_time_ms, score, feedback,
                 dimension_scores, created_at)
               values (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s) returning id""",
            (
                learner_id,
                domain_id,
                f"{key} round {number}",
                "Noted.",
                number,
                session_id,
                response_ms,
                score,
                None if score is None else "Fine.",
                None if dims is None else Jsonb(dims),
                at + timedelta(minutes=3 * number),
            ),
        ).fetchone()
        assert row is not None
        ids[f"{key}.{number}"] = row[0]
    return session_id


@pytest.fixture
def world(db_url: str, people: People) -> World:
    now = superuser_value(db_url, "select public.app_now()")
    learner_a = _learner(db_url, people.student_a, "Admissions")
    learner_b = _learner(db_url, people.student_b, "Sales East")
    today = now.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)

    def noon(days_ago: int) -> datetime:
        return today - timedelta(days=days_ago) + timedelta(hours=12)

    ids: dict[str, UUID] = {}
    with psycopg.connect(db_url, autocommit=True) as conn:
        a1 = _session(
            conn,
            learner_a,
            "communication_coach",
            noon(10),
            [(4, 1500), (6, 2500), (8, 9500)],
            ids,
            "a1",
        )
        a2 = _session(
            conn, learner_a, "scholarship_coach", noon(2), [(7, 800), (None, None)], ids, "a2"
        )
        b1 = _session(
            conn, learner_b, "sales_workflow_coach", noon(5), [(5, 3100), (9, 3900)], ids, "b1"
        )
    return World(now, learner_a, learner_b, a1, a2, b1, ids)


def repo(factory: TransportFactory, who: Identity) -> Repository:
    return Repository(factory(who))


# Overrides -----------------------------------------------------------------------------------
def test_coaches_and_admins_override_and_every_override_is_kept(
    transport_factory: TransportFactory, people: People, world: World
) -> None:
    round_id = world.rounds["a1.1"]
    first = repo(transport_factory, people.coach).override_round_score(
        round_id=round_id, score=7, reason="  Named the feeling; the AI missed it.  "
    )
    second = repo(transport_factory, people.admin).override_round_score(
        round_id=round_id, score=9, reason="Second look: a model answer."
    )

    assert (first.score, first.coach_id, first.coach_name) == (
        7,
        people.coach.user_id,
        "Cora Coach",
    )
    assert first.reason == "Named the feeling; the AI missed it."  # trimmed
    assert (second.score, second.coach_name) == (9, "Adam Admin")
    assert second.created_at > first.created_at
    history = repo(transport_factory, people.coach).score_overrides(round_id=round_id)
    assert [(o.score, o.coach_id) for o in history] == [
        (9, people.admin.user_id),
        (7, people.coach.user_id),
    ]

    [row] = [
        r for r in repo(transport_factory, people.coach).review_rounds() if r.round_id == round_id
    ]
    assert (row.ai_score, row.human_score, row.score) == (4, 9, 9)  # the newest wins
    assert (row.override_by, row.override_reason) == ("Adam Admin", "Second look: a model answer.")
    assert row.override_count == 2 and row.override_at == second.created_at
    assert row.reviewed and row.overridden
    review = repo(transport_factory, people.coach).session_review(session_id=world.a1)
    assert review is not None and review.reviewer_name == "Adam Admin"  # the latest action
    ana = repo(transport_factory, people.student_a)  # and Ana reads all of it, for her round
    assert [o.score for o in ana.score_overrides(round_id=round_id)] == [9, 7]
    assert ana.session_review(session_id=world.a1) is not None


def test_two_overrides_in_one_transaction_still_have_an_order(
    db_url: str, people: People, world: World
) -> None:
    """Both read the same app_now(); the later one still comes out on top."""
    round_id = world.rounds["b1.2"]
    with psycopg.connect(db_url, autocommit=True) as conn, conn.transaction():
        conn.execute(
            "select set_config('role', 'authenticated', true), "
            "set_config('request.jwt.claims', %s, true)",
            (f'{{"role": "authenticated", "sub": "{people.coach.user_id}"}}',),
        )
        for score in (3, 6):
            conn.execute(
                "select * from public.override_round_score(%s, %s, 'changed my mind')",
                (round_id, score),
            )
        human = conn.execute(
            "select human_score, override_count from public.coaching_round_reviews "
            "where round_id = %s",
            (round_id,),
        ).fetchone()
    assert human == (6, 2)


def test_a_student_cannot_override_or_mark_reviewed_on_either_end(
    transport_factory: TransportFactory, people: People, world: World, db_url: str
) -> None:
    own_round = world.rounds["a1.1"]
    with pytest.raises(NotAllowed, match=r"^Only coaches and admins can change a score\.$"):
        repo(transport_factory, people.student_a).override_round_score(
            round_id=own_round, score=10, reason="I deserve it."
        )
    with pytest.raises(NotAllowed):
        repo(transport_factory, people.anon).override_round_score(
            round_id=own_round, score=10, reason="I deserve it."
        )
    with pytest.raises(NotAllowed, match="Only coaches and admins can mark a session reviewed"):
        repo(transport_factory, people.student_a).mark_session_reviewed(session_id=world.a1)
    with pytest.raises(NotAllowed):  # the server's key names no person to record as the author
        repo(transport_factory, people.service).override_round_score(
            round_id=own_round, score=10, reason="Service."
        )
    counts = (
        "select (select count(*) from public.coaching_score_overrides)"
        " + (select count(*) from public.coaching_session_reviews)"
    )
    assert superuser_value(db_url, counts) == 0


def test_a_student_cannot_write_the_tables_directly(
    db_url: str, people: People, world: World
) -> None:
    with psycopg.connect(db_url, autocommit=True) as conn, conn.transaction(force_rollback=True):
        conn.execute(
            "select set_config('role', 'authenticated', true), "
            "set_config('request.jwt.claims', %s, true)",
            (f'{{"role": "authenticated", "sub": "{people.student_a.user_id}"}}',),
        )
        with pytest.raises(psycopg.errors.InsufficientPrivilege), conn.transaction():
            conn.execute(
                "insert into public.coaching_score_overrides "
                "(round_id, score, reason, coach_id, coach_name) values (%s, 10, 'mine', %s, 'Me')",
                (world.rounds["a1.1"], people.student_a.user_id),
            )
        with pytest.raises(psycopg.errors.InsufficientPrivilege), conn.transaction():
            conn.execute(
                "insert into public.coaching_session_reviews (session_id, reviewer_name) "
                "values (%s, 'Me')",
                (world.a1,),
            )


@pytest.mark.parametrize(
    ("score", "reason", "sentence"),
    [
        (0, "Too harsh.", r"^The score must be a whole number from 1 to 10\.$"),
        (11, "Too kind.", "whole number from 1 to 10"),
        (None, "No score.", "whole number from 1 to 10"),
        (5, "", r"^Please say why in a short reason \(3 to 500 characters\)\.$"),
        (5, "   ", "short reason"),
        (5, "ok", "short reason"),
        (5, None, "short reason"),
        (5, "x" * 501, "short reason"),
    ],
    ids=["zero", "eleven", "null", "empty", "blank", "two-chars", "null-reason", "too-long"],
)
def test_a_bad_override_is_refused_in_one_sentence(
    transport_factory: TransportFactory,
    people: People,
    world: World,
    db_url: str,
    score: int | None,
    reason: str | None,
    sentence: str,
) -> None:
    with pytest.raises(ValidationFailed, match=sentence):
        transport_factory(people.coach).rpc(
            "override_round_score",
            {"p_round_id": world.rounds["a1.1"], "p_score": score, "p_reason": reason},
        )
    assert superuser_value(db_url, "select count(*) from public.coaching_score_overrides") == 0


def test_overriding_an_unknown_round_says_it_was_not_found(
    transport_factory: TransportFactory, people: People, world: World
) -> None:
    with pytest.raises(NotFound, match=r"^That coaching round was not found\.$"):
        repo(transport_factory, people.coach).override_round_score(
            round_id=uuid4(), score=5, reason="Where is it?"
        )


def test_marking_a_session_reviewed_keeps_the_note_and_shows_its_learner(
    transport_factory: TransportFactory, people: People, world: World
) -> None:
    coach = repo(transport_factory, people.coach)
    first = coach.mark_session_reviewed(session_id=world.b1, note="  Solid close.  ")
    again = coach.mark_session_reviewed(session_id=world.b1)  # no new note: the old one stays

    assert (first.reviewer_name, first.note, first.reviewed_by) == (
        "Cora Coach",
        "Solid close.",
        people.coach.user_id,
    )
    assert again.note == "Solid close."
    reviewed = {r.round_id: r.reviewed for r in coach.review_rounds()}
    assert reviewed[world.rounds["b1.1"]] and reviewed[world.rounds["b1.2"]]
    assert not reviewed[world.rounds["a1.1"]]
    # Ben reads his session's review; Ana does not
    ben_sees = repo(transport_factory, people.student_b).session_review(session_id=world.b1)
    assert ben_sees is not None and ben_sees.note == "Solid close."
    assert repo(transport_factory, people.student_a).session_review(session_id=world.b1) is None

    with pytest.raises(
        ValidationFailed, match=r"^A review note must be at most 1000 characters\.$"
    ):
        coach.mark_session_reviewed(session_id=world.b1, note="x" * 1001)
    with pytest.raises(NotFound, match=r"^That session was not found\.$"):
        coach.mark_session_reviewed(session_id="no-such-session")
    with pytest.raises(ValidationFailed, match=r"^Please choose a session\.$"):
        coach.mark_session_reviewed(session_id="")


# The human score wins in every aggregate -----------------------------------------------------
def test_the_aggregates_use_the_human_score_where_there_is_one(
    transport_factory: TransportFactory, people: People, world: World
) -> None:
    coach = repo(transport_factory, people.coach)
    before = coach.review_kpis()
    assert (before.sessions, before.rounds) == (3, 7)
    assert before.average_score == Decimal("6.5")  # (4 + 6 + 8 + 7 + 5 + 9) / 6
    assert before.average_response_ms == 3550
    assert before.reviewed_share == Decimal("0")
    assert not before.has_previous
    distribution = [(b.score, b.rounds) for b in coach.review_score_distribution()]
    assert distribution == list(zip(range(1, 11), [0, 0, 0, 1, 1, 1, 1, 1, 1, 0], strict=True))

    coach.override_round_score(round_id=world.rounds["a1.1"], score=9, reason="Model answer.")

    after = coach.review_kpis()
    assert after.average_score == Decimal("7.3")  # (9 + 6 + 8 + 7 + 5 + 9) / 6
    assert after.reviewed_share == Decimal("0.333")  # one session of three
    distribution = {b.score: b.rounds for b in coach.review_score_distribution()}
    assert (distribution[4], distribution[9]) == (0, 2)
    trend = {
        (p.learner_name, p.day): (p.average_score, p.rounds) for p in coach.review_learner_trend()
    }
    assert trend == {
        ("Ana Student", world.day(10).date()): (Decimal("7.7"), 3),  # (9 + 6 + 8) / 3
        ("Ana Student", world.day(2).date()): (Decimal("7.0"), 1),  # the unscored round is out
        ("Ben Student", world.day(5).date()): (Decimal("7.0"), 2),
    }
    [row] = [r for r in coach.review_rounds() if r.round_id == world.rounds["a1.1"]]
    assert (row.ai_score, row.human_score, row.score) == (4, 9, 9)  # both, for the CSV


def test_dimension_averages_and_response_times(
    transport_factory: TransportFactory, people: People, world: World
) -> None:
    coach = repo(transport_factory, people.coach)
    dims = {
        (d.domain_id, d.dimension): (d.average_score, d.rounds)
        for d in coach.review_dimension_averages()
    }
    assert dims[("communication_coach", "empathy")] == (Decimal("6.0"), 3)
    assert dims[("communication_coach", "de_escalation")] == (Decimal("7.0"), 2)  # null skipped
    assert dims[("sales_workflow_coach", "objection_handling")] == (Decimal("7.0"), 2)
    assert dims[("scholarship_coach", "self_advocacy")] == (Decimal("7.0"), 1)
    assert len(dims) == 12
    names = {d.domain_name for d in coach.review_dimension_averages()}
    assert "Communication Skills Coach" in names

    buckets = {b.bucket_ms: b.rounds for b in coach.review_response_times()}
    assert buckets == {0: 1, 1000: 1, 2000: 1, 3000: 2, 9000: 1}  # the unscored round: none


# RLS: a coach reads everyone, a student themselves ---------------------------------------------
def test_a_coach_reads_every_learner_and_a_student_only_themselves(
    transport_factory: TransportFactory, people: People, world: World
) -> None:
    repo(transport_factory, people.coach).override_round_score(
        round_id=world.rounds["a1.2"], score=3, reason="Too generous."
    )
    for who in (people.coach, people.admin):
        rows = repo(transport_factory, who).review_rounds()
        assert {r.learner_id for r in rows} == {world.learner_a, world.learner_b}
        assert len(rows) == 7

    ana = repo(transport_factory, people.student_a)
    own = ana.review_rounds()
    assert len(own) == 5 and {r.learner_id for r in own} == {world.learner_a}
    assert [r.created_at for r in own] == sorted((r.created_at for r in own), reverse=True)
    kpis = ana.review_kpis()
    assert (kpis.sessions, kpis.rounds) == (2, 5)
    assert kpis.average_score == Decimal("5.5")  # (4 + 3 + 8 + 7) / 4: the override counts
    [overridden] = [r for r in own if r.round_id == world.rounds["a1.2"]]
    assert (overridden.human_score, overridden.override_by) == (3, "Cora Coach")
    assert overridden.override_reason == "Too generous."  # she sees why, and who
    assert [o.score for o in ana.score_overrides(round_id=world.rounds["a1.2"])] == [3]
    assert {p.learner_name for p in ana.review_learner_trend()} == {"Ana Student"}
    assert sum(b.rounds for b in ana.review_score_distribution()) == 4
    assert sum(b.rounds for b in ana.review_response_times()) == 4
    options = {(o.kind, o.label) for o in ana.review_filter_options()}
    assert ("learner", "Ana Student") in options and ("team", "Admissions") in options
    assert ("learner", "Ben Student") not in options and ("team", "Sales East") not in options

    ben = repo(transport_factory, people.student_b)
    assert {r.learner_id for r in ben.review_rounds()} == {world.learner_b}
    assert ben.score_overrides(round_id=world.rounds["a1.2"]) == []
    assert ben.review_kpis().rounds == 2
    assert (
        transport_factory(people.student_b).select(
            "coaching_round_reviews", eq={"learner_id": world.learner_a}
        )
        == []
    )


@pytest.mark.parametrize("function", REVIEW_FUNCTIONS)
def test_anon_gets_nothing(
    transport_factory: TransportFactory, people: People, world: World, function: str
) -> None:
    with pytest.raises(NotAllowed):
        transport_factory(people.anon).rpc(function)


def test_anon_cannot_read_the_view_or_the_tables(
    transport_factory: TransportFactory, people: People, world: World
) -> None:
    for table in ("coaching_round_reviews", "coaching_score_overrides", "coaching_session_reviews"):
        with pytest.raises(NotAllowed):
            transport_factory(people.anon).select(table)


# Filters -------------------------------------------------------------------------------------
def test_each_filter_narrows_the_numbers(
    transport_factory: TransportFactory, people: People, world: World
) -> None:
    coach = repo(transport_factory, people.coach)
    coach.mark_session_reviewed(session_id=world.b1)

    def counts(**filters: Any) -> tuple[int, int]:
        kpis = coach.review_kpis(ReviewFilters(**filters))
        rows = coach.review_rounds(ReviewFilters(**filters))
        assert len(rows) == kpis.rounds  # the table and the KPIs agree
        return kpis.sessions, kpis.rounds

    assert counts() == (3, 7)
    assert counts(domain_id="communication_coach") == (1, 3)
    assert counts(learner_id=world.learner_a) == (2, 5)
    assert counts(team="Sales East") == (1, 2)
    assert counts(since=world.day(6), until=world.day(1)) == (2, 4)  # A2 and B1
    assert counts(since=world.day(6)) == (2, 4)
    assert counts(until=world.day(6)) == (1, 3)  # A1
    assert counts(min_score=7) == (3, 3)  # 8, 7 and 9
    assert counts(max_score=5) == (2, 2)  # 4 and 5
    assert counts(min_score=5, max_score=6) == (2, 2)
    assert counts(reviewed=True) == (1, 2)
    assert counts(reviewed=False) == (2, 5)
    assert counts(team="Admissions", domain_id="scholarship_coach") == (1, 2)
    assert counts(domain_id="onboarding_mentor") == (0, 0)

    # every chart follows the same filters
    only_ben = ReviewFilters(team="Sales East")
    assert sum(b.rounds for b in coach.review_score_distribution(only_ben)) == 2
    assert {p.learner_id for p in coach.review_learner_trend(only_ben)} == {world.learner_b}
    assert {d.domain_id for d in coach.review_dimension_averages(only_ben)} == {
        "sales_workflow_coach"
    }
    assert sum(b.rounds for b in coach.review_response_times(only_ben)) == 2
    assert len(coach.review_rounds(limit=2)) == 2


def test_kpis_compare_with_the_previous_period_of_equal_length(
    transport_factory: TransportFactory, people: People, world: World
) -> None:
    coach = repo(transport_factory, people.coach)
    kpis = coach.review_kpis(ReviewFilters(since=world.day(6), until=world.day(1)))
    # this period: A2 (7, unscored) and B1 (5, 9); the five days before: A1 (4, 6, 8)
    assert (kpis.sessions, kpis.rounds, kpis.average_score) == (2, 4, Decimal("7.0"))
    assert kpis.average_response_ms == round((800 + 3100 + 3900) / 3)
    assert kpis.has_previous
    assert (kpis.prev_sessions, kpis.prev_rounds, kpis.prev_average_score) == (1, 3, Decimal("6.0"))
    assert kpis.prev_average_response_ms == round((1500 + 2500 + 9500) / 3)
    assert kpis.prev_reviewed_share == Decimal("0")

    empty_before = coach.review_kpis(ReviewFilters(since=world.day(2), until=world.day(1)))
    assert (empty_before.prev_sessions, empty_before.prev_rounds) == (0, 0)
    assert empty_before.prev_average_score is None
    assert not coach.review_kpis(ReviewFilters(since=world.day(6))).has_previous


def test_review_filters_check_themselves() -> None:
    filters = ReviewFilters(since=date(2026, 11, 1), until=datetime(2026, 11, 8))
    assert filters.as_params()["p_from"] == datetime(2026, 11, 1, tzinfo=UTC)
    assert filters.as_params()["p_to"] == datetime(2026, 11, 8, tzinfo=UTC)
    assert set(ReviewFilters().as_params().values()) == {None}
    with pytest.raises(ValueError, match="lowest score"):
        ReviewFilters(min_score=8, max_score=3)
    with pytest.raises(ValueError, match="start must be before the end"):
        ReviewFilters(since=date(2026, 11, 8), until=date(2026, 11, 1))
    with pytest.raises(ValueError):
        ReviewFilters(min_score=0)


def test_review_functions_are_planned_per_call_and_kept_from_anon(db_url: str) -> None:
    """Each filter value is planned for (a generic plan over 100k rounds took seconds);
    nothing reads the clock or the search path behind app_now(); anon executes none."""
    with psycopg.connect(db_url) as conn:
        rows = conn.execute(
            """select p.proname, coalesce(p.proconfig, '{}'),
                      has_function_privilege('anon', p.oid, 'execute'),
                      has_function_privilege('authenticated', p.oid, 'execute'),
                      p.prosecdef
                 from pg_proc p
                where p.pronamespace = 'public'::regnamespace
                  and (p.proname like 'review\\_%%' or p.proname in
                       ('override_round_score', 'mark_session_reviewed'))"""
        ).fetchall()
    found = {
        name: (config, anon, signed_in, definer) for name, config, anon, signed_in, definer in rows
    }
    assert set(found) == {*REVIEW_FUNCTIONS, "override_round_score", "mark_session_reviewed"}
    for name, (config, anon, signed_in, definer) in found.items():
        assert 'search_path=""' in config, name
        assert not anon and signed_in, name
        if name.startswith("review_") and name != "review_filter_options":
            assert "plan_cache_mode=force_custom_plan" in config, name
            assert not definer, name  # security invoker: RLS decides
        if not name.startswith("review_"):
            assert definer, name


# Seeded history ------------------------------------------------------------------------------
def test_the_seeded_history_gives_every_chart_something_to_say(
    transport_factory: TransportFactory, db_url: str
) -> None:
    seed_demo(db_url)
    history = load_review_history()
    rivera = repo(transport_factory, Identity.user(DEMO_COACH))

    kpis = rivera.review_kpis()
    assert kpis.sessions >= 50 and kpis.rounds >= 250
    assert kpis.reviewed_share is not None and Decimal("0") < kpis.reviewed_share < Decimal("1")
    assert len([b for b in rivera.review_score_distribution() if b.rounds]) >= 5
    trend = rivera.review_learner_trend()
    assert {p.learner_name for p in trend} >= {learner.name for learner in history.learners}
    dims = rivera.review_dimension_averages()
    assert {d.domain_id for d in dims} == {
        "sales_workflow_coach",
        "architecture_advisor",
        "communication_coach",
        "onboarding_mentor",
        "scholarship_coach",
    }
    assert len(rivera.review_response_times()) >= 5
    rounds = rivera.review_rounds()
    assert all(800 <= r.response_time_ms <= 9000 for r in rounds if r.response_time_ms)
    overridden = [r for r in rounds if r.overridden]
    assert len(overridden) >= 3 and {r.override_by for r in overridden} == {"Dr. Sam Rivera"}
    assert any(r.override_count == 2 for r in overridden)  # one round was looked at twice
    options = rivera.review_filter_options()
    assert {o.label for o in options if o.kind == "team"} >= {
        "Admissions",
        "Sales East",
        "Platform",
    }
    assert len([o for o in options if o.kind == "learner"]) >= 10  # the eight and the students

    # the scores climb over the weeks: each learner's last week beats their first
    for learner in history.learners:
        points = sorted((p.day, p.average_score) for p in trend if p.learner_name == learner.name)
        assert points[-1][1] > points[0][1] or points[-2][1] > points[1][1], learner.name

    # the demo student sees only herself: more rounds than the demo began with, her
    # coach's override with the reason
    maya = repo(transport_factory, Identity.user(MAYA))
    own = maya.review_rounds()
    assert len(own) >= 6 and {r.learner_name for r in own} == {"Maya Torres"}
    assert len({p.day for p in maya.review_learner_trend()}) >= 3
    [changed] = [r for r in own if r.overridden]
    assert changed.override_by == "Dr. Sam Rivera" and changed.override_reason


def test_seeding_again_adds_nothing_and_the_plan_is_deterministic(db_url: str) -> None:
    def snapshot() -> list[tuple[Any, ...]]:
        with psycopg.connect(db_url) as conn:
            return conn.execute(
                """select 'round', session_id, round_number::text, score::text, created_at::text
                     from public.coaching_sessions
                   union all
                   select 'override', round_id::text, score::text, reason, created_at::text
                     from public.coaching_score_overrides
                   union all
                   select 'review', session_id, reviewer_name, coalesce(note, ''),
                          reviewed_at::text from public.coaching_session_reviews
                   union all
                   select 'learner', id::text, name, coalesce(team, ''), '' from public.learners
                   order by 1, 2, 3"""
            ).fetchall()

    seed_demo(db_url)
    first = snapshot()
    seed_demo(db_url)
    assert snapshot() == first

    history = load_review_history()
    dimensions = {domain: list(names) for domain, names in DIMS.items()} | {
        "architecture_advisor": ["a", "b", "c", "d"],
        "onboarding_mentor": ["e", "f", "g", "h"],
    }
    at = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
    plan = plan_review_history(history, dimensions, at)
    assert plan == plan_review_history(history, dimensions, at)
    assert all(r.created_at < at for s in plan for r in s.rounds)
    assert all(3 <= len(s.rounds) <= 8 for s in plan)
    assert len(plan) >= 7 * len(history.learners)
    for session in plan:  # every learner sees all five coaches
        assert {s.domain_id for s in plan if s.learner_id == session.learner_id} == set(dimensions)


def test_deleting_a_session_takes_its_overrides_and_review_with_it(
    transport_factory: TransportFactory, people: People, world: World, db_url: str
) -> None:
    repo(transport_factory, people.coach).override_round_score(
        round_id=world.rounds["a1.3"], score=5, reason="Less than it looked."
    )
    transport_factory(people.student_a).rpc("delete_coaching_session", {"p_session_id": world.a1})
    left = (
        "select (select count(*) from public.coaching_score_overrides)"
        " + (select count(*) from public.coaching_session_reviews)"
    )
    assert superuser_value(db_url, left) == 0
