"""The offline coach's last moves (coach/offline_coach/reply_answers.py): the better move
asked for right after a warning, and the answers a sales run-through found missing."""

from __future__ import annotations

import pytest

from coach.cues import hits
from coach.learner_intents import FEELING, INTRO, unscored_reason
from coach.offline_coach import CoachMemory, compose_reply
from coach.offline_coach.answers import whole_sentences
from tests.unit.offline_coach_cases import (
    ARCH,
    COMMS,
    ONBOARDING,
    SALES,
    SCHOLARSHIP,
    drive,
    make_plan,
    pack,
)


def test_asking_what_to_do_instead_after_a_warning_gets_the_better_move() -> None:
    """A run-through: "what should i do instead?", right after "Watch out: a discount before
    you understand the objection…", got "beyond what I can answer well here" and the tip of
    an unrelated step."""
    warned, asked = drive(
        pack(SALES),
        ["i offered a 20 percent discount to close it this month", "what should i do instead?"],
    )
    assert "Watch out: a discount before you understand the objection" in warned
    assert asked.startswith("Don't defend the price first.")
    # each mistake names the answer that says what to do instead
    _, policy, why, better = drive(
        pack(COMMS),
        [
            "a guest complained their room wasnt clean",
            "i told her housekeeping is busy and theres nothing i can do",
            "why is that bad?",
            "so what should i do instead?",
        ],
    )
    assert "Watch out: hiding behind policy" in policy
    assert why.startswith(
        "Because hiding behind policy ends the conversation. Say what you can do first"
    )
    assert better.startswith("Three short parts, in this order: the fact and the feeling")
    # one whose answer was given already: the better half of the warning itself
    memory = CoachMemory(warned="calm_down", answered=["angry"])
    again, _ = compose_reply("what should i say instead?", pack=pack(COMMS), memory=memory)
    assert again.startswith("Instead: name the feeling and move to what happens next.")


def test_instead_without_a_warning_before_it_is_an_ordinary_question() -> None:
    out, memory = compose_reply("what should i do instead?", pack=pack(SALES))
    assert not out.startswith(("Don't defend the price", "Instead:")) and memory.warned is None


def test_a_discount_is_neither_the_pain_nor_the_value_and_loved_demos_are_warned_of() -> None:
    """A run-through: "a 20 percent discount" counted as "the business pain and what it costs
    them and a value proposition in their numbers", and "the ops director loves the demo"
    passed without the warning about enthusiasm."""
    _, memory = compose_reply(
        "i offered a 20 percent discount to close it this month", pack=pack(SALES)
    )
    assert "pain" not in memory.covered and "value" not in memory.covered
    out, _ = compose_reply("ok the ops director loves the demo", pack=pack(SALES))
    assert "Watch out: enthusiasm isn't commitment" in out


@pytest.mark.parametrize(
    ("text", "answer_starts"),
    [
        ("how do i get a meeting with the cfo", "Multi-thread through your champion"),
        ("they ghosted me last week tho", "Send a short, honest email"),
        ("i followed up twice and nothing", "Send a short, honest email"),
    ],
)
def test_a_sales_run_throughs_questions_and_news_get_their_answers(
    text: str, answer_starts: str
) -> None:
    """A run-through: the first got the questions to ask the economic buyer once in the room,
    the second (said, not asked) a critique."""
    out, _ = compose_reply(text, pack=pack(SALES))
    assert out.startswith(answer_starts)


def test_a_follow_up_planned_is_a_plan_to_coach_not_news_of_silence() -> None:
    """The question's cue "follow up" is not a statement's: "ill follow up with them friday
    at 10" is the learner's own step, critiqued, not answered as if they had been ghosted."""
    out, _ = compose_reply("ill follow up with them friday at 10", pack=pack(SALES))
    assert out.startswith("You said: “ill follow up with them friday at 10”.")
    assert "Send a short, honest email" not in out


def test_a_new_hire_saying_when_they_start_is_told_good_to_know_not_critiqued() -> None:
    """A run-through: "hi, i start as a backend dev on monday" got "What works: you've put a
    pace on it" (its "on monday") and "What's missing: a hands-on step", and was scored."""
    out, memory = compose_reply("hi, i start as a backend dev on monday", pack=pack(ONBOARDING))
    assert out.startswith("Good to know: “hi, i start as a backend dev on monday”.")
    assert "pace" not in out and "What's missing" not in out
    assert memory.context and "background" in memory.covered
    # a pace is still a pace
    pace = pack(ONBOARDING).dimensions["learning_velocity"].cues
    assert hits(pace, "I'll have the tests passing locally by Tuesday.") == 1
    assert hits(pace, "starting on monday, on thursday i'll ship a fix") == 1


def test_a_customer_email_gets_the_email_answer_and_tiredness_said_last_gets_its_answer() -> None:
    """A run-through: "what should i write?" about a customer's angry email got "beyond what
    I can answer", and "ive been dealing with this all day and im exhausted" a critique."""
    told, write, tired = drive(
        pack(COMMS),
        [
            "a customer emailed me angry that their refund is 3 weeks late",
            "what should i write?",
            "ive been dealing with this all day and im exhausted",
        ],
    )
    assert write.startswith("For a hard email: a subject line that states the outcome")
    assert tired.startswith("When you're stressed, your pace and volume rise first")
    assert unscored_reason("ive been dealing with this all day and im exhausted") is not None
    # a plan that ends on a feeling word is still a plan
    assert unscored_reason("I'll call her back at 3 and I'm nervous") is None


def test_a_short_question_about_what_was_just_told_is_answered_from_both() -> None:
    """A run-through: "what do i say to her?" right after "my counselor hasnt sent my rec
    letter and its due friday" got "beyond what I can answer", and "how long should it be?"
    about the essay the same."""
    replies = drive(
        pack(SCHOLARSHIP),
        [
            "im gonna work on the essay tonight",
            "how long should it be?",
            "my counselor hasnt sent my rec letter and its due friday",
            "what do i say to her?",
        ],
        plan=make_plan(),
    )
    assert replies[1].startswith("Use the limit they give and come close to it")
    assert replies[3].startswith("Give it two school days, then a short, friendly follow-up")
    # with nothing told before it, the same question has nothing to refer to
    alone = drive(pack(SCHOLARSHIP), ["what do i say to her?"], plan=make_plan())[0]
    assert not alone.startswith("Give it two school days")


def test_how_a_rejection_feels_is_answered_and_left_unscored() -> None:
    """A run-through: after "so i got rejected from the gates scholarship", "it sucks, i
    worked really hard on it" was critiqued for a missing date, and "should i even keep
    applying?" got "beyond what I can answer"."""
    _, feeling, doubt = drive(
        pack(SCHOLARSHIP),
        [
            "so i got rejected from the gates scholarship",
            "it sucks, i worked really hard on it",
            "should i even keep applying?",
        ],
        plan=make_plan(),
    )
    assert feeling.startswith("Feeling that way after a hard stretch is common")
    assert "What's missing" not in feeling
    assert unscored_reason("it sucks, i worked really hard on it") is not None
    assert "beyond what I can answer" not in doubt
    # the essay's subject is no feeling to answer
    assert unscored_reason("my essay is about how it hurts to leave home") is None


@pytest.mark.parametrize(
    ("text", "answer_starts"),
    [
        ("i got the repo running but the tests fail locally", "First check whether CI is green"),
        ("like 3 tests fail with a timeout connecting to redis", "First check whether CI"),
        ("should i ask someone or keep trying?", "Use the 15-minute rule"),
        # the worry it names beats the answer to pressure in general
        ("im scared ill break prod", "When a new hire's change breaks production"),
        ("who should i ask about the payments code?", "Look at who changed it last"),
        ("what if i break something in my first pr", "When a new hire's change breaks"),
    ],
)
def test_a_new_hires_run_through_gets_answers_not_critiques(text: str, answer_starts: str) -> None:
    """A run-through: failing tests were critiqued ("What's missing: a pace"), "ask someone
    or keep trying?" got "beyond what I can answer", and the fear of breaking production the
    general answer to a stressful first week."""
    out, _ = compose_reply(text, pack=pack(ONBOARDING))
    assert out.startswith(answer_starts)


@pytest.mark.parametrize("unsure", ["idk", "not sure tbh", "i dont know", "no idea"])
def test_not_knowing_gets_what_the_question_means_with_an_example(unsure: str) -> None:
    """A run-through with a terse new hire: "idk" got "Say a little more and I can give you
    real feedback on it", which helps nobody who does not know; and "what do u mean" got
    "beyond what I can answer", though "what do you mean" is explained."""
    _, out = drive(pack(ONBOARDING), ["new grad, java", unsure])
    assert out.startswith("That's fine: not knowing yet is where we start. I mean a working dev")
    assert "Say a little more" not in out
    _, asked = drive(pack(ONBOARDING), ["new grad, java", "what do u mean"])
    assert asked.startswith("Good question. I mean a working dev environment.")
    # a design coach's learner with no system of their own still gets the practice problem
    [none] = drive(pack(ARCH), ["idk"])
    assert "practice design problem" in none


def test_a_warning_takes_back_the_praise_it_contradicts() -> None:
    """A run-through: "ill do it when i have time" was told "What works: you're committing to
    action, not just intentions" beside "Watch out: 'when I have time' rarely arrives"."""
    [out] = drive(pack(SCHOLARSHIP), ["ill do it when i have time"], plan=make_plan())
    assert "Watch out: 'when I have time' rarely arrives" in out
    assert "committing to action" not in out
    for domain_id in (COMMS, SALES, SCHOLARSHIP, ONBOARDING, ARCH):
        coach_pack = pack(domain_id)
        answers = {a.id for a in coach_pack.answers}
        assert all(x.answer in answers for x in coach_pack.mistakes if x.answer)


@pytest.mark.parametrize("domain_id", [COMMS, SALES, ARCH, ONBOARDING])
def test_why_practise_at_all_is_answered(domain_id: str) -> None:
    """A run-through: "why do i even need this" got "beyond what I can answer well here"."""
    out, _ = compose_reply("why do i even need this", pack=pack(domain_id))
    assert out.startswith("Because ") and "beyond what I can answer" not in out


@pytest.mark.parametrize(
    ("text", "answer_starts"),
    [
        ("how do i open the call?", "Open with an agenda they can change"),
        ("how long should the call be?", "Ask for 30 minutes and finish in 25"),
        ("how do i end it?", "End by agreeing the next step in both calendars"),
    ],
)
def test_a_first_calls_shape_is_answered(text: str, answer_starts: str) -> None:
    """A run-through before a first call: all three got "beyond what I can answer"."""
    _, out = drive(pack(SALES), ["i have a call with a prospect tomorrow, first call", text])
    assert out.startswith(answer_starts)


def test_a_what_if_put_to_the_coach_is_a_question_and_covers_no_step() -> None:
    """A run-through: "what if i break something in my first pr", with no question mark, was
    scored as an answer and marked the workflow and the first task as planned."""
    out, memory = compose_reply("what if i break something in my first pr", pack=pack(ONBOARDING))
    assert memory.covered == [] and "first-week plan so far" not in out
    assert unscored_reason("what if i break something in my first pr") is not None
    assert unscored_reason("what if we used a queue between them instead") is None
    # tracing a request is hands-on
    traced, _ = compose_reply("ill trace the signup flow tomorrow morning", pack=pack(ONBOARDING))
    assert "a hands-on step" not in traced


def test_stalls_are_answered_and_a_reminder_keeps_its_quote_whole() -> None:
    """A run-through: "my prospect said they need to think about it" and "they said the
    budget is frozen until q3" were said back with nothing to do about them, "what do i say
    to that?" got "beyond what I can answer", and a reminder cut a quoted line at its first
    full stop ("…ask for it kindly: 'Of course.")."""
    think, again, frozen = drive(
        pack(SALES),
        [
            "my prospect said they need to think about it",
            "what do i say to that?",
            "they said the budget is frozen until q3",
        ],
    )
    assert think.startswith("'Let me think about it' usually hides one specific doubt")
    assert again.startswith("As I said earlier: 'Let me think about it'")
    assert "'Of course. So I can help, which part are you weighing" in again
    assert frozen.startswith("A frozen budget is a timing problem, not a no.")
    assert whole_sentences("Ask: 'Of course. So I can help?' Then agree a date.") == [
        "Ask: 'Of course. So I can help?'",
        "Then agree a date.",
    ]
    # a plural's apostrophe opens no quote: the reminder was the whole answer
    assert whole_sentences("Try your parents' employers first. Then track two.") == [
        "Try your parents' employers first.",
        "Then track two.",
    ]


def test_a_stall_reported_is_answered_and_what_now_reads_it_back() -> None:
    """A sales run-through: "the owner said she'd think about it" got "Got it: …", and "what
    do i do now" right after it "beyond what I can answer"."""
    told, now = drive(pack(SALES), ["the owner said she'd think about it", "what do i do now"])
    assert told.startswith("'Let me think about it' usually hides one specific doubt")
    assert now.startswith("As I said earlier: 'Let me think about it'")


def test_a_new_analyst_saying_where_they_start_is_said_back() -> None:
    """A run-through: "im starting at a fintech next week as a data analyst" was critiqued for
    the technical detail it lacked and scored."""
    said = drive(pack(ONBOARDING), ["im starting at a fintech next week as a data analyst"])[0]
    assert said.startswith("Good to know: “im starting at a fintech next week as a data analyst”.")
    for plan in [
        "ill pair with a senior engineer on my first pr on tuesday",
        "i'd start at the readme and run the tests",
    ]:  # a plan that names a role or a place to start is critiqued, not said back
        assert drive(pack(ONBOARDING), [plan])[0].startswith("You said:"), plan


def test_a_rule_that_stops_the_learner_is_answered_with_what_they_can_do() -> None:
    """A run-through: "he wanted a refund but i'm not allowed to give those" was praised as
    "you moved toward fixing the actual problem" (the word "refund")."""
    reply = drive(
        pack(COMMS),
        [
            "a customer at my coffee shop got really rude about his drink",
            "he wanted a refund but i'm not allowed to give those",
        ],
    )[1]
    assert reply.startswith("Then lead with what you can do, not the rule")
    assert "moved toward fixing" not in reply


def test_a_worry_about_not_being_believed_is_answered() -> None:
    """A run-through: "what if he doesnt believe me" (a professor, a missed exam) got "beyond
    what I can answer"."""
    said = drive(
        pack(COMMS),
        [
            "i need to tell my professor i missed the exam because i was sick",
            "what if he doesnt believe me",
        ],
    )[1]
    assert said.startswith("Bring facts, not more feeling")


def test_what_a_learner_sells_is_their_deal_without_a_firm_to_sell_to() -> None:
    """An audit: "hi so i work part time selling gym memberships, theres a guy mark…" was
    critiqued ("What's missing: the process") and scored: it names no firm to sell to."""
    said = "hi so i work part time selling gym memberships, theres a guy mark who said its too much"
    out, memory = compose_reply(said, pack=pack(SALES))
    assert out.startswith("Good, a real deal to work on: “gym memberships, theres a guy mark")
    assert memory.brief and memory.sells
    again, memory = compose_reply(
        "im selling a second plan to his wife", pack=pack(SALES), memory=memory
    )
    assert not memory.brief and "a real deal" not in again  # said back once
    coached, _ = compose_reply("i'm selling my car and feel bad about it", pack=pack(COMMS))
    assert "a real deal" not in coached  # only a coach who plays the learner's prospect


def test_the_onboarding_coach_answers_what_to_do_first_with_the_first_day() -> None:
    """A browser audit: "what should i do first" got "Nobody learns a codebase top-down", and
    "…then ask my buddy for a small ticket" was credited as the team's workflow to production."""
    [first] = drive(pack(ONBOARDING), ["what should i do first"])
    assert first.startswith("Follow the repo's setup doc line by line")
    said = (
        "first day ill get my laptop setup and run the tests, then ask my buddy for a small ticket"
    )
    [out] = drive(pack(ONBOARDING), [said])
    assert "branch to production" not in out and "a small first task to ship" in out


def test_a_worry_about_being_called_dramatic_gets_its_own_answer() -> None:
    """A browser audit: "idk what to say if he says im being dramatic" (a roommate and the
    dishes) got the peer template about credit in standup."""
    [out] = drive(pack(COMMS), ["idk what to say if he says im being dramatic"])
    assert out.startswith("Don't argue about whether you're dramatic")
    [peer] = drive(
        pack(COMMS), ["my roommate keeps leaving dishes out", "what should i say to him"]
    )[1:]
    assert "standup" not in peer and "the last three times" in peer


def test_a_reason_tied_to_the_scale_is_the_because() -> None:
    """A browser audit: "we lose independent scaling but we dont need it for 500 users" got
    "What's missing: the 'because'"."""
    texts = [
        "im building a club events app for my capstone",
        "maybe 500 users, 50 at once at most",
        "ok so maybe a monolith with postgres and we split it later if we need to?",
        "monolith is cheaper to run and we can deploy it on one server, we lose independant "
        "scaling but we dont need it for 500 users",
    ]
    out = drive(pack(ARCH), texts)[-1]
    assert "the 'because'" not in out and "you're naming what each choice costs" in out


def test_bringing_it_up_without_sounding_like_complaining_is_answered_as_still_ahead() -> None:
    """A run-through: "idk how to bring it up without sounding like im complaining" got
    "beyond what I can answer", then a question about what the manager had already said."""
    out = drive(
        pack(COMMS),
        [
            "my manager keeps giving me last minute work on fridays",
            "idk how to bring it up without sounding like im complaining",
        ],
    )[1]
    assert out.startswith("Make it about the work, not about them")
    assert "what your manager said" not in out and "If your manager gets defensive" in out


@pytest.mark.parametrize("domain", [SALES, ARCH, COMMS, ONBOARDING, SCHOLARSHIP])
def test_a_learner_who_is_unwell_is_told_to_rest_and_asked_nothing(domain: str) -> None:
    """ "i feel ill today" was critiqued as a step ("a step with its day on it") and followed
    by the next question, with "ill" read as "I'll"."""
    plan = make_plan() if domain == SCHOLARSHIP else None
    texts = ["i feel ill today", "i have the flu", "im better now, 30 min tonight on it"]
    first, again, back = drive(pack(domain), texts, plan=plan)
    assert first.startswith("Sorry you're not feeling well. Rest comes first")
    assert "?" not in first
    assert again == "Then rest comes first. We'll pick up from here when you're better."
    assert [unscored_reason(t) for t in texts] == [FEELING, FEELING, None]
    assert "Sorry" not in back and "?" in back  # well again: coaching picks up
    # in words no cue lists, and back again: a run-through got the answer to stress, then
    # "What's missing: the date" for "im back, feeling better"
    sick, well = drive(
        pack(domain), ["i feel kinda sick tho", "im back, feeling better"], plan=plan
    )
    assert sick.startswith("Sorry you're not feeling well.")
    assert well.startswith("Glad you're feeling better.") and "What's missing" not in well


@pytest.mark.parametrize("domain", [SALES, ONBOARDING])
def test_a_learner_new_to_it_is_welcomed_once_and_not_scored(domain: str) -> None:
    """A run-through: "hi im new to sales" scored 2/10, "What's missing: the process"."""
    texts = ["hi im new to sales", "im just starting out"]
    welcome, again = drive(pack(domain), texts)
    assert welcome.startswith("Welcome! Starting out is the best time to build good habits")
    assert again.startswith("Got it: we'll keep it simple.") and "?" in again
    assert [unscored_reason(t) for t in texts] == [INTRO, INTRO]
    assert unscored_reason("im new to the team and my lead ignores my PRs") is None


def test_a_dated_step_is_an_answer_not_the_deal_brought() -> None:
    """A re-audit: "I'm nervous but I'll call the Hendersons at 3pm tomorrow and confirm the
    renewal date." was taken for the deal the learner brings, and left unscored."""
    _, step = compose_reply(
        "I'm nervous but I'll call the Hendersons at 3pm tomorrow and confirm the renewal date.",
        pack=pack(SALES),
    )
    assert not step.brief
    _, deal = compose_reply("im selling a scheduling app to hair salons", pack=pack(SALES))
    assert deal.brief


def test_writing_the_other_person_off_is_warned_of_not_praised() -> None:
    """A coach-review audit: "whatever, she never listens anyway" scored 1/10 and was told
    "What works: you're lowering the temperature" (the cue "listen"). "Whatever time works
    for you" is no write-off."""
    _, dismissed = drive(
        pack(COMMS),
        ["my coworker keeps taking credit for my work", "whatever, she never listens anyway"],
    )
    assert "Watch out: writing them off ends the conversation" in dismissed
    assert "What works" not in dismissed
    _, offered = drive(
        pack(COMMS), ["a customer yelled at me", "whatever time works for you, I can call at 3pm"]
    )
    assert "writing them off" not in offered
