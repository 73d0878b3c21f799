-- A signed-out visitor (PostgREST's `anon`) reaches no table, view or function but three
-- harmless ones. The bootstrap mirrored Supabase's broad grants and let RLS decide; every
-- policy already refused anon (tests/db/rls_matrix.py), but a policy written wrongly later
-- would have been one mistake from an open table. Now it would take two. Kept for anon:
-- ping() (which role a key acts as), api_signatures() (argument types, read before a call)
-- and app_now() (the shared clock).
--
-- Also: every function in public and private fixes its search path (five invoker helpers
-- had none; their bodies already name every schema).

revoke all on all tables in schema public from anon;
revoke all on all sequences in schema public from anon;
alter default privileges in schema public revoke all on tables from anon;
alter default privileges in schema public revoke all on sequences from anon;
alter default privileges in schema public revoke execute on functions from anon;
alter default privileges revoke execute on functions from public;
alter default privileges in schema private grant execute on functions to authenticated, service_role;
revoke usage on schema private from anon;

do $$
declare
  f record;
  signed_in boolean;
  service boolean;
begin
  for f in
    select p.oid::regprocedure as sig
      from pg_proc p
     where p.pronamespace in ('public'::regnamespace, 'private'::regnamespace)
       and p.prokind = 'f'
       and has_function_privilege('anon', p.oid, 'execute')
       and p.oid::regprocedure::text not in ('ping()', 'api_signatures()', 'app_now()')
  loop
    signed_in := has_function_privilege('authenticated', f.sig, 'execute');
    service := has_function_privilege('service_role', f.sig, 'execute');
    execute format('revoke execute on function %s from public, anon', f.sig);
    if signed_in then
      execute format('grant execute on function %s to authenticated', f.sig);
    end if;
    if service then
      execute format('grant execute on function %s to service_role', f.sig);
    end if;
  end loop;
end
$$;

alter function public.ping() set search_path = '';
alter function private.require_user() set search_path = '';
alter function private.touch_updated_at() set search_path = '';
alter function private.py_round2(double precision) set search_path = '';
alter function private.momentum(timestamptz, integer, timestamptz) set search_path = '';
