-- A micro-task toast for an application due within 72 hours may come again the next day: a
-- journey audit's student, two days before her Equitable deadline, was toasted about Ron
-- Brown (due in four weeks) while her Game plan card said "Spend 15 minutes starting your
-- draft for Equitable": the 48-hour rest between two toasts about one application sent the
-- day's one toast elsewhere. Further out, toasts still take turns. The body is
-- 20261201001600's, with that exception.

create or replace function private.due_toasts(p_now timestamptz)
returns table (user_id uuid, notification_type text, application_id uuid)
language sql stable
set search_path = ''
as $$
  select distinct on (c.user_id) c.user_id, c.notification_type, c.application_id
    from (
      select ci.user_id, 'check_in' as notification_type, ci.application_id, 0 as priority,
             null::numeric as momentum, ci.due_at as since
        from public.check_in_tasks ci
        join public.applications a on a.id = ci.application_id and a.status = 'submitted'
       where ci.status = 'pending' and ci.due_at <= p_now
         and not exists (
           select 1 from private.nudge_notices n
            where n.application_id = ci.application_id and n.kind = 'check_in'
              and n.noticed_at >= ci.due_at)
      union all
      select a.user_id, 'micro_task', a.id, 1, a.momentum_score,
             coalesce(a.last_progress_at, a.created_at)
        from public.applications a
        join public.scholarships s on s.id = a.scholarship_id
        join public.profiles p on p.id = a.user_id
       where a.status = 'draft'
         and coalesce(a.last_progress_at, a.created_at) <= p_now - interval '48 hours'
         and (s.deadline is null or s.deadline > p_now)
         and coalesce((p.preferences ->> 'micro_task_snoozed_until')::timestamptz,
                      '-infinity'::timestamptz) <= p_now
         and (s.deadline <= p_now + interval '72 hours'
              or not exists (
                select 1 from private.nudge_notices n
                 where n.application_id = a.id and n.kind = 'micro_task'
                   and n.noticed_at > p_now - interval '48 hours'))
    ) c
   order by c.user_id, c.priority, c.momentum desc nulls last, c.since, c.application_id
$$;
