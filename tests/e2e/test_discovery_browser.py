"""Discovery in a real browser: a student runs a search, watches it go node by node, sees the
matches with their reasons and the scams it removed, tracks one, and finds it all again after
a refresh and on another page's return trip."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.browser_steps import MATCHES_TAB, go_to, pick_demo, settled, signed_in_as, start_chat

pytestmark = pytest.mark.e2e

SCAM = "Guaranteed $10,000 Federal Grant"
TRACKED = re.compile(r"Tracked\s*$")  # a button's text is its icon's name, then its label
# Records, from before the click, whether any step of the run was ever on screen.
WATCH_PROGRESS = """() => {
  window.__steps = new Set();
  const look = () => {
    for (const step of ["Searching for scholarships", "Verifying", "Prioritizing",
                        "Discovery finished"]) {
      if (document.body.innerText.includes(step)) window.__steps.add(step);
    }
  };
  look();
  new MutationObserver(look).observe(document.body, {subtree: true, childList: true,
                                                      characterData: true});
}"""


def track_buttons(page: Page) -> list[str]:
    """The keys of the match cards' Track buttons, in page order."""
    classes = page.eval_on_selector_all(
        '[class*="st-key-track_"]', "els => els.map(e => e.className)"
    )
    return [m.group(1) for c in classes if (m := re.search(r"st-key-(track_\S+)", c))]


def test_a_student_runs_discovery_tracks_a_match_and_a_refresh_keeps_it(
    app_url: str, page: Page
) -> None:
    page.goto(app_url)
    pick_demo(page, "Maya Torres (student)")
    signed_in_as(page, "Maya Torres")
    go_to(page, "Discovery")
    page.get_by_text("Run discovery to find scholarships").wait_for()
    expect(page.get_by_text("Offline catalog search")).to_be_visible()

    page.evaluate(WATCH_PROGRESS)
    page.get_by_role("button", name="Run discovery").click()
    matches = page.get_by_role("tab", name=MATCHES_TAB)
    matches.wait_for(timeout=60_000)
    steps = page.evaluate("() => [...window.__steps]")
    assert "Searching for scholarships" in steps or "Verifying" in steps, steps
    # the toast, seen as it came: on a loaded CI box it could be gone again by now
    page.wait_for_function("() => window.__steps.has('Discovery finished')")

    expect(page.get_by_text("Trust score").first).to_be_visible()
    expect(page.get_by_text("Need match").first).to_be_visible()
    expect(page.get_by_text(re.compile(r"GPA 3\.7 ≥")).first).to_be_visible()
    page.get_by_role("tab", name=re.compile(r"^Filtered out \(\d+\)")).click()
    expect(page.get_by_text(SCAM).first).to_be_visible()
    expect(page.get_by_text("Asks for money up front").first).to_be_visible()
    matches.click()

    keys = track_buttons(page)
    untracked = [  # the demo student already tracks a few
        k
        for k in keys
        if page.locator(f".st-key-{k} button").inner_text().strip().endswith("Track")
    ]
    assert untracked, "no match left to track"
    chosen = page.locator(f".st-key-{untracked[0]} button")
    chosen.click()
    expect(page.get_by_text("Tracked: it is on your applications").first).to_be_visible()
    expect(chosen).to_have_text(TRACKED)

    page.reload()  # the run's results, and the tracked state, come from the server
    matches.wait_for()
    signed_in_as(page, "Maya Torres")
    # every card drawn first: a busy CI box read the list while the page was still drawing it
    expect(page.locator('[class*="st-key-track_"]')).to_have_count(len(keys))
    assert track_buttons(page) == keys
    expect(chosen).to_have_text(TRACKED)
    expect(page.get_by_text("Discovery finished")).to_have_count(0)  # told once only

    go_to(page, "Home")
    page.get_by_text("Start with a coach").wait_for()
    go_to(page, "Discovery")
    matches.wait_for()
    expect(chosen).to_have_text(TRACKED)


def test_a_student_with_nothing_tracked_starts_in_chat_and_the_coach_sees_what_they_track(
    app_url: str, page: Page
) -> None:
    """Across pages, as the demo's new student goes: the scholarship coach starts from where
    she stands (not scored), Discovery tracks a match, and back in the same chat "what
    should I do today?" is planned from what was just tracked."""
    start_chat(page, app_url, "Priya Shah", "scholarship_coach")
    box = page.get_by_placeholder("Message your coach")
    box.fill("im a junior and i want to study nursing")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Good to know:").first).to_be_visible()
    expect(page.get_by_text("Assessment · not scored").first).to_be_visible()

    go_to(page, "Discovery")
    page.get_by_role("button", name="Run discovery").click()
    page.get_by_role("tab", name=MATCHES_TAB).wait_for(timeout=60_000)
    # the tab is drawn before its cards: a busy CI box read an empty list
    page.locator('[class*="st-key-track_"]').first.wait_for()
    [first, *_] = track_buttons(page)
    page.locator(f".st-key-{first} button").click()
    expect(page.get_by_text("Tracked: it is on your applications").first).to_be_visible()

    go_to(page, "Chat")  # the open session, where it was left
    expect(page.get_by_text("Good to know:").first).to_be_visible()
    settled(page)
    box.fill("what should i do today?")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Today, focus on").first).to_be_visible()
    expect(page.get_by_text("not tracking any")).to_have_count(1)  # the first reply's note
