"""Hostile text the inert-rendering tests share with the browser's (tests/e2e/
test_render_browser.py): a model reply, a learner's message and a round's feedback that would
each make a browser fetch or open a stranger's URL if drawn live, and a round stored for Maya
the way the chat records one, so a page can be opened on it."""

from __future__ import annotations

from uuid import uuid4

import psycopg

from tests.app.conftest import MAYA

HOSTILE_REPLY = (
    "Look: ![x](https://evil.example/p.png) and [click](https://evil.example) or "
    "https://evil.example/a_b\n\n"
    "<img src=https://evil.example/x.png onerror=alert(1)> "
    '<a href="https://evil.example">x</a> [js](javascript:alert(1)) **keep this bold**'
)
LEARNER = "first line\nsecond line https://evil.example/a_b\nthird line: pay -> api -- done, >= 2"
FEEDBACK = "Good. See ![badge](https://evil.example/f.png) [more](https://evil.example/m)"


def insert_round(db_url: str, coach: str, learner: str, feedback: str) -> str:
    """A stored round for Maya, the way the chat records one."""
    session_id = f"{MAYA}:communication_coach:{uuid4().hex}"
    with psycopg.connect(db_url, autocommit=True) as conn:
        row = conn.execute("select id from public.learners where user_id = %s", (MAYA,)).fetchone()
        assert row is not None
        conn.execute(
            """insert into public.coaching_sessions (learner_id, domain_id, learner_message,
                 coach_response, round_number, session_id, response_time_ms, score, feedback,
                 dimension_scores)
               values (%s, 'communication_coach', %s, %s, 1, %s, 1000, 6, %s, %s)""",
            (
                str(row[0]),
                learner,
                coach,
                session_id,
                feedback,
                '{"clarity": 6, "de_escalation": 6, "empathy": 6, "problem_resolution": 6}',
            ),
        )
    return session_id
