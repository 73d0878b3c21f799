"""app_pages/widgets.py: an assessment says each thing once."""

from __future__ import annotations

import contextvars
from datetime import UTC
from zoneinfo import ZoneInfo

from app_pages.widgets import moment, repeats, when_column
from coach import clock
from tests.unit.rubric_cases import COMMS, assess


def test_a_red_flag_is_said_once_not_once_per_dimension() -> None:
    capped = assess("I'd just tell him he's lazy and hang up.", COMMS)
    assert capped.feedback.startswith("Red flag:")
    said = [capped.feedback]
    assert all(repeats(r, said) for r in capped.dimension_reasons.values())


def test_ordinary_reasons_are_each_shown() -> None:
    answer = assess(
        "I'd let her finish, say sorry the refund is two weeks late, and call her back at 3pm "
        "today with the date from finance.",
        COMMS,
    )
    said = [answer.feedback]
    for reason in answer.dimension_reasons.values():
        assert not repeats(reason, said)
        said.append(reason)


def test_a_moment_reads_date_and_time_in_the_readers_zone() -> None:
    """A coach-review audit in Los Angeles read "Dec 4, 00:55 UTC" for a review made on
    Dec 5 at 00:55 UTC: the date was the reader's, the time UTC."""
    made = clock.now().astimezone(UTC).replace(hour=0, minute=55, second=0, microsecond=0)
    there = made.astimezone(ZoneInfo("America/Los_Angeles"))  # the evening before

    def in_los_angeles() -> str:
        clock.use_zone(ZoneInfo("America/Los_Angeles"))
        return moment(made)

    said = contextvars.copy_context().run(in_los_angeles)
    assert said.startswith(f"{there:%b} {there.day}")
    assert said.endswith(f", {there:%H:%M} {there:%Z}") and "00:55" not in said
    assert moment(made).endswith(", 00:55 UTC")


def test_a_tables_time_column_names_the_zone_it_is_in() -> None:
    """A coach-review audit read "Dec 5, 2026 03:32" in Review's table with no zone, and
    "03:34 PST" in the header under it."""

    def in_los_angeles() -> dict[str, object]:
        clock.use_zone(ZoneInfo("America/Los_Angeles"))
        return dict(when_column("Started", "Its first round."))

    column = contextvars.copy_context().run(in_los_angeles)
    assert column["label"] == "Started (Pacific Time)"
    assert column["type_config"]["timezone"] == "America/Los_Angeles"  # type: ignore[index]
