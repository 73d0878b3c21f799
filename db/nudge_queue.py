"""The nudge queue (migration 20261201001600) as the sidecar drives it: claim, lease, finish.

It runs on the sidecar's own privileged connection as `service_role`, never through a
browser-facing transport: a sweep hands hundreds of rendered messages back in one call, far
past the argument limits the transports keep for requests from a page. The rules and the
cap live in the SQL functions; this module only calls them and types what comes back.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any, Literal
from uuid import UUID

import psycopg
from psycopg.rows import dict_row
from psycopg.types.json import Jsonb
from psycopg_pool import ConnectionPool
from pydantic import BaseModel, ConfigDict, Field

from db.errors import from_driver

Channel = Literal["email", "dashboard_toast"]
NudgeType = Literal["deadline_72h", "deadline_24h", "micro_task", "check_in"]
Outcome = Literal["sent", "cancelled", "failed"]

_AS_SERVICE = (
    "set local role service_role; "
    "set local request.jwt.claims to '" + json.dumps({"role": "service_role"}) + "'; "
)


class _Row(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class ClaimFigures(_Row):
    """One channel's claim: students with something due, claimed now, capped (slot taken for
    24 h or by a nudge not yet delivered), waiting for their quiet hours to end."""

    channel: Channel
    due: int
    claimed: int
    capped: int
    quiet: int


class NudgeItem(_Row):
    """An application a nudge is about, as it stands when the nudge goes out."""

    application_id: UUID
    title: str
    provider: str | None = None
    amount: Decimal | None = None
    deadline: datetime | None = None
    status: str
    last_progress_at: datetime | None = None
    submitted_at: datetime | None = None
    check_in_due_at: datetime | None = None
    check_in_status: str | None = None


class Nudge(_Row):
    """A nudge to render: leased (it has an id) or previewed by a dry run (it has none)."""

    id: UUID | None = None
    user_id: UUID
    channel: Channel
    notification_type: NudgeType
    recipient: str | None = None
    full_name: str | None = None
    preferences: dict[str, Any] = Field(default_factory=dict)
    items: list[NudgeItem] = Field(default_factory=list)
    attempts: int = 0
    claimed_at: datetime | None = None


class NudgeResult(_Row):
    """What became of a leased nudge. `failed` keeps it pending for a later sweep."""

    id: UUID
    outcome: Outcome
    subject: str | None = None
    body: str | None = None
    delivery: Literal["outbox", "smtp", "toast"] | None = None
    error: str | None = None


class NudgeQueue:
    """The queue's five calls. Each is one statement in its own transaction, so a worker
    killed between any two leaves the queue in a state the protocol covers."""

    def __init__(self, pool: ConnectionPool[Any]) -> None:
        self._pool = pool

    def _call(self, query: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        try:
            with self._pool.connection() as conn, conn.transaction():
                cur = conn.cursor(row_factory=dict_row)
                cur.execute(_AS_SERVICE)
                cur.execute(query, params)
                return cur.fetchall() if cur.description else []
        except psycopg.Error as exc:
            raise from_driver(exc, context=f"nudge queue: {query.split('(')[0]}") from exc

    def claim(self, limit: int = 100_000) -> list[ClaimFigures]:
        rows = self._call("select * from public.claim_nudges(%s)", (limit,))
        return [ClaimFigures.model_validate(r) for r in rows]

    def lease(self, worker: str, *, limit: int = 200, lease_seconds: int = 600) -> list[Nudge]:
        rows = self._call(
            "select * from public.lease_nudges(%s, %s, %s)", (worker, limit, lease_seconds)
        )
        return [Nudge.model_validate(r) for r in rows]

    def finish(self, worker: str, results: Sequence[NudgeResult]) -> dict[UUID, str]:
        """The ids this worker still held, with the state each is now in."""
        if not results:
            return {}
        payload = Jsonb([r.model_dump(mode="json") for r in results])
        rows = self._call("select * from public.finish_nudges(%s, %s)", (worker, payload))
        return {r["id"]: r["state"] for r in rows}

    def release(self, worker: str) -> int:
        [row] = self._call("select public.release_nudges(%s) as released", (worker,))
        return int(row["released"])

    def preview(self, limit: int = 1000) -> list[Nudge]:
        rows = self._call("select * from public.preview_nudges(%s)", (limit,))
        return [Nudge.model_validate(r) for r in rows]

    def run_daily_momentum(self) -> int | None:
        """Rows whose momentum changed, or None when another worker already ran it today."""
        [row] = self._call("select public.run_daily_momentum() as changed")
        return None if row["changed"] is None else int(row["changed"])
