"""The Game plan page as a student uses it: the Top 3 with countdowns and next actions, moving
an application along, Submitted and Won only after a confirmation that a refresh brings back,
Lost at once, "Have you heard back?", missed deadlines with something similar to try, the
micro-task's snooze and Total Debt Lifted; and the Top 3 on Home. Against the real embedded
database with the demo student Maya (seeds/demo.json): nothing here reads the calendar, so
the suite passes with --clock=+365d and --clock=deadline-day too."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import psycopg
from streamlit.testing.v1 import AppTest

from app_pages.context import HANDLE
from tests.app.conftest import MAYA, RIVERA, db_url, handle_for, plain, query, sent_back_from
from tests.app.conftest import shown as texts
from tests.app.game_plan_steps import (
    COCA_COLA,
    COUNTDOWN,
    GATES,
    HOMETOWN,
    HORATIO,
    OPEN,
    app_now,
    card_titles,
    check_ins,
    click,
    dialog_text,
    open_page,
    row,
)


# the Top 3 -----------------------------------------------------------------------------------
def test_the_top3_shows_each_open_application_with_its_countdown_state_and_next_action(
    app_env: str,
) -> None:
    at = open_page()
    assert set(card_titles(at)) == OPEN
    shown = texts(at)
    assert len(COUNTDOWN.findall("\n".join(m.value for m in at.markdown))) >= 3
    for badge in (":violet-badge[Review]", ":blue-badge[Drafting]", ":gray-badge[Tracked]"):
        assert badge in shown
    assert "Next: **Start your draft**" in shown  # Hometown, Tracked
    # Cal Grant, Drafting: a form is finished and checked, not reviewed like an essay
    assert "Next: **Finish the form and check each answer**" in shown
    assert re.search(r"Next: \*\*Submit (today|by \w+)", shown)  # Gates, Review
    bars = [p.proto.text for p in at.get("progress")]
    assert len(bars) == 3 and all(re.fullmatch(r"Priority \d{1,3}/100", b) for b in bars), bars
    stalled = [c.value for c in at.caption if "15-minute step" in c.value]
    assert stalled and all(  # how long, as the micro-task below says it
        re.fullmatch(
            r"No progress for \d+ (days|hours): a 15-minute step gets it moving again\.", c
        )
        for c in stalled
    ), stalled


def test_home_shows_the_same_top3(app_env: str) -> None:
    at = open_page("app_pages/home.py")
    assert set(card_titles(at)) == OPEN
    assert "Next: **Start your draft**" in texts(at)
    assert "Start with a coach" in texts(at)  # the rest of Home is still there
    # what waits beside the Top 3 is said there too (Coca-Cola's "have you heard back?")
    assert (
        ":orange-badge[Also on your game plan] 1 application asks whether you've heard back"
        in texts(at)
    )


def test_home_says_a_missed_deadline_waits_on_the_game_plan(app_env: str) -> None:
    hometown = row(HOMETOWN)
    with psycopg.connect(db_url(), autocommit=True) as conn:
        conn.execute(
            "update scholarships set deadline = public.app_now() - interval '1 day' where id = %s",
            (hometown["scholarship_id"],),
        )
    said = texts(open_page("app_pages/home.py"))
    assert "1 missed deadline, with scholarships to try instead" in said


def test_the_page_is_only_in_a_students_navigation(app_env: str) -> None:
    at = AppTest.from_file("../../app.py", default_timeout=30)
    at.session_state[HANDLE] = handle_for(db_url(), RIVERA)  # a coach
    at.run()
    sent_back_from(at, "app_pages/game_plan.py")


def test_an_application_awaiting_its_result_says_so_in_plain_words(app_env: str) -> None:
    """A browser audit: the seed's state name "Outcome Pending" read as jargon on the card."""
    shown = texts(open_page())
    assert f"**{COCA_COLA}** · :orange-badge[Waiting to hear back]" in shown
    assert "Outcome Pending" not in shown


def test_deadlines_read_in_the_zone_the_student_saved(app_env: str) -> None:
    """A browser audit: the emails said "5:59pm (America/Chicago)" while every page said
    "Due today, 11:59 pm" (UTC) for the same deadline, six hours later than it was."""
    hometown = row(HOMETOWN)
    with psycopg.connect(db_url(), autocommit=True) as conn:
        now = conn.execute("select public.app_now()").fetchone()[0]  # type: ignore[index]
        conn.execute(
            "update scholarships set deadline = %s where id = %s",
            (now + timedelta(hours=2), hometown["scholarship_id"]),
        )
        conn.execute(
            "update profiles set preferences = preferences || "
            '\'{"timezone": "America/Chicago"}\' where id = %s',
            (MAYA,),
        )
    due = now + timedelta(hours=2)
    here = due.astimezone(ZoneInfo("America/Chicago"))
    shown = texts(open_page())
    assert f"{here.hour % 12 or 12}:{here.minute:02d} {'am' if here.hour < 12 else 'pm'}" in shown
    utc = due.astimezone(UTC)
    assert (
        f", {utc.hour % 12 or 12}:{utc.minute:02d} {'am' if utc.hour < 12 else 'pm'}" not in shown
    )
    assert "(times are Central Time" in shown  # the snooze form's times too


# moving along --------------------------------------------------------------------------------
def test_tracked_moves_to_drafting_then_review(app_env: str) -> None:
    hometown = row(HOMETOWN)
    at = click(open_page(), f"move_drafting_{hometown['id']}")
    assert not at.error, at.error[0].value
    assert row(HOMETOWN)["metadata"]["coach_state"] == "drafting"
    assert row(HOMETOWN)["status"] == "draft"
    assert [plain(m.value) for m in at.success] == [f"{HOMETOWN} is in drafting now."]
    click(at, f"move_review_{hometown['id']}")
    assert not at.error, at.error[0].value
    assert row(HOMETOWN)["metadata"]["coach_state"] == "review"
    assert [plain(m.value) for m in at.success] == [f"{HOMETOWN} is ready for review now."]
    assert ":violet-badge[Review]" in texts(open_page())


def test_stop_tracking_takes_an_unsent_application_off_the_plan(app_env: str) -> None:
    """A browser audit: a scholarship tracked by mistake could never leave the plan. Behind a
    popover on every application not sent yet; none on a sent one (its record stays)."""
    hometown, coca = row(HOMETOWN), row(COCA_COLA)
    at = open_page()
    keys = {b.key for b in at.button if b.key and b.key.startswith("untrack_")}
    assert f"untrack_{hometown['id']}" in keys and f"untrack_{coca['id']}" not in keys
    # its button says "More" to a screen reader, not "more_horiz icon" (an audit), and has no
    # tooltip to cover Mark submitted beside it
    holders = [p for p in at.get("popover") if p.proto.popover.label == "More"]
    assert holders and not any(p.proto.popover.help for p in holders)
    click(at, f"untrack_{hometown['id']}")
    assert not at.error, at.error[0].value
    # a toast: the card it was on is gone (a browser audit saw the line above the screen)
    assert [plain(t.value) for t in at.toast] == [
        f"{HOMETOWN} is off your plan. A Discovery search finds it again if you change your mind."
    ]
    assert not query("select 1 from applications where id = %s", hometown["id"])
    assert HOMETOWN not in card_titles(at) and HOMETOWN not in texts(open_page())


def test_a_move_says_a_listings_title_as_text(app_env: str) -> None:
    """The sentence after a click carries the listing's title: shown inert, like the card."""
    hostile = "Evil ![x](https://evil.test/p.png) [win](https://evil.test) <b>bold</b>"
    hometown = row(HOMETOWN)
    with psycopg.connect(db_url(), autocommit=True) as conn:
        conn.execute(
            "update scholarships set title = %s where id = %s",
            (hostile, hometown["scholarship_id"]),
        )
    at = click(open_page(), f"move_drafting_{hometown['id']}")
    [said] = [m.value for m in at.success]
    assert plain(said) == f"{hostile} is in drafting now."
    assert "![" not in said and "](" not in said  # escaped: no image, no link


def test_mark_lost_asks_in_a_popover_not_a_dialog(app_env: str) -> None:
    """A browser audit: "I didn't get it" asked first, "Mark lost" did not."""
    coca = row(COCA_COLA)
    page = open_page()
    [asked] = [
        p
        for p in page.get("popover")
        if p.proto.popover.label == "Mark lost"
        and any(b.key == f"move_lost_{coca['id']}" for b in p.button)
    ]
    assert any(f"Mark **{COCA_COLA}** as lost?" in plain(m.value) for m in asked.markdown)
    assert row(COCA_COLA)["status"] == "submitted"  # nothing yet
    at = click(page, f"move_lost_{coca['id']}")
    assert not at.error, at.error[0].value
    assert not dialog_text(at)
    assert row(COCA_COLA)["status"] == "rejected"


# Submitted and Won: a person confirms ------------------------------------------------------
def test_mark_submitted_asks_first_and_cancel_writes_nothing(app_env: str) -> None:
    before = row(GATES)
    at = click(open_page(), f"move_submitted_{before['id']}")
    asked = dialog_text(at)
    assert f"{GATES} will be recorded as Submitted" in asked
    assert "Confirm only if you have really sent it" in asked
    pending = row(GATES)
    assert pending["status"] == "draft" and pending["submitted_at"] is None  # nothing yet
    assert "pending_transition" in pending["metadata"]

    click(at, "cancel_transition")
    after = row(GATES)
    assert not dialog_text(at)
    assert after["status"] == "draft" and after["submitted_at"] is None
    assert after["confirmed_at"] is None and not check_ins(before["id"])
    assert "pending_transition" not in after["metadata"]
    assert not dialog_text(open_page())  # a refresh does not ask again


def test_confirming_submitted_writes_it_exactly_once(app_env: str) -> None:
    gates = row(GATES)
    at = click(open_page(), f"move_submitted_{gates['id']}")
    click(at, "confirm_transition")
    assert not at.error, at.error[0].value
    assert not dialog_text(at)
    done = row(GATES)
    assert done["status"] == "submitted" and done["submitted_at"] is not None
    assert done["metadata"]["coach_state"] == "submitted"
    assert "pending_transition" not in done["metadata"]
    assert len(check_ins(gates["id"])) == 1
    assert f"Recorded: {GATES} is submitted." in texts(at)

    again = open_page()  # a refresh: nothing pending, nothing written twice
    assert not dialog_text(again)
    assert row(GATES)["submitted_at"] == done["submitted_at"]
    assert row(GATES)["updated_at"] == done["updated_at"]
    assert ":orange-badge[Submitted]" in texts(again)
    assert GATES not in card_titles(again)


def test_a_refresh_while_the_dialog_is_open_brings_it_back(app_env: str) -> None:
    gates = row(GATES)
    click(open_page(), f"move_submitted_{gates['id']}")
    refreshed = open_page()  # a new browser session: the question comes from the database
    assert f"{GATES} will be recorded as Submitted" in dialog_text(refreshed)
    click(refreshed, "confirm_transition")
    assert row(GATES)["status"] == "submitted"


def test_mark_won_says_what_it_adds_to_debt_lifted_and_counts_once_confirmed(
    app_env: str,
) -> None:
    coca, horatio = row(COCA_COLA), row(HORATIO)
    at = click(open_page(), f"move_awarded_{coca['id']}")
    asked = dialog_text(at)
    total = horatio["amount"]
    assert f"{COCA_COLA} will be recorded as Won" in asked
    assert f"${coca['amount']:,.0f} is added to your Total Debt Lifted" in asked
    assert f"from ${total:,.0f} to ${total + coca['amount']:,.0f}" in asked
    assert row(COCA_COLA)["status"] == "submitted"  # nothing yet
    click(at, "confirm_transition")
    won = row(COCA_COLA)
    assert won["status"] == "awarded" and won["confirmed_at"] is not None
    assert at.metric[0].value == f"${total + coca['amount']:,.0f}"


# the rest of the plan ----------------------------------------------------------------------
def test_total_debt_lifted_sums_confirmed_wins(app_env: str) -> None:
    at = open_page()
    assert at.metric[0].label == "Total Debt Lifted"
    assert at.metric[0].value == f"${row(HORATIO)['amount']:,.0f}"
    assert "From 1 confirmed win." in texts(at)
    # the total is a tick on the chart's axis, with room above it
    [chart] = [c for c in at.get("plotly_chart") if "debt_lifted" in c.proto.id]
    axis = json.loads(chart.proto.spec)["layout"]["yaxis"]
    total = float(row(HORATIO)["amount"])
    assert axis["tickvals"][-1] == total and axis["range"][1] > total
    # it ends today: plotly's padding drew a "Dec 5" tick on Dec 4 (two browser audits)
    days = json.loads(chart.proto.spec)["layout"]["xaxis"]["range"]
    assert datetime.fromisoformat(days[1]).astimezone(UTC).date() == app_now().date()
    # the line starts at $0 on the chart's first day: one win was a lone dot at the right
    # edge of an empty chart (a browser audit)
    [line] = json.loads(chart.proto.spec)["data"]
    assert line["y"][0] == 0 and line["x"][0] == days[0] and line["y"][-1] == total


def test_heard_back_not_yet_asks_again_in_seven_days(app_env: str) -> None:
    coca = row(COCA_COLA)
    [task] = check_ins(coca["id"])
    at = open_page()
    assert "Have you heard back?" in texts(at)
    click(at, f"heard_not_yet_{task['id']}")
    assert not at.error, at.error[0].value
    # the card left with the answer; what it recorded is still said
    assert any(plain(s.value).startswith("We will ask again on ") for s in at.success)
    [later] = check_ins(coca["id"])
    assert later["status"] == "pending"
    assert abs(later["due_at"] - (app_now() + timedelta(days=7))) < timedelta(minutes=5)
    assert row(COCA_COLA)["status"] == "submitted"
    assert "Have you heard back?" not in texts(open_page())


def next_actions(at: AppTest) -> list[str]:
    return [c.value.removeprefix("Next: ") for c in at.caption if c.value.startswith("Next: ")]


def test_an_application_asked_about_is_listed_as_waiting_for_that_answer(
    app_env: str, pin_clock: Any
) -> None:
    """An audit: three weeks after Gates was sent, the page asked "Have you heard back?"
    about it, and listed it below as "Wait to hear back"."""
    gates = row(GATES)
    at = click(open_page(), f"move_submitted_{gates['id']}")
    click(at, "confirm_transition")
    assert "Wait to hear back" in next_actions(open_page())  # not asked yet
    [task] = check_ins(gates["id"])
    pin_clock(task["due_at"] + timedelta(hours=1))

    at = open_page()
    assert at.button(key=f"heard_not_yet_{task['id']}")  # asked about Gates
    awaiting = [a for a in next_actions(at) if "hear" in a]
    assert awaiting == ["Tell us if you've heard back"] * 2  # Gates and Coca-Cola alike
    click(at, f"heard_not_yet_{task['id']}")
    assert "Tell us when you hear back" in next_actions(at)  # Gates: asked again in a week


def test_heard_back_won_is_confirmed_first_and_lost_needs_nothing(app_env: str) -> None:
    coca = row(COCA_COLA)
    [task] = check_ins(coca["id"])
    at = click(open_page(), f"heard_won_{task['id']}")
    assert f"{COCA_COLA} will be recorded as Won" in dialog_text(at)
    assert row(COCA_COLA)["status"] == "submitted"
    click(at, "confirm_transition")
    assert row(COCA_COLA)["status"] == "awarded"


def test_heard_back_lost_marks_it_lost_once_asked(app_env: str) -> None:
    """A browser audit: "I didn't get it" wrote Lost at once, where "I won" and the chat ask
    first; undone, it could only reopen as drafting. Its Yes is inside the popover."""
    coca = row(COCA_COLA)
    [task] = check_ins(coca["id"])
    page = open_page()
    [asked] = [p for p in page.get("popover") if p.proto.popover.label == "I didn't get it"]
    assert any(f"Mark **{COCA_COLA}** as lost?" in plain(m.value) for m in asked.markdown)
    assert [b.key for b in asked.button] == [f"heard_lost_{task['id']}"]
    assert row(COCA_COLA)["status"] == "submitted"  # nothing yet
    at = click(page, f"heard_lost_{task['id']}")
    assert row(COCA_COLA)["status"] == "rejected"
    assert [plain(s.value) for s in at.success] == [
        f"Recorded: {COCA_COLA} is marked lost. Every application is practice for the next."
    ]


def test_a_missed_deadline_offers_similar_open_scholarships(app_env: str) -> None:
    hometown = row(HOMETOWN)
    with psycopg.connect(db_url(), autocommit=True) as conn:  # its deadline passed yesterday
        conn.execute(
            "update scholarships set deadline = public.app_now() - interval '1 day' where id = %s",
            (hometown["scholarship_id"],),
        )
    at = open_page()
    shown = texts(at)
    assert "Missed deadline" in [s.value for s in at.header]
    assert ":red-badge[Missed deadline]" in shown
    passed = (
        r"Deadline passed \w+ \d+(, \d{4})?, "
        r"while it was still (tracked|in drafting|ready for review)"
    )
    assert re.search(passed, shown)
    assert "Similar open scholarships to try instead:" in shown
    assert HOMETOWN not in card_titles(at)
    similar = [
        b.key for b in at.button if b.key and b.key.startswith(f"track_similar_{hometown['id']}")
    ]
    assert similar
    assert "Guaranteed" not in shown  # a labelled scam is never offered
    # and none that Maya's profile rules out (she lives in Texas; Hometown is California's)
    offered = [k.rsplit("_", 1)[1] for k in similar]
    maya = query("select state, intended_major from profiles where id = %s", MAYA)[0]
    for found in query(
        "select metadata -> 'eligibility' as e from scholarships where id = any(%s::uuid[])",
        offered,
    ):
        states = (found["e"] or {}).get("states") or []
        assert not states or maya["state"] in states, states
    click(at, similar[0])
    assert "is on your plan now" in texts(at)


def test_a_snooze_past_the_nearest_deadline_is_refused_with_the_reason(app_env: str) -> None:
    now = app_now()
    nearest = min(row(t)["deadline"] for t in OPEN)
    at = open_page()
    assert "**Micro-task**" in texts(at)
    offered = datetime.combine(
        at.date_input(key="snooze_day").value, at.time_input(key="snooze_time").value, UTC
    )
    if nearest - now >= timedelta(minutes=10):  # as offered, Snooze works (on deadline day too)
        assert now < offered < nearest, (now, offered, nearest)
    at.date_input(key="snooze_day").set_value((nearest + timedelta(days=1)).date())
    at.button(key="FormSubmitter:snooze_form-Snooze").click().run()
    assert not at.exception, at.exception
    assert "can't reach past your nearest deadline" in at.error[0].value
    assert at.date_input(key="snooze_day").value == (nearest + timedelta(days=1)).date()
    with psycopg.connect(db_url()) as conn:
        prefs = conn.execute("select preferences from profiles where id = %s", (MAYA,)).fetchone()
    assert prefs is not None and "micro_task_snoozed_until" not in prefs[0]

    room = nearest - now
    if room < timedelta(minutes=10):
        return  # the clock sits right on a deadline: no time left to snooze to
    until = (now + room / 2).astimezone(UTC).replace(second=0, microsecond=0)
    at.date_input(key="snooze_day").set_value(until.date())
    at.time_input(key="snooze_time").set_value(until.time())
    at.button(key="FormSubmitter:snooze_form-Snooze").click().run()
    assert not at.exception, at.exception
    assert not at.error, at.error[0].value
    assert "Snoozed until" in texts(at)
    assert "**Micro-task**" not in texts(at)
    assert at.button(key="wake_micro_task")  # at once, not only after a reload (an audit)
    again = open_page()
    assert "Micro-tasks are snoozed until" in texts(again)
    click(again, "wake_micro_task")  # a browser audit: a snooze could only run out
    assert "Micro-tasks are back" in texts(again)
    assert "**Micro-task**" in texts(open_page())


def test_titles_are_shown_inert(app_env: str) -> None:
    """A scholarship title is listing text: shown exactly as written, never as markup."""
    hometown = row(HOMETOWN)
    title = "Hometown ![x](https://evil.example/p.png) <b>bold</b>"
    with psycopg.connect(db_url(), autocommit=True) as conn:
        conn.execute(
            "update scholarships set title = %s where id = %s", (title, hometown["scholarship_id"])
        )
    at = open_page()
    sources = [m.value for m in at.markdown]
    assert any(title in plain(m) for m in sources)
    assert not any("![x](" in m or "<b>" in m or "https://" in m for m in sources)
