"""Whether an answer takes up the coach's question: a doubtful "?" on a statement is not a
question of the learner's own, "tbh" is not a change of subject, and asking for a shopping tip
is off-topic."""

from __future__ import annotations

from coach.answer_fit import asks_back, echoes, picks_offered, relevance
from tests.unit.rubric_cases import COMMS, SALES, SCHOL, assess

QUESTION = "What do you know so far about how we handle secrets in the services?"


def test_a_statement_with_a_doubtful_question_mark_does_not_ask_back() -> None:
    assert not asks_back("i think they're in Vault? saw a sidecar in the charts")
    assert asks_back("whats a good laptop for school?")
    assert asks_back("ok but can we talk about something else?")


def test_an_unsure_answer_on_the_topic_is_not_off_topic() -> None:
    fit = relevance(
        "i think they're in Vault? saw a vault-agent sidecar in the helm charts", 0, QUESTION
    )
    assert not fit.off_topic


def test_tbh_is_not_a_deflection() -> None:
    answer = "an 80-person accounting firm, onboarding runs on spreadsheets, not sure who signs tbh"
    assert not relevance(answer, 0, "Tell me about the prospect you're working with.").off_topic


def test_a_shopping_question_is_off_topic() -> None:
    answer = "whats a good mechanical keyboard under $100? mine is dying"
    assert relevance(answer, 0, "What system are you designing?", topic_words=0).off_topic


def test_a_day_named_is_new_not_an_echo() -> None:
    """A browser audit: "the hometown one is monday", after a question naming the Hometown
    scholarship, was scored as repeating the question."""
    asked = "How many hours can you give Hometown Community Foundation Scholarship before then?"
    assert not echoes("the hometown one is monday", asked)
    assert echoes("hometown community foundation scholarship hours", asked)


def test_tell_me_about_asks_for_a_description_not_a_line_to_say() -> None:
    """An audit: the first sales answer, the prospect described with a name, a contact, a
    pain in numbers and the stage, scored 3 as not taking up "Tell me about the prospect"."""
    answer = (
        "It's Brightline Dental, four practices. My contact is Dana, the office manager. They "
        "lose about 15 appointments a week to no-shows and still confirm by phone. We're in "
        "discovery."
    )
    result = assess(answer, SALES, "Tell me about the prospect you are working with.")
    assert result.score >= 5
    fit = relevance(answer, 0, "Tell me about the prospect you are working with.")
    assert fit.score is not None and fit.score >= 0.5


def test_taking_up_the_advice_before_the_question_is_no_echo() -> None:
    """A run-through: after the coach's answer about Postgres and transactions, "postgres,
    orders and payments need transactions" was scored 2 as "That repeats the coach's
    question". Only the question is measured closely; the whole message counts only when it
    is copied near word for word."""
    said = (
        "Let access patterns decide: a relational database when you need joins, transactions "
        "and ad-hoc queries. Most systems under a few terabytes are well served by Postgres. "
        "Which option costs more to operate at 3 a.m., and does your team size allow it?"
    )
    assert not echoes("postgres, orders and payments need transactions", said)
    assert echoes("which option costs more to operate, does my team size allow it?", said)
    opening = "Let's agree on one small next step with a time. What will it be?"
    assert echoes("one small next step with a time", opening)


def test_in_a_role_play_any_question_to_the_other_side_is_a_line_said() -> None:
    """A run-through: "who else is involved in the decision?" to "send me a proposal" scored
    2, below "what are you using today?" (5): with no "you" it was not read as said to anyone."""
    scene = (
        "Let's rehearse it. I'll play Dana Reyes. Prospect (role-play): “Just send me a "
        "proposal and I'll take a look.”"
    )
    asked = relevance("who else is involved in the decision?", 0, scene)
    assert asked.score is not None and asked.score > 0.5
    assert assess("who else is involved in the decision?", SALES, scene).score >= 4
    assert assess("ok", SALES, scene).score <= 2
    # outside a scene the same words are a question back at the coach, not an answer
    assert relevance("who else is involved?", 0, "What is the deal's stage?").off_topic


VOICE = "What do you do with your own voice and pace when the customer's rises?"


def test_what_you_do_told_in_the_present_answers_what_do_you_do_when() -> None:
    """An audit: the best answer to the coach's own question scored 2/10. "When the
    customer's rises" asked for no date, and "I slow down… Then I play back…" promised no
    step, so the answer read as not taking the question up."""
    answer = (
        "I slow down and drop my volume a notch, keep sentences short, and let her finish "
        "without interrupting. Then I play back the one thing she most needs, the refund date, "
        "before I say anything about process."
    )
    fit = relevance(answer, 0, VOICE)
    assert fit.score is not None and fit.score >= 0.5
    assert assess(answer, COMMS, VOICE).score >= 4
    assert relevance("I think it's hard honestly.", 0, VOICE).score == 0.0


HINTED = (
    "Coach's hint: acknowledge and ask before you defend: 'Fair question — besides price, how "
    "are you comparing us? And what is the way you do it today costing you each month?' Then "
    "tie your price to that number. Now try it in your own words. Prospect (role-play): "
    "“Honestly, you're about 30% more than what we use now. Why would I pay more?”"
)


def test_taking_up_the_hint_is_no_line_said_back_to_the_other_side() -> None:
    """A role-play audit: the hint's own words, "Fair question, what are you comparing us
    with?", scored 2/10 as "That says their line back to them"."""
    took_it = assess("Fair question, what are you comparing us with?", SALES, HINTED)
    assert "says their line back" not in took_it.feedback and took_it.score >= 5
    parroted = assess("Why would you pay more?", SALES, HINTED)
    assert "says their line back" in parroted.feedback


def test_the_learners_own_words_quoted_back_or_an_option_picked_are_no_echo() -> None:
    """An audit: a plan said twice scored 7/10, then 1/10 "repeats the coach's question" (the
    coach's "You said: …" held it); "working on one", to the opening's "working on one, or
    just getting started?", 1/10 the same."""
    plan = "I'll write the first draft of the Hometown essay tonight at 8pm"
    quoted = f"You said: “{plan}”. What works: you're working to the deadline. What's next?"
    first = assess(plan, SCHOL, "What's the next piece of Hometown you'll do, and when?")
    again = assess(plan, SCHOL, quoted)
    assert first.score >= 7 and again.score >= 7
    opening = (
        "Hi! I'm your scholarship coach, and I work from your game plan. Where are you with "
        "scholarships right now: working on one, or just getting started?"
    )
    assert "repeats the coach's question" not in assess("working on one", SCHOL, opening).feedback
    # the coach's own question said back is still one
    asked = "Which part of the essay will you write first, and when?"
    echo = assess("which part of the essay will you write first and when", SCHOL, asked)
    assert "repeats the coach's question" in echo.feedback


def test_a_pick_said_with_stage_or_i_think_is_a_pick() -> None:
    """An audit: "proposal stage", to "Where is this deal really: qualification, discovery,
    proposal, negotiation or close…?", read "That repeats the coach's question" (2/10)."""
    asked = (
        "Where is this deal really: qualification, discovery, proposal, negotiation or close "
        "— and what evidence puts it there?"
    )
    for said in ("proposal stage", "discovery i think", "we're in negotiation"):
        assert picks_offered(said, asked), said
        assert "repeats the coach's question" not in assess(said, SALES, asked).feedback
    assert not picks_offered("proposal stage with the CFO next week", asked)
