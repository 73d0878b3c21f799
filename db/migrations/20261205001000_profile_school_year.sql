-- A student's school year, so Discovery can match it against the years a scholarship is open
-- to (a user audit: a high-school senior saw Boren, Truman, Udall and Gilman, all for college
-- students, and National Merit, entered through the PSAT as a junior, at "Need match
-- 100/100"; a college junior saw awards for high-school seniors). Null is "not set". The
-- choices are the ones the Profile page offers (db/models/profiles.py SCHOOL_YEARS).
alter table public.profiles
  add column school_year text
    constraint profiles_school_year_check check (school_year in (
      'high_school_freshman', 'high_school_sophomore', 'high_school_junior',
      'high_school_senior', 'college_freshman', 'college_sophomore', 'college_junior',
      'college_senior', 'graduate', 'adult_returning'));

-- save_my_profile runs as the student: the new column is writable as name, GPA and state are.
grant insert (school_year), update (school_year) on public.profiles to authenticated;

-- The body is 20261204000300's, with the school year. A new signature: the old one is
-- dropped, so PostgREST has one function of this name to call. Its grants stay the
-- schema's defaults, as before; it still runs as the caller (RLS writes only their row).
drop function public.save_my_profile(
  text, numeric, text, text, integer, public.pell_eligibility_status
);
create function public.save_my_profile(
  p_full_name text,
  p_gpa numeric default null,
  p_intended_major text default null,
  p_state text default null,
  p_sai integer default null,
  p_pell_eligibility_status public.pell_eligibility_status default 'unknown',
  p_school_year text default null
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
  -- a school year not among the choices is refused by profiles_school_year_check
  return query
  insert into public.profiles as p
    (id, full_name, gpa, intended_major, state, sai, pell_eligibility_status, school_year)
  values (v_uid, p_full_name, p_gpa, p_intended_major, p_state, p_sai,
          p_pell_eligibility_status, p_school_year)
  on conflict (id) do update set
    full_name = excluded.full_name,
    gpa = excluded.gpa,
    intended_major = excluded.intended_major,
    state = excluded.state,
    sai = excluded.sai,
    pell_eligibility_status = excluded.pell_eligibility_status,
    school_year = excluded.school_year
  returning p.*;
end
$$;
