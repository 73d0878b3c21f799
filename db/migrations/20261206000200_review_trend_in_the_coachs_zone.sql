-- Review's trend counts days in the coach's time zone, as its table and My progress do: an
-- audit's coach in Pacific Time saw "Day (UTC)" on the chart beside "Started (Pacific
-- Time)" in the table, an evening's session on the next day. `p_time_zone` (a zone the
-- database knows, else UTC) is the only change; the body is 20261201001800's.
drop function public.review_learner_trend(
  text, text, text, timestamptz, timestamptz, integer, integer, boolean
);

create function public.review_learner_trend(
  p_domain_id text default null,
  p_learner_id text default null,
  p_team text default null,
  p_from timestamptz default null,
  p_to timestamptz default null,
  p_min_score integer default null,
  p_max_score integer default null,
  p_reviewed boolean default null,
  p_time_zone text default 'UTC'
) returns table (
  learner_id text, learner_name text, day date, average_score numeric, rounds integer
)
language plpgsql stable
set search_path = ''
set plan_cache_mode = force_custom_plan
set work_mem = '32MB'
as $$
#variable_conflict use_column
declare
  v_zone text := case when private.valid_timezone(p_time_zone) and p_time_zone is not null
                      then p_time_zone else 'UTC' end;
begin
  return query
  select a.learner_id, coalesce(l.name, a.learner_id), a.day,
         round(a.total::numeric / a.scored, 1), a.scored::int
    from (
      select v.learner_id, (v.created_at at time zone v_zone)::date as day,
             sum(v.score) as total, count(*) as scored
        from public.coaching_round_reviews v
       where v.score is not null
         and (p_domain_id is null or v.domain_id = p_domain_id)
         and (p_learner_id is null or v.learner_id = p_learner_id)
         and (p_team is null or v.team = p_team)
         and (p_from is null or v.created_at >= p_from)
         and (p_to is null or v.created_at < p_to)
         and (p_min_score is null or v.score >= p_min_score)
         and (p_max_score is null or v.score <= p_max_score)
         and (p_reviewed is null or v.reviewed = p_reviewed)
       group by 1, 2
    ) a
    left join public.learners l on l.id::text = a.learner_id
   order by 2, 1, 3;
end
$$;

revoke all on function public.review_learner_trend(
  text, text, text, timestamptz, timestamptz, integer, integer, boolean, text
) from public, anon;
grant execute on function public.review_learner_trend(
  text, text, text, timestamptz, timestamptz, integer, integer, boolean, text
) to authenticated, service_role;
