"""The Discovery page as a student uses it: run a search, watch it, weigh the matches by
their reasons, track one, set one aside, see what the trust check threw out and why, and find
it all again after a refresh. Against the real service, offline catalog, real Postgres."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator

import psycopg
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from app_pages.context import HANDLE
from coach.discovery_models import FinancialProfile, Listing, UserProfile
from db.settings import get_settings
from graph import discovery as graph_discovery
from graph.search import SearchProvider
from tests.app.conftest import MAYA, handle_for, plain
from tests.app.conftest import shown as texts

JORDAN = "0d1f5a2e-0000-4000-8000-000000000002"
SCAM = "Guaranteed $10,000 Federal Grant"


def open_page(path: str, user: str = MAYA) -> AppTest:
    at = AppTest.from_file("../../app.py", default_timeout=30)
    at.session_state[HANDLE] = handle_for(get_settings().database_url.get_secret_value(), user)  # type: ignore[union-attr]
    at.run()
    if path != "app_pages/home.py":
        at.switch_page(path).run()
    assert not at.exception, at.exception
    return at


def discovery_page(user: str = MAYA) -> AppTest:
    return open_page("app_pages/discovery.py", user)


def wait_until_done(at: AppTest, limit_s: float = 60) -> list[str]:
    """Reruns the page (what the polling fragment does) until the results are up; returns
    the progress labels seen on the way."""
    seen: list[str] = []
    deadline = time.monotonic() + limit_s
    while True:
        assert not at.exception, at.exception
        seen += [s.label for s in at.status]
        if matches_label(at) or at.error:
            return seen
        assert time.monotonic() < deadline, f"discovery did not finish; saw {seen}"
        time.sleep(0.2)
        at.run()


def tab_labels(at: AppTest) -> list[str]:
    return [t.label for t in at.tabs]


def matches_label(at: AppTest) -> str | None:
    return next((label for label in tab_labels(at) if label.startswith("Matches (")), None)


def count(label: str) -> int:
    """What a tab lists: "Matches (41 + 31 ruled out)" lists 72."""
    return sum(int(n) for n in re.findall(r"\d+", label.split("(")[1].split(")")[0]))


def run_discovery(at: AppTest) -> list[str]:
    at.button(key="run_discovery").click().run()
    return wait_until_done(at)


def match_keys(at: AppTest, prefix: str) -> list[str]:
    return [b.key for b in at.button if b.key and b.key.startswith(prefix)]


def untracked(at: AppTest) -> list[str]:
    """Match keys still offering Track (the demo student already tracks a few)."""
    return [k for k in match_keys(at, "track_") if at.button(key=k).label == "Track"]


def tracked_rows(db_url: str, user: str) -> list[tuple[object, ...]]:
    with psycopg.connect(db_url) as conn:
        return conn.execute(
            "select scholarship_id, status, metadata->>'coach_state' from applications "
            "where user_id = %s",
            (user,),
        ).fetchall()


def test_before_any_run_the_page_says_what_to_do_and_how_it_searches(app_env: str) -> None:
    at = discovery_page()
    assert at.caption[0].value.startswith("Offline catalog search")
    assert "Run discovery to find scholarships" in at.info[0].value
    assert at.button(key="run_discovery").label == "Run discovery"


def test_with_a_tavily_key_the_page_says_it_searches_the_web(
    app_env: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TAVILY_API_KEY", "tvly-test")
    get_settings.cache_clear()
    st.cache_resource.clear()
    at = discovery_page()
    assert at.caption[0].value.startswith("Web search (Tavily)")
    assert "never your SAI" in at.caption[0].value


def test_a_run_shows_matches_with_their_reasons_and_the_scams_it_removed(app_env: str) -> None:
    at = discovery_page()
    run_discovery(at)
    assert not at.error
    shown = plain(texts(at))
    matches, filtered = tab_labels(at)
    assert count(matches) == len(match_keys(at, "track_")) > 0
    assert "Trust score" in shown and "/100" in shown and "Need match" in shown
    # the reasons add up: an audit summed "+25 … +10 … +5 … +5" to 45 under a 95
    assert "Every listing starts at 50; these moved it:" in shown
    assert "GPA 3.7 ≥" in shown  # why it matches, requirement by requirement
    assert "✓" in shown
    # each match's address as plain text to copy exactly: no invisible character in it
    addresses = [c.value for c in at.code]
    assert len(addresses) == count(matches)
    assert all(a.startswith("https://") and "\u200b" not in a for a in addresses)

    assert filtered.startswith("Filtered out (") and count(filtered) > 0
    assert SCAM in shown
    assert "Asks for money up front" in shown  # the red flag that removed it
    assert "Promises guaranteed winnings" in shown
    assert len([m for m in at.markdown if SCAM in plain(m.value)]) == 1  # not among matches

    for order in ("trust", "amount", "deadline", "need"):
        at.selectbox(key="discovery_sort").set_value(order).run()
        assert not at.exception, at.exception
        assert len(match_keys(at, "track_")) > 0


def test_the_order_picked_is_kept_through_a_visit_to_another_page(app_env: str) -> None:
    """A browser audit: "Largest amount", then Game plan and back, was "Best need match"."""
    at = discovery_page()
    run_discovery(at)
    at.selectbox(key="discovery_sort").set_value("amount").run()
    first = match_keys(at, "track_")[0]
    at.switch_page("app_pages/game_plan.py").run()
    at.switch_page("app_pages/discovery.py").run()
    assert not at.exception, at.exception
    assert at.selectbox(key="discovery_sort").value == "amount"
    assert match_keys(at, "track_")[0] == first


def test_matches_the_profile_rules_out_are_folded_below_the_open_ones(app_env: str) -> None:
    """Half of "Found 74" were out-of-state grants, other majors or a GPA below the minimum,
    each with a Track button among the rest: they are kept (a profile can be wrong) but
    folded at the end, and nothing open to the student is in the fold."""
    at = discovery_page()
    run_discovery(at)
    [fold] = [e for e in at.expander if e.label.startswith("Not open to you (")]
    folded = {b.key for b in fold.button if b.key and b.key.startswith("track_")}
    assert count(fold.label) == len(folded) > 0
    everything = set(match_keys(at, "track_"))
    assert folded < everything
    need = {
        m.value.split("Need match ")[1].split("/")[0]
        for m in fold.markdown
        if "Need match " in m.value
    }
    assert need == {"0"}  # every folded match scores 0, and only those are folded
    assert any(
        f"Open to you: {len(everything) - len(folded)}. Ruled out by your profile: "
        f"{len(folded)}, folded at the end." in c.value
        for c in at.caption
    )
    # the tab counts as the run's summary does (an audit: "Matches (71)" beside "Found 35")
    assert (
        matches_label(at) == f"Matches ({len(everything) - len(folded)} + {len(folded)} ruled out)"
    )


def test_a_refresh_or_a_new_sign_in_shows_the_last_results(app_env: str) -> None:
    at = discovery_page()
    run_discovery(at)
    keys = match_keys(at, "track_")
    first = untracked(at)[0]
    at.button(key=first).click().run()

    again = discovery_page()  # a new AppTest: a new browser session, nothing in its state
    assert match_keys(again, "track_") == keys
    assert again.button(key=first).label == "Tracked"
    assert SCAM in plain(texts(again))
    assert [s.label for s in again.status] == ["Search complete"]  # nothing running


class HeldSearch:
    """The offline catalog, held at a gate until the test lets the run go on."""

    def __init__(self, inner: SearchProvider, gate: threading.Event) -> None:
        self.inner = inner
        self.gate = gate

    def search(self, financial: FinancialProfile, user: UserProfile) -> list[Listing]:
        assert self.gate.wait(30), "the test never opened the gate"
        return self.inner.search(financial, user)


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """Runs started in this test search only once the event is set."""
    event = threading.Event()
    real = graph_discovery.default_search
    monkeypatch.setattr(
        graph_discovery,
        "default_search",
        lambda settings, repository: HeldSearch(real(settings, repository), event),
    )
    yield event
    event.set()


def test_progress_shows_while_it_runs_and_the_end_is_announced_once_elsewhere(
    app_env: str, gate: threading.Event
) -> None:
    at = discovery_page()
    at.button(key="run_discovery").click().run()
    assert not at.exception, at.exception
    [status] = at.status
    assert status.label.startswith("Search")
    shown = plain(texts(at))
    assert "Searching for scholarships" in shown and "Verifying listings" in shown
    assert at.button(key="run_discovery").disabled  # one run at a time

    home = open_page("app_pages/home.py")  # the student goes elsewhere while it runs
    assert not home.toast
    gate.set()
    toasts: list[str] = []
    deadline = time.monotonic() + 60
    while not toasts:
        assert time.monotonic() < deadline, "no toast"
        time.sleep(0.2)
        home.run()
        assert not home.exception, home.exception
        toasts = [t.value for t in home.toast]
    assert toasts[0].startswith("Discovery finished: open Discovery for your matches. Found")

    home.run()
    assert not home.toast  # once
    at.run()  # the page it started on shows the results, and no second toast
    assert matches_label(at)
    assert not at.toast


def test_a_run_that_ends_while_watched_is_announced_there(app_env: str) -> None:
    at = discovery_page()
    run_discovery(at)
    seen = [t.value for t in at.toast]
    at.run()  # the end may land between the toast's check and the results' read
    seen += [t.value for t in at.toast]
    assert seen == ["Discovery finished: your matches are below."]  # the caption says the rest
    at.run()
    assert not at.toast


class BrokenSearch:
    def search(self, financial: FinancialProfile, user: UserProfile) -> list[Listing]:
        raise ConnectionError("search provider down")


def test_a_failed_run_says_so_in_one_sentence_and_can_be_run_again(
    app_env: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as patch:
        patch.setattr(graph_discovery, "default_search", lambda settings, r: BrokenSearch())
        at = discovery_page()
        at.button(key="run_discovery").click().run()
        wait_until_done(at)
        toasts = [t.value for t in at.toast]
        at.run()
        toasts += [t.value for t in at.toast]
        assert "Discovery could not finish. Run it again above." in toasts  # on Discovery
        [error] = at.error
        assert error.value.endswith(".") and "search provider down" not in error.value
        assert not at.button(key="run_discovery").disabled

    run_discovery(at)
    assert matches_label(at)
    # a later run that fails leaves these matches on show under its reason (an audit's
    # timed-out run hid them, after a reload too)
    found = matches_label(at)
    with monkeypatch.context() as patch:
        patch.setattr(graph_discovery, "default_search", lambda settings, r: BrokenSearch())
        at.button(key="run_discovery").click().run()
        wait_until_done(at)
    again = discovery_page()
    [error] = again.error
    assert error.value.endswith("Below are the matches of your last search that finished.")
    assert matches_label(again) == found
    assert any(c.value.startswith("Last finished search") for c in again.caption)


def test_a_student_without_a_profile_is_sent_to_the_profile_page(app_env: str) -> None:
    with psycopg.connect(app_env) as conn:
        conn.execute("delete from profiles where id = %s", (JORDAN,))
    at = discovery_page(JORDAN)
    assert "no profile yet" in at.info[0].value
    [link] = at.get("page_link")
    assert "profile" in link.proto.page
    assert not [b for b in at.button if b.key == "run_discovery"]


def test_a_profile_without_a_school_year_is_asked_for_one(app_env: str) -> None:
    """A user audit: awards for one school year only read 100/100 to students in another.
    Without a year on the Profile they read "unknown", and the page says where to add it."""
    with psycopg.connect(app_env, autocommit=True) as conn:  # the demo's Maya is a senior
        conn.execute("update profiles set school_year = null where id = %s", (MAYA,))
    at = discovery_page()
    assert any("no school year yet" in c.value for c in at.caption)
    [link] = at.get("page_link")
    assert "profile" in link.proto.page and link.proto.label == "Add your school year"
    with psycopg.connect(app_env, autocommit=True) as conn:
        conn.execute("update profiles set school_year = 'college_junior' where id = %s", (MAYA,))
    again = discovery_page()
    assert not any("school year" in c.value for c in again.caption)
    assert not again.get("page_link")


def test_the_order_picked_is_kept_through_a_refresh(app_env: str) -> None:
    """F5 ends the browser session's state but keeps the address: the order is in it."""
    at = discovery_page()
    run_discovery(at)
    at.selectbox(key="discovery_sort").set_value("amount").run()
    assert at.query_params["sort"] == "amount"
    first = match_keys(at, "track_")[0]

    refreshed = AppTest.from_file("../../app.py", default_timeout=30)
    refreshed.session_state[HANDLE] = handle_for(
        get_settings().database_url.get_secret_value(), MAYA
    )  # type: ignore[union-attr]
    refreshed.query_params["sort"] = "amount"
    refreshed.switch_page("app_pages/discovery.py").run()
    assert not refreshed.exception, refreshed.exception
    assert refreshed.selectbox(key="discovery_sort").value == "amount"
    assert match_keys(refreshed, "track_")[0] == first

    refreshed.selectbox(key="discovery_sort").set_value("need").run()
    assert "sort" not in refreshed.query_params  # the default needs no address


def card_titles(at: AppTest) -> list[str]:
    return [h.value for h in at.subheader]  # each card's heading


def test_a_student_finds_one_scholarship_by_a_word_of_its_name(app_env: str) -> None:
    """Forty cards to scroll for the one a teacher named: a word of its name finds it, the
    word is kept through a visit to another page, and a word found nowhere says so."""
    at = discovery_page()
    run_discovery(at)
    everything = len(match_keys(at, "track_"))
    wanted = next(t for t in card_titles(at) if "Dell" in t)
    at.text_input(key="discovery_find").input("dell").run()
    assert not at.exception, at.exception
    assert card_titles(at) == [wanted]
    assert len(match_keys(at, "track_")) == 1
    assert any(f"Showing 1 of {everything} matches with “dell”." in c.value for c in at.caption)

    at.switch_page("app_pages/game_plan.py").run()
    at.switch_page("app_pages/discovery.py").run()
    assert at.text_input(key="discovery_find").value == "dell"
    assert card_titles(at) == [wanted]

    at.text_input(key="discovery_find").input("dell zzyzx").run()
    assert match_keys(at, "track_") == []
    assert [i.value for i in at.info] == [
        f"No match has “dell zzyzx” in its name, sponsor or reasons. Try fewer words, or "
        f"clear the box to see all {everything}."
    ]

    at.text_input(key="discovery_find").input("").run()
    assert len(match_keys(at, "track_")) == everything


def test_a_profile_changed_since_the_search_says_the_results_are_as_of_then(
    app_env: str,
) -> None:
    """A browser audit: a junior became a senior on her Profile; Discovery still said "For
    high school juniors, as you are ✓" and kept 24 awards she now qualifies for folded under
    "Not open to you", with nothing to say so."""
    at = discovery_page()
    run_discovery(at)
    assert not [w for w in at.warning if "changed on your Profile" in w.value]
    url = get_settings().database_url.get_secret_value()  # type: ignore[union-attr]
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(
            "update public.profiles set school_year = 'college_freshman', gpa = 3.9 where id = %s",
            (MAYA,),
        )
    at.run()
    [warning] = [w.value for w in at.warning if "changed on your Profile" in w.value]
    assert warning.startswith("Your GPA and school year changed on your Profile since this search")
    run_discovery(at)
    assert not [w for w in at.warning if "changed on your Profile" in w.value]


def test_a_match_the_profile_rules_out_is_tracked_only_on_purpose(app_env: str) -> None:
    """A browser audit tracked a California-only award from Texas without a word, and it
    went to the top of her Top 3."""
    at = discovery_page()
    run_discovery(at)
    [fold] = [e for e in at.expander if e.label.startswith("Not open to you (")]
    key = next(b.key for b in fold.button if b.key and b.key.startswith("track_"))
    assert at.button(key=key).label == "Track anyway"
    at.button(key=key).click().run()
    [said] = [plain(i.value) for i in at.info if plain(i.value).startswith("Tracked, though")]
    assert "your profile rules it out (" in said and "✗" in said
    assert "Stop tracking on the Game plan" in said
    assert at.button(key=key).label == "Tracked"
