"""Coach states (seed 000 §1): the mapping to application_status both ways, total and
round-tripping; the transition table (Submitted and Won need a person's confirmation, a win
is final); the next action in words."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coach.coach_state import (
    AWAITING_STATES,
    COACH_STATE_KEY,
    DECIDED_STATES,
    OPEN_STATES,
    OPEN_STATUSES,
    OUTCOME_PENDING_FLAG,
    STATE_TO_STATUS,
    STATUSES,
    TRANSITIONS,
    CoachState,
    Move,
    check_transition,
    coach_state_to_db,
    db_to_coach_state,
    is_missed_deadline,
    needs_confirmation,
    next_action,
    parse_coach_state,
    submit_by,
    transition,
)
from db.errors import NotAllowed

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)  # a Tuesday

SEED_000_TABLE = [
    (CoachState.TRACKED, "draft"),
    (CoachState.DRAFTING, "draft"),
    (CoachState.REVIEW, "draft"),
    (CoachState.SUBMITTED, "submitted"),
    (CoachState.OUTCOME_PENDING, "submitted"),
    (CoachState.WON, "awarded"),
    (CoachState.LOST, "rejected"),
]


# --- the mapping ------------------------------------------------------------------------------


def test_there_are_exactly_the_seven_seed_states() -> None:
    assert [s.value for s in CoachState] == [
        "Tracked",
        "Drafting",
        "Review",
        "Submitted",
        "Outcome Pending",
        "Won",
        "Lost",
    ]
    assert OPEN_STATES | AWAITING_STATES | DECIDED_STATES == set(CoachState)
    assert not OPEN_STATES & AWAITING_STATES and not AWAITING_STATES & DECIDED_STATES
    assert OPEN_STATUSES == ("draft",)


@pytest.mark.parametrize(("state", "status"), SEED_000_TABLE)
def test_seed_000_table_coach_state_to_db(state: CoachState, status: str) -> None:
    written = coach_state_to_db(state)
    assert written.status == status == STATE_TO_STATUS[state]
    assert written.metadata[COACH_STATE_KEY] == state.key


@pytest.mark.parametrize(("state", "status"), SEED_000_TABLE)
def test_seed_000_table_db_to_coach_state(state: CoachState, status: str) -> None:
    assert db_to_coach_state(*coach_state_to_db(state)) is state
    assert db_to_coach_state(status, {COACH_STATE_KEY: state.key}) is state


def test_outcome_pending_is_the_submitted_status_plus_the_metadata_flag() -> None:
    assert coach_state_to_db("Outcome Pending").metadata == {
        COACH_STATE_KEY: "outcome_pending",
        OUTCOME_PENDING_FLAG: True,
    }
    assert coach_state_to_db("Submitted").metadata[OUTCOME_PENDING_FLAG] is False
    assert (
        db_to_coach_state("submitted", {OUTCOME_PENDING_FLAG: True}) is CoachState.OUTCOME_PENDING
    )
    assert db_to_coach_state("submitted", {}) is CoachState.SUBMITTED
    # rows written before the flag existed (seeds/demo.json) name the state instead
    assert (
        db_to_coach_state("submitted", {COACH_STATE_KEY: "outcome_pending"})
        is CoachState.OUTCOME_PENDING
    )
    # a boolean flag is the word that counts
    stale = {COACH_STATE_KEY: "outcome_pending", OUTCOME_PENDING_FLAG: False}
    assert db_to_coach_state("submitted", stale) is CoachState.SUBMITTED


@pytest.mark.parametrize(
    ("status", "metadata", "expected"),
    [
        ("draft", None, CoachState.TRACKED),  # "first added"
        ("draft", {}, CoachState.TRACKED),
        ("draft", {COACH_STATE_KEY: "won"}, CoachState.TRACKED),  # the status decides
        ("draft", {COACH_STATE_KEY: "Review"}, CoachState.REVIEW),
        ("draft", {COACH_STATE_KEY: 7}, CoachState.TRACKED),
        ("draft", {OUTCOME_PENDING_FLAG: True}, CoachState.TRACKED),
        ("submitted", {COACH_STATE_KEY: "drafting"}, CoachState.SUBMITTED),
        ("submitted", {OUTCOME_PENDING_FLAG: "yes"}, CoachState.SUBMITTED),
        ("awarded", {COACH_STATE_KEY: "lost"}, CoachState.WON),
        ("awarded", {OUTCOME_PENDING_FLAG: True}, CoachState.WON),
        ("rejected", {COACH_STATE_KEY: "won"}, CoachState.LOST),
    ],
)
def test_the_status_is_canonical_and_metadata_only_refines_it(
    status: str, metadata: dict[str, Any] | None, expected: CoachState
) -> None:
    assert db_to_coach_state(status, metadata) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tracked", CoachState.TRACKED),
        ("drafting", CoachState.DRAFTING),
        ("  REVIEW ", CoachState.REVIEW),
        ("Outcome Pending", CoachState.OUTCOME_PENDING),
        ("outcome_pending", CoachState.OUTCOME_PENDING),
        ("outcome-pending", CoachState.OUTCOME_PENDING),
        (CoachState.WON, CoachState.WON),
        ("missed deadline", None),
        ("", None),
        (None, None),
        (3, None),
    ],
)
def test_parse_coach_state_reads_labels_and_keys(text: object, expected: CoachState) -> None:
    assert parse_coach_state(text) is expected


def test_outside_values_are_refused() -> None:
    with pytest.raises(ValueError, match="coach state"):
        coach_state_to_db("Shortlisted")
    with pytest.raises(ValueError, match="application status"):
        db_to_coach_state("withdrawn", {})


state_texts = st.sampled_from(
    [s.value for s in CoachState] + [s.key for s in CoachState] + ["", "Missed", "WON!"]
)
flags: st.SearchStrategy[object] = st.sampled_from([True, False, None, "true", 1, 0, [], {}])
junk = st.dictionaries(
    st.text(max_size=12),
    st.none() | st.booleans() | st.integers() | st.text(max_size=12),
    max_size=4,
)


@st.composite
def metadata(draw: st.DrawFn) -> dict[str, Any]:
    """Any metadata a row may hold: some junk, maybe a coach_state, maybe the flag."""
    meta: dict[str, Any] = draw(junk)
    if draw(st.booleans()):
        meta[COACH_STATE_KEY] = draw(state_texts | st.integers() | st.none())
    if draw(st.booleans()):
        meta[OUTCOME_PENDING_FLAG] = draw(flags)
    return meta


@given(status=st.sampled_from(STATUSES), meta=metadata())
def test_db_to_coach_state_is_total_and_keeps_the_status(status: str, meta: dict[str, Any]) -> None:
    """Every status with every metadata reads as one coach state, and that state writes
    back as the same status: reading and writing never move an application's status."""
    state = db_to_coach_state(status, meta)
    assert isinstance(state, CoachState)
    assert coach_state_to_db(state).status == status


@given(state=st.sampled_from(list(CoachState)), before=metadata())
def test_writing_a_state_into_any_row_reads_back_as_that_state(
    state: CoachState, before: dict[str, Any]
) -> None:
    """Round trip as the database does it: the patch is merged (jsonb ||) into whatever
    metadata the row already had, and the row then reads as the state written."""
    status, patch = coach_state_to_db(state)
    assert db_to_coach_state(status, {**before, **patch}) is state


@given(status=st.sampled_from(STATUSES), meta=metadata())
def test_db_round_trip_is_stable(status: str, meta: dict[str, Any]) -> None:
    state = db_to_coach_state(status, meta)
    status2, patch = coach_state_to_db(state)
    assert db_to_coach_state(status2, {**meta, **patch}) is state


# --- transitions ------------------------------------------------------------------------------


def test_the_table_covers_every_pair() -> None:
    assert set(TRANSITIONS) == {(a, b) for a in CoachState for b in CoachState}
    assert all(rule.reason.endswith(".") for rule in TRANSITIONS.values())


def test_only_submitted_and_won_need_a_persons_confirmation() -> None:
    for (current, target), rule in TRANSITIONS.items():
        if rule.move is Move.NEEDS_CONFIRMATION:
            assert target in (CoachState.SUBMITTED, CoachState.WON), (current, target)
    for current in CoachState:
        if current is not CoachState.WON:
            assert needs_confirmation(current, CoachState.WON)
        if current in OPEN_STATES or current is CoachState.LOST:
            assert needs_confirmation(current, CoachState.SUBMITTED)


def test_lost_needs_no_confirmation() -> None:
    for current in CoachState:
        if current not in (CoachState.WON, CoachState.LOST):
            assert transition(current, CoachState.LOST).move is Move.ALLOWED


def test_a_win_is_final() -> None:
    for target in CoachState:
        rule = transition(CoachState.WON, target)
        assert rule.move is Move.IMPOSSIBLE
    with pytest.raises(NotAllowed, match="already marked as won"):
        check_transition(CoachState.WON, CoachState.DRAFTING)  # awarded -> draft


def test_staying_put_is_not_a_transition() -> None:
    for state in CoachState:
        assert not transition(state, state).possible


def test_outcome_pending_comes_only_after_submitted() -> None:
    assert transition(CoachState.SUBMITTED, CoachState.OUTCOME_PENDING).move is Move.ALLOWED
    for current in CoachState:
        if current is not CoachState.SUBMITTED:
            assert not transition(current, CoachState.OUTCOME_PENDING).possible
    assert not transition(CoachState.OUTCOME_PENDING, CoachState.SUBMITTED).possible


def test_the_draft_states_move_freely_among_themselves() -> None:
    for a in OPEN_STATES:
        for b in OPEN_STATES - {a}:
            assert transition(a, b).move is Move.ALLOWED


def test_a_sent_or_lost_application_reopens_as_drafting_only() -> None:
    for current in (CoachState.SUBMITTED, CoachState.OUTCOME_PENDING, CoachState.LOST):
        assert transition(current, CoachState.DRAFTING).move is Move.ALLOWED
        assert not transition(current, CoachState.TRACKED).possible
        assert not transition(current, CoachState.REVIEW).possible


def test_status_changes_follow_the_database_functions() -> None:
    """propose_application_status applies draft and rejected at once and only proposes
    submitted and awarded (confirm_application_status writes them); from awarded nothing."""
    for (current, target), rule in TRANSITIONS.items():
        before, after = STATE_TO_STATUS[current], STATE_TO_STATUS[target]
        if not rule.possible or before == after:
            continue
        assert before != "awarded"
        expected = Move.NEEDS_CONFIRMATION if after in ("submitted", "awarded") else Move.ALLOWED
        assert rule.move is expected, (current, target)


def test_check_transition_says_why_in_a_sentence() -> None:
    assert check_transition(CoachState.REVIEW, CoachState.SUBMITTED).move is (
        Move.NEEDS_CONFIRMATION
    )
    with pytest.raises(NotAllowed) as refused:
        check_transition(CoachState.TRACKED, CoachState.OUTCOME_PENDING)
    assert "mark it submitted first" in str(refused.value)
    assert refused.value.detail == "tracked -> outcome_pending"


# --- next action ------------------------------------------------------------------------------


def at(days: float, hour: int = 23, minute: int = 59) -> datetime:
    day = NOW + timedelta(days=days)
    return day.replace(hour=hour, minute=minute)


@pytest.mark.parametrize(
    ("state", "deadline", "expected"),
    [
        (CoachState.TRACKED, at(3), "Start your draft"),
        (CoachState.DRAFTING, at(3), "Ask for a review"),
        (CoachState.REVIEW, at(3), "Submit by Friday"),
        (CoachState.REVIEW, at(0), "Submit today"),
        (CoachState.REVIEW, at(1, 17, 0), "Submit by tomorrow"),
        (CoachState.REVIEW, at(6), "Submit by Monday"),
        (CoachState.REVIEW, at(13), "Submit by December 14"),
        (CoachState.REVIEW, None, "Submit when it is ready"),
        (CoachState.SUBMITTED, at(3), "Wait to hear back"),
        (CoachState.OUTCOME_PENDING, None, "Tell us when you hear back"),
        (CoachState.WON, None, "Celebrate: it counts toward your Debt Lifted"),
        (CoachState.LOST, None, "Try a similar scholarship"),
        (CoachState.DRAFTING, NOW - timedelta(hours=1), "Try a similar scholarship instead"),
    ],
)
def test_next_action_in_words(state: CoachState, deadline: datetime | None, expected: str) -> None:
    assert next_action(state, deadline, NOW) == expected


def test_a_check_in_due_makes_the_next_action_the_answer_it_asks_for() -> None:
    """An audit: "Wait to hear back" stood below "Have you heard back?" for the same
    application."""
    for state in (CoachState.SUBMITTED, CoachState.OUTCOME_PENDING):
        assert next_action(state, at(3), NOW, check_in_due=True) == "Tell us if you've heard back"
    for state in (CoachState.REVIEW, CoachState.WON, CoachState.LOST):  # nothing to ask
        assert next_action(state, at(3), NOW, check_in_due=True) == next_action(state, at(3), NOW)


def test_submit_by_counts_calendar_days() -> None:
    late = NOW.replace(hour=23)
    assert submit_by(at(1, 0, 30), late) == "Submit by tomorrow"  # 90 minutes away


def test_missed_deadline_is_an_open_application_past_its_deadline() -> None:
    past = NOW - timedelta(minutes=1)
    for state in OPEN_STATES:
        assert is_missed_deadline(state, past, NOW)
        assert not is_missed_deadline(state, NOW, NOW)  # due this very minute: not yet
        assert not is_missed_deadline(state, None, NOW)
    for state in AWAITING_STATES | DECIDED_STATES:
        assert not is_missed_deadline(state, past, NOW)


def test_a_form_is_started_and_finished_not_drafted() -> None:
    """An audit's TEXAS Grant, a form, read "Next: Start your draft"."""
    now = datetime(2026, 12, 5, 15, tzinfo=UTC)
    due = now + timedelta(days=20)
    assert next_action(CoachState.TRACKED, due, now, application_type="form") == "Start the form"
    assert (
        next_action(CoachState.DRAFTING, due, now, application_type="form")
        == "Finish the form and check each answer"
    )
    for kind in ("essay", "mixed", None):
        assert next_action(CoachState.TRACKED, due, now, application_type=kind) == (
            "Start your draft"
        )
