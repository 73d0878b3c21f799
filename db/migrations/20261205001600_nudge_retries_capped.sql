-- A send that keeps failing is given up after 12 attempts (about seven hours of back-off,
-- capped at an hour apart) instead of retried every hour for as long as the mail server
-- refuses: the row is cancelled with "Gave up after 12 attempts: <the last error>" for the
-- Outbox, and the student's slot is freed as if that day's email had gone, so the next try
-- is a day later rather than at the next sweep. The body is 20261201001600's otherwise.
create or replace function public.finish_nudges(p_worker text, p_results jsonb)
returns table (id uuid, state text)
language plpgsql security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  v_now timestamptz := public.app_now();
begin
  if p_results is null or jsonb_typeof(p_results) <> 'array' then
    raise exception 'finish_nudges needs a list of results.' using errcode = 'TL400';
  end if;
  if exists (
    select 1 from jsonb_to_recordset(p_results) as r(outcome text)
     where r.outcome is null or r.outcome not in ('sent', 'cancelled', 'failed')
  ) then
    raise exception 'A result''s outcome is sent, cancelled or failed.' using errcode = 'TL400';
  end if;
  return query
  with r as (
    select * from jsonb_to_recordset(p_results)
      as x(id uuid, outcome text, subject text, body text, delivery text, error text)
  ), done as (
    update public.notification_log n
       set state = case when r.outcome = 'failed' and n.attempts >= 12 then 'cancelled'
                        when r.outcome = 'failed' then 'pending'
                        else r.outcome end,
           sent_at = case when r.outcome = 'sent' then v_now end,
           subject = coalesce(r.subject, n.subject),
           body = coalesce(r.body, n.body),
           delivery = case when r.outcome = 'sent' then r.delivery end,
           delivery_error = case when r.outcome = 'failed' and n.attempts >= 12
                                 then left('Gave up after ' || n.attempts || ' attempts: '
                                           || coalesce(r.error, 'no reason given'), 2000)
                                 when r.outcome in ('failed', 'cancelled')
                                 then left(r.error, 2000) end,
           retry_at = case when r.outcome = 'failed' and n.attempts < 12
                           then pg_catalog.clock_timestamp()
                                + least(interval '1 hour',
                                        interval '1 minute' * power(2, least(n.attempts - 1, 10)))
                      end,
           lease_owner = null,
           lease_until = null
      from r
     -- coalesce(state) is state (not null); written so, the planner cannot answer the rows
     -- from notification_log_pending_idx, which it would pick while the statistics still
     -- say no row is pending (right after a large claim) and then read every pending row of
     -- every worker for each batch (bench/nudge_sweep.py); the primary key finds the batch.
     where n.id = r.id and coalesce(n.state, '') = 'pending' and n.lease_owner = p_worker
    returning n.id as d_id, n.user_id as d_user, n.channel as d_channel, n.state as d_state,
              n.delivery_error like 'Gave up after %' as d_gave_up
  ), freed as (
    update private.nudge_slots s
       set pending_id = null,
           -- given up on, it spent the day's slot: the next try is a day on, not the next sweep
           last_sent_at = case when d.d_state = 'sent' or d.d_gave_up then v_now
                               else s.last_sent_at end
      from done d
     where s.user_id = d.d_user and s.channel = d.d_channel and s.pending_id = d.d_id
       and d.d_state <> 'pending'
  )
  select d.d_id, d.d_state from done d;
end
$$;
