-- Supabase compatibility. On a Supabase project every object here already exists and each
-- step is skipped; on the embedded Postgres it builds the same roles, auth schema and helpers
-- PostgREST relies on, so RLS behaves identically in both.

do $$
begin
  if not exists (select from pg_roles where rolname = 'anon') then
    create role anon nologin noinherit;
  end if;
  if not exists (select from pg_roles where rolname = 'authenticated') then
    create role authenticated nologin noinherit;
  end if;
  if not exists (select from pg_roles where rolname = 'service_role') then
    create role service_role nologin noinherit bypassrls;
  end if;
end
$$;

do $$
begin
  if not exists (select from pg_namespace where nspname = 'auth') then
    create schema auth;
    grant usage on schema auth to anon, authenticated, service_role;

    create table auth.users (
      id uuid primary key default gen_random_uuid(),
      email text unique,
      created_at timestamptz not null default now()
    );
    grant select on auth.users to service_role;
  end if;

  if to_regprocedure('auth.jwt()') is null then
    create function auth.jwt() returns jsonb
    language sql stable
    as $f$
      select coalesce(nullif(current_setting('request.jwt.claims', true), ''), '{}')::jsonb
    $f$;
  end if;

  if to_regprocedure('auth.uid()') is null then
    create function auth.uid() returns uuid
    language sql stable
    as $f$
      select nullif(coalesce(current_setting('request.jwt.claim.sub', true),
                             auth.jwt() ->> 'sub'), '')::uuid
    $f$;
  end if;

  if to_regprocedure('auth.role()') is null then
    create function auth.role() returns text
    language sql stable
    as $f$
      select nullif(coalesce(current_setting('request.jwt.claim.role', true),
                             auth.jwt() ->> 'role'), '')::text
    $f$;
  end if;
end
$$;

-- Supabase grants table privileges broadly and lets RLS decide; mirror that here.
grant usage on schema public to anon, authenticated, service_role;
alter default privileges in schema public grant all on tables to anon, authenticated, service_role;
alter default privileges in schema public grant all on sequences to anon, authenticated, service_role;
alter default privileges in schema public grant execute on functions to anon, authenticated, service_role;

-- Helpers that policies call live outside the API's exposed schema.
create schema if not exists private;
grant usage on schema private to anon, authenticated, service_role;
