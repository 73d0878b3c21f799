-- A review covers the rounds the coach had on screen, not every round stored when the click
-- arrived (a robustness audit: a coach's Review tab drawn at round 4 pressed "Mark reviewed
-- again" after the learner wrote "honestly i don't want to be alive anymore" as round 5; round
-- 5 was marked reviewed unseen, and Home's "Read first" alert went away). An override, which
-- marks its session reviewed, covers what its page showed too. And a review note is not
-- overwritten unseen: a coach whose page showed an older note (or none) is told who wrote the
-- newer one, as an override already is (the audit lost "round 5 is a crisis message - I
-- phoned Jordan's counselor" to another coach's "pricing objection practice ok").
--
-- covers_through: the newest round the review covers (by created_at); a round is reviewed
-- when it is no newer. Without a seen round (a direct call, a seed) a review covers the
-- rounds stored when it was made, as before. It never moves back: a stale tab's review of rounds 1-4 leaves a
-- review of round 5 standing.

-- null (a row a seed or an import wrote): it covers what existed at reviewed_at
alter table public.coaching_session_reviews add column covers_through timestamptz;
update public.coaching_session_reviews set covers_through = reviewed_at;

-- Columns as in 20261205000600; only `reviewed` reads covers_through.
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
  coalesce(coalesce(rv.covers_through, rv.reviewed_at) >= s.created_at, false) as reviewed,
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

-- The newest round of a session a page showed (rounds numbered up to p_seen_round).
create function private.rounds_seen_through(p_session_id text, p_seen_round integer)
returns timestamptz
language sql stable
set search_path = ''
as $$
  select max(s.created_at)
    from public.coaching_sessions s
   where s.session_id = p_session_id
     and s.round_number <= p_seen_round
$$;
revoke all on function private.rounds_seen_through(text, integer) from public;

-- An override marks its session reviewed through the rounds its page showed: the override
-- function leaves that in the transaction (tl.review_seen_round); a seed or an import leaves
-- nothing, and covers every round.
create or replace function private.review_overridden_session() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  v_seen integer := nullif(current_setting('tl.review_seen_round', true), '')::integer;
  v_session text;
  v_through timestamptz;
begin
  select s.session_id into v_session
    from public.coaching_sessions s
   where s.id = new.round_id
     and exists (select 1 from public.coaching_threads t where t.session_id = s.session_id);
  if v_session is null then
    return null;
  end if;
  v_through := case when v_seen is null then new.created_at
                    else coalesce(private.rounds_seen_through(v_session, v_seen), new.created_at)
               end;
  insert into public.coaching_session_reviews as r
    (session_id, reviewed_by, reviewer_name, reviewed_at, covers_through)
  values (v_session, new.coach_id, new.coach_name, new.created_at, v_through)
  on conflict (session_id) do update set
    reviewed_by = excluded.reviewed_by,
    reviewer_name = excluded.reviewer_name,
    reviewed_at = excluded.reviewed_at,
    covers_through = greatest(coalesce(r.covers_through, r.reviewed_at), excluded.covers_through)
  where excluded.reviewed_at >= r.reviewed_at;
  return null;
end
$$;

-- The body is 20261203000100's, with the seen round passed to the trigger above. A new
-- signature: the old one is dropped, so PostgREST has one function of this name to call.
drop function public.override_round_score(uuid, integer, text);
create function public.override_round_score(
  p_round_id uuid,
  p_score integer,
  p_reason text,
  p_seen_round integer default null
) returns setof public.coaching_score_overrides
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
  if p_seen_round is not null and p_seen_round < 1 then
    raise exception 'The rounds shown must be counted from 1.' using errcode = 'TL400';
  end if;
  if not exists (select 1 from public.coaching_sessions s where s.id = p_round_id) then
    raise exception 'That coaching round was not found.' using errcode = 'TL404';
  end if;
  if exists (
    select 1 from public.coaching_sessions s
     where s.id = p_round_id and s.not_scored_reason is not null
  ) then
    raise exception 'That round was kept without a score (not an answer), so there is no score to change.'
      using errcode = 'TL400';
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
  perform set_config('tl.review_seen_round', coalesce(p_seen_round::text, ''), true);
  return query
  insert into public.coaching_score_overrides as o
    (round_id, score, reason, coach_id, coach_name, created_at)
  values (p_round_id, p_score, v_reason, auth.uid(), v_name, v_at)
  returning o.*;
end
$$;
revoke all on function public.override_round_score(uuid, integer, text, integer)
  from public, anon, service_role;
grant execute on function public.override_round_score(uuid, integer, text, integer)
  to authenticated;

-- The body is 20261205000400's, with the rounds seen and the note seen. p_note_seen_at is
-- when the note the page showed was written (null: it showed none); left out ('infinity'),
-- nothing is checked, as before.
drop function public.mark_session_reviewed(text, text);
create function public.mark_session_reviewed(
  p_session_id text,
  p_note text default null,
  p_seen_round integer default null,
  p_note_seen_at timestamptz default 'infinity'
) returns setof public.coaching_session_reviews
language plpgsql security definer
set search_path = ''
as $$
declare
  v_name text := private.require_staff('Only coaches and admins can mark a session reviewed.');
  v_note text := nullif(btrim(p_note), '');
  v_through timestamptz;
  v_newer record;
begin
  if p_session_id is null or p_session_id = '' then
    raise exception 'Please choose a session.' using errcode = 'TL400';
  end if;
  if char_length(v_note) > 1000 then
    raise exception 'A review note must be at most 1000 characters.' using errcode = 'TL400';
  end if;
  if p_seen_round is not null and p_seen_round < 1 then
    raise exception 'The rounds shown must be counted from 1.' using errcode = 'TL400';
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
  if v_note is not null and p_note_seen_at is distinct from 'infinity'::timestamptz then
    select r.note_by_name, r.note into v_newer
      from public.coaching_session_reviews r
     where r.session_id = p_session_id
       and r.note is not null
       and r.noted_at is distinct from p_note_seen_at;
    if found then
      raise exception '% wrote a note after this page showed the session: “%”. It is shown now: add to it or write yours, then save again.',
        coalesce(v_newer.note_by_name, 'Another coach'), left(v_newer.note, 200)
        using errcode = 'TL409';
    end if;
  end if;
  v_through := case when p_seen_round is null then public.app_now()
                    else coalesce(private.rounds_seen_through(p_session_id, p_seen_round),
                                  public.app_now())
               end;
  return query
  insert into public.coaching_session_reviews as r
    (session_id, reviewed_by, reviewer_name, reviewed_at, note, note_by_name, noted_at,
     covers_through)
  values (p_session_id, auth.uid(), v_name, public.app_now(), v_note,
          case when v_note is not null then v_name end,
          case when v_note is not null then public.app_now() end,
          v_through)
  on conflict (session_id) do update set
    reviewed_by = excluded.reviewed_by,
    reviewer_name = excluded.reviewer_name,
    reviewed_at = excluded.reviewed_at,
    covers_through = greatest(coalesce(r.covers_through, r.reviewed_at),
                              excluded.covers_through),
    -- marking again without a note keeps the old one, and who wrote it
    note = coalesce(excluded.note, r.note),
    note_by_name = case when excluded.note is not null then excluded.note_by_name
                        else r.note_by_name end,
    noted_at = case when excluded.note is not null then excluded.noted_at else r.noted_at end
  returning r.*;
end
$$;
revoke all on function public.mark_session_reviewed(text, text, integer, timestamptz)
  from public, anon, service_role;
grant execute on function public.mark_session_reviewed(text, text, integer, timestamptz)
  to authenticated;
