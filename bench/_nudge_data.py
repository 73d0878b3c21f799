"""The 100,000-student school bench/nudge_sweep.py sweeps (a module, not a benchmark: `make
bench` skips files starting with an underscore): the app clock set to an afternoon, the data
generated set-based as that script's docstring describes it (the clones both sides start from
are `bench._load.clone_database`). Kept apart so the script reads as the measurement; this
is only its setting."""

from __future__ import annotations

import time
from datetime import UTC, timedelta
from typing import Any

import psycopg

from db.app_clock import read_shift, write_shift

STUDENTS = 100_000
PER_STUDENT = 10
SCHOLARSHIPS = 3_000


def set_clock(url: str) -> timedelta:
    """app_now() at 15:00 UTC today (real time keeps running from there)."""
    with psycopg.connect(url, autocommit=True) as conn:
        real = conn.execute("select now()").fetchone()
        assert real is not None
        at = real[0].astimezone(UTC)
        target = at.replace(hour=15, minute=0, second=0, microsecond=0)
        write_shift(conn, target - at)
        return read_shift(conn)


def load(url: str) -> dict[str, Any]:
    t0 = time.perf_counter()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("set max_parallel_workers_per_gather = 0")  # one order for random()
        conn.execute("select setseed(0.18)")
        conn.execute(
            "insert into auth.users (id, email) "
            "select md5('bench-student-' || g)::uuid, 'student' || g || '@bench.test' "
            "from generate_series(1, %s) g",
            (STUDENTS,),
        )
        t_users = time.perf_counter()
        conn.execute(
            """with u as (select id, row_number() over (order by email) as n from auth.users)
               update public.profiles p
                  set full_name = 'Student ' || u.n,
                      preferences = case
                        when u.n % 10 = 3 then jsonb_build_object('micro_task_snoozed_until',
                          to_char((public.app_now() + make_interval(secs => 3600 + random() * 4
                                   * 86400)) at time zone 'UTC',
                                  'YYYY-MM-DD"T"HH24:MI:SS.US"+00:00"'))
                        when u.n % 10 = 4 then jsonb_build_object('micro_task_snoozed_until',
                          to_char((public.app_now() - interval '1 day') at time zone 'UTC',
                                  'YYYY-MM-DD"T"HH24:MI:SS.US"+00:00"'))
                        else '{}'::jsonb end
                      || case u.n % 50
                        when 7 then '{"timezone": "America/Los_Angeles"}'::jsonb
                        when 8 then '{"timezone": "Asia/Tokyo"}'::jsonb
                        when 9 then '{"timezone": "America/New_York",
                                      "quiet_hours_start": "22:00",
                                      "quiet_hours_end": "07:00"}'::jsonb
                        when 10 then '{"timezone": "Europe/Berlin",
                                       "quiet_hours_start": "09:00",
                                       "quiet_hours_end": "17:00"}'::jsonb
                        else '{}'::jsonb end
                 from u where p.id = u.id"""
        )
        conn.execute(
            """insert into public.scholarships (title, provider, url, amount, deadline,
                 trust_score, need_based, metadata)
               select 'Bench Scholarship ' || g, 'Bench Fund ' || (g %% 97),
                      'https://bench.test/s/' || g, (500 + (g * 37) %% 20000)::numeric,
                      case when g %% 20 = 0 then null
                           when g %% 20 = 1
                             then public.app_now() - make_interval(secs => random() * 30 * 86400)
                           else public.app_now()
                                + make_interval(secs => power(random(), 1.5) * 365 * 86400) end,
                      (g * 7) %% 101, g %% 4 = 0,
                      jsonb_build_object('application_type',
                                         (array['form', 'mixed', 'essay'])[1 + g %% 3])
                 from generate_series(1, %s) g""",
            (SCHOLARSHIPS,),
        )
        t_catalog = time.perf_counter()
        # Momentum is written afterwards by run_daily_momentum(), set-based.
        conn.execute("alter table public.applications disable trigger user")
        conn.execute(
            """with u as (select id, row_number() over (order by email) as n from auth.users),
                    s as (select array_agg(id order by title) as ids from public.scholarships),
                    a as (
                      select u.id as user_id, u.n, k,
                             s.ids[1 + ((u.n * 7919 + k * 131) %% %(catalog)s)::int] as sid,
                             random() as r, random() as r2, random() as r3
                        from u cross join s cross join generate_series(1, %(per)s) k
                    ), b as (
                      select a.*, case when r < 0.65 then 'draft'
                                       when r < 0.85 then 'submitted'
                                       when r < 0.90 then 'awarded'
                                       else 'rejected' end::public.application_status as status,
                             public.app_now() - make_interval(secs => r2 * 35 * 86400)
                               as sent_at,
                             public.app_now() - make_interval(secs => case
                               when n %% 10 < 3 then r2 * 40 * 3600
                               else r2 * 21 * 86400 end) as progress_at
                        from a
                    )
               insert into public.applications (user_id, scholarship_id, status, submitted_at,
                 confirmed_at, last_progress_at, created_at, metadata)
               select user_id, sid, status,
                      case when status <> 'draft' then sent_at end,
                      case when status = 'awarded' then sent_at + interval '20 days' end,
                      case when status = 'draft' then progress_at else sent_at end,
                      case when status = 'draft' then progress_at else sent_at end
                        - make_interval(secs => 86400 + r3 * 30 * 86400),
                      jsonb_build_object('coach_state', case status
                        when 'draft' then (array['tracked', 'drafting', 'review'])[1 + k %% 3]
                        when 'submitted' then 'submitted' when 'awarded' then 'won'
                        else 'lost' end)
                 from b""",
            {"catalog": SCHOLARSHIPS, "per": PER_STUDENT},
        )
        conn.execute("alter table public.applications enable trigger user")
        # Check-ins: 21 days after submitting; 60 % of those already due were answered.
        conn.execute(
            """insert into public.check_in_tasks (user_id, application_id, due_at, status,
                 created_at, completed_at)
               select a.user_id, a.id, a.submitted_at + interval '21 days', st.status,
                      a.submitted_at, case when st.status = 'completed'
                                           then a.submitted_at + interval '22 days' end
                 from public.applications a
                 cross join lateral (
                   select case when a.submitted_at + interval '21 days' <= public.app_now()
                                    and random() < 0.6
                               then 'completed' else 'pending' end::public.check_in_status
                     as status) st
                where a.status = 'submitted'"""
        )
        # History: earlier nudges, some still inside their 24 h.
        conn.execute(
            """with u as (select id, email, row_number() over (order by email) as n
                            from auth.users)
               insert into public.notification_log (user_id, channel, notification_type,
                 template_name, application_ids, recipient, subject, body, state, sent_at,
                 delivery)
               select u.id, c.channel, c.type, c.type, '{}', c.recipient, 'earlier',
                      'earlier', 'sent', public.app_now() - make_interval(secs => random()
                                                                          * 36 * 3600),
                      c.delivery
                 from u cross join lateral (
                   select 'email'::public.notification_channel as channel,
                          'deadline_72h' as type, u.email as recipient, 'outbox' as delivery
                    where u.n % 7 = 1
                   union all
                   select 'dashboard_toast', 'micro_task', null, 'toast'
                    where u.n % 4 = 2) c"""
        )
        conn.execute(
            """update private.nudge_slots s set last_sent_at = h.sent_at
                 from (select user_id, channel, max(sent_at) as sent_at
                         from public.notification_log group by 1, 2) h
                where s.user_id = h.user_id and s.channel = h.channel"""
        )
        t_data = time.perf_counter()
        for table in (
            "public.applications",
            "public.scholarships",
            "public.profiles",
            "public.check_in_tasks",
            "public.notification_log",
            "private.nudge_slots",
            "auth.users",
        ):
            conn.execute(f"vacuum analyze {table}")
        counts = conn.execute(
            """select (select count(*) from auth.users),
                      (select count(*) from public.applications),
                      (select count(*) from public.applications where status = 'draft'),
                      (select count(*) from public.check_in_tasks where status = 'pending'
                          and due_at <= public.app_now()),
                      (select count(*) from public.scholarships where deadline > public.app_now()
                          and deadline <= public.app_now() + interval '72 hours'),
                      (select count(*) from private.nudge_slots)"""
        ).fetchone()
        assert counts is not None
        assert counts[0] == STUDENTS and counts[1] == STUDENTS * PER_STUDENT, counts
        assert counts[5] == 2 * STUDENTS, counts
        t0m = time.perf_counter()
        momentum = conn.execute("select public.run_daily_momentum()").fetchone()
        momentum_s = time.perf_counter() - t0m
        assert momentum is not None and momentum[0] is not None
        conn.execute("vacuum analyze public.applications")
    return {
        "load_s": round(time.perf_counter() - t0, 1),
        "users_s": round(t_users - t0, 1),
        "catalog_s": round(t_catalog - t_users, 1),
        "data_s": round(t_data - t_catalog, 1),
        "drafts": counts[2],
        "checkins_due": counts[3],
        "scholarships_due_72h": counts[4],
        "momentum_s": round(momentum_s, 2),
        "momentum_rows": momentum[0],
    }
