"""Who may open the Review page: a student never sees it, whether by the navigation, a link
followed signed out, or the page run directly (its own role check)."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from app_pages.context import HANDLE
from tests.app.conftest import MAYA, REFUSED, db_url, handle_for

REVIEW = "app_pages/review.py"


def test_review_is_not_in_a_students_navigation(app_env: str) -> None:
    """Its address resolves (hidden: no "Page not found" box), and the router sends a
    student straight back to their own first page, saying why."""
    at = AppTest.from_file("../../app.py", default_timeout=30)
    at.session_state[HANDLE] = handle_for(db_url(), MAYA)
    at.run()
    home = [t.value for t in at.title]
    assert home != ["Review"]  # a student lands on Home
    at.switch_page(REVIEW).run()
    assert not at.exception, at.exception
    assert [t.value for t in at.title] == home
    assert not at.metric and not at.dataframe
    assert [t.value for t in at.toast] == [
        "Review is for coaches and admins only, so you are on your own page instead."
    ]


def test_a_student_following_a_link_to_review_never_sees_it(app_env: str) -> None:
    at = AppTest.from_file("../../app.py", default_timeout=30).run()
    at.switch_page(REVIEW).run()
    assert at.radio(key="demo_choice")  # the sign-in form, in Review's place
    at.radio(key="demo_choice").set_value("Maya Torres (student)").run()
    at.button(key="demo_continue").click().run()
    assert not at.exception, at.exception
    assert "Review" not in [t.value for t in at.title]
    assert not at.metric and not at.dataframe


def test_the_page_itself_refuses_a_student(app_env: str) -> None:
    """Were the navigation ever to offer it, the page names its roles: run it directly with
    a student signed in, as the router would, and it stops at the refusal."""
    page = Path(__file__).resolve().parents[2] / REVIEW
    script = f"""
import runpy
from app_pages.context import AppContext, get_database, restore_identity, set_context
database = get_database()
set_context(AppContext(database=database, identity=restore_identity(database)))
runpy.run_path({str(page)!r})
"""
    at = AppTest.from_string(script, default_timeout=30)
    at.session_state[HANDLE] = handle_for(db_url(), MAYA)
    at.run()
    assert not at.exception, at.exception
    assert [e.value for e in at.error] == [REFUSED]
    assert not at.title and not at.metric and not at.dataframe and not at.selectbox
