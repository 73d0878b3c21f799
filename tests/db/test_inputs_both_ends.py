"""Hostile input on both ends of the transport seam: the hosted end (real HTTP to the
PostgREST test server) takes fewer examples, each also sent to the embedded end, which
must answer in the same words, and no table changes."""

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
from tests.support.hosted import TransportFactory

# The two ends answering alike: the clock passes leave it out (Makefile CLOCK_PASS); the
# embedded end's hostile times, which do read the clock, stay in them (test_inputs_embedded.py).
pytestmark = pytest.mark.calendar_free


@pytest.mark.parametrize("function", sorted(CALLS))
def test_both_ends_refuse_hostile_input_in_the_same_words(
    function: str,
    as_user: Callable[..., Transport],
    supabase_factory: TransportFactory,
    people: People,
    world: World,
    dump: Callable[[], dict[str, str]],
) -> None:
    embedded = as_user(people.student_a)
    hosted = supabase_factory(people.student_a)
    before = dump()

    @settings(SETTINGS, max_examples=12)
    @given(call=hostile_call(function))
    def refused_alike(call: tuple[str, Hostile | None, str | None]) -> None:
        name, hostile, unknown = call
        over_http = call_raw(hosted, world, function, name, hostile, unknown)
        assert_refusal(over_http, name, hostile)
        direct = call_raw(embedded, world, function, name, hostile, unknown)
        assert (type(over_http), str(over_http)) == (type(direct), str(direct))
        assert dump() == before

    refused_alike()
