-- A student's reminder settings and onboarding mark are written only through the functions
-- that check them. A direct PATCH to /rest/v1/profiles with the student's own JWT could
-- store a time zone only POSIX knows ("ABC+5", read with its sign inverted by the quiet-hours
-- check), any jsonb under preferences, or clear onboarding_completed_at; no page writes these
-- columns straight (save_my_notification_preferences and snooze_micro_task are security
-- definer, save_my_profile writes neither). Name, GPA, major, state, SAI and Pell stay
-- writable: save_my_profile runs as the student and their checks are constraints.
revoke insert (preferences, onboarding_completed_at) on public.profiles from authenticated;
revoke update (preferences, onboarding_completed_at) on public.profiles from authenticated;
