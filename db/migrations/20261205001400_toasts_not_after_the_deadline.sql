-- A micro-task or deadline toast about an application whose deadline has passed is claimed
-- but not handed over, as one about an application that moved on (20261205001200): an audit
-- saw "15 minutes on Burger King Scholars? … due Tuesday, December 15" on Dec 16, beside the
-- Game plan's "Missed deadline". A deadline toast needs an open application still due; a
-- micro-task one an open application not yet past its deadline (or with none); a check-in a
-- submitted one, as before. The body is 20261205001200's, with the deadline read.
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
  v_now timestamptz := public.app_now();
begin
  return query
  with claimable as (
    select n.id as claimed_id from public.notification_log n
     where n.user_id = v_uid and n.channel = 'dashboard_toast' and n.shown_at is null
       and n.state = 'sent'
     for update skip locked
  ), claimed as (
    update public.notification_log n set shown_at = v_now
      from claimable c
     where n.id = c.claimed_id
    returning n.id as toast_id, n.notification_type as toast_type, n.subject as toast_subject,
              n.body as toast_body, n.sent_at as toast_sent_at, n.application_ids as toast_apps
  )
  select c.toast_id, c.toast_type, c.toast_subject, c.toast_body, c.toast_sent_at
    from claimed c
   where c.toast_type not in ('check_in', 'micro_task', 'deadline_72h', 'deadline_24h')
      or cardinality(coalesce(c.toast_apps, '{}')) = 0
      or exists (
        select 1 from public.applications a
          join public.scholarships s on s.id = a.scholarship_id
         where a.id = any(c.toast_apps) and a.user_id = v_uid
           and case c.toast_type
                 when 'check_in' then a.status = 'submitted'
                 when 'micro_task' then a.status = 'draft'
                                        and (s.deadline is null or s.deadline > v_now)
                 else a.status = 'draft' and s.deadline > v_now
               end)
   order by c.toast_sent_at, c.toast_id;
end
$$;
