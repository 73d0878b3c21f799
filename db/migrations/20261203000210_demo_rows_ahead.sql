-- After "Back to now", what the demo wrote while the clock was ahead is dated in the future
-- (audit 2026-12-03, section 8): Home's "last active Dec 8" on Dec 3, a Debt Lifted chart
-- stepping up later, Review's "9 new rounds since the review". Deleting those rows quietly
-- would lose a rehearsal's data without a word, so the Demo page says how many there are,
-- per table, beside the reset that clears them. A row is ahead when any time it carries that
-- says when it was written or changed is later than the app clock's now; a deadline, a
-- check-in's due date and the sidecar's lease and retry times (real time) say other things.
create function private.demo_written_at(p_table text) returns text
language sql stable
set search_path = ''
as $$
  select 'greatest(' || string_agg(format('%I', a.attname), ', ' order by a.attnum) || ')'
    from pg_catalog.pg_attribute a
   where a.attrelid = p_table::regclass and a.attnum > 0 and not a.attisdropped
     and a.atttypid = 'timestamptz'::regtype
     and a.attname <> all (array['deadline', 'due_at', 'lease_until', 'retry_at'])
$$;

create function public.demo_rows_ahead()
returns table (table_name text, rows integer)
language plpgsql stable security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  v_seed private.demo_seed := private.require_demo_admin();
  v_table text;
  v_written text;
  v_count integer;
begin
  foreach v_table in array private.demo_insert_tables() || private.demo_update_tables() loop
    v_written := private.demo_written_at(v_table);
    continue when v_written is null;
    execute format('select count(*)::int from %s where (%s) and %s > public.app_now()',
                   v_table, private.demo_filter(v_table), v_written)
       into v_count using v_seed.people, v_seed.learners;
    if v_count > 0 then
      table_name := v_table;
      rows := v_count;
      return next;
    end if;
  end loop;
end
$$;

revoke all on function public.demo_rows_ahead() from public, anon;
grant execute on function public.demo_rows_ahead() to authenticated, service_role;
