-- A profile is read by its owner only. Admins could read every student's row, raw SAI
-- included (a security audit: `select full_name, sai from profiles` as the demo admin
-- returned all of them); no admin page reads another person's profile, and raw SAI never
-- leaves the student's own session. The sidecar and the coach's functions that need a
-- name run as their owner, unaffected.
drop policy "Students read their own profile; admins read all" on public.profiles;

create policy "People read their own profile"
  on public.profiles for select to authenticated
  using (id = (select auth.uid()));

-- The year born is never after the app clock's, however it is written: save_my_profile
-- checked it, a direct update (PATCH /rest/v1/profiles) did not, and took 2150.
create function private.birth_year_not_ahead()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
  v_year integer := extract(year from public.app_now())::integer;
begin
  if new.birth_year is not null and new.birth_year > v_year then
    raise exception 'Year you were born must be between 1900 and %.', v_year
      using errcode = 'TL400';
  end if;
  return new;
end
$$;

create trigger profiles_birth_year_not_ahead
  before insert or update of birth_year on public.profiles
  for each row execute function private.birth_year_not_ahead();
