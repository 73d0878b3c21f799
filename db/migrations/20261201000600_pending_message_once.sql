-- A learner's message waits in coaching_pending_messages until its round is recorded. A
-- second message while one waits is refused here, in the same statement that would store
-- it, instead of by a separate read before it (one round trip less per turn, and no race
-- between two tabs).

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
  v_saved public.coaching_pending_messages;
begin
  if p_domain_id is distinct from v_thread.domain_id then
    raise exception 'That message is for another coach''s session.' using errcode = 'TL400';
  end if;
  insert into public.coaching_pending_messages as p
    (session_id, learner_id, domain_id, learner_message)
  values (p_session_id, v_thread.learner_id, v_thread.domain_id, p_learner_message)
  on conflict (session_id) do nothing
  returning p.* into v_saved;
  if v_saved.session_id is null then
    raise exception 'Your previous message is still waiting: retry it first.'
      using errcode = 'TL400';
  end if;
  return next v_saved;
end
$$;
