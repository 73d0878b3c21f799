-- The nudge sidecar (issue #18; seed 000 §2-4, DESIGN §5): deadline emails, micro-task and
-- check-in toasts, at most one email and one toast per student per 24 h, safe with any number
-- of workers at once and with a worker killed at any moment.
--
-- A nudge is a notification_log row: pending (chosen, holding its student's slot on its
-- channel) -> sent (delivered by SMTP, kept in the outbox, or shown as a toast) or cancelled
-- (nothing left to say by the time it could go out). Three steps, each one statement:
--   claim   public.claim_nudges(): per channel, every student with something due whose slot is
--           free; the slot row is taken with FOR UPDATE SKIP LOCKED and the pending row written
--           in the same statement. The cap lives on the slot row itself (pending_id,
--           last_sent_at), so a worker whose snapshot predates another's claim re-reads the
--           slot when it locks it and skips it: two workers never take the same slot.
--   lease   public.lease_nudges(worker, n, seconds): pending rows handed to one worker until a
--           real-time lease ends; a crashed worker's rows are leased again once it has.
--   finish  public.finish_nudges(worker, results): sent (the slot's 24 h starts), cancelled
--           (the slot is free again) or failed (kept pending, retried after a back-off).
-- Rules read the app clock (public.app_now()); leases and retries read real time, because
-- they are about processes, not the calendar: a demo clock moved a day must not expire a
-- worker's lease mid-send.

-- notification_log as the queue ---------------------------------------------------------------
alter table public.notification_log
  add column state text not null default 'sent'
    constraint notification_log_state_check check (state in ('pending', 'sent', 'cancelled')),
  add column claimed_at timestamptz,
  add column lease_owner text constraint notification_log_lease_owner_length check (length(lease_owner) <= 200),
  add column lease_until timestamptz,
  add column attempts integer not null default 0 constraint notification_log_attempts_check check (attempts >= 0),
  add column retry_at timestamptz;

alter table public.notification_log alter column state set default 'pending';
alter table public.notification_log alter column sent_at drop not null;
alter table public.notification_log alter column sent_at drop default;
alter table public.notification_log alter column delivery drop not null;
alter table public.notification_log alter column delivery drop default;
alter table public.notification_log
  add constraint notification_log_sent_when_sent check ((state = 'sent') = (sent_at is not null)),
  add constraint notification_log_sent_has_delivery
    check (state <> 'sent' or delivery in ('outbox', 'smtp', 'toast')),
  add constraint notification_log_type_check check (notification_type in
    ('deadline_72h', 'deadline_24h', 'micro_task', 'check_in', 'top3')),
  add constraint notification_log_text_length check (
    length(subject) <= 500 and length(body) <= 50000 and length(recipient) <= 320
    and length(delivery_error) <= 2000 and length(template_name) <= 100);

-- What every lease looks for: the pending rows, oldest claim first.
create index notification_log_pending_idx
  on public.notification_log (claimed_at, id) where state = 'pending';

-- The Outbox page: the newest emails first.
create index notification_log_outbox_idx
  on public.notification_log (claimed_at desc) where channel = 'email';

-- An admin reads the outbox (the page and this policy both refuse everyone else).
create policy "Admins read the outbox"
  on public.notification_log for select to authenticated
  using ((select private.is_admin()));
grant select on public.notification_log to authenticated;

-- Toasts reach a student only once delivered.
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
              n.body as toast_body, n.sent_at as toast_sent_at
  )
  select c.toast_id, c.toast_type, c.toast_subject, c.toast_body, c.toast_sent_at
    from claimed c
   order by c.toast_sent_at, c.toast_id;
end
$$;

-- The cap: one row per student and channel --------------------------------------------------
create table private.nudge_slots (
  user_id uuid not null references auth.users (id) on delete cascade,
  channel public.notification_channel not null,
  last_sent_at timestamptz,  -- app time of the last delivered nudge: the 24 h run from here
  pending_id uuid,           -- the nudge holding the slot until it is delivered or cancelled
  primary key (user_id, channel)
);
alter table private.nudge_slots enable row level security;  -- no policy: owner only

create function private.open_nudge_slots() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  insert into private.nudge_slots (user_id, channel)
  select new.id, c from unnest(enum_range(null::public.notification_channel)) c
  on conflict do nothing;
  return new;
end
$$;

create trigger profiles_open_nudge_slots after insert on public.profiles
  for each row execute function private.open_nudge_slots();

insert into private.nudge_slots (user_id, channel)
select p.id, c from public.profiles p
 cross join unnest(enum_range(null::public.notification_channel)) c
on conflict do nothing;

-- What was already said about an application: never two deadline emails for the same window
-- and application, one toast per check-in, a micro-task toast at most every 48 h.
create table private.nudge_notices (
  application_id uuid not null references public.applications (id) on delete cascade,
  kind text not null check (kind in ('deadline_72h', 'deadline_24h', 'micro_task', 'check_in')),
  notification_id uuid not null,
  noticed_at timestamptz not null,
  primary key (application_id, kind)
);
alter table private.nudge_notices enable row level security;  -- no policy: owner only

-- Due deadlines are found from the scholarship side: few deadlines fall in any 72 h.
create index applications_open_by_scholarship_idx
  on public.applications (scholarship_id) where status = 'draft';
-- Check-ins waiting for their toast.
create index check_in_tasks_pending_due_idx
  on public.check_in_tasks (due_at) where status = 'pending';
-- A message's applications with their check-in (nudge_items, lease_nudges): without it each
-- leased nudge scanned every check-in (bench/nudge_sweep.py: 2.1 s a batch of 500 -> 0.2 s).
create index check_in_tasks_application_idx
  on public.check_in_tasks (application_id);

-- Preferences the sweep reads: a timezone Postgres knows, quiet hours as HH:MM ---------------
create function private.valid_timezone(p_name text) returns boolean
language plpgsql immutable
set search_path = ''
as $$
begin
  if p_name is null then
    return true;
  end if;
  if length(p_name) > 64 or p_name !~ '^[A-Za-z][A-Za-z0-9_+/-]*$' then
    return false;
  end if;
  perform pg_catalog.timezone(p_name, timestamptz '2026-01-01 00:00+00');
  return true;
exception when others then
  return false;
end
$$;

alter table public.profiles
  add constraint profiles_timezone_check
    check (private.valid_timezone(preferences ->> 'timezone')),
  add constraint profiles_quiet_hours_check
    check (coalesce(preferences ->> 'quiet_hours_start', '00:00') ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'
       and coalesce(preferences ->> 'quiet_hours_end', '00:00') ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$');

-- Quiet hours (default 21:00-08:00) in the student's timezone (default UTC): emails wait.
create function private.in_quiet_hours(p_preferences jsonb, p_at timestamptz) returns boolean
language sql stable
set search_path = ''
as $$
  select case when q.starts = q.ends then false
              when q.starts < q.ends then q.local >= q.starts and q.local < q.ends
              else q.local >= q.starts or q.local < q.ends end
    from (
      select pg_catalog.timezone(coalesce(p_preferences ->> 'timezone', 'UTC'), p_at)::time as local,
             coalesce(p_preferences ->> 'quiet_hours_start', '21:00')::time as starts,
             coalesce(p_preferences ->> 'quiet_hours_end', '08:00')::time as ends
    ) q
$$;

-- What is due --------------------------------------------------------------------------------
-- Per student, every tracked application whose deadline falls within 72 h and whose window
-- (24 h when within 24 h, else 72 h) has not been emailed for this deadline; the email is a
-- deadline_24h when any of them is in its last day.
create function private.due_deadline_emails(p_now timestamptz)
returns table (user_id uuid, notification_type text, application_ids uuid[], windows text[])
language sql stable
set search_path = ''
as $$
  select d.user_id,
         case when bool_or(d.win = 'deadline_24h') then 'deadline_24h' else 'deadline_72h' end,
         array_agg(d.application_id order by d.deadline, d.title collate "C", d.application_id),
         array_agg(d.win order by d.deadline, d.title collate "C", d.application_id)
    from (
      select a.user_id, a.id as application_id, s.deadline, s.title,
             case when s.deadline <= p_now + interval '24 hours' then 'deadline_24h'
                  else 'deadline_72h' end as win
        from public.scholarships s
        join public.applications a on a.scholarship_id = s.id and a.status = 'draft'
       where s.deadline > p_now and s.deadline <= p_now + interval '72 hours'
    ) d
   where not exists (
     select 1 from private.nudge_notices n
      where n.application_id = d.application_id and n.kind = d.win
        and n.noticed_at >= d.deadline - case d.win when 'deadline_24h' then interval '24 hours'
                                                    else interval '72 hours' end)
   group by d.user_id
$$;

-- Per student, the one toast that matters most: a check-in due ("Have you heard back?") before
-- a micro-task (a tracked application with no progress for 48 h, unless snoozed; the one with
-- the highest momentum).
create function private.due_toasts(p_now timestamptz)
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
         and not exists (
           select 1 from private.nudge_notices n
            where n.application_id = a.id and n.kind = 'micro_task'
              and n.noticed_at > p_now - interval '48 hours')
    ) c
   order by c.user_id, c.priority, c.momentum desc nulls last, c.since, c.application_id
$$;

-- What a message says about its applications, as of now.
create function private.nudge_items(p_application_ids uuid[]) returns jsonb
language sql stable
set search_path = ''
as $$
  select coalesce(jsonb_agg(jsonb_build_object(
           'application_id', a.id, 'title', s.title, 'provider', s.provider,
           'amount', s.amount, 'deadline', s.deadline, 'status', a.status,
           'last_progress_at', coalesce(a.last_progress_at, a.created_at),
           'submitted_at', a.submitted_at,
           'check_in_due_at', ci.due_at, 'check_in_status', ci.status)
         order by x.ord), '[]'::jsonb)
    from unnest(p_application_ids) with ordinality as x(application_id, ord)
    join public.applications a on a.id = x.application_id
    join public.scholarships s on s.id = a.scholarship_id
    left join public.check_in_tasks ci on ci.application_id = a.id
$$;

-- claim -----------------------------------------------------------------------------------------
-- One set-based statement per channel. The returned figures are for the sweep's log line:
-- students with something due, claimed, capped (their slot is taken for 24 h or by a nudge
-- not yet delivered), waiting for quiet hours to end.
create function public.claim_nudges(p_limit integer default 100000)
returns table (
  channel public.notification_channel,
  due integer,
  claimed integer,
  capped integer,
  quiet integer
)
language plpgsql security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  v_now timestamptz := public.app_now();
  v_due integer;
  v_claimed integer;
  v_capped integer;
  v_quiet integer;
begin
  if p_limit is null or p_limit < 1 then
    raise exception 'claim_nudges needs a positive limit.' using errcode = 'TL400';
  end if;

  with due as materialized (
    select d.user_id, d.notification_type, d.application_ids, d.windows, u.email,
           private.in_quiet_hours(p.preferences, v_now) as quiet
      from private.due_deadline_emails(v_now) d
      join public.profiles p on p.id = d.user_id
      join auth.users u on u.id = d.user_id
     where u.email is not null
  ), free as (
    select s.user_id from private.nudge_slots s
     where s.channel = 'email'
       and s.user_id in (select d.user_id from due d where not d.quiet)
       and s.pending_id is null
       and (s.last_sent_at is null or s.last_sent_at <= v_now - interval '24 hours')
     order by s.user_id
     limit p_limit
     for update of s skip locked
  ), logged as (
    insert into public.notification_log as n (user_id, channel, notification_type,
      template_name, application_ids, recipient, state, claimed_at)
    select d.user_id, 'email', d.notification_type, d.notification_type, d.application_ids,
           d.email, 'pending', v_now
      from due d join free f on f.user_id = d.user_id
    returning n.id as log_id, n.user_id as log_user
  ), taken as (
    update private.nudge_slots s set pending_id = l.log_id
      from logged l
     where s.user_id = l.log_user and s.channel = 'email'
  ), noticed as (
    insert into private.nudge_notices as nn (application_id, kind, notification_id, noticed_at)
    select w.application_id, w.kind, l.log_id, v_now
      from logged l
      join due d on d.user_id = l.log_user
     cross join lateral unnest(d.application_ids, d.windows) as w(application_id, kind)
    on conflict (application_id, kind) do update
      set notification_id = excluded.notification_id, noticed_at = excluded.noticed_at
  )
  select (select count(*) from due),
         (select count(*) from logged),
         (select count(*) from due d join private.nudge_slots s
             on s.user_id = d.user_id and s.channel = 'email'
           where not d.quiet
             and (s.pending_id is not null or s.last_sent_at > v_now - interval '24 hours')),
         (select count(*) from due d where d.quiet)
    into v_due, v_claimed, v_capped, v_quiet;
  channel := 'email'; due := v_due; claimed := v_claimed; capped := v_capped; quiet := v_quiet;
  return next;

  with due as materialized (
    select * from private.due_toasts(v_now)
  ), free as (
    select s.user_id from private.nudge_slots s
     where s.channel = 'dashboard_toast'
       and s.user_id in (select d.user_id from due d)
       and s.pending_id is null
       and (s.last_sent_at is null or s.last_sent_at <= v_now - interval '24 hours')
     order by s.user_id
     limit p_limit
     for update of s skip locked
  ), logged as (
    insert into public.notification_log as n (user_id, channel, notification_type,
      template_name, application_ids, state, claimed_at)
    select d.user_id, 'dashboard_toast', d.notification_type, d.notification_type,
           array[d.application_id], 'pending', v_now
      from due d join free f on f.user_id = d.user_id
    returning n.id as log_id, n.user_id as log_user, n.notification_type as log_type,
              n.application_ids[1] as log_application
  ), taken as (
    update private.nudge_slots s set pending_id = l.log_id
      from logged l
     where s.user_id = l.log_user and s.channel = 'dashboard_toast'
  ), noticed as (
    insert into private.nudge_notices as nn (application_id, kind, notification_id, noticed_at)
    select l.log_application, l.log_type, l.log_id, v_now from logged l
    on conflict (application_id, kind) do update
      set notification_id = excluded.notification_id, noticed_at = excluded.noticed_at
  )
  select (select count(*) from due),
         (select count(*) from logged),
         (select count(*) from due d join private.nudge_slots s
             on s.user_id = d.user_id and s.channel = 'dashboard_toast'
           where s.pending_id is not null or s.last_sent_at > v_now - interval '24 hours')
    into v_due, v_claimed, v_capped;
  channel := 'dashboard_toast'; due := v_due; claimed := v_claimed; capped := v_capped;
  quiet := 0;
  return next;
end
$$;

-- lease -----------------------------------------------------------------------------------------
create function public.lease_nudges(
  p_worker text,
  p_limit integer default 100,
  p_lease_seconds integer default 600
)
returns table (
  id uuid,
  user_id uuid,
  channel public.notification_channel,
  notification_type text,
  template_name text,
  recipient text,
  attempts integer,
  claimed_at timestamptz,
  full_name text,
  preferences jsonb,
  items jsonb
)
language plpgsql security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  v_now timestamptz := public.app_now();
begin
  if p_worker is null or length(p_worker) not between 1 and 200 then
    raise exception 'A worker needs a name (1 to 200 characters).' using errcode = 'TL400';
  end if;
  if p_limit is null or p_limit < 1 or p_lease_seconds is null or p_lease_seconds < 1 then
    raise exception 'lease_nudges needs a positive limit and lease.' using errcode = 'TL400';
  end if;
  return query
  with ready as (
    select n.id as ready_id from public.notification_log n
      join public.profiles p on p.id = n.user_id
     where n.state = 'pending'
       and (n.lease_until is null or n.lease_until < pg_catalog.clock_timestamp())
       and (n.retry_at is null or n.retry_at <= pg_catalog.clock_timestamp())
       and (n.channel <> 'email' or not private.in_quiet_hours(p.preferences, v_now))
     order by n.claimed_at, n.id
     limit p_limit
     for update of n skip locked
  ), leased as (
    update public.notification_log n
       set lease_owner = p_worker,
           lease_until = pg_catalog.clock_timestamp() + make_interval(secs => p_lease_seconds),
           attempts = n.attempts + 1
      from ready r
     where n.id = r.ready_id
    returning n.id as l_id, n.user_id as l_user, n.channel as l_channel,
              n.notification_type as l_type, n.template_name as l_template,
              n.recipient as l_recipient, n.attempts as l_attempts,
              n.claimed_at as l_claimed_at, n.application_ids as l_applications
  )
  -- The items are private.nudge_items(l.l_applications), written out here: a lateral
  -- subquery is planned once with the statement, where calling the SQL function costs
  -- ~0.15 ms a row (bench/nudge_sweep.py). Keep the two the same.
  select l.l_id, l.l_user, l.l_channel, l.l_type, l.l_template, l.l_recipient, l.l_attempts,
         l.l_claimed_at, p.full_name, p.preferences, i.items
    from leased l
    join public.profiles p on p.id = l.l_user
   cross join lateral (
     select coalesce(jsonb_agg(jsonb_build_object(
              'application_id', a.id, 'title', s.title, 'provider', s.provider,
              'amount', s.amount, 'deadline', s.deadline, 'status', a.status,
              'last_progress_at', coalesce(a.last_progress_at, a.created_at),
              'submitted_at', a.submitted_at,
              'check_in_due_at', ci.due_at, 'check_in_status', ci.status)
            order by x.ord), '[]'::jsonb) as items
       from unnest(l.l_applications) with ordinality as x(application_id, ord)
       join public.applications a on a.id = x.application_id
       join public.scholarships s on s.id = a.scholarship_id
       left join public.check_in_tasks ci on ci.application_id = a.id
   ) i
   order by l.l_claimed_at, l.l_id;
end
$$;

-- finish ----------------------------------------------------------------------------------------
-- results: [{id, outcome: sent|cancelled|failed, subject, body, delivery, error}]. Only a
-- pending row this worker still leases is finished; the ids finished come back, so a worker
-- whose lease ran out learns that its result was not taken.
create function public.finish_nudges(p_worker text, p_results jsonb)
returns table (id uuid, state text)
language plpgsql security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  v_now timestamptz := public.app_now();
begin
  if p_results is null or jsonb_typeof(p_results) <> 'array' then
    raise exception 'finish_nudges needs a list of results.' using errcode = 'TL400';
  end if;
  if exists (
    select 1 from jsonb_to_recordset(p_results) as r(outcome text)
     where r.outcome is null or r.outcome not in ('sent', 'cancelled', 'failed')
  ) then
    raise exception 'A result''s outcome is sent, cancelled or failed.' using errcode = 'TL400';
  end if;
  return query
  with r as (
    select * from jsonb_to_recordset(p_results)
      as x(id uuid, outcome text, subject text, body text, delivery text, error text)
  ), done as (
    update public.notification_log n
       set state = case r.outcome when 'failed' then 'pending' else r.outcome end,
           sent_at = case when r.outcome = 'sent' then v_now end,
           subject = coalesce(r.subject, n.subject),
           body = coalesce(r.body, n.body),
           delivery = case when r.outcome = 'sent' then r.delivery end,
           delivery_error = case when r.outcome in ('failed', 'cancelled')
                                 then left(r.error, 2000) end,
           retry_at = case when r.outcome = 'failed'
                           then pg_catalog.clock_timestamp()
                                + least(interval '1 hour',
                                        interval '1 minute' * power(2, least(n.attempts - 1, 10)))
                      end,
           lease_owner = null,
           lease_until = null
      from r
     -- coalesce(state) is state (not null); written so, the planner cannot answer the rows
     -- from notification_log_pending_idx, which it would pick while the statistics still
     -- say no row is pending (right after a large claim) and then read every pending row of
     -- every worker for each batch (bench/nudge_sweep.py); the primary key finds the batch.
     where n.id = r.id and coalesce(n.state, '') = 'pending' and n.lease_owner = p_worker
    returning n.id as d_id, n.user_id as d_user, n.channel as d_channel, n.state as d_state
  ), freed as (
    update private.nudge_slots s
       set pending_id = null,
           last_sent_at = case when d.d_state = 'sent' then v_now else s.last_sent_at end
      from done d
     where s.user_id = d.d_user and s.channel = d.d_channel and s.pending_id = d.d_id
       and d.d_state <> 'pending'
  )
  select d.d_id, d.d_state from done d;
end
$$;

-- A worker stopping cleanly hands its leases back at once instead of letting them run out.
create function public.release_nudges(p_worker text) returns integer
language plpgsql security definer
set search_path = ''
as $$
declare
  v_count integer;
begin
  update public.notification_log n
     set lease_owner = null, lease_until = null, attempts = greatest(n.attempts - 1, 0)
   where n.state = 'pending' and n.lease_owner = p_worker;
  get diagnostics v_count = row_count;
  return v_count;
end
$$;

-- dry run ---------------------------------------------------------------------------------------
-- What claim_nudges would take now (same selection, same caps), without taking anything.
create function public.preview_nudges(p_limit integer default 1000)
returns table (
  user_id uuid,
  channel public.notification_channel,
  notification_type text,
  recipient text,
  full_name text,
  preferences jsonb,
  items jsonb
)
language plpgsql stable security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  v_now timestamptz := public.app_now();
begin
  return query
  select c.user_id, c.channel, c.notification_type, c.recipient, p.full_name, p.preferences,
         private.nudge_items(c.application_ids)
    from (
      select d.user_id, 'email'::public.notification_channel as channel, d.notification_type,
             u.email as recipient, d.application_ids
        from private.due_deadline_emails(v_now) d join auth.users u on u.id = d.user_id
       where u.email is not null
      union all
      select t.user_id, 'dashboard_toast', t.notification_type, null, array[t.application_id]
        from private.due_toasts(v_now) t
    ) c
    join public.profiles p on p.id = c.user_id
    join private.nudge_slots s on s.user_id = c.user_id and s.channel = c.channel
   where s.pending_id is null
     and (s.last_sent_at is null or s.last_sent_at <= v_now - interval '24 hours')
     and (c.channel <> 'email' or not private.in_quiet_hours(p.preferences, v_now))
   order by c.channel, c.user_id
   limit p_limit;
end
$$;

-- The daily momentum recompute: whichever worker (or pg_cron) comes first in an app-clock day
-- runs it; the others see it done.
create table private.sidecar_jobs (
  job text primary key,
  last_run_at timestamptz
);
alter table private.sidecar_jobs enable row level security;  -- no policy: owner only
insert into private.sidecar_jobs (job) values ('recompute_momentum');

create function public.run_daily_momentum() returns integer
language plpgsql security definer
set search_path = ''
as $$
declare
  v_now timestamptz := public.app_now();
begin
  update private.sidecar_jobs j set last_run_at = v_now
   where j.job = 'recompute_momentum'
     and (j.last_run_at is null or j.last_run_at <= v_now - interval '24 hours'
          or j.last_run_at > v_now);  -- a clock moved back starts a new day
  if not found then
    return null;
  end if;
  return public.recompute_momentum();
end
$$;

revoke all on function public.claim_nudges(integer), public.lease_nudges(text, integer, integer),
  public.finish_nudges(text, jsonb), public.release_nudges(text),
  public.preview_nudges(integer), public.run_daily_momentum()
  from public, anon, authenticated;
grant execute on function public.claim_nudges(integer), public.lease_nudges(text, integer, integer),
  public.finish_nudges(text, jsonb), public.release_nudges(text),
  public.preview_nudges(integer), public.run_daily_momentum()
  to service_role;
