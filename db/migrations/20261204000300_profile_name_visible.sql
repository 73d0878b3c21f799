-- A full name of only invisible characters (zero-width spaces and joiners, direction marks,
-- a byte-order mark) is refused as blank, as a blank one is: a browser audit saved
-- "\u200b\u200b" as a name. The body is 20261201000700's, with that check; its grants
-- stay (`create or replace`).

create or replace function public.save_my_profile(
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
  -- blank counts zero-width spaces, direction marks and a byte-order mark too: a name of
  -- only those read as no name at all
  if p_full_name is null or char_length(p_full_name) > 120
     or regexp_replace(p_full_name, '[[:space:]\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]', '', 'g') = '' then
    raise exception 'Name must be between 1 and 120 characters.' using errcode = 'TL400';
  end if;
  if p_gpa is not null and not (p_gpa >= 0 and p_gpa <= 4) then  -- also NaN: not in 0..4
    raise exception 'GPA must be between 0.00 and 4.00.' using errcode = 'TL400';
  end if;
  if char_length(p_intended_major) > 120 then
    raise exception 'Intended major must be at most 120 characters.' using errcode = 'TL400';
  end if;
  if p_sai is not null and p_sai not between -1500 and 999999 then
    raise exception 'SAI must be between -1500 and 999999.' using errcode = 'TL400';
  end if;
  if p_pell_eligibility_status is null then
    raise exception 'Pell eligibility must be eligible, ineligible or unknown.'
      using errcode = 'TL400';
  end if;
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
