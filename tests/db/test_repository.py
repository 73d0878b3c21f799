"""The typed repository over either transport: pydantic models in and out, same answers."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from coach import clock
from db.errors import Conflict, NotAllowed, ValidationFailed
from db.models import CoachingRound, NewRound, ProfileInput
from db.repository import Repository, validate_input
from tests.conftest import People
from tests.support.hosted import TransportFactory, add_scholarship


@pytest.fixture
def ana(transport_factory: TransportFactory, people: People) -> Repository:
    return Repository(transport_factory(people.student_a))


def test_profile_round_trip_with_edge_validation(ana: Repository, people: People) -> None:
    data = validate_input(
        ProfileInput,
        {
            "full_name": " Ana Ruiz ",
            "gpa": "3.85",
            "state": "ca",
            "sai": 1200,
            "pell_eligibility_status": "eligible",
            "intended_major": "nursing",
            "school_year": "college_sophomore",
        },
    )
    saved = ana.save_profile(data=data)
    assert (saved.full_name, saved.gpa, saved.state) == ("Ana Ruiz", Decimal("3.85"), "CA")
    assert saved.school_year == "college_sophomore"
    assert "1200" not in repr(saved)  # raw SAI stays out of logs and reprs
    again = ana.get_profile(user_id=people.student_a.user_id)
    assert again == saved
    assert ana.get_profile(user_id=people.student_b.user_id) is None  # RLS, not a filter


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("gpa", "4.5", "GPA: Input should be less than or equal to 4"),
        ("sai", -2000, "SAI"),
        ("state", "XX", "two-letter US state"),
        ("full_name", "", "Full name"),
        ("pell_eligibility_status", "maybe", "Pell eligibility"),
        ("school_year", "senior", "School year: must be one of the choices"),
    ],
)
def test_bad_profile_input_is_refused_at_the_edge_in_words(
    field: str, value: object, words: str
) -> None:
    with pytest.raises(ValidationFailed) as bad:
        validate_input(ProfileInput, {"full_name": "Ana", field: value})
    assert str(bad.value).startswith("Please check:")
    assert words in str(bad.value)


def test_tracking_and_the_confirmed_submission(ana: Repository, db_url: str) -> None:
    scholarship = add_scholarship(db_url, "Repository Fund")
    tracked = ana.track_application(scholarship_id=scholarship)
    assert tracked.status == "draft" and tracked.metadata["coach_state"] == "tracked"
    with pytest.raises(Conflict):
        ana.track_application(scholarship_id=scholarship)

    proposal = ana.propose_status(application_id=tracked.id, status="submitted")
    assert not proposal.applied and proposal.confirmation_token is not None
    [still] = ana.list_applications(user_id=tracked.user_id)
    assert still.status == "draft"

    submitted = ana.confirm_status(
        application_id=tracked.id, confirmation_token=proposal.confirmation_token
    )
    assert submitted.status == "submitted" and submitted.submitted_at is not None
    [check_in] = ana.list_check_ins(user_id=tracked.user_id)
    due_in = check_in.due_at - clock.now()
    assert check_in.status == "pending" and timedelta(days=20) < due_in <= timedelta(days=21)

    lost = ana.propose_status(application_id=tracked.id, status="rejected")
    assert lost.applied and lost.confirmation_token is None
    [rejected] = ana.list_applications(user_id=tracked.user_id)
    assert rejected.status == "rejected" and rejected.metadata["coach_state"] == "lost"


DIMENSIONS = {"empathy": 8, "clarity": 7, "de_escalation": 8, "problem_resolution": 9}


def first_round(
    service: Repository, people: People, session_id: str, said: str, answered: str
) -> CoachingRound:
    """Student A's first communication round, recorded as the server records it."""
    assert people.student_a.user_id is not None
    return service.record_round(
        user_id=people.student_a.user_id,
        new_round=NewRound(
            domain_id="communication_coach",
            session_id=session_id,
            round_number=1,
            learner_message=said,
            coach_response=answered,
        ),
    )


def test_coaching_reads_and_rounds(
    ana: Repository, transport_factory: TransportFactory, people: People
) -> None:
    domains = ana.list_domains()
    assert {d.id for d in domains} >= {"communication_coach", "scholarship_coach"}
    persona = ana.get_persona(domain_id="communication_coach")
    assert persona.dimensions == ["empathy", "clarity", "de_escalation", "problem_resolution"]

    thread = ana.start_session(domain_id="communication_coach")
    assert thread.session_id.startswith(f"{people.student_a.user_id}:communication_coach:")
    assert ana.get_thread(session_id=thread.session_id) == thread
    service = Repository(transport_factory(people.service))  # the server's privileged path
    stored = first_round(service, people, thread.session_id, "Hello", "Hi there")
    assert stored.score is None
    assert [r.id for r in ana.list_unscored_rounds(session_id=thread.session_id)] == [stored.id]
    with pytest.raises(NotAllowed):  # a student's own credentials cannot score
        ana.set_round_score(round_id=stored.id, score=10, feedback="Me", dimension_scores={})
    scored = service.set_round_score(
        round_id=stored.id, score=8, feedback="Good", dimension_scores=DIMENSIONS
    )
    assert scored.score == 8 and ana.list_unscored_rounds(session_id=thread.session_id) == []
    [summary] = [s for s in ana.list_session_summaries() if s.session_id == thread.session_id]
    assert summary.rounds == 1 and summary.average_score == Decimal("8.0")


def test_a_round_not_scored_on_purpose_is_neither_pending_nor_averaged(
    ana: Repository, transport_factory: TransportFactory, people: People
) -> None:
    """'What should I do first?' is kept with why it has no score: not among the rounds the
    server scores again, not an unscored round on the session list, and a score cannot be
    slipped under it later, by the server or by a coach's override. The session's average
    is the coach's score where a coach changed the AI's, as on Review and My progress."""
    thread = ana.start_session(domain_id="communication_coach")
    service = Repository(transport_factory(people.service))
    coach = Repository(transport_factory(people.coach))
    assert people.student_a.user_id is not None

    def record(n: int, message: str, **assessment: object) -> CoachingRound:
        assert people.student_a.user_id is not None
        return service.record_round(
            user_id=people.student_a.user_id,
            new_round=NewRound.model_validate(
                {
                    "domain_id": "communication_coach",
                    "session_id": thread.session_id,
                    "round_number": n,
                    "learner_message": message,
                    "coach_response": "Here is how.",
                    **assessment,
                }
            ),
        )

    asked = record(1, "What should I do first?", not_scored_reason="a question to the coach")
    answered = record(
        2, "I'd call her at 3pm.", score=6, feedback="Fine", dimension_scores=DIMENSIONS
    )
    assert asked.score is None and asked.not_scored_reason == "a question to the coach"
    assert ana.list_unscored_rounds(session_id=thread.session_id) == []
    with pytest.raises(ValidationFailed):  # a reason and a score together
        record(3, "Hi", score=5, feedback="x", dimension_scores=DIMENSIONS, not_scored_reason="x")
    with pytest.raises(ValidationFailed):
        service.set_round_score(
            round_id=asked.id, score=8, feedback="Good", dimension_scores=DIMENSIONS
        )
    [summary] = [s for s in ana.list_session_summaries() if s.session_id == thread.session_id]
    assert (summary.rounds, summary.unscored_rounds) == (2, 0)
    assert summary.average_score == Decimal("6.0")
    with pytest.raises(ValidationFailed, match="kept without a score"):
        coach.override_round_score(round_id=asked.id, score=9, reason="Was an answer really.")
    coach.override_round_score(round_id=answered.id, score=9, reason="Named a time and owner.")
    [summary] = [s for s in ana.list_session_summaries() if s.session_id == thread.session_id]
    assert summary.average_score == Decimal("9.0")
    reviewed = ana.session_round_reviews(session_id=thread.session_id)
    assert [(r.round_number, r.ai_score, r.human_score) for r in reviewed] == [
        (1, None, None),
        (2, 6, 9),
    ]
    assert reviewed[0].not_scored_reason == "a question to the coach"


def test_a_session_whose_message_waits_is_listed_and_says_so(
    ana: Repository, transport_factory: TransportFactory, people: People
) -> None:
    """An audit with a model: a first message kept for Retry (the model failed) left its
    session off every list, the message out of reach."""
    thread = ana.start_session(domain_id="communication_coach")
    ana.save_pending_message(
        session_id=thread.session_id, domain_id="communication_coach", learner_message="Help?"
    )
    [waiting] = [s for s in ana.list_session_summaries() if s.session_id == thread.session_id]
    assert (waiting.rounds, waiting.waiting, waiting.title) == (0, True, "Help?")
    assert waiting.rounds_words == "1 message waiting" and waiting.average_score is None
    assert ana.list_session_summaries()[0].session_id == thread.session_id  # newest first

    service = Repository(transport_factory(people.service))
    first_round(service, people, thread.session_id, "Help?", "Sure.")
    ana.save_pending_message(
        session_id=thread.session_id, domain_id="communication_coach", learner_message="More?"
    )
    [both] = [s for s in ana.list_session_summaries() if s.session_id == thread.session_id]
    assert (both.rounds, both.waiting, both.title) == (1, True, "Help?")
    assert both.rounds_words == "1 round, 1 message waiting"
    ana.discard_pending_message(session_id=thread.session_id)
    [answered] = [s for s in ana.list_session_summaries() if s.session_id == thread.session_id]
    assert (answered.rounds, answered.waiting, answered.rounds_words) == (1, False, "1 round")
