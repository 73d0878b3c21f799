"""The Chat page as a student uses it: pick a coach, talk, see the assessment, come back."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from uuid import UUID, uuid5

import psycopg
import pytest
import streamlit as st

from db.settings import get_settings
from tests.app.conftest import MAYA, RIVERA, chat_page, execute, markdown_texts, plain, query
from tests.support.openai_server import OpenAIServer

JORDAN = "0d1f5a2e-0000-4000-8000-000000000002"


def use_model(monkeypatch: pytest.MonkeyPatch, server: OpenAIServer, **env: str) -> None:
    """The app as configured with a model: the local OpenAI-compatible server answers."""
    monkeypatch.setenv("OPENAI_API_KEY", "test-key")
    monkeypatch.setenv("OPENAI_BASE_URL", server.url)
    for name, value in env.items():
        monkeypatch.setenv(f"OPENAI_{name.upper()}", value)
    get_settings.cache_clear()
    st.cache_resource.clear()


def test_student_picks_a_coach_talks_and_sees_the_assessment(app_env: str) -> None:
    at = chat_page()
    assert at.caption[0].value == "Answering: Practice coach (offline)"  # no setup talk
    assert any("Communication Skills Coach" in t for t in markdown_texts(at))
    # what each coach is for in a student's words, not the seed's "skill_development"
    picked = [c.value for c in at.caption]
    assert (
        "Build a skill · intermediate" in picked
        and "Settle into a new job · for beginners" in picked
    )
    assert not any("_" in c or "coaching ·" in c for c in picked)
    at.button(key="start_communication_coach").click().run()
    assert not at.exception
    session = at.query_params["session"]
    assert session.startswith(MAYA + ":communication_coach:")
    assert any("recent customer interaction" in t for t in markdown_texts(at))  # opening
    # the open session's header says it as the picker did ("skill development · …" before)
    assert "Build a skill · intermediate" in [c.value for c in at.caption]
    assert not any("skill development" in c.value for c in at.caption)

    at.chat_input(key="chat_input").set_value("My manager <b>ignored</b> a customer email.").run()
    assert not at.exception
    texts = markdown_texts(at)
    assert any("ignored" in t and "\\<b\\>" in t for t in texts)  # shown as typed, escaped
    assert any(t.startswith(("You said:", "Got it:")) for t in texts)  # the coach answered
    [expander] = [e for e in at.expander if e.label.startswith("Assessment")]
    assert "/10" in expander.label
    assert any(re.search(r"- \*\*empathy\*\* [▰▱]{10} \d+/10", t) for t in texts)

    at.button(key="all_sessions").click().run()
    assert "session" not in at.query_params
    captions = [c.value for c in at.caption]
    start = captions.index("Coach")  # the session list's headers
    assert captions[start : start + 7] == [
        "Coach",
        "Began with",
        "Started",
        "Rounds",
        "Average",
        "Report",
        "",
    ]
    assert any(t.startswith("My manager") for t in markdown_texts(at))  # the title


def test_a_question_to_the_coach_says_why_it_has_no_score(app_env: str) -> None:
    at = chat_page()
    at.button(key="start_sales_workflow_coach").click().run()
    at.chat_input(key="chat_input").set_value("What should I do first?").run()
    assert not at.exception
    [expander] = [e for e in at.expander if e.label.startswith("Assessment")]
    assert expander.label == "Assessment · not scored"
    [note] = [c.value for c in expander.caption]
    assert note.startswith("Not scored: a question to the coach, not an answer.")
    # an audit: it went on "Questions, thanks and goodbyes are not scored" under a feeling
    assert "Only answers are scored" in note and "thanks and goodbyes" not in note


def test_the_assessment_names_dimensions_as_the_report_card_does(app_env: str) -> None:
    at = chat_page()
    at.button(key="start_architecture_advisor").click().run()
    at.chat_input(key="chat_input").set_value("We expect 500 users and one database.").run()
    assert not at.exception
    texts = plain(" ".join(markdown_texts(at)))
    assert re.search(r"\*\*trade-off analysis\*\* [▰▱]{10}", texts)
    assert "trade off analysis" not in texts


def test_a_coachs_changed_score_shows_in_the_students_chat(app_env: str) -> None:
    """Chat showed only the AI's 8/10 where My progress and Review said the coach gave 7."""
    [changed] = query(
        "select s.session_id, s.round_number, s.score as ai, o.score as coach "
        "from coaching_score_overrides o join coaching_sessions s on s.id = o.round_id "
        "join learners l on l.id::text = s.learner_id where l.user_id = %s "
        "order by o.created_at desc limit 1",
        MAYA,
    )
    at = chat_page()
    at.button(key=f"resume_{changed['session_id']}").click().run()
    assert not at.exception, at.exception
    labels = [e.label for e in at.expander if e.label.startswith("Assessment")]
    assert labels[changed["round_number"] - 1] == (
        f"Assessment · AI {changed['ai']}/10 · coach {changed['coach']}/10"
    )


def test_the_sidebars_chat_returns_to_the_open_session_until_it_is_closed(app_env: str) -> None:
    """A page switch clears the query string: Chat used to land on the session list after a
    look at the Game plan, the conversation gone from view."""
    at = chat_page()
    at.button(key="start_communication_coach").click().run()
    session = at.query_params["session"]
    at.chat_input(key="chat_input").set_value("A customer shouted at me.").run()
    at.switch_page("app_pages/game_plan.py").run()
    at.switch_page("app_pages/chat.py").run()
    assert not at.exception, at.exception
    assert at.query_params["session"] == session
    assert "A customer shouted at me." in plain(" ".join(markdown_texts(at)))
    at.button(key="all_sessions").click().run()
    at.switch_page("app_pages/game_plan.py").run()
    at.switch_page("app_pages/chat.py").run()
    assert "session" not in at.query_params
    assert any(c.value == "Coach" for c in at.caption)  # the session list


def test_a_refresh_shows_the_same_session_with_its_history(app_env: str) -> None:
    at = chat_page()
    at.button(key="start_architecture_advisor").click().run()
    session = at.query_params["session"]
    at.chat_input(key="chat_input").set_value("We expect 500 users and one database.").run()
    again = chat_page(session=session)
    assert any("500 users" in t for t in markdown_texts(again))
    assert any(e.label.startswith("Assessment") for e in again.expander)


def test_another_students_session_link_is_refused(app_env: str) -> None:
    at = chat_page()
    at.button(key="start_communication_coach").click().run()
    session = at.query_params["session"]
    at.chat_input(key="chat_input").set_value("Private story about my job.").run()
    intruder = chat_page(user=JORDAN, session=session)
    assert "belongs to someone else" in intruder.error[0].value
    assert not any("Private story" in t for t in markdown_texts(intruder))


def test_seeded_sessions_are_listed_for_their_owner(app_env: str) -> None:
    at = chat_page()
    buttons = [b for b in at.button if b.key and b.key.startswith("resume_")]
    assert len(buttons) == 2  # Maya's two demo sessions
    buttons[-1].click().run()
    assert not at.exception
    assert not at.error
    assert any("customer yelled at me" in t for t in markdown_texts(at))
    assert any(e.label == "Assessment · 6/10" for e in at.expander)


def test_a_failed_reply_keeps_the_message_and_retry_answers_it(
    app_env: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with OpenAIServer() as server:
        use_model(monkeypatch, server, model="test-model", timeout_s="2", max_retries="0")
        at = chat_page()
        assert "test-model" in at.caption[0].value
        at.button(key="start_communication_coach").click().run()
        server.chat.always("500")
        at.chat_input(key="chat_input").set_value("The client cancelled twice.").run()
        assert not at.exception
        assert "Your message is saved" in at.error[0].value
        # one box says it, above Retry (an audit: a warning above and an error below it)
        assert len(at.error) == 1 and not at.warning
        at.run()  # what the learner sees next: the message, kept, with a Retry button
        assert any("cancelled twice" in t for t in markdown_texts(at))
        assert "not answered" in at.warning[0].value
        assert at.chat_input(key="chat_input").proto.disabled

        server.healthy()
        at.button(key="retry").click().run()
        assert not at.exception
        assert not at.warning
        assert any(server.reply[:30] in t for t in markdown_texts(at))
        assert any(e.label == "Assessment · 7/10" for e in at.expander)
        assert any("Points at the empathy" in t for t in markdown_texts(at))  # the reason


def test_a_pending_assessment_above_is_shown_once_the_next_message_scores_it(
    app_env: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An audit: the next message scored the earlier round, yet the page kept saying
    "Assessment pending" above until a reload."""
    with OpenAIServer() as server:
        use_model(monkeypatch, server, model="test-model", max_retries="0")
        at = chat_page()
        at.button(key="start_communication_coach").click().run()
        server.judge.always("500")
        at.chat_input(key="chat_input").set_value("The client cancelled twice.").run()
        assert not at.exception
        assert [e.label for e in at.expander if e.label.startswith("Assessment")] == [
            "Assessment pending"
        ]

        server.healthy()
        at.chat_input(key="chat_input").set_value("I'll call her at 3pm today.").run()
        assert not at.exception
        labels = [e.label for e in at.expander if e.label.startswith("Assessment")]
        assert labels == ["Assessment · 7/10", "Assessment · 7/10"], labels


def test_a_session_cannot_end_while_a_message_waits_for_retry(
    app_env: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An audit: End session with a message waiting wrote a card that left it out, under a
    "Session ended" banner drawn right above that message."""
    with OpenAIServer() as server:
        use_model(monkeypatch, server, max_retries="0")
        at = chat_page()
        at.button(key="start_communication_coach").click().run()
        at.chat_input(key="chat_input").set_value("The client cancelled twice.").run()
        assert not at.button(key="end_session").proto.disabled
        server.chat.always("500")
        at.chat_input(key="chat_input").set_value("I'll call her at 3pm today.").run()
        at.run()
        end = at.button(key="end_session")
        assert end.proto.disabled and "Retry the waiting message first" in end.proto.help


def in_page_order(node: Any) -> Iterator[Any]:
    """The page's elements top to bottom (a container's children by their position)."""
    yield node
    for index in sorted(getattr(node, "children", {})):
        yield from in_page_order(node.children[index])


def test_a_new_exchange_reads_above_the_input(app_env: str) -> None:
    """Inside the conversation fragment the input is not docked to the window's bottom: the
    learner's message, the reply and End session must come before it, not after."""
    at = chat_page()
    at.button(key="start_communication_coach").click().run()
    at.chat_input(key="chat_input").set_value("A customer shouted at me about a refund.").run()
    assert not at.exception
    order = [
        ("input" if n.type == "chat_input" else "end" if n.key == "end_session" else "bubble")
        for n in in_page_order(at.main)
        if n.type in ("chat_input", "chat_message") or getattr(n, "key", None) == "end_session"
    ]
    assert order == ["bubble", "bubble", "bubble", "end", "input"]  # opening, message, reply


def test_a_dimension_the_judge_did_not_score_says_so(
    app_env: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    answer = {
        "score": 6,
        "feedback": "You named the delay; next, offer a time.",
        "dimensions": [
            {"name": n, "score": 6, "reason": f"{n} reason"}
            for n in ("empathy", "de_escalation", "problem_resolution")
        ],
    }
    with OpenAIServer(judge_answer=answer) as server:
        use_model(monkeypatch, server, model="test-model")
        at = chat_page()
        at.button(key="start_communication_coach").click().run()
        at.chat_input(key="chat_input").set_value("The client cancelled twice.").run()
        assert not at.exception
        at.run()
        texts = markdown_texts(at)
        assert any("- **clarity**: not scored — the judge gave no score for it" in t for t in texts)
        assert any("- **empathy** ▰▰▰▰▰▰▱▱▱▱ 6/10  \n  empathy reason" in t for t in texts)
        assert any("Not scored: clarity" in t for t in markdown_texts(at))


def test_a_message_the_database_refused_stays_on_the_page_to_send_again(app_env: str) -> None:
    at = chat_page()
    at.button(key="start_communication_coach").click().run()
    box = at.chat_input(key="chat_input").proto
    assert box.max_chars == 4000  # the limit, enforced and said before anything is typed
    assert box.placeholder == "Message your coach (up to 4,000 characters)"
    at.chat_input(key="chat_input").set_value("My manager said \x00 no.").run()
    assert not at.exception
    assert "NUL byte" in at.error[0].value
    at.run()
    assert "was not sent" in at.warning[0].value
    assert any("My manager said" in t for t in markdown_texts(at))
    at.button(key="discard_unsent").click().run()
    assert not at.warning and not any("My manager said" in t for t in markdown_texts(at))


def test_deleting_a_session_asks_first_then_it_is_gone(app_env: str) -> None:
    at = chat_page()
    at.button(key="start_communication_coach").click().run()
    session = at.query_params["session"]
    at.chat_input(key="chat_input").set_value("A story I want gone.").run()
    at.button(key="delete_session").click().run()
    assert not at.exception
    assert any("deleted for good" in m.value for m in at.markdown)  # it asks first
    keys = [b.key for b in at.button]  # the safe choice first (a phone stacks the two)
    assert keys.index("cancel_delete") < keys.index("confirm_delete")
    at.button(key="confirm_delete").click().run()
    assert not at.exception
    assert "session" not in at.query_params
    again = chat_page(session=session)  # Back, or the old address: gone, and it says so
    assert again.error[0].value == "That session no longer exists: it was deleted."


def test_a_message_sent_into_a_session_another_tab_deleted_is_kept_to_copy(app_env: str) -> None:
    """A browser audit: a pasted paragraph sent in the second tab after the first deleted the
    session was gone, with only "That session no longer exists" left on the page."""
    first = chat_page()
    first.button(key="start_communication_coach").click().run()
    session = first.query_params["session"]
    second = chat_page(session=session)
    first.button(key="delete_session").click().run()
    first.button(key="confirm_delete").click().run()
    paragraph = "Important draft paragraph:\n\nI grew up translating for my parents."
    second.chat_input(key="chat_input").set_value(paragraph).run()
    assert not second.exception, second.exception
    assert second.error[0].value == "That session no longer exists: it was deleted."
    assert "Your message was not sent" in second.warning[0].value
    assert second.code[0].value == paragraph  # shown as typed, with a copy button


def test_ending_a_session_shows_a_report_card_that_reopens_until_deleted(app_env: str) -> None:
    at = chat_page()
    at.button(key="start_communication_coach").click().run()
    session = at.query_params["session"]
    assert not [b for b in at.button if b.key == "end_session"]  # nothing to report yet
    at.chat_input(key="chat_input").set_value(
        "I said sorry <b>twice</b> because the delay was our fault."
    ).run()

    at.button(key="end_session").click().run()
    assert not at.exception and not at.error
    [card] = [e for e in at.expander if e.label.startswith("Report card")]
    assert "/10" in card.label
    assert "Session ended" in at.success[0].value
    [chart] = at.get("plotly_chart")
    assert "de-escalation" in chart.proto.spec and "problem resolution" in chart.proto.spec
    texts = markdown_texts(at)
    assert "**Strengths**" in texts and "**Next steps**" in texts
    assert any("\\<b\\>twice" in t for t in texts)  # their words, quoted inert
    assert not any("<b>twice" in t for t in texts)
    assert any("Written by offline practice coach" in c.value for c in at.caption)

    at.chat_input(key="chat_input").set_value("Next time I will offer a callback time.").run()
    assert not at.success  # they kept talking: the card is now behind, and says so
    assert any("talked more since this report" in c.value for c in at.caption)
    # its closed label says so too, as Review and My progress show it beside today's averages
    [behind] = [e for e in at.expander if e.label.startswith("Report card")]
    assert behind.label.endswith("/10 · written after 1 scored round of 2")
    at.button(key="end_session").click().run()  # ending again rewrites it
    assert "Session ended" in at.success[0].value
    assert not any("talked more since this report" in c.value for c in at.caption)
    [card] = [e for e in at.expander if e.label.startswith("Report card")]
    assert card.label.endswith("/10")

    at.button(key="all_sessions").click().run()
    assert "Report" in [c.value for c in at.caption]
    # this session; the demo ones have none. Each value says what it is (a phone stacks them)
    assert markdown_texts(at).count("report ✓") == 1
    assert any(re.fullmatch(r"\d+ rounds?", t) for t in markdown_texts(at))

    again = chat_page(session=session)  # reopened later: the card is there, folded
    assert any(e.label.startswith("Report card") for e in again.expander)
    assert not again.success

    again.button(key="delete_session").click().run()
    again.button(key="confirm_delete").click().run()
    assert not again.exception
    assert "report ✓" not in markdown_texts(again)
    with psycopg.connect(app_env) as conn:
        left = conn.execute(
            "select count(*) from coaching_session_reports where session_id = %s", (session,)
        ).fetchone()
    assert left == (0,)


def test_the_chats_report_card_says_when_a_coach_changed_a_score_since(app_env: str) -> None:
    """Review and My progress said "· 5.0/10 now, with a coach's score"; the Chat page's own
    card, the one a student reopens from the session list, still read only the old 2.7."""
    at = chat_page()
    at.button(key="start_communication_coach").click().run()
    session = at.query_params["session"]
    at.chat_input(key="chat_input").set_value(
        "I said sorry because the delay was our fault, and offered a callback at 4 pm."
    ).run()
    at.button(key="end_session").click().run()
    [card] = [e for e in at.expander if e.label.startswith("Report card")]
    [round_] = query("select id, score from coaching_sessions where session_id = %s", session)
    assert card.label == f"Report card · {round_['score']}.0/10"

    changed = 1 if round_["score"] != 1 else 10
    execute(
        "insert into coaching_score_overrides (round_id, score, reason, coach_id, coach_name) "
        "values (%s, %s, 'Re-read it.', %s, 'Dr. Sam Rivera')",
        round_["id"],
        changed,
        RIVERA,
    )
    again = chat_page(session=session)
    [card] = [e for e in again.expander if e.label.startswith("Report card")]
    assert card.label == (
        f"Report card · {round_['score']}.0/10 · {changed}.0/10 now, with a coach's score"
    )


def test_a_coach_following_a_learners_chat_link_is_taken_to_them_on_review(
    app_env: str,
) -> None:
    """The chat is the learner's own, so it refuses a coach; it used to stop there. Now it
    says where coaches read sessions and opens Review on that learner."""
    session = f"{MAYA}:communication_coach:{uuid5(UUID(MAYA), '1').hex}"  # a seeded session
    at = chat_page(RIVERA, session=session)
    assert at.error[0].value == "That session belongs to someone else."
    assert "coaches read and score sessions on Review" in at.info[0].value
    assert not at.chat_message  # nothing of the transcript
    at.button(key="open_on_review").click().run()
    assert not at.exception, at.exception
    assert [t.value for t in at.title] == ["Review"]
    learner = at.selectbox(key="review_learner")
    assert learner.format_func(learner.value) == "Maya Torres"
