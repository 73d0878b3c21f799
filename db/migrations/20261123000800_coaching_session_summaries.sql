-- One row per coaching session for the session list and the coach review: the view runs
-- with the caller's rights (security_invoker), so RLS on coaching_sessions still decides.
create view public.coaching_session_summaries
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
  max(s.created_at) as last_active_at
from public.coaching_sessions s
where s.session_id is not null
group by s.session_id, s.learner_id, s.domain_id;

revoke all on public.coaching_session_summaries from anon;
grant select on public.coaching_session_summaries to authenticated, service_role;
