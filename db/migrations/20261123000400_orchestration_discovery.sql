-- Seed 001 (orchestration): discovery_completions, plus soft dismissals scoped per
-- discovery_run_id. TuitionLiftState itself lives in LangGraph checkpoints.

create table public.discovery_completions (
  id uuid primary key default gen_random_uuid(),
  discovery_run_id uuid not null unique,
  user_id uuid not null default auth.uid() references auth.users (id) on delete cascade,
  thread_id text not null,
  status text not null check (status in ('running', 'completed', 'failed')),
  completed_at timestamptz,
  created_at timestamptz not null default now(),
  constraint discovery_completions_completed_at_check
    check (status <> 'completed' or completed_at is not null)
);

create index discovery_completions_user_idx
  on public.discovery_completions (user_id, created_at desc);

alter table public.discovery_completions enable row level security;

create policy "Students read their own discovery runs"
  on public.discovery_completions for select to authenticated
  using (user_id = (select auth.uid()));

create policy "Students start their own discovery runs"
  on public.discovery_completions for insert to authenticated
  with check (user_id = (select auth.uid()));

create policy "Students finish their own discovery runs"
  on public.discovery_completions for update to authenticated
  using (user_id = (select auth.uid()))
  with check (user_id = (select auth.uid()));

revoke delete on public.discovery_completions from anon, authenticated;

create table public.discovery_dismissals (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null default auth.uid() references auth.users (id) on delete cascade,
  discovery_run_id uuid not null
    references public.discovery_completions (discovery_run_id) on delete cascade,
  result_id text not null check (char_length(result_id) between 1 and 200),
  dismissed_at timestamptz not null default now(),
  constraint discovery_dismissals_run_result_key unique (discovery_run_id, result_id)
);

create index discovery_dismissals_user_idx on public.discovery_dismissals (user_id);

alter table public.discovery_dismissals enable row level security;

create policy "Students read their own dismissals"
  on public.discovery_dismissals for select to authenticated
  using (user_id = (select auth.uid()));

create policy "Students dismiss results of their own runs"
  on public.discovery_dismissals for insert to authenticated
  with check (
    user_id = (select auth.uid())
    and exists (select 1 from public.discovery_completions d
                where d.discovery_run_id = discovery_dismissals.discovery_run_id
                  and d.user_id = (select auth.uid())));

create policy "Students undo their own dismissals"
  on public.discovery_dismissals for delete to authenticated
  using (user_id = (select auth.uid()));

revoke update on public.discovery_dismissals from anon, authenticated;
