"""The scholarship coach's starting track (coach/offline_coach/starting.py), as a student
with nothing tracked meets it: where they stand said back, a first search, what to track,
who could write a letter, a dated step; the questions and worries of someone new to
scholarships; and leaving the track for an application of their own."""

from __future__ import annotations

import pytest

from tests.unit.offline_coach_cases import (
    EMPTY,
    SCHOLARSHIP,
    assert_no_question_repeats,
    drive,
    make_plan,
    pack,
    turn,
)


def test_a_student_with_nothing_tracked_is_taken_from_where_they_stand_to_a_dated_step() -> None:
    """A run-through with nothing tracked: the coach asked a new junior "Does the deadline for
    your application match what's on your own calendar?", critiqued "im a junior and i want to
    study nursing" for leaving out a due date, and wrapped up with "one piece of your
    application". Now a starting track: where they stand, a first search, what to track,
    who could write a letter, a dated step."""
    texts = [
        "hi",
        "im a junior and i want to study nursing, 3.6 gpa",
        "i'll run discovery tonight at 8",
        "my chemistry teacher mrs lopez, i'll ask her thursday",
        "thanks bye",
    ]
    replies = drive(pack(SCHOLARSHIP), texts, plan=EMPTY)
    assert "so we'll build your plan from the start" in replies[0]
    assert replies[0].endswith("what year are you in, and what do you want to study?")
    assert replies[1].startswith(
        "Good to know: “im a junior and i want to study nursing, 3.6 gpa”. Put your GPA and "
        "your intended major in your Profile too"
    )
    assert "You said" not in replies[1] and "missing" not in replies[1]
    assert (
        "That covers a first search in Discovery and a first step with a day and time."
        in (replies[2])
    )
    assert "That covers someone who could write you a letter." in replies[3]
    assert "Your first step: “i'll run discovery tonight at 8”." in replies[4]
    assert replies[4].endswith("Good luck, and come back any time.")
    assert not [r for r in replies if "your application" in r or "deadline for" in r]
    assert_no_question_repeats(replies)
    # where they stand is told, not answered: the round is not scored (graph/coaching.py)
    _, told = turn(texts[1], SCHOLARSHIP, plan=EMPTY, plan_aware=True)
    _, planned = turn(texts[2], SCHOLARSHIP, plan=EMPTY, plan_aware=True)
    assert told.context and not planned.context


def test_starting_out_what_to_do_first_and_how_scholarships_work_are_answered() -> None:
    """ "What should I do first?" asked which kind of scholarship to start with, a question
    the track asks better; "i dont really know how scholarships work" was critiqued."""
    first, basics = drive(
        pack(SCHOLARSHIP),
        ["what should i do first?", "i dont really know how scholarships work"],
        plan=EMPTY,
    )
    assert first.startswith("You're not tracking any applications yet, so today's step is")
    assert first.endswith("what year are you in, and what do you want to study?")
    assert "Which kind of scholarship" not in first
    assert basics.startswith("A scholarship is money for college that you don't pay back.")


def test_a_student_with_an_application_of_their_own_leaves_the_starting_track() -> None:
    """ "I'm working on my essay for the Rotary scholarship, it's due March 3" is an
    application in hand: its deadline and drafts are the session, not a first search. Said
    at once, the track is never started; said once it is under way, it stays."""
    own = "actually im working on my essay for the rotary scholarship, it's due march 3"
    hello, switched, after = drive(
        pack(SCHOLARSHIP), ["hi", own, "my first paragraph is done"], plan=EMPTY
    )
    assert switched.startswith("Then let's work on the application you have in mind;")
    assert "That covers the deadline you're working to." in switched
    assert switched.endswith(
        "What have you done on your application so far — even a rough outline counts?"
    )
    assert "Good to know" not in after and after.startswith("You said:")
    [at_once] = drive(pack(SCHOLARSHIP), [own], plan=EMPTY)
    assert "build your plan from the start" not in at_once
    assert "Then let's work" not in at_once and "That covers the deadline" in at_once
    started = drive(pack(SCHOLARSHIP), ["hi", "i'll run discovery tonight at 8", own], plan=EMPTY)
    assert "Then let's work" not in started[2]
    tracked = drive(pack(SCHOLARSHIP), ["hi"], plan=make_plan())
    assert "build your plan from the start" not in tracked[0]


@pytest.mark.parametrize(
    ("said", "starts"),
    [
        ("can you find me scholarships?", "Look local first"),
        ("how many should i apply to?", "Two or three at a time is enough to start"),
        # a run-through: the answer on filing it early, which never says what it is
        ("whats a fafsa", "The FAFSA (Free Application for Federal Student Aid) is"),
        ("how do i file the fafsa", "File the FAFSA as early as you can"),
        # an audit's first-generation students: each got a stock line or a 2/10 critique
        ("when is the fafsa due??", "The federal FAFSA stays open until June 30"),
        ("do i have to redo the fafsa every year?", "Yes: the FAFSA is filed once for each"),
        ("my mom doesnt have a ssn can she still do it", "Yes. A parent without a Social"),
        (
            "my parents wont give me their tax info. can i still do fafsa",
            "You can still submit the FAFSA.",
        ),
        (
            "i might fail chem this semester. would i lose my pell grant",
            "To keep federal aid (Pell included), you need Satisfactory Academic Progress",
        ),
        ("whats sap?", "To keep federal aid (Pell included)"),
    ],
)
def test_a_new_students_questions_are_answered_not_beyond_the_coach(said: str, starts: str) -> None:
    """A run-through with nothing tracked: both got "That one's beyond what I can answer
    well here"."""
    [out] = drive(pack(SCHOLARSHIP), [said], plan=EMPTY)
    assert out.startswith(starts)


def test_the_soonest_deadline_is_no_someday() -> None:
    """ "probably the ones due soonest, like in january" was warned "'when I have time'
    rarely arrives": the cue "soon" matched "soonest"."""
    texts = ["hi", "i'll search discovery tonight at 8", "probably the ones due soonest"]
    out = drive(pack(SCHOLARSHIP), texts, plan=EMPTY)[-1]
    assert "That covers two or three to track." in out
    assert "when I have time" not in out
    assert "rarely arrives" in drive(pack(SCHOLARSHIP), ["i'll do it soon"], plan=EMPTY)[0]


@pytest.mark.parametrize(
    ("said", "starts"),
    [
        ("i'm in 10th grade, is it too early?", "It's not too early"),
        ("i have a 2.5 gpa, can i still get scholarships?", "Plenty are open to you: many"),
        ("my parents make too much money for aid", "Many scholarships have no income test"),
        ("i don't have anyone to write a letter", "Most students feel that way at first."),
    ],
)
def test_a_new_students_worries_are_answered(said: str, starts: str) -> None:
    """A run-through with nothing tracked: the first three were beyond the coach or
    critiqued for naming no deadline, and "i don't have anyone to write a letter" counted as
    someone who could write one."""
    [out] = drive(pack(SCHOLARSHIP), [said], plan=EMPTY)
    assert out.startswith(starts)
    assert "That covers someone who could write you a letter" not in out
    after = drive(pack(SCHOLARSHIP), [said, "my manager at work likes me"], plan=EMPTY)[1]
    assert "That covers someone who could write you a letter." in after


def test_asking_for_an_essay_to_be_written_keeps_the_starting_track() -> None:
    """ "can you write my essay for me" named "my essay" and left the track, so the refusal
    came after "Then let's work on the application you have in mind"; "i searched already"
    got the answer on where to search."""
    first, searched = drive(
        pack(SCHOLARSHIP),
        ["can you write my essay for me", "i searched already and found 3 i like"],
        plan=EMPTY,
    )
    assert first.startswith("I won't write your essay")
    assert "build your plan from the start" in first and "Then let's work" not in first
    assert searched.startswith("You said:") and "Look local first" not in searched
    assert "That covers a first search in Discovery." in searched


def test_the_starting_note_never_comes_after_what_to_answer() -> None:
    """ "what do you mean?" on the first round: the explanation's "Now try it…" was followed
    by the once-a-session note, so the reply ended on a paragraph about the plan."""
    [out] = drive(pack(SCHOLARSHIP), ["what do you mean?"], plan=EMPTY)
    assert "build your plan from the start" in out
    assert out.endswith("Now try it for your own situation, in a sentence or two.")


def test_where_they_stand_is_said_back_not_answered_as_a_question() -> None:
    """A run-through: "im a senior, want to study nursing, first gen" got the answer on where
    to look (its cue "first gen") before "Good to know", though it asked nothing."""
    said = "im a senior, want to study nursing, first gen"
    [out] = drive(pack(SCHOLARSHIP), [said], plan=EMPTY)
    assert out.startswith(f"Good to know: “{said}”.") and "Look local first" not in out


def test_the_state_a_student_lives_in_is_where_they_stand() -> None:
    """A run-through: "im in texas" was critiqued for not naming the deadlines to check."""
    _, out = drive(pack(SCHOLARSHIP), ["hi", "im in texas"], plan=EMPTY)
    assert out.startswith("Good to know: “im in texas”.")


def test_where_they_stand_is_said_back_whole() -> None:
    """The tour's screenshot read "Good to know: “im a junior and i want to study nursing, i
    work weekends at a…”": cut at fourteen words, mid-phrase."""
    said = "im a junior and i want to study nursing, i work weekends at a clinic"
    [out] = drive(pack(SCHOLARSHIP), [said], plan=EMPTY)
    assert out.startswith(f"Good to know: “{said}”.")


@pytest.mark.parametrize(
    ("gaps", "asks"),
    [
        (None, "Put your GPA and your intended major in your Profile too"),
        (["GPA", "major"], "Put your GPA and your intended major in your Profile too"),
        (
            ["GPA"],
            "Put your GPA in your Profile too, because Discovery matches scholarships on it.",
        ),
        (["major"], "Put your intended major in your Profile too"),
        (
            [],
            "Your Profile already has your GPA, major and school year, so Discovery matches "
            "on them.",
        ),
        (
            ["GPA", "major", "school year"],
            "Put your GPA, your intended major and your school year in your Profile too, "
            "because Discovery matches scholarships on them.",
        ),
    ],
)
def test_where_they_stand_asks_only_for_what_the_profile_lacks(
    gaps: list[str] | None, asks: str
) -> None:
    """A student whose Profile had both was told to put their GPA and major there."""
    plan = EMPTY.model_copy(update={"profile_gaps": gaps})
    [out] = drive(pack(SCHOLARSHIP), ["im a junior and i want to study nursing"], plan=plan)
    assert asks in out
    assert ("Put your" in out) == bool(gaps is None or gaps)


def test_leaving_the_track_late_still_asks_the_packs_own_first_step() -> None:
    """A student who let every step of the track pass and then named their own application
    never heard the pack's "What's one step on your application you'll finish today": the
    track had asked its own "step" question, under the same id."""
    # a bare "idk" is answered with what the question means, so these pass without one
    passes = ["nope", "nah", "no", "nope lol", "nah", "no", "nope"]
    own = "actually im working on my essay for the rotary scholarship, it's due march 3"
    after = ["i wrote the intro", "the middle part", "its hard", "ok", "sure"]
    replies = drive(pack(SCHOLARSHIP), ["hi", *passes, "nah man", own, *after], plan=EMPTY)
    assert "So what's your first step" in replies[8]
    assert replies[9].startswith("Then let's work on the application you have in mind")
    later = " ".join(replies[10:])
    assert "What's one step on your application you'll finish today, and at what time?" in later
    assert_no_question_repeats(replies)


def test_a_second_thing_about_where_they_stand_is_said_back_on_the_track_too() -> None:
    """A run-through: after "im a junior, i want to do engineering", "i have like a 3.2" was
    critiqued ("What's missing: which deadlines you'll look at first")."""
    replies = drive(
        pack(SCHOLARSHIP),
        ["hi", "im a junior, i want to do engineering", "i have like a 3.2"],
        plan=EMPTY,
    )
    assert replies[2].startswith("Good to know: “i have like a 3.2”.")
    assert "What's missing" not in replies[2]


def test_more_about_where_they_stand_is_said_back_once_with_the_open_question_again() -> None:
    """A run-through: the Profile sentence came with every statement; "my parents make about
    60k" was critiqued ("What's missing: which deadlines…") and parked the first search the
    student had not yet answered."""
    texts = [
        "im a junior, want to study nursing",
        "i have like a 3.2",
        "my parents make about 60k",
    ]
    replies = drive(pack(SCHOLARSHIP), texts, plan=EMPTY)
    assert "in your Profile too" in replies[0]
    assert all("Profile" not in r for r in replies[1:])
    assert replies[2].startswith("Good to know: “my parents make about 60k”. Back to my question:")
    assert "park" not in replies[2] and "What's missing" not in replies[2]
    _, memory = turn(texts[2], SCHOLARSHIP, plan=EMPTY, plan_aware=True)
    assert memory.context  # kept unscored
    assert not turn("my mom makes me apply to these", SCHOLARSHIP, plan=EMPTY)[1].context


def test_a_search_planned_with_a_time_is_a_step_not_a_question_about_searching() -> None:
    """A run-through: "tonight at 8 ill search discovery for nursing" got the answer to "where
    do I find scholarships?" ("Look local first…") instead of its critique."""
    [out] = drive(pack(SCHOLARSHIP), ["tonight at 8 ill search discovery for nursing"], plan=EMPTY)
    assert "Look local first" not in out
    assert "a first step with a day and time" in out


def test_where_they_stand_is_said_back_when_it_comes_with_where_do_i_start() -> None:
    """A browser audit: "hi im a senior, want to study nursing, my gpa is 3.4 and im in
    california. i dont know where to start honestly" got the first step, and nothing of what
    the student had told."""
    said = (
        "hi im a senior, want to study nursing, my gpa is 3.4 and im in california. i dont "
        "know where to start honestly"
    )
    [out] = drive(pack(SCHOLARSHIP), [said], plan=EMPTY)
    assert out.startswith("Good to know: “hi im a senior, want to study nursing")
    assert "today's step is discovery" in out


def test_a_school_year_said_with_none_on_the_profile_is_named_as_the_choice_to_pick() -> None:
    """Discovery reads "add your school year" for a student whose Profile has none; one who
    tells the coach "im a senior in high school" is told which choice that is, once, and the
    general ask leaves the year out."""
    plan = EMPTY.model_copy(update={"profile_gaps": ["GPA", "school year"]})
    [out] = drive(
        pack(SCHOLARSHIP), ["im a senior in high school and want to study nursing"], plan=plan
    )
    assert (
        "Choose “High school senior (12th grade)” as your school year in your Profile, so "
        "Discovery shows the scholarships for your year."
    ) in out
    assert "Put your GPA in your Profile too" in out
    assert "your school year in your Profile too" not in out
