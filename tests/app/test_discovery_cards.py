"""A Discovery card's own buttons (app_pages/discovery.py, show_match): Track, its state once
tracked or sent, no Track once the deadline has passed, Dismiss for this run, and where the
answer to a click is said."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import psycopg

from app_pages.render import inert_text
from tests.app.conftest import MAYA, query
from tests.app.test_discovery_page import (
    discovery_page,
    match_keys,
    run_discovery,
    tracked_rows,
    untracked,
)


def test_track_makes_one_application_and_a_second_track_says_so(app_env: str) -> None:
    at = discovery_page()
    run_discovery(at)
    first = untracked(at)[0]
    stale = discovery_page()  # another tab, opened before the click

    at.button(key=first).click().run()
    assert not at.exception, at.exception
    assert at.success[0].value.startswith("Tracked")
    assert at.button(key=first).label == "Tracked"
    rows = tracked_rows(app_env, MAYA)
    assert len([r for r in rows if r[2] == "tracked"]) >= 1
    before = len(rows)

    stale.button(key=first).click().run()  # still says Track there: the server knows better
    assert not stale.exception, stale.exception
    assert "already tracking" in stale.info[0].value
    assert stale.button(key=first).label == "Tracked"
    at.button(key=first).click().run()  # and a second click here says the same
    assert "already tracking" in at.info[0].value
    assert len(tracked_rows(app_env, MAYA)) == before


def test_a_tracked_match_already_sent_shows_its_state_not_a_countdown(app_env: str) -> None:
    """An audit: a scholarship already submitted read "Overdue since …" once its deadline
    passed, on a card that says nothing else of where it stands."""
    at = discovery_page()
    run_discovery(at)
    before = {r[0] for r in tracked_rows(app_env, MAYA)}
    first = untracked(at)[0]
    at.button(key=first).click().run()
    (new,) = {r[0] for r in tracked_rows(app_env, MAYA)} - before
    with psycopg.connect(app_env) as conn:
        conn.execute(
            "update applications set status = 'submitted', submitted_at = now(), "
            "confirmed_at = now(), metadata = metadata || "
            """'{"coach_state": "submitted"}' where user_id = %s and scholarship_id = %s""",
            (MAYA, new),
        )
    at.run()
    facts = [c.value for c in at.markdown if c.value.count(" · ") >= 2]
    sent = [f for f in facts if f.endswith(" · Submitted")]
    assert len(sent) == 1 and " · Deadline " in sent[0], facts
    assert len(facts) > 1 and all(f.endswith(" · Submitted") == (f in sent) for f in facts)


def test_a_match_whose_deadline_has_passed_offers_no_track(app_env: str) -> None:
    """A journey audit tracked "Overdue since December 15" from here eleven days late."""
    at = discovery_page()
    run_discovery(at)
    key = untracked(at)[0]
    with psycopg.connect(app_env) as conn:  # the run's listing: "Overdue since …"
        conn.execute(
            "update discovery_results set deadline = app_now() - interval '1 day' "
            "where user_id = %s and result_id = %s",
            (MAYA, key.removeprefix("track_")),
        )
    at.run()
    closed = at.button(key=key)
    assert (closed.label, closed.disabled) == ("Closed", True)
    assert closed.help == "Its deadline has passed, so it can't be sent any more."


def test_dismiss_hides_a_match_for_this_run_only(app_env: str) -> None:
    at = discovery_page()
    run_discovery(at)
    keys = match_keys(at, "dismiss_")
    gone = keys[-1]
    at.button(key=gone).click().run()
    assert not at.exception, at.exception
    assert gone not in match_keys(at, "dismiss_")
    assert len(match_keys(at, "dismiss_")) == len(keys) - 1
    assert any(t.value.startswith("Dismissed") for t in at.toast)  # the card is gone

    again = discovery_page()  # a refresh: still set aside
    assert gone not in match_keys(again, "dismiss_")
    [dismissed] = [c.value for c in again.caption if "You dismissed" in c.value]
    assert "You dismissed 1, listed at the end" in dismissed
    assert ". ·" not in dismissed  # a browser audit: "…left out. · You dismissed"

    restore = "restore_" + gone.removeprefix("dismiss_")  # a mis-click, undone
    again.button(key=restore).click().run()
    assert not again.exception, again.exception
    assert gone in match_keys(again, "dismiss_")
    assert any("is back among your matches" in i.value for i in again.info)
    assert not any("You dismissed" in c.value for c in again.caption)
    again.button(key=gone).click().run()

    run_discovery(again)  # a new run: back again
    assert gone in match_keys(again, "dismiss_")


def test_a_dismissed_title_reads_as_written(app_env: str) -> None:
    """A browser audit: "Dismissed “SMART Scholarship\\-for\\-Service Program”" (made inert
    twice, so the escapes showed)."""
    at = discovery_page()
    run_discovery(at)
    on_page = {k.removeprefix("dismiss_") for k in match_keys(at, "dismiss_")}
    rows = query("select result_id, title from discovery_results where user_id = %s", MAYA)
    title, result_id = next(
        (r["title"], r["result_id"])
        for r in rows
        if r["result_id"] in on_page and inert_text(r["title"]) != r["title"]
    )
    at.button(key=f"dismiss_{result_id}").click().run()
    [said] = [t.value for t in at.toast if t.value.startswith("Dismissed")]
    assert said.startswith(f"Dismissed “{inert_text(title)}” for this run")


def test_tracked_is_said_next_to_the_button_before_the_reasons(app_env: str) -> None:
    """An accessibility audit: on a phone "Tracked: …" landed below the screen, under the
    card's trust and need reasons."""
    at = discovery_page()
    run_discovery(at)
    first = untracked(at)[0]
    at.button(key=first).click().run()
    assert not at.exception, at.exception

    def walk(node: Any) -> Iterator[Any]:
        for child in getattr(node, "children", {}).values():
            yield child
            yield from walk(child)

    card = first.replace("track_", "match_", 1)
    [block] = [e for e in walk(at.main) if getattr(e, "key", None) == card]
    order = [
        "tracked" if getattr(e, "type", "") == "success" else "reasons"
        for e in walk(block)
        if getattr(e, "type", "") == "success"
        or str(getattr(e, "value", "")).startswith("**Trust score")
    ]
    assert order == ["tracked", "reasons"]
