-- The Top 3 breaks a tie in momentum by the sooner deadline first, then as before (quick forms
-- first, then title). Every application more than 60 days out has the same momentum (its
-- deadline is beyond the proximity horizon and the catalog gives no trust score), so a season
-- audit's student saw "1. Federal Pell Grant (174 days) 2. Dell Scholars Program (330 days)
-- 3. NURSE Corps (110 days)": alphabetical, and the coach named them in that order. The body
-- is 20261201001300's with the deadline in the order; coach/game_plan.py ranks alike.
create or replace function public.my_top3()
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
            s.deadline nulls last,
            case s.metadata ->> 'application_type'
              when 'form' then 0 when 'mixed' then 1 when 'essay' then 2 else 3 end,
            s.title collate "C",
            a.id
   limit 3;
end
$$;
