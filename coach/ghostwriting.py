"""Whether a message asks the coach to write the work for the learner ("can you just write
the pitch for me?"): every coach answers that with its boundary, and offers to coach one
paragraph instead. Apart from the other intents because the offline coach's first-session
reader asks it too, and the boundary is drawn in one place."""

from __future__ import annotations

import re

from coach.feelings import has_plan

GHOSTWRITE = re.compile(
    r"\b(write|draft|compose|do|finish|fill (in|out)|complete|make)\b[^.?!]{0,40}?"
    r"\b(essays?|cover letter|applications?|personal statement|statement|proposal|assignment|"
    r"homework|design doc|adr|emails?|answers?|pitch|messages?|texts?|script|speech|letter|"
    r"reply|response|plan|outline|paragraph|bio|resume|summary|intro|introduction|conclusion|"
    r"opening|ending|hook|first (line|sentence)|section)\b"
    # "can you just write it for me": the thing is whatever we were working on
    r"|\b(write|draft|do)\s+(it|this|that|one)\s+for\s+me\b"
    r"|\b(can|could|would|will)\s+(you|u)\s+(just\s+)?(write|draft)\s+(it|this|that|one)\b",
    re.I,
)
DELEGATE = re.compile(
    r"\bfor me\b|\b(can|could|would|will) (you|u)\b|^\s*(please\s+)?(just\s+)?(write|draft|do)\b"
    # "do essays need a title?" asks; "do my essay" tells
    r"(?!\s+(i|you|we|they|essays|applications|scholarships|judges|committees|people|most|all|"
    r"these|those|titles|it|its|colleges|schools)\b)"
    r"|\bjust (write|do)\b",
    re.I,
)
COACH_ME = re.compile(r"\bhelp me\b|\bhow (do|should|can) i\b", re.I)


def wants_it_written(text: str) -> bool:
    """Asks the coach to write the work ("can you just write the pitch for me?"); asking for
    help writing it ("help me write…", "how do I write…") is coaching, not this."""
    if not _ASKS_YOU.search(text) and has_plan(text):
        return False  # "Write the email to Dave tonight": the learner's own plan, imperative
    if _SALUTATION.match(text):
        return False  # "hi mr patel, can u write me a letter…": their own ask, drafted
    return bool(GHOSTWRITE.search(text) and DELEGATE.search(text)) and not COACH_ME.search(text)


_ASKS_YOU = re.compile(r"\b(for me|you)\b", re.I)
# a message drafted to someone else, shown to the coach (an audit's "hi mr patel, can u write
# me a letter for amazon future engineer" got "I won't write your essay")
_SALUTATION = re.compile(
    r"^\W*(?:(?:hi|hello|hey|dear|good\s+(?:morning|afternoon|evening))\s+(?:mr|mrs|ms|miss|mx|"
    r"dr|prof(?:essor)?|coach|dean)\.?\s+[a-z]+|dear\s+[a-z]+)\b",
    re.I,
)
