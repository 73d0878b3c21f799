-- A toast about an application that has moved on since the sidecar wrote it is claimed (marked
-- shown) but not handed over: "Have you heard back from GE-Reagan?" after the student told the
-- coach she won it (a season audit), or "15 minutes on Gates?" once Gates is submitted. A
-- check-in asks about a submitted application, a micro-task about an open one; an application
-- since untracked takes its toasts with it. Other toasts are handed over as before. The body
-- is 20261201001600's, with the check.
create or replace function public.claim_my_toasts()
returns table (
  id uuid,
  notification_type text,
  subject text,
  body text,
  sent_at timestamptz
)
language plpgsql security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_user();
begin
  return query
  with claimable as (
    select n.id as claimed_id from public.notification_log n
     where n.user_id = v_uid and n.channel = 'dashboard_toast' and n.shown_at is null
       and n.state = 'sent'
     for update skip locked
  ), claimed as (
    update public.notification_log n set shown_at = public.app_now()
      from claimable c
     where n.id = c.claimed_id
    returning n.id as toast_id, n.notification_type as toast_type, n.subject as toast_subject,
              n.body as toast_body, n.sent_at as toast_sent_at, n.application_ids as toast_apps
  )
  select c.toast_id, c.toast_type, c.toast_subject, c.toast_body, c.toast_sent_at
    from claimed c
   where c.toast_type not in ('check_in', 'micro_task')
      or cardinality(coalesce(c.toast_apps, '{}')) = 0
      or exists (
        select 1 from public.applications a
         where a.id = any(c.toast_apps) and a.user_id = v_uid
           and a.status = case c.toast_type when 'check_in' then 'submitted'::public.application_status
                                            else 'draft'::public.application_status end)
   order by c.toast_sent_at, c.toast_id;
end
$$;
