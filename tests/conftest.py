"""One embedded Postgres per test session; a fresh database per test, cloned from a
migrated and seeded template, so tests never see each other's rows.

Time: the whole suite runs at the instant `--clock` names (default: now), through the app's
one clock, so `pytest --clock=+365d` or `--clock=deadline-day` checks that nothing depends on
the calendar. A test that depends on the time pins it with `pin_clock`."""

from __future__ import annotations

import itertools
import os
import queue
import re
import tempfile
import threading
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from psycopg import sql
from psycopg_pool import ConnectionPool

from coach import clock
from db.app_clock import write_shift
from db.embedded import start_embedded
from db.identity import Identity
from db.migrate import migrate
from db.runtime import Database
from db.seed import load_catalog, next_deadline, seed_reference_data
from db.settings import Settings, get_settings
from db.transport import Transport

pytest_plugins = ["tests.support.own_server"]  # own_server / running: a restartable Postgres

TEMPLATE = "tl_template"
_counter = itertools.count()
_SUITE_SHIFT = timedelta(0)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--clock",
        default=os.environ.get("TL_TEST_CLOCK", "now"),
        help="when the suite runs: now, +365d / -30d, deadline-day (the next yearly catalog "
        "deadline, at noon UTC) or an ISO instant",
    )


def resolve_clock(value: str, real: datetime) -> datetime:
    if value == "now":
        return real
    if match := re.fullmatch(r"([+-]\d+)d", value):
        return real + timedelta(days=int(match.group(1)))
    if value == "deadline-day":
        deadline = min(
            next_deadline(e.deadline_month, e.deadline_day, real) for e in load_catalog()
        )
        return deadline.replace(hour=12, minute=0)
    return datetime.fromisoformat(value).astimezone(UTC)


def pytest_configure(config: pytest.Config) -> None:
    global _SUITE_SHIFT
    real = clock.real_now()
    _SUITE_SHIFT = resolve_clock(config.getoption("--clock"), real) - real


def pytest_report_header(config: pytest.Config) -> str:
    return f"app clock: {clock.real_now() + _SUITE_SHIFT:%Y-%m-%d %H:%M} UTC (--clock)"


@pytest.fixture(autouse=True)
def suite_clock() -> Iterator[None]:
    """Every test starts on the suite's clock, whatever the previous test pinned."""
    clock.set_offset(_SUITE_SHIFT)
    yield
    clock.set_offset(_SUITE_SHIFT)


def set_database_clock(url: str, shift: timedelta) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        write_shift(conn, shift)


def db_url_for(admin_url: str, name: str) -> str:
    """Same server, another database, kept in URL form (DATABASE_URL must be a URL)."""
    parts = urlsplit(admin_url)
    return urlunsplit(parts._replace(path=f"/{name}"))


@pytest.fixture(scope="session")
def pg_admin_url() -> Iterator[str]:
    with tempfile.TemporaryDirectory(prefix="tl-pg-") as tmp:
        url = start_embedded(Path(tmp), database=None, keep_running=False)
        with psycopg.connect(url, autocommit=True) as conn:  # a throwaway cluster: no fsync
            for setting in ("fsync = off", "synchronous_commit = off", "full_page_writes = off"):
                conn.execute(f"alter system set {setting}")
            conn.execute("select pg_reload_conf()")
        yield url


@pytest.fixture(scope="session")
def template_url(pg_admin_url: str) -> str:
    with psycopg.connect(pg_admin_url, autocommit=True) as conn:
        conn.execute(sql.SQL("drop database if exists {}").format(sql.Identifier(TEMPLATE)))
        conn.execute(sql.SQL("create database {}").format(sql.Identifier(TEMPLATE)))
    url = db_url_for(pg_admin_url, TEMPLATE)
    migrate(url)
    set_database_clock(url, _SUITE_SHIFT)
    seed_reference_data(url)
    return url


# Postgres refuses to clone a template while anything else is connected to it: every clone,
# and anything that reads the template, holds this.
TEMPLATE_LOCK = threading.Lock()


def create_database_from_template(admin_url: str) -> str:
    name = f"tl_test_{next(_counter)}_{uuid.uuid4().hex[:6]}"
    with TEMPLATE_LOCK, psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(
            sql.SQL("create database {} template {} strategy file_copy").format(
                sql.Identifier(name), sql.Identifier(TEMPLATE)
            )
        )
    return name


class FreshDatabases:
    """Databases cloned from the template ahead of need and dropped behind, on two threads:
    a clone and a drop cost ~0.1 s, and the suite mostly waits on the database, so a test
    need not wait for either. A failure on a thread is raised in the test that takes next."""

    def __init__(self, admin_url: str, ahead: int = 2) -> None:
        self._admin = admin_url
        self._ready: queue.Queue[str | BaseException] = queue.Queue(maxsize=ahead)
        self._done: queue.Queue[str | None] = queue.Queue()
        self._stop = threading.Event()
        self._threads = [
            threading.Thread(target=self._clone, name="clone-databases", daemon=True),
            threading.Thread(target=self._drop, name="drop-databases", daemon=True),
        ]
        for thread in self._threads:
            thread.start()

    def _clone(self) -> None:
        while not self._stop.is_set():
            try:
                made: str | BaseException = create_database_from_template(self._admin)
            except BaseException as exc:  # handed to the next test, which fails with it
                made = exc
            while not self._stop.is_set():
                try:
                    self._ready.put(made, timeout=0.2)
                    break
                except queue.Full:
                    continue
            if isinstance(made, BaseException):
                return

    def _drop(self) -> None:
        while (name := self._done.get()) is not None:
            drop_database(self._admin, name)

    def take(self) -> str:
        made = self._ready.get(timeout=120)
        if isinstance(made, BaseException):
            raise RuntimeError("cloning a test database failed") from made
        return made

    def give_back(self, name: str) -> None:
        self._done.put(name)

    def close(self) -> None:
        self._stop.set()
        self._done.put(None)
        for thread in self._threads:
            thread.join(timeout=30)


def drop_database(admin_url: str, name: str) -> None:
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(
            sql.SQL("drop database if exists {} with (force)").format(sql.Identifier(name))
        )


@pytest.fixture
def clean_settings_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """Only what a test sets reaches get_settings: no shell variables, no developer `.env`
    (read relative to the working directory)."""
    names = {(f.alias or n).lower() for n, f in Settings.model_fields.items()}
    for key in list(os.environ):
        if key.lower() in names:
            monkeypatch.delenv(key)
    monkeypatch.chdir(tmp_path)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.fixture(scope="session")
def fresh_databases(pg_admin_url: str, template_url: str) -> Iterator[FreshDatabases]:
    supply = FreshDatabases(pg_admin_url)
    try:
        yield supply
    finally:
        supply.close()


@pytest.fixture
def db_url(pg_admin_url: str, fresh_databases: FreshDatabases) -> Iterator[str]:
    """A fresh, migrated, seeded database for this test alone (superuser URL)."""
    name = fresh_databases.take()
    try:
        yield db_url_for(pg_admin_url, name)
    finally:
        fresh_databases.give_back(name)


@pytest.fixture
def pin_clock(db_url: str) -> Callable[[datetime], datetime]:
    """pin_clock(at): the app's clock (Python and the test database) reads `at` from now on,
    and the catalog's yearly deadlines roll to their next occurrence after it."""

    def pin(at: datetime) -> datetime:
        shift = at - clock.real_now()
        set_database_clock(db_url, shift)
        clock.set_offset(shift)
        seed_reference_data(db_url)
        return at

    return pin


@pytest.fixture
def offline_settings(tmp_path: Path, db_url: str) -> Settings:
    """Nothing configured but the test's database: offline coach, catalog, outbox."""
    return Settings(_env_file=None, data_dir=tmp_path, database_url=db_url)  # type: ignore[call-arg]


@pytest.fixture
def database(offline_settings: Settings, db_url: str) -> Iterator[Database]:
    """The app's composition root on the test's database, as every process builds it."""
    root = Database(offline_settings, db_url)
    try:
        yield root
    finally:
        root.close()


@pytest.fixture
def pool(database: Database) -> ConnectionPool[Any]:
    return database.pool


@dataclass(frozen=True)
class People:
    """Named identities in a test database: two students, a coach and an admin."""

    student_a: Identity
    student_b: Identity
    coach: Identity
    admin: Identity
    anon: Identity = Identity()
    service: Identity = Identity.service()


def create_user(url: str, email: str, role: str = "student", **profile: Any) -> Identity:
    """Sign-up as Supabase Auth would do it: an auth.users row (the trigger makes the profile
    and the learner), then the privileged role assignment only an admin/service can make."""
    uid = uuid.uuid4()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("insert into auth.users (id, email) values (%s, %s)", (uid, email))
        conn.execute("update public.profiles set role = %s where id = %s", (role, uid))
        for column, value in profile.items():
            conn.execute(
                sql.SQL("update public.profiles set {} = %s where id = %s").format(
                    sql.Identifier(column)
                ),
                (value, uid),
            )
    return Identity.user(uid, email)


@pytest.fixture
def people(db_url: str) -> People:
    return People(
        student_a=create_user(db_url, "ana@students.test", full_name="Ana Student"),
        student_b=create_user(db_url, "ben@students.test", full_name="Ben Student"),
        coach=create_user(db_url, "cora@coaches.test", "coach", full_name="Cora Coach"),
        admin=create_user(db_url, "adam@admins.test", "admin", full_name="Adam Admin"),
    )


@pytest.fixture
def as_user(database: Database) -> Callable[[Identity], Transport]:
    """as_user(identity) -> the root's transport running as that identity."""
    return database.transport
