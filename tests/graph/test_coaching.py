"""What a chat round is scored against, and which rounds are kept but never scored
(graph/coaching.py: assess, assess_and_record): the persona's own words pasted back score as
nothing said; a question to the coach, thanks, an incident, a yes to a role-play and an aside
are recorded with the reason they were not scored, while a question asked inside a
role-play is an answer."""

from __future__ import annotations

import pytest

from db.errors import ValidationFailed
from db.repository import Repository
from graph.chat import ChatService
from tests.graph.chat_steps import GATES, track, turn


def test_the_coachs_own_words_pasted_back_score_as_nothing_said(ana_chat: ChatService) -> None:
    """The round is scored with the persona's prompt to hand, not only the question."""
    session = ana_chat.new_session("communication_coach")
    turn(
        ana_chat,
        session,
        "Teach de-escalation, expectation management, and positive framing. Give specific, "
        "actionable feedback on communication techniques.",
    )
    [row] = ana_chat.transcript(ana_chat.open(session))
    assert row.score is not None and row.score <= 2


def test_a_question_to_the_coach_or_a_thank_you_is_kept_but_never_scored(
    ana_chat: ChatService,
) -> None:
    """Asking the coach is what it is there for: 'What should I do first?' used to score 1/10
    ('That does not answer the coach's question') and sink the report card. It is recorded
    with why it has no score, is not taken for a failed judge (no rescoring on the next
    message), and leaves every average to the answers."""
    session = ana_chat.new_session("sales_workflow_coach")
    ref = ana_chat.open(session)
    turn(ana_chat, session, "What should I do first?")
    turn(ana_chat, session, "I'd ask Dana what the manual invoicing costs them each month.")
    turn(ana_chat, session, "Thanks, that helps a lot.")
    asked, answered, thanks = ana_chat.transcript(ref)
    assert asked.score is None and asked.feedback is None and asked.dimension_scores is None
    assert asked.not_scored_reason == "a question to the coach, not an answer"
    assert thanks.not_scored_reason == "a thank-you or a greeting, not an answer"
    assert answered.score is not None and answered.not_scored_reason is None
    assert not asked.awaits_score and not thanks.awaits_score
    [summary] = [s for s in ana_chat.list_sessions() if s.session_id == session]
    assert summary.rounds == 3 and summary.unscored_rounds == 0
    assert summary.average_score == answered.score
    report = ana_chat.end_session(session)
    assert report.rounds_scored == 1 and float(report.overall_average) == answered.score
    assert ana_chat.transcript(ref)[0].score is None  # ending the session did not score it

    only_asked = ana_chat.new_session("sales_workflow_coach")
    turn(ana_chat, only_asked, "Can you give me an example?")
    with pytest.raises(ValidationFailed, match="Answer one of the coach's questions"):
        ana_chat.end_session(only_asked)


def test_an_incident_and_news_that_it_is_handled_are_kept_but_never_scored(
    ana_chat: ChatService,
) -> None:
    """A student who just dropped a table on prod was given a red flag and 1/10 for saying
    so, which teaches them to hide the next one; the answer to what would have caught it is
    scored as usual."""
    session = ana_chat.new_session("onboarding_mentor")
    ref = ana_chat.open(session)
    turn(ana_chat, session, "I just pushed a drop table on prod")
    turn(ana_chat, session, "ok it's fixed now, my lead restored it")
    turn(
        ana_chat,
        session,
        "A code review would have caught it, and I shouldn't have had write access.",
    )
    confessed, over, lesson = ana_chat.transcript(ref)
    assert confessed.score is None and confessed.feedback is None
    assert confessed.not_scored_reason == "an incident happening now, not an answer"
    assert confessed.coach_response.startswith("That's an incident, and it's happening now")
    assert over.not_scored_reason == "news that the incident is handled, not an answer"
    assert lesson.score is not None and lesson.not_scored_reason is None


def test_a_yes_to_the_offer_of_a_role_play_is_kept_but_never_scored(
    ana_chat: ChatService,
) -> None:
    """A re-audit: "ya" to "shall we rehearse it?" was scored 2/10 as an answer."""
    session = ana_chat.new_session("communication_coach")
    ref = ana_chat.open(session)
    turn(ana_chat, session, "my roommate never does the dishes")
    turn(ana_chat, session, "ya")
    told, yes = ana_chat.transcript(ref)
    assert "so you can rehearse it" in told.coach_response
    assert (
        yes.score is None and yes.not_scored_reason == "a short reply to the coach, not an answer"
    )
    assert "Your roommate (role-play)" in yes.coach_response


def test_a_yes_to_an_offer_made_rounds_ago_is_not_read_as_a_line_in_the_role_play(
    ana_chat: ChatService,
) -> None:
    """A browser audit: the offer came in round 1, an answer in round 2, then "ya" began the
    role-play and was scored 2/10, read as the learner's first line to the member."""
    session = ana_chat.new_session("communication_coach")
    ref = ana_chat.open(session)
    turn(ana_chat, session, "A member at the rec center yelled at me about a class fee.")
    turn(ana_chat, session, "I told her I could see why that was frustrating.")
    turn(ana_chat, session, "ya")
    *_, yes = ana_chat.transcript(ref)
    assert "(role-play):" in yes.coach_response  # it began the scene
    assert yes.score is None
    assert yes.not_scored_reason == "a short reply to the coach, not an answer"
    turn(ana_chat, session, "I'm so sorry about the fee. Let me look at your account now.")
    line = ana_chat.transcript(ref)[-1]
    assert line.score is not None  # the first line in the scene is scored


def test_inside_a_role_play_a_question_to_the_other_side_is_an_answer(
    ana_chat: ChatService,
) -> None:
    """'What do you mean by too expensive?' asks the coach outside a role-play; inside one it
    is the learner's line to the buyer, and it is scored."""
    session = ana_chat.new_session("sales_workflow_coach")
    ref = ana_chat.open(session)
    turn(ana_chat, session, "Let's role-play a price objection.")
    assert "Prospect (role-play):" in ana_chat.transcript(ref)[0].coach_response
    turn(ana_chat, session, "What do you mean by too expensive?")
    line = ana_chat.transcript(ref)[-1]
    assert line.score is not None and line.not_scored_reason is None


def test_inside_a_role_play_what_do_you_mean_is_kept_unscored_and_the_next_line_is_scored(
    ana_chat: ChatService,
) -> None:
    """A run-through: a bare "what do you mean?" to the prospect was scored 5 as a line; after
    the coach puts the line in plain words, the answer to it is scored as said in the scene."""
    session = ana_chat.new_session("sales_workflow_coach")
    ref = ana_chat.open(session)
    turn(ana_chat, session, "Let's role-play a price objection.")
    turn(ana_chat, session, "what do you mean?")
    turn(ana_chat, session, "Fair question. Besides price, how are you comparing us today?")
    _, meant, line = ana_chat.transcript(ref)
    assert meant.score is None
    assert meant.not_scored_reason == "asking what the last line meant, not an answer"
    assert meant.coach_response.startswith("Prospect (role-play): “I mean your price.")
    assert line.score is not None and line.score >= 6 and line.not_scored_reason is None


def test_an_aside_and_a_request_to_practise_are_kept_but_never_scored(
    ana_chat: ChatService,
) -> None:
    """A browser audit: "btw did u see the game last night lmao" got the coach's off-topic
    line but 1/10; "ugh my laptop is at 3% battery brb" 2/10; "can u play linda and push
    back on price" 2/10 and no role-play; "wait whats a modular monolith exactly" 1/10."""
    session = ana_chat.new_session("sales_workflow_coach")
    ref = ana_chat.open(session)
    turn(ana_chat, session, "btw did u see the game last night lmao")
    turn(ana_chat, session, "ugh my laptop is at 3% battery brb")
    turn(ana_chat, session, "can u play linda and push back on price")
    game, battery, cast = ana_chat.transcript(ref)
    assert game.coach_response.startswith("That's outside sales coaching")
    assert battery.coach_response.startswith("No rush — I'll be here when you're back.")
    assert "I'll play Linda" in cast.coach_response
    assert [r.not_scored_reason for r in (game, battery, cast)] == [
        "an aside, not an answer",
        "an aside, not an answer",
        "a question to the coach, not an answer",
    ]
    assert all(r.score is None and not r.awaits_score for r in (game, battery, cast))

    design = ana_chat.new_session("architecture_advisor")
    turn(ana_chat, design, "wait whats a modular monolith exactly")
    [asked] = ana_chat.transcript(ana_chat.open(design))
    assert asked.coach_response.startswith("A modular monolith is one app")
    assert asked.not_scored_reason == "a question to the coach, not an answer"


def test_a_message_in_another_language_is_kept_unscored_with_why(ana_chat: ChatService) -> None:
    """An audit wrote to the coaches in Spanish: every sentence scored 1-2/10 as "a list of
    fragments", and the coach answered in English as if nothing were odd. The offline coach
    reads English only: it says so in both languages and leaves the round unscored; an
    English answer after it is scored as ever."""
    session = ana_chat.new_session("architecture_advisor")
    ref = ana_chat.open(session)
    turn(ana_chat, session, "Usaría Postgres porque el equipo es pequeño y ya lo conoce")
    turn(ana_chat, session, "I'd use Postgres because our team of two already knows it.")
    spanish, english = ana_chat.transcript(ref)
    assert spanish.coach_response.startswith("I can only coach in English for now")
    assert "solo puedo dar coaching en inglés" in spanish.coach_response
    assert spanish.score is None and not spanish.awaits_score
    assert spanish.not_scored_reason == (
        "written in a language the practice coach cannot read yet, not scored"
    )
    assert english.score is not None


def test_a_word_or_two_the_coach_asks_more_of_is_not_scored(ana_chat: ChatService) -> None:
    """An audit: "caching", "postgres", "pytest" each scored 2/10 on every dimension beside
    the coach's own "Say a little more and I can give you real feedback on it"."""
    session = ana_chat.new_session("architecture_advisor")
    ref = ana_chat.open(session)
    turn(ana_chat, session, "caching")
    turn(ana_chat, session, "I'd cache the menu in Redis for 60 s because reads are 95%.")
    short, full = ana_chat.transcript(ref)
    assert short.coach_response.startswith("Say a little more")
    assert short.score is None and not short.awaits_score
    assert short.not_scored_reason == "too short to coach yet: the coach asked for a little more"
    assert full.score is not None


def test_telling_the_scholarship_coach_where_you_stand_is_kept_but_never_scored(
    ana_chat: ChatService,
) -> None:
    """A run-through with nothing tracked: "im a junior and i want to study nursing, 3.6 gpa",
    given in answer to the coach's own question, scored 2/10 as an answer about deadlines.
    The dated step after it is an answer, and is scored."""
    session = ana_chat.new_session("scholarship_coach")
    turn(ana_chat, session, "hi")
    turn(ana_chat, session, "im a junior and i want to study nursing, 3.6 gpa")
    turn(ana_chat, session, "I'll run a search in Discovery tonight at 8 for nursing")
    hello, stand, step = ana_chat.transcript(ana_chat.open(session))
    assert "we'll build your plan from the start" in hello.coach_response
    assert hello.coach_response.endswith("what year are you in, and what do you want to study?")
    assert stand.coach_response.startswith(
        "Good to know: “im a junior and i want to study nursing, 3.6 gpa”."
    )
    assert stand.not_scored_reason == "telling the coach where you stand, not an answer to score"
    assert stand.score is None and not stand.awaits_score
    assert step.not_scored_reason is None and step.score is not None


def test_the_system_a_learner_brings_is_kept_but_never_scored_and_its_numbers_are(
    ana_chat: ChatService,
) -> None:
    """A run-through with the architecture advisor: "im designing a notification system for
    our app, push and email", the brief before any step, was critiqued for the numbers it had
    yet to give and scored as an answer about requirements."""
    session = ana_chat.new_session("architecture_advisor")
    turn(ana_chat, session, "im designing a notification system for our app, push and email")
    turn(ana_chat, session, "about 100k users, spikes of 2k sends a second after marketing blasts")
    brief, numbers = ana_chat.transcript(ana_chat.open(session))
    assert brief.coach_response.startswith(
        "Good, a real system to work on: “a notification system for our app, push and email”."
    )
    assert "What's missing" not in brief.coach_response
    assert brief.not_scored_reason == (
        "telling the coach what you're working on, not an answer to score"
    )
    assert brief.score is None and not brief.awaits_score
    assert numbers.not_scored_reason is None and numbers.score is not None


def test_the_deal_a_learner_brings_and_a_bare_nod_are_kept_but_never_scored(
    ana_chat: ChatService,
) -> None:
    """A sales run-through: "im selling a scheduling app to hair salons" was critiqued ("What's
    missing: the process") and scored 2, and a bare "ok" was scored 2 beside the coach's
    "Say a little more"."""
    session = ana_chat.new_session("sales_workflow_coach")
    turn(ana_chat, session, "im selling a scheduling app to hair salons")
    turn(ana_chat, session, "ok")
    turn(ana_chat, session, "ill call the owner thursday at 10 and ask what's holding her back")
    deal, nod, step = ana_chat.transcript(ana_chat.open(session))
    assert deal.coach_response.startswith(
        "Good, a real deal to work on: “a scheduling app to hair salons”."
    )
    assert deal.not_scored_reason == (
        "telling the coach what you're working on, not an answer to score"
    )
    assert nod.not_scored_reason == "a short reply to the coach, not an answer"
    assert deal.score is None and nod.score is None and not nod.awaits_score
    assert step.not_scored_reason is None and step.score is not None


def test_a_paragraph_of_the_essay_is_coached_and_kept_but_never_scored(
    ana_chat: ChatService,
) -> None:
    """The scholarship coach's boundary offers to coach one paragraph; the pasted paragraph
    was critiqued against the plan ("What's missing: the date") and scored."""
    session = ana_chat.new_session("scholarship_coach")
    turn(ana_chat, session, "can you look at my intro?")
    turn(
        ana_chat,
        session,
        "When I was twelve, my mom lost her job and I started working at my uncle's taco truck "
        "after school. I learned to take orders in two languages and to keep going when I was "
        "tired.",
    )
    asked, read = ana_chat.transcript(ana_chat.open(session))
    assert read.coach_response.startswith("What works: you open inside a moment")
    assert read.not_scored_reason == "a paragraph of your essay to coach, not an answer to score"
    assert asked.score is None and read.score is None and not read.awaits_score


def test_the_other_sides_line_is_kept_but_never_scored_and_the_answer_to_it_is(
    ana_chat: ChatService,
) -> None:
    """A run-through with the communication coach: "she says: i didnt mean anything by it,
    we're a team" was praised as "clear and specific" and scored as the learner's own words."""
    session = ana_chat.new_session("communication_coach")
    turn(ana_chat, session, "my coworker keeps taking credit for my work in meetings")
    turn(ana_chat, session, "she says: i didnt mean anything by it, we're a team")
    turn(
        ana_chat,
        session,
        "i get that, and i want us both to get credit. next time can we say who did which part?",
    )
    _, line, answer = ana_chat.transcript(ana_chat.open(session))
    assert line.coach_response.startswith(
        "So your coworker comes back with “i didnt mean anything by it, we're a team”."
    )
    assert line.not_scored_reason == "what the other side says, not an answer to score"
    assert line.score is None and not line.awaits_score
    assert answer.not_scored_reason is None and answer.score is not None


def test_a_line_proposing_to_work_it_out_together_takes_up_the_question(
    ana_chat: ChatService,
) -> None:
    """A browser audit: a "we" line proposed to the roommate was "does not take up the
    coach's question" and scored 1."""
    session = ana_chat.new_session("communication_coach")
    turn(ana_chat, session, "my roommate keeps leaving dishes in the sink and i hate conflict")
    turn(ana_chat, session, "i want to tell him it bugs me without him getting mad")
    turn(
        ana_chat,
        session,
        "hey can we talk for a sec? ive noticed the dishes piling up and honestly its been "
        "stressing me out, could we figure out a system that works for both of us",
    )
    *_, line = ana_chat.transcript(ana_chat.open(session))
    assert line.score is not None
    reasons = (line.dimension_reasons or {}).values()
    assert not any("does not take up" in r for r in reasons), reasons


def test_the_scholarship_coach_keeps_a_question_after_its_background_unscored(
    ana_chat: ChatService,
) -> None:
    """A scholarship student's first week (an audit): "my parents did not know about FAFSA.
    do they need to sign it too?" was answered, then scored 3/10. To a practice coach the same
    shape is the story to practise, and is scored."""
    session = ana_chat.new_session("scholarship_coach")
    turn(ana_chat, session, "my parents did not know about FAFSA. do they need to sign it too?")
    [asked] = ana_chat.transcript(ana_chat.open(session))
    assert asked.score is None
    assert asked.not_scored_reason == "a question to the coach, not an answer"
    practice = ana_chat.new_session("communication_coach")
    turn(ana_chat, practice, "My manager keeps moving my deadlines. How do I bring it up?")
    [story] = ana_chat.transcript(ana_chat.open(practice))
    assert story.not_scored_reason is None and story.score is not None


def test_a_no_to_the_coachs_yes_or_no_question_is_kept_unscored_and_answered(
    ana_chat: ChatService, ana_repo: Repository
) -> None:
    """ "no" to "Is anything due sooner that isn't on your plan yet…?" got "Say a little
    more", as if a whole answer were not enough; it is said back and the chat goes on."""
    track(ana_repo, GATES)
    session = ana_chat.new_session("scholarship_coach")
    turn(ana_chat, session, "I'm working on the Gates application")
    turn(ana_chat, session, "yes")  # to an open question: too short
    turn(ana_chat, session, "yes")
    turn(ana_chat, session, "no")
    _, short, first, second = ana_chat.transcript(ana_chat.open(session))
    assert short.coach_response.startswith("Say a little more")
    assert short.coach_response.endswith("match what's on your own calendar?")
    assert first.coach_response.startswith("Good: then that's the date to plan back from. ")
    assert "Is anything due sooner" in first.coach_response
    assert second.coach_response.startswith("Good: The Gates Scholarship stays first. ")
    for row in (first, second):
        assert row.score is None and not row.awaits_score
        assert row.not_scored_reason == (
            "a yes or a no to the coach's question, not an answer to score"
        )
