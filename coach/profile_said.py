"""What a student says about themselves that their Profile says otherwise ("i live in ohio"
beside a Profile in Texas, "my gpa is 3.6" beside 3.4): Discovery matches on the Profile, so
the coach says which to change. Pure: the plan carries the Profile's state and GPA."""

from __future__ import annotations

import re

from coach.discovery_models import STATE_NAMES, state_name

_CODES = {name.lower(): code for code, name in STATE_NAMES.items()}
_NAMES = "|".join(sorted((re.escape(n) for n in _CODES), key=len, reverse=True))
# where they live, not a college or a team: "i live in ohio", "we moved to ohio", "im from
# ohio" ("i go to ohio state" names a school)
_LIVES = re.compile(
    r"\b(?:i\s+live|we\s+live|i'?m\s+living|living|i\s+moved|we\s+moved|moved|i'?m\s+from|im\s+from|"
    r"i\s+am\s+from|from|i'?m\s+based|based|i\s+reside|resident\s+of)\s+(?:in\s+|to\s+|out\s+of\s+)?"
    rf"(?P<state>{_NAMES})\b(?!\s+state\b|\s+university\b|\s+college\b)",
    re.I,
)
_GPA = re.compile(
    r"\bgpa\s*(?:is|of|was|:|=|around|about|like)?\s*(?:a\s+|around\s+|about\s+|like\s+)?"
    r"(?P<a>[0-4]\.\d{1,2})\b|\b(?P<b>[0-4]\.\d{1,2})\s*(?:gpa|unweighted|weighted)\b",
    re.I,
)


def said_state(text: str) -> str | None:
    """The state the student says they live in, as its code; None when none is said."""
    found = _LIVES.search(text)
    return _CODES[found.group("state").lower()] if found else None


def said_gpa(text: str) -> float | None:
    found = _GPA.search(text)
    if found is None:
        return None
    return float(found.group("a") or found.group("b"))


def profile_mismatches(text: str, state: str | None, gpa: float | None) -> list[str]:
    """A sentence for each fact said that the Profile has otherwise; none for a fact the
    Profile lacks (the coach asks for it) or says the same."""
    out = []
    lives = said_state(text)
    if lives is not None and state is not None and lives != state.upper():
        place = state_name(lives)
        out.append(
            f"Your Profile says {state_name(state)}: if you live in {place} now, change it "
            f"there, so Discovery searches for scholarships open to {place} residents."
        )
    grade = said_gpa(text)
    if grade is not None and gpa is not None and abs(grade - gpa) >= 0.005:
        out.append(
            f"Your Profile has a {gpa:g} GPA and you said {grade:g}: update it there, so "
            "Discovery matches on the right one."
        )
    return out
