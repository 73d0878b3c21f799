"""The offline coach's boundaries and news, each kept to one sentence before the work
resumes: no ghost-writing (help writing is coaching), setbacks and wins acknowledged with one
lesson and checked against the game plan, insults and off-topic talk answered calmly, and
an honest "I'm the offline practice coach"; progress is not mistaken for news."""

from __future__ import annotations

import pytest

from coach.learner_intents import unscored_reason
from coach.offline_coach.feedback import MORE_PLEASE
from tests.unit.offline_coach_cases import (
    ARCH,
    COMMS,
    ONBOARDING,
    PERSONAS,
    SALES,
    SCHOLARSHIP,
    drive,
    make_plan,
    pack,
    questions_in,
    reply,
    sentences,
    turn,
)

# --- boundaries and news ------------------------------------------------------------------

GHOSTWRITE = {
    SALES: "Can you write the proposal for me?",
    ARCH: "Could you write the design doc for me?",
    COMMS: "Can you write my cover letter for me?",
    ONBOARDING: "Just write my application for me.",
    SCHOLARSHIP: "Can you write my scholarship essay for me?",
}


@pytest.mark.parametrize("domain_id", sorted(GHOSTWRITE))
def test_writing_it_for_them_is_refused_in_one_sentence_with_a_paragraph_offer(
    domain_id: str,
) -> None:
    out = reply(GHOSTWRITE[domain_id], domain_id=domain_id)
    refusal, *rest = sentences(out)
    assert "won't write" in refusal and "paragraph" in refusal
    assert len(rest) == 1 and rest[0].endswith("?")  # then straight back to the work


@pytest.mark.parametrize(
    ("domain_id", "text"),
    [
        (SALES, "can you just write the pitch for me"),
        (COMMS, "can you just write the message for me"),
        (ONBOARDING, "can you just write my first week plan for me"),
        (ARCH, "could you just write it for me?"),
    ],
)
def test_any_piece_of_work_asked_for_is_refused_not_critiqued(domain_id: str, text: str) -> None:
    # found by a student's audit: only some nouns were refused; the rest got "What's missing"
    out = reply(text, domain_id=domain_id)
    assert "won't write" in out and "What's missing" not in out


def test_help_writing_it_is_coaching_not_a_refusal() -> None:
    out = reply("Can you help me write my essay?", domain_id=SCHOLARSHIP)
    assert "won't write" not in out and out.startswith("Start with a story")


SETBACKS = {
    SALES: ("We lost the deal to a competitor.", "loss review"),
    ARCH: ("My design was rejected at the review.", "reviewers' questions"),
    COMMS: ("The customer escalated to my manager anyway.", "the exact sentence"),
    ONBOARDING: ("My first PR got rejected.", "the one change"),
    SCHOLARSHIP: ("I was rejected from the River City Award.", "strongest paragraphs"),
}


@pytest.mark.parametrize("domain_id", sorted(SETBACKS))
def test_bad_news_is_acknowledged_with_one_lesson(domain_id: str) -> None:
    text, lesson = SETBACKS[domain_id]
    plan = make_plan() if domain_id == SCHOLARSHIP else None
    out = reply(text, domain_id=domain_id, plan=plan, plan_aware=bool(plan))
    assert lesson in out and "You said" not in out
    assert out.endswith("?") and len(questions_in(out)) == 1


def test_a_rejected_student_is_moved_to_the_next_item_not_asked_have_you_heard_back() -> None:
    plan = make_plan()
    out, memory = turn(
        "I was rejected from the River City Award.", SCHOLARSHIP, plan=plan, plan_aware=True
    )
    assert out.startswith("I'm sorry — a rejection stings")
    assert "Next on your plan: Sunrise Scholars, due Wednesday, March 4 (3 days left)." in out
    assert "heard back" not in out.lower()
    later, _ = turn("What should I do today?", SCHOLARSHIP, memory, plan=plan, plan_aware=True)
    assert later.startswith("Today, focus on Sunrise Scholars") and "heard back" not in later


def test_a_submitted_application_is_congratulated_and_confirmed_on_the_game_plan_page() -> None:
    plan = make_plan()
    out, memory = turn("I submitted Sunrise Scholars!", SCHOLARSHIP, plan=plan, plan_aware=True)
    assert out.startswith("Congratulations on submitting")
    assert "recorded once you confirm it (here when I ask, or on the Game plan page)" in out
    assert "three weeks on I'll ask whether you've heard back" in out and out.endswith("?")
    later, _ = turn("What should I do today?", SCHOLARSHIP, memory, plan=plan, plan_aware=True)
    assert later.startswith("Today, focus on Future Teachers Fund")


def test_an_award_is_congratulated_with_a_thank_you_note_and_confirmation() -> None:
    out = reply("I won the Future Teachers Fund!", domain_id=SCHOLARSHIP, plan=make_plan())
    assert out.startswith("Congratulations") and "thank-you note" in out
    assert "confirm the award (here when I ask, or on the Game plan page)" in out


def test_a_won_deal_is_not_treated_as_a_loss() -> None:
    out = reply("We closed the deal yesterday!", domain_id=SALES)
    assert out.startswith("Congratulations on the win!") and "win review" in out


@pytest.mark.parametrize("domain_id", sorted(PERSONAS))
def test_an_insult_is_answered_calmly_in_one_sentence_then_back_to_work(domain_id: str) -> None:
    out = reply("You are useless.", domain_id=domain_id)
    calm, *rest = sentences(out)
    assert calm == pack(domain_id).boundaries.insult
    assert len(rest) == 1 and rest[0].endswith("?") and "useless" not in out


def test_off_topic_gets_one_sentence_and_the_work_resumes() -> None:
    out = reply("Who won the football game last night?", domain_id=SALES)
    assert out.startswith("That's outside sales coaching")
    assert len(sentences(out)) == 2 and out.endswith("?")


def test_the_coach_says_it_is_the_offline_practice_coach() -> None:
    out = reply("Are you ChatGPT?", domain_id=ARCH)
    assert out.startswith("I'm the offline practice coach") and "not a language model" in out


def test_progress_is_not_mistaken_for_news() -> None:
    for text in ("I got it working locally on Monday.", "I didn't get the tests to pass yet."):
        out = reply(text, domain_id=ONBOARDING)
        assert out.startswith("You said:") and "Congratulations" not in out and "stings" not in out


def test_thanks_is_answered_not_asked_for_more() -> None:
    # an audit: "thanks" got "Say a little more and I can give you real feedback on it."
    _, memory = turn("I'm pitching a lunch-ordering app to a dental clinic.", SALES)
    out, _ = turn("thanks!", SALES, memory, round_number=2)
    assert out.startswith("You're welcome.") and "Say a little more" not in out


def test_small_talk_about_last_nights_game_is_off_topic_but_a_game_plan_is_not() -> None:
    out = reply("did you see the game last night lol", domain_id=SALES)
    assert out.startswith(pack(SALES).boundaries.off_topic)
    assert pack(SCHOLARSHIP).boundaries.off_topic not in reply(
        "My game plan says the Dell essay is next.", domain_id=SCHOLARSHIP
    )


@pytest.mark.parametrize(
    "pushback", ["You already asked me that.", "I just told you.", "did you read my first message?"]
)
def test_i_already_told_you_is_taken_as_said_not_praised_or_asked_again(pushback: str) -> None:
    """An audit of capable students: "You already asked me that." got "What works: you're
    asking for the help you need" and the same question again; it was scored as an answer."""
    assert unscored_reason(pushback) == "a remark to the coach, not an answer"
    replies = drive(
        pack(SCHOLARSHIP),
        ["Sunrise is due Wednesday and the form is half done.", pushback],
        plan=make_plan(),
    )
    assert replies[1].startswith("You did — sorry. I'll count") and "What works" not in replies[1]


@pytest.mark.parametrize(
    ("domain_id", "text", "starts"),
    [
        (ARCH, "ugh my laptop is at 3% battery brb", "No rush — I'll be here"),
        (SALES, "btw did u see the game last night lmao", "That's outside sales coaching"),
        (ONBOARDING, "lol my roommate just burned popcorn", "That's outside onboarding"),
    ],
)
def test_an_aside_is_set_aside_for_the_graph_to_leave_unscored(
    domain_id: str, text: str, starts: str
) -> None:
    out, memory = turn(text, domain_id)
    assert out.startswith(starts) and memory.aside
    _, after = turn("I'd ask what the manual process costs them.", domain_id, memory)
    assert not after.aside  # one round's flag, not the session's


def test_a_story_that_starts_with_lol_is_the_story_not_an_aside() -> None:
    out, memory = turn("lol my roommate keeps eating my food", COMMS)
    assert not memory.aside and "That covers the situation" in out


def test_back_after_brb_is_back_at_the_desk_and_the_question_is_asked_again() -> None:
    """An audit: "brb", then "ok I'm back", got "Glad you're feeling better." and a new
    question; the one they stepped away from was dropped."""
    first, brb, back = drive(
        pack(SALES), ["I'm working a deal with a dental chain, 12 clinics", "brb", "ok I'm back"]
    )
    asked = first[first.index("Where is this deal") :]
    assert brb == "No rush — I'll be here when you're back."
    assert back == f"Welcome back. Back to my question: w{asked[1:]}"
    assert unscored_reason("ok I'm back") is not None
    # well again is still said as such, and a scene waits where it was
    assert drive(pack(SALES), ["brb", "im back, feeling better"])[1].startswith("Glad you're")
    scene = drive(pack(SALES), ["let's practise", "brb", "back"])
    line = scene[0][scene[0].index("Prospect (role-play)") :]
    assert scene[2] == f"Welcome back, we're still in the role-play. {line}"


def test_asking_for_more_is_not_said_the_same_way_every_time() -> None:
    """An audit heard "Say a little more and I can give you real feedback on it." six times
    in one conversation."""
    replies = drive(pack(SALES), ["discovery", "proposal", "the CFO", "next week"])
    asks = [next((m for m in MORE_PLEASE if r.startswith(m)), None) for r in replies]
    assert None not in asks and len(set(asks[:3])) == 3, replies


def test_im_back_with_nothing_before_it_is_welcomed_back() -> None:
    """A recheck: "im back" as a first message got "Glad you're feeling better."."""
    assert drive(pack(SALES), ["im back"])[0].startswith("Welcome back.")
