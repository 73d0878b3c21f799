-- Taking a scholarship off the plan ("Stop tracking" on the Game plan): only an application
-- not sent yet (Tracked, Drafting, Review, a missed deadline). A sent or decided one stays:
-- it is the student's record, and a win counts toward Debt Lifted. Its check-ins and queued
-- nudges go with it (on delete cascade); ownership is lock_my_application's, as for every
-- application write. Returns the row as it was.
create function public.untrack_application(p_application_id uuid)
returns setof public.applications
language plpgsql security definer
set search_path = ''
as $$
declare
  v_app public.applications := private.lock_my_application(p_application_id);
begin
  if v_app.status <> 'draft' then
    raise exception 'Only an application you have not sent can come off your plan: a sent or decided one stays as your record.'
      using errcode = 'TL403';
  end if;
  delete from public.applications a where a.id = v_app.id;
  return next v_app;
end
$$;
