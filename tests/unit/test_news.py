"""News in a chat message, matched to one of the student's applications by its title."""

from __future__ import annotations

from uuid import uuid4

import pytest

from coach.news import (
    News,
    detect_news,
    news_kind,
    read_news,
    scam_listing,
    unscored_news,
)
from coach.news_titles import Candidate, match_title
from coach.news_words import takes_back

APPS = [
    Candidate(uuid4(), "The Gates Scholarship", "draft"),
    Candidate(uuid4(), "Cal Grant", "draft"),
    Candidate(uuid4(), "Dell Scholars Program", "draft"),
    Candidate(uuid4(), "Coca-Cola Scholars Program", "submitted"),
    Candidate(uuid4(), "Jack Kent Cooke College Scholarship", "draft"),
    Candidate(uuid4(), "Jack Kent Cooke Undergraduate Transfer Scholarship", "draft"),
]


@pytest.mark.parametrize(
    ("text", "kind", "title"),
    [
        ("I submitted the Gates application", "submitted", "The Gates Scholarship"),
        ("i just submitted my gates app!", "submitted", "The Gates Scholarship"),
        ("I submitted the Gates. Dell is next.", "submitted", "The Gates Scholarship"),
        ("I applied for the Cal Grant", "submitted", "Cal Grant"),
        ("I won the Coca-Cola scholarship", "won", "Coca-Cola Scholars Program"),
        ("I got it! Coca-Cola came through", "won", "Coca-Cola Scholars Program"),
        ("I was awarded the Dell scholarship", "won", "Dell Scholars Program"),
        ("Gates rejected me", "lost", "The Gates Scholarship"),
        ("My Cal Grant application was rejected", "lost", "Cal Grant"),
        ("I didn't get the Gates scholarship", "lost", "The Gates Scholarship"),
        # typed in a hurry (an audit: no prompt to confirm, and scored 2/10)
        ("i submited the gates application last night!!", "submitted", "The Gates Scholarship"),
        ("cal grant rejeted me", "lost", "Cal Grant"),
        # a scholarship student's first week (an audit): each scored as an answer
        ("I finished the Gates application!! I sent it", "submitted", "The Gates Scholarship"),
        ("I sent the Cal Grant application today!", "submitted", "Cal Grant"),
        ("I finished the Dell application and submitted it", "submitted", "Dell Scholars Program"),
        ("just hit submit on cal grant!", "submitted", "Cal Grant"),
        ("finished and sent the cal grant", "submitted", "Cal Grant"),
    ],
)
def test_news_about_one_application(text: str, kind: str, title: str) -> None:
    news = detect_news(text, APPS)
    assert news is not None and (news.kind, news.title) == (kind, title)


@pytest.mark.parametrize(
    "text",
    [
        "I submitted it",  # which one?
        "I submitted the Gates and Dell",  # two
        "I submitted the Jack Kent Cooke",  # both Cooke titles, equally
        "I submitted the Coca-Cola",  # already submitted: nothing to record
        "I haven't submitted the Gates yet",
        "If I won the Gates I'd be thrilled",
        "Should I say I submitted the Gates?",
        "I got it done for Gates",
        "I didn't get to the Gates essay",  # not a rejection: Lost is written unasked
        "I lost my Gates essay draft",
        "I think I lost my Cal Grant essay file, my laptop crashed.",
        "I'm scared I won't get the Gates scholarship.",
        "A website says I won the Gates scholarship but I have to pay a $49 fee.",
        "I won’t get the Gates scholarship, will I",
        "What should I do today?",
    ],
)
def test_no_news_when_unclear(text: str) -> None:
    assert detect_news(text, APPS) is None


def test_the_question_and_the_lines() -> None:
    news = detect_news("I submitted the Gates application", APPS)
    assert news is not None and news.status == "submitted"
    assert news.question() == "Mark the Gates Scholarship as submitted?"
    assert news.recorded() == (
        "Recorded: The Gates Scholarship is submitted. I'll check in with you in three weeks."
    )


@pytest.mark.parametrize(
    "text",
    [
        "I submitted my application today!",  # scored 5/10 until 2026-12-02 ("today": a plan)
        "I won $2,000 from the Elks!",
        "We got rejected by Dell yesterday.",
        # a run-through: the answer to "have you heard back?" was scored as an answer
        "i didnt hear back from river city yet",
        "still waiting on the Elks",
    ],
)
def test_news_is_not_scored_even_when_it_says_when(text: str) -> None:
    assert unscored_news(text) == "news about an application, not an answer"


def test_news_with_a_step_to_come_is_an_answer() -> None:
    assert unscored_news("I submitted the Gates app, so tomorrow I'll start on Dell.") is None
    assert unscored_news("I submitted it! Next I need to ask Ms. Lee for a letter.") is None
    assert unscored_news("haven't heard back, so I'll email them Friday morning") is None


PLAN = [
    Candidate(uuid4(), "Future Teachers Fund", "draft"),
    Candidate(uuid4(), "Community Leaders Grant", "draft"),
]


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("my future teachers in high school were mean to me", None),
        ("our community leaders never showed up to the meeting", None),
        ("my Future Teachers essay is at 400 words", "Future Teachers Fund"),
        ("the future teachers one is due first", "Future Teachers Fund"),
        ("I'm on the community leaders grant today", "Community Leaders Grant"),
    ],
)
def test_a_possessive_makes_people_not_a_title(text: str, title: str | None) -> None:
    """A re-audit: "my future teachers were mean" named the Future Teachers Fund."""
    found = match_title(text, PLAN)
    assert (found.title if found else None) == title


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("I didn't get the River City Award.", "lost"),
        ("We didn't get the Future Teachers Fund.", "lost"),
        ("I got it!!", "won"),
        ("Ok I got it.", None),  # understanding
        ("I got the extension for Future Teachers Fund", None),  # no award
        # an audit's, each critiqued and scored as an answer
        ("I heard back, rejected", "lost"),
        ("I heard back from the Dell Scholars program, they said no", "lost"),
        ("heard back from Sunrise, it's a no", "lost"),
        ("rejected :(", "lost"),
        ("I heard back and it went well", None),
        ("I heard back, no luck", "lost"),
    ],
)
def test_the_kind_of_news_is_the_status_it_would_record(text: str, kind: str | None) -> None:
    found = news_kind(text)
    assert (found[0] if found else None) == kind


def test_a_recommenders_yes_is_news_not_an_answer_to_score() -> None:
    assert unscored_news("Mr. Okafor said yes to the rec letter!") is not None
    assert unscored_news("Mr. Okafor said yes, so I'll send him my resume tonight.") is None


@pytest.mark.parametrize(
    "text",
    [
        "not a finalist for river city",
        "They turned me down for the River City scholarship.",
        "Got the email today - River City Award went to someone else.",
        "we weren't selected this year",
    ],
)
def test_a_rejection_said_other_ways_is_lost(text: str) -> None:
    found = news_kind(text)
    assert found is not None and found[0] == "lost"


@pytest.mark.parametrize(
    "text",
    [
        "my mom said no",
        "Ok, I got it!",
        "I didn't get the email yet",
        # sent to someone to read, or an email: no submission
        "I sent the Gates essay to my teacher for feedback",
        "I sent it to my counselor to read",
        "I sent the cal grant application to my mom to check",
        "I sent them an email asking about the deadline",
    ],
)
def test_look_alikes_are_no_news(text: str) -> None:
    assert news_kind(text) is None


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("one of them wants a 50 dollar processing fee is that normal?", True),  # an audit
        ("this one says i have to pay 25 dollars to apply", True),
        ("should i pay the fee to apply?", True),
        ("there's a registration fee of $20", True),
        ("ill pay the processing fee tonight", False),  # a plan to pay: the harm check's
        ("i won but they want a processing fee to release it", False),  # a prize: scam_offer
        ("the fafsa has no fee", False),
    ],
)
def test_a_listing_that_asks_for_money_is_asked_about(text: str, asks: bool) -> None:
    assert scam_listing(text) is asks


UNDER_WAY = [
    Candidate(uuid4(), "The Gates Scholarship", "draft", "tracked"),
    Candidate(uuid4(), "Cal Grant", "draft", "drafting"),
]


@pytest.mark.parametrize(
    "text",
    [
        "i started the gates essay, got like half a page",
        "I've been working on my Gates essay",
        "im working on the gates application now",
        "I wrote a rough draft of the Gates essay",
    ],
)
def test_work_begun_on_a_tracked_application_asks_to_move_it_to_drafting(text: str) -> None:
    news = detect_news(text, UNDER_WAY)
    assert news is not None and (news.kind, news.status) == ("started", "drafting")
    assert news.question() == "Move the Gates Scholarship to Drafting on your game plan?"
    # progress, scored on its words alone; the offline coach takes it as news of a plan item
    assert unscored_news(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "i started the cal grant essay",  # in drafting already: nothing to ask, nothing said
        "I haven't started the Gates essay yet",
        "I need to start the Gates essay",
        "i started thinking about the gates essay",
        "i started the fafsa",  # not on the plan: no "which one?" for progress talk
    ],
)
def test_work_not_begun_or_already_under_way_asks_nothing(text: str) -> None:
    assert read_news(text, UNDER_WAY) is None


def test_news_of_a_scholarship_off_the_plan_names_it() -> None:
    tracked = [c for c in APPS if not c.title.startswith("Dell")]
    catalog = [c.title for c in APPS]
    said = read_news("i got rejected from the dell scholarship", tracked, lambda: catalog)
    assert said == (
        "Dell Scholars Program isn't on your game plan, so nothing was recorded. To keep count "
        "of it, track it in Discovery, then mark it on the Game plan page."
    )
    unclear = read_news("I submitted it", tracked, lambda: catalog)
    assert isinstance(unclear, str) and unclear.startswith("I couldn't tell which")


def test_a_whole_draft_asks_to_move_it_to_review_and_an_untracked_one_is_named() -> None:
    """A browser audit: "i finished my whole hometown draft" got a 3/10 critique and no
    question; "i started the texas grant essay" (not tracked) got no line at all."""
    plan = [
        Candidate(uuid4(), "Hometown Community Foundation Scholarship", "draft", "drafting"),
        Candidate(uuid4(), "Cal Grant", "draft", "review"),
    ]
    catalog = [*(c.title for c in plan), "TEXAS Grant"]
    news = read_news("i finished my whole hometown draft", plan, lambda: catalog)
    assert isinstance(news, News) and (news.kind, news.status) == ("drafted", "review")
    assert news.question() == (
        "Move Hometown Community Foundation Scholarship to Review on your game plan?"
    )
    assert (
        read_news("my cal grant essay is done", plan, lambda: catalog) is None
    )  # in review already
    assert read_news("i finished the hometown application", plan, lambda: catalog) is None  # sent?
    assert read_news("i started the texas grant essay", plan, lambda: catalog) == (
        "TEXAS Grant isn't on your game plan, so nothing was recorded. To keep count of it, "
        "track it in Discovery, then mark it on the Game plan page."
    )


def test_a_win_or_a_loss_named_by_nothing_is_the_one_application_waiting_on_its_result() -> None:
    """A browser audit: "i won!" got "I couldn't tell which of your tracked applications you
    meant" while Cal Grant was the one application sent, and its check-in was asking."""
    coca = next(c for c in APPS if c.status == "submitted")
    for text, kind in (
        ("i won!!", "won"),
        ("i didn't get it :(", "lost"),
        # to "have you heard back from …?": "they" are its sponsor, as in "they said yes"
        ("yes they said no", "lost"),
        ("they said yes!", "won"),
    ):
        news = read_news(text, APPS)
        assert isinstance(news, News) and news.kind == kind, (text, news)
        assert news.application_id == coca.application_id
    two = [*APPS, Candidate(uuid4(), "Cal Grant B", "submitted")]
    unclear = read_news("i won!!", two)
    assert isinstance(unclear, str) and unclear.startswith("I couldn't tell which")


def test_news_naming_a_scholarship_not_tracked_is_never_pinned_on_the_one_waiting() -> None:
    """An audit: "rejected from the River City Award" (on no plan, in no catalog) asked "Mark
    Regeneron Science Talent Search as lost?", Regeneron being the one application sent."""
    for text in (
        "i just got rejected from the River City Award and honestly im so done with this.",
        "i didn't get the rotary scholarship",
        "I won the Lions Club one!!",
        "heard back from Elks today, i didn't get it",
        "i didn't get the river city grant :(",
    ):
        said = read_news(text, APPS)
        assert isinstance(said, str) and said.startswith("I couldn't tell which"), (text, said)
    for text in ("i didn't get the scholarship :(", "i won it!!", "I didn't get that one"):
        assert isinstance(read_news(text, APPS), News), text  # names nothing: the one waiting


def test_a_question_about_a_listings_fee_is_not_scored() -> None:
    """A browser audit: "The Hometown application says there's a $25 processing fee to submit.
    Should I pay it?" got the right answer ("Don't pay it") and 6/10, self-advocacy "nothing
    yet": asking first is what the coach wants, not a weak answer."""
    asked = "The Hometown application says there's a $25 processing fee to submit. Should I pay it?"
    assert unscored_news(asked) == "a fee to ask about, not an answer"
    assert unscored_news("I'll pay the $25 processing fee tonight so I can submit.") is None


def test_rejections_counted_are_not_pinned_on_the_one_waiting() -> None:
    """A re-audit: "i got rejected twice already and i feel like giving up" asked "Mark
    Regeneron Science Talent Search as lost?"."""
    for text in (
        "i got rejected twice already and i feel like giving up",
        "i didn't get any of them, 3 rejections this month",
    ):
        said = read_news(text, APPS)
        assert not isinstance(said, News), (text, said)
    assert isinstance(read_news("i didn't get it :( i feel like giving up", APPS), News)


def test_after_a_a_word_is_a_kind_of_person_not_a_title() -> None:
    """An audit: "i want to be a nurse" named the NURSE Corps Scholarship Program, and the
    coach planned the student's evening around it instead of her plan's first."""
    nurse = [Candidate(uuid4(), "NURSE Corps Scholarship Program", "draft"), *APPS]
    assert match_title("im a senior. i want to be a nurse. which first?", nurse) is None
    found = match_title("the nurse corps one", nurse)
    assert found is not None and found.title == "NURSE Corps Scholarship Program"
    found = match_title("i submitted a gates application", nurse)
    assert found is not None and found.title == "The Gates Scholarship"


def test_a_surname_said_as_the_scholarships_name_names_it() -> None:
    """An audit: "whats the Rankin deadline" got "I don't see 'Rankin' among the applications
    you track" from a student tracking the Jeannette Rankin Women's Scholarship; "rankin"
    said before "deadline", "essay" or "application" is its name. Said alone, a title's third
    word is not enough."""
    rankin = [Candidate(uuid4(), "Jeannette Rankin Women's Scholarship", "draft"), *APPS]
    for text in ("whats the Rankin deadline", "i started the rankin essay"):
        found = match_title(text, rankin)
        assert found is not None and found.title == "Jeannette Rankin Women's Scholarship"
    assert match_title("women in tech meetups help", rankin) is None


SENT = [
    Candidate(uuid4(), "Hometown Community Foundation Scholarship", "submitted"),
    Candidate(uuid4(), "The Gates Scholarship", "draft"),
]


@pytest.mark.parametrize(
    ("text", "title"),
    [
        # unnamed: the one this chat recorded as sent
        (
            "oh wait no. i only saved it as a draft, i didnt hit submit. can you undo that",
            "Hometown",
        ),
        ("i didnt actually submit the hometown one", "Hometown"),
        # named, and not sent: nothing to take back
        ("the gates one isnt submitted yet", None),
        ("i didnt send the gates one yet", None),
    ],
)
def test_a_submission_taken_back(text: str, title: str | None) -> None:
    found = news_kind(text)
    assert found is not None and found[0] == "unsent"
    news = read_news(text, SENT, recent=["Hometown Community Foundation Scholarship"])
    if title is None:
        assert news is None
    else:
        assert isinstance(news, News) and news.kind == "unsent" and title in news.title
        assert news.status == "drafting"


def test_a_taken_back_submission_unnamed_and_not_recorded_here_is_not_guessed() -> None:
    """Sent weeks ago and never spoken of here: "i didnt hit submit" is not about it."""
    assert read_news("i didnt hit submit", SENT) is None


@pytest.mark.parametrize(
    ("text", "no"),
    [
        ("wait actually no i didnt yet, my counselor still has to send the nomination", True),
        ("nope, not yet", True),
        ("i didnt do it yet", True),
        ("i only saved it, i never hit submit", True),
        ("no worries, what should i do next", False),
        ("what should i work on next?", False),
        ("yes and i also finished the essay", False),
    ],
)
def test_a_no_typed_as_a_sentence(text: str, no: bool) -> None:
    assert takes_back(text) is no


DECIDED = [
    Candidate(uuid4(), "Burger King Scholars Program", "rejected"),
    Candidate(uuid4(), "Coca-Cola Scholars Program", "submitted"),
]


def test_news_is_of_the_application_named_in_its_own_clause() -> None:
    """An audit: "i got rejected from burger king and i dont even know if coca cola is gonna
    come through" asked to mark Coca-Cola as lost. Burger King is the news (already lost);
    Coca-Cola is only a doubt."""
    text = "i got rejected from burger king and i dont even know if coca cola is gonna come through"
    assert read_news(text, DECIDED) == (
        "Burger King Scholars Program is already marked lost: there was nothing new to record."
    )
    # the one waiting, named only in a doubt, is not taken for "i got rejected"
    doubt = read_news("i got rejected, and i dont know if coca cola will come through", DECIDED)
    assert not isinstance(doubt, News)
    news = read_news("coca cola rejected me", DECIDED)
    assert isinstance(news, News) and news.title == "Coca-Cola Scholars Program"
