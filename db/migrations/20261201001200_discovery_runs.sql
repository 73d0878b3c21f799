-- Discovery runs (seed 001, issue #16): progress, results and the one-time announcement of a
-- run, kept in the database so they survive a page change, a restart and a new sign-in (the
-- checkpoint thread user_{id} holds only the latest run's state, and the API roles cannot
-- read it). Every write goes through a function: a student starts a run, tracks or dismisses
-- one of its results and claims its announcement; only the server (service_role) reports
-- progress and records how a run ended, with its results.

-- discovery_completions: what a run is doing, and whether the student has been told --------
alter table public.discovery_completions
  add column step text not null default 'searching'
    constraint discovery_completions_step_check
    check (step in ('searching', 'verifying', 'prioritizing', 'done', 'failed')),
  add column detail text
    constraint discovery_completions_detail_check check (char_length(detail) <= 200),
  add column message text
    constraint discovery_completions_message_check check (char_length(message) <= 500),
  add column finished_at timestamptz,
  add column heartbeat_at timestamptz not null default public.app_now(),
  add column announced_at timestamptz;

alter table public.discovery_completions alter column created_at set default public.app_now();

-- One running search per student, enforced where two tabs cannot race past it.
create unique index discovery_completions_one_running
  on public.discovery_completions (user_id) where status = 'running';

-- Status, step and announcement are the server's to write: no direct writes by students.
drop policy "Students start their own discovery runs" on public.discovery_completions;
drop policy "Students finish their own discovery runs" on public.discovery_completions;
revoke insert, update on public.discovery_completions from anon, authenticated;

-- discovery_results: what a run found (kept matches and the listings the Trust Filter
-- dropped), written once with the run's completion, read by its owner ------------------------
create table public.discovery_results (
  discovery_run_id uuid not null
    references public.discovery_completions (discovery_run_id) on delete cascade,
  result_id text not null
    constraint discovery_results_result_id_check check (char_length(result_id) between 1 and 200),
  user_id uuid not null references auth.users (id) on delete cascade,
  kept boolean not null,
  position integer not null constraint discovery_results_position_check check (position >= 0),
  title text not null constraint discovery_results_title_check
    check (char_length(title) between 1 and 300),
  url text not null constraint discovery_results_url_check check (char_length(url) between 1 and 2000),
  provider text constraint discovery_results_provider_check check (char_length(provider) <= 300),
  trust_score smallint not null
    constraint discovery_results_trust_score_check check (trust_score between 0 and 100),
  need_match_score smallint
    constraint discovery_results_need_match_score_check check (need_match_score between 0 and 100),
  scholarship_id uuid references public.scholarships (id) on delete set null,
  amount numeric constraint discovery_results_amount_check check (amount >= 0),
  deadline timestamptz,
  application_type text
    constraint discovery_results_application_type_check
    check (application_type in ('essay', 'form', 'mixed')),
  trust_reasons text[] not null default '{}',
  need_explanations text[] not null default '{}',
  red_flags text[] not null default '{}',
  created_at timestamptz not null default public.app_now(),
  primary key (discovery_run_id, result_id)
);

create index discovery_results_user_idx on public.discovery_results (user_id);

alter table public.discovery_results enable row level security;

create policy "Students read the results of their own runs"
  on public.discovery_results for select to authenticated
  using (user_id = (select auth.uid()));

revoke insert, update, delete on public.discovery_results from anon, authenticated;

-- Student: start a run. A run whose worker stopped reporting (the process died) for ten
-- minutes is closed as interrupted first, so a restart never locks a student out.
create function public.start_discovery_run()
returns setof public.discovery_completions
language plpgsql security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_user();
begin
  update public.discovery_completions d
     set status = 'failed', step = 'failed', finished_at = public.app_now(),
         message = 'This search was interrupted before it finished. Please start a new one.'
   where d.user_id = v_uid and d.status = 'running'
     and d.heartbeat_at < public.app_now() - interval '10 minutes';
  if exists (select 1 from public.discovery_completions d
              where d.user_id = v_uid and d.status = 'running') then
    raise exception 'A scholarship search is already running. Wait for it to finish.'
      using errcode = 'TL409';
  end if;
  begin
    return query
    insert into public.discovery_completions as d
      (discovery_run_id, user_id, thread_id, status, step)
    values (gen_random_uuid(), v_uid, 'user_' || v_uid::text, 'running', 'searching')
    returning d.*;
  exception when unique_violation then  -- another tab started one at the same moment
    raise exception 'A scholarship search is already running. Wait for it to finish.'
      using errcode = 'TL409';
  end;
end
$$;

-- Server: a running run moved on to another step (also its heartbeat).
create function public.report_discovery_progress(
  p_user_id uuid,
  p_run_id uuid,
  p_step text,
  p_detail text default null
) returns setof public.discovery_completions
language plpgsql
set search_path = ''
as $$
begin
  perform private.require_service();
  if p_step is null or p_step not in ('searching', 'verifying', 'prioritizing') then
    raise exception 'A running search is searching, verifying or prioritizing.'
      using errcode = 'TL400';
  end if;
  return query
  update public.discovery_completions d
     set step = p_step, detail = left(p_detail, 200), heartbeat_at = public.app_now()
   where d.discovery_run_id = p_run_id and d.user_id = p_user_id and d.status = 'running'
  returning d.*;
  if not found then
    raise exception 'That search is not running any more.' using errcode = 'TL409';
  end if;
end
$$;

-- Server: a batch of a running run's results (a run's results come in several calls, each
-- within the API's size limit for one argument). p_results: a JSON array of
-- discovery_results rows without the run and user ids.
create function public.record_discovery_results(
  p_user_id uuid,
  p_run_id uuid,
  p_results jsonb
) returns integer
language plpgsql
set search_path = ''
as $$
declare
  v_count integer;
begin
  perform private.require_service();
  if p_results is null or jsonb_typeof(p_results) <> 'array' then
    raise exception 'Results must be a list.' using errcode = 'TL400';
  end if;
  perform 1 from public.discovery_completions d
   where d.discovery_run_id = p_run_id and d.user_id = p_user_id and d.status = 'running';
  if not found then
    raise exception 'That search is not running any more.' using errcode = 'TL409';
  end if;
  insert into public.discovery_results
    (discovery_run_id, result_id, user_id, kept, position, title, url, provider, trust_score,
     need_match_score, scholarship_id, amount, deadline, application_type, trust_reasons,
     need_explanations, red_flags)
  select p_run_id, x.result_id, p_user_id, x.kept, x.position, x.title, x.url, x.provider,
         x.trust_score, x.need_match_score,
         (select s.id from public.scholarships s where s.id = x.scholarship_id),
         x.amount, x.deadline, x.application_type,
         coalesce(x.trust_reasons, '{}'), coalesce(x.need_explanations, '{}'),
         coalesce(x.red_flags, '{}')
    from jsonb_to_recordset(p_results) as x(
      result_id text, kept boolean, position integer, title text, url text, provider text,
      trust_score smallint, need_match_score smallint, scholarship_id uuid, amount numeric,
      deadline timestamptz, application_type text, trust_reasons text[],
      need_explanations text[], red_flags text[]);
  get diagnostics v_count = row_count;
  return v_count;
end
$$;

-- Server: how a run ended. The page shows a run's results once it is completed, so results
-- recorded before a failure (or a crash between batches) are never shown as a finished list.
create function public.finish_discovery_run(
  p_user_id uuid,
  p_run_id uuid,
  p_status text,
  p_message text default null
) returns setof public.discovery_completions
language plpgsql
set search_path = ''
as $$
begin
  perform private.require_service();
  if p_status is null or p_status not in ('completed', 'failed') then
    raise exception 'A search ends completed or failed.' using errcode = 'TL400';
  end if;
  return query
  update public.discovery_completions d
     set status = p_status,
         step = case when p_status = 'completed' then 'done' else 'failed' end,
         detail = null,
         message = left(p_message, 500),
         finished_at = public.app_now(),
         completed_at = case when p_status = 'completed' then public.app_now() end,
         heartbeat_at = public.app_now()
   where d.discovery_run_id = p_run_id and d.user_id = p_user_id and d.status = 'running'
  returning d.*;
  if not found then
    raise exception 'That search is not running any more.' using errcode = 'TL409';
  end if;
end
$$;

revoke all on function public.report_discovery_progress(uuid, uuid, text, text)
  from public, anon, authenticated;
grant execute on function public.report_discovery_progress(uuid, uuid, text, text) to service_role;
revoke all on function public.record_discovery_results(uuid, uuid, jsonb)
  from public, anon, authenticated;
grant execute on function public.record_discovery_results(uuid, uuid, jsonb) to service_role;
revoke all on function public.finish_discovery_run(uuid, uuid, text, text)
  from public, anon, authenticated;
grant execute on function public.finish_discovery_run(uuid, uuid, text, text) to service_role;

-- Student: track a match of one of their runs. A web result is not in the catalog yet: it is
-- added (source 'web', its trust score from the run) so the application has a scholarship to
-- point at; a URL already in the catalog is reused. One application per scholarship.
create function public.track_discovery_result(p_run_id uuid, p_result_id text)
returns setof public.applications
language plpgsql security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_user();
  v_result public.discovery_results;
  v_scholarship uuid;
begin
  if p_run_id is null or p_result_id is null then
    raise exception 'Please choose a match to track.' using errcode = 'TL400';
  end if;
  select r.* into v_result from public.discovery_results r
   where r.discovery_run_id = p_run_id and r.result_id = p_result_id
     and r.user_id = v_uid and r.kept;
  if not found then
    raise exception 'That match is not in one of your searches.' using errcode = 'TL404';
  end if;
  v_scholarship := v_result.scholarship_id;
  if v_scholarship is null then
    insert into public.scholarships (title, provider, url, amount, deadline, trust_score, metadata)
    values (v_result.title, v_result.provider, v_result.url,
            least(v_result.amount, 9999999999.99), v_result.deadline, v_result.trust_score,
            jsonb_strip_nulls(jsonb_build_object(
              'source', 'web', 'application_type', v_result.application_type)))
    on conflict (url) do nothing;
    select s.id into v_scholarship from public.scholarships s where s.url = v_result.url;
    update public.discovery_results r set scholarship_id = v_scholarship
     where r.discovery_run_id = p_run_id and r.result_id = p_result_id;
  end if;
  if exists (select 1 from public.applications a
              where a.user_id = v_uid and a.scholarship_id = v_scholarship) then
    raise exception 'You are already tracking this scholarship.' using errcode = 'TL409';
  end if;
  return query
  insert into public.applications as a (user_id, scholarship_id, metadata)
  values (v_uid, v_scholarship, jsonb_build_object(
            'coach_state', 'tracked', 'discovery_run_id', p_run_id, 'result_id', p_result_id))
  returning a.*;
end
$$;

-- Student: hide a match in that run only (runs are separate lists: seed 001 §9).
create function public.dismiss_discovery_result(p_run_id uuid, p_result_id text)
returns void
language plpgsql
set search_path = ''
as $$
declare
  v_uid uuid := private.require_user();
begin
  if p_run_id is null or p_result_id is null then
    raise exception 'Please choose a match to dismiss.' using errcode = 'TL400';
  end if;
  if not exists (select 1 from public.discovery_results r
                  where r.discovery_run_id = p_run_id and r.result_id = p_result_id
                    and r.user_id = v_uid and r.kept) then
    raise exception 'That match is not in one of your searches.' using errcode = 'TL404';
  end if;
  insert into public.discovery_dismissals (user_id, discovery_run_id, result_id)
  values (v_uid, p_run_id, p_result_id)
  on conflict (discovery_run_id, result_id) do nothing;
end
$$;

-- Student: the newest finished run not yet announced, marked announced in the same statement
-- (older unannounced ones too: one toast for the latest news). A row another tab is claiming
-- right now is skipped, so two tabs never both show it.
create function public.claim_discovery_announcement()
returns setof public.discovery_completions
language plpgsql security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_user();
  v_run public.discovery_completions;
begin
  select d.* into v_run from public.discovery_completions d
   where d.user_id = v_uid and d.status <> 'running' and d.announced_at is null
   order by d.finished_at desc nulls last, d.created_at desc
   limit 1
   for update skip locked;
  if not found then
    return;
  end if;
  update public.discovery_completions d set announced_at = public.app_now()
   where d.user_id = v_uid and d.status <> 'running' and d.announced_at is null
     and d.created_at <= v_run.created_at;
  return query
  select d.* from public.discovery_completions d where d.id = v_run.id;
end
$$;
