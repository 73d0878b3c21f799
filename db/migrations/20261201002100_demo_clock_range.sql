-- The demo clock's range: three years either side of real time, not one. A year was too
-- tight for an install whose clock already runs a year ahead (the test suite's +365d pass
-- does, as a long-running demo might): "+3 weeks" was refused there.
create or replace function public.move_demo_clock(p_seconds integer default null)
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
  if v_shift not between interval '-1096 days' and interval '1096 days' then
    raise exception 'The demo clock stays within three years of today: go back to now first.'
      using errcode = 'TL400';
  end if;
  update private.app_clock set shift = v_shift, updated_at = pg_catalog.now();
  return extract(epoch from v_shift)::bigint;
end
$$;
