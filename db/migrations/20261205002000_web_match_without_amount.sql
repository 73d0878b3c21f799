-- A web match with no amount stated is tracked with no amount. Postgres's least() skips a
-- null, so least(null, 9999999999.99) made every such listing worth $10,000,000,000 (an audit
-- with web search on: "TEXAS Grant Program | College For All Texans · $10,000,000,000", and
-- once marked won, a Total Debt Lifted of $10,000,000,000 and "Won so far: … ($10,000,000,000)"
-- in the coach's prompt). The body is 20261205000300's, with a null kept null. Rows this wrote
-- (a web listing at exactly the cap) lose the amount they never had.

update public.scholarships
   set amount = null
 where amount = 9999999999.99 and metadata ->> 'source' = 'web';

create or replace function public.track_discovery_result(p_run_id uuid, p_result_id text)
returns setof public.applications
language plpgsql security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_user();
  v_result public.discovery_results;
  v_scholarship uuid;
begin
  if p_run_id is null or p_result_id is null then
    raise exception 'Please choose a match to track.' using errcode = 'TL400';
  end if;
  select r.* into v_result from public.discovery_results r
   where r.discovery_run_id = p_run_id and r.result_id = p_result_id
     and r.user_id = v_uid and r.kept;
  if not found then
    raise exception 'That match is not in one of your searches.' using errcode = 'TL404';
  end if;
  v_scholarship := v_result.scholarship_id;
  if v_scholarship is null then
    insert into public.scholarships (title, provider, url, amount, deadline, trust_score, metadata)
    values (v_result.title, v_result.provider, v_result.url,
            case when v_result.amount is not null then least(v_result.amount, 9999999999.99) end,
            v_result.deadline, v_result.trust_score,
            jsonb_strip_nulls(jsonb_build_object(
              'source', 'web', 'application_type', v_result.application_type)))
    on conflict (url) do nothing;
    select s.id into v_scholarship from public.scholarships s where s.url = v_result.url;
    update public.discovery_results r set scholarship_id = v_scholarship
     where r.discovery_run_id = p_run_id and r.result_id = p_result_id;
  end if;
  if exists (select 1 from public.applications a
              where a.user_id = v_uid and a.scholarship_id = v_scholarship) then
    raise exception 'You are already tracking this scholarship.' using errcode = 'TL409';
  end if;
  perform private.require_open_deadline(v_scholarship);
  return query
  insert into public.applications as a (user_id, scholarship_id, metadata)
  values (v_uid, v_scholarship, jsonb_build_object(
            'coach_state', 'tracked', 'discovery_run_id', p_run_id, 'result_id', p_result_id))
  returning a.*;
end
$$;
