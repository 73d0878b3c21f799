"""What a student says about themselves that their Profile says otherwise ("i live in ohio"
beside a Profile in Texas, "my gpa is 3.6" beside 3.4, "im a senior in high school" beside
no school year): Discovery matches on the Profile, so the coach says which to change. Pure:
the plan carries the Profile's state, GPA and school year."""

from __future__ import annotations

import re

from coach.discovery_models import STATE_NAMES, state_name
from coach.school_years import YEAR_WORDS, year_label
from db.models import SchoolYear

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


_RANK = r"(?P<rank>freshman|sophomore|junior|senior)"
_HIGH = r"(?:high\s*school|hs)"
_COLLEGE = r"(?:college|university|uni|undergrad)"
# "i'm", "im", "i am", with a word or two between: "i'm now a", "im currently in the"
_ME = r"\b(?:i'?m|i\s+am)\s+(?:now\s+|currently\s+|actually\s+|just\s+|already\s+)?"
_GRADES = {"9": "freshman", "10": "sophomore", "11": "junior", "12": "senior"}
_ORDINALS = {
    "first": "freshman", "1st": "freshman", "second": "sophomore", "2nd": "sophomore",
    "third": "junior", "3rd": "junior", "fourth": "senior", "4th": "senior",
}  # fmt: skip
_YEARS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (stage, re.compile(pattern, re.I))
    for stage, pattern in (
        ("high_school", rf"{_ME}(?:a\s+)?{_HIGH}\s+{_RANK}\b"),
        ("high_school", rf"{_ME}(?:a\s+)?{_RANK}\s+(?:in|at)\s+(?:{_HIGH}\b|\w+\s+high\b)"),
        ("high_school", rf"\bmy\s+{_RANK}\s+year\s+(?:of|in|at)\s+{_HIGH}\b"),
        ("grade", rf"{_ME}(?:in\s+(?:the\s+)?|a\s+)(?P<grade>9|10|11|12)(?:th)?[\s-]+grader?\b"),
        ("college", rf"{_ME}(?:a\s+)?{_COLLEGE}\s+{_RANK}\b"),
        (
            "college",
            rf"{_ME}(?:a\s+)?{_RANK}\s+(?:in|at)\s+(?:a\s+|the\s+)?(?:{_COLLEGE}\b|community\s+college\b)",
        ),
        ("college", rf"\bmy\s+{_RANK}\s+year\s+(?:of|in|at)\s+{_COLLEGE}\b"),
        (
            "ordinal",
            rf"(?:{_ME}(?:a\s+|in\s+my\s+)|\bin\s+my\s+)(?P<ordinal>first|second|third|fourth|"
            rf"1st|2nd|3rd|4th)[\s-]+year\s+(?:of\s+{_COLLEGE}|in\s+{_COLLEGE}|at\s+{_COLLEGE}|"
            rf"{_COLLEGE}\s+student|student\s+(?:in|at)\s+{_COLLEGE})\b",
        ),
        ("graduate", rf"{_ME}(?:a\s+)?(?:grad|graduate|masters?|phd)\s+student\b"),
        ("graduate", rf"{_ME}in\s+grad(?:uate)?\s+school\b"),
    )
)
# "when i'm a senior in high school", "if i am a college freshman": not what they are now
_NOT_NOW = re.compile(r"\b(?:when|if|once|until|before|after|by\s+the\s+time)\s*$", re.I)


def said_year(text: str) -> SchoolYear | None:
    """The school year the student says they are in now, when said unmistakably: "i'm a
    senior in high school", "im in 11th grade", "i'm a college sophomore". A bare "i'm a
    senior" is left alone: high school or college, the coach cannot tell."""
    for stage, pattern in _YEARS:
        for found in pattern.finditer(text):
            if _NOT_NOW.search(text[: found.start()].rstrip()[-20:]):
                continue
            groups = found.groupdict()
            if stage == "grade":
                return f"high_school_{_GRADES[groups['grade']]}"  # type: ignore[return-value]
            if stage == "ordinal":
                rank = _ORDINALS[groups["ordinal"].lower()]
                return f"college_{rank}"  # type: ignore[return-value]
            if stage == "graduate":
                return "graduate"
            return f"{stage}_{groups['rank'].lower()}"  # type: ignore[return-value]
    return None


def year_to_add(text: str, year: SchoolYear | None) -> str:
    """With no school year on the Profile, the one just said, as the choice to pick there."""
    said = said_year(text)
    if said is None or year is not None:
        return ""
    return (
        f"Choose “{year_label(said)}” as your school year in your Profile, so Discovery "
        "shows the scholarships for your year."
    )


def _a(words: str) -> str:
    return f"an {words}" if words[:1] in "aeiou" else f"a {words}"


def profile_mismatches(
    text: str, state: str | None, gpa: float | None, year: SchoolYear | None = None
) -> list[str]:
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
    now = said_year(text)
    if now is not None and year is not None and now != year:
        out.append(
            f"Your Profile says you are {_a(YEAR_WORDS[year])}: if you are "
            f"{_a(YEAR_WORDS[now])} now, change your school year there, so Discovery shows the "
            "scholarships for your year."
        )
    return out
