"""What an answer carries: a detail (a number, a date, a name), a reason, a committed step,
a question or an acknowledgement, hedges and platitudes; and which sentences are anchored."""

from __future__ import annotations

import re

from coach.answer_text import AUX, FUNCTION_WORDS, VERBS, Hit, is_verb, sentences, word_tokens
from coach.text import stems, words

_NUM_WORD = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
    r"forty|fifty|sixty|hundred|thousand|million|half|twice|double|triple|dozen|a few"
)
_MONTH = (
    r"january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec"
)
_MONTH_FULL = r"january|february|march|april|june|july|august|september|october|november|december"
DATE = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tues|thurs|weekend)s?\b"
    r"|\b(?:mon|tue|wed|thu|fri)\b\.?"
    r"|\b(?:sat|sun)\.? (?=\d|the \d|morning|afternoon|evening|night)"
    r"|\b(?:today|tonight|tomorrow|noon|midnight|eod|eow|asap)\b"
    r"|\bthis (?:morning|afternoon|evening|week|month|quarter|sprint|semester)\b"
    r"|\bnext (?:week|month|quarter|sprint|year|semester)\b"
    r"|\bend of (?:the )?(?:day|week|month|quarter|sprint|year)\b"
    r"|\b\d{1,2}(?::\d{2})?\s?(?:am|pm|a\.m\.|p\.m\.)"
    r"|\b\d{1,2}:\d{2}\b|\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b|\b20\d\d-\d\d-\d\d\b"
    rf"|\b(?:{_MONTH})\.? \d{{1,2}}(?:st|nd|rd|th)?\b"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)? (?:of )?(?:{_MONTH})\b"
    rf"|\b(?:by|in|on|before|until|end of|early|mid|late) (?:{_MONTH_FULL})\b"
    rf"|\b(?:in|within|next|for|over) (?:the next )?(?:\d+|{_NUM_WORD}|an?) "
    r"(?:hours?|days?|weeks?|minutes?|mins?|months?|quarters?)\b"
    r"|\b\d+ (?:hours?|days?|weeks?) (?:left|away|before|from now|out)\b|\bq[1-4]\b",
    re.I,
)
NUMBER = re.compile(
    rf"\$\s?\d[\d,]*(?:\.\d+)?\s?[km]?\b|\b\d+(?:[.,]\d+)?\s?(?:%|x\b)?|\b(?:{_NUM_WORD})\b",
    re.I,
)
# A figure is a digit that starts a number ("150 words", "$49", "3x", "8-9pm"), not one inside
# a name ("k8s", "S3", "x3"): a buzzword list must not pass for a detailed answer on the
# strength of a product name.
FIGURE = re.compile(r"(?<![A-Za-z])\d")
# a quantity in words: "two days a month", "by half", "three months"
QUANTITY = re.compile(
    rf"\b(?:{_NUM_WORD})\s+(?:hours?|days?|weeks?|months?|quarters?|years?|people|customers|"
    r"clients|calls|times|percent)\b|\b(?:by|in|cut\w*\s+\w+\s+by)\s+half\b",
    re.I,
)
_TITLES = {"mr", "mrs", "ms", "dr", "prof", "st"}
CAUSAL = re.compile(
    r"\b(?:because|since|so that|so (?:they|she|he|we|i|the|it|you|that|their|my|our|a|an|no|"
    r"nothing|every|each)\b|which "
    r"means|that way|in order to|due to|given (?:that|the|our|their|we)|the reason|as a result|"
    r"therefore|to avoid|to make sure|to ensure|to keep|to prevent|to protect|otherwise|which "
    r"(?:lets|gives|saves|keeps|cuts|reduces|avoids|helps|means|pays|covers|frees)|to show|"
    r"to prove)\b",
    re.I,
)
CONTRAST = re.compile(
    r"\b(?:but|however|whereas|although|though|at the cost of|trade-?offs?|in exchange for|"
    r"rather than|instead of|vs\.?|versus|on the other hand|the downside|the risk|at the "
    r"expense of)\b",
    re.I,
)
# "if the server dies, …", and as typed: "if the server dies people reconnect"
CONDITION = re.compile(
    r"\bif\b[^.!?]{3,80}?(?:,|\bthen\b|\bi'?ll\b|\bi will\b|\b(?:we|they|people|users|it|"
    r"clients)\s+(?:\w+\s+)?(?:reconnect|retry|retries|fall|fails?\s+over|get|gets|see|lose|"
    r"load|wait|keep|switch|still)\w*\b)|\bunless\b",
    re.I,
)
FIRM = re.compile(
    r"\b(?:i will|i'll|i am going to|i'm going to|i'm gonna|i plan to|i'm planning to|my "
    r"(?:next|first) step|next step is|i commit|we will|we'll|i have (?:booked|scheduled|emailed|"
    r"sent|asked|started|set)|i've (?:booked|scheduled|emailed|sent|asked|started|set)|i "
    r"(?:already )?(?:booked|scheduled|emailed|sent|asked|started|blocked|set up))\b",
    re.I,
)
SOFT = re.compile(
    r"\b(?:i'd|i would|i can|i could|i should|let me|let's|we should|we could|we'd|first,? i|"
    r"i (?:want|need|'d like|would like) to|my plan is to|"
    r"then i|i'm (?:sending|calling|emailing|booking|scheduling|writing|submitting|asking|"
    r"meeting|going))\b",
    re.I,
)
ASK = re.compile(
    r"\b(?:ask|asking|asked|request|requesting|check with|find out)\s+(?:[\w'.]+\s+){0,4}?"
    r"(?:what|why|how|whether|if|which|when|who|about|for)\b"
    r"|\b(?:ask|asking|asked)\s+(?:them|him|her|my|the|mr|mrs|ms|dr|professor|coach|our)\b",
    re.I,
)
EMPATHY = re.compile(
    r"\b(?:i (?:completely |totally |really )?understand|i can (?:see|understand|imagine|hear)|"
    r"i hear (?:you|that|them|how)|(?:that|it|this) (?:must|sounds|would|can) (?:be |feel )?"
    r"(?:really |so |very )?(?:frustrating|stressful|annoying|hard|difficult|upsetting|awful|"
    r"disappointing|a pain|tough|scary)|(?:i'm|i am|we're|we are) (?:so |really |truly |very )?"
    r"sorry|apologi[sz]e|sorry (?:for|about|that)|understandable|you're right to|thank(?:s| you)"
    r" for (?:telling|letting|your patience|raising|flagging|bearing|waiting|calling)|i'd feel "
    r"the same|i get (?:it|that|why|how)|i see why|i know how|(?:that|it) sounds like a lot|"
    r"i know (?:it|that) hurt|(?:i'm|i am) not here to blame)\b",
    re.I,
)
HEDGE = re.compile(
    r"\b(?:maybe|perhaps|i guess|not sure|i don'?t know|idk|no idea|probably|kind of|sort of|"
    r"i suppose|hopefully|somehow|"
    r"whatever(?!\s+(?:happens|it takes|the (?:outcome|answer|result)))|i dunno|"
    r"at some point|someday|eventually|"
    r"not really|no clue|something like that|stuff like that|or something|i'll try|i will try|"
    r"try to get|sometime|some time (?:soon|next|this|later)|(?:check|look|see|do it|get to "
    r"it|deal with it|figure it out|think about it|look into it) later|when i get (?:a chance|"
    r"around to it))\b",
    re.I,
)
PLATITUDE = re.compile(
    r"\b(?:the most important thing|(?:it's|it is|is|are) (?:really |very |so |super )?(?:important"
    r"|key|crucial|essential|vital)|at the end of the day|ultimately|in today's|journey|passionate|"
    r"growth mindset|best practices?|trusted advisor|two-way street|top priority|add(?:ing)? "
    r"value|big picture|high[- ]quality|as soon as possible|every single|everyone|everybody|"
    r"nobody|always|take care of itself|naturally|in general|generally|all stakeholders|the "
    r"right (?:choice|approach|thing)|(?:it |really )?depends on|a (?:thoughtful|balanced|"
    r"holistic) approach|various|many factors|factors such as|strengths and weaknesses|"
    r"lifelong|excited to|i'm confident|be more|communicate better|stay positive|make things "
    r"right|soak up|fully immerse|as much as (?:i|we) can|"
    r"whatever (?:it|those|that) (?:takes|turn)|time and money|pays? for itself|win-win|open and "
    r"honest|on the same page|the key is|be flexible|going forward|more proactive|carefully|"
    r"properly|(?:improves?|improving|boosts?|increases?) (?:efficiency|productivity))\b",
    re.I,
)


def names_in(text: str) -> list[Hit]:
    """Proper names and acronyms in mid-sentence: "Ms. Lopez", "Gates", "CRM", "Postgres"."""
    hits = []
    for a, b in sentences(text):
        prev = ""
        for m in re.finditer(r"[A-Za-z][A-Za-z'.-]*", text[a:b]):
            w = m.group().rstrip(".")
            if (
                prev
                and not prev.endswith((":", '"'))
                and (w[0].isupper() or (len(w) >= 2 and w.isupper()))
                and w.lower() not in {"i", "i'm", "i'll", "i'd", "i've"}
                and (not prev.endswith(".") or prev.rstrip(".").lower() in _TITLES)
            ):
                hits.append(Hit(a + m.start(), a + m.start() + len(w)))
            prev = m.group()
    return hits


def first_steps(text: str) -> list[Hit]:
    """Concrete steps: a commitment or a first-person plan with an action verb, or an
    imperative sentence starting with one ("Email Ms. Lopez tonight")."""
    hits = []
    for rx in (FIRM, SOFT):
        for m in rx.finditer(text):
            after = word_tokens(text[m.end() : m.end() + 40])[:3]
            if any(is_verb(t) and t not in {"be", "have", "do", "is", "are"} for t in after):
                hits.append(Hit(m.start(), min(len(text), m.end() + 40)))
    for a, b in sentences(text):
        tokens = word_tokens(text[a:b])
        if tokens and tokens[0] in VERBS and len(tokens) >= 3:
            hits.append(Hit(a, b))
        first = re.match(
            r"\s*(?:first|then|next|after that|finally|step \d)\W+(\w+)", text[a:b], re.I
        )
        if first and is_verb(first.group(1).lower()):
            hits.append(Hit(a, b))
    # a sequence inside a sentence ("logs first, then diff my .env") or an imperative after a
    # dash or a semicolon ("Lopez essay (due Wed 5pm) - finish the last 150 words tonight")
    # is a plan too
    sequence = r"\b(?:then|and then|after that)\s+(\w+)|(?:\s[-–—]|;|:)\s+(\w+)"
    for m in re.finditer(sequence, text, re.I):
        token = (m.group(1) or m.group(2)).lower()
        if token not in AUX and (is_verb(token) if m.group(1) else token in VERBS):
            end = next((b for a, b in sentences(text) if a <= m.start() < b), len(text))
            hits.append(Hit(m.start(), min(end, m.end() + 40)))
    return hits


def classify_sentences(
    own: str, steps: list[Hit], names: list[Hit], topic: set[str]
) -> tuple[float, float]:
    """Shares of sentences that are anchored (a number, date or name; a step; a question or
    an acknowledgement; or a reason about the topic) and of filler (sweeping generalities
    with no detail). A coach weighs what each sentence carries, not how many there are."""
    anchored = filler = total = 0
    for a, b in sentences(own):
        piece = own[a:b]
        if not [w for w in words(piece) if w.lower() not in FUNCTION_WORDS]:
            continue
        total += 1
        hard = bool(DATE.search(piece) or FIGURE.search(piece) or QUANTITY.search(piece)) or any(
            a <= h.start < b for h in names
        )
        step = any(a <= h.start < b for h in steps)
        talk = "?" in piece or bool(ASK.search(piece) or EMPATHY.search(piece))
        reasoned = bool(CAUSAL.search(piece) or CONDITION.search(piece) or CONTRAST.search(piece))
        grounded = reasoned and len(stems(piece) & topic) >= 1
        is_filler = bool(PLATITUDE.search(piece)) and not hard
        filler += is_filler
        anchored += (hard or step or talk or grounded) and not is_filler
    return (anchored / total, filler / total) if total else (0.0, 0.0)
