-- The session list names each session by how it began: the learner's first message (cut to
-- 120 characters) becomes its title. Still security_invoker: RLS on coaching_sessions
-- decides who sees which row.

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
  left((array_agg(s.learner_message order by s.round_number))[1], 120) as title
from public.coaching_sessions s
where s.session_id is not null
group by s.session_id, s.learner_id, s.domain_id;
