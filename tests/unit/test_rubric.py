"""The offline rubric as a coach would check it: an answer that restates the question or
talks of other things scores low; a short, specific answer scores high; every dimension gets
a 1-10 score and a reason that quotes the learner; the same answer always gets the same
score; and a persona an admin added, with dimensions nobody wrote cues for, is still scored
sensibly. Harmful advice is in test_rubric_harm.py, attempts to game the score in
test_rubric_gaming.py; shared cases are in rubric_cases.py."""

from __future__ import annotations

import re

import pytest

# ARCH, COMMS, ONB, SALES, SCHOL and assess stay importable from here: test_red_flags.py
# imports them from this module
from coach.reading import read_answer
from coach.rubric import cue_hits, dimension_tip, load_rubrics, rubric_assessment, rubric_for
from coach.scoring import Assessment
from tests.unit.offline_coach_cases import DOMAINS, PERSONAS, reply
from tests.unit.rubric_cases import ARCH, COMMS, HARMFUL, ONB, SALES, SCHOL, SHORT_SPECIFIC, assess


@pytest.mark.parametrize(
    ("domain_id", "question", "paraphrase"),
    [
        (
            SALES,
            "Tell me about the prospect you are working with right now.",
            "The prospect I'm working with right now - let me tell you about them.",
        ),
        (
            ARCH,
            "What are the main requirements for the new search service?",
            "The main requirements for the new search service, I think.",
        ),
        (
            SCHOL,
            "What is the next step on your Gates application?",
            "My next step on my Gates application.",
        ),
        (
            COMMS,
            "How would you explain the billing change to an upset customer?",
            "I would explain the billing change to the upset customer.",
        ),
    ],
)
def test_restating_the_question_in_other_words_is_capped_at_2(
    domain_id: str, question: str, paraphrase: str
) -> None:
    result = assess(paraphrase, domain_id, question)
    assert result.score <= 2
    assert "repeats the coach's question" in result.feedback


@pytest.mark.parametrize(
    ("domain_id", "question", "pasted"),
    [
        (
            COMMS,
            "Which techniques would you use with this customer, and how?",
            "I would teach de-escalation, expectation management, and positive framing, and "
            "give specific, actionable feedback on communication techniques.",
        ),
        (
            ARCH,
            "What are the constraints on the new billing service?",
            "First I clarify requirements and constraints first, then guide evaluation of each "
            "option against requirements and explore failure modes and edge cases.",
        ),
        (
            ONB,
            "How will you learn the deployment pipeline this week?",
            "My plan: use progressive disclosure: start with fundamentals, build to advanced "
            "topics, and connect technical concepts to real team projects and use cases.",
        ),
    ],
)
def test_the_coachs_own_method_pasted_back_is_not_an_answer(
    domain_id: str, question: str, pasted: str
) -> None:
    """The persona's prompt is the coach's words, not the learner's, though not in the
    question just asked: pasted back, there is nothing left to score."""
    assert assess(pasted, domain_id, question).score <= 2


def test_a_term_the_coach_uses_said_in_the_learners_own_sentence_still_counts() -> None:
    question = "How did you calm the customer down on Tuesday's call?"
    answer = (
        "I used active listening: I repeated back that her order had been late twice, said "
        "I'd be frustrated too, and promised a call from me by 4pm Wednesday with the refund."
    )
    assert assess(answer, COMMS, question).score >= 7


@pytest.mark.parametrize(
    ("domain_id", "question", "answer"),
    [
        (
            SALES,
            "What would you ask to find out their budget?",
            "honestly whatever, did you watch the football last night?",
        ),
        (
            ARCH,
            "How would you shard the orders table?",
            "are you a bot? what's your favourite movie",
        ),
        (
            ONB,
            "What did you learn from the code review?",
            "I'm so hungry, thinking about pizza and then some gaming tonight lol",
        ),
        (
            COMMS,
            "How do you open the call with the upset client?",
            "the weather is awful here, rain all week, it's so boring",
        ),
    ],
)
def test_talk_about_other_things_is_off_topic(domain_id: str, question: str, answer: str) -> None:
    assert assess(answer, domain_id, question).score <= 2


@pytest.mark.parametrize(
    ("domain_id", "answer"),
    [
        (
            SALES,
            "im selling sponsorships for my robotics club, mostly pizza places and a dealership",
        ),
        (SALES, "selling ad space in our student paper to two gyms and a music store"),
        (ARCH, "a music streaming app for indie bands, about 500 concurrent listeners at peak"),
        (COMMS, "i work the front desk at the campus gym and a member screamed at me"),
    ],
)
def test_a_pastimes_word_naming_the_learners_business_is_not_off_topic(
    domain_id: str, answer: str
) -> None:
    """An audit: a first message about the learner's own situation scored 1-2 as off-topic
    (and the sales coach said "That's outside sales coaching") for "pizza places", "gyms",
    "a music streaming app", "the campus gym"."""
    result = assess(answer, domain_id, DOMAINS[domain_id].default_opening)
    assert "does not answer" not in result.feedback and "not an answer" not in result.feedback
    assert "outside" not in reply(answer, domain_id=domain_id)


def test_a_question_the_learner_would_put_to_the_other_side_is_not_a_deflection() -> None:
    """An audit: asked what the prospect's problem is, "What is the manual process costing
    you each month today?" was capped at 1 as not answering, beside the coach's own "That
    covers the business pain". A question back on the topic, off it, still is capped."""
    question = "What problem is the prospect trying to solve, in their words rather than yours?"
    asked = assess(
        "Fair question. What is the manual process costing you each month today?", SALES, question
    )
    assert asked.score >= 2 and "does not answer" not in asked.feedback
    redis = "What's the blast radius if the shared Redis cluster goes down?"
    pay = "do ML engineers get paid more than backend engineers?"
    assert assess(pay, ARCH, redis).score <= 2


@pytest.mark.parametrize(
    ("domain_id", "question", "answer"),
    [
        (
            SCHOL,
            "When will you ask for the recommendation letter?",
            "Tomorrow at 8am I'll email Ms. Lopez, because the Gates deadline is March 3.",
        ),
        (
            ARCH,
            "How long should the cache TTL be for prices?",
            "Five minutes: prices change hourly, so a stale read costs little and we save 90% of "
            "reads.",
        ),
        (
            ONB,
            "What's your first step on the flaky test?",
            "Rerun it 20 times locally with the same seed, then ask Priya why it touches the "
            "clock.",
        ),
    ],
)
def test_a_concise_answer_with_a_detail_and_a_step_lands_at_7_or_8(
    domain_id: str, question: str, answer: str
) -> None:
    assert len(answer.split()) <= 35
    assert 7 <= assess(answer, domain_id, question).score <= 8


@pytest.mark.parametrize(
    ("domain_id", "question", "answer"),
    [
        (COMMS, "What would you do differently next time?", "I'd be more careful next time."),
        (SALES, "How did the discovery call go?", "It went fine, they seemed nice."),
        (ONB, "How will you learn the billing module?", "Just keep at it and get better."),
    ],
)
def test_a_short_answer_with_no_detail_and_no_step_stays_at_4_or_below(
    domain_id: str, question: str, answer: str
) -> None:
    assert assess(answer, domain_id, question).score <= 4


@pytest.mark.parametrize("domain_id", sorted(SHORT_SPECIFIC))
def test_a_short_specific_reasoned_answer_scores_at_least_7(domain_id: str) -> None:
    question, answer = SHORT_SPECIFIC[domain_id]
    assert len(answer.split()) <= 25
    assert assess(answer, domain_id, question).score >= 7


def test_an_answer_to_the_question_beats_one_that_ignores_it() -> None:
    question = "Your Horizon essay is due in 48 hours. How much of it is done?"
    on = "About half: the intro and two body paragraphs. I'll finish the conclusion tonight."
    off = "do you know any good anime to watch this weekend? need a break lol"
    assert assess(on, SCHOL, question).score >= assess(off, SCHOL, question).score + 4
    assert assess(off, SCHOL, question).score <= 2


def test_conceding_on_price_is_named_in_the_objection_handling_reason() -> None:
    result = assess(
        "I'd just lower the price to close the deal this week.",
        SALES,
        "The buyer says it's too expensive. How do you respond?",
    )
    assert result.dimension_scores["objection_handling"] is not None
    assert result.dimension_scores["objection_handling"] <= 3
    assert "lower the price" in result.dimension_reasons["objection_handling"]


def test_a_figure_given_as_an_estimate_is_not_a_hedge() -> None:
    """An audit: "maybe $3k a week" was quoted back as a hedge and cost the answer a point."""
    question = "What problem is the prospect trying to solve, in their words rather than yours?"
    said = "Their dispatchers lose {} $3k a week re-keying orders, so the pain is measurable."
    estimate, exact = (
        assess(said.format("maybe"), SALES, question),
        assess(said.format("about"), SALES, question),
    )
    assert "hedges" not in estimate.feedback
    assert estimate.score == exact.score
    vague = assess("Their dispatchers maybe lose money re-keying orders.", SALES, question)
    assert "hedges" in vague.feedback


def test_a_promise_kept_whatever_happens_is_not_a_hedge() -> None:
    """An audit: "…3 pm tomorrow whatever happens" was quoted back as a hedge."""
    promise = assess(
        "I'll call you at 3 pm tomorrow with an update, whatever happens.",
        COMMS,
        "When will she hear from you next?",
    )
    assert "hedges" not in promise.feedback and promise.score >= 6
    shrug = assess("whatever, I'll call her", COMMS, "When will she hear from you next?")
    assert "hedges" in shrug.feedback


@pytest.mark.parametrize("domain_id", sorted(PERSONAS))
def test_every_reason_quotes_or_points_at_the_learners_words(domain_id: str) -> None:
    question, answer = SHORT_SPECIFIC[domain_id]
    for message in (answer, HARMFUL[domain_id][0], "ok maybe later"):
        result = assess(message, domain_id, question)
        assert set(result.dimension_reasons) == set(PERSONAS[domain_id].dimensions)
        flat = " ".join(message.split())
        for reason in result.dimension_reasons.values():
            assert len(reason) <= 200
            quoted = re.findall(r'"([^"]+)"', reason)
            assert quoted, reason
            assert any(q.strip("…") in flat for q in quoted), (reason, flat)
        assert 0 < len(result.feedback) <= 400


@pytest.mark.parametrize("domain_id", sorted(PERSONAS))
@pytest.mark.parametrize(
    "message", ["", "ok", "I will call the customer at 3pm on Friday.", "word " * 400]
)
def test_every_dimension_is_scored_1_to_10(domain_id: str, message: str) -> None:
    result = assess(message, domain_id, "What will you do next?")
    assert list(result.dimension_scores) == PERSONAS[domain_id].dimensions
    assert all(v is not None and 1 <= v <= 10 for v in result.dimension_scores.values())
    assert 1 <= result.score <= 10


@pytest.mark.parametrize("domain_id", sorted(PERSONAS))
@pytest.mark.parametrize(
    "message",
    [
        "Sure, let's design it.",
        "ok",
        "I will call the customer at 3pm on Friday.",
        "I'd ask Dana what the manual process costs them each month, because that is the pain.",
    ],
)
def test_the_overall_score_is_never_well_above_every_dimension(
    domain_id: str, message: str
) -> None:
    """A report card read 3.6 overall beside dimension averages of 2.2-2.6: an answer's
    overall may sit one above its best dimension, no more."""
    result = assess(message, domain_id, "What will you do next?")
    best = max(v for v in result.dimension_scores.values() if v is not None)
    assert result.score <= best + 1


def test_a_cue_in_a_thin_answer_is_not_praised() -> None:
    """'"Would you like to buy one" ties the offer to an outcome the buyer cares about, with a
    number' sat beside 2/10, followed by the same words as advice."""
    result = assess("Would you like to buy one", SALES, "Tell me about your prospect.")
    reason = result.dimension_reasons["value_articulation"]
    assert result.dimension_scores["value_articulation"] <= 3
    assert reason.startswith('only a hint of it in "Would you like to buy one"')
    assert "ties the offer" not in reason


def test_the_same_answer_always_gets_the_same_assessment() -> None:
    question, answer = SHORT_SPECIFIC[SCHOL]
    assert assess(answer, SCHOL, question) == assess(answer, SCHOL, question)
    harmful = HARMFUL[COMMS][0]
    assert assess(harmful, COMMS) == assess(harmful, COMMS)


def test_an_unknown_persona_with_made_up_dimensions_is_scored_sensibly() -> None:
    def score(message: str) -> Assessment:
        return rubric_assessment(
            message,
            domain_id="negotiation_dojo",
            coach_question="How will you prepare for Thursday's salary talk?",
            dimensions=["anchoring", "grit", "stakeholder_mapping"],
            knowledge_tags=["negotiation"],
            success_conditions="Learner prepares a concrete negotiation plan",
        )

    strong = score(
        "I'll open at $92k because the Glassdoor median for my role is $88k, and by Wednesday "
        "I'll ask my manager, Dana, which budget line this comes from."
    )
    vague = score("I think it will go fine, I'll just be confident and see what happens.")
    flagged = score("I'll lie about a competing offer so they feel pressure to pay more.")
    assert list(strong.dimension_scores) == ["anchoring", "grit", "stakeholder_mapping"]
    assert strong.score >= 7
    assert vague.score <= 4
    assert flagged.score <= 3
    assert all(strong.dimension_reasons.values())


def test_the_rubric_file_covers_every_seed_persona_dimension() -> None:
    rubrics = load_rubrics()
    for domain_id, persona in PERSONAS.items():
        assert set(rubrics.domains[domain_id]) == set(persona.dimensions)
    assert dimension_tip("objection_handling").startswith("acknowledge")
    assert dimension_tip("made_up_dimension")


def test_an_answer_strong_everywhere_gets_no_tip_its_scores_contradict() -> None:
    """An 8/10 on empathy beside "Next: name the customer's feeling first": the tip of the
    weakest dimension was given however high it scored."""
    answer = (
        "I'd say: 'I can hear how frustrating two weeks without your refund has been, and I'm "
        "sorry. I've checked: it was stuck in our payments queue. I've pushed it through now, "
        "so you'll see $120 back on your card by Friday, and I'll email you the confirmation "
        "number today at 3pm. If it isn't there Friday, call me directly on 555-0100.'"
    )
    result = assess(answer, COMMS)
    assert result.dimension_scores and min(v or 0 for v in result.dimension_scores.values()) >= 8
    tips = {dimension_tip(d, COMMS) for d in result.dimension_scores}
    assert not any(tip in result.feedback for tip in tips), result.feedback
    assert result.feedback.endswith("Next: keep every part of this in your next answer.")


def test_a_question_mark_after_a_word_counts_as_asking() -> None:
    """`@question` was bounded like a word, and a "?" always follows a word: a question asked
    back to a prospect ("…or the six hours your dispatchers spend re-keying orders?") earned
    the objection-handling cue only when typed with a space before its "?"."""
    rubric = rubric_for(SALES, "objection_handling")
    asked = read_answer(
        "How are you comparing us: licence cost alone, or re-keying hours?", None, set()
    )
    told = read_answer(
        "You are comparing us on licence cost alone, not re-keying hours.", None, set()
    )
    assert len(cue_hits(rubric, asked)) > len(cue_hits(rubric, told))


def test_a_middling_dimension_is_a_start_not_the_whole_skill() -> None:
    """A browser audit: a 5/10 reason read "knows the due date and plans back from it; next:
    name the deadline (the date) and plan back from it"."""
    result = assess("the sunrise one is monday", SCHOL, "When is it due?")
    reason = result.dimension_reasons["deadline_awareness"]
    assert (result.dimension_scores["deadline_awareness"] or 0) < 7
    assert reason.startswith('a start in "') and "; next: plan back from that date" in reason
    assert rubric_for(SCHOL, "deadline_awareness").strong not in reason


def test_a_started_move_is_told_the_next_move_not_the_one_just_made() -> None:
    """A browser audit: an open question to the buyer read 'a start in "…"; next: ask one
    open question'. Once the move is made, the next step goes further."""
    question = "Customer (role-play): “We're happy with our current vendor.”"
    answer = "Fair enough. What would have to change for you to look at alternatives this year?"
    result = assess(answer, SALES, question)
    reason = result.dimension_reasons["customer_understanding"]
    assert reason.startswith("a start in") and "ask one open question" not in reason
    assert "next: play their answer back" in reason


def test_questions_asked_for_are_an_answer_not_a_deflection() -> None:
    result = assess(
        "What does a late invoice cost you each month, and who feels it first?",
        SALES,
        "What would you ask in discovery?",
    )
    assert result.score >= 4 and "does not answer" not in result.feedback


def test_refusing_the_apology_is_named_in_the_empathy_reason() -> None:
    """An audit: "but it wasn't my fault… why should i apologize" got "What works: you
    acknowledged how the customer feels" and 6/10 (its "apologize" read as an apology)."""
    refused = assess(
        "but it wasnt my fault, the warehouse lost it. why should i apologize",
        COMMS,
        "What exact words would you open with, so the customer feels heard?",
    )
    assert refused.score <= 3
    assert "refuses the apology the other person is owed" in refused.dimension_reasons["empathy"]
