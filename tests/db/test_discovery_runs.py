"""The discovery-run functions (migration 20261201001200) on both ends of the transport seam:
who may start, report, record, finish, track, dismiss and claim, and the words each refusal
uses. The graph that calls them is tested in tests/graph/."""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

import pytest

from db.errors import Conflict, NotAllowed, NotFound, ValidationFailed
from db.models import DiscoveryResultRow
from db.repository import Repository
from db.repository.discovery import in_batches
from tests.conftest import People
from tests.support.hosted import TransportFactory, add_scholarship, superuser_value


def result(i: int, scholarship_id: Any = None, *, kept: bool = True) -> DiscoveryResultRow:
    return DiscoveryResultRow(
        result_id=f"r{i}",
        kept=kept,
        position=i,
        title=f"Result {i}",
        url=f"https://results.test/{i}",
        provider="Results Foundation",
        trust_score=80 if kept else 20,
        need_match_score=70 if kept else None,
        scholarship_id=scholarship_id,
        trust_reasons=["+10 Secure link (HTTPS)"],
        red_flags=[] if kept else ['-35 Asks for money up front: "fee"'],
    )


def finished_run(
    factory: TransportFactory, people: People, results: list[DiscoveryResultRow]
) -> uuid.UUID:
    ana = Repository(factory(people.student_a))
    service = Repository(factory(people.service))
    run = ana.start_discovery_run()
    service.report_discovery_progress(
        user_id=run.user_id, run_id=run.discovery_run_id, step="verifying", detail="verifying 2"
    )
    assert service.record_discovery_results(
        user_id=run.user_id, run_id=run.discovery_run_id, results=results
    ) == len(results)
    service.finish_discovery_run(
        user_id=run.user_id, run_id=run.discovery_run_id, status="completed", message="Found 1."
    )
    return run.discovery_run_id


def test_a_student_starts_one_run_at_a_time(
    transport_factory: TransportFactory, people: People
) -> None:
    ana = Repository(transport_factory(people.student_a))
    run = ana.start_discovery_run()
    assert (run.status, run.step, run.thread_id) == (
        "running",
        "searching",
        f"user_{people.student_a.user_id}",
    )
    with pytest.raises(Conflict, match="A scholarship search is already running."):
        ana.start_discovery_run()
    # another student is not held up by it
    assert Repository(transport_factory(people.student_b)).start_discovery_run().status == "running"
    with pytest.raises(NotAllowed, match="Please sign in first."):
        Repository(transport_factory(people.anon)).start_discovery_run()


def test_a_run_whose_worker_died_is_closed_by_the_next_start(
    transport_factory: TransportFactory, people: People, db_url: str
) -> None:
    ana = Repository(transport_factory(people.student_a))
    stale = ana.start_discovery_run()
    superuser_value(
        db_url,
        "update discovery_completions set heartbeat_at = app_now() - interval '11 minutes' "
        "where discovery_run_id = %s returning 1",
        stale.discovery_run_id,
    )
    fresh = ana.start_discovery_run()
    closed = ana.get_discovery_run(run_id=stale.discovery_run_id)
    assert fresh.status == "running"
    assert closed is not None and closed.status == "failed"
    assert closed.message and "interrupted" in closed.message


def test_the_latest_run_is_the_one_started_last_whatever_the_clock_said(
    transport_factory: TransportFactory, people: People, db_url: str
) -> None:
    """The demo clock moved forward, a run, then "Back to now": the new run is the latest,
    though the app clock dates it before the one made in the future."""
    ana = Repository(transport_factory(people.student_a))
    future = ana.start_discovery_run()
    superuser_value(
        db_url,
        "update discovery_completions set created_at = app_now() + interval '5 weeks', "
        "heartbeat_at = app_now() - interval '11 minutes' "
        "where discovery_run_id = %s returning 1",
        future.discovery_run_id,
    )
    now = ana.start_discovery_run()
    latest = ana.latest_discovery_run()
    assert latest is not None and latest.discovery_run_id == now.discovery_run_id


def test_only_the_server_reports_records_and_finishes(
    transport_factory: TransportFactory, people: People
) -> None:
    ana = Repository(transport_factory(people.student_a))
    run = ana.start_discovery_run()
    for attempt in (
        lambda: ana.report_discovery_progress(
            user_id=run.user_id, run_id=run.discovery_run_id, step="verifying"
        ),
        lambda: ana.record_discovery_results(
            user_id=run.user_id, run_id=run.discovery_run_id, results=[result(0)]
        ),
        lambda: ana.finish_discovery_run(
            user_id=run.user_id, run_id=run.discovery_run_id, status="completed", message=None
        ),
    ):
        with pytest.raises(NotAllowed):
            attempt()
    assert ana.get_discovery_run(run_id=run.discovery_run_id).status == "running"  # type: ignore[union-attr]


def test_the_server_is_held_to_the_runs_owner_and_state(
    transport_factory: TransportFactory, people: People
) -> None:
    run = Repository(transport_factory(people.student_a)).start_discovery_run()
    service = Repository(transport_factory(people.service))
    with pytest.raises(Conflict, match="not running any more"):
        service.finish_discovery_run(
            user_id=people.student_b.user_id,  # type: ignore[arg-type]
            run_id=run.discovery_run_id,
            status="completed",
            message=None,
        )
    with pytest.raises(ValidationFailed, match="completed or failed"):
        service.finish_discovery_run(
            user_id=run.user_id, run_id=run.discovery_run_id, status="done", message=None
        )
    service.finish_discovery_run(
        user_id=run.user_id, run_id=run.discovery_run_id, status="failed", message="Stopped."
    )
    with pytest.raises(Conflict, match="not running any more"):
        service.finish_discovery_run(
            user_id=run.user_id, run_id=run.discovery_run_id, status="completed", message=None
        )


def test_track_dismiss_and_announce_through_either_end(
    transport_factory: TransportFactory, people: People, db_url: str
) -> None:
    catalog_id = add_scholarship(db_url, "Catalog Award")
    run_id = finished_run(
        transport_factory, people, [result(0, catalog_id), result(1), result(2, kept=False)]
    )
    ana = Repository(transport_factory(people.student_a))
    ben = Repository(transport_factory(people.student_b))

    assert [r.result_id for r in ana.list_discovery_results(run_id=run_id)] == ["r0", "r1", "r2"]
    assert ben.list_discovery_results(run_id=run_id) == []

    tracked = ana.track_discovery_result(run_id=run_id, result_id="r0")
    assert tracked.scholarship_id == catalog_id
    with pytest.raises(Conflict, match="You are already tracking this scholarship."):
        ana.track_discovery_result(run_id=run_id, result_id="r0")
    web = ana.track_discovery_result(run_id=run_id, result_id="r1")  # joins the catalog
    assert (
        superuser_value(
            db_url,
            "select metadata ->> 'source' from scholarships where id = %s",
            web.scholarship_id,
        )
        == "web"
    )
    for refused in ("r2", "nope"):  # a filtered listing, an unknown id
        with pytest.raises(NotFound, match="That match is not in one of your searches."):
            ana.track_discovery_result(run_id=run_id, result_id=refused)
    with pytest.raises(NotFound, match="not in one of your searches"):
        ben.track_discovery_result(run_id=run_id, result_id="r1")

    ana.dismiss_discovery_result(run_id=run_id, result_id="r1")
    ana.dismiss_discovery_result(run_id=run_id, result_id="r1")
    assert ana.list_dismissed(run_id=run_id) == {"r1"}
    with pytest.raises(NotFound, match="not in one of your searches"):
        ben.dismiss_discovery_result(run_id=run_id, result_id="r0")
    with pytest.raises(NotFound, match="not among your dismissed ones"):
        ben.restore_discovery_result(run_id=run_id, result_id="r1")  # not Ben's to undo
    assert ana.list_dismissed(run_id=run_id) == {"r1"}
    ana.restore_discovery_result(run_id=run_id, result_id="r1")
    assert ana.list_dismissed(run_id=run_id) == set()
    with pytest.raises(NotFound, match="not among your dismissed ones"):
        ana.restore_discovery_result(run_id=run_id, result_id="r1")  # twice: said, not silent

    assert ben.claim_discovery_announcement() is None
    claimed = ana.claim_discovery_announcement()
    assert claimed is not None and claimed.discovery_run_id == run_id
    assert claimed.announced_at is not None
    assert ana.claim_discovery_announcement() is None


def test_results_travel_in_batches_within_the_argument_limit() -> None:
    rows = [result(i).model_dump(mode="json") for i in range(200)]
    batches = in_batches(rows, 15_000)
    assert len(batches) > 1 and [r for b in batches for r in b] == rows
    assert in_batches([], 15_000) == []


def test_many_results_are_recorded(transport_factory: TransportFactory, people: People) -> None:
    run_id = finished_run(transport_factory, people, [result(i) for i in range(150)])
    rows = Repository(transport_factory(people.student_a)).list_discovery_results(run_id=run_id)
    assert [r.position for r in rows] == list(range(150))


def test_a_match_whose_deadline_has_passed_is_not_tracked(
    transport_factory: TransportFactory, people: People, db_url: str
) -> None:
    """A journey audit tracked "Overdue since December 15" eleven days late; the Game plan
    then said its deadline passed "while it was still tracked"."""
    catalog_id = add_scholarship(db_url, "Closed Award")
    superuser_value(
        db_url,
        "update scholarships set deadline = app_now() - interval '2 days' where id = %s "
        "returning id",
        catalog_id,
    )
    run_id = finished_run(transport_factory, people, [result(0, catalog_id)])
    ana = Repository(transport_factory(people.student_a))
    with pytest.raises(ValidationFailed, match="Its deadline has passed"):
        ana.track_discovery_result(run_id=run_id, result_id="r0")
    assert (
        superuser_value(
            db_url, "select count(*) from applications where scholarship_id = %s", catalog_id
        )
        == 0
    )


def test_a_web_match_without_an_amount_is_tracked_without_one(
    transport_factory: TransportFactory, people: People, db_url: str
) -> None:
    """An audit with web search on: "Amount not stated" on the card became $10,000,000,000 on
    the Game plan (least() skips a null), and a win added it to Total Debt Lifted."""
    stated = result(1).model_copy(update={"amount": Decimal("2500")})
    run_id = finished_run(transport_factory, people, [result(0), stated])
    ana = Repository(transport_factory(people.student_a))
    amounts = {}
    for result_id in ("r0", "r1"):
        tracked = ana.track_discovery_result(run_id=run_id, result_id=result_id)
        amounts[result_id] = superuser_value(
            db_url, "select amount from scholarships where id = %s", tracked.scholarship_id
        )
    assert amounts == {"r0": None, "r1": 2500}
