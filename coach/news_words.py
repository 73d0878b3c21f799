"""How a learner says an application or a deal moved: a setback, a win, a submission, or good
news that records nothing (a recommender's yes, an extension). The offline coach answers
these as news, and coach/news.py reads them as the status a student confirms. Also whether a
message names some scholarship at all, or counts rejections rather than reporting one: then
it is not about the one application waiting on its result."""

from __future__ import annotations

import re

# After a prize's name, a thing that belongs to it, not the prize itself: "my Cal Grant essay
# file", "the contract draft", "my award letter" (coach/news.py reads news with it too).
NOT_THE_PRIZE = (
    r"(?!\s+(essays?|files?|drafts?|applications?|forms?|letters?|logins?|passwords?|paperwork|"
    r"notes?|documents?|emails?|links?|info|information|details|portal|account|money|check|"
    r"cheque|transcripts?|recommendations?|list|number|data))"
)
_PRIZE = (
    r"(deal|account|client|customer|bid|contract|job|offer|role|scholarship|award|grant)\b"
    + NOT_THE_PRIZE
)
# the result told after "heard back": "I heard back, rejected", "heard back from Dell, they
# said no" (an audit's, critiqued and scored 2/10 as an answer), or the word alone
HEARD_NO = (
    r"\bheard\s+back\b[^.!?]{0,40}?[\s,:;-]+(rejected|denied|declined|not\s+selected|a\s+no|"
    r"(it'?s|its|it\s+was)\s+a\s+no|they\s+(just\s+)?said\s+no|no\s+luck|"
    r"(i\s+)?didn'?t\s+get\s+(it|in))\b"
    r"|^\W*((yeah|yes|sadly|unfortunately|nope|no)\W+)*(rejected|denied|not\s+selected)\W*$"
)
SETBACK = re.compile(
    r"\b(i|we)\s+(was|were|got|have been|'ve been|just got|just been)\s+(rejected|turned down|"
    r"declined|denied|passed over)\b|\brejected (me|us|my|our)\b|\bgot a (rejection|no)\b|"
    rf"\b(i|we)\s+(just\s+)?(lost|didn't win|did not win|didn't get|did not get)\s+(it\b|"
    rf"(the|that|this|my|our)\s+(\w+\s+)?{_PRIZE})|\bnot selected\b|\bdidn't make it\b|"
    r"\b(design|proposal|pr|adr)\b[^.?!]{0,15}\b(was|got)\s+(rejected|shot down|turned down)"
    # "yes they said no", to "have you heard back from River City Award?": as "they said yes"
    r"\b|\bescalated to my manager\b"
    r"|^\W*((yes|yeah|yep|yup)\W+)?they\s+(just\s+)?said\s+no\W*$|" + HEARD_NO,
    re.I,
)
WIN = re.compile(
    # "i think i got it" is understanding, not a win
    r"(?<!think )(?<!guess )(?<!hope )\b(i|we)\s+(just\s+)?(won(?!['’]t)|got it(?=\s*([.!]|$))|"
    r"got the (job|offer|role|scholarship|award|grant|deal|extension|raise|refund|day off|"
    r"days off|time off)|closed (it|the deal)|landed (it|the deal|the job))\b|\bwon the (deal|"
    r"scholarship|award|grant|account)\b|\b(i was|i've been|i have been|i got|we got)\s+"
    r"(awarded|selected|hired)\b|\bthey (just )?said yes\b|\bthey (just |finally )?signed"
    r"( it| the (contract|deal|order|po|agreement))?(?=\s*([.!,]|$|today\b|this (morning|"
    r"afternoon|week)\b|yesterday\b))|\b(design|proposal|adr)\b"
    r"[^.?!]{0,15}\b(was|got)\s+approved\b|\bcustomer thanked me\b",
    re.I,
)
_UNDERSTOOD = re.compile(r"\W*(ok(ay)?|oh|ah|right|yeah|alright|kk?)\b", re.I)


def understood(sentence: str, matched: str) -> bool:
    """ "Ok I got it." is understanding, "I got it!!" news: an audit's architecture coach
    congratulated "ok I got it" on an approved design."""
    return matched.lower().endswith("got it") and (
        "!" not in sentence or _UNDERSTOOD.match(sentence) is not None
    )


# good news that records nothing: "she said yes to the rec", "I got the extension"
GOOD = re.compile(
    r"\b(?!(i|we|you|u)\b)(s?he|they|\w+)\s+(just\s+)?(said yes|agreed|is writing|will write)\b|"
    r"\b(said|says)\s+(she|he|they)('d|'ll|\s+would|\s+will)\s+(be\s+happy\s+to\s+)?write\b|"
    r"\b(happy|glad|willing)\s+to\s+write\s+(me\s+)?(a|the|my)\s+(letter|rec)|"
    r"\b(got|get|gave\s+(me|us)|granted|approved)\b[^.!?]{0,20}\bextension\b|"
    r"\bextension\b[^.!?]{0,25}\b(approved|granted|went through)\b|"
    r"\bsaid\s+i\s+can\s+(turn|hand|send|submit)\s+it\s+in\s+late\b",
    re.I,
)
DONE = re.compile(
    r"\b(i|we)\s+(just\s+|finally\s+)?(submitted(?!\s+(nothing|anything|none))|"
    r"sent (it|in|off|the proposal)|handed (it\s+)?in|"
    r"turned (it\s+)?in|(shipped|merged)(?=\s+(it|my|the|our|a|that|this)\s+(first\s+|small\s+|"
    r"tiny\s+)?(pr|pull request|fix|change|ticket|feature|task|bug\s*fix)\b|(\s+it)?\s*[.!]*$))\b",
    re.I,
)


# A scholarship named that is neither tracked nor in the catalog: "rejected from the River
# City Award", "i won the Rotary one". A word before the kind that is not a mere pointer.
_NAMED_KIND = re.compile(
    r"\b([\w'&.-]+)\s+(scholarships?|scholars|awards?|grants?|funds?|prizes?|programs?|"
    r"programmes?|foundations?|bursar(y|ies)|fellowships?|one)\b",
    re.I,
)
_POINTERS = frozenset(
    """the a an my that this it its your their our his her any one big other first last
    same whole entire full""".split()
)
_FROM_A_NAME = re.compile(r"\b(from|for|at|by|with)\s+(the\s+)?[A-Z][\w'&-]*[a-z]")

# rejections counted, not one reported: "i got rejected twice already and i feel like giving
# up" asked a re-audit's student to mark Regeneron lost
MANY = re.compile(
    r"\b(twice|again|every\s*(one|time|thing)|all\s+of\s+them|so\s+many|"
    r"(\d+|two|three|four|five|six|seven|eight|nine|ten)\s+(times|scholarships|applications|"
    r"rejections|of\s+them))\b",
    re.I,
)


def names_one(text: str) -> bool:
    """Whether the message names some scholarship, known or not: then "i won" is about that
    one, never the one application waiting on its result (an audit's "rejected from the River
    City Award" asked to mark Regeneron lost)."""
    if any(m.group(1).lower() not in _POINTERS for m in _NAMED_KIND.finditer(text)):
        return True
    return _FROM_A_NAME.search(text) is not None


# "…sent it" ends there or says when ("I sent it today!"), not "sent them an email"
SENT_END = (
    r"(\s+(in|off))?(?=\s*(today|yesterday|tonight|last\s+night|this\s+morning|already|just\s+now"
    r"|$|[.!,;]))"
)
NOT_TO_A_READER = (
    r"(?![^.!?]{0,40}\b(to|for)\s+(my|mr|ms|mrs|dr|her|him|a\s+(friend|teacher|read)|review|"
    r"feedback)\b)"
)


# A submission taken back: "i only saved it as a draft, i didnt hit submit", "i didn't
# actually submit the gates one", "it's not submitted yet", "can you undo that" (an audit's
# student said so right after confirming, and the plan kept it as sent, 4 days before it
# closed)
UNSENT = re.compile(
    r"\b(i|we)\s+(didn'?t|didnt|did\s+not|haven'?t|havent|have\s+not|never)\s+(actually\s+|"
    r"really\s+|even\s+|yet\s+)?(submit(ted)?|sen[dt]|hit\s+submit|turn(ed)?\s+(it\s+)?in|"
    r"hand(ed)?\s+(it\s+)?in)\b"
    r"|\b(isn'?t|is\s+not|wasn'?t|was\s+not|it'?s\s+not|its\s+not)\s+(actually\s+|really\s+)?"
    r"(submitted|sent(\s+in)?)\b"
    r"|\b(only|just)\s+saved\s+(it|the\s+draft)\b|\bundo\s+(that|it|the\s+submi\w*)\b",
    re.I,
)
# the answer to "Mark … as submitted?" typed as a sentence: "wait actually no i didnt yet,
# my counselor still has to send the nomination"
_TAKEN_BACK = re.compile(
    r"^\W*((oh|wait|um+|hmm+|sorry|oops|actually|ok(ay)?|so|well)\b[\s,.!]*)*"
    r"(no|nope|nah|not\s+yet)\b(?!\s+(worries|problem|prob|way|idea|clue|matter|doubt))"
    r"|\b(i|we)\s+(didn'?t|didnt|did\s+not|haven'?t|havent)\s+"
    r"(actually\s+|really\s+)?(do\s+it\s+)?yet\b",
    re.I,
)


def takes_back(text: str) -> bool:
    """A "no" to the chat's pending question, said in a sentence: the proposal is withdrawn,
    not left open on the Game plan for a Yes the student just said was untrue."""
    return bool(_TAKEN_BACK.search(text) or UNSENT.search(text))
