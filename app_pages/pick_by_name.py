"""A table's rows by name, for a person on a keyboard: Streamlit's table rows cannot be
selected without a mouse (an audit tabbed to Review's table; arrows, Space and Enter
selected nothing, so no session, override or Mark reviewed was reachable). A pick here
opens the row as a click would, and bumps a count the table's key carries, so a row ticked
before is not ticked in the new table: each opens what was chosen last."""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st


def picks(key: str) -> int:
    """How many times the picker `key` opened something: part of its table's key."""
    return int(st.session_state.get(f"{key}_n", 0))


def pick_by_name(label: str, options: Mapping[str, str], key: str, opened: str) -> None:
    """A selectbox of `options` (id -> what it shows); a pick puts the id in
    `st.session_state[opened]` and the box back to its placeholder (a way in, not the one
    open)."""

    def picked() -> None:
        chosen = st.session_state.get(key)
        if chosen is not None:
            st.session_state[opened] = chosen
            st.session_state[f"{key}_n"] = picks(key) + 1
        st.session_state[key] = None

    st.selectbox(
        label,
        list(options),
        index=None,
        format_func=lambda value: options.get(value, value),
        placeholder="Type a name",
        key=key,
        on_change=picked,
    )
