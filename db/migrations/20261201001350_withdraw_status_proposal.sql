-- A Submitted/Won proposal the student declined ("Not now" in chat) is withdrawn, so no
-- other page (the game plan's confirm dialog reads metadata.pending_transition) asks the
-- same question again. Only the holder of the proposal's token can withdraw it; a token
-- that is unknown, replaced by a newer proposal or already used changes nothing.

create function public.withdraw_application_status(
  p_application_id uuid,
  p_confirmation_token uuid
) returns setof public.applications
language plpgsql security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_user();
begin
  if p_application_id is null then
    raise exception 'Please choose an application.' using errcode = 'TL400';
  end if;
  if p_confirmation_token is null then
    raise exception 'The confirmation token is missing. Please ask again.'
      using errcode = 'TL400';
  end if;
  return query
  update public.applications a set metadata = a.metadata - 'pending_transition'
   where a.id = p_application_id and a.user_id = v_uid
     and a.metadata -> 'pending_transition' ->> 'token' = p_confirmation_token::text
  returning a.*;
  if not found then
    return query
    select * from public.applications a where a.id = p_application_id and a.user_id = v_uid;
    if not found then
      raise exception 'That application was not found.' using errcode = 'TL404';
    end if;
  end if;
end
$$;
revoke all on function public.withdraw_application_status(uuid, uuid) from public, anon;
grant execute on function public.withdraw_application_status(uuid, uuid)
  to authenticated, service_role;
