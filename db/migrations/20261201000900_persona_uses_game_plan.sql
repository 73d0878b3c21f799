-- A persona says itself whether it reads the student's game plan each round, instead of the
-- code recognising one domain id or a {game_plan} placeholder in the prompt.

alter table public.coaching_personas
  add column uses_game_plan boolean not null default false;

update public.coaching_personas set uses_game_plan = true
 where domain_id = 'scholarship_coach';
