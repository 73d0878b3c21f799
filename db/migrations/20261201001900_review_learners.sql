-- The coach's Learners page (issue #19): one row per learner with rounds in the filters, the
-- numbers that say who needs attention (sessions nobody reviewed, a falling score) and how
-- each one is progressing. Built on public.coaching_round_reviews (security_invoker) and run
-- with the caller's rights, like the other review aggregates: RLS decides, so a coach or an
-- admin gets every learner and a student only themself.
--
-- Scores are the effective ones (the coach's where they overrode the AI's). A round not
-- scored yet counts as a round but has no score: first_score and latest_score are those of
-- the learner's first and newest scored rounds in the range (their newest round is often
-- still waiting for its score), and `change` is the average of their last five scored
-- rounds minus that of their first five. Below ten scored rounds the two would overlap (and
-- with five or fewer always cancel out), so each side then takes half the rounds, rounded
-- down: with two, the second minus the first; with one, there is no change (null).
--
-- One pass over the filtered rounds: the scored rounds are numbered per learner by one
-- window (the count over the same partition needs no second sort), and one group by learner
-- reads everything off those numbers (its sort by session for counting sessions starts
-- from the window's order). Names are joined to the (far fewer) learners after. Learner ids
-- are grouped bytewise (collate "C"): the same groups, compared without the locale's rules
-- (bench/README.md has the figures).
-- PL/pgSQL with plan_cache_mode = force_custom_plan, like the others: a filter that is not
-- given folds out of the plan.

create function public.review_learners(
  p_domain_id text default null,
  p_team text default null,
  p_from timestamptz default null,
  p_to timestamptz default null
) returns table (
  learner_id text,
  learner_name text,
  team text,
  sessions integer,
  rounds integer,
  average_score numeric,
  first_score integer,
  latest_score integer,
  best_score integer,
  last_round_at timestamptz,
  unreviewed_sessions integer,
  overridden_rounds integer,
  change numeric
)
language plpgsql stable
set search_path = ''
set plan_cache_mode = force_custom_plan
set work_mem = '32MB'
as $$
#variable_conflict use_column
begin
  return query
  with numbered as (
    select v.learner_id, v.session_id, v.score, v.reviewed, v.created_at,
           v.human_score is not null as overridden,
           case when v.score is not null then
             row_number() over w
           end as nth,
           case when v.score is not null then
             count(*) over (partition by v.learner_id collate "C", v.score is null)
           end as scored
      from public.coaching_round_reviews v
     where (p_domain_id is null or v.domain_id = p_domain_id)
       and (p_team is null or v.team = p_team)
       and (p_from is null or v.created_at >= p_from)
       and (p_to is null or v.created_at < p_to)
    window w as (
      partition by v.learner_id collate "C", v.score is null
      order by v.created_at, v.round_number, v.round_id
    )
  ),
  per_learner as (
    select n.learner_id collate "C" as learner_id,
           count(distinct n.session_id) as sessions,
           count(*) as rounds,
           avg(n.score) as average_score,
           min(n.score) filter (where n.nth = 1) as first_score,
           min(n.score) filter (where n.nth = n.scored) as latest_score,
           max(n.score) as best_score,
           max(n.created_at) as last_round_at,
           count(distinct n.session_id) filter (where not n.reviewed) as unreviewed_sessions,
           count(*) filter (where n.overridden) as overridden_rounds,
           max(n.scored) as scored,
           avg(n.score) filter (where n.nth > n.scored - least(5, n.scored / 2)) as last_five,
           avg(n.score) filter (where n.nth <= least(5, n.scored / 2)) as first_five
      from numbered n
     group by 1
  )
  select p.learner_id collate "default",
         coalesce(l.name, p.learner_id collate "default"),
         l.team,
         p.sessions::int,
         p.rounds::int,
         round(p.average_score, 1),
         p.first_score,
         p.latest_score,
         p.best_score,
         p.last_round_at,
         p.unreviewed_sessions::int,
         p.overridden_rounds::int,
         case when p.scored >= 2 then round(p.last_five - p.first_five, 1) end
    from per_learner p
    left join public.learners l on l.id::text = p.learner_id
   order by 2, 1;
end
$$;

comment on function public.review_learners(text, text, timestamptz, timestamptz) is
  'One row per learner with rounds in the filters (coach, team, from inclusive, to '
  'exclusive; null = no filter): sessions, rounds, effective scores (average, first, latest, '
  'best, change = the last five scored rounds minus the first five, or the last half minus '
  'the first half below ten), sessions not reviewed, '
  'overridden rounds. Security invoker: RLS decides whose rounds count.';

-- Signed-in people (a student gets their own row) and the server; not anon.
revoke all on function public.review_learners(text, text, timestamptz, timestamptz)
  from public, anon;
grant execute on function public.review_learners(text, text, timestamptz, timestamptz)
  to authenticated, service_role;
