"""Whom the learner faces, in their own words: the person they name ("my roommate", "a gym
member", "my math professor") and whether they are a peer or someone above them, the buyer
they sell to ("the buyer at one of the dental clinics you sell to"), and whom they cast the
coach as ("you be my landlord"). The offline coach plays these people in its role-plays; a
stock "Maria, whose refund is late" is no rehearsal for a talk with a landlord."""

from __future__ import annotations

import re
from itertools import takewhile

_WORD = re.compile(r"[a-z']+")

# Whom the learner is dealing with, in their words: "my group-project partner", "my roommate".
_COUNTERPART = re.compile(
    r"\b(?:my|our)\s+((?:[a-z][a-z-]*\s+){0,2}?)(partner|classmate|room\s?mate|roomate|"
    r"housemate|flatmate|team\s?mate|co-?worker|colleague|manager|boss|supervisor|lead|"
    r"professor|prof|teacher|instructor|tutor|ta|advisor|adviser|coach|landlord|landlady|"
    r"principal|dean|friend|bestie|sister|brother|sibling|cousin|mom|mum|dad|mother|father|"
    r"parents|aunt|uncle|neighbou?r|girlfriend|boyfriend|gf|bf|husband|wife|employee|intern|"
    r"customer|client)s?\b",
    re.I,
)
# ... or without "my": "i snapped at a coworker", "one of my teammates" (the coach played "the
# customer" to it)
_A_PEER = re.compile(
    r"\b(?:a|an|one\s+of\s+my|one\s+of\s+our)\s+((?:[a-z][a-z-]*\s+){0,1}?)(co-?worker|colleague|"
    r"classmate|team\s?mate|room\s?mate|housemate|flatmate|friend)s?\b",
    re.I,
)
_NOT_PEERS = frozenset({"customer", "client"})
# Whom the learner reports to: asking them is its own rehearsal, not a peer's or a customer's
_ABOVE = frozenset(
    """manager boss supervisor lead professor prof teacher instructor tutor ta advisor adviser
    coach landlord landlady principal dean""".split()
)


def above_you(who: str) -> bool:
    """Whether "your manager" is someone the learner answers to (manager, professor…)."""
    return who.rsplit(" ", 1)[-1] in _ABOVE


# Someone the learner serves, named without "my": "a gym member", "this angry patient"
_SERVED = re.compile(
    r"\b(?:a|an|the|this|that|one|some)\s+((?:[a-z][a-z-]*\s+){0,3}?)(customer|client|member|"
    r"guest|patient|caller|passenger|shopper|visitor|tenant|parent)s?\b(?!\s+of\s+"
    r"(?:staff|the team|my team|our team)\b|[\s-]+(?:service|services|support|desk|care|"
    r"portal|base|list|success|experience|data|team|facing)\b)",
    re.I,
)
# Words before the noun that say how they behaved or which one, not who they are
_NOT_WHO = frozenset(
    """angry upset rude irate difficult frustrated mad annoyed unhappy furious yelling
    screaming shouting older old elderly young new same other certain particular really very
    super lot bunch couple few of and or to with for at in on who that about is was a an the
    this my our your his her their""".split()
)


# A word between "this" and "customers" that says they are not one phrase: "is this for work
# customers only?" named no "work customer" (an audit's coach played one to a roommate story)
_BREAKS = frozenset("for to with at in on of about from is was are were".split())


def _served(text: str) -> re.Match[str] | None:
    """_SERVED's first match whose words make one phrase; a later one may start inside a
    broken one ("one of the patients" is "the patients")."""
    at = 0
    while (found := _SERVED.search(text, at)) is not None:
        if not _BREAKS.intersection(found.group(1).lower().split()):
            return found
        at = found.start() + 1
    return None


# "she's not a customer, she's my roommate": whom the coach had wrong, said not to be them
_NOT_THEM = re.compile(
    r"\b(not|isn'?t|wasn'?t|aren'?t|never\s+said)\s+(a|an|the|my|our|any)\s+[a-z-]+(\s+[a-z-]+)?"
    r"(?=\s*[,;.!]|\s+(but|she|he|they|it|its|it's|this|that)\b)",
    re.I,
)


def corrected(text: str) -> tuple[str, bool] | None:
    """The person named instead of the one the learner says it isn't ("not a customer, my
    roommate"), or None when the message corrects no one."""
    wrong = _NOT_THEM.search(text)
    if wrong is None or counterpart(wrong.group(0)) is None:  # "not a big fan." names no one
        return None
    return counterpart(_NOT_THEM.sub(" ", text))


def counterpart(text: str) -> tuple[str, bool] | None:
    """("your roommate", True): the person the learner names as theirs, and whether they are
    a peer (anyone but someone they serve), or None when they name no one. "A gym member who
    yelled" is someone served: the coach plays the gym member, not a stock customer. The one
    named first is the one the story is about ("a customer yelled; should I tell my boss?")."""
    mine, some = _COUNTERPART.search(text), _A_PEER.search(text)
    found = min((f for f in (mine, some) if f is not None), key=lambda f: f.start(), default=None)
    served = _served(text)
    if found is not None and (served is None or found.start() < served.start()):
        before = [w for w in found.group(1).lower().split() if w not in _NOT_WHO]
        noun = re.sub(r"\s+", "", found.group(2).lower()).replace("roomate", "roommate")
        noun = {"prof": "professor", "gf": "girlfriend", "bf": "boyfriend", "ta": "TA"}.get(
            noun, noun
        )
        return " ".join(["your", *before, noun]), noun not in _NOT_PEERS
    if served is None:
        return None
    before = served.group(1).lower().split()
    while before and before[0] in _NOT_WHO:
        before.pop(0)
    if any(w in _NOT_WHO for w in before):
        before = before[max(i for i, w in enumerate(before) if w in _NOT_WHO) + 1 :]
    return " ".join(["the", *before, served.group(2).lower()]), False


# Whom the learner sells to, in their words: "I'm selling a booking app to dental clinics".
_SELLS_TO = re.compile(
    r"\b(?:sell|sells|selling|pitch|pitches|pitching)\b[^.!?;\n]{0,60}?\bto\s+"
    r"((?:(?:a|an|the)\s+)?[a-z0-9][\w&'-]*(?:\s+[a-z0-9][\w&'-]*){0,5})",
    re.I,
)
# "my prospect is the CFO of a clinic chain", "the head of people at a startup is my prospect"
_NP = r"((?:(?:a|an|the)\s+)?[a-z0-9][\w&'-]*(?:\s+[a-z0-9][\w&'-]*){0,5}?)"
_MY_PROSPECT = re.compile(
    r"\b(?:my|the|our)\s+(?:prospect|buyer|lead|contact)\s+is\s+" + _NP + r"(?=[.!?,;\n]|$)", re.I
)
# "a demo with a gym chain next week", "im pitching a dental clinic", "a call with the bakery",
# "a call tomorrow with a bakery owner"
_MEETS_WITH = re.compile(
    r"\b(?:pitch(?:ing|es)?|demo(?:ing|s)?|meeting|call)\s+"
    # "my call from yesterday with the ops director…" (an audit's role-play played a stock VP)
    r"(?:(?:from\s+)?(?:tomorrow|today|tonight|yesterday|later|soon|earlier|this\s+morning|"
    r"last\s+week|next\s+week|this\s+week|on\s+\w+day|\w+day)\s+)?"
    r"(?:with\s+|for\s+)?"
    r"((?:a|an|the)\s+(?!(?:team|manager|boss|coworkers?|colleagues?|class|group|professor|"
    r"teacher|coach|interviewer|recruiter)\b)[a-z0-9][\w&'-]*(?:\s+[a-z0-9][\w&'-]*){0,5})",
    re.I,
)
_IS_MY_PROSPECT = re.compile(
    r"\b((?:a|an|the)\s+[\w&'-]+(?:\s+[\w&'-]+){0,5}?)\s+is\s+my\s+(?:prospect|buyer|lead)\b", re.I
)
_BUYER_STOP = frozenset(
    """and or but for who that which because so with next this in at on by from when while
    if as about after before since then today tomorrow tonight yesterday monday tuesday
    wednesday thursday friday saturday sunday went was were is are said asked told seemed
    ok okay well badly great did didn't had has wants wanted""".split()
)
_NOT_A_BUYER = frozenset(
    """me us you him her them it people someone somebody anyone anybody everyone everybody
    students friends family customers clients buyers prospects folks others whoever
    whomever""".split()
)
# A person, not an organisation: the prospect is one of them, not "the buyer at" them
_TITLES = frozenset(
    """vp cfo ceo cto coo cmo founder cofounder co-founder owner owners manager director head
    president principal superintendent administrator buyer dean chair partner""".split()
)
_PEOPLE = frozenset(
    """homeowner homeowners family families investor investors parent parents guy guys person
    landlord landlords teacher teachers doctor doctors dentist dentists nurse nurses student
    students couple couples retiree retirees renter renters tenant tenants coach coaches
    athlete athletes moms dads mom dad neighbor neighbors neighbour neighbours""".split()
)
_NOT_AN_ORG_START = frozenset(
    """get make help pay hit reach find grow win close land earn keep build meet start buy
    raise fund save cover learn practice practise improve try see do be have go""".split()
)


# a person's first and last name, capitalised ("Priya Nair"), not a sentence's first words
_NAME = (
    r"((?:(?:Dr|Mr|Mrs|Ms|Prof)\.?\s+[A-Z][a-z'’-]+)|"
    r"(?!(?:The|My|Our|Their|His|Her|Your|This|That|A|An|I|We|St)\b)"
    r"[A-Z][a-z]+(?:\s+[A-Z][a-z'’-]+))"
)
_TITLE_WORDS = (
    r"(?i:vp|cfo|ceo|cto|coo|cmo|cio|founder|co-?founder|owner|manager|director|head|president|"
    r"principal|buyer|dean|partner|champion|lead|superintendent|administrator|chair)"
)
_NAMED_BUYER = (
    # "Priya Nair, the IT director at St. Luke's"; "Rachel Kim (VP Ops)"
    re.compile(
        _NAME
        + r"\s*(?:,|\(|-|–|—)\s*(?i:the\s+|an?\s+|our\s+|their\s+)?(?:[\w&.-]+\s+){0,2}?"
        + _TITLE_WORDS
        + r"\b"
    ),
    # "the CFO, Tom Becker, signs"; "their VP Finance, Maria Lopez"; "the superintendent Dr. Greene"
    re.compile(
        r"\b"
        + _TITLE_WORDS
        + r"(?:\s+of\s+[\w&.-]+|\s+[A-Z][\w&.-]*)?\s*,?\s+(?:is\s+)?"
        + _NAME
        + r"\b"
    ),
    # "my prospect is Priya Nair"; "the managing partner is called Linda Chu"
    re.compile(r"\b(?i:prospect|buyer|contact|champion)\s+is\s+" + _NAME + r"\b"),
    re.compile(r"\b(?i:is\s+called|is\s+named|named)\s+" + _NAME + r"\b"),
    # a call pasted as lines, the other side's by name: "Me: …  Raj: We already use Oracle."
    re.compile(
        r"(?:^|[.!?]\s+|\n\s*)(?!(?:Me|I|Us|We|You|Rep|Seller|Prospect|Customer|Client|Buyer|"
        r"Note|Notes|Subject|Re|Q|A)\b)([A-Z][a-z]+):\s+\S"
    ),
)
_PERSON_WITH_TITLE = re.compile(
    r"\s*(?:,|\(|-|–|—)\s*(?i:the\s+|an?\s+|our\s+|their\s+|my\s+)?(?:[\w&.-]+\s+){0,2}?"
    + _TITLE_WORDS
    + r"\b"
)
# the learner's own side: "my sales manager, Dana Ortiz" is not whom they sell to
_OWN_SIDE = re.compile(r"\b(?:my|our)\s+(?:[\w-]+\s+)?$", re.I)


def buyer_name(text: str) -> str | None:
    """The name of the person the learner sells to, when they give it: the sales coach plays
    them by that name rather than by its own ("I'll play Tom Becker, the CFO…")."""
    for pattern in _NAMED_BUYER:
        for found in pattern.finditer(text):
            name = next(g for g in found.groups() if g)
            if _OWN_SIDE.search(text[max(0, found.start() - 20) : found.start()]):
                continue
            if name.split()[0].lower() not in _TITLES and name.split()[0].lower() != "st":
                return name
    return None


def buyer(text: str) -> str | None:
    """The buyer the learner sells to, for the prospect the sales coach plays ("the buyer at
    one of the dental clinics you sell to"), or None when the words name no organisation."""
    found = (
        _SELLS_TO.search(text)
        or _MY_PROSPECT.search(text)
        or _IS_MY_PROSPECT.search(text)
        or _MEETS_WITH.search(text)
    )
    if found is None:
        return None
    kept: list[str] = []
    phrase = found.group(1)
    if (name := buyer_name(text)) is not None and phrase.startswith(name):
        return None  # "my prospect is Priya Nair": a person, played by name
    titled = _PERSON_WITH_TITLE.match(text, found.end(1))
    if (
        titled
        and re.match(r"(a|an|the)\s", phrase, re.I)
        and not found.group(0).lower().startswith("my")
    ):
        # "to a dental clinic, the office manager is interested": whom, and where
        org = " ".join(takewhile(lambda w: w.lower() not in _BUYER_STOP, phrase.split()[1:]))
        title = re.sub(r"^[\s,(\-–—]*((the|an?|our|their|my)\s+)?", "", titled.group(0), flags=re.I)
        if org and title and buyer_name(text) is None:
            return f"the {title.strip()} at the {org} you're selling to"
    if titled or (
        re.match(r"my\s+contact\b", found.group(0), re.I) and re.fullmatch(r"[A-Z][a-z]+", phrase)
    ):
        return None  # "my contact is Dana, the office manager": a person, not an organisation
    for word in phrase.split():
        if word.lower() in _BUYER_STOP:
            break
        kept.append(word)
    article = kept[0].lower() if kept and kept[0].lower() in ("a", "an", "the") else None
    body = kept[1:] if article else kept
    if not body or body[0].lower() in _NOT_AN_ORG_START:
        return None
    named = " ".join(body)
    if body[0].lower() in ("my", "our", "his", "her", "their"):  # "sell this to my manager"
        return None
    lead = [] if any(w.endswith("'s") for w in body) else ["the"]  # "Acme Corp's VP of Sales"
    titles = [w.lower() for w in body if w.lower() in _TITLES or w.lower()[:-1] in _TITLES]
    if titles:  # "to the VP of sales", "to the office manager", "to small restaurant owners"
        if titles[0].endswith("s") and titles[0][:-1] in _TITLES:
            return f"one of the {' '.join(w for w in body if not w[:1].isdigit())} you sell to"
        return " ".join([*lead, *body])
    if body[-1].lower() in _NOT_A_BUYER:  # "to people on Instagram", "to students"
        return None
    if (person := next((n for n, w in enumerate(body) if w.lower() in _PEOPLE), None)) is not None:
        body = body[: person + 1]  # "to homeowners door to door"
        named = " ".join(body)
    if body[-1].lower() in _PEOPLE:  # "to homeowners", "to young families", "to the guy"
        if body[-1].lower().endswith("s") or article is None:
            return f"one of the {named} you sell to"
        return f"the {named} you're selling to"
    if article is None and all(w[:1].isupper() for w in body):  # "pitching to Acme Health"
        return f"the buyer at {named}"
    if article is not None:
        return f"the buyer at the {named} you're selling to"
    if body[-1].lower().endswith("s"):  # "to 3 school districts": one of them
        named = " ".join(w for w in body if not w[:1].isdigit())
        return f"the buyer at one of the {named} you sell to"
    return None


# Casting the coach for a role-play: "you be the dealership marketing manager", "can you play
# the recruiter", "you be my professor"
CAST = re.compile(
    r"^\s*(and\s+|ok(ay)?,?\s+|so\s+)?((can|could|will|would)\s+(you|u)\s+)?(be|play|act\s+as|"
    r"pretend\s+(to\s+be|you'?re|youre|you\s+are|ur|u\s+r))\s+(the|my|a|an|her|him|them)\b"
    r"|^\s*(and\s+|ok(ay)?,?\s+|so\s+)?(you|u)\s+(be|play)\s+(the|my|a|an)\b",
    re.I,
)


# "can u play linda and push back on price", "you be linda the office manager": a person cast
# by first name, typed as students type it, with the role they hold if given
CAST_NAME = re.compile(
    r"^\s*(harder\s+|and\s+|ok(ay)?,?\s+|so\s+|now\s+)?(((can|could|will|would)\s+(you|u)\s+)?"
    r"(be|play|pretend\s+to\s+be)|(you|u)\s+(be|play))\s+"
    r"((?P<title>dr|mr|mrs|ms|prof|professor)\.?\s+)?(?P<name>[a-z][a-z'-]{1,19})"
    r"(\s*,?\s+(?P<role>(the|our|their|her|his)\s+[a-z][a-z ]{2,40}?))?"
    r"(\s+(and|to)\s+[a-z' ]{2,60})?\s*[?.!]*\s*$",
    re.I,
)
_NOT_A_NAME = frozenset(
    "it this that these those along nice fair hard harder tough devil devil's me us with "
    "someone somebody anyone one ones game games music ball cool dumb smart safe around both "
    "each role roles back again too more honest real serious mean rough easy nicer meaner "
    "the a an my your our their her his him them".split()
)


def cast_name(text: str) -> tuple[str, str | None] | None:
    """The first name, and the role if given, of a person the learner asks the coach to
    play: ("Linda", "the office manager"); None when no one is cast by name."""
    text = re.sub(r"\b(dr|mr|mrs|ms|prof)\.", r"\1", text, flags=re.I)  # "Ms." ends no sentence
    for sentence in re.split(r"[.!?;\n]+", text):
        found = CAST_NAME.match(sentence)
        if found is None or found.group("name").lower() in _NOT_A_NAME:
            continue
        role = found.group("role")
        name = found.group("name").capitalize()
        if title := found.group("title"):  # "dr patel": Dr. Patel, as the learner knows them
            name = f"{_HONORIFICS.get(title.lower(), title.capitalize())} {name}"
        return name, (role.strip().lower() if role else None)
    return None


_HONORIFICS = {"dr": "Dr.", "mr": "Mr.", "mrs": "Mrs.", "ms": "Ms.", "prof": "Prof."}


_POLITE_TAIL = frozenset("please pls plz thanks now ok okay then".split())
_CAST_STOP = frozenset(
    "and so then while i i'll ill i'm im we we'll let's lets to for because who that".split()
)


def cast_role(text: str) -> str | None:
    """Whom the learner asks the coach to play, in their words ("the dealership marketing
    manager", "your professor"), from any sentence of the message; None if they cast no one."""
    for sentence in re.split(r"[.!?,;\n]+", text):
        found = CAST.match(sentence)
        if found is None:
            continue
        rest = _WORD.findall(sentence[found.end() - len(found.group(0).split()[-1]) :].lower())
        if len(rest) < 2:
            return None
        article, *who = rest[:9]
        if (stop := next((n for n, w in enumerate(who) if w in _CAST_STOP), None)) is not None:
            who = who[:stop]  # "the marketing manager and i'll pitch"
        while who and who[-1] in _POLITE_TAIL:
            who.pop()
        if not who:
            return None
        who = [_ACRONYMS.get(w, w) for w in who]  # "your TA", "the VP of sales"
        return " ".join(["your" if article == "my" else article, *who])
    return None


_ACRONYMS = {w: w.upper() for w in "ta ra hr ceo cfo cto coo cmo vp pm".split()}
