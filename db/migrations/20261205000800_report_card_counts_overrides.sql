-- A report card written after a coach re-scored a round averages the coach's score, as
-- Review, My progress and the session list do (a robustness audit: a card written after an
-- override read "6.5/10 · 7.0/10 now, with a coach's score", as if the coach had changed it
-- afterwards). The body is 20261201001100's with the overall average on the scores analytics
-- use; the dimensions stay the AI's, which no override changes. Its grants stay.

create or replace function public.record_session_report(
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
  select count(*)::int, round(avg(coalesce(o.score, s.score)), 1) into v_scored, v_overall
    from public.coaching_sessions s
    left join lateral (
      select x.score from public.coaching_score_overrides x
       where x.round_id = s.id order by x.created_at desc, x.id desc limit 1
    ) o on true
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
