-- Coach review (issue #19): a coach's human score beside the AI's, sessions marked reviewed,
-- and the numbers the Review and My progress pages draw, aggregated here rather than in pandas.
--
-- A coach or an admin may override a round's score with a short reason; every override is
-- kept (the history), the newest one per round is the human score, and analytics use the
-- human score where there is one (coalesce(human, ai)). Overrides and reviews are written
-- only through the functions below, which check the caller's role themselves; nobody writes
-- the tables directly. Everything read here runs with the caller's rights (the view is
-- security_invoker, the aggregate functions are security invoker), so RLS decides: a coach
-- sees every learner's rounds, a student only their own.

-- Overrides: the history of human scores -------------------------------------------------------
create table public.coaching_score_overrides (
  id uuid primary key default gen_random_uuid(),
  round_id uuid not null references public.coaching_sessions (id) on delete cascade,
  score integer not null
    constraint coaching_score_overrides_score_check check (score between 1 and 10),
  reason text not null
    constraint coaching_score_overrides_reason_check
    check (reason = btrim(reason) and char_length(reason) between 3 and 500),
  coach_id uuid not null references auth.users (id),
  -- the coach's name when they wrote it, so a student's view shows who without profiles
  coach_name text not null
    constraint coaching_score_overrides_coach_name_check
    check (btrim(coach_name) <> '' and char_length(coach_name) <= 200),
  created_at timestamptz not null default public.app_now()
);
-- The newest override per round (the human score) and a round's history, newest first.
create index coaching_score_overrides_round_idx
  on public.coaching_score_overrides (round_id, created_at desc);
create index coaching_score_overrides_coach_idx on public.coaching_score_overrides (coach_id);

comment on table public.coaching_score_overrides is
  'A coach''s score for a round, with why; the newest row per round is the human score.';

-- Reviews: a session a coach has looked at ------------------------------------------------------
create table public.coaching_session_reviews (
  session_id text primary key
    references public.coaching_threads (session_id) on delete cascade,
  reviewed_by uuid references auth.users (id) on delete set null,
  reviewer_name text not null
    constraint coaching_session_reviews_reviewer_name_check
    check (btrim(reviewer_name) <> '' and char_length(reviewer_name) <= 200),
  reviewed_at timestamptz not null default public.app_now(),
  note text
    constraint coaching_session_reviews_note_check
    check (note is null or (btrim(note) <> '' and char_length(note) <= 1000))
);
create index coaching_session_reviews_reviewed_by_idx
  on public.coaching_session_reviews (reviewed_by);

comment on table public.coaching_session_reviews is
  'A session a coach marked reviewed, or one with an overridden round (a trigger on '
  'coaching_score_overrides writes the row).';

-- RLS ---------------------------------------------------------------------------------------
alter table public.coaching_score_overrides enable row level security;
alter table public.coaching_session_reviews enable row level security;

create policy "Learners read their rounds' overrides; coaches and admins all"
  on public.coaching_score_overrides for select to authenticated
  using (
    (select private.is_staff())
    or exists (
      select 1 from public.coaching_sessions s
       where s.id = round_id and s.learner_id in (select private.my_learner_ids())
    )
  );

create policy "Learners read their sessions' reviews; coaches and admins all"
  on public.coaching_session_reviews for select to authenticated
  using (
    (select private.is_staff())
    or session_id in (
      select t.session_id from public.coaching_threads t
       where t.learner_id in (select private.my_learner_ids())
    )
  );

-- Written only through the functions below (the default privileges of schema public would
-- grant everything to every API role).
revoke all on public.coaching_score_overrides, public.coaching_session_reviews from anon;
revoke insert, update, delete, truncate, references, trigger
  on public.coaching_score_overrides, public.coaching_session_reviews from authenticated;
grant select on public.coaching_score_overrides, public.coaching_session_reviews
  to authenticated;

-- Writes ------------------------------------------------------------------------------------

-- The signed-in coach's or admin's name as a student will read it, or a refusal in the given
-- words. Called from the security definer functions below (as their owner), never directly.
create function private.require_staff(p_refusal text) returns text
language plpgsql stable
set search_path = ''
as $$
declare
  v_name text;
begin
  if not coalesce(private.is_staff(), false) then
    raise exception '%', p_refusal using errcode = 'TL403';
  end if;
  select coalesce(nullif(btrim(p.full_name), ''), nullif(split_part(u.email, '@', 1), ''))
    into v_name
    from public.profiles p
    left join auth.users u on u.id = p.id
   where p.id = auth.uid();
  return left(coalesce(v_name, 'Your coach'), 200);
end
$$;
revoke all on function private.require_staff(text) from public;

create function public.override_round_score(p_round_id uuid, p_score integer, p_reason text)
returns setof public.coaching_score_overrides
language plpgsql security definer
set search_path = ''
as $$
declare
  v_name text := private.require_staff('Only coaches and admins can change a score.');
  v_reason text := btrim(p_reason);
  v_at timestamptz;
begin
  if p_round_id is null then
    raise exception 'Please choose a round to score.' using errcode = 'TL400';
  end if;
  if p_score is null or p_score not between 1 and 10 then
    raise exception 'The score must be a whole number from 1 to 10.' using errcode = 'TL400';
  end if;
  if v_reason is null or char_length(v_reason) not between 3 and 500 then
    raise exception 'Please say why in a short reason (3 to 500 characters).'
      using errcode = 'TL400';
  end if;
  if not exists (select 1 from public.coaching_sessions s where s.id = p_round_id) then
    raise exception 'That coaching round was not found.' using errcode = 'TL404';
  end if;
  -- Strictly after the round's last override, so "newest wins" holds even for two
  -- overrides in one transaction (which share app_now()).
  select greatest(public.app_now(), max(o.created_at) + interval '1 millisecond') into v_at
    from public.coaching_score_overrides o where o.round_id = p_round_id;
  return query
  insert into public.coaching_score_overrides as o
    (round_id, score, reason, coach_id, coach_name, created_at)
  values (p_round_id, p_score, v_reason, auth.uid(), v_name, v_at)
  returning o.*;
end
$$;
-- Only a signed-in person can be named as the author; the function checks they are staff.
revoke all on function public.override_round_score(uuid, integer, text)
  from public, anon, service_role;
grant execute on function public.override_round_score(uuid, integer, text) to authenticated;

-- An override marks its session reviewed, by its author, however it was written (this
-- function, a seed, an import): "reviewed" is then one lookup in coaching_session_reviews.
create function private.review_overridden_session() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  insert into public.coaching_session_reviews as r
    (session_id, reviewed_by, reviewer_name, reviewed_at)
  select s.session_id, new.coach_id, new.coach_name, new.created_at
    from public.coaching_sessions s
   where s.id = new.round_id
     and exists (select 1 from public.coaching_threads t where t.session_id = s.session_id)
  on conflict (session_id) do update set
    reviewed_by = excluded.reviewed_by,
    reviewer_name = excluded.reviewer_name,
    reviewed_at = excluded.reviewed_at
  where excluded.reviewed_at >= r.reviewed_at;
  return null;
end
$$;
revoke all on function private.review_overridden_session() from public;

create trigger coaching_score_overrides_review after insert on public.coaching_score_overrides
  for each row execute function private.review_overridden_session();

create function public.mark_session_reviewed(p_session_id text, p_note text default null)
returns setof public.coaching_session_reviews
language plpgsql security definer
set search_path = ''
as $$
declare
  v_name text := private.require_staff('Only coaches and admins can mark a session reviewed.');
  v_note text := nullif(btrim(p_note), '');
begin
  if p_session_id is null or p_session_id = '' then
    raise exception 'Please choose a session.' using errcode = 'TL400';
  end if;
  if char_length(v_note) > 1000 then
    raise exception 'A review note must be at most 1000 characters.' using errcode = 'TL400';
  end if;
  if not exists (select 1 from public.coaching_threads t where t.session_id = p_session_id) then
    raise exception 'That session was not found.' using errcode = 'TL404';
  end if;
  return query
  insert into public.coaching_session_reviews as r
    (session_id, reviewed_by, reviewer_name, reviewed_at, note)
  values (p_session_id, auth.uid(), v_name, public.app_now(), v_note)
  on conflict (session_id) do update set
    reviewed_by = excluded.reviewed_by,
    reviewer_name = excluded.reviewer_name,
    reviewed_at = excluded.reviewed_at,
    note = coalesce(excluded.note, r.note)  -- marking again without a note keeps the old one
  returning r.*;
end
$$;
revoke all on function public.mark_session_reviewed(text, text) from public, anon, service_role;
grant execute on function public.mark_session_reviewed(text, text) to authenticated;

-- One row per round, with the human score beside the AI's ------------------------------------
-- security_invoker: RLS on every table below decides what a caller sees. The newest override
-- per round is found once per query (distinct on over the overrides, joined by hash), and
-- "reviewed" is a hashed lookup in the reviewed sessions (an override marks its session
-- reviewed, see the trigger above): nothing runs a query per round.
create view public.coaching_round_reviews
with (security_invoker = true)
as
select
  s.id as round_id,
  s.session_id,
  s.learner_id,
  l.name as learner_name,
  l.team,
  s.domain_id,
  d.name as domain_name,
  s.round_number,
  s.created_at,
  s.response_time_ms,
  s.learner_message,
  s.coach_response,
  s.feedback,
  s.dimension_scores,
  s.dimension_reasons,
  s.score as ai_score,
  o.score as human_score,
  coalesce(o.score, s.score) as score,
  o.reason as override_reason,
  o.coach_name as override_by,
  o.created_at as override_at,
  coalesce(o.override_count, 0) as override_count,
  coalesce(s.session_id in (select r.session_id from public.coaching_session_reviews r), false)
    as reviewed
from public.coaching_sessions s
left join public.learners l on l.id::text = s.learner_id
left join public.coaching_domains d on d.id = s.domain_id
left join (
  select distinct on (x.round_id)
         x.round_id, x.score, x.reason, x.coach_name, x.created_at,
         (count(*) over (partition by x.round_id))::int as override_count
    from public.coaching_score_overrides x
   order by x.round_id, x.created_at desc, x.id desc
) o on o.round_id = s.id;

comment on view public.coaching_round_reviews is
  'One row per round: ai_score, the newest human override (human_score) and score = '
  'coalesce(human_score, ai_score), which every review aggregate uses.';

revoke all on public.coaching_round_reviews from anon, authenticated;
grant select on public.coaching_round_reviews to authenticated, service_role;

-- A learner joins by id as text (coaching_sessions.learner_id is text): this index lets the
-- planner drop the join where no learner column is used, and probe it where one is.
create unique index learners_id_text_key on public.learners ((id::text));

-- The aggregates read only these columns of a round: an index-only scan reads a tenth of
-- the pages the table's full rows (messages, replies, reasons) take, and the date filters
-- and the newest-first table use its order.
create index coaching_sessions_review_idx on public.coaching_sessions (created_at)
  include (id, learner_id, domain_id, session_id, round_number, score, response_time_ms);

-- Aggregates for the Review page (and My progress) -------------------------------------------
-- Every one takes the same filters, each null = no filter: coach (domain), learner, team,
-- rounds from p_from (inclusive) to p_to (exclusive), effective score between p_min_score
-- and p_max_score, and reviewed or not. Security invoker (the default): RLS decides.
--
-- PL/pgSQL with plan_cache_mode = force_custom_plan: every call is planned with its filter
-- values, so a filter that is not given disappears from the plan ("p_x is null or ..."
-- folds to true). A generic plan cannot fold them, guesses a handful of rows and picks
-- nested loops that take seconds over 100,000 rounds; a SQL-language function is planned
-- that way on Postgres 17 and earlier (and on 18 after five calls). The functions that group
-- by session or learner-day get the memory to do it in one hash table instead of sorting on
-- disk (work_mem is per function call here, not for the whole server).

create function public.review_kpis(
  p_domain_id text default null,
  p_learner_id text default null,
  p_team text default null,
  p_from timestamptz default null,
  p_to timestamptz default null,
  p_min_score integer default null,
  p_max_score integer default null,
  p_reviewed boolean default null
) returns table (
  sessions integer,
  rounds integer,
  average_score numeric,
  average_response_ms integer,
  reviewed_share numeric,
  prev_sessions integer,
  prev_rounds integer,
  prev_average_score numeric,
  prev_average_response_ms integer,
  prev_reviewed_share numeric
)
language plpgsql stable
set search_path = ''
set plan_cache_mode = force_custom_plan
set work_mem = '32MB'
as $$
#variable_conflict use_column
declare
  -- The previous period has the same length and ends where this one starts; it exists only
  -- when both ends are given. Both periods come from one pass over the rounds.
  v_prev_from timestamptz :=
    case when p_from is not null and p_to is not null then p_from - (p_to - p_from) end;
begin
  return query
  with scoped as (
    select v.session_id, v.score, v.response_time_ms, v.reviewed,
           (p_from is null or v.created_at >= p_from) as in_period
      from public.coaching_round_reviews v
     where (p_domain_id is null or v.domain_id = p_domain_id)
       and (p_learner_id is null or v.learner_id = p_learner_id)
       and (p_team is null or v.team = p_team)
       and (p_from is null or v.created_at >= coalesce(v_prev_from, p_from))
       and (p_to is null or v.created_at < p_to)
       and (p_min_score is null or v.score >= p_min_score)
       and (p_max_score is null or v.score <= p_max_score)
       and (p_reviewed is null or v.reviewed = p_reviewed)
  ),
  totals as (
    select
      count(distinct c.session_id) filter (where c.in_period) as sessions,
      count(*) filter (where c.in_period) as rounds,
      avg(c.score) filter (where c.in_period) as average_score,
      avg(c.response_time_ms) filter (where c.in_period) as average_response_ms,
      count(distinct c.session_id) filter (where c.in_period and c.reviewed) as reviewed,
      count(distinct c.session_id) filter (where not c.in_period) as prev_sessions,
      count(*) filter (where not c.in_period) as prev_rounds,
      avg(c.score) filter (where not c.in_period) as prev_average_score,
      avg(c.response_time_ms) filter (where not c.in_period) as prev_average_response_ms,
      count(distinct c.session_id) filter (where not c.in_period and c.reviewed)
        as prev_reviewed
    from scoped c
  )
  select
    t.sessions::int,
    t.rounds::int,
    round(t.average_score, 1),
    round(t.average_response_ms)::int,
    round(t.reviewed::numeric / nullif(t.sessions, 0), 3),
    case when v_prev_from is not null then t.prev_sessions::int end,
    case when v_prev_from is not null then t.prev_rounds::int end,
    round(t.prev_average_score, 1),
    round(t.prev_average_response_ms)::int,
    round(t.prev_reviewed::numeric / nullif(t.prev_sessions, 0), 3)
  from totals t;
end
$$;

create function public.review_score_distribution(
  p_domain_id text default null,
  p_learner_id text default null,
  p_team text default null,
  p_from timestamptz default null,
  p_to timestamptz default null,
  p_min_score integer default null,
  p_max_score integer default null,
  p_reviewed boolean default null
) returns table (score integer, rounds integer)
language plpgsql stable
set search_path = ''
set plan_cache_mode = force_custom_plan
as $$
#variable_conflict use_column
begin
  return query
  select g.n, coalesce(c.rounds, 0)::int
    from pg_catalog.generate_series(1, 10) as g (n)
    left join (
      select v.score, count(*) as rounds
        from public.coaching_round_reviews v
       where v.score is not null
         and (p_domain_id is null or v.domain_id = p_domain_id)
         and (p_learner_id is null or v.learner_id = p_learner_id)
         and (p_team is null or v.team = p_team)
         and (p_from is null or v.created_at >= p_from)
         and (p_to is null or v.created_at < p_to)
         and (p_min_score is null or v.score >= p_min_score)
         and (p_max_score is null or v.score <= p_max_score)
         and (p_reviewed is null or v.reviewed = p_reviewed)
       group by v.score
    ) c on c.score = g.n
   order by g.n;
end
$$;

-- One point per learner per (UTC) day: the average effective score of their scored rounds.
-- Aggregated by learner id first; the names are joined to the (far fewer) points after.
create function public.review_learner_trend(
  p_domain_id text default null,
  p_learner_id text default null,
  p_team text default null,
  p_from timestamptz default null,
  p_to timestamptz default null,
  p_min_score integer default null,
  p_max_score integer default null,
  p_reviewed boolean default null
) returns table (
  learner_id text, learner_name text, day date, average_score numeric, rounds integer
)
language plpgsql stable
set search_path = ''
set plan_cache_mode = force_custom_plan
set work_mem = '32MB'
as $$
#variable_conflict use_column
begin
  return query
  select a.learner_id, coalesce(l.name, a.learner_id), a.day,
         round(a.total::numeric / a.scored, 1), a.scored::int
    from (
      select v.learner_id, (v.created_at at time zone 'UTC')::date as day,
             sum(v.score) as total, count(*) as scored
        from public.coaching_round_reviews v
       where v.score is not null
         and (p_domain_id is null or v.domain_id = p_domain_id)
         and (p_learner_id is null or v.learner_id = p_learner_id)
         and (p_team is null or v.team = p_team)
         and (p_from is null or v.created_at >= p_from)
         and (p_to is null or v.created_at < p_to)
         and (p_min_score is null or v.score >= p_min_score)
         and (p_max_score is null or v.score <= p_max_score)
         and (p_reviewed is null or v.reviewed = p_reviewed)
       group by 1, 2
    ) a
    left join public.learners l on l.id::text = a.learner_id
   order by 2, 1, 3;
end
$$;

-- The persona's dimensions, averaged per coach; a dimension left unscored (null) is skipped.
-- Each round is read once and its scores looked up by the persona's dimension names (one
-- avg and one count per position in the list, as many positions as the longest list), so
-- nothing expands every round into one row per dimension; that took three times as long.
create function public.review_dimension_averages(
  p_domain_id text default null,
  p_learner_id text default null,
  p_team text default null,
  p_from timestamptz default null,
  p_to timestamptz default null,
  p_min_score integer default null,
  p_max_score integer default null,
  p_reviewed boolean default null
) returns table (
  domain_id text, domain_name text, dimension text, average_score numeric, rounds integer
)
language plpgsql stable
set search_path = ''
set plan_cache_mode = force_custom_plan
set work_mem = '32MB'
as $$
declare
  v_width integer;
  v_averages text;
  v_counts text;
begin
  select max(pg_catalog.jsonb_array_length(pe.evaluation_criteria -> 'dimensions'))
    into v_width
    from public.coaching_personas pe
   where pg_catalog.jsonb_typeof(pe.evaluation_criteria -> 'dimensions') = 'array';
  if coalesce(v_width, 0) = 0 then
    return;
  end if;
  select string_agg(pg_catalog.format(
           'avg((v.dimension_scores ->> d.names[%s])::integer)', i), ', ' order by i),
         string_agg(pg_catalog.format(
           'count(v.dimension_scores ->> d.names[%s])', i), ', ' order by i)
    into v_averages, v_counts
    from pg_catalog.generate_series(1, v_width) as i;

  -- Only positions (integers) are spliced in; every filter value is a parameter.
  return query execute pg_catalog.format($q$
    with dims as materialized (
      select pe.domain_id,
             array(select pg_catalog.jsonb_array_elements_text(
                            pe.evaluation_criteria -> 'dimensions')) as names
        from public.coaching_personas pe
       where pg_catalog.jsonb_typeof(pe.evaluation_criteria -> 'dimensions') = 'array'
    ),
    sums as (
      select v.domain_id, array[%s] as averages, array[%s] as counts
        from public.coaching_round_reviews v
        join dims d on d.domain_id = v.domain_id
       where v.dimension_scores is not null
         and ($1 is null or v.domain_id = $1)
         and ($2 is null or v.learner_id = $2)
         and ($3 is null or v.team = $3)
         and ($4 is null or v.created_at >= $4)
         and ($5 is null or v.created_at < $5)
         and ($6 is null or v.score >= $6)
         and ($7 is null or v.score <= $7)
         and ($8 is null or v.reviewed = $8)
       group by v.domain_id
    )
    select s.domain_id, coalesce(dom.name, s.domain_id), d.names[i],
           round(s.averages[i], 1), s.counts[i]::integer
      from sums s
      join dims d on d.domain_id = s.domain_id
      cross join lateral pg_catalog.generate_series(1, pg_catalog.cardinality(d.names)) as i
      left join public.coaching_domains dom on dom.id = s.domain_id
     where s.counts[i] > 0
     order by 2, 1, 3
  $q$, v_averages, v_counts)
  using p_domain_id, p_learner_id, p_team, p_from, p_to, p_min_score, p_max_score, p_reviewed;
end
$$;

-- How long the coach took to answer: 1000 ms buckets (bucket_ms is the lower bound).
create function public.review_response_times(
  p_domain_id text default null,
  p_learner_id text default null,
  p_team text default null,
  p_from timestamptz default null,
  p_to timestamptz default null,
  p_min_score integer default null,
  p_max_score integer default null,
  p_reviewed boolean default null
) returns table (bucket_ms integer, rounds integer)
language plpgsql stable
set search_path = ''
set plan_cache_mode = force_custom_plan
as $$
#variable_conflict use_column
begin
  return query
  select (v.response_time_ms / 1000) * 1000, count(*)::int
    from public.coaching_round_reviews v
   where v.response_time_ms is not null
     and (p_domain_id is null or v.domain_id = p_domain_id)
     and (p_learner_id is null or v.learner_id = p_learner_id)
     and (p_team is null or v.team = p_team)
     and (p_from is null or v.created_at >= p_from)
     and (p_to is null or v.created_at < p_to)
     and (p_min_score is null or v.score >= p_min_score)
     and (p_max_score is null or v.score <= p_max_score)
     and (p_reviewed is null or v.reviewed = p_reviewed)
   group by 1
   order by 1;
end
$$;

-- The filtered rounds themselves, newest first (the sessions table, transcripts, CSV);
-- p_limit null means the default, 5000. The rounds are picked first from the narrow index
-- (newest first, stopping at the limit), and only those are read in full: sorting every
-- round's messages to keep 5000 of them would cost ten times as much.
create function public.review_rounds(
  p_domain_id text default null,
  p_learner_id text default null,
  p_team text default null,
  p_from timestamptz default null,
  p_to timestamptz default null,
  p_min_score integer default null,
  p_max_score integer default null,
  p_reviewed boolean default null,
  p_limit integer default 5000
) returns setof public.coaching_round_reviews
language plpgsql stable
set search_path = ''
set plan_cache_mode = force_custom_plan
as $$
begin
  return query
  with picked as (
    select v.round_id
      from public.coaching_round_reviews v
     where (p_domain_id is null or v.domain_id = p_domain_id)
       and (p_learner_id is null or v.learner_id = p_learner_id)
       and (p_team is null or v.team = p_team)
       and (p_from is null or v.created_at >= p_from)
       and (p_to is null or v.created_at < p_to)
       and (p_min_score is null or v.score >= p_min_score)
       and (p_max_score is null or v.score <= p_max_score)
       and (p_reviewed is null or v.reviewed = p_reviewed)
     order by v.created_at desc, v.round_number desc, v.round_id
     limit greatest(coalesce(p_limit, 5000), 0)
  )
  select v.*
    from public.coaching_round_reviews v
    join picked p on p.round_id = v.round_id
   order by v.created_at desc, v.round_number desc, v.round_id;
end
$$;

-- What the filter widgets offer: every coach, and the learners (and their teams) the caller
-- can see who have at least one session.
create function public.review_filter_options()
returns table (kind text, value text, label text)
language sql stable
set search_path = ''
as $$
  select o.kind, o.value, o.label
    from (
      select 'domain' as kind, d.id as value, d.name as label
        from public.coaching_domains d
       where d.is_active
          or exists (select 1 from public.coaching_threads t where t.domain_id = d.id)
      union all
      select 'learner', l.id::text, l.name
        from public.learners l
       where exists (select 1 from public.coaching_threads t where t.learner_id = l.id::text)
      union all
      select distinct 'team', l.team, l.team
        from public.learners l
       where l.team is not null
         and exists (select 1 from public.coaching_threads t where t.learner_id = l.id::text)
    ) o
   order by o.kind, o.label, o.value
$$;

-- Signed-in people (a student gets their own numbers) and the server; not anon.
do $$
declare
  f text;
begin
  foreach f in array array[
    'public.review_kpis(text, text, text, timestamptz, timestamptz, integer, integer, boolean)',
    'public.review_score_distribution(text, text, text, timestamptz, timestamptz, integer, '
      || 'integer, boolean)',
    'public.review_learner_trend(text, text, text, timestamptz, timestamptz, integer, integer, '
      || 'boolean)',
    'public.review_dimension_averages(text, text, text, timestamptz, timestamptz, integer, '
      || 'integer, boolean)',
    'public.review_response_times(text, text, text, timestamptz, timestamptz, integer, '
      || 'integer, boolean)',
    'public.review_rounds(text, text, text, timestamptz, timestamptz, integer, integer, '
      || 'boolean, integer)',
    'public.review_filter_options()'
  ] loop
    execute format('revoke all on function %s from public, anon', f);
    execute format('grant execute on function %s to authenticated, service_role', f);
  end loop;
end
$$;
