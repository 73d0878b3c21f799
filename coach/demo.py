"""The product team's demo controls: move the one clock, run the nudge sidecar now, put the
demo back as it was seeded. The Demo page (admins only) is a thin face over this.

Every control first asks the database, as the signed-in person, whether they may: the SQL
functions (migration 20261201002000_demo_mode.sql) refuse anyone but an admin, and refuse
everyone where no demo was seeded or DEMO_MODE is off. This module also refuses where the
settings switch demo mode off, so a hosted project without DEMO_MODE never reaches SQL.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from coach import clock
from coach.email_delivery import mailer_for
from coach.sidecar import Sidecar, SweepReport
from db.errors import NotAllowed
from db.identity import Identity
from db.models import DemoStatus, TableCount
from db.nudge_queue import NudgeQueue

if TYPE_CHECKING:
    from db.runtime import Database

DEMO_OFF = "Demo mode is off here: set DEMO_MODE=true to use the demo controls."

# What each table the reset puts back holds, in the presenter's words (a "coaching_sessions"
# row is one round).
TABLE_WORDS = {
    "public.profiles": "People",
    "public.learners": "Learners",
    "private.nudge_slots": "Reminder allowances",
    "public.discovery_completions": "Discovery runs",
    "public.discovery_results": "Discovery matches",
    "public.discovery_dismissals": "Dismissed matches",
    "public.notification_log": "Emails and reminders sent",
    "public.applications": "Applications",
    "private.nudge_notices": "Sidecar notices",
    "public.check_in_tasks": "Check-ins",
    "public.coaching_threads": "Coaching sessions",
    "public.coaching_sessions": "Coaching rounds",
    "public.coaching_pending_messages": "Messages waiting for a reply",
    "public.coaching_session_reports": "Report cards",
    "public.coaching_score_overrides": "Coaches' score changes",
    "public.coaching_session_reviews": "Sessions marked reviewed",
}


def table_words(table_name: str) -> str:
    """ "Coaching rounds" for public.coaching_sessions; a table added later shows its name."""
    return TABLE_WORDS.get(table_name, table_name.split(".")[-1].replace("_", " ").capitalize())


def ahead_notice(ahead: list[TableCount]) -> str | None:
    """What a presenter needs after moving the clock back: rows written while it was ahead
    now sit in the future and pages show them so ("last active" later this week). They are
    the rehearsal's data, so they are named and left to Reset, not deleted behind its back."""
    total = sum(c.rows for c in ahead)
    if not total:
        return None
    lines = "\n".join(f"- {table_words(c.table_name)}: {c.rows}" for c in ahead if c.rows)
    dated = "is" if total == 1 else "are"
    return (
        f"**{clock.plural(total, 'row')} {dated} dated after now**, written while the clock "
        'was ahead. Pages show them as still to come: Home\'s "last active", the Debt Lifted '
        "chart, Review's rounds since a review. Reset demo data clears them.\n\n" + lines
    )


# The steps the Demo page offers; "back to now" is None.
CLOCK_STEPS: tuple[tuple[str, timedelta | None], ...] = (
    ("+1 hour", timedelta(hours=1)),
    ("+1 day", timedelta(days=1)),
    ("+3 days", timedelta(days=3)),
    ("+3 weeks", timedelta(weeks=3)),
    ("Back to now", None),
)


@dataclass(frozen=True)
class DemoSweep:
    """One sweep run from the Demo page, at the demo time it ran."""

    at: datetime
    report: SweepReport


class DemoControls:
    """The controls, for one signed-in person (an admin, or they are refused)."""

    def __init__(self, database: Database, identity: Identity) -> None:
        self.database = database
        self.repository = database.repository(identity)

    def _allowed(self) -> None:
        """Where the settings switch demo mode off, refuse before SQL. Each SQL function
        checks the person itself (private.require_demo_admin): no extra round trip here."""
        if not self.database.settings.demo_enabled:
            raise NotAllowed(DEMO_OFF)

    def status(self) -> DemoStatus:
        self._allowed()
        return self.repository.demo_status()

    def move_clock(self, by: timedelta | None) -> timedelta:
        """The clock `by` on, or back to now (None); the new offset, in this process at once
        (other processes follow within seconds)."""
        self._allowed()
        seconds = None if by is None else round(by.total_seconds())
        shift = timedelta(seconds=self.repository.move_demo_clock(seconds=seconds))
        clock.resync()
        return shift

    def run_sidecar(self) -> DemoSweep:
        """One sweep in this process at the demo time, with the install's mailer (SMTP when
        configured, else the outbox), as one more worker beside any running sidecar. The
        sweep runs on the server's own connection, so the person is checked in SQL first."""
        self.status()
        mailer = mailer_for(self.database.settings)
        worker = f"demo-page:{os.getpid()}"
        try:
            sidecar = Sidecar(
                NudgeQueue(self.database.pool), mailer, self.database.settings, worker=worker
            )
            at = clock.now()
            return DemoSweep(at=at, report=sidecar.sweep())
        finally:
            mailer.close()

    def reset(self) -> list[TableCount]:
        """Everything the demo people own back as seeded, dated from now; the clock back to
        now. One transaction in SQL: a failure changes nothing."""
        self._allowed()
        counts = self.repository.reset_demo_data()
        clock.resync()
        return counts

    def row_counts(self) -> list[TableCount]:
        self._allowed()
        return self.repository.demo_row_counts()

    def rows_ahead(self) -> list[TableCount]:
        self._allowed()
        return self.repository.demo_rows_ahead()
