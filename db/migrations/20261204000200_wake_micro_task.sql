-- Ending a snooze early ("Wake micro-tasks now" on the Game plan): a browser audit found a
-- snooze could only run out. Only the caller's own snooze key goes; the trigger that guards
-- it lets this function through, as it does snooze_micro_task (it runs as the owner).
create function public.wake_micro_task()
returns void
language plpgsql security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_user();
begin
  update public.profiles p
     set preferences = p.preferences - 'micro_task_snoozed_until'
   where p.id = v_uid;
  if not found then
    raise exception 'Your profile is missing. Please sign in again.' using errcode = 'TL404';
  end if;
end
$$;
