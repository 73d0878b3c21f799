"""Questions to the coach said the way students say them: a topic put first ("and fafsa, do
i need…?"), a second question tacked on ("…? and what time"), the question mark left off ("…
is that bad"), not understanding, not knowing yet, and who they are followed by what to do
first. coach/learner_intents.py reads these as questions, not answers to score (an audit of a
scholarship student's first week found each scored 2-4/10)."""

from __future__ import annotations

import re

from coach.plan_facts import asks_plan_fact
from coach.questions import PLAN_QUESTION, SEARCH_ASK, TODAY, ends_asking_what_next

# a topic put first: "and fafsa, do i need to do it for cal grant?"
TOPIC_LEAD = re.compile(
    r"^\W*((and|so|also|ok(ay)?|oh)\W+)?[\w' -]{2,24},\s*(?=(do|does|should|can|is|are|what|how|"
    r"when|which|why|who)\b[^.!]*\?)",
    re.I,
)
# a question tacked on to the one before: "…due exactly? and what time", "…? be honest"
TACKED_ON = re.compile(
    r"^\s*((and|or|also)\s+(what|when|which|how|who|where|why)\b[^.!?]*|be\s+honest|honestly)"
    r"\W*$",
    re.I,
)


def asks_about_the_plan(sentence: str) -> bool:
    """What to do first, or a fact of the plan, asked of the coach: "which scholarship i should
    do first?", "when is the hometown one due?"."""
    return bool(
        (TODAY.search(sentence) and "?" in sentence)
        or ends_asking_what_next(sentence)
        or PLAN_QUESTION.match(sentence)
        or asks_plan_fact(sentence)
        or SEARCH_ASK.match(sentence)
    )


# "i dont understand the deadlines": asking, in other words
LOST_ON = re.compile(
    r"^\W*((and|but|also|sorry)\W+)*i\s+(still\s+)?(don'?t|dont|do\s+not)\s+(really\s+)?(understand|get)"
    r"\s+(the|this|these|that|those|what|how|why|it)\b",
    re.I,
)
# "my counselor said my SAI is -300 is that bad": the question comes last, without its mark
IS_THAT_BAD = re.compile(
    r"\bis\s+(that|this|it)\s+(bad|ok|okay|normal|good|a\s+problem|wrong|enough)\W*$", re.I
)
I_WILL = re.compile(r"\b(i'?ll|i\s+will|i'?d|i\s+would|i'?m\s+going\s+to|gonna)\b", re.I)
DONT_KNOW_YET = re.compile(
    r"^\W*((um+|hmm+|honestly|tbh|sorry|uh+)\W+)*(idk|idek|dunno|i\s+(don'?t|dont|do\s+not)\s+know|"
    r"no\s+idea|not\s+sure|i'?m\s+not\s+sure|no\s+clue)(\s+(yet|really|tbh|honestly|lol))*\W*$",
    re.I,
)
