"""Discovery runs (seed 001): starting a run, the server reporting its progress and
results, and the student tracking or dismissing what it found. The results travel in batches
sized to the argument limit, so the batching lives with the one call that needs it."""

from __future__ import annotations

import json
from typing import Any
from uuid import UUID

from db.models import Application, DiscoveryResultRow, DiscoveryRun
from db.repository.base import RepositoryBase


class DiscoveryMixin(RepositoryBase):
    # discovery runs (seed 001) -----------------------------------------------------------
    def start_discovery_run(self) -> DiscoveryRun:
        """As the student: a new running run (refused while one of theirs is running)."""
        rows = self.transport.rpc("start_discovery_run")
        return self._one(DiscoveryRun, rows, "The search could not be started.")

    def get_discovery_run(self, *, run_id: UUID) -> DiscoveryRun | None:
        """As the caller: RLS shows a student only their own runs."""
        rows = self.transport.select("discovery_completions", eq={"discovery_run_id": run_id})
        return DiscoveryRun.model_validate(rows[0]) if rows else None

    def latest_discovery_run(self, *, completed: bool = False) -> DiscoveryRun | None:
        """The student's newest run (`completed`: the newest that finished its search)."""
        eq = {"status": "completed"} if completed else None
        rows = self.transport.select(
            "discovery_completions", eq=eq, order="started_seq.desc", limit=1
        )
        return DiscoveryRun.model_validate(rows[0]) if rows else None

    def report_discovery_progress(
        self, *, user_id: UUID, run_id: UUID, step: str, detail: str | None = None
    ) -> DiscoveryRun:
        """Privileged (service role): the run moved on to `step`."""
        rows = self.transport.rpc(
            "report_discovery_progress",
            {"p_user_id": user_id, "p_run_id": run_id, "p_step": step, "p_detail": detail},
        )
        return self._one(DiscoveryRun, rows, "That search was not found.")

    def record_discovery_results(
        self, *, user_id: UUID, run_id: UUID, results: list[DiscoveryResultRow]
    ) -> int:
        """Privileged (service role): a running run's results, sent in batches that each stay
        within the size limit of one argument. Returns how many rows were stored."""
        stored = 0
        for batch in in_batches([r.model_dump(mode="json") for r in results], RESULTS_BATCH_CHARS):
            [row] = self.transport.rpc(
                "record_discovery_results",
                {"p_user_id": user_id, "p_run_id": run_id, "p_results": batch},
            )
            stored += int(next(iter(row.values())))
        return stored

    def finish_discovery_run(
        self, *, user_id: UUID, run_id: UUID, status: str, message: str | None
    ) -> DiscoveryRun:
        """Privileged (service role): how the run ended (completed or failed)."""
        rows = self.transport.rpc(
            "finish_discovery_run",
            {"p_user_id": user_id, "p_run_id": run_id, "p_status": status, "p_message": message},
        )
        return self._one(DiscoveryRun, rows, "That search was not found.")

    def list_discovery_results(self, *, run_id: UUID) -> list[DiscoveryResultRow]:
        rows = self.transport.select(
            "discovery_results", eq={"discovery_run_id": run_id}, order="position", limit=10_000
        )
        return self._rows(DiscoveryResultRow, rows)

    def list_dismissed(self, *, run_id: UUID) -> set[str]:
        rows = self.transport.select("discovery_dismissals", eq={"discovery_run_id": run_id})
        return {str(r["result_id"]) for r in rows}

    def track_discovery_result(self, *, run_id: UUID, result_id: str) -> Application:
        rows = self.transport.rpc(
            "track_discovery_result", {"p_run_id": run_id, "p_result_id": result_id}
        )
        return self._one(Application, rows, "That match could not be tracked.")

    def dismiss_discovery_result(self, *, run_id: UUID, result_id: str) -> None:
        self.transport.rpc(
            "dismiss_discovery_result", {"p_run_id": run_id, "p_result_id": result_id}
        )

    def restore_discovery_result(self, *, run_id: UUID, result_id: str) -> None:
        self.transport.rpc(
            "restore_discovery_result", {"p_run_id": run_id, "p_result_id": result_id}
        )

    def claim_discovery_announcement(self) -> DiscoveryRun | None:
        """As the student: the newest finished run not yet announced, now marked announced."""
        rows = self.transport.rpc("claim_discovery_announcement")
        return DiscoveryRun.model_validate(rows[0]) if rows else None


RESULTS_BATCH_CHARS = 15_000  # below rpc_sql.MAX_JSON (20,000), with room for escaping


def in_batches(items: list[dict[str, Any]], limit: int) -> list[list[dict[str, Any]]]:
    """Consecutive groups whose JSON stays under `limit` characters (one item at least)."""
    batches: list[list[dict[str, Any]]] = []
    current: list[dict[str, Any]] = []
    size = 2
    for item in items:
        length = len(json.dumps(item)) + 1
        if current and size + length > limit:
            batches.append(current)
            current, size = [], 2
        current.append(item)
        size += length
    if current:
        batches.append(current)
    return batches
