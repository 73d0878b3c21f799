"""Sign-in: a demo identity picker in embedded mode, Supabase Auth email + password hosted."""

from __future__ import annotations

import streamlit as st

from db.errors import AppError
from pages.context import context, remember

ctx = context()
services = ctx.services

st.title("TuitionLift Coach")

if services.hosted:
    st.subheader("Sign in")
    with st.form("sign_in"):
        email = st.text_input("Email")
        password = st.text_input("Password", type="password")
        submitted = st.form_submit_button("Sign in", type="primary")
    if submitted:
        if not email or not password:
            st.error("Enter your email and password.")
        else:
            try:
                identity = services.sign_in(email.strip(), password)
            except AppError as exc:
                st.error(str(exc))
            else:
                remember(services, identity)
                st.rerun()
else:
    st.subheader("Choose a demo identity")
    st.info(
        "**Demo mode.** Nothing is configured, so the app runs on an embedded database with "
        "demo people. Pick who you want to be; hosted mode signs in with Supabase Auth.",
        icon="🧪",
    )
    people = services.demo_people()
    choice = st.radio(
        "Demo identity",
        options=range(len(people)),
        format_func=lambda i: people[i].label,
        key="demo_choice",
    )
    if st.button("Continue", type="primary", key="demo_continue"):
        person = people[choice]
        remember(services, services.demo_identity(str(person.user_id)))
        st.rerun()
