"""Whether a learner's message asks the coach something, and whether it asks what to work
on today. Read without a model; the offline coach answers a question and critiques an
answer, so a statement that only starts like a question must not be taken for one."""

from __future__ import annotations

import re

_WORD = re.compile(r"[a-z']+")

# asking what to work on ("what should I do today?", "can we do the CLG today?"); not any
# question that says "today" ("Today I'm fixing my essay. How do I open it?")
TODAY = re.compile(
    r"\b(what should i (do|work on|focus on|start( with)?|tackle)(?!\s+(with|about)\b)|"
    r"what (do|can) i (do|work on)(?!\s+(with|about)\b)"
    r"( now| next| today| first)?|where (do i|should i|to) (start|begin)|now what|what now|"
    r"what'?s next|what next|next step\s*\?|what'?s (the|my) (next step|plan)|"
    r"which (one )?(should|do) i "
    r"(do|start|work on)( first)?|what should i do first|"
    # "which scholarship i should do first?", "which one first, hometown or cal grant?"
    r"which\s+(one|scholarships?|applications?|apps?)\s+(should\s+i|i\s+should|do\s+i|to)\s+"
    r"(do|start|work\s+on|apply\s+(to|for)|focus\s+on|tackle)|"
    r"which\s+(one|scholarship|application|app)\s+(comes\s+|is\s+|goes\s+)?first|"
    r"what'?s (the )?(most urgent|due "
    r"(first|soonest|next))|(what|which)\b[^.?!]{0,30}"
    r"\btoday\b|(can|could|should) (we|i) (do|work on|focus on|tackle)\b[^.?!]{0,40}\btoday\b)",
    re.I,
)
# not knowing where to begin asks it too: "idk where to start honestly, i have 3 things due"
STUCK = re.compile(
    r"\b(idk|dunno|i\s+(don'?t|do\s+not)\s+know|not\s+sure|no\s+idea)\s+(where|how|what)\s+to\s+"
    r"(start|begin|do\s+first|work\s+on\s+first|tackle\s+first)\b",
    re.I,
)
# asking where to begin or what comes next in the session's work, put to any coach: "what
# should i think about first?", "how do i even approach this", "what's next?"
WHAT_FIRST = re.compile(
    r"\b(what\s+(should|do|would)\s+i\s+(think\s+about|consider|look\s+at|focus\s+on|"
    r"start\s+with|do|work\s+on|tackle|figure\s+out|practi[cs]e)\s+(first|next)|"
    r"what('?s|\s+is)\s+(the\s+)?(first|next)\s+(step|thing)|"
    r"where\s+(do|should|would)\s+i\s+(even\s+)?(start|begin)|"
    r"how\s+(do|should|would)\s+i\s+(even\s+)?(start|begin|approach\s+(this|it|that))|"
    r"what\s+now|now\s+what|what'?s\s+next|what\s+next|"
    # "ok what else", "anything else?": the next step (an audit's got "beyond what I can answer")
    r"^\W*((ok(ay)?|so|and|alright|cool|right)\b[,.\s]*)*(what\s+else|anything\s+else)(?=\s*\??\s*$))\b",
    re.I,
)
# asking what the game plan holds: "is the cal grant still on my list?", "what's in my top 3?"
_PLAN = r"(list|plan|game\s*plan|top\s*(3|three))"
PLAN_QUESTION = re.compile(
    r"^\s*((so|ok(ay)?|wait|um+|and|also|hey)\b[,\s]*)*("
    r"(is|are)\s+(?P<name>[^?.!]{2,60}?)\s+(still\s+|even\s+|already\s+)?(on|in)\s+my\s+"
    + _PLAN
    + r"|what('?s|\s+is|\s+are)\s+(still\s+)?(on|in)\s+my\s+"
    + _PLAN
    + r"|what('?s|\s+is)\s+my\s+(top\s*(3|three)|game\s*plan)"
    # "can you check my plan?", "tell me whats on it" (an audit: "beyond what I can answer")
    + r"|(can|could|would|will)\s+(you|u)\s+(please\s+)?(check|look\s+at|go\s+over|review|read)"
    r"\s+my\s+(game\s*)?plan"
    + r"|(tell|show)\s+me\s+what('?s|\s+is)\s+(on|in)\s+(it|my\s+"
    + _PLAN
    + r")"
    + r")\b[^.!?]*\??\s*$",
    re.I,
)
# the message ends by asking what to do: "i started the draft!! what should i do first"
_LAST_SENTENCE = re.compile(r"[^.!?]+[.!?]*\s*$")


def ends_asking_what_next(text: str) -> bool:
    """Its last sentence asks what to do, with at most a few words after ("…for hometown");
    "What should I do first is obvious to me" says, not asks."""
    last = _LAST_SENTENCE.search(text.strip())
    asked = TODAY.match(last.group().strip()) if last is not None else None
    return asked is not None and len(_WORD.findall(asked.string[asked.end() :].lower())) <= 3


# a question to the coach; "tips", "advice" or "explain" ask only when put to the coach
# ("any tips?", "can you explain…"), not in "I'd explain to the owner that…"
QUESTION = re.compile(
    r"\?|\bwhat\s+(even\s+)?is\s+(that|this|it)\b|"
    r"^\s*((wait|so|ok(ay)?|um+|hmm+|btw|like|also|quick\s+q(uestion)?)\b[,:\s]*)*(how|what|what's|whats|wat|which|why|"
    r"when|where|who|should|can|could|would|is|are|do|does|any|now|tips?|advice|explain|tell me|"
    r"help me)\b|\b(can|could|would|will)\s+(you|u)\s+(give|share|explain|tell|help|walk)\b|"
    r"\b(any|some|need|want|give me|got)\s+(tips?|advice)\b|\bhelp me\b|"
    r"\bdon'?t know where to (start|begin)\b",
    re.I,
)
_ASKED_BY_ITS_START = re.compile(
    r"^\s*((wait|so|ok(ay)?|um+|hmm+|btw|like|and|also|quick\s+q(uestion)?)\b[,:\s]*)*"
    r"(how\s+(many|much|long|often|soon|early)\b|"
    r"(how|what|what's|whats|wat|which|why|when|where|who)\s+(do|does|did|is|are|was|were|"
    r"should|can|could|would|will|to|i|we|you|about|if|else|exactly|even|kind|happens|makes)|"
    r"(should|can|could|would|will|is|are|do|does|did)\s+(i|we|you|u|it|this|that|there|my|our|"
    r"they|he|she)|(any|some)\s+(tips?|advice|ideas?|suggestions?)|explain\s+(to\s+)?me|"
    r"tell\s+me|help\s+me|(what'?s|wats)\s+(a|an)|"
    r"(what'?s|wats)\s+the\s+(difference|diff[ea]?rence|diff)\s+(between|b/?w))\b",
    re.I,
)
# asks in a few words: "tips for a first standup", "explain CAP"
_ASKS_BRIEFLY = re.compile(r"^\s*(tips?\s+(for|on)|explain|advice\s+on)\b", re.I)


# a guess said with a "?": "not really sure, maybe read the docs?" answers, unsure
# ... and "idk like maybe 1000 users at launch? fast means fast lol", "idk. like it runs?": an
# audit's got "That one's beyond what I can answer well here" (the "?" its only one)
_GUESS = re.compile(
    r"^\s*((not\s+(really\s+)?sure|idk|dunno|hmm+|um+|uh+|so|ok(ay)?|i\s+don'?t\s+know|"
    r"like(?=\s+(maybe|probably|perhaps|i\s+guess|i\s+think)\b))\b[,.\s]*)*"
    r"(maybe|probably|perhaps|possibly|i\s+guess|i\s+think|like(?=\s+(\d|it\b|a\b|an\b|the\b)))"
    r"\b(?![^?]*\b(you|u)\b)[^?]*\?[^?]*$",
    re.I,
)


def is_guess(text: str) -> bool:
    return bool(_GUESS.match(text))


# a statement that ends on what the learner doesn't know how to do: "the essay is so hard i
# dont know what to write about"
_DONT_KNOW_TO = re.compile(
    r"\b(i\s+(don'?t|dont|do\s+not)\s+know|idk|no\s+idea|not\s+sure)\s+(how|what|where|which|"
    r"whether|if)\s+to\b[^.!?]{0,40}[.!]*\s*$",
    re.I,
)


# words in quotes: a line the learner would say ("so your package was late, right?" asks the
# customer), or someone else's ("the customer told me 'I feel like a failure'")
QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|(?<![A-Za-z])'[^']*'(?![A-Za-z])")


def is_question(text: str) -> bool:
    """A question to the coach: a "?", a request for tips or an explanation, or a sentence
    that starts as a question does ("how do I…", "should I…"). A statement that starts with
    such a word is not one: "When the owner asks, I'll explain…", "Any downtime would be…",
    "Tips for the receptionists go in a one-page guide"; nor is a guess with a "?", nor a
    question in quotes, which is the learner's line to someone else (an audit's "ok so like
    'so your package was late and you needed it today, right?'" got "That one's beyond what
    I can answer well here")."""
    if is_guess(text):
        return False
    if _DONT_KNOW_TO.search(text):
        return True
    asks = "?" in QUOTED.sub(" ", text)
    if asks or not QUESTION.search(text):
        return asks
    n = len(_WORD.findall(text.lower()))
    if _ASKED_BY_ITS_START.match(text) or n <= 6 or (_ASKS_BRIEFLY.match(text) and n <= 10):
        return True
    return bool(_ASKS_OUTRIGHT.search(text))


# anywhere in the message: "what even is that", "can you explain…", "any tips", "help me";
# QUESTION's own alternatives, less "advice from" ("I got advice from a senior dev")
_ASKS_OUTRIGHT = re.compile(
    r"\bwhat\s+(even\s+)?is\s+(that|this|it)\b|\b(can|could|would|will)\s+(you|u)\s+"
    r"(give|share|explain|tell|help|walk)\b|\b(any|some|need|want|give me|got)\s+"
    r"(tips?|advice)\b(?!\s+from)|\bhelp me\b|\bdon'?t know where to (start|begin)\b",
    re.I,
)


# asks the other side for facts, not for a step: "what are you using today?", not "can we
# start redlines this week?"
_ASKS_FOR_FACTS = re.compile(
    r"^\s*((ok(ay)?|so|and|but|also|sorry|great|cool|got\s+it|i\s+see|understood|fair(\s+enough)?|"
    r"i'?m\s+(so\s+)?sorry|im\s+(so\s+)?sorry|i\s+totally\s+get\s+(that|it)|i\s+get\s+(that|it)|"
    r"(can|could|may)\s+i\s+ask(\s+(you|u))?|mind\s+if\s+i\s+ask)\b[,\s]*)*"
    r"(what|what's|whats|how|who|who's|whos|when|where|which|why|is|are|was|were|do|does|did|"
    r"have|has|(can|could|would)\s+(you|u)\s+(tell|walk|give|share|show)|tell\s+me|walk\s+me)\b",
    re.I,
)


def asked_for_facts(text: str) -> str:
    """The words of a message that ask the other side of a role-play for facts, each from
    the clause the question starts in: in "if you want to be live by september, can we start
    redlines this week?" nothing is asked, and "September" is the learner's own."""
    asked = []
    for sentence in re.findall(r"[^.!?]+\?", text) or ([text] if is_question(text) else []):
        clauses = sentence.split(",")
        for n in range(len(clauses) - 1, -1, -1):
            if _ASKS_FOR_FACTS.match(clauses[n]):
                asked.append(",".join(clauses[n:]))
                break
    return " ".join(asked)


# a scholarship search typed into the chat: "scholarships for nursing in texas", "no essay
# scholarships", "scholarhsips for frist gen latina" (an audit: each scored 2/10)
SEARCH_ASK = re.compile(
    r"^\W*((can|could)\s+(you|u)\s+)?((please|pls)\s+)?(find\s+(me\s+)?|show\s+me\s+|"
    r"search(\s+for)?\s+|look(ing)?\s+(for\s+)?|any\s+|are\s+there\s+(any\s+)?|"
    r"i\s+(want|need)\s+)?(some\s+|more\s+|other\s+)?"
    r"(?P<topic>((no|without)[\s-]+(an?\s+)?essays?|easy|local|small|big|full[\s-]ride|"
    r"need[\s-]based|merit|(?!(my|the|our|your|his|her|their|those|these|any|some|more|other)\b)"
    r"[\w-]+)\s+){0,3}"
    r"(schol\w*s|sch\w*ships|grants)(?P<about>\s+(for|in|that|with|about|near|without|like)\b"
    r"[^.!?]{0,60}|\s+(with\s+)?(no|without)\s+(an?\s+)?essays?)?\s*[?.!]*\s*$",
    re.I,
)
