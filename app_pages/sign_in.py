"""Sign-in, shown in place of any page while nobody is signed in: a demo identity picker in
embedded mode, Supabase Auth email + password hosted. It hands back the new sign-in handle;
the router's context remembers it and reruns the same page, query string and all, so a deep
link lands where it pointed."""

from __future__ import annotations

import streamlit as st

from app_pages.render import show_error
from db.errors import AppError
from db.runtime import Database

# the install has no sign-up page: people are added by whoever runs it (README, hosted mode)
NO_ACCOUNT = (
    "No account yet, or forgot your password? Ask your coach or your program's admin: they "
    "add people to TuitionLift Coach and can reset a password."
)


def sign_in_form(database: Database) -> str | None:
    """The handle once the person has signed in, else None (the form is on screen)."""
    st.title("TuitionLift Coach", anchor=False)
    if database.uses_supabase:
        return _password_form(database)
    return _demo_picker(database)


def _password_form(database: Database) -> str | None:
    st.header("Sign in", anchor=False)
    with st.form("sign_in"):
        # a password manager fills these, instead of offering a new password (an audit)
        email = st.text_input("Email", autocomplete="username")
        password = st.text_input("Password", type="password", autocomplete="current-password")
        submitted = st.form_submit_button("Sign in", type="primary")
    st.caption(NO_ACCOUNT)
    if not submitted:
        return None
    if not email or not password:
        st.error("Enter your email and password.")
        return None
    try:
        return database.sign_in(email.strip(), password)
    except AppError as exc:
        show_error(exc)
        return None


def _demo_picker(database: Database) -> str | None:
    st.header("Choose a demo identity", anchor=False)
    st.info(
        "**Demo mode.** Pick who you want to be: a student, a coach or the demo admin.",
        icon=":material/science:",
    )
    people = database.demo_people()
    choice = st.radio(
        "Demo identity",
        options=range(len(people)),
        format_func=lambda i: people[i].label,
        key="demo_choice",
    )
    if not st.button("Continue", type="primary", key="demo_continue"):
        return None
    try:
        return database.sign_in_demo(str(people[choice].user_id))
    except AppError as exc:
        show_error(exc)
        return None
