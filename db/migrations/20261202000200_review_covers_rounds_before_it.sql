-- A review covers the rounds that existed when it was made (found by coaches using the app,
-- 2026-12-02): a learner who kept talking after a coach marked the session reviewed had their
-- new rounds hidden from the "Not reviewed" list and counted in "Sessions reviewed 100%".
-- A round is now reviewed when its session's review is at least as new as the round; a
-- session counts as reviewed when every one of its rounds in the filters is. And a coach no
-- longer reviews or rescores their own practice rounds (staff may chat with the coaches too).

-- Columns as in 20261202000100; only `reviewed` is computed differently (a hash join to the
-- reviews, one row per session, in place of the `in` lookup).
create or replace view public.coaching_round_reviews
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
  coalesce(rv.reviewed_at >= s.created_at, false) as reviewed,
  s.not_scored_reason
from public.coaching_sessions s
left join public.learners l on l.id::text = s.learner_id
left join public.coaching_domains d on d.id = s.domain_id
left join public.coaching_session_reviews rv on rv.session_id = s.session_id
left join (
  select distinct on (x.round_id)
         x.round_id, x.score, x.reason, x.coach_name, x.created_at,
         (count(*) over (partition by x.round_id))::int as override_count
    from public.coaching_score_overrides x
   order by x.round_id, x.created_at desc, x.id desc
) o on o.round_id = s.id;

-- As in 20261201001800, except that a session is reviewed only when none of its rounds in
-- scope is unreviewed.
create or replace function public.review_kpis(
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
      count(distinct c.session_id) filter (where c.in_period)
        - count(distinct c.session_id) filter (where c.in_period and not c.reviewed)
        as reviewed,
      count(distinct c.session_id) filter (where not c.in_period) as prev_sessions,
      count(*) filter (where not c.in_period) as prev_rounds,
      avg(c.score) filter (where not c.in_period) as prev_average_score,
      avg(c.response_time_ms) filter (where not c.in_period) as prev_average_response_ms,
      count(distinct c.session_id) filter (where not c.in_period)
        - count(distinct c.session_id) filter (where not c.in_period and not c.reviewed)
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

-- As in 20261201001800, with the refusal of one's own rounds.
create or replace function public.override_round_score(p_round_id uuid, p_score integer, p_reason text)
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
  if exists (
    select 1 from public.coaching_sessions s
     where s.id = p_round_id and s.learner_id in (select private.my_learner_ids())
  ) then
    raise exception 'A score on your own practice round is changed by another coach, not you.'
      using errcode = 'TL403';
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

-- As in 20261201001800, with the refusal of one's own session.
create or replace function public.mark_session_reviewed(p_session_id text, p_note text default null)
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
  if exists (
    select 1 from public.coaching_threads t
     where t.session_id = p_session_id and t.learner_id in (select private.my_learner_ids())
  ) then
    raise exception 'Your own practice session is reviewed by another coach, not you.'
      using errcode = 'TL403';
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
