-- A review note keeps its author: a coach-review audit's note, written by Dr. Rivera, read
-- "Reviewed by Alex Admin … · “Second look: fine”" once Alex marked the session reviewed
-- again without a note (the old note was kept, and the reviewer's name changed under it).
-- The note's writer and time are kept beside it; a review without a note leaves all three
-- as they were. The body is 20261202000200's, with those two columns.

alter table public.coaching_session_reviews
  add column note_by_name text
    constraint coaching_session_reviews_note_by_name_check
    check (note_by_name is null or char_length(note_by_name) <= 200),
  add column noted_at timestamptz;
update public.coaching_session_reviews
   set note_by_name = reviewer_name, noted_at = reviewed_at
 where note is not null;

create or replace function public.mark_session_reviewed(p_session_id text, p_note text default null)
returns setof public.coaching_session_reviews
language plpgsql security definer
set search_path = ''
as $$
declare
  v_name text := private.require_staff('Only coaches and admins can mark a session reviewed.');
  v_note text := nullif(btrim(p_note), '');
begin
  if p_session_id is null or p_session_id = '' then
    raise exception 'Please choose a session.' using errcode = 'TL400';
  end if;
  if char_length(v_note) > 1000 then
    raise exception 'A review note must be at most 1000 characters.' using errcode = 'TL400';
  end if;
  if not exists (select 1 from public.coaching_threads t where t.session_id = p_session_id) then
    raise exception 'That session was not found.' using errcode = 'TL404';
  end if;
  if exists (
    select 1 from public.coaching_threads t
     where t.session_id = p_session_id and t.learner_id in (select private.my_learner_ids())
  ) then
    raise exception 'Your own practice session is reviewed by another coach, not you.'
      using errcode = 'TL403';
  end if;
  return query
  insert into public.coaching_session_reviews as r
    (session_id, reviewed_by, reviewer_name, reviewed_at, note, note_by_name, noted_at)
  values (p_session_id, auth.uid(), v_name, public.app_now(), v_note,
          case when v_note is not null then v_name end,
          case when v_note is not null then public.app_now() end)
  on conflict (session_id) do update set
    reviewed_by = excluded.reviewed_by,
    reviewer_name = excluded.reviewer_name,
    reviewed_at = excluded.reviewed_at,
    -- marking again without a note keeps the old one, and who wrote it
    note = coalesce(excluded.note, r.note),
    note_by_name = case when excluded.note is not null then excluded.note_by_name
                        else r.note_by_name end,
    noted_at = case when excluded.note is not null then excluded.noted_at else r.noted_at end
  returning r.*;
end
$$;
