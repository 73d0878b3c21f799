"""What a nudge says: the named templates in coach/templates/nudges and the pure function
that fills one in from a nudge as it stands now (or says there is nothing left to say).

A message is rebuilt from its notification_log row alone: template_name names the file, and
the row's applications and sent_at give everything the template reads, so any message sent
can be shown again word for word (tests/unit/test_nudges.py does it).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from decimal import Decimal
from functools import cache
from pathlib import Path
from string import Template
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, field_validator

from coach.clock import FAR_DAYS, plural, time_of_day, zone_words
from coach.mail_text import defanged
from db.models import DashboardToast, clock_time, known_zone
from db.models.applications import DAY_END_UTC
from db.nudge_queue import Nudge, NudgeItem

TEMPLATES = Path(__file__).resolve().parent / "templates" / "nudges"
QUIET_START = "21:00"
QUIET_END = "08:00"


@dataclass(frozen=True)
class Message:
    template_name: str
    subject: str
    body: str


class NotificationPreferences(BaseModel):
    """The part of profiles.preferences the sweep reads; the database checks the same."""

    model_config = ConfigDict(extra="ignore")

    timezone: str = "UTC"
    quiet_hours_start: str = QUIET_START
    quiet_hours_end: str = QUIET_END

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        return known_zone(value)

    @field_validator("quiet_hours_start", "quiet_hours_end")
    @classmethod
    def _clock_time(cls, value: str) -> str:
        return clock_time(value)

    @classmethod
    def read(cls, stored: dict[str, Any]) -> NotificationPreferences:
        """Whatever is stored, something usable: a bad value falls back to its default."""
        good = {}
        for name in ("timezone", "quiet_hours_start", "quiet_hours_end"):
            value = stored.get(name)
            if isinstance(value, str):
                try:
                    cls.model_validate({name: value})
                    good[name] = value
                except ValueError:
                    pass
        return cls.model_validate(good)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def quiet_phrase(self) -> str:
        hours = f"{_clock(self.quiet_hours_start)}-{_clock(self.quiet_hours_end)}"
        return f"{hours} {zone_words(self.zone)}"


@cache
def template(name: str) -> tuple[Template, Template]:
    """(subject, body) of a named template: first line 'Subject: ...', a blank line, the body."""
    if not re.fullmatch(r"[a-z0-9_]+", name):
        raise ValueError(f"no such template: {name!r}")
    text = (TEMPLATES / f"{name}.txt").read_text(encoding="utf-8")
    head, _, body = text.partition("\n\n")
    if not head.startswith("Subject: "):
        raise ValueError(f"template {name!r} does not start with a Subject line")
    return Template(head.removeprefix("Subject: ").strip()), Template(body.strip() + "\n")


def render(name: str, values: dict[str, str]) -> Message:
    subject, body = template(name)
    return Message(name, subject.substitute(values), body.substitute(values))


# Each kind of nudge as the Outbox names it (one email; the Demo page counts them in plurals).
KIND_WORDS = {
    "deadline_72h": "Deadline email, due within 3 days",
    "deadline_24h": "Deadline email, due within 24 hours",
    "micro_task": "Micro-task reminder",
    "check_in": "Check-in reminder",
}


def kind_words(notification_type: str | None) -> str:
    if notification_type is None:
        return "Unknown kind"
    return KIND_WORDS.get(notification_type, notification_type.replace("_", " ").capitalize())


def compose(nudge: Nudge, now: datetime, *, app_base_url: str) -> Message | None:
    """The message for a nudge at `now`, or None when nothing in it still applies (every
    deadline passed or submitted, a check-in already answered): the nudge is then cancelled."""
    prefs = NotificationPreferences.read(nudge.preferences)
    first = _first_name(nudge.full_name)
    # listing text a mail client would make a link of, made unclickable (coach/mail_text.py);
    # a toast is drawn inert by the page
    items = [
        i.model_copy(
            update={"title": defanged(i.title), "provider": i.provider and defanged(i.provider)}
        )
        if nudge.channel == "email"
        else i
        for i in nudge.items
    ]
    if nudge.notification_type in ("deadline_72h", "deadline_24h"):
        due = [i for i in items if i.status == "draft" and _ahead(i.deadline, now)]
        if not due:
            return None
        return render(
            nudge.notification_type, _deadline_values(due, first, prefs, now, app_base_url)
        )
    if not items:
        return None
    item = items[0]
    if nudge.notification_type == "micro_task":
        if item.status != "draft" or (item.deadline is not None and item.deadline <= now):
            return None
        return render("micro_task", _micro_task_values(item, prefs, now))
    if item.status != "submitted" or item.check_in_status not in (None, "pending"):
        return None
    return render("check_in", _check_in_values(item, now))


def _ahead(deadline: datetime | None, now: datetime) -> bool:
    return deadline is not None and deadline > now


def _first_name(full_name: str | None) -> str:
    words = " ".join((full_name or "").split()).split(" ")
    return words[0][:40] if words and words[0] else "there"


def _clock(hhmm: str) -> str:
    hour, minute = (int(p) for p in hhmm.split(":"))
    suffix = "am" if hour < 12 else "pm"
    shown = hour % 12 or 12
    return f"{shown}{suffix}" if minute == 0 else f"{shown}:{minute:02d}{suffix}"


def _money(amount: Decimal | None) -> str:
    if amount is None or amount <= 0:
        return ""
    whole = amount == amount.to_integral_value()
    return f"${amount:,.0f}" if whole else f"${amount:,.2f}"


def _left(deadline: datetime, now: datetime, zone: tzinfo) -> str:
    """Hours up to tomorrow, then calendar days in the student's zone, as the app counts them:
    a deadline tomorrow night is never "2 days left" beside the app's "Due tomorrow"."""
    hours = (deadline - now) / timedelta(hours=1)
    if hours < 1:
        return "less than an hour left"
    days = (deadline.astimezone(zone).date() - now.astimezone(zone).date()).days
    if days <= 1:
        return f"{plural(int(hours), 'hour')} left"
    return f"{plural(days, 'day')} left"


def local_deadline(
    deadline: datetime, prefs: NotificationPreferences, now: datetime | None = None
) -> str:
    """ "Friday, December 4, 11:59 pm Central Time": in the student's own time, the clock time
    written as the pages write it (an audit read "3:59pm" in the email, "3:59 pm" on the page).
    Half a year or more from `now`, with the year, as the pages say it."""
    local = deadline.astimezone(prefs.zone)
    day = f"{local:%A, %B} {local.day}"
    if now is not None and abs((local.date() - now.astimezone(prefs.zone).date()).days) > FAR_DAYS:
        day += f", {local.year}"
    return f"{day}, {time_of_day(local)} {zone_words(prefs.zone)}"


def day_only_note(deadline: datetime) -> str:
    """A listing that gives only the day (kept as 23:59 UTC) says so, as the coach does: the
    hour is the app's, not the sponsor's."""
    if deadline.astimezone(UTC).time() != DAY_END_UTC:
        return ""
    return " (the listing gives only the day: submit earlier to be safe)"


def _deadline_values(
    due: list[NudgeItem], first: str, prefs: NotificationPreferences, now: datetime, url: str
) -> dict[str, str]:
    lines = []
    for item in due:
        assert item.deadline is not None
        amount = _money(item.amount)
        provider = f" ({item.provider})" if item.provider else ""
        lines.append(
            f"- {item.title}{provider}{', ' + amount if amount else ''}\n"
            f"  due {local_deadline(item.deadline, prefs, now)}: "
            f"{_left(item.deadline, now, prefs.zone)}{day_only_note(item.deadline)}"
        )
    many = len(due) > 1
    return {
        "first_name": first,
        "items": "\n".join(lines),
        "count_phrase": plural(len(due), "application"),
        "summary": _summary(due, now),
        "close_phrase": "Deadlines are close" if many else "A deadline is close",
        "first_title": due[0].title,
        "and_more": f" and {len(due) - 1} more" if many else "",
        "next_steps": "each one's next step" if many else "its next step",
        "it": "them" if many else "it",
        "game_plan_url": url.rstrip("/") + "/game-plan",
        "quiet_hours": prefs.quiet_phrase(),
    }


def _summary(due: list[NudgeItem], now: datetime) -> str:
    """ "Cal Grant is due within 24 hours", "2 applications are due within 24 hours and 1
    more within 3 days": what the list below says, in one line."""
    soon = [i for i in due if i.deadline is not None and i.deadline <= now + timedelta(hours=24)]
    later = len(due) - len(soon)
    if not soon:
        head = f"{due[0].title} is" if len(due) == 1 else f"{plural(len(due), 'application')} are"
        return f"{head} due within 3 days"
    head = f"{soon[0].title} is" if len(soon) == 1 else f"{plural(len(soon), 'application')} are"
    tail = f" and {later} more within 3 days" if later else ""
    return f"{head} due within 24 hours{tail}"


def _micro_task_values(
    item: NudgeItem, prefs: NotificationPreferences, now: datetime
) -> dict[str, str]:
    idle = now - (item.last_progress_at or now)
    days = max(2, int(idle / timedelta(days=1)))
    due_note = ""
    if item.deadline is not None:
        due_note = (
            f" It is due {local_deadline(item.deadline, prefs, now)}{day_only_note(item.deadline)}."
        )
    return {"title": item.title, "idle_phrase": plural(days, "day"), "due_note": due_note}


def _check_in_values(item: NudgeItem, now: datetime) -> dict[str, str]:
    phrase = "a while ago"
    if item.submitted_at is not None:
        days = int((now - item.submitted_at) / timedelta(days=1))
        phrase = f"{plural(days, 'day')} ago" if days >= 1 else "recently"
    return {"title": item.title, "submitted_phrase": phrase}


@dataclass(frozen=True)
class ToastToShow:
    toast: DashboardToast
    sent_note: str | None  # "Sent 2 days ago": its day counts are as of then


def toast_to_show(claimed: Sequence[DashboardToast], now: datetime) -> ToastToShow | None:
    """Of the toasts a student's dashboard claimed at once (they missed a day or more), the
    newest alone: the sidecar picks each day's one most useful nudge, so an older one is
    superseded, and its "26 days ago" was true the day it was written, not today. The older
    ones were claimed too, so none of them comes back: each toast is shown at most once. A
    toast a day old or more says when it was sent, since its day counts stopped then."""
    if not claimed:
        return None
    newest = max(claimed, key=lambda t: (t.sent_at, str(t.id)))
    days = int((now - newest.sent_at) / timedelta(days=1))
    if days < 1:
        return ToastToShow(newest, None)
    return ToastToShow(newest, "Sent a day ago" if days == 1 else f"Sent {days} days ago")
