-- LangGraph's checkpoint tables hold whole conversations. They live in their own schema,
-- which Supabase's API does not expose and the API roles cannot use; the checkpointer
-- connects with the service connection and search_path=langgraph (tables come from
-- PostgresSaver.setup(), run by `python -m db migrate` after these files).
create schema if not exists langgraph;
revoke all on schema langgraph from public;
revoke all on schema langgraph from anon, authenticated;
