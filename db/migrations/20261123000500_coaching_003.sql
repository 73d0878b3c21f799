-- Seed 003: the four coaching tables exactly as written, then DESIGN's two additions
-- (learners.user_id, coaching_sessions.dimension_scores) and integrity the chat relies on.

-- Coaching domains table
CREATE TABLE IF NOT EXISTS coaching_domains (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  category TEXT NOT NULL,        -- 'workflow_coaching' | 'decision_support' | 'skill_development' | 'onboarding'
  difficulty TEXT DEFAULT 'medium', -- 'beginner' | 'intermediate' | 'advanced' | 'expert'
  description TEXT,
  scenario TEXT,
  default_opening TEXT,
  knowledge_tags TEXT[],
  is_active BOOLEAN DEFAULT true,
  created_at TIMESTAMPTZ DEFAULT NOW()
);

-- Coaching personas table (core: system_prompt determines coaching style)
CREATE TABLE IF NOT EXISTS coaching_personas (
  domain_id TEXT PRIMARY KEY REFERENCES coaching_domains(id),
  system_prompt TEXT NOT NULL,
  coaching_style TEXT,
  evaluation_criteria JSONB,
  interaction_patterns JSONB,
  forbidden_topics TEXT[],
  success_conditions TEXT,
  created_at TIMESTAMPTZ DEFAULT NOW()
);

-- Learners table
CREATE TABLE IF NOT EXISTS learners (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  name TEXT NOT NULL,
  team TEXT,
  position TEXT,
  created_at TIMESTAMPTZ DEFAULT NOW()
);

-- Coaching sessions table
CREATE TABLE IF NOT EXISTS coaching_sessions (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  learner_id TEXT NOT NULL,
  domain_id TEXT NOT NULL,
  learner_message TEXT NOT NULL,
  coach_response TEXT NOT NULL,
  round_number INT DEFAULT 1,
  session_id TEXT,
  response_time_ms INT,
  score INT CHECK (score >= 1 AND score <= 10),
  feedback TEXT,
  created_at TIMESTAMPTZ DEFAULT NOW()
);

CREATE INDEX IF NOT EXISTS idx_coaching_learner ON coaching_sessions(learner_id, created_at DESC);
CREATE INDEX IF NOT EXISTS idx_coaching_domain ON coaching_sessions(domain_id, created_at DESC);
CREATE INDEX IF NOT EXISTS idx_coaching_session ON coaching_sessions(session_id, round_number);

-- DESIGN additions ------------------------------------------------------------------------
alter table public.learners
  add column user_id uuid default auth.uid() references auth.users (id) on delete cascade,
  add constraint learners_user_id_key unique (user_id);

alter table public.coaching_sessions
  add column dimension_scores jsonb
    constraint coaching_sessions_dimension_scores_check
    check (dimension_scores is null or jsonb_typeof(dimension_scores) = 'object'),
  add constraint coaching_sessions_round_number_check check (round_number >= 1),
  add constraint coaching_sessions_response_time_ms_check check (response_time_ms >= 0),
  add constraint coaching_sessions_domain_id_fkey
    foreign key (domain_id) references public.coaching_domains (id),
  add constraint coaching_sessions_session_round_key unique (session_id, round_number);

alter table public.coaching_domains
  add constraint coaching_domains_category_check check (category in
    ('workflow_coaching', 'decision_support', 'skill_development', 'onboarding')),
  add constraint coaching_domains_difficulty_check check (difficulty in
    ('beginner', 'intermediate', 'advanced', 'expert', 'medium'));

-- A learner is the coaching-side face of a signed-in user.
create function private.my_learner_ids() returns setof text
language sql stable security definer set search_path = ''
as $$
  select l.id::text from public.learners l where l.user_id = (select auth.uid())
$$;
revoke all on function private.my_learner_ids() from public;
grant execute on function private.my_learner_ids() to anon, authenticated, service_role;

create function private.handle_new_learner() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  insert into public.learners (name, user_id)
  values (coalesce(nullif(split_part(coalesce(new.email, ''), '@', 1), ''), 'Learner'), new.id)
  on conflict (user_id) do nothing;
  return new;
end
$$;

create trigger on_auth_user_created_learner after insert on auth.users
  for each row execute function private.handle_new_learner();

-- RLS -------------------------------------------------------------------------------------
alter table public.coaching_domains enable row level security;
alter table public.coaching_personas enable row level security;
alter table public.learners enable row level security;
alter table public.coaching_sessions enable row level security;

create policy "Signed-in users read coaching domains"
  on public.coaching_domains for select to authenticated using (true);
create policy "Admins manage coaching domains"
  on public.coaching_domains for all to authenticated
  using ((select private.is_admin())) with check ((select private.is_admin()));

create policy "Signed-in users read coaching personas"
  on public.coaching_personas for select to authenticated using (true);
create policy "Admins manage coaching personas"
  on public.coaching_personas for all to authenticated
  using ((select private.is_admin())) with check ((select private.is_admin()));

create policy "Learners read themselves; coaches and admins read all learners"
  on public.learners for select to authenticated
  using (user_id = (select auth.uid()) or (select private.is_staff()));
create policy "Users create their own learner"
  on public.learners for insert to authenticated
  with check (user_id = (select auth.uid()));
create policy "Learners update themselves"
  on public.learners for update to authenticated
  using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));
revoke update, delete on public.learners from anon, authenticated;
grant update (name, team, position) on public.learners to authenticated;

create policy "Learners read their own sessions; coaches and admins review all"
  on public.coaching_sessions for select to authenticated
  using (learner_id in (select private.my_learner_ids()) or (select private.is_staff()));
create policy "Learners record their own rounds"
  on public.coaching_sessions for insert to authenticated
  with check (learner_id in (select private.my_learner_ids()));
create policy "Learners' rounds get their scores"
  on public.coaching_sessions for update to authenticated
  using (learner_id in (select private.my_learner_ids()))
  with check (learner_id in (select private.my_learner_ids()));
-- Transcripts are immutable; only the late score of a round may be filled in.
revoke update, delete on public.coaching_sessions from anon, authenticated;
grant update (score, feedback, dimension_scores) on public.coaching_sessions to authenticated;
