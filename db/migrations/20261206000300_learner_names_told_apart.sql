-- Two learners never read alike to a coach: a student who names themselves as another learner
-- is already named ("Maya Torres") is listed as "Maya Torres (2)" on Review, Learners and
-- every coach's page, while their own pages keep the name they typed. A data-safety audit's
-- student took another's name, and coaches saw two "Maya Torres" with nothing to tell them
-- apart. Names stay free (two real people may share one); only the coach's label differs.
create function private.learner_label(p_name text, p_user uuid) returns text
language plpgsql stable
set search_path = ''
as $$
declare
  v_base text := left(p_name, 112);  -- room for " (999)" inside learners_name_length
  v_label text := p_name;
  v_n integer := 1;
begin
  while exists (
    select 1 from public.learners l
     where lower(l.name) = lower(v_label) and l.user_id is distinct from p_user
  ) loop
    v_n := v_n + 1;
    v_label := v_base || ' (' || v_n || ')';
  end loop;
  return v_label;
end
$$;
revoke all on function private.learner_label(text, uuid) from public, anon, authenticated;

create or replace function private.learner_name_from_profile() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if new.full_name is not null then
    update public.learners l set name = private.learner_label(new.full_name, new.id)
     where l.user_id = new.id
       and l.name is distinct from private.learner_label(new.full_name, new.id);
  end if;
  return new;
end
$$;
