"""Student and model text is shown inert: no link, image or HTML in it reaches the browser
as something it would fetch or open, and a student's words are shown exactly as typed."""

from __future__ import annotations

import re
from datetime import timedelta

import psycopg
import pytest
from streamlit.testing.v1 import AppTest

from app_pages.context import HANDLE
from app_pages.render import WORD_JOINER, ZWSP, Pacer, break_autolinks, inert_markdown, inert_text
from tests.app.conftest import MAYA, chat_page, handle_for, markdown_texts
from tests.app.game_plan_steps import OPEN, open_page, row
from tests.app.render_cases import FEEDBACK, HOSTILE_REPLY, LEARNER, insert_round

NBSP = "\u00a0"

# What CommonMark + GFM would turn into something the browser fetches or opens.
LIVE = [
    re.compile(r"\]\("),  # inline link or image
    re.compile(r"\]\["),  # full reference link
    re.compile(r"\]:"),  # link definition
    re.compile(r"(?<!\\)<[A-Za-z/!?]"),  # raw HTML, <scheme:...> autolink (unescaped)
    re.compile(r"https?://", re.IGNORECASE),  # GFM autolink literal
    re.compile(r"www\.", re.IGNORECASE),
    re.compile(r"[\w.+-]@[\w-]"),  # GFM email autolink
]


def live_syntax(markdown: str) -> list[str]:
    return [p.pattern for p in LIVE if p.search(markdown)]


def unescaped(markdown: str) -> str:
    """What a reader sees of inert_text's output: escapes consumed, hard breaks as newlines,
    invisible U+200B and word joiners gone."""
    text = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown.replace("  \n", "\n"))
    return text.replace(ZWSP, "").replace(WORD_JOINER, "").replace(NBSP, " ")


# --- the helpers, as strings -------------------------------------------------------------


def test_typed_text_has_no_live_markdown_and_reads_back_exactly() -> None:
    typed = (
        "see https://example.com/a_b, www.example.com and bob@example.com\n"
        "<img src=x onerror=alert(1)> ![x](https://evil.example/p.png) [a](javascript:x)\n"
        "# not a heading\n1. not a list\n> not a quote\n---\n`not code` *not em* :smile: $x$ \\"
    )
    shown = inert_text(typed)
    assert live_syntax(shown) == []
    assert unescaped(shown) == typed


def test_typed_line_breaks_blank_lines_and_spaces_are_kept() -> None:
    shown = inert_text("one\ntwo\n\n\n    indented  twice")
    lines = shown.split("  \n")
    assert lines[:4] == ["one", "two", NBSP, NBSP]  # blank lines stay lines, not one gap
    assert lines[4] == NBSP * 4 + "indented " + NBSP + "twice"  # not a code block


def test_a_typed_url_keeps_its_characters_and_gets_no_backslash_inside_a_link() -> None:
    shown = inert_text("https://example.com/a_b")
    assert shown == "https\\:" + ZWSP + "\\/\\/example\\.com\\/a\\_b"


def test_model_markdown_keeps_formatting_and_loses_every_way_out() -> None:
    shown = inert_markdown(HOSTILE_REPLY)
    assert live_syntax(shown) == []
    assert "Look: x and click (https:" + ZWSP + "//evil.example) or" in shown
    assert "**keep this bold**" in shown
    assert "js (javascript:alert(1))" in shown
    assert "evil.example/p.png" not in shown  # an image becomes its alt text


def test_model_money_is_not_a_formula_and_colour_directives_stay_text() -> None:
    # an audit: "$\\Huge{BIG}$" in a quote filled the reply; two amounts on a line are maths
    out = inert_markdown("Apply for $5,000 or $10,000, then :red[celebrate]. `$HOME` stays.")
    # the bracket escaped too: an audit saw ":​red" with the word inside gone
    assert out == (
        "Apply for \\$5,000 or \\$10,000, then :" + ZWSP + "red\\[celebrate]. `$HOME` stays."
    )


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("# Big title\nSome text", "**Big title**\n\nSome text"),
        ("## Step 2 ##\n- a", "**Step 2**\n\n- a"),
        ("Title\n=====\nbody", "**Title**\n\nbody"),
        ("text\n\n---\n\nmore", "text\n\n---\n\nmore"),  # a rule stays a rule
        ("- item\n---", "- item\n---"),
        ("```\n# a comment\n```", "```\n# a comment\n```"),  # code stays code
    ],
)
def test_a_heading_in_model_text_is_a_bold_line(text: str, shown: str) -> None:
    """An audit: a model's "# Heading" was an h1 inside the chat bubble, a second h1 on the
    page for a screen reader's outline."""
    assert inert_markdown(text) == shown


def test_model_markdown_reference_links_footnotes_and_nested_images_stay_text() -> None:
    text = (
        "![r][ref] [t][ref] [ref] [^1]\n\n[ref]: https://evil.example/ref.png\n"
        "[^1]: https://evil.example/f\n\n"
        "[![n](https://evil.example/n.png)](https://evil.example/outer) "
        "<https://evil.example/auto> <mailto:bob@evil.example> <ftp://evil.example/f>"
    )
    shown = inert_markdown(text)
    assert live_syntax(shown) == []
    assert "n (https:" + ZWSP + "//evil.example/outer)" in shown


def test_model_code_stays_code_and_inert() -> None:
    text = 'Use `<b>` here:\n\n```html\n<img src="https://evil.example/c.png">\n```\n'
    shown = inert_markdown(text)
    assert live_syntax(shown) == []
    assert shown.replace(ZWSP, "") == text  # nothing visible changes inside code


def test_an_address_split_across_stream_chunks_is_still_broken() -> None:
    whole = ""
    for chunk in ["see ![x](ht", "tps://evil.", "example/p.png) and https:", "//evil.example"]:
        whole += chunk
        assert live_syntax(inert_markdown(whole)) == []


def test_only_allow_listed_hosts_keep_their_links() -> None:
    allowed = frozenset({"studentaid.gov"})
    shown = inert_markdown(
        "[Apply](https://studentaid.gov/h) [x](https://studentaid.gov.evil.example) "
        "https://studentaid.gov/f ![i](https://studentaid.gov/i.png)",
        allowed,
    )
    assert "[Apply](https://studentaid.gov/h)" in shown
    assert "x (https:" + ZWSP + "//studentaid.gov.evil.example)" in shown
    assert "https://studentaid.gov/f" in shown
    assert "i.png" not in shown  # never an image, even from an allowed host
    assert break_autolinks("https://evil.example\\@studentaid.gov", allowed).startswith(
        "https:" + ZWSP
    )
    assert ZWSP in inert_markdown("https://studentaid.gov/f")  # none allowed by default


# --- the pages ------------------------------------------------------------------------------


def test_a_streamed_reply_is_drawn_first_token_at_once_then_once_a_frame() -> None:
    pacer = Pacer(frame_s=0.04)
    assert pacer.feed("Hello ", now=1.0) == "Hello "  # the first token at once
    assert pacer.feed("there, ", now=1.01) is None  # within the frame: held back
    assert pacer.feed("Maya.", now=1.05) == "Hello there, Maya."
    assert pacer.feed(" Bye", now=1.06) is None
    assert pacer.rest() == "Hello there, Maya. Bye"  # the stream's end draws the rest


def test_the_models_end_draws_what_is_held_back_before_the_round_is_scored() -> None:
    pacer = Pacer(frame_s=0.04)
    pacer.feed("Hello ", now=1.0)
    assert pacer.feed("there.", now=1.01) is None
    assert pacer.feed("", now=1.02) == "Hello there."  # REPLY_COMPLETE: nothing waits on the judge
    assert pacer.feed("", now=1.03) is None  # nothing new, no redraw
    assert pacer.rest() is None
    assert pacer.text == "Hello there."


def _stream_then_score() -> None:
    from collections.abc import Iterator

    import streamlit as st

    from app_pages.render import show_stream

    def judge_waits() -> None:
        st.caption("Scoring your answer…")
        st.session_state["drawn_before_end"] = st.session_state.get("tokens_seen", 0)

    def tokens() -> Iterator[str]:
        for token in ["Hello ", "there.", "", "", "x"]:  # "": the model is done
            st.session_state["tokens_seen"] = st.session_state.get("tokens_seen", 0) + 1
            yield token

    show_stream(tokens(), on_complete=judge_waits)


def test_a_slow_judge_is_announced_once_the_reply_is_complete() -> None:
    """An audit: with a model judge, the seconds between a reply and its assessment showed
    nothing at all. The chat says it is scoring once the reply is whole, once."""
    at = AppTest.from_function(_stream_then_score).run()
    assert not at.exception
    assert [c.value for c in at.caption] == ["Scoring your answer…"]
    assert at.session_state["drawn_before_end"] == 3  # after the first "" only


def test_chat_page_shows_a_hostile_reply_and_feedback_inert(app_env: str) -> None:
    session = insert_round(app_env, HOSTILE_REPLY, LEARNER, FEEDBACK)
    at = chat_page(session=session)
    assert not at.error
    texts = markdown_texts(at)
    reply = next(t for t in texts if t.startswith("Look:"))
    assert live_syntax(reply) == []
    assert "click (https:" in reply
    feedback = next(t for t in texts if t.startswith("Good."))
    assert live_syntax(feedback) == []
    learner = next(t for t in texts if t.startswith("first line"))
    assert live_syntax(learner) == []
    assert unescaped(learner) == LEARNER
    assert learner.count("  \n") == 2  # each typed line break is a line break


def test_a_hostile_name_is_inert_on_home_and_in_the_sidebar(app_env: str) -> None:
    name = "Maya ![x](https://evil.example/n.png) [me](https://evil.example)"
    with psycopg.connect(app_env, autocommit=True) as conn:
        conn.execute("update public.profiles set full_name = %s where id = %s", (name, MAYA))
    at = AppTest.from_file("../../app.py", default_timeout=30)
    at.session_state[HANDLE] = handle_for(app_env, MAYA)
    at.run()
    assert not at.exception
    welcome = next(t.value for t in at.main.title if t.value.startswith("Welcome"))
    sidebar = at.sidebar.markdown[0].value
    for shown in (welcome, sidebar):
        assert live_syntax(shown) == []
        assert name in unescaped(shown)


def test_a_refusal_quoting_a_listing_title_is_inert(app_env: str) -> None:
    """A security audit: "A snooze can't reach past your nearest deadline: <title> …" showed
    the image and links in a tracked listing's title live (its pixel was fetched)."""
    nearest = min((row(t) for t in OPEN), key=lambda r: r["deadline"])
    title = "Evil ![x](https://evil.example/p.png) [Claim](https://evil.example/c) www.evil.example"
    with psycopg.connect(app_env, autocommit=True) as conn:
        conn.execute(
            "update scholarships set title = %s where id = %s", (title, nearest["scholarship_id"])
        )
    at = open_page()
    at.date_input(key="snooze_day").set_value((nearest["deadline"] + timedelta(days=1)).date())
    at.button(key="FormSubmitter:snooze_form-Snooze").click().run()
    assert not at.exception, at.exception
    [refusal] = [e.value for e in at.error]
    assert "can't reach past your nearest deadline: Evil" in refusal
    assert live_syntax(refusal) == []
