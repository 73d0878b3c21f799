-- Direct table writes a student's own credentials could still make (hosted: a PATCH or POST
-- to /rest/v1/<table> with their JWT), found by a security audit. No page and no function the
-- app calls needs them: every write goes through a function, and each of those that writes
-- these tables runs as its owner (security definer), except save_my_profile and
-- track_application, which keep their own columns.
--   * learners: a student renamed their row "Jordan Lee" (the coach's Learners page then
--     listed two), or to a megabyte (12 MB sent with one load of Review). The name follows
--     the profile (a trigger); team and position are the seed's.
--   * applications: metadata.pending_transition is the confirmation a person gives for
--     Submitted or Won; a student wrote one with no expiry, and a last_progress_at in 2099.
--   * check_in_tasks: a check-in set to completed without being answered.
--   * profiles: a name of only invisible characters was refused by save_my_profile but not
--     by a direct UPDATE, and copied to learners, where coaches saw a blank learner.
--   * TRUNCATE (which ignores row-level security), TRIGGER and REFERENCES, left from the
--     schema's default grants: no API can issue them today, revoked all the same.

-- What reads as nothing: whitespace, format characters (zero-width, direction marks, a soft
-- hyphen, a byte-order mark, tags), the blank letters and fillers (Hangul fillers, the blank
-- braille pattern, Khmer's invisible vowels, the Mongolian vowel separator), and combining
-- marks with nothing to combine with: every character db/models/row.py's shows_nothing
-- counts blank, listed (tests/db/test_direct_writes.py checks the two agree on every one).
create function private.shows_nothing(p_text text)
returns boolean
language sql
immutable
set search_path = ''
as $$
  select regexp_replace(
    p_text,
    '[\u0009-\u000d\u001c-\u0020\u0085\u00a0\u00ad\u0300-\u036f\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u115f-\u1160\u1680\u17b4-\u17b5\u180b-\u180f\u2000-\u200f\u2028-\u202f\u205f-\u2064\u2066-\u206f\u2800\u3000\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U00013438\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]',
    '',
    'g'
  ) = ''
$$;

grant execute on function private.shows_nothing(text) to anon, authenticated, service_role;

alter table public.profiles
  add constraint profiles_full_name_visible check (not private.shows_nothing(full_name));
alter table public.coaching_pending_messages
  add constraint coaching_pending_messages_visible
  check (not private.shows_nothing(learner_message));

revoke insert, update on public.learners from anon, authenticated;
alter table public.learners
  add constraint learners_name_length check (char_length(name) between 1 and 120),
  add constraint learners_team_length check (team is null or char_length(team) <= 120),
  add constraint learners_position_length
    check (position is null or char_length(position) <= 120);

revoke update on public.applications from anon, authenticated;
revoke update on public.check_in_tasks from anon, authenticated;

-- An application inserted by the student's own credentials (track_application) carries no
-- confirmation: only the status functions, which run as their owner, write one.
create function private.applications_pending_transition_guard()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if current_user in ('anon', 'authenticated') and new.metadata ? 'pending_transition' then
    raise exception 'Only a confirmation on the Game plan can change an application''s status.'
      using errcode = 'TL403';
  end if;
  return new;
end
$$;

create trigger applications_pending_transition_guard
  before insert on public.applications
  for each row execute function private.applications_pending_transition_guard();

revoke truncate, trigger, references on all tables in schema public from anon, authenticated;
alter default privileges in schema public
  revoke truncate, trigger, references on tables from anon, authenticated;
