"""The scholarship coach reading a paragraph of the student's essay (coach/offline_coach/
paragraph.py): its boundary promises "paste one paragraph and I'll coach you through making
it stronger", so a pasted paragraph gets what works, the one change that would lift it most
and a rewrite asked for, never a critique of the plan or a rewrite of its own."""

from __future__ import annotations

import pytest

from coach.offline_coach import CoachMemory, compose_reply
from coach.offline_coach.paragraph import is_draft, paragraph_notes
from tests.unit.offline_coach_cases import COMMS, ONBOARDING, SCHOLARSHIP, drive, make_plan, pack

TACO = (
    "When I was twelve, my mom lost her job and I started working at my uncle's taco truck "
    "after school. I learned to take orders in two languages and to keep going when I was tired."
)
STOCK = (
    "Ever since I was young, I have been passionate about helping people. Nursing is my dream "
    "and I want to make a difference in my community. I worked hard in school and volunteered."
)


def test_a_pasted_paragraph_is_coached_not_critiqued_as_an_answer() -> None:
    """A run-through: after "can you look at my intro?" (which got the answer on openings, with
    nothing pasted yet) the paragraph got "What works: you're committing to action… What's
    missing: the date", and "is it good?" got "beyond what I can answer"."""
    asked, read, verdict = drive(
        pack(SCHOLARSHIP), ["can you look at my intro?", TACO, "is it good?"], plan=make_plan()
    )
    assert asked.startswith("Yes: paste it here, a paragraph at a time")
    assert read.startswith("What works: you open inside a moment (“When I was twelve")
    assert "What to change: “I learned to take orders in two languages" in read
    assert read.endswith("Rewrite just that part and paste it back: what did you change?")
    assert "What's missing: the date" not in read and "You said" not in read
    assert verdict.startswith("It's a real start: you open inside a moment")


def test_a_paragraph_pasted_with_a_label_is_read_and_left_unscored() -> None:
    """ "here's my intro: …" says what it is without a request before it."""
    out, memory = compose_reply(
        f"here's my intro: {STOCK}", pack=pack(SCHOLARSHIP), plan=make_plan(), plan_aware=True
    )
    assert out.startswith("What works:") and "cut the opener “Ever since I was young" in out
    assert memory.draft  # the chat records it unscored: a draft to coach, not an answer


@pytest.mark.parametrize(
    ("text", "change"),
    [
        (STOCK, "cut the opener “Ever since I was young"),
        (
            "Last summer I volunteered at the clinic. I was passionate about it and I worked "
            "with the nurses every day.",
            "swap “passionate” for what you actually did",
        ),
        (
            "When I was a kid I helped at home. I did chores and I looked after my sister and "
            "I cooked dinner most nights.",
            "add one detail only you could write",
        ),
    ],
)
def test_the_one_change_is_the_first_a_reader_would_notice(text: str, change: str) -> None:
    assert paragraph_notes(text).change.startswith(change)


@pytest.mark.parametrize(
    "text",
    [
        "im gonna work on the essay tonight and send it to my counselor tomorrow by friday",
        "My counselor could read my draft.",
        "I've filled out the form but haven't started the essay.",
        "i need help with the essay from my teacher, she said yes and i'll send it monday",
    ],
)
def test_a_plan_or_a_status_is_no_paragraph(text: str) -> None:
    assert not is_draft(text)
    [out] = drive(pack(SCHOLARSHIP), [text], plan=make_plan())
    assert not out.startswith(("What works: you open", "Yes: paste it here"))


def test_a_rewrite_pasted_back_is_read_again_and_the_fix_is_noticed() -> None:
    """A run-through: the rewrite the coach asked for ("By the end of that summer I could take
    an order in Spanish…") was critiqued as an answer about deadlines."""
    rewrite = (
        "When I was twelve, my mom lost her job and I started working at my uncle's taco truck "
        "after school. By the end of that summer I could take an order in Spanish, repeat it "
        "back in English, and still smile at the fortieth customer of the night."
    )
    *_, again = drive(
        pack(SCHOLARSHIP), ["can you look at my intro?", TACO, rewrite], plan=make_plan()
    )
    assert again.startswith("Better: that part is fixed. What works: you open inside a moment")
    assert "What to change: end the paragraph on what you did next" in again


BLAMING_EMAIL = (
    "Hi Mark, Thanks for your email. The delay was caused by your team sending the final "
    "content 9 days late, which pushed our whole schedule. We cannot be held responsible for "
    "that and the launch date will move to the 20th. Regards, Sam. Was my email wrong?"
)
PR_CHECK = (
    "My first ticket is reviewing this PR, can you check if I understand it: before, each pod "
    "kept its own sessions in memory, so users got logged out when they hit another pod; now "
    "they're shared in Redis with a 30 minute TTL."
)


@pytest.mark.parametrize(
    ("domain_id", "text"), [(COMMS, BLAMING_EMAIL), (ONBOARDING, PR_CHECK), (COMMS, TACO)]
)
def test_only_the_scholarship_coach_reads_a_paste_as_an_essay(domain_id: str, text: str) -> None:
    """An audit: a client email pasted to the communication coach got "details only you could
    write (Mark, Thanks)… so it leads into the rest of the essay", a PR summary to the
    onboarding mentor the same; both are the learner's answer, to coach as such."""
    assert pack(SCHOLARSHIP).reads_essays and not pack(domain_id).reads_essays
    out, memory = compose_reply(text, pack=pack(domain_id))
    assert "essay" not in out and "What to change" not in out and not memory.draft


def test_an_email_that_blames_the_customer_is_called_out() -> None:
    out, _ = compose_reply(BLAMING_EMAIL, pack=pack(COMMS))
    assert "Watch out: blaming the customer puts them on the defensive" in out


TELLING = (
    "When I was twelve, my mom lost her job and I started translating for her at the clinic. I "
    "learned that being brave means speaking up even when your voice shakes, and it made me "
    "stronger."
)


def test_the_part_asked_for_pasted_back_on_its_own_is_read_as_the_rewrite() -> None:
    """An audit: "ok fine. I rewrote it: 'Now, when I walk into a clinic, I look for the family
    standing quietly at the front desk, because I used to be them.'" got "What's missing: the
    date" and 4/10: too short to be a paragraph, it was read as an answer."""
    rewrite = (
        "ok fine. I rewrote it: 'Now, when I walk into a clinic, I look for the family standing "
        "quietly at the front desk, because I used to be them.'"
    )
    read, again = drive(pack(SCHOLARSHIP), [TELLING, rewrite], plan=make_plan())
    assert "What to change: add one detail only you could write" in read
    assert again.startswith("Closer: it's a moment now. One name, number or thing you heard")
    assert again.endswith("does it lead into what comes next?")
    named = rewrite.replace("a clinic", "Dr. Lee's clinic")
    assert drive(pack(SCHOLARSHIP), [TELLING, named], plan=make_plan())[1].startswith(
        "Better: that part shows it instead of telling it."
    )
    still = "here: 'I learned that I am stronger than I thought I was back then, at the clinic.'"
    assert drive(pack(SCHOLARSHIP), [TELLING, still], plan=make_plan())[1].startswith(
        "Closer, but “I learned that"
    )
    _, memory = compose_reply(rewrite, pack=pack(SCHOLARSHIP), memory=CoachMemory(draft=True))
    assert memory.draft  # still the paragraph: not scored


def test_a_capitalised_greeting_or_sentence_start_is_no_detail() -> None:
    """An audit: "details only you could write (Mark, Thanks)", "(Ever, English)"."""
    notes = paragraph_notes(
        "Thanks to my aunt, I learned to cook. Ever since, I have cooked dinner for my "
        "brothers every night while she worked late, and I burned the rice more than once."
    )
    assert "Thanks" not in notes.works and "Ever" not in notes.works


ESSAY = (
    "Ever since I was little I always wanted to help people. My family came to this country "
    "with nothing and my parents work very hard. When my abuela got sick I went with her to "
    "the hospital because I speak english and she dont. The nurses was very nice to us and "
    "they explained everything. That is when I decided I want to be a nurse. College is very "
    "expensive and my family cant pay for it, so this scholarship would help me a lot."
)


def test_an_essay_under_a_line_asking_for_a_read_is_read_as_the_essay() -> None:
    """An audit: "Here is my essay draft…, can you check it?" and the essay below got the
    answer on affording books (from "my family cant pay for it" in the essay), scored 6/10;
    then "what is the weakest part?" and "is it better now? be honest" got "beyond what I can
    answer"."""
    pasted = f"Here is my essay draft for the Sunrise one, can you check it?\n\n{ESSAY}"
    rewrite = (
        "ok here is the rewrite of my opening:\n\nAt fourteen, I sat in a cold hallway at St. "
        "Mary's, translating the word 'biopsy' for my grandmother, who speaks only Spanish. I "
        "did not know the word in either language. A nurse named Denise knelt beside us and "
        "drew the procedure on the back of a chart."
    )
    read, weakest, again, verdict = drive(
        pack(SCHOLARSHIP),
        [pasted, "what is the weakest part?", rewrite, "is it better now? be honest"],
        plan=make_plan(),
    )
    assert read.startswith("What works:") and "financial-aid office" not in read
    assert "What to change: cut the opener “Ever since I was little" in read
    assert weakest.startswith("It's a real start:")
    assert "cut the opener “Ever since I was little" in weakest
    assert again.startswith("Better: that part shows it")  # the opening, rewritten
    assert "Stop there" not in again  # "I did not know the word" hides nothing
    assert verdict.startswith("It's a real start:")
