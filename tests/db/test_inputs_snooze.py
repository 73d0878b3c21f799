"""Hostile times to the snooze when no deadline caps it: a time past any calendar is
refused by the snooze itself, in words, and nothing is stored."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given, settings

from db.errors import AppError
from tests.conftest import People
from tests.db.hostile_calls import SETTINGS, assert_refusal
from tests.db.hostile_calls import dump as dump
from tests.db.hostile_values import BEYOND, Hostile, beyond, time_arg
from tests.support.hosted import TransportFactory


def test_a_snooze_with_no_deadline_to_stop_it_still_refuses_hostile_times(
    transport_factory: TransportFactory, people: People, dump: Callable[[], dict[str, str]]
) -> None:
    """Ben tracks nothing, so no deadline caps his snooze: a time past any calendar
    (infinity, year 10000 on) is refused by the snooze itself, not stored."""
    ben = transport_factory(people.student_b)
    before = dump()

    def refused(hostile: Hostile) -> None:
        with pytest.raises(AppError) as error:
            ben.rpc("snooze_micro_task", {"p_until": hostile.value})
        assert_refusal(error.value, "p_until", hostile)
        assert dump() == before

    for value in BEYOND:
        refused(Hostile(value, named=False))
    settings(SETTINGS, max_examples=30)(given(hostile=time_arg(later=beyond))(refused))()
