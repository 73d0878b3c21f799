"""The one clock: how deadlines read, how the offset is followed, and that nothing else in the
code reads the wall clock."""

from __future__ import annotations

import re
from contextvars import copy_context
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from coach import clock
from coach.clock import Clock, days_left, due_phrase

ROOT = Path(__file__).resolve().parents[2]
NOON = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("deadline", "expected"),
    [
        (datetime(2026, 12, 1, 23, 59, tzinfo=UTC), "due today, 11:59 pm"),
        (datetime(2026, 12, 1, 12, 30, tzinfo=UTC), "due today, 12:30 pm"),
        (datetime(2026, 12, 2, 17, 0, tzinfo=UTC), "due tomorrow, 5:00 pm"),
        (datetime(2026, 12, 2, 0, 5, tzinfo=UTC), "due tomorrow, 12:05 am"),
        (datetime(2026, 12, 4, 23, 59, tzinfo=UTC), "due Friday, December 4 (3 days left)"),
        (datetime(2027, 1, 15, 23, 59, tzinfo=UTC), "due Friday, January 15 (45 days left)"),
        # half a year away or more, with its year: "December 1" alone reads as today's
        (
            datetime(2027, 11, 30, 23, 59, tzinfo=UTC),
            "due Tuesday, November 30, 2027 (364 days left)",
        ),
        (datetime(2026, 3, 2, 23, 59, tzinfo=UTC), "closed on March 2, 2026"),
        (datetime(2026, 11, 30, 23, 59, tzinfo=UTC), "closed on November 30"),
        (datetime(2026, 12, 1, 11, 0, tzinfo=UTC), "closed on December 1"),
    ],
)
def test_due_phrase_reads_like_a_person(deadline: datetime, expected: str) -> None:
    assert due_phrase(deadline, NOON) == expected


def test_a_cards_day_has_its_year_when_due_phrase_gives_one() -> None:
    """An audit: a Top 3 card said "Due Wednesday, September 15" of a day 285 days off,
    while Discovery said "September 15, 2027"."""
    far = datetime(2027, 9, 15, 23, 59, tzinfo=UTC)
    near = datetime(2027, 1, 15, 23, 59, tzinfo=UTC)
    assert clock.weekday_date(far, NOON) == "Wednesday, September 15, 2027"
    assert ", 2027 (" in due_phrase(far, NOON)
    assert clock.weekday_date(near, NOON) == "Friday, January 15"


def test_days_left_counts_calendar_days_not_24h_blocks() -> None:
    late = datetime(2026, 12, 1, 23, 0, tzinfo=UTC)
    assert days_left(datetime(2026, 12, 2, 1, 0, tzinfo=UTC), late) == 1  # two hours away
    assert days_left(datetime(2026, 12, 1, 23, 59, tzinfo=UTC), NOON) == 0


def test_the_clock_follows_its_source_and_rereads_it_after_the_refresh_interval() -> None:
    shifts = [timedelta(days=365), timedelta(days=30)]
    reads: list[timedelta] = []

    def source() -> timedelta:
        reads.append(shifts[0])
        return shifts[0]

    ahead = Clock(source, refresh_s=3600)
    assert ahead.now() - clock.real_now() > timedelta(days=364)
    shifts[0] = timedelta(days=30)
    ahead.now()
    assert len(reads) == 1  # cached: no database read per now()

    fresh = Clock(source, refresh_s=0)
    assert abs(fresh.now() - clock.real_now() - timedelta(days=30)) < timedelta(minutes=1)


def test_set_offset_moves_the_process_clock() -> None:
    clock.set_offset(timedelta(days=-10))
    assert abs(clock.now() - (clock.real_now() - timedelta(days=10))) < timedelta(minutes=1)


_WALL_CLOCK = re.compile(
    r"datetime\.now\(|datetime\.utcnow\(|date\.today\(|time\.time\(|datetime\.today\("
)
_SQL_NOW = re.compile(r"(?<![_.\w])now\(\)|current_timestamp|current_date", re.I)


def _sources() -> list[Path]:
    files = [ROOT / "app.py"]
    for package in ("coach", "graph", "db", "app_pages"):
        files += sorted((ROOT / package).rglob("*.py"))
    return files


def test_no_module_but_the_clock_reads_the_wall_clock() -> None:
    """Rules, queries and seeds read coach.clock / public.app_now(): a test that passes only on
    some calendar days is a broken test, and so is a rule that disagrees with the demo clock."""
    offenders = []
    for path in _sources():
        if path == ROOT / "coach" / "clock.py":
            continue
        text = path.read_text(encoding="utf-8")
        for pattern in (_WALL_CLOCK, _SQL_NOW):
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                offenders.append(f"{path.relative_to(ROOT)}:{line}: {match.group(0)}")
    assert offenders == []


def test_lists_date_things_the_short_way() -> None:
    assert clock.short_date(datetime(2026, 12, 1, 23, 0, tzinfo=UTC), NOON) == "Dec 1"
    assert clock.short_date(datetime(2025, 3, 9, tzinfo=UTC), NOON) == "Mar 9, 2025"
    assert (clock.plural(1, "round"), clock.plural(3, "round")) == ("1 round", "3 rounds")


@pytest.mark.parametrize(
    ("shift", "phrase"),
    [
        (timedelta(days=3), "+3 days"),
        (timedelta(hours=1), "+1 hour"),
        (timedelta(weeks=3), "+3 weeks"),
        (timedelta(weeks=1, days=2, hours=5), "+1 week 2 days"),
        (timedelta(days=-1, hours=-2), "-1 day 2 hours"),
        (timedelta(seconds=20), "+0 minutes"),
    ],
)
def test_the_demo_clock_says_how_far_it_moved(shift: timedelta, phrase: str) -> None:
    assert clock.offset_phrase(shift) == phrase


def test_the_demo_badge_names_the_day_time_and_move() -> None:
    at = datetime(2026, 12, 8, 14, 0, tzinfo=UTC)
    assert clock.demo_badge(at, timedelta(days=3)) == "Demo time: Tue Dec 8, 14:00 UTC (+3 days)"


def test_dates_read_in_the_zone_the_page_set_and_utc_where_none_was() -> None:
    """A Chicago student read "due today, 11:59 pm" (UTC) as her own evening: six hours
    late. In her zone it is 5:59 pm; a deadline just after midnight UTC is still today there."""
    now = datetime(2026, 12, 8, 15, 0, tzinfo=UTC)
    evening = datetime(2026, 12, 8, 23, 59, tzinfo=UTC)
    past_midnight = datetime(2026, 12, 9, 3, 0, tzinfo=UTC)

    def in_chicago() -> tuple[str, str, int, str]:
        clock.use_zone(clock.zone_for("America/Chicago"))
        return (
            due_phrase(evening, now),
            due_phrase(past_midnight, now),
            days_left(past_midnight, now),
            clock.short_date(datetime(2027, 1, 1, 3, 0, tzinfo=UTC), now),
        )

    assert copy_context().run(in_chicago) == (
        "due today, 5:59 pm",
        "due today, 9:00 pm",
        0,
        "Dec 31",  # still 2026 in Chicago
    )
    # outside that context (the sidecar, a worker): UTC, as before
    assert due_phrase(evening, now) == "due today, 11:59 pm"
    assert days_left(past_midnight, now) == 1


def test_an_unknown_or_missing_zone_falls_back_to_the_next_then_utc() -> None:
    assert clock.zone_label(clock.zone_for(None, "Not/AZone", "Europe/Paris")) == "Europe/Paris"
    assert clock.zone_for("", None) is UTC
    assert clock.zone_label(UTC) == "UTC"


@pytest.mark.parametrize(
    ("key", "words"),
    [
        ("America/Los_Angeles", "Pacific Time"),
        ("America/Chicago", "Central Time"),
        ("America/Indiana/Indianapolis", "Eastern Time"),
        ("America/Phoenix", "Mountain Time"),
        ("America/Anchorage", "Alaska Time"),
        ("Pacific/Honolulu", "Hawaii Time"),
        ("Europe/London", "London time"),
        ("Asia/Shanghai", "Shanghai time"),  # its "CST" is not Central Time
        ("UTC", "UTC"),
    ],
)
def test_a_zone_is_said_as_a_person_says_it(key: str, words: str) -> None:
    """A browser audit read "3:59 pm (America/Los_Angeles)" as code."""
    assert clock.zone_words(ZoneInfo(key)) == words


def test_labels_that_would_read_alike_get_their_time() -> None:
    """A regression audit: 14 of a day's sessions read "Maya Torres · Scholarship Coach ·
    Dec 5" in Review's picker; the same label on the same day is told apart by its time."""
    at = datetime(2026, 12, 5, 20, 0, tzinfo=UTC)
    labels = copy_context().run(
        clock.told_apart,
        {
            "a": ("Maya · Scholarship Coach", datetime(2026, 12, 5, 15, 42, tzinfo=UTC)),
            "b": ("Maya · Scholarship Coach", datetime(2026, 12, 5, 9, 5, tzinfo=UTC)),
            "c": ("Maya · Sales Coach", datetime(2026, 12, 5, 9, 5, tzinfo=UTC)),
            # within the same minute as "a": numbered, oldest first
            "d": ("Maya · Scholarship Coach", datetime(2026, 12, 5, 15, 42, 30, tzinfo=UTC)),
        },
        at,
    )
    assert labels == {
        "a": "Maya · Scholarship Coach · Dec 5, 3:42 pm (1)",
        "b": "Maya · Scholarship Coach · Dec 5, 9:05 am",
        "c": "Maya · Sales Coach · Dec 5",
        "d": "Maya · Scholarship Coach · Dec 5, 3:42 pm (2)",
    }
