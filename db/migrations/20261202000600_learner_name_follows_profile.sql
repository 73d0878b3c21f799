-- A learner's name follows the name on their profile (found reviewing, 2026-12-02): a
-- student who changed their name on Profile saw it on Home and in their emails, while
-- coaches saw the old one on Review and Learners for good; a hosted learner kept the part
-- of their email before the @, the name given at sign-up.
create function private.learner_name_from_profile() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if new.full_name is not null then
    update public.learners l set name = new.full_name
     where l.user_id = new.id and l.name is distinct from new.full_name;
  end if;
  return new;
end
$$;
revoke all on function private.learner_name_from_profile() from public;

create trigger profiles_name_to_learner
  after insert or update of full_name on public.profiles
  for each row execute function private.learner_name_from_profile();

update public.learners l set name = p.full_name
  from public.profiles p
 where p.id = l.user_id and p.full_name is not null and l.name is distinct from p.full_name;
