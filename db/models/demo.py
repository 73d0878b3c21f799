"""What an admin's demo controls read: where the demo clock stands and how many rows a
reset restores. Its own module because only the demo controls use these, and only where demo
mode is on."""

from __future__ import annotations

from datetime import datetime

from db.models.row import Row


class DemoStatus(Row):
    """Where the demo stands, as an admin reads it (public.demo_status refuses anyone else)."""

    demo_now: datetime
    shift_seconds: int
    seeded_at: datetime
    reset_at: datetime | None = None
    people: int


class TableCount(Row):
    """Rows the demo owns in one table (what a reset restores)."""

    table_name: str
    rows: int
