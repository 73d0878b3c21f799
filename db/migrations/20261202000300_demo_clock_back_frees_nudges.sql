-- Moving the demo clock back undoes the nudge cap's future (found demoing, 2026-12-02): a
-- nudge sent at "+3 days" kept its student's 24-hour slot taken until that moment came
-- round again, so after "Back to now" and two days forward the sidecar said "already had one
-- in 24 hours" about an email dated tomorrow. A slot whose last nudge is later than the new
-- time is free again (the email stays in the outbox, dated when the clock said it was sent),
-- as the momentum job already starts a new day when the clock goes back.
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
  update private.nudge_slots set last_sent_at = null
   where last_sent_at > pg_catalog.now() + v_shift;
  return extract(epoch from v_shift)::bigint;
end
$$;
