"""The scholarship catalog and a student's applications through the game plan: tracking,
status proposals and their confirmation, moves, check-ins, the Top 3 and toasts. One part
because each of these calls acts on the same applications rows and their status rules."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from db.models import (
    Application,
    ApplicationStatus,
    CheckInAnswer,
    CheckInAnswerText,
    CheckInTask,
    DashboardToast,
    Scholarship,
    StatusProposal,
    Top3Row,
)
from db.repository.base import RepositoryBase

FEW_IDS = 12  # up to this many: a read per id beats reading the catalog


class ApplicationsMixin(RepositoryBase):
    # catalog and applications --------------------------------------------------------
    def list_scholarships(self, *, limit: int = 500) -> list[Scholarship]:
        return self._rows(
            Scholarship, self.transport.select("scholarships", order="deadline", limit=limit)
        )

    def list_applications(self, *, user_id: UUID) -> list[Application]:
        rows = self.transport.select(
            "applications", eq={"user_id": user_id}, order="updated_at.desc"
        )
        return self._rows(Application, rows)

    def track_application(self, *, scholarship_id: UUID) -> Application:
        rows = self.transport.rpc("track_application", {"p_scholarship_id": scholarship_id})
        return self._one(Application, rows, "That scholarship could not be tracked.")

    def propose_status(self, *, application_id: UUID, status: ApplicationStatus) -> StatusProposal:
        rows = self.transport.rpc(
            "propose_application_status",
            {"p_application_id": application_id, "p_status": status},
        )
        return self._one(StatusProposal, rows, "That application was not found.")

    def confirm_status(self, *, application_id: UUID, confirmation_token: UUID) -> Application:
        rows = self.transport.rpc(
            "confirm_application_status",
            {"p_application_id": application_id, "p_confirmation_token": confirmation_token},
        )
        return self._one(Application, rows, "That application was not found.")

    def withdraw_status(self, *, application_id: UUID, confirmation_token: UUID) -> Application:
        """Drop a Submitted/Won proposal the student said no to (nothing changes if the
        token is no longer the pending one); returns the application as it now stands."""
        rows = self.transport.rpc(
            "withdraw_application_status",
            {"p_application_id": application_id, "p_confirmation_token": confirmation_token},
        )
        return self._one(Application, rows, "That application was not found.")

    # game plan (issue #17) -----------------------------------------------------------
    def move_application(self, *, application_id: UUID, state: str) -> Application:
        """A move that needs no confirmation (Tracked, Drafting, Review, Lost, Outcome
        Pending). Submitted and Won go through propose_status / confirm_status; the
        database refuses them here, and every impossible move, with a sentence."""
        rows = self.transport.rpc(
            "move_application", {"p_application_id": application_id, "p_state": str(state)}
        )
        return self._one(Application, rows, "That application was not found.")

    def untrack_application(self, *, application_id: UUID) -> Application:
        """Take an application not sent yet off the plan (its check-ins and nudges go with
        it); the database refuses a sent or decided one, and another student's, in words.
        Returns the application as it was."""
        rows = self.transport.rpc("untrack_application", {"p_application_id": application_id})
        return self._one(Application, rows, "That application was not found.")

    def answer_check_in(self, *, check_in_id: UUID, answer: CheckInAnswerText) -> CheckInAnswer:
        """ "Have you heard back?": 'won' returns a pending confirmation (nothing is awarded
        until confirm_status), 'lost' marks the application lost, 'not_yet' asks again in 7
        days."""
        rows = self.transport.rpc(
            "answer_check_in", {"p_check_in_id": check_in_id, "p_answer": answer}
        )
        return self._one(CheckInAnswer, rows, "That check-in was not found.")

    def snooze_micro_task(self, *, until: datetime) -> None:
        """Snooze the micro-task nudge until `until`, which must be later than now and before
        the nearest open deadline (the database checks both)."""
        self.transport.rpc("snooze_micro_task", {"p_until": until})

    def wake_micro_task(self) -> None:
        """End the signed-in student's snooze now (nothing happens when there is none)."""
        self.transport.rpc("wake_micro_task")

    def top3(self) -> list[Top3Row]:
        """The signed-in student's Top 3 at app_now(), ranked by the database."""
        return self._rows(Top3Row, self.transport.rpc("my_top3"))

    def recompute_momentum(self) -> int:
        """Privileged (service role): every application's momentum_score at app_now(),
        set-based; returns how many rows changed."""
        [row] = self.transport.rpc("recompute_momentum")
        return int(next(iter(row.values())))

    def list_check_ins(self, *, user_id: UUID) -> list[CheckInTask]:
        rows = self.transport.select("check_in_tasks", eq={"user_id": user_id}, order="due_at")
        return self._rows(CheckInTask, rows)

    def claim_my_toasts(self) -> list[DashboardToast]:
        """As the student: their dashboard toasts not yet shown, oldest first, now marked
        shown (another tab claiming at the same moment gets none of them)."""
        return self._rows(DashboardToast, self.transport.rpc("claim_my_toasts"))

    def get_scholarships(self, *, ids: list[UUID]) -> dict[UUID, Scholarship]:
        """By id. A few ids (a student's applications, every scholarship-coach turn) are read
        one indexed row each; many, in one read of the catalog, which every signed-in user
        may read."""
        wanted = set(ids)
        if len(wanted) <= FEW_IDS:
            found = {}
            for scholarship_id in wanted:
                rows = self.transport.select("scholarships", eq={"id": str(scholarship_id)})
                if rows:
                    found[scholarship_id] = Scholarship.model_validate(rows[0])
            return found
        return {s.id: s for s in self.list_scholarships(limit=10_000) if s.id in wanted}
