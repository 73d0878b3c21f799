"""The Profile page as a student uses it: fix what the form points at, lose nothing, save, and
see the labels a search uses instead of the SAI."""

from __future__ import annotations

import json
import re
from datetime import time

import psycopg
from streamlit.testing.v1 import AppTest

from app_pages.context import HANDLE
from db.settings import get_settings
from tests.app.conftest import MAYA, handle_for, sent_back_from

JORDAN = "0d1f5a2e-0000-4000-8000-000000000002"


def profile_page(user: str = MAYA) -> AppTest:
    at = AppTest.from_file("../../app.py", default_timeout=30)
    at.session_state[HANDLE] = handle_for(get_settings().database_url.get_secret_value(), user)  # type: ignore[union-attr]
    at.run()
    at.switch_page("app_pages/profile.py").run()
    assert not at.exception, at.exception
    return at


def save(at: AppTest) -> AppTest:
    at.button(key="profile_save").click().run()
    assert not at.exception, at.exception
    return at


def errors(at: AppTest) -> list[str]:
    return [e.value for e in at.error]


def stored(db_url: str, user: str) -> tuple[object, ...]:
    with psycopg.connect(db_url) as conn:
        row = conn.execute(
            "select full_name, gpa::text, intended_major, state, sai, pell_eligibility_status "
            "from profiles where id = %s",
            (user,),
        ).fetchone()
    assert row is not None
    return tuple(row)


def page_text(at: AppTest) -> str:
    return "\n".join(
        [m.value for m in at.markdown]
        + [c.value for c in at.caption]
        + [i.value for i in at.info]
        + [s.value for s in at.success]
    )


def test_the_form_starts_from_the_saved_profile_and_explains_the_sai(app_env: str) -> None:
    at = profile_page()
    assert at.text_input(key="profile_full_name").value == "Maya Torres"
    assert at.text_input(key="profile_gpa").value == "3.70"
    assert at.text_input(key="profile_major").value == "nursing"
    assert at.selectbox(key="profile_state").value == "CA"
    assert at.text_input(key="profile_sai").value == "-300"
    assert at.radio(key="profile_pell").value == "eligible"
    explained = " ".join(c.value for c in at.caption)
    assert "Student Aid Index" in explained and "FAFSA" in explained
    assert "the more need" in explained and "never leaves TuitionLift" in explained
    # a browser audit: a 3,000-character paste into the major was dropped without a word;
    # the limit is said before anything is typed
    for key in ("profile_full_name", "profile_major"):
        field = at.text_input(key=key)
        assert field.max_chars == 120 and "Up to 120 characters" in (field.help or "")


def test_each_bad_field_says_what_to_fix_and_nothing_typed_is_lost(app_env: str) -> None:
    at = profile_page()
    before = stored(app_env, MAYA)
    at.text_input(key="profile_full_name").set_value("   ")
    at.text_input(key="profile_gpa").set_value("4.5")
    at.text_input(key="profile_major").set_value("Marine biology")
    at.selectbox(key="profile_state").set_value("OR")
    at.text_input(key="profile_sai").set_value("2000000")
    at.radio(key="profile_pell").set_value("unknown")
    save(at)

    said = errors(at)
    assert len(said) == 3  # one note per bad field, under it
    assert any(s.startswith("Enter your name") for s in said)
    assert any(s.startswith("Enter your GPA") and "0.00 to 4.00" in s for s in said)
    assert any(s.startswith("Enter your SAI") and "-1500 to 999999" in s for s in said)
    assert "need fixing" in at.warning[0].value
    # what they typed is all still there, the good fields too
    assert at.text_input(key="profile_full_name").value == "   "
    assert at.text_input(key="profile_gpa").value == "4.5"
    assert at.text_input(key="profile_major").value == "Marine biology"
    assert at.selectbox(key="profile_state").value == "OR"
    assert at.text_input(key="profile_sai").value == "2000000"
    assert at.radio(key="profile_pell").value == "unknown"
    assert stored(app_env, MAYA) == before  # and nothing was saved

    at.text_input(key="profile_full_name").set_value("Maya T.")
    save(at)
    said = errors(at)
    assert len(said) == 2 and not any(s.startswith("Enter your name") for s in said)

    at.text_input(key="profile_gpa").set_value("3.456")  # too many decimals
    at.text_input(key="profile_sai").set_value("-1501")
    save(at)
    said = errors(at)
    assert len(said) == 2
    assert any(s.startswith("Enter your GPA") for s in said)
    assert any(s.startswith("Enter your SAI") for s in said)

    at.text_input(key="profile_gpa").set_value("abc")
    at.text_input(key="profile_sai").set_value("12.5")
    save(at)
    assert len(errors(at)) == 2


def test_a_half_done_profile_survives_a_look_at_another_page(app_env: str) -> None:
    """A refused GPA beside a good new major, then Home and back: both were gone, the old
    values back without a word. The draft and its notes stay until saved or signed out."""
    at = profile_page()
    at.text_input(key="profile_gpa").set_value("5")
    at.text_input(key="profile_major").set_value("Mechanical engineering")
    at.selectbox(key="profile_school_year").set_value("college_freshman")
    save(at)
    assert any(s.startswith("Enter your GPA") for s in errors(at))
    at.switch_page("app_pages/home.py").run()
    at.switch_page("app_pages/profile.py").run()
    assert not at.exception, at.exception
    assert at.text_input(key="profile_gpa").value == "5"
    assert at.text_input(key="profile_major").value == "Mechanical engineering"
    assert at.selectbox(key="profile_school_year").value == "college_freshman"
    assert any(s.startswith("Enter your GPA") for s in errors(at))


def test_a_good_profile_saves_and_the_search_labels_never_show_the_sai(app_env: str) -> None:
    at = profile_page(JORDAN)
    at.text_input(key="profile_full_name").set_value("Jordan Park")
    at.text_input(key="profile_gpa").set_value("3.4")
    at.text_input(key="profile_major").set_value("Mechanical engineering")
    at.selectbox(key="profile_state").set_value("NM")
    at.text_input(key="profile_sai").set_value("4,321")
    at.radio(key="profile_pell").set_value("unknown")
    save(at)

    assert not at.error and not at.warning
    assert at.success[0].value == "Profile saved."
    assert stored(app_env, JORDAN) == (
        "Jordan Park",
        "3.40",
        "Mechanical engineering",
        "NM",
        4321,
        "unknown",
    )
    assert at.text_input(key="profile_gpa").value == "3.40"  # redrawn from what was saved
    assert at.text_input(key="profile_sai").value == "4321"

    text = page_text(at)
    assert "Pell Eligible" in text and "Moderate Income" in text  # SAI 4321: Pell by formula
    # one label at a time to a screen reader, not "Pell Eligible Moderate Income"
    assert ":blue-badge[Pell Eligible], :blue-badge[Moderate Income]" in text
    assert "New Mexico" in text and "Mechanical engineering" in text
    shown = "\n".join(
        [m.value for m in at.markdown if "Income" in m.value or "scholarships" in m.value]
    )
    assert shown and not re.search(r"\d", shown)  # the labels and queries carry no digit
    assert "4321" not in text and "4,321" not in text  # only the SAI field itself holds it

    again = profile_page(JORDAN)  # a refresh: the saved values come back
    assert again.text_input(key="profile_major").value == "Mechanical engineering"
    assert again.selectbox(key="profile_state").value == "NM"
    assert any("Jordan Park" in m.value for m in again.sidebar.markdown)


def school_year(db_url: str, user: str) -> object:
    with psycopg.connect(db_url) as conn:
        row = conn.execute("select school_year from profiles where id = %s", (user,)).fetchone()
    assert row is not None
    return row[0]


def test_a_school_year_saved_shows_again_after_a_reload(app_env: str) -> None:
    """A user audit: a high-school senior saw college-only programs at "Need match 100/100",
    with no school year on the Profile for Discovery to match a listing's levels against."""
    with psycopg.connect(app_env, autocommit=True) as conn:  # the demo's Jordan is a senior
        conn.execute("update profiles set school_year = null where id = %s", (JORDAN,))
    at = profile_page(JORDAN)
    year = at.selectbox(key="profile_school_year")
    assert year.value == "" and year.options[0] == "Not set"  # nothing chosen yet
    assert "High school senior (12th grade)" in year.options
    assert "College junior (3rd year)" in year.options and "Graduate student" in year.options
    assert "match scholarships by level" in (year.help or "")

    year.set_value("high_school_senior")
    save(at)
    assert not at.error and at.success[0].value == "Profile saved."
    assert school_year(app_env, JORDAN) == "high_school_senior"

    again = profile_page(JORDAN)  # a reload: a fresh session, read from the database
    assert again.selectbox(key="profile_school_year").value == "high_school_senior"
    again.selectbox(key="profile_school_year").set_value("")  # back to "Not set"
    save(again)
    assert school_year(app_env, JORDAN) is None
    assert profile_page(JORDAN).selectbox(key="profile_school_year").value == ""


def birth_year(db_url: str, user: str) -> object:
    with psycopg.connect(db_url) as conn:
        row = conn.execute("select birth_year from profiles where id = %s", (user,)).fetchone()
    assert row is not None
    return row[0]


def test_the_year_born_saves_and_a_year_ahead_says_what_to_fix(app_env: str) -> None:
    """An audit's 34-year-old was matched to awards for 18 and younger: Discovery reads a
    listing's age limit against the year a student was born, which the Profile now keeps."""
    at = profile_page(JORDAN)
    born = at.text_input(key="profile_birth_year")
    assert born.value == "" and "age limit" in (born.help or "")
    born.set_value("2090")
    save(at)
    assert errors(at) == [
        "Enter the year you were born as four digits, such as 1992, or leave it blank."
    ]
    assert birth_year(app_env, JORDAN) is None
    assert at.text_input(key="profile_birth_year").value == "2090"  # nothing typed is lost
    at.text_input(key="profile_birth_year").set_value("1992")
    save(at)
    assert not at.error and at.success[0].value == "Profile saved."
    assert birth_year(app_env, JORDAN) == 1992
    assert profile_page(JORDAN).text_input(key="profile_birth_year").value == "1992"


def test_clearing_optional_fields_saves_them_as_not_given(app_env: str) -> None:
    at = profile_page(JORDAN)
    at.text_input(key="profile_gpa").set_value("")
    at.text_input(key="profile_major").set_value("  ")
    at.selectbox(key="profile_state").set_value("")
    at.text_input(key="profile_sai").set_value("")
    at.radio(key="profile_pell").set_value("unknown")
    save(at)
    assert not at.error
    assert stored(app_env, JORDAN) == ("Jordan Lee", None, None, None, None, "unknown")
    assert "No financial labels yet" in page_text(at)


def test_a_coach_gets_no_profile_form(app_env: str) -> None:
    at = AppTest.from_file("../../app.py", default_timeout=30)
    at.session_state[HANDLE] = handle_for(app_env, "0d1f5a2e-0000-4000-8000-000000000003")
    at.run()
    sent_back_from(at, "app_pages/profile.py")  # not in a coach's navigation at all


# reminders: time zone and quiet hours ------------------------------------------------------
def preferences(db_url: str, user: str) -> dict[str, object]:
    with psycopg.connect(db_url) as conn:
        row = conn.execute("select preferences from profiles where id = %s", (user,)).fetchone()
    assert row is not None
    return dict(row[0])


def reminders(at: AppTest) -> tuple[object, object, object]:
    return (
        at.selectbox(key="profile_timezone").value,
        at.time_input(key="profile_quiet_start").value,
        at.time_input(key="profile_quiet_end").value,
    )


def test_reminders_start_from_the_defaults_and_say_what_quiet_hours_do(app_env: str) -> None:
    at = profile_page()
    assert reminders(at) == ("UTC", time(21, 0), time(8, 0))
    zones = at.selectbox(key="profile_timezone").options
    assert zones[0] == "UTC" and "America/Chicago" in zones and "Europe/Paris" in zones
    assert "US/Eastern" not in zones and "EST5EDT" not in zones  # aliases that mislead
    said = " ".join(c.value for c in at.caption)
    assert (
        "Reminder emails never arrive during your quiet hours; dashboard reminders still show."
        in said
    )


def test_a_student_saves_their_zone_and_quiet_hours_and_sees_them_again(app_env: str) -> None:
    at = profile_page()
    at.selectbox(key="profile_timezone").set_value("America/Los_Angeles")
    at.time_input(key="profile_quiet_start").set_value(time(22, 30))
    at.time_input(key="profile_quiet_end").set_value(time(7, 0))
    at.button(key="reminders_save").click().run()
    assert not at.exception, at.exception
    assert not at.error
    assert "Reminder settings saved." in [s.value for s in at.success]
    assert preferences(app_env, MAYA) == {
        "timezone": "America/Los_Angeles",
        "quiet_hours_start": "22:30",
        "quiet_hours_end": "07:00",
    }
    again = profile_page()  # a reload: a fresh session, read from the database
    assert reminders(again) == ("America/Los_Angeles", time(22, 30), time(7, 0))
    said = " ".join(c.value for c in again.caption).replace("\\", "")
    assert "Saved now: quiet 10:30pm-7am Pacific Time." in said
    assert stored(app_env, MAYA)[0] == "Maya Torres"  # the profile itself is untouched


def test_a_saved_zone_outside_the_common_list_still_shows(app_env: str) -> None:
    saved = {"timezone": "Etc/GMT+5", "quiet_hours_start": "08:00", "quiet_hours_end": "08:00"}
    with psycopg.connect(app_env, autocommit=True) as conn:  # start = end: no quiet hours
        conn.execute(
            "update profiles set preferences = preferences || %s::jsonb where id = %s",
            (json.dumps(saved), MAYA),
        )
    at = profile_page()
    assert reminders(at) == ("Etc/GMT+5", time(8, 0), time(8, 0))
    assert "no quiet hours" in " ".join(c.value for c in at.caption)


def test_every_zone_offered_is_one_the_database_accepts(app_env: str) -> None:
    """The list comes from Python's zone data, the check from Postgres' own: a zone only one
    of them knows would be offered and then refused."""
    offered = set(profile_page().selectbox(key="profile_timezone").options)
    with psycopg.connect(app_env) as conn:
        known = {name for (name,) in conn.execute("select name from pg_timezone_names")}
    assert offered <= known, sorted(offered - known)[:10]


def test_a_save_in_a_second_tab_keeps_what_the_first_tab_saved(app_env: str) -> None:
    """A browser audit: tab B, filled before tab A saved a GPA of 3.90, saved a new major and
    put the GPA back to what B had shown, with "Profile saved." and no word of it."""
    first, second = profile_page(), profile_page()
    first.text_input(key="profile_gpa").input("3.90")
    save(first)
    assert stored(app_env, MAYA)[1] == "3.90"

    second.text_input(key="profile_major").input("mechanical engineering")
    save(second)
    assert not errors(second), errors(second)
    _, gpa, major, *_ = stored(app_env, MAYA)
    assert (gpa, major) == ("3.90", "mechanical engineering")
    assert "Profile saved. Kept from a save in another tab: GPA." in page_text(second)
    assert second.text_input(key="profile_gpa").value == "3.90"  # drawn as it is now

    second.text_input(key="profile_gpa").input("3.50")  # what a tab changes is its own
    save(second)
    assert stored(app_env, MAYA)[1] == "3.50"
    assert "Profile saved." in page_text(second) and "another tab" not in page_text(second)


def test_a_name_of_only_invisible_characters_is_refused(app_env: str) -> None:
    """A browser audit saved "\\u200b\\u200b" as a full name: "Profile saved.", a blank name."""
    at = profile_page()
    before = stored(app_env, MAYA)
    at.text_input(key="profile_full_name").set_value("\u200b\u200f\u200b")
    save(at)
    assert [e for e in errors(at) if e.startswith("Enter your name")]
    assert stored(app_env, MAYA) == before


def test_a_pell_status_the_sai_rules_out_is_pointed_out_and_still_saved(app_env: str) -> None:
    """A browser audit: SAI 999999 with Pell "Eligible" saved without a word, and searched as
    "Pell Eligible High Income"."""
    at = profile_page(JORDAN)
    at.text_input(key="profile_sai").set_value("999999")
    at.radio(key="profile_pell").set_value("eligible")
    save(at)
    assert at.success[0].value == "Profile saved."
    assert [w.value for w in at.warning] == [
        "Your Pell eligibility and your SAI disagree: Pell goes to an SAI of 6,655 or less, and "
        "the one you entered is higher. Check both against your FAFSA Submission Summary; "
        "until you do, searches go by the Pell eligibility you chose."
    ]
    assert "999999" not in page_text(at) and "999,999" not in page_text(at)
    at.text_input(key="profile_sai").set_value("1200")
    save(at)
    assert not at.warning


def test_an_edit_not_saved_yet_is_kept_through_another_page_and_said_to_need_a_save(
    app_env: str,
) -> None:
    """A browser audit: GPA 3.7 and major "Nursing" typed, a click on Discovery and back, and
    the old values were back without a word (a form's fields reach the server only on Save)."""
    at = profile_page()
    before = stored(app_env, MAYA)
    at.text_input(key="profile_gpa").input("3.9").run()
    at.text_input(key="profile_major").input("Nursing").run()
    unsaved = [c.value for c in at.caption if "Not saved yet" in c.value]
    assert unsaved == [
        ":material/edit_note: **Not saved yet:** your GPA and intended major. Press Save "
        "profile to keep the change."
    ]
    at.switch_page("app_pages/discovery.py").run()
    at.switch_page("app_pages/profile.py").run()
    assert at.text_input(key="profile_gpa").value == "3.9"
    assert at.text_input(key="profile_major").value == "Nursing"
    assert any("Not saved yet" in c.value for c in at.caption)
    assert stored(app_env, MAYA) == before  # nothing written until Save

    save(at)
    assert not any("Not saved yet" in c.value for c in at.caption)
    assert stored(app_env, MAYA)[1:3] == ("3.90", "Nursing")
