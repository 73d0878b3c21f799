-- Demo mode (issue #20): the product team moves the one clock, runs the sidecar and puts the
-- demo people back as they were seeded, on a laptop or on a hosted project with DEMO_MODE=true.
--
-- The seed writes the demo people's rows once, in Python (db/seed.py); right after, it keeps a
-- snapshot of every row they own here (private.demo_seed). A reset puts that snapshot back in
-- one transaction: every demo-owned row deleted, the snapshot's rows inserted again with their
-- times moved by how long ago the seed ran, so "submitted 5 days ago" is 5 days before now
-- again. Rows of anyone else are never read or written. Only admins (and the server) may
-- move the clock or reset, and only where a demo was seeded and is switched on.

create table private.demo_seed (
  id boolean primary key default true constraint demo_seed_single_row check (id),
  enabled boolean not null default true,
  people uuid[] not null,
  learners text[] not null,     -- the people's learner rows and the seeded history learners
  seeded_at timestamptz not null,
  snapshot jsonb not null,      -- {"public.applications": [row, ...], ...}
  reset_at timestamptz
);
alter table private.demo_seed enable row level security;  -- no policy: functions only

-- The tables a demo person's rows live in, in the order a reset inserts them (parents first);
-- it deletes in the reverse order. Profiles, learners and nudge slots are not deleted (their
-- rows come with the person and other rows point at them): they are updated back.
create function private.demo_insert_tables() returns text[]
language sql immutable
set search_path = ''
as $$
  select array[
    'public.discovery_completions', 'public.discovery_results', 'public.discovery_dismissals',
    'public.notification_log', 'public.applications', 'private.nudge_notices',
    'public.check_in_tasks', 'public.coaching_threads', 'public.coaching_sessions',
    'public.coaching_pending_messages', 'public.coaching_session_reports',
    'public.coaching_score_overrides', 'public.coaching_session_reviews']
$$;

create function private.demo_update_tables() returns text[]
language sql immutable
set search_path = ''
as $$
  select array['public.profiles', 'public.learners', 'private.nudge_slots']
$$;

-- Which rows of a table are the demo's: $1 = the people (uuid[]), $2 = their learners (text[]).
create function private.demo_filter(p_table text) returns text
language sql immutable
set search_path = ''
as $$
  select case p_table
    when 'public.profiles' then 'id = any($1)'
    when 'public.learners' then 'id::text = any($2)'
    when 'private.nudge_slots' then 'user_id = any($1)'
    when 'private.nudge_notices' then
      'application_id in (select a.id from public.applications a where a.user_id = any($1))'
    when 'public.coaching_threads' then 'learner_id = any($2)'
    when 'public.coaching_sessions' then 'learner_id = any($2)'
    when 'public.coaching_score_overrides' then
      'round_id in (select s.id from public.coaching_sessions s where s.learner_id = any($2))'
    when 'public.coaching_pending_messages' then
      'session_id in (select t.session_id from public.coaching_threads t '
      || 'where t.learner_id = any($2))'
    when 'public.coaching_session_reports' then
      'session_id in (select t.session_id from public.coaching_threads t '
      || 'where t.learner_id = any($2))'
    when 'public.coaching_session_reviews' then
      'session_id in (select t.session_id from public.coaching_threads t '
      || 'where t.learner_id = any($2))'
    else 'user_id = any($1)'
  end
$$;

-- A table's columns as "a, b, c" and as the expressions that restore them from a jsonb row
-- `r`: every timestamptz moved by $2 (the time since the seed).
create function private.demo_columns(p_table text, p_skip text[] default '{}',
                                     out names text, out exprs text)
language sql stable
set search_path = ''
as $$
  select string_agg(format('%I', a.attname), ', ' order by a.attnum),
         string_agg(case when a.atttypid = 'timestamptz'::regtype
                         then format('r.%I + $2', a.attname)
                         else format('r.%I', a.attname) end, ', ' order by a.attnum)
    from pg_catalog.pg_attribute a
   where a.attrelid = p_table::regclass and a.attnum > 0 and not a.attisdropped
     and a.attgenerated = '' and a.attname <> all (p_skip)
$$;

-- Called by the seed (db/seed.py) right after it wrote the demo people: keeps what they own.
create function private.capture_demo_seed(p_people uuid[], p_learners text[],
                                          p_enabled boolean default true)
returns integer
language plpgsql
set search_path = ''
as $$
declare
  v_table text;
  v_rows jsonb;
  v_snapshot jsonb := '{}';
  v_total integer := 0;
begin
  foreach v_table in array private.demo_insert_tables() || private.demo_update_tables() loop
    execute format('select coalesce(jsonb_agg(to_jsonb(t)), ''[]'') from %s t where %s',
                   v_table, private.demo_filter(v_table))
       into v_rows using p_people, p_learners;
    v_snapshot := v_snapshot || jsonb_build_object(v_table, v_rows);
    v_total := v_total + jsonb_array_length(v_rows);
  end loop;
  insert into private.demo_seed (people, learners, seeded_at, snapshot, enabled)
  values (p_people, p_learners, public.app_now(), v_snapshot, p_enabled)
  on conflict (id) do update set
    people = excluded.people, learners = excluded.learners, seeded_at = excluded.seeded_at,
    snapshot = excluded.snapshot, enabled = excluded.enabled, reset_at = null;
  return v_total;
end
$$;
revoke all on function private.capture_demo_seed(uuid[], text[], boolean) from public;

-- Who may drive the demo: an admin (checked against their profile) or the server itself.
create function private.require_demo_admin() returns private.demo_seed
language plpgsql stable security definer
set search_path = ''
as $$
declare
  v_seed private.demo_seed;
begin
  if coalesce(auth.role(), '') <> 'service_role' and not coalesce(private.is_admin(), false) then
    raise exception 'Only an admin can run the demo controls.' using errcode = 'TL403';
  end if;
  select d.* into v_seed from private.demo_seed d;
  if not found or not v_seed.enabled then
    raise exception 'Demo mode is off here: set DEMO_MODE=true to use the demo controls.'
      using errcode = 'TL403';
  end if;
  return v_seed;
end
$$;
revoke all on function private.require_demo_admin() from public;
grant execute on function private.require_demo_admin() to authenticated, service_role;

create function public.demo_status(
  out demo_now timestamptz, out shift_seconds bigint, out seeded_at timestamptz,
  out reset_at timestamptz, out people integer
)
language plpgsql stable security definer
set search_path = ''
as $$
declare
  v_seed private.demo_seed := private.require_demo_admin();
begin
  demo_now := public.app_now();
  select extract(epoch from c.shift)::bigint into shift_seconds from private.app_clock c;
  seeded_at := v_seed.seeded_at;
  reset_at := v_seed.reset_at;
  people := cardinality(v_seed.people);
end
$$;

-- Moves the one clock p_seconds forward (or back), or back to now when null. Every process
-- follows within seconds (coach/clock.py); the clock stays within a year of real time.
create function public.move_demo_clock(p_seconds integer default null)
returns bigint
language plpgsql security definer
set search_path = ''
as $$
declare
  v_shift interval;
begin
  perform private.require_demo_admin();
  select case when p_seconds is null then interval '0'
              else c.shift + make_interval(secs => p_seconds) end
    into v_shift from private.app_clock c for update;
  if v_shift not between interval '-366 days' and interval '366 days' then
    raise exception 'The demo clock stays within a year of today: go back to now first.'
      using errcode = 'TL400';
  end if;
  update private.app_clock set shift = v_shift, updated_at = pg_catalog.now();
  return extract(epoch from v_shift)::bigint;
end
$$;

-- The demo back to its seeded state, in one transaction: the clock back to now, the demo
-- people's rows as the seed left them (dated from now), their chats' memory gone, and the
-- demo scholarships' deadlines as many days ahead as when seeded. Returns the rows per table.
create function public.reset_demo_data()
returns table (table_name text, rows integer)
language plpgsql security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  v_seed private.demo_seed := private.require_demo_admin();
  v_shift interval;
  v_table text;
  v_tables text[] := private.demo_insert_tables();
  v_cols record;
  v_rows jsonb;
  v_threads text[];
  v_count integer;
  v_counts jsonb := '{}';
begin
  perform 1 from private.demo_seed for update;  -- one reset at a time
  update private.app_clock set shift = interval '0', updated_at = pg_catalog.now();
  v_shift := public.app_now() - v_seed.seeded_at;

  select coalesce(array_agg(t.session_id), '{}') into v_threads
    from public.coaching_threads t where t.learner_id = any(v_seed.learners);
  v_threads := v_threads || array(select 'user_' || p::text from unnest(v_seed.people) p);
  if to_regclass('langgraph.checkpoints') is not null then
    execute 'delete from langgraph.checkpoint_writes where thread_id = any($1)' using v_threads;
    execute 'delete from langgraph.checkpoint_blobs where thread_id = any($1)' using v_threads;
    execute 'delete from langgraph.checkpoints where thread_id = any($1)' using v_threads;
  end if;

  for i in reverse cardinality(v_tables) .. 1 loop
    execute format('delete from %s where %s', v_tables[i], private.demo_filter(v_tables[i]))
      using v_seed.people, v_seed.learners;
  end loop;

  foreach v_table in array v_tables loop
    -- an insert's triggers may have written rows here already (an override marks its
    -- session reviewed): the snapshot's rows are the truth
    execute format('delete from %s where %s', v_table, private.demo_filter(v_table))
      using v_seed.people, v_seed.learners;
    v_cols := private.demo_columns(v_table);
    v_rows := coalesce(v_seed.snapshot -> v_table, '[]');
    execute format('insert into %s (%s) select %s from jsonb_populate_recordset(null::%s, $1) r',
                   v_table, v_cols.names, v_cols.exprs, v_table)
      using v_rows, v_shift;
  end loop;

  foreach v_table in array private.demo_update_tables() loop
    v_cols := private.demo_columns(v_table, case v_table
      when 'private.nudge_slots' then array['user_id', 'channel'] else array['id'] end);
    execute format(
      'update %s t set (%s) = row(%s) from jsonb_populate_recordset(null::%s, $1) r where %s',
      v_table, v_cols.names, v_cols.exprs, v_table,
      case v_table when 'private.nudge_slots'
        then 't.user_id = r.user_id and t.channel = r.channel' else 't.id = r.id' end)
      using coalesce(v_seed.snapshot -> v_table, '[]'), v_shift;
  end loop;

  update public.scholarships s
     set deadline = (date_trunc('day', public.app_now() at time zone 'UTC')
                     + make_interval(days => (s.metadata ->> 'due_in_days')::int)
                     + interval '23 hours 59 minutes') at time zone 'UTC'
   where s.metadata ->> 'source' = 'demo' and s.metadata ? 'due_in_days';

  update private.demo_seed set reset_at = public.app_now();

  foreach v_table in array v_tables || private.demo_update_tables() loop
    execute format('select count(*)::int from %s where %s', v_table, private.demo_filter(v_table))
       into v_count using v_seed.people, v_seed.learners;
    table_name := v_table;
    rows := v_count;
    return next;
  end loop;
end
$$;

-- What the demo owns now, table by table (the same tables a reset restores).
create function public.demo_row_counts()
returns table (table_name text, rows integer)
language plpgsql stable security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  v_seed private.demo_seed := private.require_demo_admin();
  v_table text;
  v_count integer;
begin
  foreach v_table in array private.demo_insert_tables() || private.demo_update_tables() loop
    execute format('select count(*)::int from %s where %s', v_table, private.demo_filter(v_table))
       into v_count using v_seed.people, v_seed.learners;
    table_name := v_table;
    rows := v_count;
    return next;
  end loop;
end
$$;

-- Signed-in people may call these (each refuses anyone but an admin); never anon.
revoke all on function public.demo_status(), public.move_demo_clock(integer),
  public.reset_demo_data(), public.demo_row_counts() from public, anon;
grant execute on function public.demo_status(), public.move_demo_clock(integer),
  public.reset_demo_data(), public.demo_row_counts() to authenticated, service_role;
