-- The write API. Every write is a function here, so it is atomic, RLS-checked and reachable
-- the same way through PostgREST (supabase.rpc) and the embedded transport. Functions raise
-- SQLSTATE TL400/TL403/TL404/TL409 with a sentence meant for the student.

create function public.ping() returns table (db_role text, user_id uuid)
language sql stable
as $$
  select current_user::text, auth.uid()
$$;

create function private.require_user() returns uuid
language plpgsql stable
as $$
declare
  v_uid uuid := auth.uid();
begin
  if v_uid is null then
    raise exception 'Please sign in first.' using errcode = 'TL403';
  end if;
  return v_uid;
end
$$;
grant execute on function private.require_user() to anon, authenticated, service_role;

create function public.save_my_profile(
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

create function public.track_application(p_scholarship_id uuid)
returns setof public.applications
language plpgsql
set search_path = ''
as $$
declare
  v_uid uuid := private.require_user();
begin
  return query
  insert into public.applications as a (user_id, scholarship_id, metadata)
  values (v_uid, p_scholarship_id, jsonb_build_object('coach_state', 'tracked'))
  returning a.*;
end
$$;

-- HITL, step 1: Lost (rejected) and back-to-draft apply at once; Submitted and Won are only
-- proposed, returning a one-time token that confirm_application_status() must present.
create function public.propose_application_status(
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
      last_progress_at = now(),
      metadata = (a.metadata - 'pending_transition')
                 || jsonb_build_object('coach_state',
                      case p_status when 'rejected' then 'lost' else 'drafting' end)
    where a.id = p_application_id;
    return query select p_application_id, p_status, null::uuid, true;
  else
    v_token := gen_random_uuid();
    update public.applications a set
      metadata = a.metadata || jsonb_build_object('pending_transition', jsonb_build_object(
        'status', p_status, 'token', v_token, 'requested_at', now()))
    where a.id = p_application_id;
    return query select p_application_id, p_status, v_token, false;
  end if;
end
$$;

-- HITL, step 2: the person confirmed. The only way status becomes submitted or awarded.
create function public.confirm_application_status(
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
  select * into v_app from public.applications a
   where a.id = p_application_id and a.user_id = v_uid
   for update;
  if not found then
    raise exception 'That application was not found.' using errcode = 'TL404';
  end if;
  v_pending := v_app.metadata -> 'pending_transition';
  if v_pending is null
     or (v_pending ->> 'token')::uuid is distinct from p_confirmation_token
     or (v_pending ->> 'requested_at')::timestamptz < now() - interval '1 day' then
    raise exception 'This confirmation has expired or was already used. Please ask again.'
      using errcode = 'TL409';
  end if;
  v_status := (v_pending ->> 'status')::public.application_status;

  update public.applications a set
    status = v_status,
    submitted_at = case when v_status = 'submitted' then now()
                        else coalesce(a.submitted_at, now()) end,
    confirmed_at = case when v_status = 'awarded' then now() else a.confirmed_at end,
    last_progress_at = now(),
    metadata = (a.metadata - 'pending_transition')
               || jsonb_build_object('coach_state',
                    case v_status when 'submitted' then 'submitted' else 'won' end)
  where a.id = p_application_id;

  if v_status = 'submitted' then
    insert into public.check_in_tasks (user_id, application_id, due_at)
    values (v_uid, p_application_id, now() + interval '21 days')
    on conflict (user_id, application_id)
      do update set due_at = excluded.due_at, status = 'pending', completed_at = null;
  else
    update public.check_in_tasks c set status = 'completed', completed_at = now()
     where c.application_id = p_application_id and c.status = 'pending';
  end if;

  return query select * from public.applications a where a.id = p_application_id;
end
$$;

create function public.record_coaching_round(
  p_domain_id text,
  p_session_id text,
  p_round_number integer,
  p_learner_message text,
  p_coach_response text,
  p_response_time_ms integer default null,
  p_score integer default null,
  p_feedback text default null,
  p_dimension_scores jsonb default null
) returns setof public.coaching_sessions
language plpgsql
set search_path = ''
as $$
declare
  v_learner text;
begin
  perform private.require_user();
  select id into v_learner from private.my_learner_ids() as id limit 1;
  if v_learner is null then
    raise exception 'Your learner profile is missing. Please sign in again.' using errcode = 'TL403';
  end if;
  return query
  insert into public.coaching_sessions as s
    (learner_id, domain_id, session_id, round_number, learner_message, coach_response,
     response_time_ms, score, feedback, dimension_scores)
  values (v_learner, p_domain_id, p_session_id, p_round_number, p_learner_message,
          p_coach_response, p_response_time_ms, p_score, p_feedback, p_dimension_scores)
  returning s.*;
end
$$;

create function public.set_round_score(
  p_round_id uuid,
  p_score integer,
  p_feedback text,
  p_dimension_scores jsonb default null
) returns setof public.coaching_sessions
language plpgsql
set search_path = ''
as $$
begin
  perform private.require_user();
  return query
  update public.coaching_sessions s set
    score = p_score, feedback = p_feedback, dimension_scores = p_dimension_scores
  where s.id = p_round_id
  returning s.*;
  if not found then
    raise exception 'That coaching round was not found.' using errcode = 'TL404';
  end if;
end
$$;
