-- Bad input gets one sentence naming its field, from the function itself (TL400), before
-- anything is written: a null or blank required field, a value the table's constraint would
-- refuse in a less specific way (a numeric overflow, a not-null violation), a missing choice.
-- The transports refuse wrong types, NUL bytes, lone surrogates, NaN and oversize values
-- before sending (db/rpc_sql.py: check_arguments); these checks hold for any caller,
-- including one that calls the API directly with raw arguments.
--
-- The bodies are the latest ones (20261123000700, 20261201000300 as rewritten by
-- 20261201000100 to read public.app_now(); 20261201000500; 20261201000600), with the checks
-- added at the top. `create or replace` keeps each function's grants. A later migration that
-- replaces one of these functions must keep its checks.

create or replace function public.save_my_profile(
  p_full_name text,
  p_gpa numeric default null,
  p_intended_major text default null,
  p_state text default null,
  p_sai integer default null,
  p_pell_eligibility_status public.pell_eligibility_status default 'unknown'
) returns setof public.profiles
language plpgsql
set search_path = ''
as $$
declare
  v_uid uuid := private.require_user();
begin
  if p_full_name is null or btrim(p_full_name) = '' or char_length(p_full_name) > 120 then
    raise exception 'Name must be between 1 and 120 characters.' using errcode = 'TL400';
  end if;
  if p_gpa is not null and not (p_gpa >= 0 and p_gpa <= 4) then  -- also NaN: not in 0..4
    raise exception 'GPA must be between 0.00 and 4.00.' using errcode = 'TL400';
  end if;
  if char_length(p_intended_major) > 120 then
    raise exception 'Intended major must be at most 120 characters.' using errcode = 'TL400';
  end if;
  if p_sai is not null and p_sai not between -1500 and 999999 then
    raise exception 'SAI must be between -1500 and 999999.' using errcode = 'TL400';
  end if;
  if p_pell_eligibility_status is null then
    raise exception 'Pell eligibility must be eligible, ineligible or unknown.'
      using errcode = 'TL400';
  end if;
  return query
  insert into public.profiles as p
    (id, full_name, gpa, intended_major, state, sai, pell_eligibility_status)
  values (v_uid, p_full_name, p_gpa, p_intended_major, p_state, p_sai, p_pell_eligibility_status)
  on conflict (id) do update set
    full_name = excluded.full_name,
    gpa = excluded.gpa,
    intended_major = excluded.intended_major,
    state = excluded.state,
    sai = excluded.sai,
    pell_eligibility_status = excluded.pell_eligibility_status
  returning p.*;
end
$$;

create or replace function public.track_application(p_scholarship_id uuid)
returns setof public.applications
language plpgsql
set search_path = ''
as $$
declare
  v_uid uuid := private.require_user();
begin
  if p_scholarship_id is null then
    raise exception 'Please choose a scholarship to track.' using errcode = 'TL400';
  end if;
  return query
  insert into public.applications as a (user_id, scholarship_id, metadata)
  values (v_uid, p_scholarship_id, jsonb_build_object('coach_state', 'tracked'))
  returning a.*;
end
$$;

create or replace function public.propose_application_status(
  p_application_id uuid,
  p_status public.application_status
) returns table (
  application_id uuid,
  proposed_status public.application_status,
  confirmation_token uuid,
  applied boolean
)
language plpgsql security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_user();
  v_app public.applications;
  v_token uuid;
begin
  if p_application_id is null then
    raise exception 'Please choose an application.' using errcode = 'TL400';
  end if;
  if p_status is null then
    raise exception 'Please choose a status: draft, submitted, awarded or rejected.'
      using errcode = 'TL400';
  end if;
  select * into v_app from public.applications a
   where a.id = p_application_id and a.user_id = v_uid
   for update;
  if not found then
    raise exception 'That application was not found.' using errcode = 'TL404';
  end if;
  if v_app.status = 'awarded' then
    raise exception 'This scholarship is already marked as won.' using errcode = 'TL409';
  end if;
  if v_app.status = p_status then
    raise exception 'The application already has that status.' using errcode = 'TL409';
  end if;

  if p_status in ('draft', 'rejected') then
    update public.applications a set
      status = p_status,
      submitted_at = case when p_status = 'draft' then null else a.submitted_at end,
      last_progress_at = public.app_now(),
      metadata = (a.metadata - 'pending_transition')
                 || jsonb_build_object('coach_state',
                      case p_status when 'rejected' then 'lost' else 'drafting' end)
    where a.id = p_application_id;
    return query select p_application_id, p_status, null::uuid, true;
  else
    v_token := gen_random_uuid();
    update public.applications a set
      metadata = a.metadata || jsonb_build_object('pending_transition', jsonb_build_object(
        'status', p_status, 'token', v_token, 'requested_at', public.app_now()))
    where a.id = p_application_id;
    return query select p_application_id, p_status, v_token, false;
  end if;
end
$$;

create or replace function public.confirm_application_status(
  p_application_id uuid,
  p_confirmation_token uuid
) returns setof public.applications
language plpgsql security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_user();
  v_app public.applications;
  v_pending jsonb;
  v_status public.application_status;
begin
  if p_application_id is null then
    raise exception 'Please choose an application.' using errcode = 'TL400';
  end if;
  if p_confirmation_token is null then
    raise exception 'The confirmation token is missing. Please ask again.'
      using errcode = 'TL400';
  end if;
  select * into v_app from public.applications a
   where a.id = p_application_id and a.user_id = v_uid
   for update;
  if not found then
    raise exception 'That application was not found.' using errcode = 'TL404';
  end if;
  v_pending := v_app.metadata -> 'pending_transition';
  if v_pending is null
     or (v_pending ->> 'token')::uuid is distinct from p_confirmation_token
     or (v_pending ->> 'requested_at')::timestamptz < public.app_now() - interval '1 day' then
    raise exception 'This confirmation has expired or was already used. Please ask again.'
      using errcode = 'TL409';
  end if;
  v_status := (v_pending ->> 'status')::public.application_status;

  update public.applications a set
    status = v_status,
    submitted_at = case when v_status = 'submitted' then public.app_now()
                        else coalesce(a.submitted_at, public.app_now()) end,
    confirmed_at = case when v_status = 'awarded' then public.app_now() else a.confirmed_at end,
    last_progress_at = public.app_now(),
    metadata = (a.metadata - 'pending_transition')
               || jsonb_build_object('coach_state',
                    case v_status when 'submitted' then 'submitted' else 'won' end)
  where a.id = p_application_id;

  if v_status = 'submitted' then
    insert into public.check_in_tasks (user_id, application_id, due_at)
    values (v_uid, p_application_id, public.app_now() + interval '21 days')
    on conflict (user_id, application_id)
      do update set due_at = excluded.due_at, status = 'pending', completed_at = null;
  else
    update public.check_in_tasks c set status = 'completed', completed_at = public.app_now()
     where c.application_id = p_application_id and c.status = 'pending';
  end if;

  return query select * from public.applications a where a.id = p_application_id;
end
$$;

create or replace function public.start_coaching_session(p_domain_id text)
returns setof public.coaching_threads
language plpgsql security definer
set search_path = ''
as $$
declare
  v_learner text := private.require_learner();
  v_uid uuid := auth.uid();
begin
  if p_domain_id is null or btrim(p_domain_id) = '' then
    raise exception 'Please choose a coach.' using errcode = 'TL400';
  end if;
  if not exists (select 1 from public.coaching_domains d
                  where d.id = p_domain_id and d.is_active) then
    raise exception 'That coach is not available.' using errcode = 'TL404';
  end if;
  return query
  insert into public.coaching_threads as t (session_id, learner_id, domain_id)
  values (v_uid::text || ':' || p_domain_id || ':' || replace(gen_random_uuid()::text, '-', ''),
          v_learner, p_domain_id)
  returning t.*;
end
$$;

-- As 20261201000600 (a second message while one waits is refused in the same statement).
create or replace function public.save_pending_message(
  p_session_id text,
  p_domain_id text,
  p_learner_message text
) returns setof public.coaching_pending_messages
language plpgsql security definer
set search_path = ''
as $$
declare
  v_thread public.coaching_threads;
  v_saved public.coaching_pending_messages;
begin
  if p_session_id is null or p_session_id = '' then
    raise exception 'Please choose a session.' using errcode = 'TL400';
  end if;
  v_thread := private.require_own_thread(p_session_id);
  if p_domain_id is distinct from v_thread.domain_id then
    raise exception 'That message is for another coach''s session.' using errcode = 'TL400';
  end if;
  if p_learner_message is null or btrim(p_learner_message) = ''
     or char_length(p_learner_message) > 8000 then
    raise exception 'A message must be 1 to 8000 characters.' using errcode = 'TL400';
  end if;
  insert into public.coaching_pending_messages as p
    (session_id, learner_id, domain_id, learner_message)
  values (p_session_id, v_thread.learner_id, v_thread.domain_id, p_learner_message)
  on conflict (session_id) do nothing
  returning p.* into v_saved;
  if v_saved.session_id is null then
    raise exception 'Your previous message is still waiting: retry it first.'
      using errcode = 'TL400';
  end if;
  return next v_saved;
end
$$;

create or replace function public.discard_pending_message(p_session_id text)
returns setof public.coaching_pending_messages
language plpgsql security definer
set search_path = ''
as $$
declare
  v_thread public.coaching_threads;
begin
  if p_session_id is null or p_session_id = '' then
    raise exception 'Please choose a session.' using errcode = 'TL400';
  end if;
  v_thread := private.require_own_thread(p_session_id);
  return query
  delete from public.coaching_pending_messages p
   where p.session_id = v_thread.session_id
  returning p.*;
end
$$;

create or replace function public.delete_coaching_session(p_session_id text)
returns setof public.coaching_threads
language plpgsql security definer
set search_path = ''
as $$
declare
  v_thread public.coaching_threads;
begin
  if p_session_id is null or p_session_id = '' then
    raise exception 'Please choose a session.' using errcode = 'TL400';
  end if;
  v_thread := private.require_own_thread(p_session_id);
  delete from public.coaching_sessions s where s.session_id = v_thread.session_id;
  return query
  delete from public.coaching_threads t where t.session_id = v_thread.session_id
  returning t.*;
end
$$;

-- The argument names and types of every API function, as PostgREST's schema cache knows
-- them: the hosted transport reads this once per process to check arguments before
-- sending, as the embedded one does from the catalog. Nothing here that PostgREST's own
-- OpenAPI description does not already publish.
create function public.api_signatures()
returns table (name text, names text[], modes text[], types text[])
language sql stable
set search_path = ''
as $$
  select p.proname::text, p.proargnames, p.proargmodes::text[],
         array(select pg_catalog.format_type(t, null)
                 from unnest(coalesce(p.proallargtypes, p.proargtypes::oid[])) as t)
    from pg_catalog.pg_proc p
   where p.pronamespace = 'public'::regnamespace and p.prokind = 'f'
$$;
grant execute on function public.api_signatures() to anon, authenticated, service_role;
