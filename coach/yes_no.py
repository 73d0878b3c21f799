"""A yes or a no to a yes-or-no question is a whole answer. The offline coach answered "no"
to "Is anything due sooner that isn't on your plan yet?" with "Say a little more and I can
give you real feedback on it", and then asked something else: the learner had said all there
was to say, and was told it was not enough."""

from __future__ import annotations

import re
from typing import Literal

YesOrNo = Literal["yes", "no"]

_AUX = (
    r"(do|does|did|is|are|was|were|have|has|had|can|could|will|would|should|shall|am|"
    r"isn'?t|aren'?t|don'?t|doesn'?t|didn'?t|haven'?t|hasn'?t|won'?t|can'?t)"
)
_LEAD = r"^\W*((also|and|so|then|ok(ay)?|now|great|good|right|quick\s+check)\b[\W]*)*"
_YES_NO_QUESTION = re.compile(
    _LEAD + _AUX + r"\s+(you|it|he|she|they|we|i|there|anything|"
    r"anyone|this|that|the|your|any|a|an)\b",
    re.I,
)
# "Do you call the providers directly, or put a queue in between — and what does each cost?"
# offers a choice, and "…, and have you asked for it yet?" asks two things: one word can't
# say which it answers. "…, or not?" is still a yes or a no.
_NOT_ONE_QUESTION = re.compile(
    r",\s*(or|and)\s+(?!not\b)|\b(and|or)\s+(what|which|how|when|where|why|who)\b|—", re.I
)
_QUESTIONS = re.compile(r"[^.!?]*\?")
# "Who signs the contract, and have you spoken to them yet?": a "no" answers its last part
# (an audit's got "Say a little more")
# ("Do you need a rec…, and have you asked for it yet?" asks two things: a "no" cannot say
# which)
_YES_NO_TAIL = re.compile(
    r"^(who|which|what|where|when|how)\b[^?]*,\s*and\s+(have|has|did|do|are|were)\s+you\b[^?,]*\?$",
    re.I,
)

_YES = (
    r"(yes|yeah|yea|yep|yup|ya|yah|yes\s+(it\s+does|it\s+is|i\s+do|i\s+have|i\s+did|there\s+is)|"
    r"it\s+does|i\s+do|i\s+have|i\s+did|correct|definitely|absolutely|i\s+think\s+so)"
)
_NO = (
    r"(no|nope|nah|not\s+(yet|really|that\s+i\s+know(\s+of)?)|nothing(\s+(else|yet))?|none|"
    r"it\s+(doesn'?t|does\s+not)|i\s+(don'?t|haven'?t|didn'?t|do\s+not|have\s+not)|"
    r"there\s+(isn'?t|is\s+not)|i\s+don'?t\s+think\s+so)"
)
_TAIL = (
    r"(\W+(lol|haha|thanks|thx|so\s+far|for\s+now|i\s+think|it\s+does|it\s+doesn'?t|"
    r"not\s+yet|not\s+really|nothing(\s+(else|yet))?|i\s+(don'?t\s+)?think\s+so|i\s+(do|don'?t|have|haven'?t)))*"
)
_BARE_YES = re.compile(rf"\W*{_YES}{_TAIL}\W*", re.I)
_BARE_NO = re.compile(rf"\W*{_NO}{_TAIL}\W*", re.I)


def last_question(coach_text: str) -> str | None:
    """The coach's last question: the one a one-word reply answers."""
    found = _QUESTIONS.findall(coach_text)
    return found[-1].strip() if found else None


def asks_yes_or_no(coach_text: str) -> bool:
    """Whether the coach's last question can be answered with a yes or a no alone."""
    question = last_question(coach_text)
    if question is None:
        return False
    if _YES_NO_TAIL.search(question):
        return True
    return bool(_YES_NO_QUESTION.match(question)) and not _NOT_ONE_QUESTION.search(question)


def yes_or_no(text: str) -> YesOrNo | None:
    """The whole message is a yes ("yep", "yes it does") or a no ("nope, nothing", "not
    yet"); "ok" and "sure" are nods, not answers, and anything more is an answer to read."""
    said = text.replace("’", "'").strip()
    if _BARE_NO.fullmatch(said):
        return "no"
    if _BARE_YES.fullmatch(said):
        return "yes"
    return None


# the coach's question after a check-in's "yes" (offline_coach/reply_yes_no.py: HEARD_BACK)
WHAT_THEY_SAID = "what did they say?"
_IT_WAS = re.compile(r"^\W*(it\s+was\s+|they\s+said\s+)?(an?\s+)?(?P<word>yes|no)\b\W*$", re.I)


def said_as_news(text: str, question: str) -> str:
    """ "no" (or "it was a no", "yes!") to the coach's "…what did they say?" is the news it
    answers, "they said no": a regression audit's answers were dropped or scored 1/10
    ("That repeats the coach's question")."""
    if not question.rstrip().lower().endswith(WHAT_THEY_SAID):
        return text
    said = yes_or_no(text)
    if said is None and (m := _IT_WAS.match(text)):
        said = "yes" if m.group("word").lower() == "yes" else "no"
    return f"they said {said}" if said is not None else text
