"""Whether the learner asks for the role-play or the practice problem, and whether they
brought a system of their own to work on. A design coach that mistook "a booking app for a
physio practice" for a request replaced the learner's own system with its canned problem."""

from __future__ import annotations

import re

_SENTENCES = re.compile(r"[^.!?\n]+[.!?]*")
_WORD = re.compile(r"[a-z']+")

PRACTICE = re.compile(
    r"\b(role[\s-]?play|(?<!after )(?<!before )(?<!from )(?<!at )(?<!to )(?<!soccer )(?<!band )"
    r"(?<!team )(?<!football )(?<!choir )(?<!basketball )(?<!my )practi[cs]e|"
    r"let'?s try (it|one)|scenario|give me (a|another) "
    r"(problem|case|challenge|scenario)|test me|quiz me|harder|tougher|challenge me|"
    r"another one|(pretend\s+to\s+be|(you|u)\s+be|act\s+as|(can|could)\s+(you|u)\s+"
    r"(play|be))\s+(her|him|them))\b",
    re.I,
)
HARDER = re.compile(r"\b(harder|tougher|challenge me|another one|advanced)\b", re.I)

# "can we practise?", "I'd like to try a scenario": asking for the role-play or the problem
_PRACTICE_FRAME = re.compile(
    r"\b(let'?s|let\s+us|can\s+(we|i|u|you)|could\s+(we|you|u)|want\s+to|wanna|i'?d\s+like\s+"
    r"to|ready\s+to|time\s+to|help\s+me|give\s+me|try)\b[^.!?\n]{0,25}$",
    re.I,
)


# "i want to practice handling price objections": the wish said outright, however long
WANTS_PRACTICE = re.compile(
    r"\b(i|we)\s+(really\s+|just\s+)?(want|wanna|need|would\s+like|'?d\s+like|hope)\s+"
    r"(to\s+)?(practi[cs]e|rehearse|role[\s-]?play|run\s+through)\b"
    r"|\bso\s+(that\s+)?(i|we)\s+can\s+(practi[cs]e|rehearse|try\s+it)\b",
    re.I,
)


_WHY_PRACTISE = re.compile(
    r"\bwhy\s+(do|should|would|must|does)\s+(i|we|anyone)\s+(even\s+)?(need\s+to\s+|have\s+to\s+)?"
    r"(practi[cs]e|rehearse|role[\s-]?play|do\s+this)\b|\bwhat'?s\s+the\s+point\s+of\s+"
    r"(practi[cs]ing|rehearsing|role[\s-]?play)",
    re.I,
)


def asks_to_practise(text: str) -> bool:
    """Whether the learner asks for the role-play or the practice problem: in a short
    sentence, or framed as a request. In a longer description the words are its subject
    ("a booking app for a 3-clinic physio practice", "the scenario where the DB fails"); nor
    does asking why to practise at all ("why do i need to practice this")."""
    if _WHY_PRACTISE.search(text):
        return False
    if WANTS_PRACTICE.search(text):
        return True
    for sentence in _SENTENCES.findall(text):
        found = PRACTICE.search(sentence)
        if found is None:
            continue
        before, after = sentence[: found.start()], sentence[found.end() :]
        if _PRACTICE_FRAME.search(before):
            return True
        rest = _WORD.findall(after.lower())
        if _PRACTICE_LEAD.match(before) and (
            (len(rest) <= 4 and set(rest) <= _PRACTICE_TAIL) or _CAST_AFTER.match(after)
        ):
            return True  # "make it harder", "make it harder, you be the CFO"
    return False


# a part cast right after it: ", you be the CFO", "and you play my landlord"
_CAST_AFTER = re.compile(
    r"\W*(?:and\s+|so\s+|now\s+)?(?:(?:can|could|will|would)\s+)?(?:you|u)\s+(?:be|play|are)\s+"
    r"(?:the|my|a|an|her|him|them)\b[^.!?]{0,40}$",
    re.I,
)


# what may follow such a request: "harder pls", "another one please", "a scenario for me"
_PRACTICE_TAIL = frozenset(
    """pls please one problem scenario question now then this time for me again instead the a
    an it with you u thanks lol ok okay plz problems scenarios""".split()
)


# what may come before a request said in a few words: "ok, harder", "make it harder", "a
# scenario pls", "can we role play?"; "Microservices are harder to run" is no request
_PRACTICE_LEAD = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|yes|yeah|yep|sure|alright|cool|great|fine|so|now|then|and|pls|please|"
    r"maybe|hmm+|um+)\W+)*(?:(?:make\s+it|something|a|an|one|another|give\s+me|gimme|try|do|go|"
    r"let'?s|lets|can\s+we|could\s+we|i\s+want|i'?d\s+like|more|even|much|way|bit|little|"
    r"some)\W+)*$",
    re.I,
)


# a system described, however briefly: "A booking app for a physio practice."
DESCRIBED_SYSTEM = re.compile(
    r"(\b(a|an|the|my|our|this)\s+|^\W*)([\w-]+\s+){0,3}(app|application|site|website|system|platform|"
    r"service|api|pipeline|backend|tool|bot|game|dashboard|marketplace|store|saas|product|portal|"
    r"crm|engine|database|library|extension|plugin)s?\b",
    re.I,
)
# "I don't have one": no system at all (not "not sure yet" about its numbers)
DONT_HAVE = re.compile(
    r"\b((don'?t|do\s+not|dont)\s+(really\s+|actually\s+|even\s+)?have\s+(one|a\s+(real\s+)?"
    r"project|anything|a\s+system|an?\s+idea)|no\s+(real\s+)?(project|system)|none|give\s+me\s+one|"
    r"make\s+one\s+up|(u|you)\s+pick|nothing\s+in\s+mind|pick\s+one\s+for\s+me)\b",
    re.I,
)
# "I don't have one yet": no system or project of their own to work on
NO_PROJECT = re.compile(
    r"\b((don'?t|do\s+not|dont)\s+(really\s+|actually\s+|even\s+)?have\s+(one|a\s+(real\s+)?project|anything|a\s+system|an?\s+idea)|"
    r"no\s+(project|system|idea)|not\s+yet|nothing\s+yet|idk|not\s+sure|no\s+clue|dunno|"
    r"haven'?t\s+(got|started)|none|give\s+me\s+one|make\s+one\s+up)\b",
    re.I,
)
# What the learner builds or works on: "my side project is a recipe sharing site" is on topic
OWN_WORK = re.compile(
    r"\b(my|our)\s+([\w-]+\s+){0,2}(project|app|site|website|system|platform|service|capstone|"
    r"startup|product)\b|\b(i'?m|im|we'?re)\s+(building|making|working\s+on|designing)\b|"
    # "building a url shortener for a class project"
    r"^\W*(building|designing|making|creating|writing)\s+(a|an|the|my|our)\b|"
    r"\bfor\s+(a|my|our)\s+(class|school|uni|college|course|side|hackathon|capstone)\b",
    re.I,
)
