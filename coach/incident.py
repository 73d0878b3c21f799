"""A mishap happening now — "I just dropped the users table on prod", "prod is down after my
deploy", "I accidentally committed the API key" — is not an answer to coach or score: the
learner needs the first four steps of incident response, in order, before anything else.
An audit found the coach giving prevention advice and a red flag (1/10) to a student who had
just confessed one, which teaches them to hide the next.
"""

from __future__ import annotations

import re
from typing import Literal

IncidentKind = Literal["data", "history", "secret", "leak", "blast", "outage"]

_NOW = (
    r"(just|accidentally|accidently|by\s+accident|by\s+mistake|oops+|oh\s+no|omg|crap|shit|"
    r"right\s+now|rn|i\s+think\s+i|i\s+may\s+have|i\s+might\s+have|"
    r"i\s+(messed|screwed|fucked)\s+up|help|what\s+do\s+i\s+do|what\s+now|it'?s\s+live|"
    r"lol|lmao|rip|yikes|uh\s+oh|ugh|whoops|welp|on\s+the\s+wrong|"
    r"(i|we)\s+(just\s+)?(broke|took\s+down|brought\s+down|crashed))"
)
# a story told of the past, a habit, or a question of what one would do is an answer
_STORY = re.compile(
    r"\b((days|weeks|months|years)\s+(ago|back)|yesterday|last\s+(week|year|month|summer|"
    r"semester|job|internship|time)|once|back\s+when|when\s+i\s+was|"
    r"in\s+my\s+(last|first|old|previous)\s+job|at\s+my\s+(last|old|previous)|since\s+then|"
    r"learn(ed|t)|taught\s+me|would|what\s+if|if\s+(i|we|you|prod|production|the|a|an|it|"
    r"something|someone|our|my)|suppose|imagine|post-?mortem|retro|all\s+the\s+time|always|"
    r"usually|hobby|side\s+project|personal\s+project|how\s+(do|should|would|can)\s+"
    r"(teams|you|people|we|i)\s+(prevent|avoid|stop|handle))\b",
    re.I,
)
# not production: a local database, a staging table, a laptop setup
_NOT_LIVE = re.compile(
    r"\b(local|locally|localhost|laptop|my\s+machine|setup|staging|sandbox|dev\s+(db|database|"
    r"env|environment|server)|test\s+(db|database|table|env)|temp|tmp|scratch|unused|old\s+"
    r"(table|branch|bucket))\b",
    re.I,
)
_LIVE = (
    r"(prod|production|live|main|master|(the|our)\s+(database|db)|[\w.]+\s+table|"
    r"(customer|user|client)\s+data|the\s+server|the\s+cluster|([\w-]+\s+)?bucket|"
    r"uploads?|the\s+wrong\s+(db|database|server|environment))"
)
_DATA = re.compile(
    r"(\b(i|we)\s+([a-z']+\s+){0,3}?|^\s*|[.!?;,]\s*)(dropped|deleted|wiped|truncated|"
    r"overwrote|nuked|erased|"
    r"removed|rm\s+-rf'?d?|ran\s+(a\s+|the\s+)?(drop|delete|truncate|migrations?|rm)|"
    r"pushed\s+(a\s+)?(drop|delete|truncate))"
    r"[^.!?\n]{0,60}\b" + _LIVE + r"\b"
    r"|\bdelete\s+from\s+\w+\s+without\s+a\s+where\b",
    re.I,
)
_HISTORY = re.compile(
    r"\b(force[\s-]?pushed|rewrote\s+history|reset\s+--hard|push(ed)?\s+(-f|--force)\b)"
    r"[^.!?\n]{0,60}\b(main|master|everyone'?s|the\s+team'?s|commits|the\s+branch|history|"
    r"origin)\b",
    re.I,
)
_SECRET = re.compile(
    r"\b(i|we)\s+([a-z']+\s+){0,3}?(committed|commited|comitted|checked\s+in|pushed|posted|"
    r"leaked|pasted|shared|uploaded|exposed)"
    r"[^.!?\n]{0,40}(api[\s_-]?key|secret|password|token|credential|\.env\b|private\s+key|"
    r"aws\s+keys?)",
    re.I,
)
_LEAK = re.compile(
    r"\b(posted|shared|sent|leaked|exposed|emailed|forwarded|screenshot)"
    r"[^.!?\n]{0,80}\b(customer|user|client|patient|student)'?s?\s+([\w-]+\s+){0,2}?(data|"
    r"address|addresses|card|email|emails|phone|details|info|records|ssn|pii)",
    re.I,
)
_BLAST = re.compile(
    r"\b(emailed|sent|messaged|texted|notified|pushed\s+a\s+notification\s+to)\s+"
    r"(all|every|the\s+whole|thousands|\d[\d,.]*k?)\b[^.!?\n]{0,40}\b(customers|users|clients|"
    r"subscribers|list|members)\b",
    re.I,
)
_SURFACE = (
    r"(?:(?:the|our|my)\s+)?(site|app|website|api|server|service|build|checkout|pipeline|ci|"
    r"payments?|login|prod|production|main|everything|deploy)"
)
_OUTAGE = re.compile(
    r"\b" + _SURFACE + r"\s+(is|are|went|has\s+gone|'s|keeps)\s+(down|broken|red|"
    r"on\s+fire|crashing|failing|throwing\s+500s?)\b"
    r"|\b(i|we)\s+([a-z']+\s+){0,3}?(broke|took\s+down|brought\s+down|crashed)\s+"
    + _SURFACE
    + r"\b|\bbroken\s+for\s+(everyone|all|every|users|customers)\b"
    r"|\b(charg\w+|billing|bills?)\b[^.!?\n]{0,40}\b(twice|double|wrong\s+amount)\b",
    re.I,
)
_NOW_RE = re.compile(r"\b" + _NOW + r"(?![\w'])", re.I)
_AFTER_MINE = re.compile(
    r"\b(right\s+)?(after|since)\s+(my|i|our|we)\b|\bright\s+now\b|\bwhat\s+do\s+i\s+do\b",
    re.I,
)


def incident_kind(text: str) -> IncidentKind | None:
    """The kind of incident the learner reports as happening now, or None: a story of one
    long ago, a habit, a question of what one would do, or a mishap off production is
    coached as usual."""
    if _STORY.search(text) or _NOT_LIVE.search(text):
        return None
    now = bool(_NOW_RE.search(text) or _AFTER_MINE.search(text))
    if _SECRET.search(text) and now:
        return "secret"
    if _HISTORY.search(text):
        return "history"
    if _LEAK.search(text) and now:
        return "leak"
    if _DATA.search(text) and now:
        return "data"
    if _BLAST.search(text) and now:
        return "blast"
    if (outage := _OUTAGE.search(text)) and now:
        said = text[max(0, outage.start() - 20) : outage.end()]
        return (
            None
            if outage.group(0).lower().startswith(_BILLS) and _TO_A_CUSTOMER.search(said)
            else "outage"
        )
    return None


# said to a customer, not of a system: "I'm sorry you got charged twice, let me look at your
# account right now" is the service line a communication role-play asks for (an audit)
_TO_A_CUSTOMER = re.compile(r"\b(you|your|you'?re|u)\b", re.I)
_BILLS = ("charg", "billing", "bill")


_FIRST = "That's an incident, and it's happening now, so practice waits. In this order:"
_LAST = (
    "Most engineers do this once; what people remember is how fast you raised it. Tell me "
    "when it's handled, and we'll work out together what would have caught it."
)
STEPS: dict[IncidentKind, str] = {
    "data": (
        "1) Stop: run nothing else to fix it on your own. 2) Tell your lead or whoever is on "
        "call right now, in one message: what you ran, where, and when. 3) Ask for the latest "
        "backup or a point-in-time restore; whoever owns the database restores it with you. "
        "4) Write down the exact commands and times while they're fresh."
    ),
    "history": (
        "1) Don't push again, and ask the team not to pull or build on that branch. 2) Tell "
        "your lead or the team channel now. 3) The commits aren't gone: they're in your "
        "reflog and in every clone pulled before the push; restore the branch from one of "
        "them with your lead. 4) Write down what you ran while it's fresh."
    ),
    "secret": (
        "1) Revoke or rotate the key now: deleting the commit or the post isn't enough, it "
        "may already be copied. 2) Tell your lead or your security contact. 3) Check the "
        "key's logs for use since it leaked. 4) Then remove it from history with them, and "
        "put it in the secret store."
    ),
    "leak": (
        "1) Take it down now if you can: delete the post, recall the message. 2) Tell your "
        "lead and whoever handles privacy or security now; a leak of someone's data may have "
        "to be reported. 3) Don't contact the person yourself until they say how. 4) Write "
        "down what was shared, where, and when."
    ),
    "blast": (
        "1) Stop the send if it's still going: pause the campaign or the job. 2) Tell your "
        "lead and whoever owns customer messages now. 3) Don't send a correction on your own: "
        "agree with them whether one goes out, and what it says. 4) Write down what went out, "
        "to whom, and when."
    ),
    "outage": (
        "1) Roll back first, debug after: revert your change or redeploy the last good "
        "version, with your lead. 2) Tell the team or whoever is on call now: what changed, "
        "when, and what users see. 3) Watch it recover before you look for the cause. "
        "4) Write down the timeline while it's fresh."
    ),
}


def incident_steps(kind: IncidentKind) -> str:
    return f"{_FIRST} {STEPS[kind]} {_LAST}"


_HANDLED = re.compile(
    r"\b(fixed|handled|resolved|restored|recovered|rolled\s+back|reverted|back\s+(up|online|"
    r"to\s+normal)|it'?s\s+back|(is|are|it'?s)\s+up\s+again|sorted|all\s+good|we'?re\s+good|"
    r"ok(ay)?\s+now|fine\s+now|working\s+again|took\s+care\s+of\s+it|crisis\s+over|"
    r"no\s+longer\s+(broken|down)|rollback\s+done|done|nvm|never\s?mind|jk|false\s+alarm|"
    r"(was|it'?s)\s+(only\s+)?staging|not\s+(prod|production)\s+after\s+all)\b",
    re.I,
)
_NOT_YET = re.compile(
    r"\b(not|isn'?t|hasn'?t|haven'?t|wasn'?t)\s+(yet\s+)?(fixed|back|restored|resolved|"
    r"working|sorted|done|handled|up)\b|\bstill\s+(down|broken|not|failing|red|waiting)\b|"
    r"\b(no\s+one|nobody)\s+(is\s+)?(answering|responding|around)\b",
    re.I,
)
# "can we just continue?", "let's get back to onboarding"
_MOVE_ON = re.compile(
    r"\b(continue|carry\s+on|move\s+on|get\s+back\s+to|go\s+back\s+to|back\s+to\s+(the\s+)?"
    r"(practice|session|onboarding|coaching|it)|anyway)\b",
    re.I,
)
# "what should I write in the message to my lead?"
_TO_LEAD = re.compile(
    r"\b(write|say|tell|message|text|slack|email)\b[^.!?]{0,40}\b(lead|boss|manager|team|"
    r"on-?call|channel|senior)\b",
    re.I,
)


def incident_handled(text: str) -> bool:
    """Whether the learner says the incident they reported is over ("my lead restored it",
    "nvm it was staging")."""
    return bool(_HANDLED.search(text)) and not _NOT_YET.search(text)


def wants_to_move_on(text: str) -> bool:
    return bool(_MOVE_ON.search(text))


def asks_what_to_tell(text: str) -> bool:
    return bool(_TO_LEAD.search(text))


LEAD_MESSAGE = (
    'Three lines, sent now: what happened ("I ran X on production at 14:05"), what you see '
    '("the orders table is gone, the app errors on checkout"), and what you\'ve done since '
    '("nothing else; I\'ve stopped"). No apology paragraph yet: that comes after. Tell me '
    "when it's handled."
)
HANDLED_REPLY = (
    "Good, I'm glad it's handled, and raising it fast was the right call. While it's fresh: "
    "what one check would have caught it before it ran — a review, a run on staging, a "
    "backup, or a permission you didn't need?"
)
STILL_GOING = (
    "Keep to the list. If your lead doesn't answer within a few minutes, go to the on-call "
    "channel or the next person up, and say what you ran and when. Don't try to fix it alone "
    "in the meantime."
)

WAITING = "Follow your lead on it, and tell me when it's handled."


def follows_incident(question: str) -> bool:
    """Whether the coach's last message was about an open incident: the scorer does not
    score "my lead restored it" against incident steps."""
    return question.startswith((_FIRST, STILL_GOING, WAITING, LEAD_MESSAGE))
