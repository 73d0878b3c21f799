-- A Submitted or Won asked again while the same question waits keeps its token (a robustness
-- audit: the chat asked "Mark … as submitted?"; a Game plan tab's Mark submitted, which only
-- opens its dialog, replaced the token, and the student's Confirm in the chat was thrown
-- away with "Answered on your game plan: nothing was recorded"). The body is
-- 20261201000700's with that reuse; its grants stay. The question's clock starts again.

create or replace function public.propose_application_status(
  p_application_id uuid,
  p_status public.application_status
) returns table (
  application_id uuid,
  proposed_status public.application_status,
  confirmation_token uuid,
  applied boolean
)
language plpgsql security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_user();
  v_app public.applications;
  v_token uuid;
begin
  if p_application_id is null then
    raise exception 'Please choose an application.' using errcode = 'TL400';
  end if;
  if p_status is null then
    raise exception 'Please choose a status: draft, submitted, awarded or rejected.'
      using errcode = 'TL400';
  end if;
  select * into v_app from public.applications a
   where a.id = p_application_id and a.user_id = v_uid
   for update;
  if not found then
    raise exception 'That application was not found.' using errcode = 'TL404';
  end if;
  if v_app.status = 'awarded' then
    raise exception 'This scholarship is already marked as won.' using errcode = 'TL409';
  end if;
  if v_app.status = p_status then
    raise exception 'The application already has that status.' using errcode = 'TL409';
  end if;

  if p_status in ('draft', 'rejected') then
    update public.applications a set
      status = p_status,
      submitted_at = case when p_status = 'draft' then null else a.submitted_at end,
      last_progress_at = public.app_now(),
      metadata = (a.metadata - 'pending_transition')
                 || jsonb_build_object('coach_state',
                      case p_status when 'rejected' then 'lost' else 'drafting' end)
    where a.id = p_application_id;
    return query select p_application_id, p_status, null::uuid, true;
  else
    -- the same question asked again (the Game plan's dialog opened while the chat's Confirm
    -- waits) keeps its token, so whichever the student answers is recorded
    if v_app.metadata -> 'pending_transition' ->> 'status' = p_status::text
       and (v_app.metadata -> 'pending_transition' ->> 'requested_at')::timestamptz
           >= public.app_now() - interval '1 day' then
      v_token := (v_app.metadata -> 'pending_transition' ->> 'token')::uuid;
    end if;
    v_token := coalesce(v_token, gen_random_uuid());
    update public.applications a set
      metadata = a.metadata || jsonb_build_object('pending_transition', jsonb_build_object(
        'status', p_status, 'token', v_token, 'requested_at', public.app_now()))
    where a.id = p_application_id;
    return query select p_application_id, p_status, v_token, false;
  end if;
end
$$;
