-- Momentum depends only on the scholarship (deadline, trust) and the clock, so it is computed
-- once per catalog row, not twice per application: the recompute of 1M applications spent
-- half its time in private.momentum (its Python-exact rounding costs ~4 µs a call), once for
-- the new value and once more to skip unchanged rows (bench/game_plan.py: 10.2 s -> 5.6 s).
-- The bodies are 20261201001300's otherwise; the values written are the same.
create or replace function public.recompute_momentum() returns integer
language plpgsql security definer
set search_path = ''
as $$
declare
  v_now timestamptz := public.app_now();
  v_count integer;
  v_flag text := coalesce(current_setting('tuitionlift.derived_write', true), '');
begin
  perform set_config('tuitionlift.derived_write', 'on', true);
  with m as materialized (
    select s.id, private.momentum(s.deadline, s.trust_score, v_now) as score
      from public.scholarships s
  )
  update public.applications a
     set momentum_score = case when a.status = 'draft' then m.score end
    from m
   where m.id = a.scholarship_id
     and a.momentum_score is distinct from (case when a.status = 'draft' then m.score end);
  get diagnostics v_count = row_count;
  perform set_config('tuitionlift.derived_write', v_flag, true);
  return v_count;
end
$$;
revoke all on function public.recompute_momentum() from public, anon, authenticated;
grant execute on function public.recompute_momentum() to service_role;

create or replace function private.scholarship_momentum_changed() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  v_score numeric := private.momentum(new.deadline, new.trust_score, public.app_now());
  v_flag text := coalesce(current_setting('tuitionlift.derived_write', true), '');
begin
  perform set_config('tuitionlift.derived_write', 'on', true);
  update public.applications a
     set momentum_score = v_score
   where a.scholarship_id = new.id
     and a.status = 'draft'
     and a.momentum_score is distinct from v_score;
  perform set_config('tuitionlift.derived_write', v_flag, true);
  return null;
end
$$;
