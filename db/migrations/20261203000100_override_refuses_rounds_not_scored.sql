-- A round kept without a score on purpose (a question to the coach, a goodbye) has no AI
-- score to change: Review offers no override on it, and now neither does the database, so
-- a direct call cannot hang a coach's score on a round the averages and the report card
-- leave out. The body is 20261202000200's with that one refusal added.

create or replace function public.override_round_score(p_round_id uuid, p_score integer, p_reason text)
returns setof public.coaching_score_overrides
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
  return query
  insert into public.coaching_score_overrides as o
    (round_id, score, reason, coach_id, coach_name, created_at)
  values (p_round_id, p_score, v_reason, auth.uid(), v_name, v_at)
  returning o.*;
end
$$;
