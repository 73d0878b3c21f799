-- The demo clock's nudge slots follow the log (audit 2026-12-03, section 8): moving the clock
-- back cleared any slot whose last send was later than the new time, though an earlier send
-- could still fall in the last 24 hours. "+3 days" and "+3 weeks" with a sweep each, "Back to
-- now" and "+3 days" again gave Jordan a second toast five minutes after the first one of
-- that demo day. Now every move, either way, sets each slot to the latest send the log holds
-- at or before the new time (or the slot's own time, when that is still not later), so the
-- 24 hours run from what was last sent as the clock now reads. The log is the history;
-- nothing is deleted.
create or replace function public.move_demo_clock(p_seconds integer default null)
returns bigint
language plpgsql security definer
set search_path = ''
as $$
declare
  v_shift interval;
  v_now timestamptz;
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
  v_now := pg_catalog.now() + v_shift;
  update private.nudge_slots s
     set last_sent_at = x.last_sent_at
    from (
      select k.user_id, k.channel,
             greatest(case when k.last_sent_at <= v_now then k.last_sent_at end,
                      (select max(n.sent_at) from public.notification_log n
                        where n.user_id = k.user_id and n.channel = k.channel
                          and n.state = 'sent' and n.sent_at <= v_now)) as last_sent_at
        from private.nudge_slots k
    ) x
   where s.user_id = x.user_id and s.channel = x.channel
     and s.last_sent_at is distinct from x.last_sent_at;
  return extract(epoch from v_shift)::bigint;
end
$$;
