"""Whom the learner faces, read from their words (coach/counterparts.py): the person they
name and whether they answer to them, the buyer they sell to, and whom they cast the coach
as."""

from __future__ import annotations

import pytest

from coach.counterparts import (
    above_you,
    buyer,
    buyer_name,
    cast_name,
    cast_role,
    corrected,
    counterpart,
)


def test_whom_the_learner_faces_is_read_from_their_words() -> None:
    assert counterpart("my group project partner has done nothing") == (
        "your group project partner",
        True,
    )
    assert counterpart("My roommate keeps leaving dishes everywhere") == ("your roommate", True)
    assert counterpart("my client wants a refund") == ("your client", False)
    assert counterpart("a customer shouted at me") == ("the customer", False)
    # someone served, named without "my": the coach plays them, not a stock customer
    assert counterpart("this really rude hotel guest yelled at me") == ("the hotel guest", False)
    assert counterpart("an angry gym member at the front desk") == ("the gym member", False)
    assert counterpart("a customer yelled at me. should I tell my manager?") == (
        "the customer",
        False,
    )
    assert counterpart("I work on the customer service team") is None
    # how students name them: a word before the noun, a shorthand, a typo
    assert counterpart("my math professor wont budge") == ("your math professor", True)
    assert counterpart("my prof is mean") == ("your professor", True)
    assert counterpart("my roomate eats my food") == ("your roommate", True)
    assert counterpart("my younger sister took my charger") == ("your younger sister", True)
    assert counterpart("my landlord wont fix the heater") == ("your landlord", True)
    assert counterpart("my soccer coach benched me") == ("your soccer coach", True)
    assert above_you("your landlord") and above_you("your soccer coach")
    assert not above_you("your younger sister")
    assert counterpart("she is a member of staff") is None
    assert above_you("your manager") and above_you("your professor")
    assert not above_you("your roommate") and not above_you("your client")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I'm selling a booking app to dental clinics", "one of the dental clinics you sell to"),
        ("We pitch our meal plans to a local gym next week", "the local gym you're selling to"),
        ("I am pitching to Acme Health on Friday", "the buyer at Acme Health"),
        ("I sell to restaurants and cafes", "one of the restaurants you sell to"),
        # a person, not an organisation: the prospect is one of them
        ("selling to the VP of sales at Acme Corp", "the VP of sales"),
        ("pitching printers to the office manager at a law firm", "the office manager"),
        ("selling solar panels to homeowners door to door", "one of the homeowners you sell to"),
        ("selling to the guy who runs the gym", "the guy you're selling to"),
        (
            "selling scheduling software to a chain of 12 dental clinics",
            "the buyer at the chain of 12 dental clinics you're selling to",
        ),
        (
            "pitching to the IT director of a 300-bed hospital",
            "the IT director of a 300-bed hospital",
        ),
        (
            "selling a POS system to small restaurant owners",
            "one of the small restaurant owners you sell to",
        ),
        ("selling to Acme Corp's VP of Sales", "Acme Corp's VP of Sales"),
        ("my prospect is a gym owner", "the gym owner"),
        # a contact named by first name is a person, not "the buyer at Dana"
        ("My contact is Dana, the office manager. They lose 15 bookings a week.", None),
        ("my contact is Dana.", None),
        ("my prospect is Acme Health.", "the buyer at Acme Health"),
        # no organisation named: the pack's own prospect stays
        ("I'm trying to sell to get customers", None),
        ("I sell candles to people on Instagram", None),
        ("I need to sell this to my manager", None),
        ("i'm selling cookies to students", None),
        ("I want to learn to sell", None),
        # a run-through: a demo, a pitch or a call with an organisation, and who is in it
        (
            "i have a demo with a gym chain next week, the owner thinks were too expensive",
            "the owner at the gym chain you're selling to",
        ),
        (
            "im pitching a dental clinic, the office manager likes us",
            "the office manager at the dental clinic you're selling to",
        ),
        (
            "the prospect is a 4 location clinic, the ops manager likes us",
            "the ops manager at the 4 location clinic you're selling to",
        ),
        (
            "a call with the dental clinic tomorrow",
            "the buyer at the dental clinic you're selling to",
        ),
        # a run-through: the day said before whom ("the small bakery owner" was never played)
        (
            "i have a call tomorrow with a small bakery owner about our pos system",
            "the small bakery owner",
        ),
        ("a demo on friday with the gym chain", "the buyer at the gym chain you're selling to"),
        ("i have a meeting today with the team about it", None),
        ("i have a call with the team tomorrow", None),
        ("meeting with my manager about the deal", None),
    ],
)
def test_whom_the_learner_sells_to_is_read_from_their_words(
    text: str, expected: str | None
) -> None:
    found = buyer(text)
    if expected is None:
        assert found is None
    else:
        assert found is not None and found.endswith(expected)


def test_whom_the_learner_casts_the_coach_as_is_read_from_their_words() -> None:
    assert cast_role("can we role play? you be the dealership marketing manager") == (
        "the dealership marketing manager"
    )
    assert cast_role("can you play the recruiter") == "the recruiter"
    assert cast_role("lets role play it, you be my roommate please") == "your roommate"
    assert cast_role("You be clear with her about the dates.") is None
    assert cast_role("let's practise") is None


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The CFO, Tom Becker, signs anything over $50k.", "Tom Becker"),
        ("My prospect is Priya Nair, IT director at St. Luke's", "Priya Nair"),
        ("Their IT director Priya Nair wants a pilot.", "Priya Nair"),
        ("Rachel Kim (VP Ops) wants to renew", "Rachel Kim"),
        ("the managing partner is called Linda Chu and she signs everything", "Linda Chu"),
        ("the economic buyer is their VP Finance, Maria Lopez", "Maria Lopez"),
        ("the superintendent Dr. Greene signs off", "Dr. Greene"),
        ("I talked to my sales manager, Dana Ortiz, about pricing.", None),  # the learner's side
        ("our CEO Sam Park joined the call", None),
        ("I'm pitching to Acme Health", None),  # an organisation
        ("I sell to the dental clinics in Ohio", None),
    ],
)
def test_the_buyer_the_learner_names_is_played_by_that_name(text: str, name: str | None) -> None:
    assert buyer_name(text) == name


@pytest.mark.parametrize(
    ("text", "cast"),
    [
        ("can u play linda and push back on price", ("Linda", None)),
        ("harder. you be linda the office manager", ("Linda", "the office manager")),
        ("could you be Linda, the office manager?", ("Linda", "the office manager")),
        ("you play tom and say no", ("Tom", None)),
        # a browser audit: a title before the name was scored 2/10 instead of cast
        ("can u play dr patel and push back on price", ("Dr. Patel", None)),
        ("could you be Ms. Rivera, the principal?", ("Ms. Rivera", "the principal")),
        ("can you play along", None),
        ("can u be nice", None),
        ("can you play devil's advocate", None),
        ("you be the office manager", None),  # cast_role's: no name in it
    ],
)
def test_a_person_cast_by_first_name_is_read(
    text: str, cast: tuple[str, str | None] | None
) -> None:
    """A browser audit: "can u play linda and push back on price" got a price tip, "That's
    every step I had for today" and 2/10."""
    assert cast_name(text) == cast


def test_words_that_break_the_phrase_name_no_one_served() -> None:
    """An audit: "Is this for work customers only or can it be like my roommate?" made the
    coach play "the work customer" to a story about a roommate."""
    asked = "Is this for work customers only or can it be like my roommate?"
    assert counterpart(asked) == ("your roommate", True)
    assert counterpart("one of the patients yelled at me") == ("the patient", False)
    assert counterpart("a gym member yelled") == ("the gym member", False)


def test_a_correction_names_the_person_instead() -> None:
    for text, who in (
        ("she's not a customer, she's my roommate", ("your roommate", True)),
        ("no, not my boss, my coworker", ("your coworker", True)),
        ("it's not a customer. it's my roommate", ("your roommate", True)),
    ):
        assert corrected(text) == who, text
    for text in ("the customer was not a big fan.", "my roommate, not the dishes, is the issue"):
        assert corrected(text) is None or corrected(text) == counterpart(text), text


def test_the_buyer_of_a_pasted_call_is_the_one_the_role_play_plays() -> None:
    """An audit: after a pasted call "with the ops director at a logistics firm", where
    "Raj:" spoke, "let's practise" played a stock "Dana Reyes, VP of Operations"."""
    call = (
        "Here is part of my call from yesterday with the ops director at a logistics firm "
        "(FastFreight, about 200 trucks): Me: So as I mentioned, ours is more modern. Raj: We "
        "already use Oracle for this. Me: Ours has a nicer UI. Raj: Send me some info."
    )
    assert buyer(call) == "the ops director"
    assert buyer_name(call) == "Raj"
    assert buyer("my demo last week with the owner of a bakery went ok") == "the owner of a bakery"
    assert buyer_name("Note: they were busy. Me: ok") is None
