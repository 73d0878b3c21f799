-- A session whose first message is still waiting (the model failed, the message kept for
-- Retry) is listed, and a session with a message waiting says so. An audit with a model saw
-- two such sessions drop out of every list, their saved messages out of reach: the list was
-- built from recorded rounds only. Columns as in 20261202000100, with `waiting` last.
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
  greatest(max(s.created_at), max(p.created_at)) as last_active_at,
  left((array_agg(s.learner_message order by s.round_number))[1], 120) as title,
  (select r.created_at from public.coaching_session_reports r
    where r.session_id = s.session_id) as report_written_at,
  count(p.session_id) > 0 as waiting
from public.coaching_sessions s
left join (
  select distinct on (x.round_id) x.round_id, x.score
    from public.coaching_score_overrides x
   order by x.round_id, x.created_at desc, x.id desc
) o on o.round_id = s.id
left join public.coaching_pending_messages p
  on p.session_id = s.session_id and s.round_number = 1
where s.session_id is not null
group by s.session_id, s.learner_id, s.domain_id
union all
select
  p.session_id,
  p.learner_id,
  p.domain_id,
  0,
  null,
  0,
  p.created_at,
  p.created_at,
  left(p.learner_message, 120),
  null,
  true
from public.coaching_pending_messages p
where not exists (
  select 1 from public.coaching_sessions s where s.session_id = p.session_id
);
