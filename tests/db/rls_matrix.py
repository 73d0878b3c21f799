"""The RLS matrix's data: for every public table, the statement each operation runs against
student A's rows and the operations each identity is allowed, and `attempt`, which runs
one cell. It is kept apart from tests/db/test_rls_matrix.py because the table is long and
is read (and extended with every new table) on its own."""

from __future__ import annotations

import pytest
from psycopg import errors

from tests.db.rls_world import World, acting_as

IDENTITIES = ("anon", "student_a", "student_b", "coach", "admin", "service")
OPS = ("select", "insert", "update", "delete")


# table -> op -> (setup SQL run as superuser first or None, the statement under test)
STATEMENTS: dict[str, dict[str, tuple[str | None, str]]] = {
    "profiles": {
        "select": (None, "select 1 from profiles where id = %(student_a)s"),
        "insert": (
            "delete from profiles where id = %(student_a)s",
            "insert into profiles (id, full_name) values (%(student_a)s, 'New')",
        ),
        "update": (None, "update profiles set full_name = 'Z' where id = %(student_a)s"),
        "delete": (None, "delete from profiles where id = %(student_a)s"),
    },
    "scholarships": {
        "select": (None, "select 1 from scholarships where id = %(s1)s"),
        "insert": (None, "insert into scholarships (title, url) values ('N', 'https://n.test')"),
        "update": (None, "update scholarships set title = 'Z' where id = %(s1)s"),
        "delete": (None, "delete from scholarships where id = %(s1)s"),
    },
    "applications": {
        "select": (None, "select 1 from applications where id = %(app_a)s"),
        "insert": (
            None,
            "insert into applications (user_id, scholarship_id) values (%(student_a)s, %(s2)s)",
        ),
        "update": (None, """update applications set metadata = '{"x": 1}' where id = %(app_a)s"""),
        "delete": (None, "delete from applications where id = %(app_a)s"),
    },
    "notification_log": {
        "select": (None, "select 1 from notification_log where id = %(notif_a)s"),
        "insert": (
            None,
            "insert into notification_log (user_id, channel) values (%(student_a)s, 'email')",
        ),
        "update": (None, "update notification_log set subject = 'Z' where id = %(notif_a)s"),
        "delete": (None, "delete from notification_log where id = %(notif_a)s"),
    },
    "check_in_tasks": {
        "select": (None, "select 1 from check_in_tasks where id = %(checkin_a)s"),
        "insert": (
            "delete from check_in_tasks where id = %(checkin_a)s",
            "insert into check_in_tasks (user_id, application_id, due_at) "
            "values (%(student_a)s, %(app_a)s, app_now())",
        ),
        "update": (None, "update check_in_tasks set status = 'dismissed' where id = %(checkin_a)s"),
        "delete": (None, "delete from check_in_tasks where id = %(checkin_a)s"),
    },
    "discovery_completions": {
        "select": (None, "select 1 from discovery_completions where discovery_run_id = %(run_a)s"),
        "insert": (
            None,
            "insert into discovery_completions (discovery_run_id, user_id, thread_id, status) "
            "values (gen_random_uuid(), %(student_a)s, 't', 'failed')",
        ),
        "update": (
            None,
            "update discovery_completions set status = 'failed' where discovery_run_id = %(run_a)s",
        ),
        "delete": (None, "delete from discovery_completions where discovery_run_id = %(run_a)s"),
    },
    "discovery_results": {
        "select": (None, "select 1 from discovery_results where discovery_run_id = %(run_a)s"),
        "insert": (
            None,
            "insert into discovery_results (discovery_run_id, result_id, user_id, kept, "
            "position, title, url, trust_score) values (%(run_a)s, 'r2', %(student_a)s, true, "
            "1, 'R2', 'https://r2.test', 90)",
        ),
        "update": (
            None,
            "update discovery_results set trust_score = 100 where discovery_run_id = %(run_a)s",
        ),
        "delete": (None, "delete from discovery_results where discovery_run_id = %(run_a)s"),
    },
    "discovery_dismissals": {
        "select": (None, "select 1 from discovery_dismissals where id = %(dismissal_a)s"),
        "insert": (
            None,
            "insert into discovery_dismissals (user_id, discovery_run_id, result_id) "
            "values (%(student_a)s, %(run_a)s, 'r2')",
        ),
        "update": (
            None,
            "update discovery_dismissals set result_id = 'r9' where id = %(dismissal_a)s",
        ),
        "delete": (None, "delete from discovery_dismissals where id = %(dismissal_a)s"),
    },
    "coaching_domains": {
        "select": (None, "select 1 from coaching_domains where id = 'rls_domain'"),
        "insert": (
            None,
            "insert into coaching_domains (id, name, category) values ('n', 'N', 'onboarding')",
        ),
        "update": (None, "update coaching_domains set name = 'Z' where id = 'rls_domain2'"),
        "delete": (None, "delete from coaching_domains where id = 'rls_domain2'"),
    },
    "coaching_personas": {
        "select": (None, "select 1 from coaching_personas where domain_id = 'rls_domain'"),
        "insert": (
            None,
            "insert into coaching_personas (domain_id, system_prompt) values ('rls_domain2', 'p')",
        ),
        "update": (
            None,
            "update coaching_personas set coaching_style = 'Z' where domain_id = 'rls_domain'",
        ),
        "delete": (None, "delete from coaching_personas where domain_id = 'rls_domain'"),
    },
    "learners": {
        "select": (None, "select 1 from learners where id = %(learner_a)s"),
        "insert": (
            "delete from learners where id = %(learner_a)s",
            "insert into learners (name, user_id) values ('A again', %(student_a)s)",
        ),
        "update": (None, "update learners set team = 'Z' where id = %(learner_a)s"),
        "delete": (None, "delete from learners where id = %(learner_a)s"),
    },
    "coaching_sessions": {
        "select": (None, "select 1 from coaching_sessions where id = %(round_a)s"),
        "insert": (
            None,
            "insert into coaching_sessions (learner_id, domain_id, learner_message, "
            "coach_response, session_id, round_number) "
            "values (%(learner_a)s::text, 'rls_domain', 'q', 'a', 'sess-a', 2)",
        ),
        "update": (
            None,
            "update coaching_sessions set score = 7, feedback = 'ok' where id = %(round_a)s",
        ),
        "delete": (None, "delete from coaching_sessions where id = %(round_a)s"),
    },
    "coaching_pending_messages": {
        "select": (None, "select 1 from coaching_pending_messages where session_id = 'sess-a'"),
        "insert": (
            "delete from coaching_pending_messages where session_id = 'sess-a'",
            "insert into coaching_pending_messages (session_id, learner_id, domain_id, "
            "learner_message) values ('sess-a', %(learner_a)s::text, 'rls_domain', 'q')",
        ),
        "update": (
            None,
            "update coaching_pending_messages set learner_message = 'z' "
            "where session_id = 'sess-a'",
        ),
        "delete": (None, "delete from coaching_pending_messages where session_id = 'sess-a'"),
    },
    "coaching_threads": {
        "select": (None, "select 1 from coaching_threads where session_id = 'sess-a'"),
        "insert": (
            None,
            "insert into coaching_threads (session_id, learner_id, domain_id) "
            "values ('sess-a3', %(learner_a)s::text, 'rls_domain')",
        ),
        "update": (
            None,
            "update coaching_threads set domain_id = 'rls_domain2' where session_id = 'sess-a'",
        ),
        "delete": (None, "delete from coaching_threads where session_id = 'sess-a'"),
    },
    "coaching_session_reports": {
        "select": (None, "select 1 from coaching_session_reports where session_id = 'sess-a'"),
        "insert": (
            "delete from coaching_session_reports where session_id = 'sess-a'",
            "insert into coaching_session_reports (session_id, user_id, domain_id, "
            "rounds_scored, overall_average, strengths, next_steps, summary, written_by) "
            "values ('sess-a', %(student_a)s, 'rls_domain', 1, 10, '{Top}', '{None}', 'x', 'me')",
        ),
        "update": (
            None,
            "update coaching_session_reports set overall_average = 10 where session_id = 'sess-a'",
        ),
        "delete": (None, "delete from coaching_session_reports where session_id = 'sess-a'"),
    },
    "coaching_score_overrides": {
        "select": (None, "select 1 from coaching_score_overrides where id = %(override_a)s"),
        "insert": (
            None,
            "insert into coaching_score_overrides (round_id, score, reason, coach_id, "
            "coach_name) values (%(round_a)s, 10, 'Mine.', %(student_a)s, 'A')",
        ),
        "update": (
            None,
            "update coaching_score_overrides set score = 10 where id = %(override_a)s",
        ),
        "delete": (None, "delete from coaching_score_overrides where id = %(override_a)s"),
    },
    "coaching_session_reviews": {
        "select": (None, "select 1 from coaching_session_reviews where session_id = 'sess-a'"),
        "insert": (
            "delete from coaching_session_reviews where session_id = 'sess-a'",
            "insert into coaching_session_reviews (session_id, reviewer_name) "
            "values ('sess-a', 'A')",
        ),
        "update": (
            None,
            "update coaching_session_reviews set note = 'Z' where session_id = 'sess-a'",
        ),
        "delete": (None, "delete from coaching_session_reviews where session_id = 'sess-a'"),
    },
    "coaching_session_reviewed": {
        "select": (None, "select 1 from coaching_session_reviewed where session_id = 'sess-a'"),
        "insert": (
            "delete from coaching_session_reviewed where session_id = 'sess-a'",
            "insert into coaching_session_reviewed (session_id, covers_through) "
            "values ('sess-a', now())",
        ),
        "update": (
            None,
            "update coaching_session_reviewed set covers_through = now() "
            "where session_id = 'sess-a'",
        ),
        "delete": (None, "delete from coaching_session_reviewed where session_id = 'sess-a'"),
    },
}

ALL = set(OPS)
NONE: set[str] = set()
READ = {"select"}
OWN_NO_DELETE = {"select", "insert", "update"}

# table -> identity -> the operations allowed on student A's data
EXPECTED: dict[str, dict[str, set[str]]] = {
    # raw SAI is the student's alone: admins read no one else's profile
    "profiles": dict(
        anon=NONE, student_a=OWN_NO_DELETE, student_b=NONE, coach=NONE, admin=NONE, service=ALL
    ),
    "scholarships": dict(
        anon=NONE, student_a=READ, student_b=READ, coach=READ, admin=ALL, service=ALL
    ),
    # a student tracks and stops tracking; status, confirmations and progress are written
    # only through the functions
    "applications": dict(
        anon=NONE,
        student_a={"select", "insert", "delete"},
        student_b=NONE,
        coach=NONE,
        admin=NONE,
        service=ALL,
    ),
    # the outbox: admins read it (the Outbox page); only the sidecar writes it
    "notification_log": dict(
        anon=NONE, student_a=NONE, student_b=NONE, coach=NONE, admin=READ, service=ALL
    ),
    # answered only through answer_check_in
    "check_in_tasks": dict(
        anon=NONE, student_a=READ, student_b=NONE, coach=NONE, admin=NONE, service=ALL
    ),
    # a run's status, progress and announcement are written only through the functions
    "discovery_completions": dict(
        anon=NONE, student_a=READ, student_b=NONE, coach=NONE, admin=NONE, service=ALL
    ),
    # a run's results are written only by the server (record_discovery_results)
    "discovery_results": dict(
        anon=NONE, student_a=READ, student_b=NONE, coach=NONE, admin=NONE, service=ALL
    ),
    "discovery_dismissals": dict(
        anon=NONE,
        student_a={"select", "insert", "delete"},
        student_b=NONE,
        coach=NONE,
        admin=NONE,
        service=ALL,
    ),
    "coaching_domains": dict(
        anon=NONE, student_a=READ, student_b=READ, coach=READ, admin=ALL, service=ALL
    ),
    "coaching_personas": dict(
        anon=NONE, student_a=READ, student_b=READ, coach=READ, admin=ALL, service=ALL
    ),
    # the name follows the profile (a trigger): a student renamed theirs "Jordan Lee"
    "learners": dict(
        anon=NONE,
        student_a=READ,
        student_b=NONE,
        coach=READ,
        admin=READ,
        service=ALL,
    ),
    # rounds, scores, pending messages and threads are written only through the functions
    "coaching_sessions": dict(
        anon=NONE, student_a=READ, student_b=NONE, coach=READ, admin=READ, service=ALL
    ),
    "coaching_pending_messages": dict(
        anon=NONE, student_a=READ, student_b=NONE, coach=NONE, admin=NONE, service=ALL
    ),
    "coaching_threads": dict(
        anon=NONE, student_a=READ, student_b=NONE, coach=READ, admin=READ, service=ALL
    ),
    # a report card is written only by the server (record_session_report)
    "coaching_session_reports": dict(
        anon=NONE, student_a=READ, student_b=NONE, coach=READ, admin=READ, service=ALL
    ),
    # overrides and reviews are written only through override_round_score and
    # mark_session_reviewed (staff); the round's learner reads the overrides, and of a review
    # only how far it covers (its names and note are for coaches)
    "coaching_score_overrides": dict(
        anon=NONE, student_a=READ, student_b=NONE, coach=READ, admin=READ, service=ALL
    ),
    "coaching_session_reviews": dict(
        anon=NONE, student_a=NONE, student_b=NONE, coach=READ, admin=READ, service=ALL
    ),
    "coaching_session_reviewed": dict(
        anon=NONE, student_a=READ, student_b=NONE, coach=READ, admin=READ, service=ALL
    ),
}

CASES = [
    pytest.param(table, who, op, op in EXPECTED[table][who], id=f"{table}-{who}-{op}")
    for table in STATEMENTS
    for who in IDENTITIES
    for op in OPS
]


def attempt(world: World, table: str, who: str, op: str) -> bool:
    setup, statement = STATEMENTS[table][op]
    with acting_as(world, who, setup) as conn:
        try:
            with conn.transaction():
                cur = conn.execute(statement, world.ids)
        except (errors.InsufficientPrivilege, errors.CheckViolation) as exc:
            if isinstance(exc, errors.CheckViolation) and "row-level" not in str(exc):
                raise
            return False
        return cur.rowcount > 0
