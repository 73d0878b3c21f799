"""Hostile input to every user-facing write on the embedded end, generated: whatever
arrives, the answer is a typed refusal in one short sentence (naming the field when the
value itself is the problem), never "something went wrong on our side" nor "not
reachable", and no table changes. The calls and strategies: tests/db/hostile_calls.py."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given, settings

from db.transport import Transport
from tests.conftest import People
from tests.db.hostile_calls import CALLS, SETTINGS, World, assert_refusal, call_raw, hostile_call
from tests.db.hostile_calls import dump as dump
from tests.db.hostile_calls import world as world
from tests.db.hostile_values import Hostile


# the properties ------------------------------------------------------------------------------
@pytest.mark.parametrize("function", sorted(CALLS))
def test_hostile_input_is_refused_in_words_and_changes_nothing(
    function: str,
    as_user: Callable[..., Transport],
    people: People,
    world: World,
    dump: Callable[[], dict[str, str]],
) -> None:
    ana = as_user(people.student_a)
    before = dump()

    @settings(SETTINGS, max_examples=60)
    @given(call=hostile_call(function))
    def refused(call: tuple[str, Hostile | None, str | None]) -> None:
        name, hostile, unknown = call
        error = call_raw(ana, world, function, name, hostile, unknown)
        assert_refusal(error, name, hostile)
        assert dump() == before

    refused()
