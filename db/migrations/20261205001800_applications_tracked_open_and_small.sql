-- An application a student's own credentials insert (track_application, or a POST to
-- /rest/v1/applications) follows the same rules whichever way it comes: a security audit
-- tracked a scholarship 10 days past its deadline straight into the table, which
-- track_application refuses, and stored 100 MB of metadata in one row. The body is
-- 20261205000100's, with the deadline and a size bound; the functions that run as their
-- owner (track_discovery_result, the status functions) check for themselves.
create or replace function private.applications_pending_transition_guard()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if current_user in ('anon', 'authenticated') then
    if new.metadata ? 'pending_transition' then
      raise exception 'Only a confirmation on the Game plan can change an application''s status.'
        using errcode = 'TL403';
    end if;
    if octet_length(coalesce(new.metadata, '{}'::jsonb)::text) > 2048 then
      raise exception 'An application''s details must be at most 2 KB.' using errcode = 'TL400';
    end if;
    perform private.require_open_deadline(new.scholarship_id);
  end if;
  return new;
end
$$;
