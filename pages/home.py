"""Home: who you are, what the app can do for you, and what runs where (and how to switch)."""

from __future__ import annotations

import streamlit as st

from db.settings import Settings
from pages.context import context
from pages.render import inert_text

ctx = context()


def modes(settings: Settings, uses_supabase: bool) -> list[dict[str, str]]:
    """Each part, what it runs as now, and the variables that switch it."""
    database = {
        "embedded": (
            "Embedded Postgres (.data/pg)",
            "local",
            "Set DATABASE_URL (and "
            "SUPABASE_URL, SUPABASE_ANON_KEY) for your own Postgres or Supabase.",
        ),
        "postgres": (
            "Postgres at DATABASE_URL",
            "your server",
            "Add SUPABASE_URL and SUPABASE_ANON_KEY to serve data through Supabase.",
        ),
        "supabase": ("Supabase", "hosted", "Unset SUPABASE_URL to go back to embedded."),
    }[settings.database_mode]
    chat = (
        (settings.chat_model_label, "hosted", "Unset OPENAI_API_KEY for the offline coach.")
        if settings.openai_api_key
        else (
            "Offline coach (deterministic, no language model)",
            "offline",
            "Set OPENAI_API_KEY (and optionally OPENAI_MODEL, OPENAI_BASE_URL).",
        )
    )
    search = (
        ("Tavily web search", "hosted", "Unset TAVILY_API_KEY for the offline catalog.")
        if settings.search_mode == "tavily"
        else ("Offline scholarship catalog", "offline", "Set TAVILY_API_KEY for web search.")
    )
    email = (
        (f"SMTP via {settings.smtp_host}", "hosted", "Unset SMTP_HOST for the outbox.")
        if settings.email_mode == "smtp"
        else (
            "Outbox (messages are stored, not sent)",
            "offline",
            "Set SMTP_HOST, SMTP_PORT, SMTP_USERNAME, SMTP_PASSWORD, SMTP_FROM.",
        )
    )
    sign_in = (
        ("Supabase Auth (email + password)", "hosted", "")
        if uses_supabase
        else ("Demo identity picker", "local", "Hosted mode (SUPABASE_URL) uses Supabase Auth.")
    )
    parts = {
        "Database": database,
        "Chat model": chat,
        "Search": search,
        "Email": email,
        "Sign-in": sign_in,
    }
    return [
        {"Part": part, "Running as": mode, "Where": where, "To switch": switch}
        for part, (mode, where, switch) in parts.items()
    ]


st.title("TuitionLift Coach")
st.markdown(f"Welcome, **{inert_text(ctx.display_name.strip())}**.")

st.markdown(
    "Coaching personas for sales, architecture, communication, onboarding and scholarships; "
    "scholarship discovery with a trust filter; a Top 3 game plan with deadlines and "
    "check-ins; and scored sessions for coaches to review."
)

st.subheader("What runs where")
# A markdown table, not st.table: the first page must not pay for pandas and Arrow (~0.5 s).
rows = modes(ctx.database.settings, ctx.database.uses_supabase)
header = list(rows[0])
st.markdown(
    "\n".join(
        ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        + ["| " + " | ".join(row[h] for h in header) + " |" for row in rows]
    )
)
st.caption(
    "Offline parts are real features: the offline coach answers deterministically from the "
    "persona, and the offline catalog holds real programs plus a few labelled scams."
)
