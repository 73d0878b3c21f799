-- Dashboard toasts (issue #17): the sidecar writes a notification_log row with channel
-- 'dashboard_toast' (at most one per student per 24 h, DESIGN §5); the Game plan page shows
-- each one once. notification_log stays service-role only: a student never selects it, and
-- claims their own unshown toasts through one function that returns only what a toast
-- shows (no recipient, no delivery details, nobody else's rows).

alter table public.notification_log add column shown_at timestamptz;

-- What every claim looks for: a student's toasts not yet shown (few, and soon none).
create index notification_log_unshown_toasts_idx
  on public.notification_log (user_id, sent_at)
  where channel = 'dashboard_toast' and shown_at is null;

-- Student: the caller's unshown toasts, marked shown in the same statement, oldest first.
-- A row another tab is claiming right now is skipped (not waited for), so two tabs never
-- both show it; a row claimed and committed meanwhile no longer matches shown_at is null.
create function public.claim_my_toasts()
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
     for update skip locked
  ), claimed as (
    update public.notification_log n set shown_at = public.app_now()
      from claimable c
     where n.id = c.claimed_id
    returning n.id as toast_id, n.notification_type as toast_type, n.subject as toast_subject,
              n.body as toast_body, n.sent_at as toast_sent_at
  )
  select c.toast_id, c.toast_type, c.toast_subject, c.toast_body, c.toast_sent_at
    from claimed c
   order by c.toast_sent_at, c.toast_id;
end
$$;

revoke all on function public.claim_my_toasts() from public, anon, service_role;
grant execute on function public.claim_my_toasts() to authenticated;
