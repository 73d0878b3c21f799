-- The game plan in the database (issue #17): coach-state moves, "Have you heard back?"
-- answers, the micro-task snooze, momentum_score kept current, and the Top 3.
--
-- coach/coach_state.py (states, the DB mapping, TRANSITIONS) and coach/momentum.py are the
-- reference; the SQL here mirrors them and tests/db/test_game_plan_sql.py checks that they
-- agree on every transition pair and on generated rows.
--
-- confirm_application_status is replaced: the body of 20261201000700 with its input checks
-- kept, plus the transition check, outcome_pending false on a submission, and pending
-- check-ins closed by a win.

-- coach states ------------------------------------------------------------------------------
-- parse_coach_state(): "Outcome Pending", "outcome-pending", " drafting " -> the key; else null.
create function private.parse_coach_state(p_value text) returns text
language sql immutable parallel safe
set search_path = ''
as $$
  select k from (
    select array_to_string(
             regexp_split_to_array(
               regexp_replace(replace(replace(lower(p_value), '-', ' '), '_', ' '),
                              '^\s+|\s+$', '', 'g'),
               '\s+'),
             '_') as k) s
   where k in ('tracked', 'drafting', 'review', 'submitted', 'outcome_pending', 'won', 'lost')
$$;

-- db_to_coach_state(): total over every status and any metadata (the status is canonical).
create function private.coach_state(p_status public.application_status, p_metadata jsonb)
returns text
language sql immutable parallel safe
set search_path = ''
as $$
  select case p_status
    when 'draft' then
      case when jsonb_typeof(p_metadata -> 'coach_state') = 'string'
                and private.parse_coach_state(p_metadata ->> 'coach_state')
                    in ('tracked', 'drafting', 'review')
           then private.parse_coach_state(p_metadata ->> 'coach_state')
           else 'tracked' end
    when 'submitted' then
      case when jsonb_typeof(p_metadata -> 'outcome_pending') = 'boolean'
           then case when (p_metadata -> 'outcome_pending')::boolean
                     then 'outcome_pending' else 'submitted' end
           when jsonb_typeof(p_metadata -> 'coach_state') = 'string'
                and private.parse_coach_state(p_metadata ->> 'coach_state') = 'outcome_pending'
           then 'outcome_pending'
           else 'submitted' end
    when 'awarded' then 'won'
    else 'lost'
  end
$$;

create function private.coach_state_label(p_key text) returns text
language sql immutable parallel safe
set search_path = ''
as $$
  select case p_key
    when 'tracked' then 'Tracked' when 'drafting' then 'Drafting' when 'review' then 'Review'
    when 'submitted' then 'Submitted' when 'outcome_pending' then 'Outcome Pending'
    when 'won' then 'Won' when 'lost' then 'Lost' end
$$;

-- coach_state.TRANSITIONS: move is allowed | needs_confirmation | impossible, with the same
-- sentence as the Python table.
create function private.coach_transition(
  p_current text, p_target text, out move text, out reason text
)
language plpgsql immutable parallel safe
set search_path = ''
as $$
begin
  if p_current = p_target then
    move := 'impossible';
    reason := format('This application is already %s.', private.coach_state_label(p_target));
  elsif p_current = 'won' then
    move := 'impossible';
    reason := 'This scholarship is already marked as won, and a win is final.';
  elsif p_target = 'won' then
    move := 'needs_confirmation';
    reason := 'A win counts toward your Debt Lifted, so please confirm it.';
  elsif p_target = 'lost' then
    move := 'allowed';
    reason := 'Marking an application as lost needs no confirmation.';
  elsif p_target = 'outcome_pending' then
    if p_current = 'submitted' then
      move := 'allowed';
      reason := 'You are waiting to hear back.';
    else
      move := 'impossible';
      reason := 'Only a submitted application can wait for an outcome: mark it submitted first.';
    end if;
  elsif p_target = 'submitted' then
    if p_current = 'outcome_pending' then
      move := 'impossible';
      reason := 'This application is already submitted and waiting on a result.';
    else
      move := 'needs_confirmation';
      reason := 'Please confirm that you really sent this application.';
    end if;
  elsif p_current in ('tracked', 'drafting', 'review') then
    move := 'allowed';
    reason := format('Moved to %s.', private.coach_state_label(p_target));
  elsif p_target = 'drafting' then
    move := 'allowed';
    reason := 'The application is reopened for drafting.';
  else
    move := 'impossible';
    reason := 'An application that was sent or decided reopens as Drafting.';
  end if;
end
$$;

grant execute on function private.parse_coach_state(text), private.coach_state(public.application_status, jsonb),
  private.coach_state_label(text), private.coach_transition(text, text)
  to anon, authenticated, service_role;

-- momentum (coach/momentum.py) ----------------------------------------------------------------
-- Python's round(x, 2) on a float, exactly: x::numeric keeps 15 significant digits, which
-- rounds the same way as x itself unless it lands exactly on a half cent; then the float's
-- exact binary value decides (half-even when it is exactly the half, as Python does).
create function private.py_round2_tie(p_x double precision, p_v numeric) returns numeric
language plpgsql immutable strict parallel safe
set search_path = ''
as $$
declare
  v_bits bigint := ('x' || encode(float8send(abs(p_x)), 'hex'))::bit(64)::bigint;
  v_exp integer := ((v_bits >> 52) & 2047)::integer - 1075;
  v_mant numeric := ((v_bits & 4503599627370495) | 4503599627370496)::numeric;
  v_half numeric := abs(p_v);
  v_low numeric := trunc(abs(p_v), 2);
  v_exact numeric;  -- the float's value scaled so the comparison stays in integers
  v_cmp numeric;
begin
  if v_exp >= 0 or v_exp < -62 then  -- not a value momentum can produce; stay close enough
    return round(p_v, 2);
  end if;
  v_exact := v_mant;
  v_cmp := v_half * (1::bigint << (-v_exp))::numeric;
  if v_exact > v_cmp then
    v_low := v_low + 0.01;
  elsif v_exact = v_cmp and mod(v_low * 100, 2) = 1 then
    v_low := v_low + 0.01;
  end if;
  return sign(p_x)::numeric * v_low;
end
$$;

create function private.py_round2(p_x double precision) returns numeric
language sql immutable strict parallel safe
as $$
  select case
    when p_x::numeric * 1000 = trunc(p_x::numeric * 1000)
         and abs(mod(p_x::numeric * 1000, 10)) = 5
      then private.py_round2_tie(p_x, p_x::numeric)
    else round(p_x::numeric, 2)
  end
$$;

-- momentum = 100 x (0.6 x deadline_proximity + 0.4 x trust), computed in double precision in
-- the same order as the Python, so the two agree to the cent. Proximity rises linearly over
-- the last 60 days; no deadline: 0; a passed deadline: null (it drops out). Trust: the
-- score clamped to 0..100 over 100; unscored: 0.5.
create function private.momentum(
  p_deadline timestamptz, p_trust integer, p_now timestamptz
) returns numeric
language sql immutable parallel safe
as $$
  select case
    when p_deadline is not null and p_deadline < p_now then null
    else private.py_round2(
      100::float8 * (
        0.6::float8 * (case when p_deadline is null then 0::float8
                            else greatest(0::float8, 1::float8
                              - (extract(epoch from (p_deadline - p_now))::float8
                                 / 86400::float8) / 60::float8) end)
        + 0.4::float8 * (case when p_trust is null then 0.5::float8
                              else greatest(0, least(100, p_trust))::float8 / 100::float8 end)))
  end
$$;

grant execute on function private.py_round2_tie(double precision, numeric),
  private.py_round2(double precision), private.momentum(timestamptz, integer, timestamptz)
  to anon, authenticated, service_role;

-- applications.momentum_score: an open (draft) application's momentum at the time it was
-- written; null once sent or decided, or when the deadline passed. Kept current by these
-- triggers and by public.recompute_momentum() (the sidecar, daily). my_top3() computes it at
-- app_now() instead, so the Top 3 never waits for a recompute.
create function private.set_application_momentum() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  if new.status = 'draft' then
    select private.momentum(s.deadline, s.trust_score, public.app_now())
      into new.momentum_score
      from public.scholarships s where s.id = new.scholarship_id;
  else
    new.momentum_score := null;
  end if;
  return new;
end
$$;

create trigger applications_momentum
  before insert or update of scholarship_id, status on public.applications
  for each row execute function private.set_application_momentum();

create function private.scholarship_momentum_changed() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  v_now timestamptz := public.app_now();
  v_flag text := coalesce(current_setting('tuitionlift.derived_write', true), '');
begin
  perform set_config('tuitionlift.derived_write', 'on', true);
  update public.applications a
     set momentum_score = private.momentum(new.deadline, new.trust_score, v_now)
   where a.scholarship_id = new.id
     and a.status = 'draft'
     and a.momentum_score is distinct from private.momentum(new.deadline, new.trust_score, v_now);
  perform set_config('tuitionlift.derived_write', v_flag, true);
  return null;
end
$$;

create trigger scholarships_momentum
  after update of deadline, trust_score on public.scholarships
  for each row
  when (old.deadline is distinct from new.deadline or old.trust_score is distinct from new.trust_score)
  execute function private.scholarship_momentum_changed();

-- A derived score is not an edit: updated_at (the order the student's list is shown in)
-- stays put when only the momentum is rewritten. The two writers that rewrite it alone (the
-- recompute and the catalog trigger) say so in a transaction-local setting; a WHEN clause
-- that reads it costs next to nothing per row, where comparing the whole row (or running
-- the trigger function) cost a third of the recompute's time at 1M rows (bench/game_plan.py).
create or replace trigger applications_touch
  before update on public.applications
  for each row
  when (coalesce(current_setting('tuitionlift.derived_write', true), '') <> 'on')
  execute function private.touch_updated_at();

-- Room on each page for the daily recompute's new row versions, so they stay heap-only
-- (HOT: no index entries to write); without it the recompute spends most of its time in the
-- five indexes.
alter table public.applications set (fillfactor = 70);

-- Momentum is the server's number, not the student's.
revoke update (momentum_score) on public.applications from authenticated;

-- Every row at app_now(), set-based; returns how many rows changed. Service role only.
create function public.recompute_momentum() returns integer
language plpgsql security definer
set search_path = ''
as $$
declare
  v_now timestamptz := public.app_now();
  v_count integer;
  v_flag text := coalesce(current_setting('tuitionlift.derived_write', true), '');
begin
  perform set_config('tuitionlift.derived_write', 'on', true);
  update public.applications a
     set momentum_score = case when a.status = 'draft'
                               then private.momentum(s.deadline, s.trust_score, v_now) end
    from public.scholarships s
   where s.id = a.scholarship_id
     and a.momentum_score is distinct from
         (case when a.status = 'draft'
               then private.momentum(s.deadline, s.trust_score, v_now) end);
  get diagnostics v_count = row_count;
  perform set_config('tuitionlift.derived_write', v_flag, true);
  return v_count;
end
$$;
revoke all on function public.recompute_momentum() from public, anon, authenticated;
grant execute on function public.recompute_momentum() to service_role;

-- Bring the rows that existed before this migration up to date.
select public.recompute_momentum();

-- moves ---------------------------------------------------------------------------------------
-- The caller's application, locked; refused with one sentence when it is not theirs.
create function private.lock_my_application(p_application_id uuid)
returns public.applications
language plpgsql
set search_path = ''
as $$
declare
  v_uid uuid := private.require_user();
  v_app public.applications;
begin
  if p_application_id is null then
    raise exception 'Please choose an application.' using errcode = 'TL400';
  end if;
  select * into v_app from public.applications a
   where a.id = p_application_id and a.user_id = v_uid
   for update;
  if not found then
    raise exception 'That application was not found.' using errcode = 'TL404';
  end if;
  return v_app;
end
$$;
grant execute on function private.lock_my_application(uuid) to authenticated, service_role;

-- HITL, step 2 (as 20261201000700, input checks kept): the person confirmed. The only way
-- status becomes submitted or awarded.
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
  v_rule record;
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
  if v_status not in ('submitted', 'awarded') then
    raise exception 'This confirmation has expired or was already used. Please ask again.'
      using errcode = 'TL409';
  end if;
  v_rule := private.coach_transition(
    private.coach_state(v_app.status, v_app.metadata),
    case v_status when 'submitted' then 'submitted' else 'won' end);
  if v_rule.move = 'impossible' then
    raise exception '%', v_rule.reason using errcode = 'TL409';
  end if;

  update public.applications a set
    status = v_status,
    submitted_at = case when v_status = 'submitted' then public.app_now()
                        else coalesce(a.submitted_at, public.app_now()) end,
    confirmed_at = case when v_status = 'awarded' then public.app_now() else a.confirmed_at end,
    last_progress_at = public.app_now(),
    metadata = (a.metadata - 'pending_transition')
               || case v_status
                    when 'submitted' then '{"coach_state": "submitted", "outcome_pending": false}'
                    else '{"coach_state": "won"}' end::jsonb
  where a.id = p_application_id;

  if v_status = 'submitted' then
    -- One check-in per application (a unique key): a resubmission after a reopen asks again.
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

-- The moves that need no confirmation: Tracked / Drafting / Review, Lost, Outcome Pending.
create function public.move_application(p_application_id uuid, p_state text)
returns setof public.applications
language plpgsql security definer
set search_path = ''
as $$
declare
  v_target text := private.parse_coach_state(p_state);
  v_app public.applications;
  v_current text;
  v_rule record;
begin
  if p_application_id is null then
    raise exception 'Please choose an application.' using errcode = 'TL400';
  end if;
  if v_target is null then
    raise exception 'Please choose a stage: Tracked, Drafting, Review, Submitted, Outcome Pending, Won or Lost.'
      using errcode = 'TL400';
  end if;
  v_app := private.lock_my_application(p_application_id);
  v_current := private.coach_state(v_app.status, v_app.metadata);
  v_rule := private.coach_transition(v_current, v_target);
  if v_rule.move = 'impossible' then
    raise exception '%', v_rule.reason using errcode = 'TL403';
  end if;
  if v_rule.move = 'needs_confirmation' then
    raise exception 'Moving an application to % needs your confirmation.',
      private.coach_state_label(v_target) using errcode = 'TL403';
  end if;

  update public.applications a set
    status = case v_target when 'lost' then 'rejected'
                           when 'outcome_pending' then 'submitted'
                           else 'draft' end::public.application_status,
    submitted_at = case when v_target in ('tracked', 'drafting', 'review') then null
                        else a.submitted_at end,
    last_progress_at = public.app_now(),
    metadata = (a.metadata - 'pending_transition')
               || case v_target
                    when 'outcome_pending'
                      then '{"coach_state": "outcome_pending", "outcome_pending": true}'::jsonb
                    else jsonb_build_object('coach_state', v_target) end
  where a.id = v_app.id;

  if v_target = 'lost' then
    update public.check_in_tasks c set status = 'completed', completed_at = public.app_now()
     where c.application_id = v_app.id and c.status = 'pending';
  elsif v_target in ('tracked', 'drafting', 'review') then
    -- Reopened: nothing was sent, so there is nothing to hear back about.
    update public.check_in_tasks c set status = 'dismissed'
     where c.application_id = v_app.id and c.status = 'pending';
  end if;

  return query select * from public.applications a where a.id = v_app.id;
end
$$;

-- "Have you heard back?": won -> the pending Won confirmation (nothing is awarded until
-- confirm_application_status); lost -> rejected, check-in completed; not_yet -> asked again
-- in 7 days, the application Outcome Pending.
create function public.answer_check_in(p_check_in_id uuid, p_answer text)
returns table (
  check_in_id uuid,
  application_id uuid,
  answer text,
  application_status public.application_status,
  check_in_status public.check_in_status,
  due_at timestamptz,
  proposed_status public.application_status,
  confirmation_token uuid
)
language plpgsql security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_user();
  v_answer text := replace(replace(lower(btrim(p_answer)), ' ', '_'), '-', '_');
  v_check public.check_in_tasks;
  v_app public.applications;
  v_token uuid;
begin
  if p_check_in_id is null then
    raise exception 'Please choose a check-in.' using errcode = 'TL400';
  end if;
  if v_answer is null or v_answer not in ('won', 'lost', 'not_yet') then
    raise exception 'Please answer won, lost or not yet.' using errcode = 'TL400';
  end if;
  select * into v_check from public.check_in_tasks c
   where c.id = p_check_in_id and c.user_id = v_uid
   for update;
  if not found then
    raise exception 'That check-in was not found.' using errcode = 'TL404';
  end if;
  if v_check.status <> 'pending' then
    raise exception 'This check-in was already answered.' using errcode = 'TL409';
  end if;
  v_app := private.lock_my_application(v_check.application_id);
  if private.coach_state(v_app.status, v_app.metadata) not in ('submitted', 'outcome_pending') then
    raise exception 'This application is no longer waiting on a result.' using errcode = 'TL409';
  end if;

  if v_answer = 'won' then
    v_token := gen_random_uuid();
    update public.applications a set
      metadata = a.metadata || jsonb_build_object('pending_transition', jsonb_build_object(
        'status', 'awarded', 'token', v_token, 'requested_at', public.app_now()))
    where a.id = v_app.id;
  elsif v_answer = 'lost' then
    update public.applications a set
      status = 'rejected',
      last_progress_at = public.app_now(),
      metadata = (a.metadata - 'pending_transition') || '{"coach_state": "lost"}'::jsonb
    where a.id = v_app.id;
    update public.check_in_tasks c set status = 'completed', completed_at = public.app_now()
     where c.id = v_check.id;
  else
    update public.applications a set
      last_progress_at = public.app_now(),
      metadata = (a.metadata - 'pending_transition')
                 || '{"coach_state": "outcome_pending", "outcome_pending": true}'::jsonb
    where a.id = v_app.id;
    update public.check_in_tasks c set due_at = public.app_now() + interval '7 days'
     where c.id = v_check.id;
  end if;

  return query
  select c.id, c.application_id, v_answer, a.status, c.status, c.due_at,
         case when v_token is not null then 'awarded'::public.application_status end, v_token
    from public.check_in_tasks c join public.applications a on a.id = c.application_id
   where c.id = v_check.id;
end
$$;

-- snooze ----------------------------------------------------------------------------------------
-- profiles.preferences.micro_task_snoozed_until, before the nearest open deadline (seed 000).
create function public.snooze_micro_task(p_until timestamptz)
returns timestamptz
language plpgsql security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_user();
  v_now timestamptz := public.app_now();
  v_title text;
  v_deadline timestamptz;
begin
  if p_until is null then
    raise exception 'Please pick a time to snooze until.' using errcode = 'TL400';
  end if;
  if p_until <= v_now then
    raise exception 'Pick a time later than now to snooze until.' using errcode = 'TL400';
  end if;
  select s.title, s.deadline into v_title, v_deadline
    from public.applications a join public.scholarships s on s.id = a.scholarship_id
   where a.user_id = v_uid and a.status = 'draft' and s.deadline >= v_now
   order by s.deadline, s.title
   limit 1;
  if v_deadline is not null and p_until >= v_deadline then
    raise exception 'A snooze can''t reach past your nearest deadline (%, %). Pick an earlier time.',
      v_title, to_char(v_deadline at time zone 'UTC', 'FMMonth FMDD, YYYY, HH24:MI "UTC"')
      using errcode = 'TL400';
  end if;
  update public.profiles p
     set preferences = p.preferences || jsonb_build_object('micro_task_snoozed_until',
           to_char(p_until at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"+00:00"'))
   where p.id = v_uid;
  if not found then
    raise exception 'Your profile is missing. Please sign in again.' using errcode = 'TL404';
  end if;
  return p_until;
end
$$;

-- A student writes preferences directly (the column is theirs), but not the snooze: only
-- snooze_micro_task() checks it against the nearest deadline. It runs as the function's
-- owner, so the caller's role tells the two paths apart.
create function private.guard_snooze_preference() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if current_user in ('authenticated', 'anon')
     and (new.preferences -> 'micro_task_snoozed_until') is distinct from
         (case when tg_op = 'UPDATE' then old.preferences -> 'micro_task_snoozed_until' end)
  then
    raise exception 'Please use the snooze button: a snooze is checked against your nearest deadline.'
      using errcode = 'TL403';
  end if;
  return new;
end
$$;

create trigger profiles_guard_snooze
  before insert or update of preferences on public.profiles
  for each row execute function private.guard_snooze_preference();

-- the Top 3 -------------------------------------------------------------------------------------
-- coach/game_plan.py build_game_plan's Top 3 at app_now(): open applications with a deadline
-- ahead (or none), by momentum, quick forms first on ties, then title (code-point order, as
-- Python compares strings).
create index applications_open_by_user_idx
  on public.applications (user_id, scholarship_id) where status = 'draft';

create function public.my_top3()
returns table (
  application_id uuid,
  scholarship_id uuid,
  title text,
  amount numeric,
  deadline timestamptz,
  application_type text,
  momentum numeric,
  coach_state text
)
language plpgsql stable
set search_path = ''
as $$
declare
  v_uid uuid := private.require_user();
  v_now timestamptz := public.app_now();
begin
  return query
  select a.id, s.id, s.title, s.amount, s.deadline, s.metadata ->> 'application_type',
         m.momentum, private.coach_state_label(private.coach_state(a.status, a.metadata))
    from public.applications a
    join public.scholarships s on s.id = a.scholarship_id
    cross join lateral (
      select private.momentum(s.deadline, s.trust_score, v_now) as momentum
    ) m
   where a.user_id = v_uid
     and a.status = 'draft'
     and m.momentum is not null
   order by m.momentum desc,
            case s.metadata ->> 'application_type'
              when 'form' then 0 when 'mixed' then 1 when 'essay' then 2 else 3 end,
            s.title collate "C",
            a.id
   limit 3;
end
$$;
