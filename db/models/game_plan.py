"""The game plan (issue #17) as the database answers it: what a check-in answer did, the
ranked Top 3 and the dashboard toasts a student claims once. These are results of SQL
functions rather than table rows, which is why they sit apart from the applications they are
about."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Literal
from uuid import UUID

from db.models.applications import ApplicationStatus
from db.models.row import Row

# game plan (issue #17) ------------------------------------------------------------------------
CheckInAnswerText = Literal["won", "lost", "not_yet"]


class CheckInAnswer(Row):
    """What answering "Have you heard back?" did. 'won' writes nothing yet: it returns the
    pending Won confirmation (`confirmation_token`, confirm with `confirm_status`); 'lost'
    marks the application rejected and completes the check-in; 'not_yet' asks again in 7
    days (`due_at`) and marks the application Outcome Pending."""

    check_in_id: UUID
    application_id: UUID
    answer: CheckInAnswerText
    application_status: ApplicationStatus
    check_in_status: Literal["pending", "completed", "dismissed"]
    due_at: datetime
    proposed_status: ApplicationStatus | None = None  # 'awarded' after a 'won' answer
    confirmation_token: UUID | None = None

    @property
    def needs_confirmation(self) -> bool:
        return self.confirmation_token is not None


class Top3Row(Row):
    """One of the student's Top 3 open applications at app_now(), as public.my_top3() ranks
    them (highest momentum, quick forms first on ties, then title)."""

    application_id: UUID
    scholarship_id: UUID
    title: str
    amount: Decimal | None = None
    deadline: datetime | None = None
    application_type: str | None = None
    momentum: Decimal
    coach_state: str  # the state's label: "Tracked", "Drafting", "Review"


class DashboardToast(Row):
    """A dashboard toast the sidecar wrote to notification_log, as public.claim_my_toasts()
    returns it to its student, once: only what the toast shows. Subject and body were rendered
    by the sidecar; a page shows them inert."""

    id: UUID
    notification_type: str | None = None
    subject: str | None = None
    body: str | None = None
    sent_at: datetime
