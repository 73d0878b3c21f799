"""News in chat that is progress or goes unanswered: work begun moves an application to
Drafting and a whole draft to Review (each asked first), a question the learner talks past is
left unanswered and said so, and a scholarship not on the plan is named. On the real Postgres
checkpointer with the offline coach."""

from __future__ import annotations

from typing import Any

import pytest
from langchain_core.messages import AIMessage, HumanMessage

from coach.coach_state import CoachState, application_coach_state
from db.repository import Repository
from graph.chat import ChatService
from graph.chat_news import answered_news, route_recorded
from tests.graph.chat_steps import GATES, application, news_turn, track, turn


@pytest.mark.parametrize(
    ("text", "note"),
    [
        (
            "I submitted the Gates application!",
            "Not recorded yet: you can confirm the Gates Scholarship on the Game plan page.",
        ),
        (
            "The Gates committee rejected me.",
            "Not recorded, as you went on. You can mark it on the Game plan page.",
        ),
    ],
)
def test_talking_on_past_a_question_leaves_it_unanswered_and_says_so(
    ana_chat: ChatService, ana_repo: Repository, text: str, note: str
) -> None:
    """The chat was locked until Confirm or Not now; now the next message goes through, the
    question is left unanswered (a Submitted proposal stays for the Game plan's dialog) and
    the line under its round says so."""
    gates = track(ana_repo, GATES)
    ref = news_turn(ana_chat, text)
    assert ana_chat.pending_question(ref) is not None
    reply = "".join(ana_chat.send(ref, "What should I work on next?"))
    assert reply and ana_chat.pending_question(ref) is None
    assert [r.learner_message for r in ana_chat.transcript(ref)] == [
        text,
        "What should I work on next?",
    ]
    assert ana_chat.news_notes(ref) == {1: note}
    today = "".join(ana_chat.send(ref, "what should i do today?"))
    if text.startswith("I submitted"):
        # its Yes waits on the Game plan: not planned again (a journey audit's coach said
        # "focus on" the application just said to be sent)
        assert "focus on The Gates Scholarship" not in today
    else:  # nothing waits: still on the plan
        assert "Gates" in today and "submitted or decided" not in today
    app = application(ana_repo, gates.id)
    assert app.status == "draft"  # nothing written
    assert ("pending_transition" in app.metadata) == text.startswith("I submitted")


def test_news_about_a_scholarship_not_on_the_plan_names_it(
    ana_chat: ChatService, ana_repo: Repository
) -> None:
    """A browser audit: "i got rejected from the dell scholarship", Dell not tracked, got "I
    couldn't tell which of your tracked applications you meant"; the student had named it."""
    track(ana_repo, GATES)
    ref = news_turn(ana_chat, "i got rejected from the dell scholarship")
    assert ana_chat.pending_question(ref) is None
    assert ana_chat.news_note(ref) == (
        1,
        "Dell Scholars Program isn't on your game plan, so nothing was recorded. To keep count "
        "of it, track it in Discovery, then mark it on the Game plan page.",
    )


def test_work_begun_is_asked_about_and_moves_the_application_to_drafting(
    ana_chat: ChatService, ana_repo: Repository
) -> None:
    """A run-through: "i started the gates essay, got like half a page" left the game plan at
    "Tracked · Start your draft · No progress for 5 days"."""
    gates = track(ana_repo, GATES)
    ref = news_turn(ana_chat, "i started the gates essay, got like half a page")
    question = ana_chat.pending_question(ref)
    assert question is not None
    assert question.question == "Move the Gates Scholarship to Drafting on your game plan?"
    assert application_coach_state(application(ana_repo, gates.id)) is CoachState.TRACKED
    [round_] = ana_chat.transcript(ref)
    assert round_.score is None  # news, not an answer to the coach's question
    assert round_.not_scored_reason == "news about an application, not an answer"
    said = "".join(ana_chat.answer(ref, True))
    assert said.startswith("Recorded: The Gates Scholarship is in Drafting on your game plan.")
    assert application_coach_state(application(ana_repo, gates.id)) is CoachState.DRAFTING
    # under way already: said again, nothing is asked
    "".join(ana_chat.send(ref, "im working on the gates essay again, the intro is done"))
    assert ana_chat.pending_question(ref) is None
    # and the whole draft: to Review, on the same Confirm
    "".join(ana_chat.send(ref, "i finished my whole gates draft"))
    question = ana_chat.pending_question(ref)
    assert question is not None
    assert question.question == "Move the Gates Scholarship to Review on your game plan?"
    said = "".join(ana_chat.answer(ref, True))
    assert said.startswith("Recorded: The Gates Scholarship is ready for review")
    assert application_coach_state(application(ana_repo, gates.id)) is CoachState.REVIEW


@pytest.mark.parametrize("where", ["not now", "on the game plan"])
def test_work_begun_said_no_to_or_moved_elsewhere_is_written_once_or_not_at_all(
    ana_chat: ChatService, ana_repo: Repository, where: str
) -> None:
    gates = track(ana_repo, GATES)
    ref = news_turn(ana_chat, "I've been working on my Gates essay")
    assert ana_chat.pending_question(ref) is not None
    if where == "not now":
        assert "".join(ana_chat.answer(ref, False)) == "Okay, not recorded."
        assert application_coach_state(application(ana_repo, gates.id)) is CoachState.TRACKED
    else:
        ana_repo.move_application(application_id=gates.id, state="drafting")
        assert ana_chat.pending_question(ref) is None  # settled there: not asked again
        note = ana_chat.news_note(ref)
        assert note is not None and note[1].startswith(
            "Answered on your game plan. Recorded: The Gates Scholarship is in Drafting"
        )
    assert ana_chat.pending_question(ref) is None


def test_news_with_a_step_to_come_is_also_an_answer_and_scored(
    ana_chat: ChatService, ana_repo: Repository
) -> None:
    """An audit: "Mr. Okafor… has agreed to write the letter. I'll send him the link… tonight
    at 7…" was recorded as news, unscored, and left out of the report card, which then named
    self-advocacy the weakest skill."""
    track(ana_repo, GATES)
    ref = news_turn(
        ana_chat,
        "Mr. Okafor, my physics teacher, has agreed to write my Gates letter. I'll send him the "
        "link and my resume tonight at 7, and ask him to submit by Monday.",
    )
    [round_] = ana_chat.transcript(ref)
    assert round_.not_scored_reason is None and round_.score is not None
    told = news_turn(ana_chat, "Mr. Okafor agreed to write my Gates letter!")
    [news] = ana_chat.transcript(told)
    assert news.score is None


def test_a_no_typed_as_a_sentence_withdraws_the_question(
    ana_chat: ChatService, ana_repo: Repository
) -> None:
    """An audit: "wait actually no i didnt yet, my counselor still has to send the nomination"
    under "Mark the Gates Scholarship as submitted?" left the Submitted waiting on the Game
    plan for a Yes the student had just said was untrue."""
    gates = track(ana_repo, GATES)
    ref = news_turn(ana_chat, "i submitted the gates scholarship today!!")
    assert "pending_transition" in application(ana_repo, gates.id).metadata
    "".join(
        ana_chat.send(
            ref, "wait actually no i didnt yet, my counselor still has to send the nomination"
        )
    )
    assert ana_chat.pending_question(ref) is None
    assert ana_chat.news_notes(ref) == {1: "Okay, not recorded."}
    app = application(ana_repo, gates.id)
    assert app.status == "draft" and "pending_transition" not in app.metadata


def test_still_waiting_under_a_proposed_win_withdraws_it(
    ana_chat: ChatService, ana_repo: Repository
) -> None:
    """An audit: "I won!", then "still waiting actually" past the question, left the Won
    proposed on the Game plan, one click from being recorded."""
    gates = track(ana_repo, GATES)
    sent = ana_repo.propose_status(application_id=gates.id, status="submitted")
    assert sent.confirmation_token is not None
    ana_repo.confirm_status(application_id=gates.id, confirmation_token=sent.confirmation_token)
    ref = news_turn(ana_chat, "I won the Gates scholarship!")
    assert "pending_transition" in application(ana_repo, gates.id).metadata
    "".join(ana_chat.send(ref, "sorry, I'm still waiting actually"))
    assert ana_chat.pending_question(ref) is None
    app = application(ana_repo, gates.id)
    assert app.status == "submitted" and "pending_transition" not in app.metadata


def test_a_submission_taken_back_is_asked_about_and_reopens_the_application(
    ana_chat: ChatService, ana_repo: Repository
) -> None:
    """An audit: confirmed as sent, then "oh wait no. i only saved it as a draft, i didnt hit
    submit. can you undo that" was scored 4/10 and the plan kept it as sent, 4 days before it
    closed. Now the coach asks, and Yes reopens it as Drafting, its check-in gone."""
    gates = track(ana_repo, GATES)
    ref = news_turn(ana_chat, "i submitted the gates scholarship today!!")
    assert "".join(ana_chat.answer(ref, True)).startswith("Recorded: The Gates Scholarship")
    assert application(ana_repo, gates.id).status == "submitted"

    reply = "".join(
        ana_chat.send(
            ref, "oh wait no. i only saved it as a draft, i didnt hit submit. can you undo that"
        )
    )
    assert reply.startswith("Thanks for catching that")
    question = ana_chat.pending_question(ref)
    assert question is not None
    assert question.question == "Move the Gates Scholarship back to Drafting, as not submitted?"
    last = ana_chat.transcript(ref)[-1]
    assert (
        last.score is None and last.not_scored_reason == "news about an application, not an answer"
    )
    said = "".join(ana_chat.answer(ref, True))
    assert said.startswith("Recorded: The Gates Scholarship is back in Drafting, not submitted.")
    app = application(ana_repo, gates.id)
    assert app.status == "draft" and app.submitted_at is None
    assert application_coach_state(app) is CoachState.DRAFTING
    # nothing sent now: said again, there is nothing to take back
    "".join(ana_chat.send(ref, "yeah i didnt submit the gates one"))
    assert ana_chat.pending_question(ref) is None


def test_the_answer_to_what_did_they_say_is_read_as_news() -> None:
    """A regression audit: "no" to the coach's "…: what did they say?" (after a check-in's
    "yes") was dropped, and "it was a no" scored 1/10; the graph reads them as the news."""
    for said, news in (("no", "they said no"), ("it was a yes", "they said yes")):
        state: Any = {
            "messages": [
                HumanMessage("yes"),
                AIMessage("If it was a yes or a no, I'll help you record it: what did they say?"),
                HumanMessage(said),
            ]
        }
        assert answered_news(state) == news
        assert route_recorded(state) == "propose_news"
    elsewhere: Any = {"messages": [AIMessage("Is it due Friday?"), HumanMessage("no")]}
    assert answered_news(elsewhere) == "no" and route_recorded(elsewhere) == "__end__"


def test_a_win_said_in_few_words_is_kept_as_news_not_as_thanks(ana_chat: ChatService) -> None:
    """A regression audit: "I got it!" was kept as "a thank-you or a greeting"."""
    session = ana_chat.new_session("scholarship_coach")
    turn(ana_chat, session, "I got it!")
    [row] = ana_chat.transcript(ana_chat.open(session))
    assert row.not_scored_reason == "news about an application, not an answer"


def test_i_submitted_it_means_the_one_the_coach_just_asked_about(
    ana_chat: ChatService, ana_repo: Repository
) -> None:
    """An audit: "I submitted it", to "…the next piece of Hometown you'll do?", was
    congratulated, then asked about Hometown again; nothing was ever asked to confirm."""
    gates = track(ana_repo, GATES)
    track(ana_repo, "Dell Scholars Program")
    session = ana_chat.new_session("scholarship_coach")
    first = turn(ana_chat, session, "hi")
    assert "Gates" in first.rsplit(". ", 1)[-1], first  # the one its question is about
    turn(ana_chat, session, "I submitted it")
    question = ana_chat.pending_question(ana_chat.open(session))
    assert question is not None and question.application_id == gates.id


def test_news_to_any_coach_is_met_as_news_and_not_scored(ana_chat: ChatService) -> None:
    """A recheck: "rejected :(" to the sales coach got the loss-review advice and 2/10."""
    session = ana_chat.new_session("sales_workflow_coach")
    turn(ana_chat, session, "hi")
    reply = turn(ana_chat, session, "rejected :(")
    assert reply.startswith("Losing a deal hurts"), reply
    last = ana_chat.transcript(ana_chat.open(session))[-1]
    assert (last.score, last.not_scored_reason) == (None, "news, not an answer")
