-- A chat message of only invisible characters is refused as blank, as a blank one is (the
-- chat's edge refuses it: "Type a message first."; this holds for any caller). A browser
-- audit sent "\u200b\u200b": an empty bubble and a scored round. The body is
-- 20261201000700's, with that check; its grants stay (`create or replace`).

create or replace function public.save_pending_message(
  p_session_id text,
  p_domain_id text,
  p_learner_message text
) returns setof public.coaching_pending_messages
language plpgsql security definer
set search_path = ''
as $$
declare
  v_thread public.coaching_threads;
  v_saved public.coaching_pending_messages;
begin
  if p_session_id is null or p_session_id = '' then
    raise exception 'Please choose a session.' using errcode = 'TL400';
  end if;
  v_thread := private.require_own_thread(p_session_id);
  if p_domain_id is distinct from v_thread.domain_id then
    raise exception 'That message is for another coach''s session.' using errcode = 'TL400';
  end if;
  -- blank counts zero-width spaces, direction marks and a byte-order mark too
  if p_learner_message is null or char_length(p_learner_message) > 8000
     or regexp_replace(p_learner_message, '[[:space:]\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]', '', 'g') = '' then
    raise exception 'A message must be 1 to 8000 characters.' using errcode = 'TL400';
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
