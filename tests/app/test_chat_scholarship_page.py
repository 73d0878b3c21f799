"""The Chat page with the scholarship coach, which reads the student's game plan: news told
in chat is recorded only once the student confirms it (and a question the Game plan page
answered meanwhile says so), and a student with nothing tracked is started off."""

from __future__ import annotations

import psycopg

from tests.app.conftest import MAYA, chat_page, markdown_texts, plain


def gates_status(db_url: str) -> tuple[str, object]:
    with psycopg.connect(db_url) as conn:
        row = conn.execute(
            "select a.status::text, a.submitted_at from applications a "
            "join scholarships s on s.id = a.scholarship_id "
            "where a.user_id = %s and s.title = 'The Gates Scholarship'",
            (MAYA,),
        ).fetchone()
    assert row is not None
    return row[0], row[1]


def rounds_of(db_url: str, session_id: str) -> int:
    with psycopg.connect(db_url) as conn:
        row = conn.execute(
            "select count(*) from coaching_sessions where session_id = %s", (session_id,)
        ).fetchone()
    assert row is not None
    return int(row[0])


def test_news_in_chat_asks_to_confirm_and_confirm_records_it(app_env: str) -> None:
    at = chat_page()
    at.button(key="start_scholarship_coach").click().run()
    session = at.query_params["session"]
    at.chat_input(key="chat_input").set_value("I submitted the Gates application!").run()
    assert not at.exception, at.exception
    assert any("Mark the Gates Scholarship as submitted" in t for t in markdown_texts(at))
    assert at.button(key="news_confirm") and at.button(key="news_not_now")
    box = at.chat_input(key="chat_input").proto
    assert not box.disabled and box.placeholder.startswith("Confirm or Not now above, type yes")
    assert gates_status(app_env) == ("draft", None)

    again = chat_page(session=session)  # a refresh before answering still asks
    assert any("Mark the Gates Scholarship as submitted" in t for t in markdown_texts(again))
    again.button(key="news_confirm").click().run()
    assert not again.exception, again.exception
    status, submitted_at = gates_status(app_env)
    assert status == "submitted" and submitted_at is not None
    assert any("The Gates Scholarship is submitted" in t for t in markdown_texts(again))
    assert not [b for b in again.button if b.key == "news_confirm"]
    assert not again.chat_input(key="chat_input").proto.disabled


def test_a_typed_yes_confirms_and_talking_on_leaves_the_question_unanswered(
    app_env: str,
) -> None:
    """The input was locked while Confirm / Not now waited (a dead end on a phone, where the
    buttons had scrolled away); "yes" typed is the Confirm, anything else goes on."""
    at = chat_page()
    at.button(key="start_scholarship_coach").click().run()
    at.chat_input(key="chat_input").set_value("I submitted the Gates application!").run()
    at.chat_input(key="chat_input").set_value("yep").run()
    assert not at.exception, at.exception
    assert gates_status(app_env)[0] == "submitted"
    assert any("The Gates Scholarship is submitted" in t for t in markdown_texts(at))
    assert not [b for b in at.button if b.key == "news_confirm"]
    # an answer, not a round; what was typed shows above the line it got (an audit's typed
    # "no" vanished, leaving "Okay, not recorded." under nothing)
    texts = markdown_texts(at)
    said = next(i for i, t in enumerate(texts) if "The Gates Scholarship is submitted" in t)
    assert texts[said - 1] == "yep" and texts.count("yep") == 1, texts
    assert rounds_of(app_env, at.query_params["session"]) == 1

    at.chat_input(key="chat_input").set_value("The Gates committee rejected me.").run()
    assert at.button(key="news_confirm")
    at.chat_input(key="chat_input").set_value("ok what should i do next").run()
    assert not at.exception, at.exception
    assert not [b for b in at.button if b.key == "news_confirm"]
    texts = markdown_texts(at)
    assert any("Not recorded, as you went on." in plain(t) for t in texts)
    assert gates_status(app_env)[0] == "submitted"  # not lost: it was never answered


def test_a_question_answered_on_the_game_plan_says_so_when_the_chat_is_next_opened(
    app_env: str,
) -> None:
    """An audit: after Cancel on the Game plan's dialog the chat's question was just gone;
    the line saying what happened appeared only after a second reload."""
    at = chat_page()
    at.button(key="start_scholarship_coach").click().run()
    session = at.query_params["session"]
    at.chat_input(key="chat_input").set_value("I submitted the Gates application!").run()
    assert at.button(key="news_confirm")
    with psycopg.connect(app_env) as conn:  # the Game plan's Cancel: the proposal withdrawn
        conn.execute(
            "update applications set metadata = metadata - 'pending_transition' "
            "where user_id = %s and metadata ? 'pending_transition'",
            (MAYA,),
        )
    back = chat_page(session=session)  # the sidebar's Chat, one run
    assert not back.exception, back.exception
    said = [t.replace("\\", "") for t in markdown_texts(back)]  # as read, escapes dropped
    assert "Answered on your game plan: nothing was recorded." in said, said
    assert not [b for b in back.button if b.key == "news_confirm"]
    assert gates_status(app_env) == ("draft", None)


def test_a_typed_no_stays_on_screen_above_what_it_got(app_env: str) -> None:
    at = chat_page()
    at.button(key="start_scholarship_coach").click().run()
    at.chat_input(key="chat_input").set_value("I submitted the Gates application!").run()
    at.chat_input(key="chat_input").set_value("no").run()
    assert not at.exception, at.exception
    texts = [plain(t) for t in markdown_texts(at)]
    said = texts.index("Okay, not recorded.")
    assert texts[said - 1] == "no", texts
    assert gates_status(app_env) == ("draft", None)
    at.chat_input(key="chat_input").set_value("ok what should i do next").run()  # talks on
    texts = [plain(t) for t in markdown_texts(at)]
    assert texts[texts.index("Okay, not recorded.") - 1] == "no", texts
    # a reload is a new browser session: the "no" was kept only by the tab, and the line
    # then stood under nothing
    again = chat_page(session=at.query_params["session"])
    texts = [plain(t) for t in markdown_texts(again)]
    assert texts[texts.index("Okay, not recorded.") - 1] == "no", texts
    assert texts.count("no") == 1, texts


def test_not_now_in_chat_records_nothing(app_env: str) -> None:
    at = chat_page()
    at.button(key="start_scholarship_coach").click().run()
    at.chat_input(key="chat_input").set_value("I just submitted my Gates application.").run()
    at.button(key="news_not_now").click().run()
    assert not at.exception, at.exception
    assert gates_status(app_env) == ("draft", None)
    assert any("not recorded" in t for t in markdown_texts(at))
    assert not [b for b in at.button if b.key == "news_confirm"]


def test_confirm_pressed_after_the_game_plan_answered_says_nothing_was_recorded(
    app_env: str,
) -> None:
    """A browser audit: Confirm pressed in a chat tab drawn before the Game plan's Cancel made
    the buttons vanish with no line, so the student could think it was recorded."""
    at = chat_page()
    at.button(key="start_scholarship_coach").click().run()
    at.chat_input(key="chat_input").set_value("I submitted the Gates application!").run()
    with psycopg.connect(app_env) as conn:  # the Game plan's Cancel, in another tab
        conn.execute(
            "update applications set metadata = metadata - 'pending_transition' "
            "where user_id = %s and metadata ? 'pending_transition'",
            (MAYA,),
        )
    at.button(key="news_confirm").click().run()
    assert not at.exception, at.exception
    said = [t.replace("\\", "") for t in markdown_texts(at)]
    assert said.count("Answered on your game plan: nothing was recorded.") == 1, said
    assert not [b for b in at.button if b.key == "news_confirm"]
    assert gates_status(app_env) == ("draft", None)


def test_a_student_with_nothing_tracked_starts_from_where_they_stand(app_env: str) -> None:
    """A run-through with nothing tracked: the page opened on "I can see your scholarship
    game plan", and the first answer, a junior saying what she wants to study, scored 2/10
    for naming no deadline."""
    with psycopg.connect(app_env) as conn:
        conn.execute("delete from applications where user_id = %s", (MAYA,))
    at = chat_page()
    at.button(key="start_scholarship_coach").click().run()
    assert not any("I can see your" in t for t in markdown_texts(at))
    at.chat_input(key="chat_input").set_value("hi").run()
    at.chat_input(key="chat_input").set_value("im a junior and i want to study nursing").run()
    assert not at.exception, at.exception
    said = [plain(t) for t in markdown_texts(at)]
    assert any("we'll build your plan from the start" in t for t in said), said
    assert any(
        t.startswith("Good to know: “im a junior and i want to study nursing”.") for t in said
    )
    *_, told = [e for e in at.expander if e.label.startswith("Assessment")]
    assert told.label == "Assessment · not scored"
    assert told.caption[0].value.startswith(
        "Not scored: telling the coach where you stand, not an answer to score."
    )
