-- Notification preferences (issue #18): a student sets the time zone and quiet hours the nudge
-- sidecar reads from profiles.preferences (timezone, quiet_hours_start, quiet_hours_end;
-- defaults UTC and 21:00-08:00). Reminder emails wait out quiet hours; dashboard toasts do not.
--
-- The profiles constraints of 20261201001600 accept any zone Postgres can parse, which
-- includes POSIX specs ('XYZ+3') and any spelling ('america/chicago') that Python's zoneinfo,
-- which writes the emails, does not know. This function is stricter: only a zone's exact
-- name from Postgres' own list, so the quiet hours SQL applies and the times an email
-- prints are read in the same zone.

create function public.save_my_notification_preferences(
  p_timezone text,
  p_quiet_hours_start text,
  p_quiet_hours_end text
) returns jsonb
language plpgsql security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_user();
  v_preferences jsonb;
begin
  if p_timezone is null or length(p_timezone) > 64
     or not exists (select 1 from pg_catalog.pg_timezone_names z where z.name = p_timezone) then
    raise exception 'Pick your time zone from the list, such as America/Chicago.'
      using errcode = 'TL400';
  end if;
  if p_quiet_hours_start is null
     or p_quiet_hours_start !~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' then
    raise exception 'Quiet hours start must be a 24-hour time such as 21:00.'
      using errcode = 'TL400';
  end if;
  if p_quiet_hours_end is null
     or p_quiet_hours_end !~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' then
    raise exception 'Quiet hours end must be a 24-hour time such as 08:00.'
      using errcode = 'TL400';
  end if;
  -- The caller's row only; the other keys (micro_task_snoozed_until) are kept as they are.
  update public.profiles p
     set preferences = p.preferences || jsonb_build_object(
           'timezone', p_timezone,
           'quiet_hours_start', p_quiet_hours_start,
           'quiet_hours_end', p_quiet_hours_end)
   where p.id = v_uid
  returning p.preferences into v_preferences;
  if not found then
    raise exception 'Your profile is missing. Please sign in again.' using errcode = 'TL404';
  end if;
  return v_preferences;
end
$$;

-- A person's own setting: only a signed-in user calls it (the default privileges of schema
-- public would grant it to anon and service_role too).
revoke all on function public.save_my_notification_preferences(text, text, text)
  from public, anon, service_role;
grant execute on function public.save_my_notification_preferences(text, text, text)
  to authenticated;
