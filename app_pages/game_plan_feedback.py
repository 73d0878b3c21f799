"""How a click on the Game plan reports back: one repository call per click, its sentence
(or the error's) kept in the browser session under FEEDBACK so the redraw shows it once, next
to what was clicked. Only the writing side lives here, where the page and its sections can
share it; the reading side stays in the page, which pops the sentence once per run (its
`said`) and shows it with `show_feedback`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from db.errors import AppError

FEEDBACK = "game_plan_feedback"  # (where, "success" | "info" | "error", sentence)
# where a sentence goes when what was clicked is gone (Stop tracking): a toast, seen wherever
# the page is scrolled; an error still shows on the page (act says it there)
TOAST = "toast"


def say(where: str, kind: str, sentence: str) -> None:
    st.session_state[FEEDBACK] = (where, kind, sentence)


def act(where: str, action: Callable[[], Any], done: str) -> None:
    """One repository call for one click; its sentence (or the error's) is shown after the
    redraw, next to the button."""
    try:
        action()
    except AppError as exc:
        say("page" if where == TOAST else where, "error", str(exc))
    else:
        say(where, "success", done)
    st.rerun()
