"""Questions to the coach said the way students say them: a topic put first ("and fafsa, do
i need…?"), a second question tacked on ("…? and what time"), the question mark left off ("…
is that bad"), not understanding, not knowing yet, and who they are followed by what to do
first. coach/learner_intents.py reads these as questions, not answers to score (an audit of a
scholarship student's first week found each scored 2-4/10); graph/coaching.py reads one more
for the scholarship coach only: something about someone else, then a question."""

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


# a wish, then the question: "i want to apologize but i dont know how to bring it up"
ASKS_LAST = re.compile(
    r"\b((but|and|so)\s+)?(i\s+(don'?t|dont|do\s+not)\s+know|idk|i'?m\s+not\s+sure|not\s+sure|no\s+idea)"
    r"\s+(how|what|where|when|whether|if)\b[^.!?]{0,60}[.!?]*\s*$",
    re.I,
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


# Something about someone else, then a question to the coach: "my parents did not know about
# FAFSA. do they need to sign it too?" (an audit: answered, then scored 3/10). Said of the
# learner's own doing ("I'd apologize first. Is that ok?"), it is an answer.
_ASKS = re.compile(
    r"^\W*(do|does|did|should|can|could|is|are|will|would|what|how|when|why|who|which|where)\b"
    r"[^.!?]*\?\s*$",
    re.I,
)
_OWN_DOING = re.compile(
    r"^\W*((so|and|but|ok(ay)?|then|honestly)\W+)*(i|i'?m|im|i'?d|i'?ll|i'?ve|we|we'?re|we'?d|"
    r"we'?ll|let'?s|me|my\s+(plan|answer|line|step|idea))\b",
    re.I,
)
_WORDS = re.compile(r"[a-z']+")


def background_then_asks(text: str) -> bool:
    """One or two short sentences about someone or something else, then a question. Only the
    scholarship coach reads it so: to a practice coach, "My manager keeps moving my deadlines.
    How do I bring it up?" is the story to practise, and its answer is scored."""
    sentences = [
        s.strip() for s in re.findall(r"[^.!?\n]+[.!?]*", text) if _WORDS.search(s.lower())
    ]
    if len(sentences) < 2:
        return False
    *before, last = sentences
    return (
        0 < len(before) <= 2
        and _ASKS.match(last) is not None
        and all(not _OWN_DOING.match(s) and len(_WORDS.findall(s.lower())) <= 20 for s in before)
    )
