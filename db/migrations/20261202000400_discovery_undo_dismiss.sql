-- Discovery: a dismissed match can be brought back (found demoing, 2026-12-02). A dismissal
-- was final for the run, so a mis-click hid a scholarship until the next search, and the
-- run's "Found 74" no longer matched "Matches (73)" with no word on where the one went.
create function public.restore_discovery_result(p_run_id uuid, p_result_id text)
returns void
language plpgsql
set search_path = ''
as $$
declare
  v_uid uuid := private.require_user();
begin
  if p_run_id is null or p_result_id is null then
    raise exception 'Please choose a dismissed match to bring back.' using errcode = 'TL400';
  end if;
  delete from public.discovery_dismissals d
   where d.discovery_run_id = p_run_id and d.result_id = p_result_id and d.user_id = v_uid;
  if not found then
    raise exception 'That match is not among your dismissed ones.' using errcode = 'TL404';
  end if;
end
$$;

revoke all on function public.restore_discovery_result(uuid, text) from public, anon;
grant execute on function public.restore_discovery_result(uuid, text) to authenticated;
