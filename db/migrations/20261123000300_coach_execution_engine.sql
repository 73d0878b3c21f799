-- Seed 000 (Coach Execution Engine): notification_log and check_in_tasks. The application
-- columns (momentum_score, submitted_at, last_progress_at, confirmed_at) and
-- profiles.preferences (micro_task_snoozed_until) are already in the 002 migration.

create type public.notification_channel as enum ('email', 'dashboard_toast');
create type public.check_in_status as enum ('pending', 'completed', 'dismissed');

create table public.notification_log (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  channel public.notification_channel not null,
  sent_at timestamptz not null default now(),
  notification_type text,
  template_name text,
  application_ids uuid[],
  -- The outbox: in embedded mode the rendered email is kept here instead of being sent.
  recipient text,
  subject text,
  body text,
  delivery text not null default 'outbox' check (delivery in ('outbox', 'smtp', 'failed', 'toast')),
  delivery_error text
);

create index notification_log_window_idx
  on public.notification_log (user_id, channel, sent_at desc);

alter table public.notification_log enable row level security;
-- No policies: only the service role (the sidecar) reads or writes it.
revoke all on public.notification_log from anon, authenticated;

create table public.check_in_tasks (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  application_id uuid not null references public.applications (id) on delete cascade,
  due_at timestamptz not null,
  status public.check_in_status not null default 'pending',
  created_at timestamptz not null default now(),
  completed_at timestamptz,
  constraint check_in_tasks_user_id_application_id_key unique (user_id, application_id),
  constraint check_in_tasks_completed_at_check
    check (status <> 'completed' or completed_at is not null)
);

create index check_in_tasks_user_idx on public.check_in_tasks (user_id);
create index check_in_tasks_due_idx on public.check_in_tasks (due_at);

alter table public.check_in_tasks enable row level security;

create policy "Students read their own check-ins"
  on public.check_in_tasks for select to authenticated
  using (user_id = (select auth.uid()));

create policy "Students answer their own check-ins"
  on public.check_in_tasks for update to authenticated
  using (user_id = (select auth.uid()))
  with check (user_id = (select auth.uid()));

-- Check-ins are created when a submission is confirmed; students only answer them.
revoke insert, update, delete on public.check_in_tasks from anon, authenticated;
grant update (status, completed_at) on public.check_in_tasks to authenticated;
