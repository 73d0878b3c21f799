"""Home: a greeting, a student's Top 3 and a way to their progress, the session to continue,
and the coaches to start with. Coaches and admins see how many sessions wait for review;
admins also see what this install runs on and how to switch each part ("About this
install")."""

from __future__ import annotations

import streamlit as st

from app_pages.context import context, open_review, show_dashboard_toasts
from app_pages.plan_view import load_plan, show_top3
from app_pages.read_first import READ_FIRST, read_first
from app_pages.render import inert_text, show_error
from coach import clock
from db.errors import AppError
from db.models import ReviewFilters, SessionSummary
from db.settings import Settings
from graph.llm import label

ctx = context()

STARTER = "scholarship_coach"  # the coach a student with nothing tracked starts with

# One line each: what a student gets from the coach (the domains' descriptions are written
# for staff). A coach added later falls back to its description.
PROMISES = {
    "scholarship_coach": "Know what to do today for your scholarships, and get it done.",
    "communication_coach": "Practise a hard conversation before you have it.",
    "sales_workflow_coach": "Rehearse a sales call, objections and all.",
    "architecture_advisor": "Think a system design through, trade-off by trade-off.",
    "onboarding_mentor": "Plan your first weeks in a new team or codebase.",
}


def modes(settings: Settings, uses_supabase: bool) -> list[dict[str, str]]:
    """Each part, what it runs as now, and the variables that switch it."""
    database = {
        "embedded": (
            "Embedded Postgres (.data/pg)",
            "local",
            "Set DATABASE_URL (and SUPABASE_URL, SUPABASE_ANON_KEY) for your own Postgres "
            "or Supabase.",
        ),
        "postgres": (
            "Postgres at DATABASE_URL",
            "your server",
            "Add SUPABASE_URL and SUPABASE_ANON_KEY to serve data through Supabase.",
        ),
        "supabase": ("Supabase", "hosted", "Unset SUPABASE_URL to go back to embedded."),
    }[settings.database_mode]
    chat = (
        (
            f"OpenAI-compatible model {label(settings)}",
            "hosted",
            "Unset OPENAI_API_KEY for the offline coach.",
        )
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


def open_chat(session_id: str) -> None:
    st.switch_page("app_pages/chat.py", query_params={"session": session_id})


def show_last_session(sessions: list[SessionSummary]) -> None:
    """The most recent session, one click away."""
    if not sessions:
        st.info("Pick a coach below for your first session.")
        return
    last = sessions[0]
    names = {d.id: d.name for d in domains}
    st.header("Continue where you left off", anchor=False)  # a heading, for screen readers
    with st.container(border=True):
        st.markdown(
            f"{inert_text(names.get(last.domain_id, last.domain_id))} · "
            f"last active {clock.short_date(last.last_active_at, clock.now())} · "
            f"{last.rounds_words}"
        )
        if last.title:
            st.caption(inert_text(last.title))
        if st.button("Continue", key="continue_last", type="primary"):
            open_chat(last.session_id)


def start_chat(domain_id: str) -> None:
    try:  # the repository, not the chat service: Home stays free of langgraph
        thread = ctx.repository.start_session(domain_id=domain_id)
    except AppError as exc:
        show_error(exc)
    else:
        open_chat(thread.session_id)


def show_coaches() -> None:
    st.header("Start with a coach", anchor=False)
    # row by row: in columns filled round-robin, Tab went down each column while the eye
    # reads across each row (an accessibility audit)
    for i, domain in enumerate(domains):
        if i % 3 == 0:
            columns = st.columns(3)
        with columns[i % 3].container(border=True):
            st.subheader(inert_text(domain.name), anchor=False)
            st.write(PROMISES.get(domain.id) or (domain.description or ""))
            if st.button("Start", key=f"home_start_{domain.id}"):
                start_chat(domain.id)


def show_my_top3() -> None:
    """The same cards as the Game plan page, without its similar-scholarship search."""
    st.header("Your Top 3", anchor=False)
    try:
        plan = load_plan(ctx.repository, clock.now(), with_similar=False)
    except AppError as exc:
        show_error(exc)
        return
    show_top3(plan.plan, plan.now, prefix="home", bars=False)  # Home stays fast
    if plan.plan.is_empty() and any(d.id == STARTER for d in domains):
        # nothing tracked, nothing sent: a new student, whom that coach starts off
        st.markdown(
            "New to scholarships? The Scholarship Coach starts you off: where you stand, a "
            "first search, what to track and who could write you a letter."
        )
        if st.button("Start with the Scholarship Coach", key="home_start_new", type="primary"):
            start_chat(STARTER)
    if also := also_waiting(len(plan.plan.missed), len(plan.plan.check_ins)):
        st.markdown(f":orange-badge[Also on your game plan] {also}")
    st.page_link("app_pages/game_plan.py", label="Open your game plan", icon=":material/checklist:")


def also_waiting(missed: int, check_ins: int) -> str | None:
    """What the Top 3 leaves out but waits on the student: after the clock moved on, Home
    said nothing of two missed deadlines and a "have you heard back?"."""
    parts = []
    if missed:
        parts.append(f"{clock.plural(missed, 'missed deadline')}, with scholarships to try instead")
    if check_ins:
        asks = "asks" if check_ins == 1 else "ask"
        parts.append(f"{clock.plural(check_ins, 'application')} {asks} whether you've heard back")
    return " · ".join(parts) or None


def show_review_queue() -> None:
    """Staff: the sessions no coach has reviewed yet, one click from Review."""
    try:
        waiting = ctx.repository.review_kpis(ReviewFilters(reviewed=False)).sessions
    except AppError:
        return  # Review itself says what went wrong
    for reason in READ_FIRST:
        try:
            at_risk = ctx.repository.unreviewed_rounds_kept_unscored(reason=reason)
        except AppError:
            at_risk = []
        if flagged := {r.session_id for r in at_risk}:
            who = ", ".join(
                dict.fromkeys(inert_text(r.learner_name or "a learner") for r in at_risk)
            )
            read_first(len(flagged), who, "Review names it above its table.", reason)
    with st.container(border=True):
        st.markdown("**Sessions to review**")
        if waiting:
            st.markdown(f"{clock.plural(waiting, 'session')} not reviewed yet.")
        else:
            st.markdown("Every session has been reviewed.")
        if st.button("Open Review", key="open_review_queue", icon=":material/rate_review:"):
            open_review(reviewed="Not reviewed")  # what the card counted


def my_sessions() -> list[SessionSummary]:
    assert ctx.identity is not None and ctx.identity.user_id is not None
    learner = ctx.repository.get_learner(user_id=ctx.identity.user_id)
    return ctx.repository.list_session_summaries(learner_id=learner.id)


sessions = my_sessions()
greeting = "Welcome back" if sessions else "Welcome"
# the page's one h1 says where the reader is and to whom (an accessibility audit: every
# page's h1 but this one named the page; this one named the product)
st.title(f"{greeting}, {inert_text(ctx.display_name.strip())}", anchor=False)

domains = ctx.repository.list_domains()
if ctx.role == "student":
    show_my_top3()
    st.page_link("app_pages/progress.py", label="See your progress", icon=":material/trending_up:")
else:
    show_review_queue()
show_last_session(sessions)
show_coaches()

if ctx.role == "admin":
    with st.expander("About this install"):
        st.caption(
            "What each part runs on now, and how to switch it. Offline parts are real "
            "features: the offline coach answers from the persona, and the offline catalog "
            "holds real programs plus a few labelled scams."
        )
        rows = modes(ctx.database.settings, ctx.database.uses_supabase)
        header = list(rows[0])
        # A markdown table, not st.table: pandas and Arrow cost a first page ~0.5 s.
        st.markdown(
            "\n".join(
                ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
                + ["| " + " | ".join(row[h] for h in header) + " |" for row in rows]
            )
        )

show_dashboard_toasts(ctx)  # last: a run a button ends early claims none
