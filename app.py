"""TuitionLift Coach: the router. Gets the process's Database, restores who is signed in,
builds the navigation for their role (the one place that decides which pages a role sees)
and hands over to the chosen page."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

import streamlit as st

from app_pages.context import (
    ROLES,
    TOUR_STEP,
    AppContext,
    Role,
    follow_demo_link,
    get_database,
    keep_filters,
    renew_identity,
    restore_identity,
    set_context,
    sign_out,
    sync_cookie,
)
from app_pages.drafts import keep_drafts
from app_pages.keep_focus import keep_focus
from app_pages.render import inert_markdown, inert_text, show_error
from app_pages.steady_nav import steady_navigation
from coach import clock, demo_tour
from db.errors import AppError, NotAllowed, TokenRejected

STAFF: tuple[Role, ...] = ("coach", "admin")
AT_ROOT = "_tl_signed_out_at_root"  # the last signed-out run was on the app's root
SIGNED_OUT = "_tl_signed_out"  # this browser session just signed out or switched identity
TURNED_AWAY = "_tl_turned_away"  # why a link to another role's page opened this role's own


@dataclass(frozen=True)
class PageSpec:
    path: str
    title: str
    icon: str
    roles: tuple[Role, ...]
    url_path: str | None = None
    default_for: tuple[Role | None, ...] = ()  # the roles (None: signed out) it opens on
    demo_only: bool = False  # only where demo mode is on (Settings.demo_enabled)


# In sidebar order: each role sees its pages in this order, its default first.
PAGES = (
    PageSpec("app_pages/review.py", "Review", ":material/rate_review:", STAFF, "review", STAFF),
    PageSpec("app_pages/learners.py", "Learners", ":material/groups:", STAFF, "learners"),
    PageSpec("app_pages/home.py", "Home", ":material/home:", ROLES, default_for=("student", None)),
    PageSpec("app_pages/chat.py", "Chat", ":material/forum:", ROLES, url_path="chat"),
    PageSpec(
        "app_pages/discovery.py",
        "Discovery",
        ":material/travel_explore:",
        ("student",),
        "discovery",
    ),
    PageSpec(
        "app_pages/game_plan.py", "Game plan", ":material/checklist:", ("student",), "game-plan"
    ),
    PageSpec("app_pages/profile.py", "Profile", ":material/person:", ("student",), "profile"),
    PageSpec(
        "app_pages/progress.py", "My progress", ":material/trending_up:", ("student",), "progress"
    ),
    PageSpec("app_pages/outbox.py", "Outbox", ":material/outgoing_mail:", ("admin",), "outbox"),
    PageSpec("app_pages/demo.py", "Demo", ":material/science:", ("admin",), "demo", demo_only=True),
)


def pages_for(role: Role | None, *, demo: bool = True) -> list[PageSpec]:
    """The pages a role sees, in sidebar order; signed out (None), every page. Without demo
    mode, the demo-only pages are not there for anyone."""
    return [
        spec
        for spec in PAGES
        if (role is None or role in spec.roles) and (demo or not spec.demo_only)
    ]


def turned_away(requested: str, role: Role | None, *, demo: bool = True) -> str | None:
    """What to say when a link names a page this role does not have (a student opening a
    coach's /review): Streamlit opens the default page without a word, and the link seemed
    broken. None for a page the role has, or a path that is no page."""
    path = requested.strip("/").rsplit("/", 1)[-1]
    spec = next((s for s in PAGES if s.url_path == path and path), None)
    if spec is None or spec in pages_for(role, demo=demo) or role is None:
        return None
    if spec.demo_only and not demo:
        return None
    who = {STAFF: "coaches and admins", ("admin",): "admins", ("student",): "students"}
    whom = who.get(spec.roles, "other roles")
    return f"{spec.title} is for {whom} only, so you are on your own page instead."


def navigation(role: Role | None, *, demo: bool = True) -> list[st.Page]:
    """Signed out, every page is routable (hidden) so a deep link survives sign-in: each
    page shows the sign-in form until then. Each role opens on its own default page: Home for
    a student, Review for coaches and admins.

    Signed in, every address of a page still resolves, hidden from the sidebar, so none meets
    Streamlit's "Page not found" box: the landing page under its own name (/review, /home:
    the default page lives at the root only), and other roles' pages, which the router then
    turns away from (`turned_away`)."""
    mine = pages_for(role, demo=demo)
    if role is None:
        return [
            st.Page(
                spec.path,
                title=spec.title,
                icon=spec.icon,
                url_path=spec.url_path,
                default=role in spec.default_for,
            )
            for spec in mine
        ]
    pages = [
        st.Page(
            spec.path,
            title=spec.title,
            icon=spec.icon,
            # Streamlit keys a page by this path even where it is the default (at the root):
            # the default's own name goes to its hidden alias below
            url_path=f"{address(spec)}-landing" if role in spec.default_for else spec.url_path,
            default=role in spec.default_for,
        )
        for spec in mine
    ]
    for spec in pages_for(None, demo=demo):
        if role in spec.default_for or spec not in mine:
            pages.append(
                st.Page(
                    spec.path,
                    title=spec.title,
                    icon=spec.icon,
                    url_path=address(spec),
                    visibility="hidden",
                )
            )
    return pages


_SEGMENT = re.compile(r"[A-Za-z0-9_-]{1,60}")


def unknown_address(url: str | None, known: set[str]) -> str | None:
    """The address's last path segment when no page has it ("/nonexistent", "/game_plan"),
    else None: Streamlit would show its own "Page not found" box for it."""
    segment = urlsplit(url or "").path.rstrip("/").rsplit("/", 1)[-1]
    if not _SEGMENT.fullmatch(segment) or segment in known:
        return None
    return segment


def reserved_paths(role: Role | None, *, demo: bool = True) -> set[str]:
    """Every address a page of this navigation takes, the default page's own name included:
    Streamlit serves the default at the root but keeps its name, so a signed-out /home (a
    bookmark, the address bar after Switch identity) is Home, not an unknown address whose
    hidden page would clash with it and stop the app with an exception."""
    names = {address(spec) for spec in pages_for(None, demo=demo)}
    if role is not None:
        names |= {
            f"{address(s)}-landing" for s in pages_for(role, demo=demo) if role in s.default_for
        }
    return names


def with_unknown_address(
    pages: list[st.Page], landing: st.Page | None, reserved: set[str]
) -> list[st.Page]:
    """The pages, plus a hidden one at an address no page has, which opens the first page
    and says why (signed in), instead of Streamlit's "Page not found" box."""
    segment = unknown_address(st.context.url, {p.url_path for p in pages} | reserved)
    if segment is None:
        return pages

    def no_such_page() -> None:
        if landing is not None:
            st.session_state[TURNED_AWAY] = (
                f"There is no page at /{segment}, so you are on your first page instead."
            )
            st.switch_page(landing)
        st.switch_page(next(p for p in pages if p.url_path == ""))

    return [*pages, st.Page(no_such_page, title="Not found", url_path=segment, visibility="hidden")]


def address(spec: PageSpec) -> str:
    """The page's own path, as Streamlit derives it when none is given."""
    return spec.url_path or spec.path.rsplit("/", 1)[-1].removesuffix(".py")


def demo_time_badge() -> None:
    """While the demo clock is moved, every page says so at its top, and by how much."""
    shift = clock.offset()
    if abs(shift) >= timedelta(minutes=1):
        st.badge(clock.demo_badge(clock.now(), shift), icon=":material/schedule:", color="orange")


def tour_card(role: Role) -> None:
    """In the sidebar while a guided-tour link brought this browser here: the step, what to
    show, and the next step's link."""
    number = st.session_state.get(TOUR_STEP)
    if number is None:
        return
    step = demo_tour.STEPS[number - 1]
    with st.container(border=True, key="tour_card"):
        st.markdown(f"**Guided tour · {number} of {len(demo_tour.STEPS)}**  \n{step.title}")
        st.caption(step.show)
        if number < len(demo_tour.STEPS):
            after = demo_tour.STEPS[number]
            same_tab_link(
                f"Next: {after.title} (as {after.person_name})", demo_tour.step_link(number + 1)
            )
        if role != "admin":
            same_tab_link("Back to the tour (as Alex Admin)", demo_tour.TOUR_HOME)


def same_tab_link(label: str, href: str) -> None:
    """A tour link that goes on in this tab: a markdown link opens a new tab each time, and a
    presenter had thirteen open after one tour. Our own text only (the tour's steps), never a
    person's: it is the one place a page writes HTML."""
    st.markdown(
        f'<a href="{html.escape(href)}" target="_self">{html.escape(label)}</a>',
        unsafe_allow_html=True,
    )


def main() -> None:
    """One run of the router: identity, then st.navigation over the role's pages.

    The pages live in `app_pages/`, not `pages/`: with a `pages/` folder beside app.py,
    Streamlit's legacy multipage mode takes the first run after a server start, and the
    sidebar listed every module in it ("app", "context", "steady nav", "widgets"…) until
    this function reached st.navigation."""
    st.set_page_config(page_title="TuitionLift Coach", page_icon="🎓", layout="wide")
    try:
        database = get_database()
    except AppError as exc:
        show_error(exc)
        st.stop()
        return

    ctx = AppContext(database=database, identity=None)
    demo = database.settings.demo_enabled
    try:
        if demo:
            follow_demo_link(database)
        ctx.identity = restore_identity(database)
        if ctx.identity is not None:
            try:
                ctx.check_session()
            except TokenRejected:  # refused before its time: the refresh token decides
                ctx = AppContext(database=database, identity=renew_identity(database, ctx.identity))
                ctx.check_session()
    except NotAllowed as exc:  # a hosted session that ended: back to sign-in, say why
        sign_out(database)
        st.warning(inert_markdown(str(exc)))
        ctx = AppContext(database=database, identity=None)
    except AppError as exc:  # the database down: say so; a message sent meanwhile is kept
        keep_drafts()  # in the tab (app_pages/drafts.py), and back in the box once it is up
        st.error(f"{exc} What you were typing is kept in this tab; refresh once it is back.")
        st.stop()
        return
    set_context(ctx)
    sync_cookie(database)
    steady_navigation()
    keep_drafts()
    keep_filters()
    keep_focus()

    if ctx.identity is None:
        signed_out = with_unknown_address(
            navigation(None, demo=demo), None, reserved_paths(None, demo=demo)
        )
        page = st.navigation(signed_out, position="hidden")
        if st.session_state.pop(SIGNED_OUT, False) and page.url_path != "":
            # Switch identity on Outbox: the next person starts on their own first page, not
            # turned away from the last one's with a toast about a page they never opened
            st.switch_page(next(p for p in signed_out if p.url_path == ""))
        st.session_state[AT_ROOT] = page.url_path == ""
    else:
        with st.sidebar:
            st.markdown(f"**{inert_text(ctx.display_name.strip())}**  \n{ctx.role_label}")
            if not database.uses_supabase:
                st.caption("A demo person: this install has no passwords")
            label = "Sign out" if database.uses_supabase else "Switch identity"
            if st.button(label, key="sign_out"):
                sign_out(database)
                st.session_state[SIGNED_OUT] = True
                st.rerun()
            if demo:
                tour_card(ctx.role)
        if demo:
            demo_time_badge()
        pages = navigation(ctx.role, demo=demo)
        landing = next(p for p in pages if p.url_path == "")
        reserved = reserved_paths(ctx.role, demo=demo)
        page = st.navigation({"TuitionLift": with_unknown_address(pages, landing, reserved)})
        if said := st.session_state.pop(TURNED_AWAY, None):
            st.toast(said, icon=":material/block:")  # on the page it switched to
        note = turned_away(page.url_path, ctx.role, demo=demo)  # the page the address chose
        if note:
            st.session_state[TURNED_AWAY] = note
            st.switch_page(landing)
        if st.session_state.pop(AT_ROOT, False) and page.url_path != "":
            # Signed in at the app's root, where the signed-out default (Home) stood: open
            # this role's own first page. A deep link keeps the page it pointed to.
            st.switch_page(landing)
    # each page its own tab title: an accessibility audit found every page "TuitionLift Coach"
    st.set_page_config(page_title=f"{page.title} · TuitionLift Coach")
    page.run()


if __name__ == "__main__":
    main()
