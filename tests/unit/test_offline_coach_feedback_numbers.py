"""The offline coach's praise for a number it can hold the learner to (coach/offline_coach/
feedback.py): a figure or a time, not a word part, a name's digit, a one-on-one, the size of
the task or of their world; and never "a number" missing beside that praise."""

from __future__ import annotations

import pytest

from coach.offline_coach import CoachMemory, compose_reply
from coach.offline_coach.feedback import commits_to_a_number
from tests.unit.offline_coach_cases import (
    ARCH,
    ONBOARDING,
    SALES,
    SCHOLARSHIP,
    drive,
    make_plan,
    pack,
    reply,
)


@pytest.mark.parametrize(
    ("text", "not_praised"),
    [
        ("I'm a first-gen student in Texas studying nursing, GPA 3.6", "working to the deadline"),
        ("I'm a first-gen student in Texas studying nursing.", "broke it into pieces"),
    ],
)
def test_a_number_or_a_word_part_is_not_praised_as_a_plan(text: str, not_praised: str) -> None:
    """A GPA is not a deadline and "first-gen" is not a first step."""
    assert not_praised not in reply(text, domain_id=SCHOLARSHIP)


@pytest.mark.parametrize(
    "text",
    [
        "Store the scans in S3 and thumbnails behind a CDN.",
        "Members log in with 2FA through Auth0.",
        "Everything is UTF-8 and served over HTTP/2.",
    ],
)
def test_a_digit_inside_a_name_is_not_a_number_to_praise(text: str) -> None:
    """A re-audit: "S3", "2FA" or "HTTP/2" got "What works: you anchored it in numbers" or "a
    concrete number I can hold you to"."""
    out = drive(pack(ARCH), ["A booking app for a physio clinic.", text])[1]
    assert "anchored it in numbers" not in out and "a concrete number" not in out, out


@pytest.mark.parametrize(
    "text",
    [
        "ok i'll write down questions and ask them in our 1:1",
        "I'll bring it up at my 1-on-1 with Priya.",
        "We have a 1 on 1 later.",
    ],
)
def test_a_one_on_one_is_a_meeting_not_a_number_to_praise(text: str) -> None:
    """A run-through: "ask them in our 1:1" got "What works: a concrete number I can hold you
    to"."""
    out = drive(pack(ONBOARDING), ["I start as a junior analyst on Monday.", text])[1]
    assert "a concrete number" not in out, out


@pytest.mark.parametrize(
    "text",
    [
        "i havent started the essay yet, its 500 words about a challenge i overcame",
        "The limit is 650 and I have nothing.",
    ],
)
def test_the_size_of_the_task_is_no_number_to_hold_them_to(text: str) -> None:
    """A run-through: "its 500 words about a challenge" was praised as "a concrete number I
    can hold you to"."""
    [out] = drive(pack(SCHOLARSHIP), [text], plan=make_plan())
    assert "a concrete number" not in out, out
    assert not commits_to_a_number(text)
    assert commits_to_a_number("I'll write 300 of them by 4pm.")


@pytest.mark.parametrize(
    ("domain_id", "text"),
    [
        (SALES, "its a 40 seat deal with a logistics company, the ops director loves the demo"),
        (ARCH, "A booking app for 12 yoga studios."),
    ],
)
def test_the_size_of_their_world_is_no_number_to_hold_them_to(domain_id: str, text: str) -> None:
    """A run-through: "a 40 seat deal" was praised as "a concrete number I can hold you to",
    which is for a step they commit to, with its time or its amount."""
    assert not commits_to_a_number(text)
    for committed in ("I'll call 5 of them by Friday.", "Thursday at 8:30", "300 words tonight"):
        assert commits_to_a_number(committed), committed


def test_a_number_praised_is_not_missing_in_the_same_breath() -> None:
    """A browser audit: "What works: a concrete number I can hold you to. What's missing: a
    number"."""
    seen = CoachMemory(noted=["process_adherence", "customer_understanding", "objection_handling"])
    out, _ = compose_reply(
        "I will call them back on Tuesday with 3 options.", pack=pack(SALES), memory=seen
    )
    assert "What works: a concrete number I can hold you to." in out
    assert "What's missing: a number" not in out
