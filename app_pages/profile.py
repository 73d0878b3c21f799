"""Profile: who the student is, as discovery and the coach use it — name, school year, GPA,
intended major, state, SAI and Pell eligibility — the anonymized labels that are all a search
ever sees, and when reminder emails may arrive (time zone and quiet hours, read by the nudge
sidecar)."""

from __future__ import annotations

import re
from datetime import time, timedelta
from typing import Any
from zoneinfo import available_timezones

import streamlit as st
from pydantic import ValidationError

from app_pages.context import context
from app_pages.render import inert_text, show_error
from coach import clock
from coach.discovery_models import STATE_NAMES, US_STATES, UserProfile
from coach.financial import financial_profile, pell_disagrees, search_queries
from coach.nudges import NotificationPreferences
from coach.school_years import year_label
from coach.text import and_list
from db.errors import AppError
from db.models import SCHOOL_YEARS, PellStatus, Profile, ProfileInput

ctx = context(roles=("student",))

LABELS = {
    "full_name": "full name",
    "school_year": "school year",
    "birth_year": "year you were born",
    "gpa": "GPA",
    "intended_major": "intended major",
    "state": "state",
    "sai": "SAI",
    "pell_eligibility_status": "Pell eligibility",
}
KEYS = {
    "full_name": "profile_full_name",
    "school_year": "profile_school_year",
    "birth_year": "profile_birth_year",
    "gpa": "profile_gpa",
    "intended_major": "profile_major",
    "state": "profile_state",
    "sai": "profile_sai",
    "pell_eligibility_status": "profile_pell",
}
ERRORS = "profile_errors"  # field -> what to fix, kept across the redraw after Save
FAILED = "profile_failed"  # the database's one sentence, when it refused the save
SAVED = "profile_saved"
BASE = "profile_base"  # what the form was filled from: a field left as it was is not this tab's
TAKEN = "profile_taken"  # fields redrawn from a save elsewhere since this tab's last Save

# What to fix, one sentence per field: the form's words, not pydantic's.
FIX = {
    "full_name": "Enter your name (1 to 120 characters).",
    "school_year": "Choose your school year from the list.",
    "birth_year": "Enter the year you were born as four digits, such as 1992, or leave it blank.",
    "gpa": "Enter your GPA as a number from 0.00 to 4.00 with at most two decimals, "
    "such as 3.45 — or leave it blank.",
    "intended_major": "Keep your intended major to 120 characters or fewer.",
    "state": "Choose your state from the list.",
    "sai": "Enter your SAI as a whole number from -1500 to 999999, as printed on your FAFSA "
    "Submission Summary — or leave it blank.",
    "pell_eligibility_status": "Choose eligible, not eligible or not sure.",
}
PELL_LABELS: dict[PellStatus, str] = {
    "eligible": "Eligible",
    "ineligible": "Not eligible",
    "unknown": "Not sure",
}
STATE_OPTIONS = ["", *sorted(US_STATES, key=lambda code: STATE_NAMES.get(code, code))]
SCHOOL_YEAR_OPTIONS = ["", *SCHOOL_YEARS]  # "" first: "Not set"
SCHOOL_YEAR_LABELS: dict[str, str] = {year: year_label(year) for year in SCHOOL_YEARS}
_THOUSANDS = re.compile(r"^-?\d{1,3}(,\d{3})+$")

# Reminders: the keys the nudge sidecar reads from profiles.preferences.
REMINDER_KEYS = {
    "timezone": "profile_timezone",
    "quiet_hours_start": "profile_quiet_start",
    "quiet_hours_end": "profile_quiet_end",
}
REMINDER_FAILED = "profile_reminders_failed"
REMINDER_SAVED = "profile_reminders_saved"
ZONE_REGIONS = frozenset(
    "Africa America Antarctica Asia Atlantic Australia Europe Indian Pacific".split()
)


def state_label(code: str) -> str:
    return f"{STATE_NAMES.get(code, code)} ({code})" if code else "Not set"


def school_year_label(year: str) -> str:
    return SCHOOL_YEAR_LABELS.get(year, "Not set")


def form_values(profile: Profile | None) -> dict[str, Any]:
    return {
        "full_name": (profile.full_name if profile else None) or "",
        "school_year": (profile.school_year if profile else None) or "",
        "birth_year": str(profile.birth_year) if profile and profile.birth_year else "",
        "gpa": f"{profile.gpa:.2f}" if profile and profile.gpa is not None else "",
        "intended_major": (profile.intended_major if profile else None) or "",
        "state": (profile.state if profile else None) or "",
        "sai": str(profile.sai) if profile and profile.sai is not None else "",
        "pell_eligibility_status": profile.pell_eligibility_status if profile else "unknown",
    }


def fill_from(profile: Profile | None) -> None:
    """The form starts from what is saved; after that it keeps what the student typed."""
    saved = form_values(profile)
    if any(key not in st.session_state for key in KEYS.values()):
        st.session_state.pop(ERRORS, None)  # a fresh visit: old notes are about old typing
        st.session_state.pop(FAILED, None)
    base = st.session_state.setdefault(BASE, {})
    for field, key in KEYS.items():
        untouched = key in st.session_state and st.session_state[key] == base.get(field)
        if key not in st.session_state or (untouched and saved[field] != base.get(field)):
            # new here, or left as it was while a save elsewhere changed it: what is saved
            if key in st.session_state:
                st.session_state.setdefault(TAKEN, []).append(LABELS[field])
            st.session_state[key] = base[field] = saved[field]


def unsaved(profile: Profile | None) -> list[str]:
    """The fields typed or picked and not saved, by label: kept through a visit to another
    page, so the page says they still need a Save."""
    saved = form_values(profile)
    return [
        LABELS[field]
        for field, key in KEYS.items()
        if key in st.session_state and (st.session_state[key] or "") != (saved[field] or "")
    ]


def with_changes_made_elsewhere(profile: Profile | None) -> tuple[dict[str, Any], list[str]]:
    """The form's values, where a field this tab left as it found it takes what is saved now:
    a save in a second tab, filled before the first tab's save, undid that save without a
    word (an audit's GPA went back from 3.90 to 3.20). Also the fields it took, by label."""
    base, now = st.session_state.get(BASE, {}), form_values(profile)
    values = {field: st.session_state.get(key) for field, key in KEYS.items()}
    taken = []
    for field, key in KEYS.items():
        if field in base and values[field] == base[field] != now[field]:
            values[field] = now[field]
            taken.append(LABELS[field])
            del st.session_state[key]  # drawn again from what is saved
    return values, taken


def typed(form: dict[str, Any]) -> dict[str, Any]:
    """The form's values as the input model takes them: blanks are "not given"."""
    values = dict(form)
    for field in ("gpa", "intended_major", "sai", "birth_year"):
        text = (values[field] or "").strip()
        values[field] = text or None
    if values["sai"] and _THOUSANDS.match(values["sai"]):
        values["sai"] = values["sai"].replace(",", "")  # "12,000" is how people write it
    values["state"] = values["state"] or None
    values["school_year"] = values["school_year"] or None
    return values


def check(values: dict[str, Any]) -> tuple[ProfileInput | None, dict[str, str]]:
    """The input model decides; each field it refuses gets its own sentence. A year of birth
    after this year is refused here too, before the database says so."""
    born = values.get("birth_year")
    future = bool(born and born.isdigit() and int(born) > clock.now().year)
    try:
        data = ProfileInput.model_validate(values)
    except ValidationError as exc:
        fields = {str(err["loc"][0]) for err in exc.errors() if err["loc"]}
        fields |= {"birth_year"} if future else set()
        return None, {field: FIX.get(field, "Please check this field.") for field in fields}
    if future:
        return None, {"birth_year": FIX["birth_year"]}
    return data, {}


def fix_note(field: str) -> None:
    message = st.session_state.get(ERRORS, {}).get(field)
    if message:
        show_error(message, icon=":material/error:")


def save() -> None:
    form, kept = with_changes_made_elsewhere(ctx.profile)
    kept = list(dict.fromkeys([*st.session_state.get(TAKEN, []), *kept]))
    data, errors = check(typed(form))
    st.session_state.pop(SAVED, None)
    st.session_state.pop(FAILED, None)
    st.session_state[ERRORS] = errors
    if data is None:
        return
    try:
        ctx.repository.save_profile(data=data)
    except AppError as exc:
        st.session_state[FAILED] = str(exc)  # nothing typed is lost: the fields keep it
        return
    for key in KEYS.values():  # redraw from what was saved ("3.7" shows as 3.70)
        st.session_state.pop(key, None)
    st.session_state.pop(TAKEN, None)
    st.session_state[SAVED] = (
        "Profile saved. Kept from a save in another tab: " + ", ".join(kept) + "."
        if kept
        else "Profile saved."
    )


@st.cache_data(show_spinner=False)
def common_zones() -> list[str]:
    """UTC and every Area/City zone, sorted: what a person recognises. Legacy aliases
    (US/Eastern, EST5EDT, Etc/GMT+5, which means UTC-5) are left out: they read as one thing
    and mean another."""
    return [
        "UTC",
        *sorted(z for z in available_timezones() if z.partition("/")[0] in ZONE_REGIONS),
    ]


def as_time(hhmm: str) -> time:
    hour, minute = (int(part) for part in hhmm.split(":"))
    return time(hour, minute)


def hhmm(value: time | None) -> str:
    """What the database stores; no time picked is sent as "" and refused with a sentence."""
    return f"{value:%H:%M}" if value is not None else ""


def fill_reminders(saved: NotificationPreferences) -> None:
    """Like the profile form: start from what is saved, then keep what the student picked."""
    if any(key not in st.session_state for key in REMINDER_KEYS.values()):
        st.session_state.pop(REMINDER_FAILED, None)
    values: dict[str, Any] = {
        # none saved yet: the zone the app already shows dates in (the browser's)
        "timezone": saved.timezone
        if ctx.profile and ctx.profile.preferences.get("timezone")
        else clock.zone_label(),
        "quiet_hours_start": as_time(saved.quiet_hours_start),
        "quiet_hours_end": as_time(saved.quiet_hours_end),
    }
    for field, key in REMINDER_KEYS.items():
        if key not in st.session_state:
            st.session_state[key] = values[field]


def save_reminders() -> None:
    st.session_state.pop(REMINDER_SAVED, None)
    st.session_state.pop(REMINDER_FAILED, None)
    try:
        ctx.repository.save_my_notification_preferences(
            timezone=st.session_state.get(REMINDER_KEYS["timezone"]) or "",
            quiet_hours_start=hhmm(st.session_state.get(REMINDER_KEYS["quiet_hours_start"])),
            quiet_hours_end=hhmm(st.session_state.get(REMINDER_KEYS["quiet_hours_end"])),
        )
    except AppError as exc:  # the picks stay on screen with the one sentence
        st.session_state[REMINDER_FAILED] = str(exc)
        return
    for key in REMINDER_KEYS.values():  # redraw from what was saved
        del st.session_state[key]
    st.session_state[REMINDER_SAVED] = True


def quiet_summary(saved: NotificationPreferences) -> str:
    """What is saved, in words; equal start and end is how a student turns quiet hours off."""
    if saved.quiet_hours_start == saved.quiet_hours_end:
        return f"Saved now: no quiet hours ({saved.timezone})."
    return f"Saved now: quiet {saved.quiet_phrase()}."


def zone_options(saved: str) -> list[str]:
    """The common zones, plus whatever is saved or picked that is not among them, so the
    selectbox can show it."""
    zones = common_zones()
    extra = [
        z
        for z in dict.fromkeys([saved, st.session_state.get(REMINDER_KEYS["timezone"])])
        if z and z not in zones
    ]
    return [*extra, *zones]


profile = ctx.profile
fill_from(profile)
reminders = NotificationPreferences.read(profile.preferences if profile else {})
fill_reminders(reminders)

st.title("Profile", anchor=False)
st.caption(
    "Discovery matches scholarships to these details, and your coach uses them to plan with "
    "you. Only you can see or change them."
)

if saved_note := st.session_state.pop(SAVED, None):
    st.success(saved_note, icon=":material/check_circle:")
if failed := st.session_state.get(FAILED):
    show_error(failed)
if st.session_state.get(ERRORS):
    st.warning("Some details need fixing before they can be saved: see the notes below.")

# not an st.form: a form's fields reach the server only on Save, so a trip to another page
# lost what was typed (a browser audit); here they stay (app_pages.context.STICKY), marked unsaved
with st.container(border=True, key="profile_form"):
    # the limit said up front: a longer paste is dropped whole by the browser, without a word
    st.text_input("Full name", key=KEYS["full_name"], max_chars=120, help="Up to 120 characters.")
    fix_note("full_name")
    st.selectbox(
        "School year",
        SCHOOL_YEAR_OPTIONS,
        key=KEYS["school_year"],
        format_func=school_year_label,
        help="Used to match scholarships by level: many are only for high school seniors, "
        "or only for college students. Choose the year you are in now.",
    )
    fix_note("school_year")
    st.text_input(
        "Year you were born (optional)",
        key=KEYS["birth_year"],
        max_chars=4,
        placeholder="e.g. 1992",
        help="Some scholarships have an age limit (ages 16 to 26, 35 and older): Discovery "
        "checks it against your age on their deadline. Only the year is kept.",
    )
    fix_note("birth_year")
    left, right = st.columns(2)
    with left:
        st.text_input("GPA (0.00 – 4.00)", key=KEYS["gpa"], placeholder="e.g. 3.45")
        fix_note("gpa")
    with right:
        st.selectbox("State you live in", STATE_OPTIONS, key=KEYS["state"], format_func=state_label)
        fix_note("state")
    st.text_input(
        "Intended major",
        key=KEYS["intended_major"],
        max_chars=120,
        placeholder="e.g. nursing",
        help="Up to 120 characters: the field of study, not a description of it.",
    )
    fix_note("intended_major")

    st.markdown("**Financial need**")
    st.text_input("Student Aid Index (SAI)", key=KEYS["sai"], placeholder="e.g. 1200")
    st.caption(
        "Your SAI is the Student Aid Index on your FAFSA Submission Summary: colleges use it "
        "to work out your aid, and the lower it is (it can be as low as -1500), the more need "
        "it shows. It never leaves TuitionLift: searches only use labels such as "
        '"Low Income" or "Pell Eligible".'
    )
    fix_note("sai")
    st.radio(
        "Federal Pell Grant eligibility",
        list(PELL_LABELS),
        key=KEYS["pell_eligibility_status"],
        format_func=lambda status: PELL_LABELS[status],
        horizontal=True,
        help="Your FAFSA Submission Summary says whether you are likely eligible. "
        "Not sure? We estimate it from your SAI.",
    )
    fix_note("pell_eligibility_status")
    if pending := unsaved(ctx.profile):
        st.caption(
            f":material/edit_note: **Not saved yet:** your {and_list(pending)}. Press Save "
            "profile to keep the change."
        )
    if st.button("Save profile", type="primary", key="profile_save"):
        save()
        st.rerun()  # redraw the fields with their notes (or the saved values)

st.header("Reminder emails", anchor=False)
if st.session_state.pop(REMINDER_SAVED, False):
    st.success("Reminder settings saved.", icon=":material/check_circle:")
if reminders_failed := st.session_state.get(REMINDER_FAILED):
    show_error(reminders_failed)
with st.form("reminders_form", border=True, enter_to_submit=False):
    st.selectbox(
        "Time zone",
        zone_options(reminders.timezone),
        key=REMINDER_KEYS["timezone"],
        help="Deadlines on every page and in reminders are shown in this time zone.",
    )
    start, end = st.columns(2)
    with start:
        st.time_input(
            "Quiet hours start",
            key=REMINDER_KEYS["quiet_hours_start"],
            step=timedelta(minutes=30),
        )
    with end:
        st.time_input(
            "Quiet hours end",
            key=REMINDER_KEYS["quiet_hours_end"],
            step=timedelta(minutes=30),
            help="The same start and end means no quiet hours.",
        )
    st.caption(
        "Reminder emails never arrive during your quiet hours; dashboard reminders still "
        f"show. {inert_text(quiet_summary(reminders))}"
    )
    if st.form_submit_button("Save reminder settings", key="reminders_save"):
        save_reminders()
        st.rerun()

st.header("What a scholarship search sees", anchor=False)
if profile is None:
    st.info("Save your profile to see the labels discovery searches with.")
else:
    financial = financial_profile(profile)
    if (check := pell_disagrees(profile.sai, profile.pell_eligibility_status)) is not None:
        st.warning(check, icon=":material/rule:")
    labels = financial.labels
    if labels:
        # a comma between: a screen reader read "Pell Eligible Low Income" as one label
        st.markdown(", ".join(f":blue-badge[{inert_text(label)}]" for label in labels))
    else:
        st.markdown("No financial labels yet: add your SAI or Pell eligibility above.")
    st.caption(
        "Your SAI itself is never sent or stored with a search: only these labels, your "
        "intended major and your state are. The searches look like this:"
    )
    queries = search_queries(financial, UserProfile.from_profile(profile))
    st.markdown("\n".join(f"- {inert_text(query)}" for query in queries))
