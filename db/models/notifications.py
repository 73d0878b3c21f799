"""Email nudges and reminder preferences (the nudge sidecar): the outbox an admin reads and
the time zone and quiet hours a student sets. known_zone and clock_time are public because
coach.nudges checks the stored preferences with the very same two rules."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any, Literal
from uuid import UUID
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, field_validator

from db.models.row import Row

# the outbox and notification preferences (nudge sidecar) --------------------------------------
OutboxState = Literal["pending", "sent", "cancelled"]


class OutboxMessage(Row):
    """An email nudge as notification_log keeps it, as an admin reads it on the Outbox page.
    Pending rows have no subject or body yet: the sidecar writes them when it delivers (or,
    with no SMTP_HOST, keeps) the message. Subject and body carry scholarship titles and a
    student's name: a page shows them inert."""

    id: UUID
    user_id: UUID
    channel: Literal["email", "dashboard_toast"]
    notification_type: str | None = None
    template_name: str | None = None
    recipient: str | None = None
    subject: str | None = None
    body: str | None = Field(default=None, repr=False)
    state: OutboxState
    delivery: Literal["outbox", "smtp", "toast"] | None = None
    delivery_error: str | None = None
    attempts: int = 0
    claimed_at: datetime | None = None
    sent_at: datetime | None = None
    application_ids: list[UUID] = Field(default_factory=list)

    @field_validator("application_ids", mode="before")
    @classmethod
    def _none_is_empty(cls, v: Any) -> Any:
        return v or []

    @property
    def when(self) -> datetime | None:
        """When it went out, or, still pending or cancelled, when the sidecar chose it."""
        return self.sent_at or self.claimed_at


_HHMM = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")


def known_zone(v: str) -> str:
    """A time zone Python can read (the emails print deadlines in it)."""
    try:
        ZoneInfo(v)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError("pick a time zone from the list, such as America/Chicago") from None
    return v


def clock_time(v: str) -> str:
    """ "21:00": a 24-hour HH:MM, as the profiles check constraint wants it."""
    if not _HHMM.fullmatch(v):
        raise ValueError("use a 24-hour time such as 21:00")
    return v


class NotificationPreferencesInput(BaseModel):
    """What a student may set about their reminders, checked the way
    public.save_my_notification_preferences checks it, so the page can say what to fix before
    a round trip. (coach.nudges.NotificationPreferences reads the same keys back for the
    sidecar with the same two checks, known_zone and clock_time.)"""

    model_config = ConfigDict(str_strip_whitespace=True)

    timezone: str = Field(min_length=1, max_length=64)
    quiet_hours_start: str
    quiet_hours_end: str

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, v: str) -> str:
        return known_zone(v)

    @field_validator("quiet_hours_start", "quiet_hours_end")
    @classmethod
    def _clock_time(cls, v: str) -> str:
        return clock_time(v)

    def as_params(self) -> dict[str, Any]:
        return {f"p_{k}": v for k, v in self}
