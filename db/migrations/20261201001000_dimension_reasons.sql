-- A score a coach can trust says why (the coaching-quality issue): every dimension of a
-- round gets a one-line reason, and a dimension the judge did not score stays unscored
-- (null) instead of being filled in with something it never said.
--
-- assessment_problem gains the reasons and accepts a null dimension value; the guard
-- trigger, record_coaching_round and set_round_score pass them. The bodies are the latest
-- ones (20261201000300) with the reasons added; their checks are kept.

alter table public.coaching_sessions
  add column dimension_reasons jsonb
    constraint coaching_sessions_dimension_reasons_check
    check (dimension_reasons is null or jsonb_typeof(dimension_reasons) = 'object');

comment on column public.coaching_sessions.dimension_reasons is
  'One line per scored dimension saying why, pointing at the learner''s words.';
comment on column public.coaching_sessions.dimension_scores is
  'Each of the persona''s dimensions with its score 1-10, or null when it was not scored.';

create function private.assessment_problem(
  p_domain_id text, p_score integer, p_feedback text, p_dimension_scores jsonb,
  p_dimension_reasons jsonb
) returns text
language plpgsql stable
set search_path = ''
as $$
declare
  v_expected text[];
  v_given text[];
  v_value jsonb;
  v_name text;
begin
  if p_score is null then
    if p_feedback is not null or p_dimension_scores is not null
       or p_dimension_reasons is not null then
      return 'An unscored round has no feedback, dimension scores or reasons.';
    end if;
    return null;
  end if;
  if p_score not between 1 and 10 then
    return 'The score must be a whole number from 1 to 10.';
  end if;
  if p_feedback is null or char_length(btrim(p_feedback)) = 0 then
    return 'A score needs one line of feedback.';
  end if;
  if char_length(p_feedback) > 2000 then
    return 'Feedback must be at most 2000 characters.';
  end if;
  select coalesce(array_agg(d order by d), '{}') into v_expected
    from public.coaching_personas pe,
         jsonb_array_elements_text(coalesce(pe.evaluation_criteria -> 'dimensions', '[]')) d
   where pe.domain_id = p_domain_id;
  if p_dimension_scores is null then
    v_given := '{}';
  elsif jsonb_typeof(p_dimension_scores) <> 'object' then
    return 'Dimension scores must name each dimension with its score.';
  else
    select coalesce(array_agg(k order by k), '{}') into v_given
      from jsonb_object_keys(p_dimension_scores) k;
  end if;
  if v_given is distinct from v_expected then
    return 'Dimension scores must cover exactly this coach''s dimensions: '
      || array_to_string(v_expected, ', ') || '.';
  end if;
  for v_value in select value from jsonb_each(coalesce(p_dimension_scores, '{}')) loop
    if jsonb_typeof(v_value) = 'null' then
      continue;  -- not scored: shown as such, never filled in
    end if;
    if jsonb_typeof(v_value) <> 'number' or v_value::text !~ '^([1-9]|10)$' then
      return 'Each dimension score must be a whole number from 1 to 10, or null when it '
        || 'was not scored.';
    end if;
  end loop;
  if p_dimension_reasons is null then
    return null;
  end if;
  if jsonb_typeof(p_dimension_reasons) <> 'object' then
    return 'Dimension reasons must name each dimension with one line.';
  end if;
  for v_name, v_value in select key, value from jsonb_each(p_dimension_reasons) loop
    if not v_name = any (v_expected) then
      return 'A reason names ' || left(v_name, 60) || ', which is not one of this coach''s '
        || 'dimensions: ' || array_to_string(v_expected, ', ') || '.';
    end if;
    if jsonb_typeof(v_value) <> 'string' or char_length(v_value #>> '{}') not between 1 and 300
    then
      return 'Each dimension reason must be one line of 1 to 300 characters.';
    end if;
  end loop;
  return null;
end
$$;

create or replace function private.guard_coaching_round() returns trigger
language plpgsql
set search_path = ''
as $$
declare
  v_owner text;
  v_problem text;
begin
  if tg_op = 'INSERT' then
    if new.session_id is not null then
      select t.learner_id into v_owner
        from public.coaching_threads t where t.session_id = new.session_id;
      if not found then  -- seeds and imports write rounds directly: the thread follows
        insert into public.coaching_threads (session_id, learner_id, domain_id)
        values (new.session_id, new.learner_id, new.domain_id);
        v_owner := new.learner_id;
      end if;
      if v_owner is distinct from new.learner_id then
        raise exception 'That session belongs to someone else.' using errcode = 'TL403';
      end if;
    end if;
  elsif new.learner_id is distinct from old.learner_id
     or new.session_id is distinct from old.session_id
     or new.learner_message is distinct from old.learner_message
     or new.coach_response is distinct from old.coach_response then
    raise exception 'A recorded round cannot be rewritten.' using errcode = 'TL409';
  end if;
  v_problem := private.assessment_problem(
    new.domain_id, new.score, new.feedback, new.dimension_scores, new.dimension_reasons);
  if v_problem is not null then
    raise exception '%', v_problem using errcode = 'TL400';
  end if;
  return new;
end
$$;

drop function private.assessment_problem(text, integer, text, jsonb);

drop function public.record_coaching_round(
  uuid, text, text, integer, text, text, integer, integer, text, jsonb);

-- Called by the server as service_role, on behalf of p_user_id (the signed-in person the
-- server resolved; never an id from the browser).
create function public.record_coaching_round(
  p_user_id uuid,
  p_domain_id text,
  p_session_id text,
  p_round_number integer,
  p_learner_message text,
  p_coach_response text,
  p_response_time_ms integer default null,
  p_score integer default null,
  p_feedback text default null,
  p_dimension_scores jsonb default null,
  p_dimension_reasons jsonb default null
) returns setof public.coaching_sessions
language plpgsql
set search_path = ''
as $$
declare
  v_thread public.coaching_threads;
begin
  perform private.require_service();
  select t.* into v_thread
    from public.coaching_threads t
    join public.learners l on l.id::text = t.learner_id
   where t.session_id = p_session_id and l.user_id = p_user_id;
  if not found then
    raise exception 'That session is not yours, or it no longer exists.' using errcode = 'TL403';
  end if;
  delete from public.coaching_pending_messages where session_id = p_session_id;
  return query
  insert into public.coaching_sessions as s
    (learner_id, domain_id, session_id, round_number, learner_message, coach_response,
     response_time_ms, score, feedback, dimension_scores, dimension_reasons)
  values (v_thread.learner_id, v_thread.domain_id, p_session_id, p_round_number,
          p_learner_message, p_coach_response, p_response_time_ms, p_score, p_feedback,
          p_dimension_scores, p_dimension_reasons)
  returning s.*;
end
$$;
revoke all on function public.record_coaching_round(
  uuid, text, text, integer, text, text, integer, integer, text, jsonb, jsonb)
  from public, anon, authenticated;
grant execute on function public.record_coaching_round(
  uuid, text, text, integer, text, text, integer, integer, text, jsonb, jsonb) to service_role;

drop function public.set_round_score(uuid, integer, text, jsonb);

create function public.set_round_score(
  p_round_id uuid,
  p_score integer,
  p_feedback text,
  p_dimension_scores jsonb default null,
  p_dimension_reasons jsonb default null
) returns setof public.coaching_sessions
language plpgsql
set search_path = ''
as $$
begin
  perform private.require_service();
  return query
  update public.coaching_sessions s set
    score = p_score, feedback = p_feedback, dimension_scores = p_dimension_scores,
    dimension_reasons = p_dimension_reasons
  where s.id = p_round_id
  returning s.*;
  if not found then
    raise exception 'That coaching round was not found.' using errcode = 'TL404';
  end if;
end
$$;
revoke all on function public.set_round_score(uuid, integer, text, jsonb, jsonb)
  from public, anon, authenticated;
grant execute on function public.set_round_score(uuid, integer, text, jsonb, jsonb)
  to service_role;
