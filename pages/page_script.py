"""Scripts the app puts into its own page, for what Streamlit's widgets cannot do.

Each is sent every run in a hidden frame on the app's origin, which adds it to the page once
(a flag on the window); it then lives in the page itself, outliving the frame and the run.
"""

from __future__ import annotations

import json

import streamlit as st


def inject(key: str, body: str) -> None:
    """`body` runs once per page, with `win` (the page's window) and `doc` (its document)
    in scope: a flag on the window, named after `key`, keeps a later run from adding it again."""
    flag = "__" + key
    script = (
        f"(() => {{ const win = window; if (win.{flag}) return; win.{flag} = true; "
        f"const doc = win.document;\n{body}\n}})();"
    )
    with st.sidebar.container(key=key):  # hidden: a display:none frame still runs
        st.iframe(
            "<script>const s = parent.document.createElement('script');"
            f"s.textContent = {json.dumps(script)};"
            "parent.document.head.appendChild(s);</script>",
            height=1,
        )
    st.html(f"<style>.st-key-{key} {{ display: none; }}</style>")
