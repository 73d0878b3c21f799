-- Input checks for the functions added since 20261201000700, found by the hostile-input
-- suite (tests/db/test_inputs.py), under the same rule as that migration: one sentence from
-- the function itself (TL400), before anything is written. The body is the latest one
-- (20261201001300), with the check added at the top; `create or replace` keeps the function's
-- grants. A later migration that replaces it must keep its checks.
--
-- snooze_micro_task: a student with no open deadline could snooze until 'infinity' (stored
-- as a null snooze, then answered "something went wrong") or a year past 9999 (stored, then
-- unreadable by the page, so the snooze silently did nothing).

create or replace function public.snooze_micro_task(p_until timestamptz)
returns timestamptz
language plpgsql security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_user();
  v_now timestamptz := public.app_now();
  v_title text;
  v_deadline timestamptz;
begin
  if p_until is null then
    raise exception 'Please pick a time to snooze until.' using errcode = 'TL400';
  end if;
  -- infinity, or a year Python's datetime (and so the page reading the snooze back) cannot
  -- hold: with no deadline to stop it, it used to be stored (infinity as a null snooze).
  if p_until >= '10000-01-01 00:00:00+00'::timestamptz then
    raise exception 'Pick a snooze time before the year 10000.' using errcode = 'TL400';
  end if;
  if p_until <= v_now then
    raise exception 'Pick a time later than now to snooze until.' using errcode = 'TL400';
  end if;
  select s.title, s.deadline into v_title, v_deadline
    from public.applications a join public.scholarships s on s.id = a.scholarship_id
   where a.user_id = v_uid and a.status = 'draft' and s.deadline >= v_now
   order by s.deadline, s.title
   limit 1;
  if v_deadline is not null and p_until >= v_deadline then
    raise exception 'A snooze can''t reach past your nearest deadline (%, %). Pick an earlier time.',
      v_title, to_char(v_deadline at time zone 'UTC', 'FMMonth FMDD, YYYY, HH24:MI "UTC"')
      using errcode = 'TL400';
  end if;
  update public.profiles p
     set preferences = p.preferences || jsonb_build_object('micro_task_snoozed_until',
           to_char(p_until at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"+00:00"'))
   where p.id = v_uid;
  if not found then
    raise exception 'Your profile is missing. Please sign in again.' using errcode = 'TL404';
  end if;
  return p_until;
end
$$;
