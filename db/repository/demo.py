"""The admin's demo controls: the demo clock, a reset and the rows a reset restores. Each
SQL function refuses anyone but an admin, so these calls carry no checks of their own."""

from __future__ import annotations

from db.models import DemoStatus, TableCount
from db.repository.base import RepositoryBase


class DemoMixin(RepositoryBase):
    # demo controls (admins; each function refuses anyone else in SQL) -----------------------
    def demo_status(self) -> DemoStatus:
        rows = self.transport.rpc("demo_status")
        return self._one(DemoStatus, rows, "Demo mode is off here.")

    def move_demo_clock(self, *, seconds: int | None) -> int:
        """The clock `seconds` on (None: back to now); the new offset in seconds."""
        rows = self.transport.rpc("move_demo_clock", {"p_seconds": seconds})
        return int(next(iter(rows[0].values()))) if rows else 0

    def reset_demo_data(self) -> list[TableCount]:
        return self._rows(TableCount, self.transport.rpc("reset_demo_data"))

    def demo_row_counts(self) -> list[TableCount]:
        return self._rows(TableCount, self.transport.rpc("demo_row_counts"))

    def demo_rows_ahead(self) -> list[TableCount]:
        """The demo's rows dated after the clock's now, per table (only tables with any)."""
        return self._rows(TableCount, self.transport.rpc("demo_rows_ahead"))
