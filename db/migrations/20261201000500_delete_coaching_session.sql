-- A learner may delete a session of their own: its thread, rounds and pending message go
-- (the rounds through the thread's foreign key). The owner check is the one every session
-- function makes; the chat's checkpoint is deleted by the server alongside.

create function public.delete_coaching_session(p_session_id text)
returns setof public.coaching_threads
language plpgsql security definer
set search_path = ''
as $$
declare
  v_thread public.coaching_threads := private.require_own_thread(p_session_id);
begin
  delete from public.coaching_sessions s where s.session_id = v_thread.session_id;
  return query
  delete from public.coaching_threads t where t.session_id = v_thread.session_id
  returning t.*;
end
$$;
revoke all on function public.delete_coaching_session(text) from public, anon;
grant execute on function public.delete_coaching_session(text) to authenticated, service_role;
