"""Home: who you are, what the app can do for you, and what runs where (and how to switch)."""

from __future__ import annotations

import streamlit as st

from pages.context import context

ctx = context()

st.title("TuitionLift Coach")
st.write(f"Welcome, **{ctx.display_name}**.")

st.markdown(
    "Coaching personas for sales, architecture, communication, onboarding and scholarships; "
    "scholarship discovery with a trust filter; a Top 3 game plan with deadlines and "
    "check-ins; and scored sessions for coaches to review."
)

st.subheader("What runs where")
rows = [
    {
        "Part": line.part,
        "Running as": line.mode,
        "Mode": "hosted" if line.hosted else "offline / local",
        "To switch": line.switch,
    }
    for line in ctx.services.modes()
]
st.table(rows)
st.caption(
    "Offline parts are real features: the offline coach answers deterministically from the "
    "persona, and the offline catalog holds real programs plus a few labelled scams."
)
