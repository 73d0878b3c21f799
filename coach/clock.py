"""The app's one clock: real time plus an offset kept in the database (`private.app_clock`,
read in SQL as `public.app_now()`), so the app, the sidecar and every tab agree on "now" and
the demo (or a test) can move time for all of them at once.

This module is the only place that reads the wall clock; a test fails on any other.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable, Mapping
from contextvars import ContextVar
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

K = TypeVar("K")
OffsetSource = Callable[[], timedelta]
REFRESH_S = 2.0


class Clock:
    """Follows an offset source, re-reading it at most every `refresh_s` seconds: a moved
    demo clock reaches every process within that time without a query per `now()`."""

    def __init__(
        self,
        source: OffsetSource | None = None,
        refresh_s: float = REFRESH_S,
        offset: timedelta = timedelta(0),
    ) -> None:
        self._source = source
        self._refresh_s = refresh_s
        self._offset = offset
        self._read_at: float | None = None
        self._lock = threading.Lock()

    def offset(self) -> timedelta:
        if self._source is None:
            return self._offset
        with self._lock:
            mono = time.monotonic()
            if self._read_at is None or mono - self._read_at >= self._refresh_s:
                self._offset = self._source()
                self._read_at = mono
            return self._offset

    def now(self) -> datetime:
        return datetime.now(UTC) + self.offset()

    def resync(self) -> None:
        """Re-read the source on the next `offset()`: this process just moved the clock."""
        with self._lock:
            self._read_at = None


_clock = Clock()


def now() -> datetime:
    """The app's "now" (timezone-aware UTC). Use this, never datetime.now()."""
    return _clock.now()


def offset() -> timedelta:
    return _clock.offset()


def follow(source: OffsetSource, refresh_s: float = REFRESH_S) -> None:
    """Make this process's clock follow the database's offset (the runtime root does this)."""
    global _clock
    _clock = Clock(source, refresh_s)


def resync() -> None:
    """After this process moved the stored offset: read it again now, not seconds later."""
    _clock.resync()


def set_offset(shift: timedelta) -> None:
    """A fixed offset with no source: for tests and scripts that own the whole process."""
    global _clock
    _clock = Clock(offset=shift)


def real_now() -> datetime:
    """The wall clock itself, for the few places that must measure against it (setting an
    offset so that `now()` reads a chosen instant)."""
    return datetime.now(UTC)


# The zone a person reads dates in: set per run by the pages (the student's Profile, else the
# browser's), so "due today, 11:59 pm" is their evening, as the reminder emails already say.
# Unset (the sidecar, SQL-side checks), dates read in UTC.
_ZONE: ContextVar[tzinfo] = ContextVar("display_zone", default=UTC)


def zone() -> tzinfo:
    return _ZONE.get()


def zone_for(*names: str | None) -> tzinfo:
    """The first of `names` that is a time zone Python knows ("America/Chicago"), else UTC."""
    for name in names:
        if not name:
            continue
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            continue
    return UTC


def use_zone(tz: tzinfo) -> None:
    """Dates read in `tz` for the rest of this context (a Streamlit run, and the chat turn
    it starts)."""
    _ZONE.set(tz)


def zone_label(tz: tzinfo | None = None) -> str:
    """ "America/Chicago", or "UTC": what a form says its times are in."""
    tz = tz or zone()
    return getattr(tz, "key", None) or "UTC"


# a US zone by its standard-time abbreviation less "ST": "PST" -> "P", "AKST" -> "AK"
_US_ZONE_WORDS = {
    "P": "Pacific Time",
    "M": "Mountain Time",
    "C": "Central Time",
    "E": "Eastern Time",
    "AK": "Alaska Time",
    "H": "Hawaii Time",
    "A": "Atlantic Time",
}


def zone_words(tz: tzinfo | None = None) -> str:
    """ "Pacific Time", "Central Time", "London time", "UTC": the zone as a person says it
    (a browser audit read "(America/Los_Angeles)" as code). A widget that needs the zone's
    key takes `zone_label`."""
    tz = tz or zone()
    key = getattr(tz, "key", None)
    if not key or key in ("UTC", "Etc/UTC", "Etc/GMT", "GMT"):
        return "UTC"
    if key.startswith(("America/", "US/", "Pacific/Honolulu")):
        name = datetime(2026, 1, 15, 12, tzinfo=tz).tzname() or ""  # standard time, all year
        words = _US_ZONE_WORDS.get(name.removesuffix("ST"))
        if words is not None and name.endswith("ST"):
            return words
    return f"{key.rsplit('/', 1)[-1].replace('_', ' ')} time"


def local(moment: datetime) -> datetime:
    return moment.astimezone(zone())


def days_left(deadline: datetime, at: datetime) -> int:
    """Calendar days from `at` to `deadline` (0 = due today), in the reader's zone."""
    tz = zone()
    return (deadline.astimezone(tz).date() - at.astimezone(tz).date()).days


def time_of_day(moment: datetime) -> str:
    """ "9:00 am", "11:59 pm": the clock time of `moment` as given (see `local`)."""
    hour = moment.hour % 12 or 12
    return f"{hour}:{moment.minute:02d} {'am' if moment.hour < 12 else 'pm'}"


def _day(d: date, at: datetime | None = None) -> str:
    """ "December 1"; with the year when it is half a year or more away, where "December 1"
    alone reads as the one just gone ("due Wednesday, December 1 (364 days left)")."""
    text = f"{d:%B} {d.day}"
    if at is not None and abs((d - at.astimezone(zone()).date()).days) > FAR_DAYS:
        return f"{text}, {d.year}"
    return text


FAR_DAYS = 180


def weekday_date(moment: datetime, at: datetime) -> str:
    """ "Wednesday, September 15", with the year as `due_phrase` gives it (half a year or
    more away): a Top 3 card said "Due Wednesday, September 15" of a date 285 days off while
    Discovery said "…, 2027" of the same one (an audit)."""
    here = moment.astimezone(zone())
    return f"{here:%A}, {_day(here.date(), at)}"


def due_phrase(deadline: datetime, at: datetime) -> str:
    """How a person says when something is due: "due today, 11:59 pm", "due tomorrow,
    11:59 pm", "due Friday, December 4 (3 days left)", "closed on November 30"."""
    moment = deadline.astimezone(zone())
    left = days_left(moment, at)
    if moment < at:
        return f"closed on {_day(moment.date(), at)}"  # "overdue" read as money owed
    if left == 0:
        return f"due today, {time_of_day(moment)}"
    if left == 1:
        return f"due tomorrow, {time_of_day(moment)}"
    return f"due {moment:%A}, {_day(moment.date(), at)} ({left} days left)"


def short_date(moment: datetime, at: datetime) -> str:
    """ "Dec 1", with the year only when it is not this year's: how a list dates things."""
    tz = zone()
    day = moment.astimezone(tz)
    text = f"{day:%b} {day.day}"
    return text if day.year == at.astimezone(tz).year else f"{text}, {day.year}"


def told_apart(labels: Mapping[K, tuple[str, datetime]], at: datetime) -> dict[K, str]:
    """ "Maya Torres · Scholarship Coach · Dec 5" for each (text, started); labels that would
    read alike get their time ("Dec 5, 3:42 pm"), so a day's sessions can be told apart (a
    regression audit: 14 of Maya's read the same in Review's and My progress's pickers)."""
    dated = {k: f"{text} · {short_date(when, at)}" for k, (text, when) in labels.items()}
    seen = Counter(dated.values())
    timed = {
        k: f"{dated[k]}, {time_of_day(when.astimezone(zone()))}" if seen[dated[k]] > 1 else dated[k]
        for k, (_, when) in labels.items()
    }
    # started within the same minute: numbered, so a picker never holds two alike (an audit's
    # two "Dec 5, 10:19 am" both opened the first)
    still = Counter(timed.values())
    count: Counter[str] = Counter()
    told = {}
    for k in sorted(timed, key=lambda k: labels[k][1]):
        if still[timed[k]] > 1:
            count[timed[k]] += 1
            told[k] = f"{timed[k]} ({count[timed[k]]})"
        else:
            told[k] = timed[k]
    return {k: told[k] for k in labels}


def plural(count: int, word: str, words: str | None = None) -> str:
    """ "1 round", "3 rounds"."""
    return f"{count} {word if count == 1 else (words or word + 's')}"


_UNITS = (("week", 7 * 86400), ("day", 86400), ("hour", 3600), ("minute", 60))


def offset_phrase(shift: timedelta) -> str:
    """How far the demo clock is from real time, in the two largest units: "+3 days",
    "+1 week 2 days", "-1 hour", "+0 minutes"."""
    seconds = int(abs(shift.total_seconds()))
    parts = []
    for unit, size in _UNITS:
        count, seconds = divmod(seconds, size)
        if count:
            parts.append(plural(count, unit))
    sign = "-" if shift < timedelta(0) else "+"
    return sign + (" ".join(parts[:2]) if parts else "0 minutes")


def demo_badge(moment: datetime, shift: timedelta) -> str:
    """ "Demo time: Tue 14:00 UTC (+3 days)": shown on every page while the clock is moved."""
    at = moment.astimezone(UTC)
    return f"Demo time: {at:%a %b} {at.day}, {at:%H:%M} UTC ({offset_phrase(shift)})"
