"""The signed-in person's own settings (their profile and reminder preferences) and, for
admins, the email outbox the nudge sidecar fills. Kept apart from applications because these
calls are about the person, not the scholarships they pursue."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from uuid import UUID

from db.errors import NotFound
from db.models import (
    NotificationPreferencesInput,
    OutboxMessage,
    OutboxState,
    Profile,
    ProfileInput,
)
from db.repository.base import RepositoryBase
from db.repository.validation import validate_input


class ProfilesMixin(RepositoryBase):
    # profiles ------------------------------------------------------------------------
    def get_profile(self, *, user_id: UUID) -> Profile | None:
        rows = self.transport.select("profiles", eq={"id": user_id})
        return Profile.model_validate(rows[0]) if rows else None

    def save_profile(self, *, data: ProfileInput) -> Profile:
        rows = self.transport.rpc("save_my_profile", data.as_params())
        return self._one(Profile, rows, "Your profile could not be saved.")

    def save_my_notification_preferences(
        self, *, timezone: str, quiet_hours_start: str, quiet_hours_end: str
    ) -> dict[str, Any]:
        """The signed-in student's time zone and quiet hours (HH:MM, 24-hour), merged into
        their preferences; returns the preferences as now stored. Checked here first so a bad
        value gets a sentence without a round trip; the database checks again."""
        data = validate_input(
            NotificationPreferencesInput,
            {
                "timezone": timezone,
                "quiet_hours_start": quiet_hours_start,
                "quiet_hours_end": quiet_hours_end,
            },
        )
        rows = self.transport.rpc(_SAVE_PREFERENCES, data.as_params())
        if not rows:
            raise NotFound("Your profile is missing. Please sign in again.")
        # A jsonb result: the embedded end (and `select * from fn()`) names the column after
        # the function; hosted PostgREST answers a scalar function with the bare object.
        stored = rows[0].get(_SAVE_PREFERENCES, rows[0])
        return dict(stored) if isinstance(stored, Mapping) else {}

    # the outbox (admins) ---------------------------------------------------------------
    def outbox_messages(
        self, *, state: OutboxState | None = None, limit: int = 200
    ) -> list[OutboxMessage]:
        """Email nudges, newest claim first, optionally in one state. Runs as the caller: the
        policy "Admins read the outbox" lets an admin read them, and anyone else gets []."""
        eq: dict[str, Any] = {"channel": "email"}
        if state is not None:
            eq["state"] = state
        rows = self.transport.select(
            "notification_log", eq=eq, order="claimed_at.desc", limit=limit
        )
        return self._rows(OutboxMessage, rows)


_SAVE_PREFERENCES = "save_my_notification_preferences"
