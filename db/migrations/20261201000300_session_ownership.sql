-- Ownership and scores, decided in SQL (the trust-boundary issue).
--
-- A coaching session is a thread the server creates for one learner
-- (start_coaching_session); every function that reads or writes a session checks that its
-- owner is the caller, so a stranger holding a session id (it is in the owner's URL) can
-- neither read, write nor break it. Rounds and their AI scores are written only through the
-- server's privileged path (service_role): no credential a student holds can set a score.
-- The database checks every assessment: integers 1-10, exactly the persona's dimensions,
-- bounded feedback.

create table public.coaching_threads (
  session_id text primary key
    constraint coaching_threads_session_id_length check (char_length(session_id) between 1 and 200),
  learner_id text not null,
  domain_id text not null references public.coaching_domains (id),
  created_at timestamptz not null default public.app_now()
);
create index coaching_threads_learner_idx on public.coaching_threads (learner_id, created_at desc);

insert into public.coaching_threads (session_id, learner_id, domain_id, created_at)
select distinct on (s.session_id) s.session_id, s.learner_id, s.domain_id, s.created_at
  from public.coaching_sessions s
 where s.session_id is not null and char_length(s.session_id) <= 200
 order by s.session_id, s.round_number;
insert into public.coaching_threads (session_id, learner_id, domain_id, created_at)
select p.session_id, p.learner_id, p.domain_id, p.created_at
  from public.coaching_pending_messages p
 where char_length(p.session_id) <= 200
on conflict (session_id) do nothing;

-- Every round and every pending message hangs off its thread (rows from before the threads
-- existed are not re-checked: not valid).
alter table public.coaching_sessions
  add constraint coaching_sessions_session_id_fkey foreign key (session_id)
  references public.coaching_threads (session_id) on delete cascade not valid;
alter table public.coaching_pending_messages
  add constraint coaching_pending_messages_session_id_fkey foreign key (session_id)
  references public.coaching_threads (session_id) on delete cascade not valid;

alter table public.coaching_threads enable row level security;
create policy "Learners read their own threads; coaches and admins review all"
  on public.coaching_threads for select to authenticated
  using (learner_id in (select private.my_learner_ids()) or (select private.is_staff()));
revoke insert, update, delete on public.coaching_threads from anon, authenticated;

-- Rounds and pending messages: read your own; write only through the functions below.
drop policy "Learners record their own rounds" on public.coaching_sessions;
drop policy "Learners' rounds get their scores" on public.coaching_sessions;
revoke insert, update, delete on public.coaching_sessions from anon, authenticated;

drop policy "Learners queue their own messages" on public.coaching_pending_messages;
drop policy "Learners replace their own pending messages" on public.coaching_pending_messages;
drop policy "Learners clear their own pending messages" on public.coaching_pending_messages;
revoke insert, update, delete on public.coaching_pending_messages from anon, authenticated;

-- What is wrong with an assessment, in a sentence; null when it is sound.
create function private.assessment_problem(
  p_domain_id text, p_score integer, p_feedback text, p_dimension_scores jsonb
) returns text
language plpgsql stable
set search_path = ''
as $$
declare
  v_expected text[];
  v_given text[];
  v_value jsonb;
begin
  if p_score is null then
    if p_feedback is not null or p_dimension_scores is not null then
      return 'An unscored round has no feedback or dimension scores.';
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
    if jsonb_typeof(v_value) <> 'number' or v_value::text !~ '^([1-9]|10)$' then
      return 'Each dimension score must be a whole number from 1 to 10.';
    end if;
  end loop;
  return null;
end
$$;

-- Every write of a round passes here, whoever writes it (functions, seeds, a superuser):
-- the round belongs to its session's learner, and its assessment is sound.
create function private.guard_coaching_round() returns trigger
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
    new.domain_id, new.score, new.feedback, new.dimension_scores);
  if v_problem is not null then
    raise exception '%', v_problem using errcode = 'TL400';
  end if;
  return new;
end
$$;

create trigger coaching_sessions_guard before insert or update on public.coaching_sessions
  for each row execute function private.guard_coaching_round();

-- The caller's own thread, or a refusal that says nothing about whose it is.
create function private.require_own_thread(p_session_id text) returns public.coaching_threads
language plpgsql stable
set search_path = ''
as $$
declare
  v_thread public.coaching_threads;
begin
  select * into v_thread from public.coaching_threads t
   where t.session_id = p_session_id
     and t.learner_id in (select private.my_learner_ids());
  if not found then
    raise exception 'That session is not yours, or it no longer exists.' using errcode = 'TL403';
  end if;
  return v_thread;
end
$$;
grant execute on function private.require_own_thread(text) to authenticated, service_role;

-- The one privileged path: only the server's service role may record rounds and scores.
create function private.require_service() returns void
language plpgsql stable
set search_path = ''
as $$
begin
  if coalesce(auth.role(), '') <> 'service_role' then
    raise exception 'Only the coaching service records rounds and scores.' using errcode = 'TL403';
  end if;
end
$$;
grant execute on function private.require_service() to authenticated, service_role;

create function public.start_coaching_session(p_domain_id text)
returns setof public.coaching_threads
language plpgsql security definer
set search_path = ''
as $$
declare
  v_learner text := private.require_learner();
  v_uid uuid := auth.uid();
begin
  if p_domain_id is null
     or not exists (select 1 from public.coaching_domains d
                     where d.id = p_domain_id and d.is_active) then
    raise exception 'That coach is not available.' using errcode = 'TL404';
  end if;
  return query
  insert into public.coaching_threads as t (session_id, learner_id, domain_id)
  values (v_uid::text || ':' || p_domain_id || ':' || replace(gen_random_uuid()::text, '-', ''),
          v_learner, p_domain_id)
  returning t.*;
end
$$;
revoke all on function public.start_coaching_session(text) from public, anon;
grant execute on function public.start_coaching_session(text) to authenticated, service_role;

create or replace function public.save_pending_message(
  p_session_id text,
  p_domain_id text,
  p_learner_message text
) returns setof public.coaching_pending_messages
language plpgsql security definer
set search_path = ''
as $$
declare
  v_thread public.coaching_threads := private.require_own_thread(p_session_id);
begin
  if p_domain_id is distinct from v_thread.domain_id then
    raise exception 'That message is for another coach''s session.' using errcode = 'TL400';
  end if;
  return query
  insert into public.coaching_pending_messages as p
    (session_id, learner_id, domain_id, learner_message)
  values (p_session_id, v_thread.learner_id, v_thread.domain_id, p_learner_message)
  on conflict (session_id) do update
    set learner_message = excluded.learner_message, created_at = public.app_now()
  returning p.*;
end
$$;
revoke all on function public.save_pending_message(text, text, text) from public, anon;
grant execute on function public.save_pending_message(text, text, text)
  to authenticated, service_role;

drop function public.record_coaching_round(
  text, text, integer, text, text, integer, integer, text, jsonb);

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
  p_dimension_scores jsonb default null
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
     response_time_ms, score, feedback, dimension_scores)
  values (v_thread.learner_id, v_thread.domain_id, p_session_id, p_round_number,
          p_learner_message, p_coach_response, p_response_time_ms, p_score, p_feedback,
          p_dimension_scores)
  returning s.*;
end
$$;
revoke all on function public.record_coaching_round(
  uuid, text, text, integer, text, text, integer, integer, text, jsonb) from public, anon, authenticated;
grant execute on function public.record_coaching_round(
  uuid, text, text, integer, text, text, integer, integer, text, jsonb) to service_role;

create or replace function public.set_round_score(
  p_round_id uuid,
  p_score integer,
  p_feedback text,
  p_dimension_scores jsonb default null
) returns setof public.coaching_sessions
language plpgsql
set search_path = ''
as $$
begin
  perform private.require_service();
  return query
  update public.coaching_sessions s set
    score = p_score, feedback = p_feedback, dimension_scores = p_dimension_scores
  where s.id = p_round_id
  returning s.*;
  if not found then
    raise exception 'That coaching round was not found.' using errcode = 'TL404';
  end if;
end
$$;
revoke all on function public.set_round_score(uuid, integer, text, jsonb)
  from public, anon, authenticated;
grant execute on function public.set_round_score(uuid, integer, text, jsonb) to service_role;

-- A learner may drop their own unanswered message (the Chat page's "discard").
create function public.discard_pending_message(p_session_id text)
returns setof public.coaching_pending_messages
language plpgsql security definer
set search_path = ''
as $$
declare
  v_thread public.coaching_threads := private.require_own_thread(p_session_id);
begin
  return query
  delete from public.coaching_pending_messages p
   where p.session_id = v_thread.session_id
  returning p.*;
end
$$;
revoke all on function public.discard_pending_message(text) from public, anon;
grant execute on function public.discard_pending_message(text) to authenticated, service_role;
