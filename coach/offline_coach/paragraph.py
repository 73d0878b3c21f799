"""Coaching a paragraph of the student's own essay, without a model. The coach will not write
the essay ("paste one paragraph and I'll coach you through making it stronger"); a pasted
paragraph was then critiqued as an answer about deadlines ("What's missing: the date"). What
a reader of scholarship essays looks for is read from the words: an opening inside a
moment, details only this writer could give, showing rather than telling, no stock phrases.
Pure functions: the same paragraph, the same advice."""

from __future__ import annotations

import re
from dataclasses import dataclass

from coach.text import key_phrase, words

# asking for a read of their writing: "can you look at my intro?", "thoughts on my essay"
# ... asked of the coach: "My counselor could read my draft" asks nothing of it
ASKS_FOR_A_READ = re.compile(
    r"(\b(can|could|would|will)\s+(you|u)\s+(please\s+|pls\s+)?|^\W*(please\s+|pls\s+)?|"
    r"\b(want|need)\s+(you\s+to|your)\s+)(look\s+at|read|check|review|give\s+(me\s+)?feedback\s+on|"
    r"feedback\s+on|thoughts\s+on|rate|critique|go\s+over)\b[^.!?]{0,30}\b(intro|introduction|"
    r"paragraph|essay|draft|opening|conclusion|ending|statement|story|first\s+line)\b|"
    r"\bwhat\s+do\s+you\s+think\s+(of|about)\s+(my|this|the)\s+(intro|introduction|paragraph|"
    r"essay|draft|opening|conclusion|ending)\b",
    re.I,
)
# the draft announced in the message itself: "here's my intro: When I was twelve…"
_LABELLED = re.compile(
    r"^\W*((ok(ay)?|so|here'?s|here\s+is|this\s+is)\s+)*(my\s+)?(intro|introduction|paragraph|"
    r"opening|draft|essay|conclusion|ending|first\s+paragraph)\s*(so\s+far)?\s*[:\-–—]",
    re.I,
)
_SENTENCE = re.compile(r"[^.!?]+[.!?]*")
_PLAN = re.compile(
    r"\b(i'?ll|i\s+will|i'?m\s+going\s+to|im\s+gonna|tonight|tomorrow|deadline|due)\b", re.I
)
_PAST = re.compile(
    r"\b\w+ed\b|\b(was|were|had|did|went|saw|took|got|made|felt|began|ran|lost|could|knew|"
    r"thought|told|said|came|left|became|kept|held|found|gave|brought|taught|grew|spent)\b",
    re.I,
)

_STOCK_OPENER = re.compile(
    r"^\W*(ever\s+since|since)\s+(i\s+was\s+(young|little|a\s+child|a\s+kid)|i\s+can\s+remember)|"
    r"^\W*(webster|the\s+dictionary|merriam)|^\W*[\"“]|^\W*(in\s+today'?s\s+(world|society)|"
    r"throughout\s+history|all\s+my\s+life|i\s+have\s+always\s+(been|wanted))",
    re.I,
)
_MOMENT = re.compile(
    r"^\W*(when\s+i\s+was|at\s+(age\s+)?\d|at\s+\d{1,2}(:\d\d)?\s*(a\.?m|p\.?m)|last\s+(summer|year|"
    r"spring|fall|winter|week)|on\s+(a|the|my)\s+\w+|the\s+(day|night|morning|first\s+time)|"
    r"it\s+was\s+(\d|a|the)|every\s+(morning|night|day|weekend|summer)|i\s+was\s+\w+ing)\b",
    re.I,
)
_TELLS = re.compile(
    r"\b(i\s+learned\s+(to|that|how)|(it|this|that)\s+taught\s+me|i\s+reali[sz]ed|made\s+me\s+"
    r"(a\s+)?(stronger|better|more)|shaped\s+(me|who\s+i\s+am)|i\s+became\s+(more|a))\b[^.!?]*",
    re.I,
)
_STOCK = re.compile(
    r"\b(passionate|hard\s+work\s+pays\s+off|make\s+a\s+difference|never\s+give\s+up|follow\s+my\s+"
    r"dreams?|comfort\s+zone|give\s+back\s+to\s+(my|the)\s+community|ever\s+since\s+i\s+was\s+"
    r"young|from\s+a\s+young\s+age|at\s+the\s+end\s+of\s+the\s+day|everything\s+happens\s+for\s+a\s+"
    r"reason)\b",
    re.I,
)
# a detail only this writer could give: a number, a name, a place
_DETAIL = re.compile(
    r"\b\d[\d,.]*\b|\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|twenty|thirty|forty|fifty|hundred)\b|"
    r"(?<![.!?:;]\s)(?<![“\"'‘(])(?<![.!?:;]\s[“\"'‘(])(?<!^)\b[A-Z][a-z]{2,}\b"
)
_NOT_NAMES = frozenset(
    """I I'm I'd I'll I've When The This That My And But So Now Then Ever Thanks Thank Hi
    Hello Dear Regards Best Sincerely""".split()
)


@dataclass(frozen=True)
class ParagraphNotes:
    """What works in the paragraph, the one change that would lift it most, and a question
    that sends the student back to their own words."""

    works: str
    change: str
    ask: str


# a line asking for the read, then the writing itself: "Here is my essay draft for the Hometown
# one, can you check it?" and the paragraphs below it (an audit's paste got the coach's answer
# on affording books, from "my family cant pay for it" in the essay)
_PASTE = re.compile(r"^(?P<lead>[^\n]{0,240}?)[ \t]*\n\s*(?P<body>\S[\s\S]*)$")
_NAMES_WRITING = re.compile(
    r"\b(essay|draft|intro|introduction|paragraphs?|opening|conclusion|ending|rewrite|"
    r"re-?wrote|new\s+version|personal\s+statement|statement)\b",
    re.I,
)


def pasted_draft(text: str) -> str | None:
    """The writing under a short line that says what it is ("ok here is the rewrite of my
    opening:"), or None when the message is not that."""
    found = _PASTE.match(text.strip())
    if found is None:
        return None
    lead, body = found["lead"], found["body"]
    if len(words(lead)) > 30 or not _NAMES_WRITING.search(lead):
        return None
    return body if 25 <= len(words(body)) <= 400 else None


def is_draft(text: str, before: str = "", *, revising: bool = False) -> bool:
    """A paragraph of the student's own writing, pasted to be read: after asking for a read,
    or labelled as one ("my intro: …"), or `revising` the one just read, or a first-person
    story in the past tense with no plan in it. Long enough to be a paragraph, short enough
    to be one."""
    n = len(words(text))
    if n < 25 or n > 400:
        return False
    if _LABELLED.match(text) or ASKS_FOR_A_READ.search(before):
        return True
    if revising and not _PLAN.search(text):
        return True
    sentences = [s for s in _SENTENCE.findall(text) if words(s)]
    mine = len(re.findall(r"\b(i|my|me)\b", text, re.I))
    return (
        len(sentences) >= 2
        and mine >= 3
        and len(_PAST.findall(text)) >= 3
        and not _PLAN.search(text)
        and not re.search(r"\?\s*$", text)
    )


# the rewritten part itself: after "I rewrote it:", or in quotes
_REWRITE = re.compile(r"[:\-–—]\s*(?P<after>.+)$|[“\"'‘](?P<quoted>[^”\"’]{20,})[”\"'’]", re.S)


_REWROTE = re.compile(
    r"\b(re-?wrote|rewritten|rewrite|changed|new\s+version|fixed|revised)\b", re.I
)


def rewritten_part(text: str) -> str | None:
    """The part the coach asked to have rewritten, pasted back on its own: "ok I rewrote it:
    'Now, when I walk into a clinic, I look for…'". Too short for a paragraph, it was read as
    an answer and scored 4/10 (an audit)."""
    found = _REWRITE.search(text)
    if found is None:
        return None
    part = (found.group("quoted") or found.group("after") or "").strip(" '\"“”‘’")
    n = len(words(part))
    said_so = _REWROTE.search(text[: found.start()]) is not None  # "I rewrote it: …"
    return part if 8 <= n <= (60 if said_so else 24) and not _PLAN.search(part) else None


def revision_verdict(part: str, asked: str) -> str:
    """The rewritten part read against the change that was asked for (`asked`)."""
    if (stock := _STOCK.search(part)) is not None:
        return f"Closer, but “{stock.group()}” is still a phrase every reader has seen."
    if (tells := _TELLS.search(part)) is not None:
        return f"Closer, but “{key_phrase(tells.group(), 10)}” still tells it: show one moment."
    if asked.startswith("add one detail") and not _details(part):
        return (
            "Closer: it's a moment now. One name, number or thing you heard would make it yours "
            "alone."
        )
    return "Better: that part shows it instead of telling it."


def _details(text: str) -> list[str]:
    text = re.sub(r"\b(Dr|Mr|Mrs|Ms|Mx|St|Prof)\.\s", r"\1 ", text)  # "Dr. Lee": a name
    found = []
    for m in _DETAIL.finditer(text):
        if m.group() in _NOT_NAMES:
            continue
        found.append(m.group())
    return found


def paragraph_notes(text: str) -> ParagraphNotes:
    """One strength and one change, in the order a reader meets them: the opening, the
    details, showing against telling, stock phrases, length."""
    draft = _LABELLED.sub("", text, count=1).strip()
    first = next((s.strip() for s in _SENTENCE.findall(draft) if words(s)), draft)
    details = _details(draft)
    tells = _TELLS.search(draft)
    stock = _STOCK.search(draft)
    n = len(words(draft))
    if _MOMENT.match(first) and not _STOCK_OPENER.match(first):
        works = (
            f"you open inside a moment (“{key_phrase(first, 10)}”), so a reader is there at once."
        )
    elif len(details) >= 2:
        works = f"details only you could write ({', '.join(details[:2])}): readers remember those."
    elif tells:
        works = "you say what it changed in you, which is what a committee reads for."
    else:
        works = "it's your own story in your own words, which no one else can send."
    if _STOCK_OPENER.match(first):
        change = (
            f"cut the opener “{key_phrase(first, 8)}”: it could start anyone's essay. Begin at a "
            "moment instead: a time, a place, something happening."
        )
    elif stock:
        change = (
            f"swap “{stock.group()}” for what you actually did: a phrase every reader has seen "
            "hides the part only you can tell."
        )
    elif len(details) < 2:
        change = (
            "add one detail only you could write: a name, a number, or something you heard or "
            "saw that day."
        )
    elif tells:
        change = (
            f"“{key_phrase(tells.group(), 10)}” tells it; show it instead with one moment where "
            "you did it: what you said, or what happened next."
        )
    elif n > 170:
        change = (
            f"at {n} words it's long for one paragraph: keep the moment and the one sentence "
            "about what it changed, and cut the rest to under 150."
        )
    else:
        change = (
            "end the paragraph on what you did next because of it, in one sentence, so it leads "
            "into the rest of the essay."
        )
    ask = "Rewrite just that part and paste it back: what did you change?"
    return ParagraphNotes(works=works, change=change, ask=ask)
