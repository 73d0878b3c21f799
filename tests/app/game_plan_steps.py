"""The demo student's game plan as the page tests read it: Maya's scholarships by their
state in seeds/demo.json, her rows read as the superuser, and the page's cards, dialog and
buttons as AppTest finds them."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

import psycopg
from psycopg.rows import dict_row
from streamlit.testing.v1 import AppTest

from app_pages.context import HANDLE
from tests.app.conftest import MAYA, db_url, handle_for, plain

GATES = "The Gates Scholarship"  # Review
CAL_GRANT = "Cal Grant"  # Drafting
HOMETOWN = "Hometown Community Foundation Scholarship"  # Tracked (a demo scholarship)
COCA_COLA = "Coca-Cola Scholars Program"  # Outcome Pending, heard-back due
HORATIO = "Horatio Alger National Scholarship"  # Won and confirmed
OPEN = {GATES, CAL_GRANT, HOMETOWN}
COUNTDOWN = re.compile(
    r"\*\*(\d+ days left|Due today, \d+:\d\d [ap]m|Due tomorrow, \d+:\d\d [ap]m)"
)


def open_page(path: str = "app_pages/game_plan.py", user: str = MAYA) -> AppTest:
    """A fresh browser session on `path`: what a refresh gives."""
    at = AppTest.from_file("../../app.py", default_timeout=30)
    at.session_state[HANDLE] = handle_for(db_url(), user)
    at.run()
    if path != "app_pages/home.py":
        at.switch_page(path).run()
    assert not at.exception, at.exception
    return at


def row(title: str) -> dict[str, Any]:
    """Maya's application for the scholarship called `title`, read as the superuser."""
    with psycopg.connect(db_url(), row_factory=dict_row) as conn:
        found = conn.execute(
            """select a.*, s.title, s.amount, s.deadline from applications a
               join scholarships s on s.id = a.scholarship_id
               where a.user_id = %s and s.title = %s""",
            (MAYA, title),
        ).fetchone()
    assert found is not None, title
    return found


def check_ins(application_id: object) -> list[dict[str, Any]]:
    with psycopg.connect(db_url(), row_factory=dict_row) as conn:
        return conn.execute(
            "select * from check_in_tasks where application_id = %s", (application_id,)
        ).fetchall()


def app_now() -> datetime:
    with psycopg.connect(db_url()) as conn:
        found = conn.execute("select public.app_now()").fetchone()
    assert found is not None
    return found[0]


def dialog_text(at: AppTest) -> str:
    """The confirmation dialog's words as read (bold dropped), or "" when none is open."""
    found = (m.value for m in at.markdown if "will be recorded as" in m.value)
    return plain(next(found, "")).replace("**", "")


def card_titles(at: AppTest) -> list[str]:
    """The Top 3 cards' titles, in rank order (each card's heading is "1. Title")."""
    cards = [h.value for h in at.subheader if re.fullmatch(r"\d\. .+", h.value, re.S)]
    return [plain(c).split(". ", 1)[1] for c in cards]


def click(at: AppTest, key: str) -> AppTest:
    at.button(key=key).click().run()
    assert not at.exception, at.exception
    return at
