"""Demo mode in the database (migration 20261201002000), on both ends of the transport seam:
an admin moves the one clock and resets the demo; a reset puts back exactly the rows the
seed wrote, dated from now, deletes the demo chats' memory and leaves every other person's
rows alone; students, coaches and anon are refused, and so is everyone where demo mode is
off. The same controls through coach/demo.py refuse before SQL when the settings say off."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from uuid import UUID

import psycopg
import pytest

from coach.demo import DEMO_OFF, TABLE_WORDS, DemoControls
from db.errors import NotAllowed, ValidationFailed
from db.identity import Identity
from db.repository import Repository
from db.runtime import Database
from db.seed import seed_demo
from db.settings import Settings
from tests.conftest import People
from tests.support.hosted import TransportFactory

MAYA = UUID("0d1f5a2e-0000-4000-8000-000000000001")
JORDAN = UUID("0d1f5a2e-0000-4000-8000-000000000002")
ALEX = Identity.user(UUID("0d1f5a2e-0000-4000-8000-000000000004"), "alex@demo.tuitionlift.local")


def query(url: str, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    with psycopg.connect(url, autocommit=True) as conn:
        cur = conn.execute(sql, params)
        return cur.fetchall() if cur.description else []


def shift(url: str) -> timedelta:
    return query(url, "select shift from private.app_clock")[0][0]


def applications(url: str, user: UUID) -> list[tuple[Any, ...]]:
    """What a person's applications say, with each time as its distance from the clock's now."""
    return query(
        url,
        """select s.title, a.status, a.metadata ->> 'coach_state',
                  date_trunc('minute', public.app_now() - a.submitted_at)
             from public.applications a join public.scholarships s on s.id = a.scholarship_id
            where a.user_id = %s order by s.title""",
        (user,),
    )


def make_a_mess(url: str, people: People) -> None:
    """What a rehearsal leaves behind: a tracked scholarship, a status changed, a chat round,
    an override, a reminder, a discovery run; and a real student's rows beside them."""
    query(
        url,
        """insert into public.applications (user_id, scholarship_id)
           select %s, s.id from public.scholarships s
            where not exists (select 1 from public.applications a
                               where a.user_id = %s and a.scholarship_id = s.id)
            order by s.title limit 1""",
        (MAYA, MAYA),
    )
    query(
        url,
        "update public.applications set status = 'rejected', "
        'metadata = metadata || \'{"coach_state": "lost"}\' where user_id = %s',
        (JORDAN,),
    )
    query(
        url,
        """insert into public.coaching_sessions (learner_id, domain_id, learner_message,
             coach_response, round_number, session_id, score, feedback)
           select l.id::text, 'sales_workflow_coach', 'hello', 'hi', 1,
                  l.id::text || ':sales_workflow_coach:rehearsal', null, null
             from public.learners l where l.user_id = %s""",
        (MAYA,),
    )
    query(
        url,
        """insert into public.coaching_score_overrides (round_id, score, reason, coach_id,
             coach_name)
           select s.id, 3, 'Rehearsal override', %s, 'Adam Admin'
             from public.coaching_sessions s
             join public.learners l on l.id::text = s.learner_id
            where l.user_id = %s limit 1""",
        (people.admin.user_id, MAYA),
    )
    query(
        url,
        "insert into public.notification_log (user_id, channel, notification_type, state, "
        "sent_at) values (%s, 'email', 'deadline_72h', 'sent', public.app_now())",
        (MAYA,),
    )
    query(
        url,
        "insert into public.discovery_completions (discovery_run_id, user_id, thread_id, "
        "status) values (gen_random_uuid(), %s, %s, 'running')",
        (JORDAN, f"user_{JORDAN}"),
    )
    query(url, "update public.profiles set full_name = 'Maya Renamed' where id = %s", (MAYA,))
    for student in (people.student_a,):
        query(
            url,
            """insert into public.applications (user_id, scholarship_id)
               select %s, s.id from public.scholarships s order by s.title limit 1""",
            (student.user_id,),
        )
        query(
            url,
            "insert into public.notification_log (user_id, channel, notification_type, state, "
            "sent_at) values (%s, 'email', 'deadline_72h', 'sent', public.app_now())",
            (student.user_id,),
        )


def others(url: str, people: People) -> list[tuple[Any, ...]]:
    return query(
        url,
        """select 'application', a.id::text from public.applications a where a.user_id = %s
           union all
           select 'notification', n.id::text from public.notification_log n
            where n.user_id = %s
           order by 1, 2""",
        (people.student_a.user_id, people.student_a.user_id),
    )


def test_a_reset_puts_back_exactly_what_the_seed_wrote(
    db_url: str, people: People, transport_factory: TransportFactory
) -> None:
    seed_demo(db_url)
    admin = Repository(transport_factory(people.admin))
    seeded = {c.table_name: c.rows for c in admin.demo_row_counts()}
    assert set(seeded) == set(TABLE_WORDS)  # the Demo page names each in words
    assert seeded["public.applications"] == 10 and seeded["public.coaching_sessions"] > 300
    maya, jordan = applications(db_url, MAYA), applications(db_url, JORDAN)

    make_a_mess(db_url, people)
    admin.move_demo_clock(seconds=int(timedelta(weeks=3).total_seconds()))
    kept = others(db_url, people)
    assert {c.table_name: c.rows for c in admin.demo_row_counts()} != seeded

    restored = {c.table_name: c.rows for c in admin.reset_demo_data()}
    assert restored == seeded
    assert {c.table_name: c.rows for c in admin.demo_row_counts()} == seeded
    assert shift(db_url) == timedelta(0)  # the clock is back to now
    # the same applications, in the same states, as long ago as when seeded
    assert applications(db_url, MAYA) == maya
    assert applications(db_url, JORDAN) == jordan
    assert query(db_url, "select full_name from public.profiles where id = %s", (MAYA,)) == [
        ("Maya Torres",)
    ]
    assert others(db_url, people) == kept  # nobody else's rows were touched
    # the demo's own deadlines are as many days ahead as when seeded
    assert query(
        db_url,
        """select s.title, (s.deadline at time zone 'UTC')::date
                           - (public.app_now() at time zone 'UTC')::date
             from public.scholarships s where s.metadata ->> 'source' = 'demo' order by 1""",
    ) == [("Hometown Community Foundation Scholarship", 4), ("Lone Star STEM Futures Award", 5)]

    again = {c.table_name: c.rows for c in admin.reset_demo_data()}  # twice is the same
    assert again == seeded


def test_a_reset_forgets_the_demo_chats_memory(
    db_url: str, database: Database, people: People
) -> None:
    seed_demo(db_url)
    database.checkpointer  # noqa: B018  (creates the checkpoint tables)
    thread = query(
        db_url,
        """select t.session_id from public.coaching_threads t
             join public.learners l on l.id::text = t.learner_id
            where l.user_id = %s limit 1""",
        (MAYA,),
    )[0][0]
    for thread_id in (thread, f"user_{JORDAN}", "someone-elses-thread"):
        query(
            db_url,
            "insert into langgraph.checkpoints (thread_id, checkpoint_ns, checkpoint_id, "
            "checkpoint, metadata) values (%s, '', '1', '{}', '{}')",
            (thread_id,),
        )
    database.repository(people.admin).reset_demo_data()
    left = query(db_url, "select thread_id from langgraph.checkpoints order by 1")
    assert left == [("someone-elses-thread",)]


@pytest.mark.parametrize("who", ["student_a", "coach", "anon"])
def test_students_coaches_and_anon_are_refused(
    db_url: str, people: People, transport_factory: TransportFactory, who: str
) -> None:
    seed_demo(db_url)
    repository = Repository(transport_factory(getattr(people, who)))
    for control in (
        repository.demo_status,
        repository.demo_row_counts,
        repository.reset_demo_data,
        repository.demo_rows_ahead,
        lambda: repository.move_demo_clock(seconds=3600),
    ):
        with pytest.raises(NotAllowed):
            control()
    assert shift(db_url) == query(db_url, "select shift from private.app_clock")[0][0]
    assert query(db_url, "select reset_at from private.demo_seed") == [(None,)]


def test_the_demo_admin_moves_the_one_clock_within_three_years(
    db_url: str, database: Database
) -> None:
    seed_demo(db_url)
    admin = database.repository(ALEX)
    start = shift(db_url)
    assert admin.move_demo_clock(seconds=3 * 86400) == round(
        (start + timedelta(days=3)).total_seconds()
    )
    status = admin.demo_status()
    assert status.shift_seconds == round((start + timedelta(days=3)).total_seconds())
    assert status.people == 5
    with pytest.raises(ValidationFailed, match="within three years"):
        admin.move_demo_clock(seconds=1200 * 86400)
    assert admin.move_demo_clock(seconds=None) == 0
    assert shift(db_url) == timedelta(0)


def test_moving_the_clock_back_frees_a_nudge_slot_taken_in_the_future(
    db_url: str, database: Database
) -> None:
    """A nudge sent at "+3 days" held its student's 24-hour slot after "Back to now" until that
    moment came round again: the sidecar then said "already had one in 24 hours"."""
    seed_demo(db_url)
    admin = database.repository(ALEX)
    admin.move_demo_clock(seconds=3 * 86400)
    with psycopg.connect(db_url, autocommit=True) as conn:  # Maya's email, sent at +3 days
        conn.execute(
            "insert into private.nudge_slots (user_id, channel, last_sent_at) "
            "values (%s, 'email', public.app_now()) on conflict (user_id, channel) "
            "do update set last_sent_at = excluded.last_sent_at",
            (MAYA,),
        )
    admin.move_demo_clock(seconds=-86400)  # a day back: that email is now a day ahead
    assert query(
        db_url,
        "select count(*) from private.nudge_slots where last_sent_at is not null "
        "and user_id = %s and channel = 'email'",
        (MAYA,),
    ) == [(0,)]
    admin.move_demo_clock(seconds=None)
    forward = query(db_url, "select public.app_now()")[0][0]
    with psycopg.connect(db_url, autocommit=True) as conn:  # sent now: kept by a move ahead
        conn.execute(
            "update private.nudge_slots set last_sent_at = %s where user_id = %s "
            "and channel = 'email'",
            (forward, MAYA),
        )
    admin.move_demo_clock(seconds=86400)
    assert query(
        db_url,
        "select count(*) from private.nudge_slots where last_sent_at is not null "
        "and user_id = %s and channel = 'email'",
        (MAYA,),
    ) == [(1,)]


def toast_sent(url: str, user: UUID, subject: str) -> Any:
    """A toast as finish_nudges leaves it: a sent row in the log, the slot's 24 h from now."""
    [(sent_at,)] = query(
        url,
        "insert into public.notification_log (user_id, channel, notification_type, subject, "
        "state, sent_at, delivery) values (%s, 'dashboard_toast', 'micro_task', %s, 'sent', "
        "public.app_now(), 'toast') returning sent_at",
        (user, subject),
    )
    query(
        url,
        "update private.nudge_slots set last_sent_at = %s "
        "where user_id = %s and channel = 'dashboard_toast'",
        (sent_at, user),
    )
    return sent_at


def pending_toasts(db_url: str) -> int:
    """Jordan's toasts claimed by a sweep and not yet shown."""
    [(count,)] = query(
        db_url,
        "select count(*) from public.notification_log where user_id = %s "
        "and channel = 'dashboard_toast' and state = 'pending'",
        (JORDAN,),
    )
    return int(count)


def test_back_to_now_keeps_a_slot_taken_by_an_earlier_send_the_same_demo_day(
    db_url: str, database: Database
) -> None:
    """The audit's rehearsal: a toast at +3 days, another at +3 weeks, Back to now, +3 days
    again. The slot falls back to the +3 days toast, so Jordan gets no second toast that
    demo day (he got one five minutes after the first when the slot was cleared)."""
    seed_demo(db_url)
    admin = database.repository(ALEX)
    admin.move_demo_clock(seconds=3 * 86400)
    first = toast_sent(db_url, JORDAN, "15 minutes on Lone Star STEM Futures Award?")
    admin.move_demo_clock(seconds=int(timedelta(weeks=3).total_seconds()))
    toast_sent(db_url, JORDAN, "15 minutes on TEXAS Grant?")

    back = -int(timedelta(days=3, weeks=3).total_seconds())
    admin.move_demo_clock(seconds=back)  # Back to now, in a demo seeded now
    slot = "select last_sent_at from private.nudge_slots where user_id = %s and channel = %s"
    assert query(db_url, slot, (JORDAN, "dashboard_toast")) == [(None,)]  # both still ahead
    admin.move_demo_clock(seconds=3 * 86400 + 300)
    assert query(db_url, slot, (JORDAN, "dashboard_toast")) == [(first,)]

    # something is due for him (an application idle for 10 days, never nudged): still capped
    query(
        db_url,
        "update public.applications set last_progress_at = public.app_now() - interval "
        "'10 days' where user_id = %s and status = 'draft'",
        (JORDAN,),
    )
    query(
        db_url,
        "delete from private.nudge_notices where application_id in "
        "(select id from public.applications where user_id = %s)",
        (JORDAN,),
    )
    assert query(
        db_url,
        "select count(*) from private.due_toasts(public.app_now()) where user_id = %s",
        (JORDAN,),
    ) == [(1,)]
    query(db_url, "select * from public.claim_nudges()")
    assert pending_toasts(db_url) == 0
    # a day after that toast the slot is free again, as the 24 h say
    admin.move_demo_clock(seconds=86400)
    query(db_url, "select * from public.claim_nudges()")
    assert pending_toasts(db_url) == 1


def test_back_to_now_counts_the_rows_written_while_the_clock_was_ahead(
    db_url: str, people: People, transport_factory: TransportFactory
) -> None:
    """Rows written at +3 days sit in the future after Back to now; the admin is told how many,
    per table, and they stay until a reset clears them. A deadline or a check-in due later is
    not a row written ahead, nor is anyone else's row."""
    seed_demo(db_url)
    admin = Repository(transport_factory(people.admin))
    assert admin.demo_rows_ahead() == []  # as seeded, nothing is dated ahead
    assert query(  # though a check-in falls due later: a date, not a write
        db_url,
        "select count(*) > 0 from public.check_in_tasks where user_id = %s "
        "and due_at > public.app_now()",
        (JORDAN,),
    ) == [(True,)]
    admin.move_demo_clock(seconds=3 * 86400)
    make_a_mess(db_url, people)  # a round, an override, an email, a discovery run, ...
    query(
        db_url,
        "update public.applications set status = 'submitted', submitted_at = public.app_now(), "
        "confirmed_at = public.app_now() where user_id = %s and status = 'draft'",
        (MAYA,),
    )
    assert admin.demo_rows_ahead() == []  # at the clock's own time: nothing ahead of it
    written = {c.table_name: c.rows for c in admin.demo_row_counts()}

    admin.move_demo_clock(seconds=-3 * 86400)  # Back to now, in a demo seeded now
    ahead = {c.table_name: c.rows for c in admin.demo_rows_ahead()}
    [(maya_drafts_confirmed,)] = query(
        db_url,
        "select count(*)::int from public.applications where user_id = %s "
        "and confirmed_at > public.app_now()",
        (MAYA,),
    )
    assert maya_drafts_confirmed > 0
    assert ahead["public.coaching_sessions"] == 1
    assert ahead["public.coaching_score_overrides"] == 1
    assert ahead["public.notification_log"] == 1  # Maya's; student_a's is not the demo's
    assert ahead["public.discovery_completions"] == 1
    assert ahead["public.applications"] >= maya_drafts_confirmed + 1  # Jordan's changed too
    assert set(ahead) <= set(TABLE_WORDS)
    assert {c.table_name: c.rows for c in admin.demo_row_counts()} == written  # none deleted

    admin.reset_demo_data()
    assert admin.demo_rows_ahead() == []


def test_where_demo_mode_is_off_even_an_admin_is_refused(
    db_url: str, database: Database, people: People, tmp_path: Any
) -> None:
    admin = database.repository(people.admin)
    with pytest.raises(NotAllowed, match="Demo mode is off here"):
        admin.reset_demo_data()  # never seeded here
    seed_demo(db_url)
    query(db_url, "update private.demo_seed set enabled = false")  # DEMO_MODE switched off
    with pytest.raises(NotAllowed, match="Demo mode is off here"):
        admin.reset_demo_data()
    with pytest.raises(NotAllowed, match="Demo mode is off here"):
        admin.move_demo_clock(seconds=60)

    query(db_url, "update private.demo_seed set enabled = true")
    settings = Settings(_env_file=None, data_dir=tmp_path, database_url=db_url, demo_mode=False)  # type: ignore[call-arg]
    off = Database(settings, db_url)
    try:
        controls = DemoControls(off, people.admin)
        for control in (controls.reset, controls.status, controls.row_counts):
            with pytest.raises(NotAllowed, match="Demo mode is off here") as refused:
                control()
            assert str(refused.value) == DEMO_OFF
    finally:
        off.close()
    assert query(db_url, "select reset_at from private.demo_seed") == [(None,)]
