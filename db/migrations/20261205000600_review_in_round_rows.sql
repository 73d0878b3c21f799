-- The Review page's CSV says who reviewed each round's session, when, and the review note
-- with its writer (a coach-review audit: the export had a `reviewed` flag and nothing of
-- the review a coach had written). Columns as in 20261202000200, these five appended (a
-- view may only gain columns at its end); review_rounds returns `v.*` and follows. A
-- learner reads their own sessions' reviews already (policy "Learners read their sessions'
-- reviews; coaches and admins all"), so nothing new is shown to anyone.

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
  s.not_scored_reason,
  rv.reviewer_name as reviewed_by_name,
  rv.reviewed_at,
  rv.note as review_note,
  rv.note_by_name as review_note_by,
  rv.noted_at as review_noted_at
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
