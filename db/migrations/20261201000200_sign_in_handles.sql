-- Who is signed in, per browser session, kept server-side so a page switch, a refresh, an
-- app restart or another replica behind a load balancer keeps the person signed in. The
-- browser holds only the handle; the table holds its SHA-256, so a leaked table (or backup)
-- signs nobody in. Hosted rows keep the Supabase tokens: the refresh token never reaches the
-- browser. Private schema: only the app's privileged connection reads it.

create table private.sign_in_handles (
  handle_hash text primary key constraint sign_in_handles_hash_shape check (handle_hash ~ '^[0-9a-f]{64}$'),
  user_id uuid not null references auth.users (id) on delete cascade,
  email text,
  access_token text,
  refresh_token text,
  access_expires_at timestamptz,
  created_at timestamptz not null default public.app_now(),
  last_seen_at timestamptz not null default public.app_now(),
  expires_at timestamptz not null,
  revoked_at timestamptz
);
alter table private.sign_in_handles enable row level security;  -- no policy: owner only
create index sign_in_handles_user_idx on private.sign_in_handles (user_id);
