-- A scholarship whose deadline has passed is not tracked: a journey audit's student tracked
-- one from Discovery 11 days after its deadline ("Overdue since December 15" on the listing,
-- Track still there), and the Game plan then said "Deadline passed December 15, 2026, while
-- it was still tracked". The page no longer offers Track for one; the functions refuse it
-- for any caller. The bodies are 20261201001200's and 20261201000700's, with that check.

create function private.require_open_deadline(p_scholarship_id uuid)
returns void
language plpgsql stable security definer
set search_path = ''
as $$
begin
  if exists (select 1 from public.scholarships s
              where s.id = p_scholarship_id and s.deadline <= public.app_now()) then
    raise exception
      'Its deadline has passed, so it can''t be sent any more: track one that is still open.'
      using errcode = 'TL400';
  end if;
end
$$;

revoke all on function private.require_open_deadline(uuid) from public;
grant execute on function private.require_open_deadline(uuid) to authenticated, service_role;

create or replace function public.track_discovery_result(p_run_id uuid, p_result_id text)
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
  perform private.require_open_deadline(v_scholarship);
  return query
  insert into public.applications as a (user_id, scholarship_id, metadata)
  values (v_uid, v_scholarship, jsonb_build_object(
            'coach_state', 'tracked', 'discovery_run_id', p_run_id, 'result_id', p_result_id))
  returning a.*;
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
  perform private.require_open_deadline(p_scholarship_id);
  return query
  insert into public.applications as a (user_id, scholarship_id, metadata)
  values (v_uid, p_scholarship_id, jsonb_build_object('coach_state', 'tracked'))
  returning a.*;
end
$$;
