"""A catalog scholarship's cycles (db/seed/catalog.py): a reseed after a deadline passed never
moves a deadline a person's application was tracked against; the next cycle is a row of its
own, offered by Discovery and trackable; the demo people's applications follow the catalog."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import psycopg
from psycopg.rows import dict_row

from coach.discovery_models import FinancialProfile, UserProfile
from db.repository import Repository
from db.seed import seed_demo, seed_reference_data
from graph.search import CatalogSearch
from tests.conftest import People
from tests.support.hosted import TransportFactory

CAL = "Cal Grant"
GATES = "The Gates Scholarship"


def rows(db_url: str, sql: str, *params: Any) -> list[dict[str, Any]]:
    with psycopg.connect(db_url, row_factory=dict_row) as conn:
        return conn.execute(sql, params).fetchall()


def run(db_url: str, sql: str, *params: Any) -> None:
    with psycopg.connect(db_url, autocommit=True) as conn:
        conn.execute(sql, params)


def catalog_row(db_url: str, title: str) -> dict[str, Any]:
    [row] = rows(
        db_url,
        "select * from scholarships where title = %s and metadata ->> 'source' = 'offline_catalog'",
        title,
    )
    return row


def passed(db_url: str, *titles: str) -> None:
    run(
        db_url,
        "update scholarships set deadline = app_now() - interval '3 days' where title = any(%s)",
        list(titles),
    )


def applied(db_url: str, user: UUID, title: str, status: str) -> UUID:
    [row] = rows(
        db_url,
        "insert into applications (user_id, scholarship_id, status, submitted_at, confirmed_at) "
        "values (%s, %s, %s, case when %s = 'awarded' then app_now() - interval '9 days' end, "
        "case when %s = 'awarded' then app_now() - interval '2 days' end) returning id",
        user,
        catalog_row(db_url, title)["id"],
        status,
        status,
        status,
    )
    return UUID(str(row["id"]))


def deadline_of(db_url: str, application_id: UUID) -> Any:
    [row] = rows(
        db_url,
        "select s.deadline, s.url, s.metadata ->> 'source' as source from applications a "
        "join scholarships s on s.id = a.scholarship_id where a.id = %s",
        application_id,
    )
    return row


def test_a_reseed_keeps_a_passed_cycle_for_its_applications_and_adds_the_next(
    db_url: str, people: People, transport_factory: TransportFactory
) -> None:
    """A season audit: after a restart, a missed application came back "Tracked, 93 days
    left" and a win carried next year's date; next year's could never be tracked."""
    ana = people.student_a
    assert ana.user_id is not None
    missed = applied(db_url, ana.user_id, CAL, "draft")
    won = applied(db_url, ana.user_id, GATES, "awarded")
    passed(db_url, CAL, GATES)
    before = {a: deadline_of(db_url, a) for a in (missed, won)}

    seed_reference_data(db_url)

    for application, was in before.items():
        now = deadline_of(db_url, application)
        assert now["deadline"] == was["deadline"]  # history as it was
        assert now["source"] == "offline_catalog_past"
        assert now["url"] == f"{was['url']}#{was['deadline']:%Y-%m-%d}"
    [current] = rows(db_url, "select * from scholarships where url = %s", before[missed]["url"])
    assert current["metadata"]["source"] == "offline_catalog"
    [open_now] = rows(db_url, "select %s > app_now() as ahead", current["deadline"])
    assert open_now["ahead"] is True  # the next cycle, open
    repo = Repository(transport_factory(ana))
    assert repo.track_application(scholarship_id=current["id"]).status == "draft"
    found = CatalogSearch(repo).search(FinancialProfile(), UserProfile(id=ana.user_id))
    titled = [listing for listing in found if listing.title == CAL]
    assert [listing.scholarship_id for listing in titled] == [current["id"]]

    seed_reference_data(db_url)  # again: nothing moves twice
    assert deadline_of(db_url, missed)["deadline"] == before[missed]["deadline"]


def test_a_passed_cycle_nobody_tracked_rolls_in_place(db_url: str) -> None:
    before = catalog_row(db_url, CAL)
    passed(db_url, CAL)
    seed_reference_data(db_url)
    after = catalog_row(db_url, CAL)
    assert after["id"] == before["id"] and after["url"] == before["url"]
    [open_now] = rows(db_url, "select %s > app_now() as ahead", after["deadline"])
    assert open_now["ahead"] is True


def test_the_demo_peoples_applications_follow_the_catalog_to_its_next_cycle(
    db_url: str, people: People
) -> None:
    """A demo stays current: Maya's Cal Grant moves to the next cycle (and her seed's snapshot
    with it, which the Demo page's reset restores from), where a real student's stays."""
    seed_demo(db_url)
    assert people.student_a.user_id is not None
    real = applied(db_url, people.student_a.user_id, CAL, "draft")
    passed(db_url, CAL)
    [maya] = rows(
        db_url,
        "select a.id from applications a join profiles p on p.id = a.user_id "
        "join scholarships s on s.id = a.scholarship_id "
        "where p.full_name = 'Maya Torres' and s.title = %s",
        CAL,
    )
    seed_reference_data(db_url)
    assert deadline_of(db_url, real)["source"] == "offline_catalog_past"
    follows = deadline_of(db_url, maya["id"])
    assert follows["source"] == "offline_catalog"
    [snapshot] = rows(
        db_url,
        "select r ->> 'scholarship_id' as scholarship_id from private.demo_seed d, "
        "jsonb_array_elements(d.snapshot -> 'public.applications') r where r ->> 'id' = %s",
        str(maya["id"]),
    )
    [current] = rows(db_url, "select id from scholarships where url = %s", follows["url"])
    assert snapshot["scholarship_id"] == str(current["id"])
