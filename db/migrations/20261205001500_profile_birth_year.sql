-- The year a student was born, so Discovery can check a listing's age limit ("ages 16 to 26",
-- "18 or younger", "age 35 and older") on its deadline: an audit's 34-year-old returning
-- student was matched to Davidson Fellows (18 or younger) and Live Más (16 to 26) as "check you
-- qualify". Only the year: a month and day would add little to the match and more to keep.
-- Null is "not set". save_my_profile refuses a year after the app clock's; the table keeps
-- a wide bound of its own.
alter table public.profiles
  add column birth_year integer
    constraint profiles_birth_year_check check (birth_year between 1900 and 2200);

grant insert (birth_year), update (birth_year) on public.profiles to authenticated;

-- The body is 20261205001000's, with the birth year. A new signature: the old one is dropped,
-- so PostgREST has one function of this name to call.
drop function public.save_my_profile(
  text, numeric, text, text, integer, public.pell_eligibility_status, text
);
create function public.save_my_profile(
  p_full_name text,
  p_gpa numeric default null,
  p_intended_major text default null,
  p_state text default null,
  p_sai integer default null,
  p_pell_eligibility_status public.pell_eligibility_status default 'unknown',
  p_school_year text default null,
  p_birth_year integer default null
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
  if p_birth_year is not null
     and p_birth_year not between 1900 and extract(year from public.app_now())::integer then
    raise exception 'Year you were born must be between 1900 and %.',
      extract(year from public.app_now())::integer using errcode = 'TL400';
  end if;
  -- a school year not among the choices is refused by profiles_school_year_check
  return query
  insert into public.profiles as p
    (id, full_name, gpa, intended_major, state, sai, pell_eligibility_status, school_year,
     birth_year)
  values (v_uid, p_full_name, p_gpa, p_intended_major, p_state, p_sai,
          p_pell_eligibility_status, p_school_year, p_birth_year)
  on conflict (id) do update set
    full_name = excluded.full_name,
    gpa = excluded.gpa,
    intended_major = excluded.intended_major,
    state = excluded.state,
    sai = excluded.sai,
    pell_eligibility_status = excluded.pell_eligibility_status,
    school_year = excluded.school_year,
    birth_year = excluded.birth_year
  returning p.*;
end
$$;
