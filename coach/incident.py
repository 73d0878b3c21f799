"""A mishap happening now — "I just dropped the users table on prod", "prod is down after my
deploy", "I accidentally committed the API key" — is not an answer to coach or score: the
learner needs the first four steps of incident response, in order, before anything else.
An audit found the coach giving prevention advice and a red flag (1/10) to a student who had
just confessed one, which teaches them to hide the next.
"""

from __future__ import annotations

import re
from typing import Literal

IncidentKind = Literal["data", "history", "secret", "outage"]

_NOW = (
    r"(just|accidentally|by\s+accident|by\s+mistake|oops+|oh\s+no|omg|crap|shit|right\s+now|"
    r"i\s+think\s+i|i\s+may\s+have|i\s+might\s+have|i\s+(messed|screwed|fucked)\s+up|help)"
)
# a story told of the past is an answer ("once I dropped a table in prod, since then…")
_STORY = re.compile(
    r"\b(ago|last\s+(year|month|summer|job|internship)|once|back\s+when|when\s+i\s+was|"
    r"in\s+my\s+(last|first|old|previous)\s+job|at\s+my\s+(last|old|previous)|since\s+then|"
    r"learn(ed|t)|taught\s+me|would|if\s+i|what\s+if)\b",
    re.I,
)
_LIVE = (
    r"(prod|production|live|main|master|the\s+(database|db)|[\w.]+\s+table|customer\s+data|"
    r"user\s+data|the\s+server|the\s+cluster|the\s+bucket)"
)
_DATA = re.compile(
    r"\b(i|we)\s+([a-z']+\s+){0,3}?(dropped|deleted|wiped|truncated|overwrote|nuked|erased|"
    r"ran\s+(a\s+)?(drop|delete|truncate)|pushed\s+(a\s+)?(drop|delete|truncate))\b"
    r"[^.!?\n]{0,60}\b" + _LIVE + r"\b",
    re.I,
)
_HISTORY = re.compile(
    r"\b(i|we)\s+([a-z']+\s+){0,3}?(force[\s-]?pushed|rewrote\s+history|reset\s+--hard)"
    r"[^.!?\n]{0,60}\b(main|master|everyone'?s|the\s+team'?s|commits|the\s+branch|history)\b",
    re.I,
)
_SECRET = re.compile(
    r"\b(i|we)\s+([a-z']+\s+){0,3}?(committed|pushed|posted|leaked|pasted|shared|uploaded)"
    r"[^.!?\n]{0,40}\b(api[\s_-]?key|secret|password|token|credential|\.env|private\s+key|"
    r"aws\s+keys?)",
    re.I,
)
_OUTAGE = re.compile(
    r"\b(prod|production|the\s+(site|app|website|api|server|service|build)|our\s+(site|app|"
    r"website|api|service)|main|everything)\s+(is|went|has\s+gone|'s)\s+(down|broken|red|"
    r"on\s+fire|crashing|throwing\s+500s?)\b"
    r"|\b(i|we)\s+([a-z']+\s+){0,3}?(broke|took\s+down|brought\s+down|crashed)\s+"
    r"(prod|production|the\s+(site|app|website|api|build|server)|main|everything)\b",
    re.I,
)
_NOW_RE = re.compile(r"\b" + _NOW + r"\b", re.I)
_AFTER_MINE = re.compile(r"\bafter\s+(my|i|our|we)\b|\bright\s+now\b|\bwhat\s+do\s+i\s+do\b", re.I)


def incident_kind(text: str) -> IncidentKind | None:
    """The kind of incident the learner reports as happening now, or None: a story of one
    long ago, or a question of what one would do, is coached as usual."""
    if _STORY.search(text):
        return None
    if _SECRET.search(text) and _NOW_RE.search(text):
        return "secret"
    if _HISTORY.search(text):
        return "history"
    if _DATA.search(text) and (_NOW_RE.search(text) or _AFTER_MINE.search(text)):
        return "data"
    if _OUTAGE.search(text) and (_NOW_RE.search(text) or _AFTER_MINE.search(text)):
        return "outage"
    return None


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
    r"to\s+normal)|sorted|all\s+good|ok(ay)?\s+now|fine\s+now|working\s+again)\b",
    re.I,
)
_NOT_YET = re.compile(r"\b(not|isn'?t|hasn'?t|haven'?t|wasn'?t|still|yet|no\s+one|nobody)\b", re.I)


def incident_handled(text: str) -> bool:
    """Whether the learner says the incident they reported is over ("my lead restored it")."""
    return bool(_HANDLED.search(text)) and not _NOT_YET.search(text)


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
    return question.startswith((_FIRST, STILL_GOING, WAITING))
