"""What every page needs, and only the Streamlit side of it: the process's `Database` (the
composition root, cached once per process), who is signed in, and an `AppContext` per run.

Who is signed in lives server-side (`private.sign_in_handles`); the browser holds only an
opaque handle, kept in this browser session's state (a page switch keeps it) and in a cookie
(a refresh, or a new tab opened from a link, starts a new browser session and reads it).
Never in the address: a copied or shared link, a screenshot of the address bar or the
browser's history would sign its reader in as the person.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal

import streamlit as st

from app_pages.render import inert_text
from app_pages.sign_in import sign_in_form
from coach import clock, demo_tour
from coach.nudges import NotificationPreferences, toast_to_show
from db.errors import AppError, NotAllowed
from db.identity import Identity
from db.models import DashboardToast, Profile
from db.repository import Repository
from db.runtime import SESSION_ENDED, Database
from db.settings import get_settings

if TYPE_CHECKING:
    from graph.chat import ChatService
    from graph.discovery import DiscoveryService

Role = Literal["student", "coach", "admin"]
ROLES: tuple[Role, ...] = ("student", "coach", "admin")

PARAM = "s"  # where earlier versions put the handle: dropped from the address, never read
COOKIE = "tl_handle"
HANDLE = "_tl_handle"
_KEY = "_tuitionlift_context"


@st.cache_resource(show_spinner="Starting the database…")
def get_database() -> Database:
    """One per process: pools, migrations and the checkpointer are shared by every session."""
    st.secrets.load_if_toml_exists()  # root-level secrets become environment variables
    database = Database.start(get_settings())
    database.ensure_seeded()
    clock.follow(database.clock_shift)
    return database


def sync_cookie(database: Database) -> None:
    """Once per run, after sign-in or sign-out had their say: the cookie holds this browser
    session's handle (or nothing). Streamlit has no API to set a cookie; a hidden frame on the
    app's own origin does it, and `st.context.cookies` reads it at the next session's start."""
    handle = st.session_state.get(HANDLE)
    if (st.context.cookies.get(COOKIE) or None) == handle:
        return
    max_age_s = int(database.settings.session_ttl_hours * 3600) if handle else 0
    cookie = f"{COOKIE}={handle or ''}; path=/; max-age={max_age_s}; SameSite=Lax"
    with st.sidebar.container(key="tl_cookie"):  # hidden: a display:none frame still runs
        secure = "(parent.location.protocol === 'https:' ? '; Secure' : '')"  # hosted: https only
        st.iframe(f"<script>document.cookie = {json.dumps(cookie)} + {secure};</script>", height=1)
    st.html("<style>.st-key-tl_cookie { display: none; }</style>")


def restore_identity(database: Database) -> Identity | None:
    """The handle from this browser session, else the cookie (kept in step by `sync_cookie`).
    A handle in the address (an old bookmark, a link someone shared) is removed unread. A
    handle that no longer signs anyone in is forgotten. Raises NotAllowed when a hosted
    session could not be renewed."""
    if PARAM in st.query_params:
        del st.query_params[PARAM]
    handle = st.session_state.get(HANDLE)
    if not handle and not st.session_state.get(CHOSEN):
        handle = st.context.cookies.get(COOKIE)
    if not handle:
        return None
    try:
        identity = database.resume(handle)
    except NotAllowed:
        forget()
        raise
    if identity is None:
        forget()
        return None
    st.session_state[HANDLE] = handle
    return identity


def renew_identity(database: Database, identity: Identity) -> Identity:
    """The same person with a renewed access token, after the API refused theirs; raises
    NotAllowed when the refresh is refused too (then the session has really ended)."""
    handle = st.session_state.get(HANDLE)
    if not handle or identity.access_token is None:
        raise NotAllowed(SESSION_ENDED)
    try:
        return database.renew(handle, identity.access_token.get_secret_value())
    except NotAllowed:
        forget()
        raise


TOUR_STEP = "_tl_tour_step"  # the guided-tour step this browser session is on


def follow_demo_link(database: Database) -> None:
    """A guided-tour link (`?as=maya&tour=4`, coach/demo_tour.py) opens its page as that demo
    person: sign them in, in place of whoever this browser session was. Only where anyone may
    pick a demo identity anyway (off Supabase); hosted, the tour says whom to sign in as."""
    key = st.query_params.get(demo_tour.AS_PARAM)
    step = demo_tour.step_number(st.query_params.get(demo_tour.TOUR_PARAM))
    if key is None:
        # the step stays in the address, so a refresh of the tab keeps its tour card (the
        # browser session's state, where the card lives, goes with F5); who it is does not.
        # A page switch clears the address: the step is written back on the next run.
        if step is not None and TOUR_STEP not in st.session_state:
            st.session_state[TOUR_STEP] = step
        elif step is None and TOUR_STEP in st.session_state:
            st.query_params[demo_tour.TOUR_PARAM] = str(st.session_state[TOUR_STEP])
        return
    del st.query_params[demo_tour.AS_PARAM]
    person = next((p for p in database.demo_people() if p.email.split("@", 1)[0] == key), None)
    if person is None:
        return
    handle = database.sign_in_demo(str(person.user_id))
    for name in [k for k in st.session_state if k != _KEY]:
        del st.session_state[name]  # nothing of the last person's widgets survives
    remember(handle)
    if step is not None:
        st.session_state[TOUR_STEP] = step


# This browser session chose who it is (signed in, out, or followed a tour link): the cookie it
# was opened with, which `st.context.cookies` goes on reporting until the tab reloads, is no
# longer its own. An audit's Switch identity after a tour link to Maya fell back on it, and
# showed the coach the link before had signed in.
CHOSEN = "_tl_identity_chosen"


def remember(handle: str) -> None:
    """After sign-in: this browser session is signed in; `sync_cookie` keeps it for the next."""
    st.session_state[HANDLE] = handle
    st.session_state[CHOSEN] = True


def forget() -> None:
    st.session_state.pop(HANDLE, None)
    st.session_state[CHOSEN] = True


def sign_out(database: Database) -> None:
    handle = st.session_state.get(HANDLE)
    if handle:
        database.sign_out(handle)
    for key in [k for k in st.session_state if k != _KEY]:
        del st.session_state[key]  # nothing of the last person's widgets survives
    forget()


# Filters and drafts a person expects to find again after a look at another page.
STICKY = frozenset(
    "review_domain review_learner review_team review_period review_dates review_scores "
    "review_reviewed review_selected learners_domain learners_team learners_period learners_dates "
    # a student's half-done profile (a refused GPA beside a good new major) is theirs too
    "profile_full_name profile_school_year profile_birth_year profile_gpa profile_major "
    "profile_state profile_sai "
    "profile_pell discovery_find".split()
)
STICKY_PREFIXES = ("override_reason_", "override_score_", "review_note_")


def keep_filters() -> None:
    """Streamlit drops a widget's value from the session when a run does not draw the widget,
    which is every switch to another page: Review's filters and a half-written override
    reason were gone after one click on Learners. Written back as plain state each run, they
    stay until the browser session ends."""
    state = st.session_state
    for key in list(state.keys()):
        if key in STICKY or key.startswith(STICKY_PREFIXES):
            state[key] = state[key]


def open_review(*, learner_id: str = "", reviewed: str = "All") -> None:
    """Review opened from another page with its filter widgets preset by their keys
    (app_pages/review.py): one learner or everyone, of all time, reviewed or not. Review's own
    default is the last 30 days, which showed fewer sessions than the link promised."""
    state = st.session_state
    state["review_domain"] = state["review_team"] = ""
    state["review_learner"] = learner_id
    state["review_period"] = "all"
    state["review_scores"] = (1, 10)
    state["review_reviewed"] = reviewed
    st.switch_page("app_pages/review.py")


@dataclass
class AppContext:
    database: Database
    identity: Identity | None

    @cached_property
    def repository(self) -> Repository:
        assert self.identity is not None, "sign in first"
        return self.database.repository(self.identity)

    @cached_property
    def chat(self) -> ChatService:
        """Imported here: the language-model stack costs ~0.5 s, and only Chat needs it."""
        from graph.chat import ChatService

        assert self.identity is not None, "sign in first"
        return ChatService.for_identity(self.database, self.identity)

    @cached_property
    def discovery(self) -> DiscoveryService:
        """Imported here, like chat: only students' pages reach it."""
        from graph.discovery import DiscoveryService

        assert self.identity is not None, "sign in first"
        return DiscoveryService.for_identity(self.database, self.identity)

    @cached_property
    def profile(self) -> Profile | None:
        if self.identity is None or self.identity.user_id is None:
            return None
        return self.repository.get_profile(user_id=self.identity.user_id)

    def check_session(self) -> None:
        """The first call as this person: raises NotAllowed if a hosted session has ended."""
        _ = self.profile

    @property
    def role(self) -> Role:
        """The product role (student / coach / admin), not the database role."""
        role = self.profile.role if self.profile else "student"
        return role if role in ROLES else "student"

    @property
    def display_name(self) -> str:
        if self.profile and self.profile.full_name:
            return self.profile.full_name
        return (self.identity.email if self.identity else None) or "Signed in"

    @property
    def role_label(self) -> str:
        return self.role.capitalize()


def set_context(ctx: AppContext) -> None:
    st.session_state[_KEY] = ctx


def context(roles: Sequence[Role] = ROLES, *, on_discovery: bool = False) -> AppContext:
    """The router's context for this run; a page names the roles it is for.

    Signed out, any page shows the sign-in form in its place, so a deep link (a chat
    session) lands where it pointed once the person signs in."""
    ctx: AppContext = st.session_state[_KEY]
    if ctx.identity is None:
        handle = sign_in_form(ctx.database)
        if handle is not None:
            remember(handle)
            st.rerun()
        st.stop()
    if ctx.role not in roles:
        st.error("This page is not part of your account. Pick a page in the sidebar.")
        st.stop()
    use_reader_zone(ctx)
    announce_discovery(ctx, here=on_discovery)
    return ctx


def use_reader_zone(ctx: AppContext) -> None:
    """Dates on the pages (and in the chat turn the run starts) read in the zone the person
    saved in their Profile, else their browser's: a Chicago student read "due today,
    11:59 pm" (UTC) as her own evening, six hours late. A fragment's rerun is a new run of
    its own and calls this again."""
    preferences = ctx.profile.preferences if ctx.profile else {}
    browser = st.context.timezone
    if ctx.role == "student" and not preferences.get("timezone") and browser:
        adopt_browser_zone(ctx, browser, preferences)
    clock.use_zone(clock.zone_for(preferences.get("timezone"), browser))


_ZONE_TRIED = "_tl_browser_zone_tried"


def adopt_browser_zone(ctx: AppContext, browser: str, preferences: dict[str, Any]) -> None:
    """A student who never saved a time zone gets their browser's, saved once: a journey
    audit's pages said "due 3:59 pm (America/Los_Angeles)" while her reminders said "11:59pm
    (UTC)" and came at 12:15 am her time, quiet hours kept in UTC. Quiet hours stay as they
    were; a zone the database does not know is left for the Profile page (tried once a
    browser session)."""
    if st.session_state.get(_ZONE_TRIED) == browser:
        return
    st.session_state[_ZONE_TRIED] = browser
    kept = NotificationPreferences.read(preferences)
    try:
        ctx.repository.save_my_notification_preferences(
            timezone=browser,
            quiet_hours_start=kept.quiet_hours_start,
            quiet_hours_end=kept.quiet_hours_end,
        )
    except AppError:
        return
    ctx.__dict__.pop("profile", None)  # read again, with the zone, by this run's page


def announce_discovery(ctx: AppContext, *, here: bool = False) -> None:
    """A finished discovery run is told once, on whatever page the student is on (the run
    went on in the background while they were elsewhere). One small database call per run,
    through the repository: DiscoveryService.announce() does the same, but importing the
    graph stack would cost every student's first page ~0.5 s."""
    if ctx.role != "student":
        return
    try:
        finished = ctx.repository.claim_discovery_announcement()
    except AppError:
        return  # a missed toast is not worth an error on an unrelated page
    if finished is None:
        return
    if finished.status == "completed":
        # on Discovery, the outcome is the caption above the matches: on a phone the toast
        # covered the page's title with it, cut short (an accessibility audit)
        said = f" {inert_text(finished.message)}" if finished.message and not here else ""
        where = "your matches are below" if here else "open Discovery for your matches"
        st.toast(  # what to do first: a long outcome is cut short in a toast
            f"Discovery finished: {where}.{said}",
            icon=":material/travel_explore:",
            duration="long",
        )
    else:
        # on Discovery itself, "Open Discovery" pointed at the page they were on (an audit)
        again = "Run it again above" if here else "Open Discovery to run it again"
        st.toast(
            f"Discovery could not finish. {again}.",
            icon=":material/error:",
            duration="long",
        )


TOAST_CHARS = 300  # a toast is a glance: the rest of a long body is cut


def toast_text(toast: DashboardToast, sent_note: str | None = None) -> str:
    """Subject in bold over the body, both inert (the sidecar rendered them from data); an
    old toast's "Sent 2 days ago" between them, in italics."""
    body = (toast.body or "").strip()
    if len(body) > TOAST_CHARS:
        body = body[: TOAST_CHARS - 1].rstrip() + "…"
    subject = " ".join((toast.subject or "").split())  # one line, so the bold holds
    parts = (
        ([f"**{inert_text(subject)}**"] if subject else [])
        + ([f"_{sent_note}_"] if sent_note else [])
        + ([inert_text(body)] if body else [])
    )
    return "  \n".join(parts)


def show_dashboard_toasts(ctx: AppContext) -> None:
    """The sidecar's toasts (micro-tasks, check-ins), each shown once: claiming marks them
    shown; of several waiting, only the newest is shown (coach.nudges.toast_to_show). On the
    student's dashboards (Home, Game plan), called last on the page, so a run a button ends
    early with st.rerun() claims nothing it would then drop."""
    if ctx.role != "student":
        return
    try:
        toasts = ctx.repository.claim_my_toasts()
    except AppError:
        return  # a missed toast is not worth an error on the page
    if shown := toast_to_show(toasts, clock.now()):
        if text := toast_text(shown.toast, shown.sent_note):
            st.toast(text, icon=":material/notifications:", duration="long")
