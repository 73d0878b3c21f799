-- "End session" writes a report card: one per session, rewritten each time the session is
-- ended again. The numbers on it (how many rounds were scored, the overall and the
-- per-dimension averages) are computed here from the stored rounds, so neither a model nor
-- any caller can put a number on a student's report that their rounds do not support; the
-- words (strengths, next steps, summary) and who wrote them come from the server.
--
-- A student reads their own report (coaches and admins read every one, as they review every
-- session); only the server's privileged path writes one (record_session_report, service
-- role). Deleting a session deletes its report with it (foreign key, on delete cascade).

-- Each line short and not blank: a report card is read at a glance.
create function private.short_lines(p_lines text[], p_max integer) returns boolean
language sql immutable
set search_path = ''
as $$
  select coalesce(bool_and(l is not null and btrim(l) <> '' and char_length(l) <= p_max), true)
    from unnest(p_lines) l
$$;
grant execute on function private.short_lines(text[], integer)
  to anon, authenticated, service_role;

create table public.coaching_session_reports (
  session_id text primary key
    references public.coaching_threads (session_id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  domain_id text not null references public.coaching_domains (id),
  rounds_scored integer not null
    constraint coaching_session_reports_rounds_scored_check check (rounds_scored >= 1),
  overall_average numeric(3,1) not null
    constraint coaching_session_reports_overall_average_check
    check (overall_average between 1 and 10),
  -- dimension -> average (1-10, one decimal); a dimension nobody scored is absent
  dimension_averages jsonb not null default '{}'
    constraint coaching_session_reports_dimension_averages_check
    check (jsonb_typeof(dimension_averages) = 'object'),
  strengths text[] not null
    constraint coaching_session_reports_strengths_check
    check (cardinality(strengths) between 1 and 3 and private.short_lines(strengths, 300)),
  next_steps text[] not null
    constraint coaching_session_reports_next_steps_check
    check (cardinality(next_steps) between 1 and 3 and private.short_lines(next_steps, 300)),
  summary text not null
    constraint coaching_session_reports_summary_check
    check (btrim(summary) <> '' and char_length(summary) <= 400),
  written_by text not null
    constraint coaching_session_reports_written_by_check
    check (btrim(written_by) <> '' and char_length(written_by) <= 200),
  created_at timestamptz not null default public.app_now()  -- when this version was written
);
create index coaching_session_reports_user_idx on public.coaching_session_reports (user_id);

alter table public.coaching_session_reports enable row level security;
create policy "Students read their own reports; coaches and admins review all"
  on public.coaching_session_reports for select to authenticated
  using (user_id = (select auth.uid()) or (select private.is_staff()));
revoke insert, update, delete, truncate on public.coaching_session_reports
  from anon, authenticated;

-- Called by the server as service_role, on behalf of p_user_id (the signed-in person the
-- server resolved, never an id from the browser). p_rounds_scored is how many scored rounds
-- the words were written from: if the session has changed since (a round was recorded or
-- scored meanwhile), the report would describe rounds it never saw, so it is refused.
create function public.record_session_report(
  p_user_id uuid,
  p_session_id text,
  p_rounds_scored integer,
  p_strengths text[],
  p_next_steps text[],
  p_summary text,
  p_written_by text
) returns setof public.coaching_session_reports
language plpgsql security definer
set search_path = ''
as $$
declare
  v_thread public.coaching_threads;
  v_scored integer;
  v_overall numeric;
  v_dimensions jsonb;
begin
  perform private.require_service();
  if p_session_id is null or p_session_id = '' then
    raise exception 'Please choose a session.' using errcode = 'TL400';
  end if;
  select t.* into v_thread
    from public.coaching_threads t
    join public.learners l on l.id::text = t.learner_id
   where t.session_id = p_session_id and l.user_id = p_user_id;
  if not found then
    raise exception 'That session is not yours, or it no longer exists.' using errcode = 'TL403';
  end if;
  if p_strengths is null or cardinality(p_strengths) not between 1 and 3
     or not private.short_lines(p_strengths, 300) then
    raise exception 'A report needs one to three strengths, each 1 to 300 characters.'
      using errcode = 'TL400';
  end if;
  if p_next_steps is null or cardinality(p_next_steps) not between 1 and 3
     or not private.short_lines(p_next_steps, 300) then
    raise exception 'A report needs one to three next steps, each 1 to 300 characters.'
      using errcode = 'TL400';
  end if;
  if p_summary is null or btrim(p_summary) = '' or char_length(p_summary) > 400 then
    raise exception 'A report needs a summary of 1 to 400 characters.' using errcode = 'TL400';
  end if;
  if p_written_by is null or btrim(p_written_by) = '' or char_length(p_written_by) > 200 then
    raise exception 'A report must say who wrote it (1 to 200 characters).'
      using errcode = 'TL400';
  end if;

  -- The numbers, from the rounds as stored; a dimension without a number was not scored.
  select count(*)::int, round(avg(s.score), 1) into v_scored, v_overall
    from public.coaching_sessions s
   where s.session_id = p_session_id and s.score is not null;
  if v_scored = 0 then
    raise exception 'Nothing in this session has been scored yet, so there is no report to write.'
      using errcode = 'TL400';
  end if;
  if p_rounds_scored is distinct from v_scored then
    raise exception 'This session changed while its report was being written. Please end it again.'
      using errcode = 'TL409';
  end if;
  select coalesce(jsonb_object_agg(d.key, d.average), '{}') into v_dimensions
    from (select e.key, round(avg(e.value::numeric), 1) as average
            from public.coaching_sessions s,
                 jsonb_each(coalesce(s.dimension_scores, '{}')) e
           where s.session_id = p_session_id and s.score is not null
             and jsonb_typeof(e.value) = 'number'
           group by e.key) d;

  return query
  insert into public.coaching_session_reports as r
    (session_id, user_id, domain_id, rounds_scored, overall_average, dimension_averages,
     strengths, next_steps, summary, written_by)
  values (p_session_id, p_user_id, v_thread.domain_id, v_scored, v_overall, v_dimensions,
          p_strengths, p_next_steps, p_summary, p_written_by)
  on conflict (session_id) do update set
    rounds_scored = excluded.rounds_scored,
    overall_average = excluded.overall_average,
    dimension_averages = excluded.dimension_averages,
    strengths = excluded.strengths,
    next_steps = excluded.next_steps,
    summary = excluded.summary,
    written_by = excluded.written_by,
    created_at = public.app_now()
  returning r.*;
end
$$;
revoke all on function public.record_session_report(
  uuid, text, integer, text[], text[], text, text) from public, anon, authenticated;
grant execute on function public.record_session_report(
  uuid, text, integer, text[], text[], text, text) to service_role;

-- The session list says whether a session has a report, and when it was written (so the
-- page can tell a report from before the latest rounds). Columns as in 20261201000800, with
-- the new one last; still security_invoker, so RLS on both tables decides.
create or replace view public.coaching_session_summaries
with (security_invoker = true)
as
select
  s.session_id,
  s.learner_id,
  s.domain_id,
  count(*)::int as rounds,
  round(avg(s.score), 1) as average_score,
  count(*) filter (where s.score is null)::int as unscored_rounds,
  min(s.created_at) as started_at,
  max(s.created_at) as last_active_at,
  left((array_agg(s.learner_message order by s.round_number))[1], 120) as title,
  (select r.created_at from public.coaching_session_reports r
    where r.session_id = s.session_id) as report_written_at
from public.coaching_sessions s
where s.session_id is not null
group by s.session_id, s.learner_id, s.domain_id;
