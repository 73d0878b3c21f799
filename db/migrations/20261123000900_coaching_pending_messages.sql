-- A learner's message is stored here before the model is called and removed in the same
-- transaction that records its round, so a failed or interrupted reply never loses it.
-- (coaching_sessions needs a coach_response, so it cannot hold an unanswered message.)

create table public.coaching_pending_messages (
  session_id text primary key,
  learner_id text not null,
  domain_id text not null references public.coaching_domains (id),
  learner_message text not null
    constraint coaching_pending_messages_length_check
    check (char_length(learner_message) between 1 and 8000),
  created_at timestamptz not null default now()
);

create index coaching_pending_messages_learner_idx
  on public.coaching_pending_messages (learner_id);

alter table public.coaching_pending_messages enable row level security;

create policy "Learners read their own pending messages"
  on public.coaching_pending_messages for select to authenticated
  using (learner_id in (select private.my_learner_ids()));
create policy "Learners queue their own messages"
  on public.coaching_pending_messages for insert to authenticated
  with check (learner_id in (select private.my_learner_ids()));
create policy "Learners replace their own pending messages"
  on public.coaching_pending_messages for update to authenticated
  using (learner_id in (select private.my_learner_ids()))
  with check (learner_id in (select private.my_learner_ids()));
create policy "Learners clear their own pending messages"
  on public.coaching_pending_messages for delete to authenticated
  using (learner_id in (select private.my_learner_ids()));

-- The signed-in person's learner id, or a sentence saying why there is none.
create function private.require_learner() returns text
language plpgsql stable
set search_path = ''
as $$
declare
  v_learner text;
begin
  perform private.require_user();
  select id into v_learner from private.my_learner_ids() as id limit 1;
  if v_learner is null then
    raise exception 'Your learner profile is missing. Please sign in again.' using errcode = 'TL403';
  end if;
  return v_learner;
end
$$;
grant execute on function private.require_learner() to anon, authenticated, service_role;

create function public.save_pending_message(
  p_session_id text,
  p_domain_id text,
  p_learner_message text
) returns setof public.coaching_pending_messages
language plpgsql
set search_path = ''
as $$
declare
  v_learner text := private.require_learner();
begin
  return query
  insert into public.coaching_pending_messages as p
    (session_id, learner_id, domain_id, learner_message)
  values (p_session_id, v_learner, p_domain_id, p_learner_message)
  on conflict (session_id) do update
    set learner_message = excluded.learner_message, created_at = now()
  returning p.*;
end
$$;

create or replace function public.record_coaching_round(
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
  v_learner text := private.require_learner();
begin
  delete from public.coaching_pending_messages where session_id = p_session_id;
  return query
  insert into public.coaching_sessions as s
    (learner_id, domain_id, session_id, round_number, learner_message, coach_response,
     response_time_ms, score, feedback, dimension_scores)
  values (v_learner, p_domain_id, p_session_id, p_round_number, p_learner_message,
          p_coach_response, p_response_time_ms, p_score, p_feedback, p_dimension_scores)
  returning s.*;
end
$$;
