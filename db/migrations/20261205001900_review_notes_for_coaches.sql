-- A review note is for coaches. The form says "for other coaches", but the session's student
-- could read every note on their sessions, and who wrote it, straight from the table or the
-- round view (a security audit: "For coaches only: Maya seems anxious…" came back to Maya's
-- own token through PostgREST). Reviews and their notes are now read by coaches and admins
-- only; what the student's pages need of a review, whether a round is covered by one ("Reviewed
-- by a coach" on My progress), is kept in coaching_session_reviewed, which follows the review
-- row by trigger, so every writer (mark_session_reviewed, an override, the seed, a demo reset)
-- keeps it current without knowing it exists.

create table public.coaching_session_reviewed (
  session_id text primary key
    references public.coaching_session_reviews (session_id) on delete cascade,
  covers_through timestamptz not null
);
comment on table public.coaching_session_reviewed is
  'How far a session is reviewed (its review''s covers_through), without the review''s names '
  'and note: what the session''s student may read of it. Written by trigger only.';

insert into public.coaching_session_reviewed (session_id, covers_through)
select r.session_id, coalesce(r.covers_through, r.reviewed_at)
  from public.coaching_session_reviews r;

create function private.mirror_session_reviewed()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  insert into public.coaching_session_reviewed as m (session_id, covers_through)
  values (new.session_id, coalesce(new.covers_through, new.reviewed_at))
  on conflict (session_id) do update set covers_through = excluded.covers_through;
  return null;
end
$$;
revoke all on function private.mirror_session_reviewed() from public;

create trigger coaching_session_reviews_mirror
  after insert or update on public.coaching_session_reviews
  for each row execute function private.mirror_session_reviewed();

alter table public.coaching_session_reviewed enable row level security;
create policy "Learners see how far their sessions are reviewed; coaches and admins all"
  on public.coaching_session_reviewed for select to authenticated
  using (
    (select private.is_staff())
    or session_id in (
      select t.session_id from public.coaching_threads t
       where t.learner_id in (select private.my_learner_ids())
    )
  );
revoke all on public.coaching_session_reviewed from anon, authenticated;
grant select on public.coaching_session_reviewed to authenticated;
grant all on public.coaching_session_reviewed to service_role;

drop policy "Learners read their sessions' reviews; coaches and admins all"
  on public.coaching_session_reviews;
create policy "Coaches and admins read reviews and their notes"
  on public.coaching_session_reviews for select to authenticated
  using ((select private.is_staff()));

-- Columns as in 20261205000700; `reviewed` reads the student-readable coverage, so a student
-- still sees it while the review's names and note come back null to them.
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
  coalesce(cv.covers_through >= s.created_at, false) as reviewed,
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
left join public.coaching_session_reviewed cv on cv.session_id = s.session_id
left join (
  select distinct on (x.round_id)
         x.round_id, x.score, x.reason, x.coach_name, x.created_at,
         (count(*) over (partition by x.round_id))::int as override_count
    from public.coaching_score_overrides x
   order by x.round_id, x.created_at desc, x.id desc
) o on o.round_id = s.id;
