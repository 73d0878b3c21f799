"""Dashboard toasts (migration 20261201001500) on both ends of the transport seam: a toast the
sidecar wrote to notification_log reaches its student once, through claim_my_toasts(), never
another student, never twice (two tabs claiming at once: one gets it), and notification_log
itself stays closed to students. The page that shows them: tests/app/test_game_plan_page.py."""

from __future__ import annotations

import json
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any
from uuid import UUID

import psycopg
import pytest

from coach.coach_state import CoachState
from db.errors import NotAllowed
from db.identity import Identity
from db.repository import Repository
from tests.conftest import People
from tests.db.game_plan_rows import put_in_state, tracked
from tests.support.hosted import TransportFactory, superuser_value


def sidecar_writes(
    db_url: str,
    user: Identity,
    *,
    channel: str = "dashboard_toast",
    subject: str = "3 days left",
    body: str = "Cal Grant is due Friday.",
    kind: str = "deadline_72h",
    about: list[UUID] | None = None,
) -> UUID:
    """A notification_log row as the sidecar writes it: as the service role."""
    with psycopg.connect(db_url, autocommit=True) as conn, conn.transaction():
        conn.execute("set local role service_role")
        row = conn.execute(
            "insert into public.notification_log (user_id, channel, notification_type, "
            "recipient, subject, body, delivery, state, sent_at, application_ids) values (%s, "
            "%s, %s, 'student@students.test', %s, %s, 'toast', 'sent', public.app_now(), %s) "
            "returning id",
            (user.user_id, channel, kind, subject, body, about),
        ).fetchone()
    assert row is not None
    return UUID(str(row[0]))


def test_a_toast_reaches_its_student_once(
    transport_factory: TransportFactory, people: People, db_url: str
) -> None:
    toast_id = sidecar_writes(db_url, people.student_a)
    sidecar_writes(db_url, people.student_a, channel="email", subject="Email only")
    ana = Repository(transport_factory(people.student_a))
    ben = Repository(transport_factory(people.student_b))

    assert ben.claim_my_toasts() == []  # another student's toast is not theirs to claim
    [toast] = ana.claim_my_toasts()
    assert (toast.id, toast.notification_type, toast.subject, toast.body) == (
        toast_id,
        "deadline_72h",
        "3 days left",
        "Cal Grant is due Friday.",
    )
    assert ana.claim_my_toasts() == []  # shown once
    shown_at = superuser_value(
        db_url, "select shown_at from notification_log where id = %s", toast_id
    )
    now = superuser_value(db_url, "select public.app_now()")
    assert shown_at is not None and abs((now - shown_at).total_seconds()) < 60
    assert (
        superuser_value(  # the email row is the sidecar's business, not a toast
            db_url, "select count(*) from notification_log where shown_at is null"
        )
        == 1
    )


def test_a_claim_returns_only_what_a_toast_shows_oldest_first(
    transport_factory: TransportFactory, people: People, db_url: str
) -> None:
    first = sidecar_writes(db_url, people.student_a, subject="First")
    second = sidecar_writes(db_url, people.student_a, subject="Second")
    superuser_value(
        db_url,
        "update notification_log set sent_at = sent_at - interval '1 day' where id = %s "
        "returning 1",
        first,
    )
    rows = transport_factory(people.student_a).rpc("claim_my_toasts")
    assert [str(r["id"]) for r in rows] == [str(first), str(second)]
    for row in rows:  # no recipient, no delivery details, no user id
        assert set(row) == {"id", "notification_type", "subject", "body", "sent_at"}


def test_a_toast_about_an_application_that_moved_on_is_not_shown(
    transport_factory: TransportFactory, people: People, db_url: str
) -> None:
    """A season audit: "Have you heard back from GE-Reagan?" after she told the coach she won
    it. A check-in is for a submitted application, a micro-task for an open one; the rest
    are claimed (never shown later) and not handed over."""
    ana = Repository(transport_factory(people.student_a))
    waiting, won, drafting, sent = (
        tracked(ana, db_url, title).id for title in ("Waiting", "Won", "Drafting", "Sent")
    )
    for app, state in ((waiting, CoachState.SUBMITTED), (won, CoachState.WON)):
        put_in_state(db_url, app, state)
    put_in_state(db_url, sent, CoachState.SUBMITTED)
    shown = [
        sidecar_writes(db_url, people.student_a, kind="check_in", about=[waiting]),
        sidecar_writes(db_url, people.student_a, kind="micro_task", about=[drafting]),
    ]
    for kind, app in (("check_in", won), ("micro_task", sent)):
        sidecar_writes(db_url, people.student_a, kind=kind, about=[app])
    assert sorted(t.id for t in ana.claim_my_toasts()) == sorted(shown)
    assert ana.claim_my_toasts() == []  # the stale ones were claimed too
    ana.untrack_application(application_id=drafting)
    sidecar_writes(db_url, people.student_a, kind="micro_task", about=[drafting])
    assert ana.claim_my_toasts() == []


def test_a_reminder_about_a_deadline_that_passed_is_not_shown(
    transport_factory: TransportFactory, people: People, db_url: str
) -> None:
    """An audit on Dec 16: "15 minutes on Burger King Scholars? … due Tuesday, December 15"
    beside the Game plan's "Missed deadline". A deadline or micro-task toast needs an open
    application still ahead of its deadline; one with no deadline still gets its micro-task."""
    ana = Repository(transport_factory(people.student_a))
    missed = tracked(ana, db_url, "Missed", deadline="-1 day").id
    ahead = tracked(ana, db_url, "Ahead", deadline="2 days").id
    open_ended = tracked(ana, db_url, "Rolling", deadline=None).id
    shown = [
        sidecar_writes(db_url, people.student_a, kind="micro_task", about=[ahead]),
        sidecar_writes(db_url, people.student_a, kind="deadline_72h", about=[ahead]),
        sidecar_writes(db_url, people.student_a, kind="micro_task", about=[open_ended]),
    ]
    for kind in ("micro_task", "deadline_72h", "deadline_24h"):
        sidecar_writes(db_url, people.student_a, kind=kind, about=[missed])
    assert sorted(t.id for t in ana.claim_my_toasts()) == sorted(shown)
    assert ana.claim_my_toasts() == []


def test_only_a_signed_in_student_claims_and_only_an_admin_reads_the_log(
    transport_factory: TransportFactory, people: People, db_url: str
) -> None:
    sidecar_writes(db_url, people.student_a)
    for who in (people.anon, people.service):
        with pytest.raises(NotAllowed):
            Repository(transport_factory(who)).claim_my_toasts()
    for who in (people.student_a, people.student_b, people.coach):
        assert transport_factory(who).select("notification_log") == []  # the admins' outbox
    assert len(transport_factory(people.admin).select("notification_log")) == 1
    assert superuser_value(db_url, "select count(*) from notification_log where shown_at is null")


def test_a_claim_in_progress_elsewhere_is_skipped_not_waited_for(
    transport_factory: TransportFactory, people: People, db_url: str
) -> None:
    """Tab one has claimed but not committed: tab two gets nothing at once, and after tab
    one commits, nothing either. Only tab one shows the toast."""
    toast_id = sidecar_writes(db_url, people.student_a)
    claims = json.dumps({"role": "authenticated", "sub": str(people.student_a.user_id)})
    other_tab = Repository(transport_factory(people.student_a))
    with psycopg.connect(db_url) as tab_one:
        tab_one.execute(
            "select set_config('role', 'authenticated', true), "
            "set_config('request.jwt.claims', %s, true)",
            (claims,),
        )
        held = tab_one.execute("select id from public.claim_my_toasts()").fetchall()
        assert held == [(toast_id,)]
        with ThreadPoolExecutor(1) as pool:  # a blocked claim would time out here
            assert pool.submit(other_tab.claim_my_toasts).result(timeout=20) == []
        tab_one.commit()
    assert other_tab.claim_my_toasts() == []


def test_two_tabs_claiming_at_once_show_each_toast_once(
    transport_factory: TransportFactory, people: People, db_url: str
) -> None:
    made = {sidecar_writes(db_url, people.student_a, subject=f"Toast {i}") for i in range(3)}
    tabs = [Repository(transport_factory(people.student_a)) for _ in range(4)]
    start = threading.Barrier(len(tabs))

    def claim(tab: Repository) -> list[Any]:
        start.wait(timeout=20)
        return [t.id for t in tab.claim_my_toasts()]

    with ThreadPoolExecutor(len(tabs)) as pool:
        claimed = [i for ids in pool.map(claim, tabs, timeout=60) for i in ids]
    assert sorted(claimed) == sorted(made)  # every toast once, none twice
