"""Scripts the app puts into its own page, for what Streamlit's widgets cannot do.

Each is sent every run in a hidden frame on the app's origin, which adds it to the page once
(a flag on the window); it then lives in the page itself, outliving the frame and the run.
"""

from __future__ import annotations

import json

import streamlit as st


def scroll_to_top(nonce: str) -> None:
    """This run's page starts at its top: a rerun keeps the scroll position of the page it
    replaces (Resume, pressed low on the session list, opened a chat mid-transcript). `nonce`
    makes the frame new, so its script runs again for the next one."""
    script = (
        "const go = () => { const d = parent.document;"
        " for (const s of ['[data-testid=\"stMain\"]', '[data-testid=\"stAppViewContainer\"]'])"
        " { const e = d.querySelector(s); if (e) e.scrollTo(0, 0); } parent.scrollTo(0, 0); };"
        " go(); setTimeout(go, 200); setTimeout(go, 600);"
    )
    _hidden_frame("tl_scroll_top", f"<!-- {json.dumps(nonce)} --><script>{script}</script>")


def keep_in_tab(name: str, value: str, nonce: int) -> None:
    """`value` into this browser tab's sessionStorage under `name`, once per `nonce`: what
    the tab keeps through a refresh, which the server's session state does not survive."""
    data = json.dumps({"k": name, "v": value}).replace("<", "\\u003c")
    _hidden_frame(
        "tl_keep",
        f"<!-- {nonce} --><script>const d = {data}; "
        "parent.sessionStorage.setItem(d.k, d.v);</script>",
    )


def inject(key: str, body: str) -> None:
    """`body` runs once per page, with `win` (the page's window) and `doc` (its document)
    in scope: a flag on the window, named after `key`, keeps a later run from adding it again."""
    flag = "__" + key
    script = (
        f"(() => {{ const win = window; if (win.{flag}) return; win.{flag} = true; "
        f"const doc = win.document;\n{body}\n}})();"
    )
    _hidden_frame(
        key,
        "<script>const s = parent.document.createElement('script');"
        f"s.textContent = {json.dumps(script)};"
        "parent.document.head.appendChild(s);</script>",
    )


def _hidden_frame(key: str, page: str) -> None:
    """`page` in a frame on the app's origin, in the sidebar and hidden: a display:none
    frame still runs its script."""
    with st.sidebar.container(key=key):
        st.iframe(page, height=1)
    st.html(f"<style>.st-key-{key} {{ display: none; }}</style>")
