"""The router and home page as a person meets them: sign in, see who you are and the modes."""

from __future__ import annotations

import re

from streamlit.testing.v1 import AppTest

from app import reserved_paths, turned_away, unknown_address
from app_pages.context import HANDLE
from tests.app.conftest import MAYA, handle_for, markdown_table, query

ALEX = "0d1f5a2e-0000-4000-8000-000000000004"  # the demo admin


def new_app(handle: str | None = None) -> AppTest:
    at = AppTest.from_file("../../app.py", default_timeout=30)
    if handle is not None:
        at.session_state[HANDLE] = handle
    return at


def signed_in_as(at: AppTest) -> str:
    return " ".join(m.value for m in at.sidebar.markdown)


def test_signed_out_visitor_gets_the_labelled_demo_picker(app_env: str) -> None:
    at = new_app().run()
    assert not at.exception
    assert "demo" in at.info[0].value.lower()
    # an audit: "Nothing is configured…" was false with a model set, and spoke of Supabase
    assert "configured" not in at.info[0].value and "Supabase" not in at.info[0].value
    labels = at.radio(key="demo_choice").options
    assert "Maya Torres (student)" in labels
    assert "Dr. Sam Rivera (coach)" in labels


def test_picking_a_demo_identity_signs_in_and_lands_on_home(app_env: str) -> None:
    at = new_app().run()
    at.radio(key="demo_choice").set_value(1).run()
    at.button(key="demo_continue").click().run()
    assert not at.exception
    assert any("Jordan Lee" in m.value for m in at.markdown)
    handle = at.session_state[HANDLE]  # an opaque handle, not the person's id
    assert "0d1f5a2e" not in handle and len(handle) >= 40
    assert "s" not in at.query_params  # never in the address a person copies or shares
    again = new_app(handle).run()  # a refresh, or a new tab: the cookie brings the handle
    assert "Jordan Lee" in signed_in_as(again)


def test_identity_survives_a_refresh_via_the_cookie(app_env: str) -> None:
    at = new_app(handle_for(app_env, MAYA)).run()
    assert not at.exception
    assert any("Maya Torres" in m.value for m in at.sidebar.markdown)
    assert at.sidebar.caption[0].value == "A demo person: this install has no passwords"


def test_home_greets_a_student_with_their_last_session_and_the_coaches(app_env: str) -> None:
    at = new_app(handle_for(app_env, MAYA)).run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Welcome back, Maya Torres"]  # the page's h1
    headers = [h.value for h in at.header]
    assert "Continue where you left off" in headers and "Start with a coach" in headers
    # the date is when it was last active, and says so (the session list shows when it began)
    last = r" · last active \w+ \d+(, \d{4})? · \d+ rounds?$"
    assert any(re.search(last, m.value) for m in at.markdown)
    assert at.button(key="continue_last") and at.button(key="home_start_scholarship_coach")
    assert not at.expander  # the install's run modes are the admin's, not the student's
    at.button(key="home_start_communication_coach").click().run()
    assert not at.exception
    assert at.query_params["session"].startswith(MAYA + ":communication_coach:")


def test_home_starts_a_new_student_with_the_scholarship_coach(app_env: str) -> None:
    """Priya has nothing tracked: Home said only "No open applications yet" and "Pick a coach
    below", with five coaches to choose from and no word of which one starts a plan."""
    priya = "0d1f5a2e-0000-4000-8000-000000000005"
    at = new_app(handle_for(app_env, priya)).run()
    assert not at.exception
    assert any(
        m.value.startswith("New to scholarships? The Scholarship Coach") for m in at.markdown
    )
    at.button(key="home_start_new").click().run()
    assert not at.exception
    assert at.query_params["session"].startswith(priya + ":scholarship_coach:")
    maya = new_app(handle_for(app_env, MAYA)).run()  # a plan of her own: no such nudge
    assert not [b for b in maya.button if b.key == "home_start_new"]


def test_admins_see_what_runs_where_and_how_to_switch(app_env: str) -> None:
    at = new_app(handle_for(app_env, ALEX)).run()  # an admin lands on Review
    at.switch_page("app_pages/home.py").run()
    assert not at.exception
    [about] = at.expander
    assert about.label == "About this install"
    table = markdown_table(at, "Part")
    modes = dict(zip(table["Part"], table["Running as"], strict=True))
    assert modes["Database"] == "Postgres at DATABASE_URL"
    assert modes["Chat model"].startswith("Offline coach")
    assert modes["Search"] == "Offline scholarship catalog"
    assert modes["Email"].startswith("Outbox")
    assert any("OPENAI_API_KEY" in s for s in table["To switch"])


def test_unknown_or_forged_handles_are_ignored(app_env: str) -> None:
    for handle in ("11111111-1111-4111-8111-111111111111", MAYA, "x" * 43, "é" * 500):
        at = new_app(handle).run()
        assert not at.exception
        assert at.radio(key="demo_choice")
        assert HANDLE not in at.session_state


def test_a_shared_address_with_a_real_handle_does_not_sign_its_reader_in(app_env: str) -> None:
    """Earlier versions kept the handle in the address (`?s=`): a link copied from the
    address bar, or an old bookmark, must not make its reader the person it came from."""
    at = AppTest.from_file("../../app.py", default_timeout=30)
    at.query_params["s"] = handle_for(app_env, MAYA)
    at.run()
    assert not at.exception
    assert at.radio(key="demo_choice")
    assert "Maya" not in signed_in_as(at)
    assert "s" not in at.query_params  # removed from the address, unread


def test_switch_identity_signs_out_and_the_old_address_no_longer_works(app_env: str) -> None:
    handle = handle_for(app_env, MAYA)
    at = new_app(handle).run()
    at.sidebar.button(key="sign_out").click().run()
    assert not at.exception
    assert "s" not in at.query_params
    assert at.radio(key="demo_choice")
    reused = new_app(handle).run()
    assert reused.radio(key="demo_choice") and "Maya" not in signed_in_as(reused)


def test_no_page_shows_raw_profile_data(app_env: str) -> None:
    """Streamlit renders bare expressions ("magic"): nothing may put the profile, and with it
    the raw SAI, on screen."""
    for page in (None, "app_pages/chat.py"):
        at = new_app(handle_for(app_env, MAYA)).run()
        if page:
            at.switch_page(page).run()
        assert not at.exception
        assert not at.json
        shown = " ".join(str(getattr(e, "value", "")) for e in at.main) + " ".join(
            m.value for m in at.markdown
        )
        assert "-300" not in shown and "sai" not in shown.lower().split()


def test_a_link_to_another_roles_page_says_why_it_opened_your_own() -> None:
    """Maya opening a coach's /review used to land on Home without a word."""
    assert turned_away("/review", "student") == (
        "Review is for coaches and admins only, so you are on your own page instead."
    )
    assert turned_away("/base/outbox", "coach") == (
        "Outbox is for admins only, so you are on your own page instead."
    )
    assert turned_away("/game-plan", "admin") == (
        "Game plan is for students only, so you are on your own page instead."
    )
    assert turned_away("/review", "coach") is None  # theirs
    assert turned_away("/", "student") is None and turned_away("/nowhere", "student") is None
    assert turned_away("/demo", "student", demo=False) is None  # no such page at all here
    assert turned_away("/review", None) is None  # signed out: the sign-in form asks first


def test_an_address_no_page_has_is_told_apart_from_the_pages() -> None:
    """Such an address gets a hidden page that opens the first one and says why, instead of
    Streamlit's "Page not found" box (tests/e2e/test_browser.py drives it)."""
    pages = {"", "home", "chat", "game-plan", "review", "discovery"}
    assert unknown_address("http://localhost:8501/nonexistent", pages) == "nonexistent"
    assert unknown_address("http://localhost:8501/game_plan/", pages) == "game_plan"
    for known in ("/", "/game-plan", "/chat?session=abc", "/review", "/home"):
        assert unknown_address(f"http://localhost:8501{known}", pages) is None, known
    assert unknown_address("http://localhost:8501/a%20b", pages) is None  # not a page name
    assert unknown_address(None, pages) is None


def test_the_default_pages_own_name_is_no_unknown_address() -> None:
    """Signed out, Home is the default page at the root, so Streamlit's page list has no
    "home"; a hidden page made for /home clashed with Home's reserved name and the app
    stopped with a StreamlitAPIException (an e2e run: Switch identity, then the old /home)."""
    assert "home" in reserved_paths(None)
    assert {"home", "home-landing"} <= reserved_paths("student")
    assert {"review", "review-landing"} <= reserved_paths("coach")
    assert unknown_address("http://localhost:8501/home", {""} | reserved_paths(None)) is None


def test_the_coach_cards_are_in_reading_order(app_env: str) -> None:
    """An accessibility audit: cards placed round-robin in three columns put Tab down each
    column (Architecture, Scholarship, Communication…) while the eye reads across rows."""
    at = new_app(handle_for(app_env, MAYA)).run()
    starts = [b.key for b in at.button if (b.key or "").startswith("home_start_")]
    shown = [k for k in starts if k != "home_start_new"]  # document order: Tab's order
    domains = query("select id from coaching_domains where is_active order by name")
    assert len(domains) > 3
    assert shown == [f"home_start_{d['id']}" for d in domains]
