"""The coaching history bench/review.py reads (a module, not a benchmark: `make bench` skips
files starting with an underscore): learners, threads, scored rounds, overrides and reviews
generated set-based as that script's docstring describes them, and the coach who reads them.
Kept apart so the script reads as the measurement; this is only its setting."""

from __future__ import annotations

import time
import uuid
from typing import Any

import psycopg

TEAMS = 12
COACH_ID = uuid.UUID(int=0x19C0AC4)
COACH_EMAIL = "coach@bench.test"


def load(url: str, rounds: int, learners: int) -> dict[str, Any]:
    t0 = time.perf_counter()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("set max_parallel_workers_per_gather = 0")  # one order for random()
        conn.execute("select setseed(0.19)")
        conn.execute("insert into auth.users (id, email) values (%s, %s)", (COACH_ID, COACH_EMAIL))
        conn.execute(
            "update public.profiles set role = 'coach', full_name = 'Bench Coach' where id = %s",
            (COACH_ID,),
        )
        conn.execute(
            """insert into public.learners (id, name, team, position, user_id)
               select md5('bench-learner-' || g)::uuid, 'Learner ' || lpad(g::text, 4, '0'),
                      case when g %% 20 = 0 then null
                           else 'Team ' || chr(65 + (g * 7) %% %(teams)s) end,
                      (array['Associate', 'Analyst', 'Lead', 'Manager'])[1 + g %% 4], null
                 from generate_series(1, %(learners)s) g""",
            {"learners": learners, "teams": TEAMS},
        )
        # Threads of 1-15 rounds until `rounds` rounds (the last one cut to fit).
        conn.execute(
            """create temporary table bench_threads as
               with t as (
                 select k, 1 + (k * 7919) %% 15 as len from generate_series(1, %(max)s) k
               ), c as (
                 select k, len, sum(len) over (order by k) - len as before from t
               ), d as (
                 select array_agg(id order by id) as ids from public.coaching_domains
               )
               select c.k, 'bench:' || c.k as session_id,
                      least(c.len, %(rounds)s - c.before)::int as len,
                      md5('bench-learner-' || (1 + (c.k * 104729) %% %(learners)s))::uuid::text
                        as learner_id,
                      d.ids[(array[1, 1, 1, 2, 2, 3, 4, 5])[1 + (c.k * 13) %% 8]] as domain_id,
                      public.app_now() - interval '2 hours'
                        - make_interval(secs => random() * 88 * 86400) as started_at
                 from c cross join d
                where c.before < %(rounds)s
                order by c.k""",
            {"max": rounds, "rounds": rounds, "learners": learners},
        )
        conn.execute(
            """insert into public.coaching_threads (session_id, learner_id, domain_id, created_at)
               select session_id, learner_id, domain_id, started_at from bench_threads
                order by started_at"""
        )
        conn.execute(
            """create temporary table bench_dims as
               select domain_id, array(select jsonb_array_elements_text(
                                         evaluation_criteria -> 'dimensions')) as names
                 from public.coaching_personas"""
        )
        t_threads = time.perf_counter()
        conn.execute(
            """insert into public.coaching_sessions
                 (id, learner_id, domain_id, learner_message, coach_response, round_number,
                  session_id, response_time_ms, score, feedback, dimension_scores,
                  dimension_reasons, created_at)
               select md5('bench-round-' || t.k || '-' || r.n)::uuid, t.learner_id,
                      t.domain_id,
                      'Bench message ' || r.n || ': ' || repeat('I think the plan is ', 7),
                      'Bench reply ' || r.n || ': ' || repeat('Let us look at what you did. ', 18),
                      r.n, t.session_id, (600 + 14000 * power(random(), 2))::int, sc.score,
                      case when sc.score is not null
                           then 'Bench feedback: ' || repeat('good step, ', 5) end,
                      case when sc.score is not null then (
                        select jsonb_object_agg(d, greatest(1, least(10,
                                 sc.score + floor(random() * 5)::int - 2)))
                          from unnest(bd.names) d) end,
                      case when sc.score is not null then (
                        select jsonb_object_agg(d, 'Because the learner said ' || d || '.')
                          from unnest(bd.names) d) end,
                      t.started_at + make_interval(secs => r.n * (90 + random() * 120))
                        as created_at
                 from bench_threads t
                 join bench_dims bd on bd.domain_id = t.domain_id
                 cross join lateral generate_series(1, t.len) r (n)
                 cross join lateral (
                   select case when r.n = t.len and t.k % 10 = 0 then null
                               else least(10, 1 + floor(10 * power(random(), 0.6))::int)
                          end as score
                 ) sc
                order by created_at"""
        )
        t_rounds = time.perf_counter()
        # Overrides with the triggers on: each marks its session reviewed.
        conn.execute(
            """insert into public.coaching_score_overrides
                 (round_id, score, reason, coach_id, coach_name, created_at)
               select s.id, 1 + (abs(hashtext(s.id::text)) + v.n) %% 10,
                      'Bench override ' || v.n || ': the judge missed the point.',
                      %(coach)s, 'Bench Coach',
                      s.created_at + make_interval(mins => 30 * v.n)
                 from public.coaching_sessions s
                 cross join generate_series(1, 2) v (n)
                where s.score is not null
                  and abs(hashtext(s.id::text)) %% 40 = 0
                  and (v.n = 1 or abs(hashtext(s.id::text)) %% 200 = 0)
                order by s.created_at, v.n""",
            {"coach": COACH_ID},
        )
        conn.execute(
            """insert into public.coaching_session_reviews
                 (session_id, reviewed_by, reviewer_name, reviewed_at, note)
               select t.session_id, %(coach)s, 'Bench Coach',
                      least(public.app_now(), t.started_at + interval '3 hours'),
                      case when t.k %% 2 = 0 then 'Bench note.' end
                 from bench_threads t
                where t.k %% 9 = 0
               on conflict (session_id) do nothing""",
            {"coach": COACH_ID},
        )
        t_overrides = time.perf_counter()
        for table in (
            "coaching_sessions",
            "coaching_threads",
            "learners",
            "coaching_score_overrides",
            "coaching_session_reviews",
            "profiles",
        ):
            conn.execute(f"vacuum analyze public.{table}")
        counts = conn.execute(
            """select (select count(*) from public.coaching_sessions),
                      (select count(*) from public.coaching_sessions where score is null),
                      (select count(*) from public.coaching_threads),
                      (select count(*) from public.learners where user_id is null),
                      (select count(*) from public.coaching_score_overrides),
                      (select count(distinct round_id) from public.coaching_score_overrides),
                      (select count(*) from public.coaching_session_reviews),
                      pg_size_pretty(pg_table_size('public.coaching_sessions')),
                      pg_size_pretty(pg_relation_size('public.coaching_sessions_review_idx'))"""
        ).fetchone()
        assert counts is not None and counts[0] == rounds, counts
    t1 = time.perf_counter()
    return {
        "load_s": round(t1 - t0, 1),
        "rounds_insert_s": round(t_rounds - t_threads, 1),
        "overrides_insert_s": round(t_overrides - t_rounds, 1),
        "unscored_rounds": counts[1],
        "threads": counts[2],
        "overrides": counts[4],
        "overridden_rounds": counts[5],
        "reviewed_sessions": counts[6],
        "table_size": counts[7],
        "review_index_size": counts[8],
    }
