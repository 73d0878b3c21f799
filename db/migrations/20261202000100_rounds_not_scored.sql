-- A round that is not an answer (a question to the coach, a thank-you, a goodbye) is kept
-- without a score and says why. Scoring "What should I do first?" 1/10 punished asking the
-- coach, and sank the session's averages and its report card. Such a round is not "unscored"
-- either: that means the judge failed and the server scores it again on the next message.
--
-- Also: the session list's average is the one the coach's review and My progress show, the
-- coach's score where a coach changed the AI's (it was the AI's alone, so a student read 7.8
-- in Chat and 7.5 on My progress for the same session).

alter table public.coaching_sessions
  add column not_scored_reason text
    constraint coaching_sessions_not_scored_reason_check
    check (not_scored_reason is null
           or (score is null and char_length(not_scored_reason) between 1 and 200));

comment on column public.coaching_sessions.not_scored_reason is
  'Why the round has no score on purpose ("a question to the coach, not an answer"); null '
  'with a null score means the judge has not scored it yet.';

drop function public.record_coaching_round(
  uuid, text, text, integer, text, text, integer, integer, text, jsonb, jsonb);

-- Called by the server as service_role, on behalf of p_user_id (the signed-in person the
-- server resolved; never an id from the browser). The body is 20261201001000's with the
-- reason added.
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
  p_dimension_reasons jsonb default null,
  p_not_scored_reason text default null
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
     response_time_ms, score, feedback, dimension_scores, dimension_reasons, not_scored_reason)
  values (v_thread.learner_id, v_thread.domain_id, p_session_id, p_round_number,
          p_learner_message, p_coach_response, p_response_time_ms, p_score, p_feedback,
          p_dimension_scores, p_dimension_reasons, p_not_scored_reason)
  returning s.*;
end
$$;
revoke all on function public.record_coaching_round(
  uuid, text, text, integer, text, text, integer, integer, text, jsonb, jsonb, text)
  from public, anon, authenticated;
grant execute on function public.record_coaching_round(
  uuid, text, text, integer, text, text, integer, integer, text, jsonb, jsonb, text)
  to service_role;

-- Columns as in 20261201001100. unscored_rounds leaves out the rounds not scored on purpose;
-- average_score is over the coach's score where there is one (the newest override).
create or replace view public.coaching_session_summaries
with (security_invoker = true)
as
select
  s.session_id,
  s.learner_id,
  s.domain_id,
  count(*)::int as rounds,
  round(avg(coalesce(o.score, s.score)), 1) as average_score,
  count(*) filter (where s.score is null and s.not_scored_reason is null)::int
    as unscored_rounds,
  min(s.created_at) as started_at,
  max(s.created_at) as last_active_at,
  left((array_agg(s.learner_message order by s.round_number))[1], 120) as title,
  (select r.created_at from public.coaching_session_reports r
    where r.session_id = s.session_id) as report_written_at
from public.coaching_sessions s
left join (
  select distinct on (x.round_id) x.round_id, x.score
    from public.coaching_score_overrides x
   order by x.round_id, x.created_at desc, x.id desc
) o on o.round_id = s.id
where s.session_id is not null
group by s.session_id, s.learner_id, s.domain_id;

-- Columns as in 20261201001800, with the reason last.
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
  coalesce(s.session_id in (select r.session_id from public.coaching_session_reviews r), false)
    as reviewed,
  s.not_scored_reason
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
