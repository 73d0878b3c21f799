-- Reconstructed 002 data model: profiles, scholarships, applications (DESIGN §3), with the
-- seed-000 application columns and profiles.preferences for the micro-task snooze.

create type public.application_status as enum ('draft', 'submitted', 'awarded', 'rejected');
create type public.pell_eligibility_status as enum ('eligible', 'ineligible', 'unknown');
create type public.user_role as enum ('student', 'coach', 'admin');

create function private.touch_updated_at() returns trigger
language plpgsql
as $$
begin
  new.updated_at := now();
  return new;
end
$$;

-- profiles ------------------------------------------------------------------------------
create table public.profiles (
  id uuid primary key references auth.users (id) on delete cascade,
  full_name text constraint profiles_full_name_check check (char_length(full_name) between 1 and 120),
  role public.user_role not null default 'student',
  gpa numeric(3, 2) constraint profiles_gpa_check check (gpa >= 0 and gpa <= 4),
  intended_major text check (char_length(intended_major) <= 120),
  state text constraint profiles_state_check check (state in (
    'AL','AK','AZ','AR','CA','CO','CT','DE','DC','FL','GA','HI','ID','IL','IN','IA','KS','KY',
    'LA','ME','MD','MA','MI','MN','MS','MO','MT','NE','NV','NH','NJ','NM','NY','NC','ND','OH',
    'OK','OR','PA','RI','SC','SD','TN','TX','UT','VT','VA','WA','WV','WI','WY',
    'AS','GU','MP','PR','VI')),
  sai integer constraint profiles_sai_check check (sai between -1500 and 999999),
  pell_eligibility_status public.pell_eligibility_status not null default 'unknown',
  preferences jsonb not null default '{}' check (jsonb_typeof(preferences) = 'object'),
  onboarding_completed_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create trigger profiles_touch before update on public.profiles
  for each row execute function private.touch_updated_at();

-- Role lookups for policies: security definer so a policy on profiles does not recurse.
create function private.app_role() returns public.user_role
language sql stable security definer set search_path = ''
as $$
  select p.role from public.profiles p where p.id = (select auth.uid())
$$;

create function private.is_staff() returns boolean
language sql stable security definer set search_path = ''
as $$
  select coalesce((select private.app_role()) in ('coach', 'admin'), false)
$$;

create function private.is_admin() returns boolean
language sql stable security definer set search_path = ''
as $$
  select coalesce((select private.app_role()) = 'admin', false)
$$;

revoke all on function private.app_role(), private.is_staff(), private.is_admin() from public;
grant execute on function private.app_role(), private.is_staff(), private.is_admin()
  to anon, authenticated, service_role;

alter table public.profiles enable row level security;

create policy "Students read their own profile; admins read all"
  on public.profiles for select to authenticated
  using (id = (select auth.uid()) or (select private.is_admin()));

create policy "Students create their own profile"
  on public.profiles for insert to authenticated
  with check (id = (select auth.uid()));

create policy "Students update their own profile"
  on public.profiles for update to authenticated
  using (id = (select auth.uid()))
  with check (id = (select auth.uid()));

-- A student may never promote themselves: role is not among the writable columns.
revoke insert, update on public.profiles from anon, authenticated;
grant insert (id, full_name, gpa, intended_major, state, sai, pell_eligibility_status,
              preferences, onboarding_completed_at)
  on public.profiles to authenticated;
grant update (full_name, gpa, intended_major, state, sai, pell_eligibility_status,
              preferences, onboarding_completed_at)
  on public.profiles to authenticated;

-- scholarships ----------------------------------------------------------------------------
create table public.scholarships (
  id uuid primary key default gen_random_uuid(),
  title text not null check (char_length(title) between 1 and 300),
  provider text,
  url text not null
    constraint scholarships_url_key unique
    constraint scholarships_url_check check (url ~* '^https?://'),
  amount numeric(12, 2) constraint scholarships_amount_check check (amount >= 0),
  deadline timestamptz,
  trust_score smallint constraint scholarships_trust_score_check check (trust_score between 0 and 100),
  need_based boolean not null default false,
  metadata jsonb not null default '{}'
    constraint scholarships_metadata_check check (
      jsonb_typeof(metadata) = 'object'
      and coalesce(metadata ->> 'application_type', 'essay') in ('essay', 'form', 'mixed')),
  verified_at timestamptz,
  created_at timestamptz not null default now()
);

create index scholarships_deadline_idx on public.scholarships (deadline);

alter table public.scholarships enable row level security;

create policy "Signed-in users read the catalog"
  on public.scholarships for select to authenticated
  using (true);

create policy "Admins add to the catalog"
  on public.scholarships for insert to authenticated
  with check ((select private.is_admin()));

create policy "Admins edit the catalog"
  on public.scholarships for update to authenticated
  using ((select private.is_admin()))
  with check ((select private.is_admin()));

create policy "Admins remove from the catalog"
  on public.scholarships for delete to authenticated
  using ((select private.is_admin()));

-- applications ----------------------------------------------------------------------------
create table public.applications (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null default auth.uid() references auth.users (id) on delete cascade,
  scholarship_id uuid not null references public.scholarships (id) on delete cascade,
  status public.application_status not null default 'draft',
  momentum_score numeric(5, 2)
    constraint applications_momentum_score_check check (momentum_score between 0 and 100),
  submitted_at timestamptz,
  last_progress_at timestamptz default now(),
  confirmed_at timestamptz,
  metadata jsonb not null default '{}' check (jsonb_typeof(metadata) = 'object'),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint applications_user_id_scholarship_id_key unique (user_id, scholarship_id),
  constraint applications_submitted_at_check
    check (status not in ('submitted', 'awarded') or submitted_at is not null),
  constraint applications_awarded_confirmed_check
    check (status <> 'awarded' or confirmed_at is not null)
);

create index applications_user_status_idx on public.applications (user_id, status);
create index applications_scholarship_idx on public.applications (scholarship_id);

create trigger applications_touch before update on public.applications
  for each row execute function private.touch_updated_at();

alter table public.applications enable row level security;

create policy "Students read their own applications"
  on public.applications for select to authenticated
  using (user_id = (select auth.uid()));

create policy "Students track scholarships for themselves"
  on public.applications for insert to authenticated
  with check (user_id = (select auth.uid()));

create policy "Students update their own applications"
  on public.applications for update to authenticated
  using (user_id = (select auth.uid()))
  with check (user_id = (select auth.uid()));

create policy "Students stop tracking their own drafts"
  on public.applications for delete to authenticated
  using (user_id = (select auth.uid()) and status = 'draft');

-- Status, submitted_at and confirmed_at change only through confirm_application_status()
-- (HITL: Submitted and Won need a person's confirmation), so they are not user-writable.
revoke insert, update on public.applications from anon, authenticated;
grant insert (user_id, scholarship_id, metadata) on public.applications to authenticated;
grant update (metadata, last_progress_at, momentum_score) on public.applications to authenticated;

-- New sign-ups get a profile and a learner row (Supabase's handle_new_user pattern).
create function private.handle_new_user() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  insert into public.profiles (id, full_name)
  values (new.id, nullif(split_part(coalesce(new.email, ''), '@', 1), ''))
  on conflict (id) do nothing;
  return new;
end
$$;

create trigger on_auth_user_created after insert on auth.users
  for each row execute function private.handle_new_user();
