"""News in chat ("I submitted the Gates application"): the graph pauses at a LangGraph
interrupt with "Mark the Gates Scholarship as submitted?", and the learner's answer resumes
it, on the real Postgres checkpointer with the offline coach."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import pytest

from db.errors import Conflict, NotAllowed, Unavailable
from db.models import Application
from db.repository import Repository
from db.runtime import Database
from db.settings import Settings
from graph.chat import ANSWER_FIRST, ChatService, SessionRef
from tests.conftest import People
from tests.graph.chat_steps import GATES, application, news_turn, track

QUESTION = "Mark the Gates Scholarship as submitted?"


def test_news_pauses_at_a_question_after_the_round_is_recorded(
    ana_chat: ChatService, ana_repo: Repository
) -> None:
    gates = track(ana_repo, GATES)
    ref = news_turn(ana_chat)

    question = ana_chat.pending_question(ref)
    assert question is not None and question.question == QUESTION
    assert question.application_id == gates.id and question.status == "submitted"
    [round_] = ana_chat.transcript(ref)  # recorded before the pause: never lost
    assert round_.learner_message == "I submitted the Gates application!"
    # a report, not an answer: it used to score 1/10 as "repeats the coach's question"
    assert round_.score is None
    assert round_.not_scored_reason == "news about an application, not an answer"
    assert ana_chat.pending_message(ref) is None
    before = application(ana_repo, gates.id)
    assert before.status == "draft" and before.submitted_at is None  # nothing written yet
    assert before.metadata["pending_transition"]["status"] == "submitted"


def test_confirm_writes_submitted_exactly_once(ana_chat: ChatService, ana_repo: Repository) -> None:
    gates = track(ana_repo, GATES)
    ref = news_turn(ana_chat)

    said = "".join(ana_chat.answer(ref, True))
    assert said == (
        "Recorded: The Gates Scholarship is submitted. I'll check in with you in three weeks."
    )
    after = application(ana_repo, gates.id)
    assert after.status == "submitted" and after.submitted_at is not None
    assert "pending_transition" not in after.metadata
    assert len(ana_repo.list_check_ins(user_id=after.user_id)) == 1
    assert ana_chat.pending_question(ref) is None
    assert ana_chat.news_note(ref) == (1, said)

    with pytest.raises(Conflict, match="already answered"):
        "".join(ana_chat.answer(ref, True))
    assert list(ana_chat.retry(ref)) == []  # nothing failed, nothing to resume
    assert application(ana_repo, gates.id).submitted_at == after.submitted_at

    # the model's window knows what was recorded; the conversation goes on
    config = {"configurable": {"thread_id": ref.session_id}}
    last = ana_chat.graph.get_state(config).values["messages"][-1]
    assert str(last.content).endswith(said)
    "".join(ana_chat.send(ref, "What should I work on next?"))
    assert [r.round_number for r in ana_chat.transcript(ref)] == [1, 2]
    assert ana_chat.pending_question(ref) is None
    # and the line stays under round 1 after round 2 (an audit: it left the transcript)
    assert ana_chat.news_notes(ref) == {1: said}


def test_a_typed_answer_is_kept_with_the_line_it_got(
    ana_chat: ChatService, ana_repo: Repository
) -> None:
    """A reload showed "Recorded: …" under nothing: the typed "yes please" was kept only by
    the browser. Only a short yes or no is kept as said; a button's answer keeps none."""
    track(ana_repo, GATES)
    ref = news_turn(ana_chat)
    said = "".join(ana_chat.answer(ref, True, "  yes please "))
    [line] = ana_chat.news_lines(ref)
    assert (line.round, line.text, line.said) == (1, said, "yes please")

    "".join(ana_chat.send(ref, "The Gates committee rejected me."))
    assert ana_chat.pending_question(ref) is not None
    "".join(ana_chat.answer(ref, False, "no " + "x" * 300))  # not a yes or no as typed
    assert [line.said for line in ana_chat.news_lines(ref)] == ["yes please", None]


def test_not_now_writes_nothing_and_withdraws_the_proposal(
    ana_chat: ChatService, ana_repo: Repository
) -> None:
    gates = track(ana_repo, GATES)
    ref = news_turn(ana_chat)

    assert "".join(ana_chat.answer(ref, False)) == "Okay, not recorded."
    after = application(ana_repo, gates.id)
    assert after.status == "draft" and after.submitted_at is None
    assert "pending_transition" not in after.metadata  # the game plan will not ask again
    assert ana_repo.list_check_ins(user_id=after.user_id) == []
    assert ana_chat.pending_question(ref) is None
    # a browser audit: the coach still took it as sent ("Everything you track is submitted")
    reply = "".join(ana_chat.send(ref, "what should i do today?"))
    assert "Gates" in reply and "submitted or decided" not in reply


def test_a_new_process_still_sees_the_question_and_can_answer_it(
    ana_chat: ChatService,
    ana_repo: Repository,
    offline_settings: Settings,
    db_url: str,
    people: People,
) -> None:
    gates = track(ana_repo, GATES)
    ref = news_turn(ana_chat)

    other = Database(offline_settings, db_url)  # its own pools, checkpointer and graph
    try:
        later = ChatService.for_identity(other, people.student_a)
        again = later.open(ref.session_id)
        question = later.pending_question(again)
        assert question is not None and question.question == QUESTION
        assert "Recorded" in "".join(later.answer(again, True))
    finally:
        other.close()
    assert application(ana_repo, gates.id).status == "submitted"
    assert ana_chat.pending_question(ref) is None


def test_retry_never_answers_a_pending_question(
    ana_chat: ChatService, ana_repo: Repository
) -> None:
    gates = track(ana_repo, GATES)
    ref = news_turn(ana_chat)
    assert list(ana_chat.retry(ref)) == []  # no failed message: nothing to retry

    # a message stored meanwhile (another tab) waits: retry must not resume with None
    ana_repo.save_pending_message(
        session_id=ref.session_id, domain_id=ref.domain_id, learner_message="Hello?"
    )
    with pytest.raises(Conflict) as refused:
        list(ana_chat.retry(ref))
    assert str(refused.value) == ANSWER_FIRST
    assert ana_chat.pending_question(ref) is not None
    assert application(ana_repo, gates.id).metadata.get("pending_transition")

    "".join(ana_chat.answer(ref, True))  # once answered, the waiting message goes through
    "".join(ana_chat.retry(ref))
    assert [r.learner_message for r in ana_chat.transcript(ref)][-1] == "Hello?"


def test_a_failed_answer_leaves_the_question_open(
    ana_chat: ChatService, ana_repo: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    gates = track(ana_repo, GATES)
    ref = news_turn(ana_chat)

    def down(**_: Any) -> Application:
        raise Unavailable("The database is not reachable right now.")

    monkeypatch.setattr(ana_chat.repository, "confirm_status", down)
    with pytest.raises(Unavailable):
        "".join(ana_chat.answer(ref, True))
    monkeypatch.undo()
    assert ana_chat.pending_question(ref) is not None
    assert application(ana_repo, gates.id).status == "draft"
    assert "Recorded" in "".join(ana_chat.answer(ref, True))
    assert application(ana_repo, gates.id).status == "submitted"


def test_another_student_cannot_see_or_answer_the_question(
    ana_chat: ChatService, ana_repo: Repository, chat_for: Any, people: People
) -> None:
    gates = track(ana_repo, GATES)
    ref = news_turn(ana_chat)
    ben = chat_for(people.student_b)
    hand_built = SessionRef.parse(ref.session_id)
    with pytest.raises(NotAllowed):
        ben.pending_question(hand_built)
    with pytest.raises(NotAllowed):
        "".join(ben.answer(hand_built, True))
    assert application(ana_repo, gates.id).status == "draft"
    assert ana_chat.pending_question(ref) is not None


@pytest.mark.parametrize(
    "text",
    [
        "I submitted it!",  # which one? the coach asks
        "I submitted the Gates and the Dell applications.",  # two: ambiguous
        "I haven't submitted the Gates application yet.",
        "Should I say I submitted the Gates application?",
    ],
)
def test_no_question_without_clear_news_about_one_application(
    ana_chat: ChatService, ana_repo: Repository, text: str
) -> None:
    gates = track(ana_repo, GATES)
    track(ana_repo, "Dell Scholars Program")
    ref = news_turn(ana_chat, text)
    assert ana_chat.pending_question(ref) is None
    assert "pending_transition" not in application(ana_repo, gates.id).metadata
    note = ana_chat.news_note(ref)
    if "haven't" in text or text.endswith("?"):  # a hedge or a question is no news at all
        assert note is None
    else:  # news, but of which application? The note says nothing was recorded
        assert note is not None and "nothing was recorded" in note[1]


def test_news_about_an_application_already_in_that_state_says_so(
    ana_chat: ChatService, ana_repo: Repository
) -> None:
    """The coach congratulates and says a status is recorded once confirmed; when there is
    nothing to record, the note under the reply says why instead of leaving that promise."""
    gates = track(ana_repo, GATES)
    ref = news_turn(ana_chat, "I submitted the Gates application!")
    "".join(ana_chat.answer(ref, True))
    assert application(ana_repo, gates.id).status == "submitted"
    "".join(ana_chat.send(ref, "I submitted the Gates application today."))
    assert ana_chat.pending_question(ref) is None
    assert ana_chat.news_note(ref) == (
        2,
        "The Gates Scholarship is already marked submitted: there was nothing new to record.",
    )


def test_only_the_scholarship_coach_acts_on_news(
    ana_chat: ChatService, ana_repo: Repository
) -> None:
    gates = track(ana_repo, GATES)
    ref = ana_chat.open(ana_chat.new_session("communication_coach"))
    "".join(ana_chat.send(ref, "I submitted the Gates application!"))
    assert ana_chat.pending_question(ref) is None
    assert "pending_transition" not in application(ana_repo, gates.id).metadata


def test_won_and_lost_are_both_asked_before_anything_is_written(
    ana_chat: ChatService, ana_repo: Repository
) -> None:
    gates = track(ana_repo, GATES)
    dell = track(ana_repo, "Dell Scholars Program")
    ref = news_turn(ana_chat, "I was awarded the Dell scholarship!")
    question = ana_chat.pending_question(ref)
    assert question is not None and question.question == "Mark Dell Scholars Program as won?"
    said = "".join(ana_chat.answer(ref, True))
    assert said.startswith("Recorded: Dell Scholars Program is won")
    won = application(ana_repo, dell.id)
    assert won.status == "awarded" and won.confirmed_at is not None

    "".join(ana_chat.send(ref, "The Gates committee rejected me."))
    question = ana_chat.pending_question(ref)
    assert question is not None and question.question == "Mark the Gates Scholarship as lost?"
    assert application(ana_repo, gates.id).status == "draft"  # nothing yet
    said = "".join(ana_chat.answer(ref, True))
    assert said == (
        "Recorded: The Gates Scholarship is marked as lost. You can change it on the game plan."
    )
    assert application(ana_repo, gates.id).status == "rejected"


def test_lost_read_wrongly_costs_a_not_now_and_changes_nothing(
    ana_chat: ChatService, ana_repo: Repository
) -> None:
    """A sentence read without a model can be wrong: saying no to 'Mark … as lost?' leaves the
    application where it was, on the plan."""
    gates = track(ana_repo, GATES)
    ref = news_turn(ana_chat, "I didn't get the Gates scholarship, they emailed me today.")
    question = ana_chat.pending_question(ref)
    assert question is not None and question.question == "Mark the Gates Scholarship as lost?"
    assert "".join(ana_chat.answer(ref, False)) == "Okay, not recorded."
    assert application(ana_repo, gates.id).status == "draft"
    assert ana_chat.pending_question(ref) is None


@pytest.mark.parametrize(
    "text",
    [
        "I think I lost my Gates scholarship essay file, my laptop crashed.",
        "I'm scared I won't get the Gates scholarship.",
        "I'm stressed, I feel like I won't get any money from Gates.",
    ],
)
def test_a_worry_or_a_lost_file_is_no_news(
    ana_chat: ChatService, ana_repo: Repository, text: str
) -> None:
    gates = track(ana_repo, GATES)
    ref = news_turn(ana_chat, text)
    assert ana_chat.pending_question(ref) is None
    assert ana_chat.news_note(ref) is None
    assert application(ana_repo, gates.id).status == "draft"
    reply = "".join(r.coach_response for r in ana_chat.transcript(ref))
    assert "Congratulations" not in reply and "rejection" not in reply


def test_confirmed_elsewhere_first_is_still_said_once_and_written_once(
    ana_chat: ChatService, ana_repo: Repository
) -> None:
    """The game plan's dialog reads the same pending proposal: confirmed there first, the
    chat's Confirm finds the token used, writes nothing more and says it is recorded."""
    gates = track(ana_repo, GATES)
    ref = news_turn(ana_chat)
    token = UUID(application(ana_repo, gates.id).metadata["pending_transition"]["token"])
    elsewhere = ana_repo.confirm_status(application_id=gates.id, confirmation_token=token)
    said = "".join(ana_chat.answer(ref, True))  # a chat page drawn before that
    assert said == (
        "Answered on your game plan. Recorded: The Gates Scholarship is submitted. "
        "I'll check in with you in three weeks."
    )
    assert application(ana_repo, gates.id).submitted_at == elsewhere.submitted_at
    assert len(ana_repo.list_check_ins(user_id=elsewhere.user_id)) == 1


@pytest.mark.parametrize("on_the_game_plan", ["confirmed", "cancelled"])
def test_a_question_answered_on_the_game_plan_is_not_asked_again_in_the_chat(
    ana_chat: ChatService, ana_repo: Repository, on_the_game_plan: str
) -> None:
    """An audit found the chat still asking "Mark … as submitted?" after the Game plan's
    dialog had answered it; its Confirm then said "expired", its Not now "not recorded"."""
    gates = track(ana_repo, GATES)
    ref = news_turn(ana_chat)
    token = UUID(application(ana_repo, gates.id).metadata["pending_transition"]["token"])
    if on_the_game_plan == "confirmed":
        ana_repo.confirm_status(application_id=gates.id, confirmation_token=token)
    else:
        ana_repo.withdraw_status(application_id=gates.id, confirmation_token=token)

    assert ana_chat.pending_question(ref) is None  # the chat page draws no question
    note = ana_chat.news_note(ref)
    assert note is not None
    assert note[1] == (
        "Answered on your game plan. Recorded: The Gates Scholarship is submitted. "
        "I'll check in with you in three weeks."
        if on_the_game_plan == "confirmed"
        else "Answered on your game plan: nothing was recorded."
    )
    status = application(ana_repo, gates.id).status
    assert status == ("submitted" if on_the_game_plan == "confirmed" else "draft")
    reply = "".join(ana_chat.send(ref, "Thanks. What should I work on next?"))
    assert reply and ana_chat.pending_question(ref) is None  # the chat goes on
    assert len(ana_chat.transcript(ref)) == 2


def test_a_rejection_in_the_students_words_is_news_not_an_answer(
    ana_chat: ChatService, ana_repo: Repository
) -> None:
    """A re-audit: "i didnt get gates :(" (the title in the student's words, no prize word)
    got the coach's sympathy but was scored 2 as an answer; nothing is proposed for it (a
    sentence read without a model records no Lost), and a look-alike is still an answer."""
    gates = track(ana_repo, GATES)
    ref = news_turn(ana_chat, "i didnt get gates :(")
    [round_] = ana_chat.transcript(ref)
    assert round_.coach_response.startswith("I'm sorry — a rejection stings")
    assert round_.score is None
    assert round_.not_scored_reason == "news about an application, not an answer"
    assert application(ana_repo, gates.id).status == "draft"
    other = news_turn(ana_chat, "my mom said no")
    [answer] = ana_chat.transcript(other)
    assert answer.not_scored_reason is None


def test_picking_the_item_to_work_on_is_not_scored(
    ana_chat: ChatService, ana_repo: Repository
) -> None:
    track(ana_repo, GATES)
    ref = news_turn(ana_chat, "Let's do the Gates Scholarship.")
    [round_] = ana_chat.transcript(ref)
    assert round_.coach_response.startswith("Today, focus on The Gates Scholarship")
    assert round_.score is None
    assert round_.not_scored_reason == "choosing what to work on, not an answer"
