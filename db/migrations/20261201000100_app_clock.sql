-- One clock (DESIGN §2): real time plus an offset kept here, zero unless the demo clock (or a
-- test) moves it, so the app, the sidecar and every tab agree on "now". Everything reads
-- public.app_now(); nothing reads now() or current_timestamp directly (a test checks).

create table private.app_clock (
  id boolean primary key default true constraint app_clock_single_row check (id),
  shift interval not null default interval '0'
    constraint app_clock_shift_sane check (shift between interval '-50 years' and interval '50 years'),
  updated_at timestamptz not null default now()
);
alter table private.app_clock enable row level security;  -- no policy: only the owner reads it
insert into private.app_clock default values;

create function public.app_now() returns timestamptz
language sql stable security definer
set search_path = ''
as $$
  select pg_catalog.now() + coalesce((select c.shift from private.app_clock c), interval '0')
$$;
grant execute on function public.app_now() to anon, authenticated, service_role;

-- The functions and column defaults written before the clock existed read now(): point them
-- at app_now(). Rewriting the definitions keeps their text in one place (their migrations).
do $$
declare
  f record;
  d record;
begin
  for f in
    select p.oid
      from pg_proc p join pg_namespace n on n.oid = p.pronamespace
     where n.nspname in ('public', 'private')
       and p.proname <> 'app_now'
       and p.prokind = 'f'
       and p.prosrc ~* '\mnow\(\)|\mcurrent_timestamp\M'
  loop
    execute regexp_replace(
      regexp_replace(pg_get_functiondef(f.oid), '\mnow\(\)', 'public.app_now()', 'gi'),
      '\mcurrent_timestamp\M', 'public.app_now()', 'gi');
  end loop;

  for d in
    select n.nspname, c.relname, a.attname
      from pg_attrdef ad
      join pg_class c on c.oid = ad.adrelid
      join pg_namespace n on n.oid = c.relnamespace
      join pg_attribute a on a.attrelid = ad.adrelid and a.attnum = ad.adnum
     where n.nspname = 'public'
       and pg_get_expr(ad.adbin, ad.adrelid) ~* '\mnow\(\)|current_timestamp'
  loop
    execute format('alter table %I.%I alter column %I set default public.app_now()',
                   d.nspname, d.relname, d.attname);
  end loop;
end
$$;
