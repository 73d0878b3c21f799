"""TuitionLift Coach: the router. Builds shared resources once, restores who is signed in
from the URL, draws the sidebar and hands over to the chosen page."""

from __future__ import annotations

import streamlit as st

from db.errors import AppError, NotAllowed
from pages.context import (
    AppContext,
    get_services,
    restore_identity,
    set_context,
    sign_out,
)


def main() -> None:
    """One run of the router. Pages reach it through pages.context when Streamlit's legacy
    `pages/` mode runs a page file on its own (the first run after a server start)."""
    st.set_page_config(page_title="TuitionLift Coach", page_icon="🎓", layout="wide")
    try:
        services = get_services()
    except AppError as exc:
        st.error(str(exc))
        st.stop()
        return

    identity = restore_identity(services)
    ctx = AppContext(services=services, identity=identity)
    set_context(ctx)
    if identity is not None:
        try:
            ctx.load_profile()  # the first call as this person: is the session still alive?
        except NotAllowed as exc:  # an expired hosted session: back to sign-in, say why
            sign_out()
            st.warning(str(exc))
            identity = ctx.identity = None

    if identity is None:
        page = st.navigation(
            [st.Page("pages/sign_in.py", title="Sign in", icon=":material/login:", default=True)]
        )
    else:
        with st.sidebar:
            st.markdown(f"**{ctx.display_name}**  \n{ctx.role_label}")
            if not services.hosted:
                st.caption("Demo identity — embedded mode")
            if st.button("Sign out" if services.hosted else "Switch identity", key="sign_out"):
                sign_out()
                st.rerun()
        page = st.navigation(
            {
                "TuitionLift": [
                    st.Page("pages/home.py", title="Home", icon=":material/home:", default=True),
                    st.Page(
                        "pages/chat.py", title="Chat", icon=":material/forum:", url_path="chat"
                    ),
                ]
            }
        )

    page.run()


if __name__ == "__main__":
    main()
