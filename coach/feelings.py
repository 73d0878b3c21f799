"""Feelings a learner shares, and whether a message carries a step: a feeling said in a few
words ("honestly I'm really stressed", "i feel ill today") is answered, not critiqued, while
"…, so tonight I'll write 300 words" is an answer to score."""

from __future__ import annotations

import re

from coach.questions import QUOTED

# the words a message may open with before its point ("so", "ok", "honestly", "hey")
LEAD = (
    r"^\s*((so|ok(ay)?|kk?|um+|and|but|sorry|hmm+|wait|also|coach|seriously|please|yes|yeah|like|btw|"
    r"ugh+|urgh+|argh+|omg|man|god|honestly|"
    r"lol|hey|hi|hello|yo|quick\s+q(uestion)?)\b[,:\s]*)*"
)
_WORD = re.compile(r"[a-z']+")

# "honestly I'm really stressed", "maybe I'm just not good enough", "I feel like giving up":
# how students say it, hedges and all.
_FEELING = re.compile(
    LEAD + r"((honestly|tbh|maybe|i\s+think|i\s+guess)\b[,\s]*)*"
    r"((i'?m|im|i\s+am|i\s+feel|i'?m\s+feeling|i\s+keep|feeling|i'?ve\s+been|i\s+have\s+been)\s+"
    r"((so|really|very|kind\s+of|"
    r"kinda|sorta|lowkey|hella|rly|a\s+bit|pretty|super|totally|just|like|such|honestly)\s+)*"
    r"(stressed|overwhelmed|anxious|"
    r"nervous|annoyed|angry|"
    r"scared|terrified|worried|afraid\s+(that\s+)?i('?ll|\s+will|'?m\s+going\s+to|\s+might)|"
    r"tired|exhausted|frustrated|confused|lost|stuck|behind|burn(ed|t)\s+out|sad|"
    r"upset|down|hopeless|freaking\s+out|procrastinating|giving\s+up|not\s+good\s+enough|"
    r"(like\s+)?(a\s+)?(fraud|imposter|impostor)|"
    r"(a\s+)?failure|worthless|defeated|discouraged)"
    r"|i\s+(want\s+to|wanna)\s+(give\s+up|quit)"
    # the feeling said last: "ive been dealing with this all day and im exhausted"
    r"|[^.!?]{0,80}\b(and|but|so|now)\s+(i'?m|im|i\s+am|i\s+feel)\s+((so|really|just|completely|"
    r"totally|pretty)\s+)*(stressed|overwhelmed|exhausted|drained|tired|burn(ed|t)\s+out|fried|"
    r"anxious|nervous|scared|worried|discouraged)\s*[.!]*\s*$"
    # "i feel like everyone is way smarter than me"
    r"|(i\s+feel\s+like\s+)?(honestly\s+)?(everyone|everybody|the\s+others|all\s+of\s+them|"
    r"my\s+(classmates|coworkers|teammates|team))\b[^.!?]{0,30}?\b(smarter|better|faster|more\s+"
    r"talented)\s+(than|then)\s+(me|i)\b"
    # "kinda stressed ngl", "a bit stressed abt deadlines"
    r"|((so|really|very|kinda|sorta|lowkey|a\s+bit|pretty|super|honestly)\s+)+(stressed|overwhelmed|"
    r"anxious|nervous|exhausted|burn(ed|t)\s+out)"
    r"|(i\s+feel\s+like\s+)?i\s+can'?t\s+do\s+(this|it\s+any\s?more)(\s+any\s?more)?(?=\s*[.!?]*$)"
    r"|is\s+it\s+normal\s+to\s+feel"
    # after bad news: "it sucks, i worked really hard on it"
    r"|(it|this|that)\s+((really|so|kinda|just)\s+)*(sucks|stings|hurts)"
    r"|i\s+worked\s+((so|really|super)\s+)?hard\s+(on|for)\s+(it|that|this)(?=\s*[.!]*$)"
    # an audit's, each scored as an answer: "this is making me anxious", "ok thats scary",
    # "honestly im kind of over this", "kind of bummed, i worked on that project for a year"
    r"|(this|it|that)\s+(is\s+)?(making|makes)\s+me\s+((so|really|kinda|a\s+bit)\s+)*(anxious|"
    r"nervous|stressed|scared|sad|sick)"
    r"|(that'?s|thats|this\s+is|it'?s|its)\s+((so|really|kinda|kind\s+of|pretty|super)\s+)*"
    r"(scary|terrifying|stressful|overwhelming|depressing|discouraging)(?=\s*[.!]*$)"
    r"|(i'?m|im|i\s+am)\s+((so|really|kinda|kind\s+of|just|honestly|pretty)\s+)*(over\s+(this|it)|"
    r"sick\s+(and\s+tired\s+)?of\s+(this|it|everything|everyone|my|the|him|her|them)|bummed)"
    r"|((so|really|kinda|kind\s+of|pretty|super)\s+)+bummed)\b"
    # a sigh and nothing else ("ugh", "ughhh", "sigh"): an audit's got "That's outside
    # onboarding, so I'll leave it"
    r"|^\W*((ugh+|urgh+|argh+|sigh+|meh+|oof+|bleh+)\W*)+$",
    re.I,
)
# "i feel ill today", "im not feeling well", "i have the flu": rest first, no critique
_UNWELL = re.compile(
    r"\b((i'?m|im|i\s+am|i\s+feel|i'?m\s+feeling|feeling|i'?ve\s+been|been)\s+((so|really|very|"
    r"kinda|sorta|a\s+bit|pretty|super|still|just)\s+)*(sick(?!\s+(of|and\s+tired)\b)|ill|unwell|"
    r"under\s+the\s+weather)"
    r"|(not|n'?t)\s+feeling\s+(well|good|great)"
    r"|i('?ve|\s+have)?\s+(got|caught|have|came\s+down\s+with)\s+(a\s+(cold|fever|bug)|the\s+flu|"
    r"covid))\b",
    re.I,
)
# back after being unwell: "im back, feeling better" (not "i'm better at math than english")
_BETTER = re.compile(
    r"\b(feeling|feel|i'?m|im|i\s+am)\s+((a\s+lot|much|way|so\s+much|a\s+bit|loads)\s+)?better\b"
    r"(?!\s+(at|than|in|with|off|about|for|to)\b)|^\W*(ok(ay)?\W+|hi\W+|hey\W+)?i'?m\s+back\b",
    re.I,
)
# Frustration with the session itself: "this is pointless, you're not listening", "ugh you
# keep asking the same stuff", "i'm kind of lost now". The coach owes a simpler explanation,
# not a critique of the words.
FRUSTRATED = re.compile(
    LEAD + r"((honestly|tbh|ugh+|man|dude)\b[,\s]*)*("
    r"(this\s+is|this'?s|it'?s)\s+((so|really|kind\s+of|just|getting)\s+)*(pointless|"
    r"confusing|frustrating|stressful|overwhelming|annoying|too\s+hard|too\s+much|"
    r"not\s+helping|not\s+working|useless|dumb|stupid|boring|a\s+waste\s+of\s+time|"
    r"taking\s+(forever|so\s+long|too\s+long|ages))"
    r"|you('re|\s+are)\s+not\s+(listening|helping|getting\s+it|making\s+sense)"
    r"|you\s+keep\s+(asking|saying|repeating)"
    r"|i\s+(just\s+)?(don'?t|do\s+not)\s+get\s+(this|any\s+of\s+(this|it)|what\s+you\s+want)"
    r"|i'?m\s+((so|really|kind\s+of|kinda|a\s+bit|pretty|totally|super|very)\s+)*"
    r"((tired|exhausted|overwhelmed)\s+(and|&)\s+((so|really|kinda|a\s+bit)\s+)*)?"
    r"(lost|confused)(\s+now)?\s*[.!?]*$"
    r"|i\s+just\s+want\s+to\s+know\s+what\s+to\s+(say|do|write))\b",
    re.I,
)
# "…, so tonight I'll write 300 words": a feeling with a plan is an answer
_PLANS = re.compile(
    r"\b(i'?ll|i\s+will|i'?d|i\s+would|i'?m\s+going\s+to|going\s+to|i\s+plan|i\s+can(?!['’]t)|"
    r"i\s+should|tonight|tomorrow|today)\b|\d",
    re.I,
)
# "nervous I'll blank", "afraid I'm going to mess it up": the worry's own "I'll" is no plan
_WORRY = re.compile(
    r"\b(nervous|scared|worried|afraid|anxious|terrified|panicking)\s+(that\s+)?"
    r"(i'?ll|i\s+will|i'?m\s+going\s+to|i\s+might|i'?d)\b",
    re.I,
)


def without_worry(text: str) -> str:
    """The text less a worry's own "I'll" ("I'm worried I'll break prod"), which plans
    nothing."""
    return _WORRY.sub(" ", text)


# "i feel ill today": being unwell ("ill" is no "I'll" here), and when, is no step
_ILL = re.compile(
    r"\b((feel|feeling|felt|i'?m|im|am|been|getting|got)\s+((so|really|very|kinda|a\s+bit)\s+)?)ill\b",
    re.I,
)
_UNWELL_WHEN = re.compile(
    r"\b(sick|unwell|well|better|good|weather|fever|cold|flu|covid)\s+(today|tonight)\b", re.I
)


# how long something has gone on ("stuck on this bug for 3 days"): a number, but no plan
_HOW_LONG = re.compile(
    r"\bfor\s+(the\s+(last|past)\s+)?\d+\s+(minutes?|hours?|days?|weeks?|months?)\b", re.I
)


def has_plan(text: str) -> bool:
    """A step with a time or a number in it ("I'll…", "tonight", "by 5"): an answer to score.
    A worry's own "I'll" ("I'm nervous I'll blank") is not one, nor the day of an illness."""
    text = _UNWELL_WHEN.sub(r"\1", _ILL.sub(r"\1unwell", _WORRY.sub(" ", text)))
    return bool(_PLANS.search(_HOW_LONG.sub(" ", text)))


def is_feeling(text: str) -> bool:
    """A feeling named in a few words, with no plan in it: the learner needs the coach to
    answer it, not to critique it ("…, so tonight I'll write 300 words" is an answer)."""
    return feeling(text, len(_WORD.findall(text.lower().replace("’", "'"))))


def feeling(text: str, words: int) -> bool:
    return (
        0 < words <= 15
        and bool(
            _FEELING.search(text)
            or FRUSTRATED.search(text)
            or _UNWELL.search(text)
            or _BETTER.search(text)
        )
        and not has_plan(text)
    )


# the learner, or their work, called names: "told me my code was garbage", "called me lazy"
# (not "they told me the price was garbage")
_NAMES = r"(garbage|trash|stupid|useless|lazy|worthless|an?\s+idiot|idiotic|incompetent|pathetic)"
PUT_DOWN = (
    r"\btold\s+me\s+(that\s+)?(my\s+\w+(\s+\w+)?\s+(was|is|were|are)|i\s*('?m|\s+am|\s+was))\s+"
    r"([\w']+\s+){0,3}?" + _NAMES + r"\b|\bcalled\s+me\s+(a\s+|an\s+)?(\w+\s+)?" + _NAMES + r"\b"
)
# Hurt or self-doubt, said anywhere in a message of some length: "…in standup talks about
# things I've never heard of. I feel like they made a mistake hiring me", "…called me
# useless and i ended up crying". An audit's learners got "What's missing: a pace" for these.
_DISTRESS = re.compile(
    r"\bi\s+((just|really|honestly|kinda|kind\s+of|sometimes|still|also|literally)\s+)*feel\s+"
    r"(like\s+)?(such\s+)?(an?\s+)?((total|complete|huge)\s+)?(fraud|imp[oe]ster|failure|idiot|"
    r"loser|disappointment)\b"
    r"|\bfeel\s+like\s+(i'?m|im|i\s+am)\s+((so|really|just|such|totally|completely)\s+)*(bad|"
    r"terrible|awful|useless|hopeless|stupid|dumb|failing|not\s+good\s+enough|an?\s+(fraud|"
    r"failure|imp[oe]ster))\b"
    r"|\b(i'?m|im|i\s+am)\s+((just|so|really|clearly|honestly|simply)\s+)*(bad|terrible|awful|"
    r"useless|not\s+good|not\s+cut\s+out)\s+(at|for)\s+(this|my)\s+(job|work|role)\b"
    r"|\bmade\s+a\s+mistake\s+(hiring|picking|choosing|taking\s+on|admitting)\s+me\b"
    r"|\bi\s+((just|almost|ended\s+up|started|was|kept)\s+)*(cried|crying|broke\s+down|"
    r"burst\s+into\s+tears)\b|\b(i'?m|im|i\s+am)\s+(in\s+tears|crying)\b"
    r"|\b(don'?t|dont|do\s+not)\s+know\s+(if|whether)\s+i\s+can\s+(keep\s+(doing|going|up)|"
    r"do\s+this|handle\s+(this|it)|take\s+(this|it))"
    r"|\b(i'?m|im|i\s+am)\s+((so|really|kind\s+of|kinda|completely|totally|pretty|just)\s+)*"
    r"(burned|burnt)\s+out\b"
    r"|\bwhy\s+i\s+(even\s+)?(bother|try)\b|\bwhy\s+(do|should|would)\s+i\s+(even\s+)?(bother|try)\b"
    r"|\bi\s+((just|really|honestly|kinda|sometimes)\s+)*feel\s+like\s+giving\s+up\b"
    r"|\bi\s+((really|just)\s+)*(want|wanna)\s+(to\s+)?(give\s+up|quit)(\s*[.!]*$|\s+(this|it|my\s+"
    r"job|everything)\b)"
    r"|\bi\s+(can'?t|cannot)\s+(take|do)\s+(this|it)\s+any\s?more\b"
    r"|\b(everyone|everybody)\s+(else\s+)?(on\s+\w+\s+\w+\s+)?(is|has|seems)\s+((so|way|much|a\s+lot)\s+)*"
    r"(smarter|better)\b(?!\s+off\b)"
    # said of themselves: "I'm such an idiot", "i'm useless", "maybe i'm just not smart
    # enough", "i'm so bad at this", "I feel like a burden" (a re-audit's, each critiqued)
    r"|\b(i'?m|im|i\s+am)\s+(such\s+)?an?\s+(idiot|failure|fraud|loser|burden|disappointment)\b"
    r"|\b(i'?m|im|i\s+am)\s+((just|so|really|clearly|honestly|simply|totally|completely)\s+)*"
    r"(useless|worthless|hopeless|pathetic)\b"
    r"|\b(i'?m|im|i\s+am)\s+((just|maybe|probably|really|simply|clearly)\s+)*not\s+(smart|good|"
    r"strong|talented|cut\s+out)\s+enough\b"
    r"|\b(i'?m|im|i\s+am)\s+((so|just|really|pretty|terrible|awful|honestly)\s+)*bad\s+at\s+"
    r"(this|it|everything|sales|selling|coding|my\s+job|this\s+job)\b"
    r"|\bfeel\s+like\s+(such\s+)?a\s+burden\b"
    # a student's week: "im so overwhelmed. i have school, work, and all these deadlines. i feel
    # like i cant do this", "i feel stupid, everyone else knows how to do this" (an audit: 3/10
    # and 2/10, the second quoted back at her)
    r"|\b(i'?m|im|i\s+am)\s+((so|really|very|completely|totally|just|super|honestly)\s+)*"
    r"(overwhelmed|drowning|panicking|freaking\s+out|stressed\s+out)\b"
    r"|\b(i\s+feel\s+like\s+)?i\s+(can'?t|cant|cannot)\s+do\s+(this|it|any\s+of\s+(this|it))\b"
    r"(?!\s+(without|unless|until|if|because|by|before)\b)"
    r"|\bi\s+((just|really|honestly|kinda|sometimes)\s+)*feel\s+((so|really|very|kinda|super|"
    r"like)\s+)*(stupid|dumb|useless|worthless|hopeless|inadequate|left\s+behind)\b"
    r"|\b(everyone|everybody)\s+else\s+(knows|gets|understands|has\s+it)\b"
    # put down by someone: "my buddy told me my code was garbage in front of the team"
    r"|" + PUT_DOWN + r"|\b(mocked|laughed\s+at|made\s+fun\s+of|humiliated)\s+(me|my)\b",
    re.I,
)
# Low, without words of harm (coach/crisis.py reads those first): "I hate my life", "nobody
# cares anyway", "what's the point". An audit's, each scored 1-2/10 ("What's missing: the
# date"). The reply says where help is, in case it is heavier than the words.
_LOW = re.compile(
    r"\bi\s+((just|really|honestly|kinda|literally|so|fucking)\s+)*hate\s+(my\s+(life|self)|"
    r"myself|everything|it\s+all)\b"
    r"|\b(no\s*one|nobody|no1)\s+((even|really|actually|ever)\s+)*(cares?|gives\s+a\s+\w+)"
    r"(\s+about\s+me)?(\s+(anyway|anymore|any\s+more))?\s*[.!?]*$"
    r"|^\W*((honestly|like|so|ugh+|man|seriously|idk)\W+)*what'?s\s+(even\s+)?the\s+point(\s+(of\s+"
    r"(anything|any\s+of\s+(this|it)|trying|it\s+all|even\s+trying)|anymore|any\s?more))?"
    r"\s*[?.!]*$"
    r"|\bi\s+((just|kinda|honestly)\s+)*give\s+up\s*[.!]*$"
    r"|\b(everything|it\s+all|my\s+life)\s+(is|feels)\s+((so|just|completely|totally)\s+)*"
    r"(hopeless|pointless|falling\s+apart)\b"
    r"|\b(i'?m|im|i\s+am)\s+((so|really|just|honestly|kinda)\s+)*(miserable|depressed)\b",
    re.I,
)
LOW_REPLY = (
    "I'm sorry it feels that heavy right now. That matters more than any deadline here, and "
    "you don't have to carry it alone: tell someone you trust how you're really doing, a "
    "friend, someone in your family or a school counselor. If it ever gets to where you don't "
    "feel safe, call or text 988 (free, any time)."
)


def low_mood(text: str) -> bool:
    """Low in a few words, no harm named: the person first, and where help is."""
    return _LOW.search(QUOTED.sub(" ", text)) is not None


# a step the learner commits to, which makes the message an answer to score after all
_WILL_DO = re.compile(
    r"\b(i'?ll|i\s+will|i'?m\s+going\s+to|gonna|going\s+to|i\s+plan\s+to|tonight|tomorrow|"
    r"next\s+(week|time))\b",
    re.I,
)


def distressed(text: str) -> bool:
    """Hurt or self-doubt said anywhere in a message up to a paragraph long, with no step
    promised: the coach answers the person before the task, and scores nothing (a feeling is
    no answer). Longer than a paragraph, it is work pasted in, with a feeling in passing."""
    words = len(_WORD.findall(text.lower().replace("’", "'")))
    return (
        0 < words <= 60
        and (_DISTRESS.search(QUOTED.sub(" ", text)) is not None or low_mood(text))
        and not _WILL_DO.search(without_worry(text))
    )


# mistreated, not only doubting: sorry first, whoever the coach is
_HURT = re.compile(
    r"\b(cried|crying|in\s+tears|broke\s+down|screamed\s+at|yelled\s+at|shouted\s+at|"
    r"humiliated|mocked|laughed\s+at|made\s+fun\s+of|" + PUT_DOWN + r")\b",
    re.I,
)
HURT_REPLY = (
    "I'm sorry, that sounds like a really hard day. Being shouted at or put down hurts, and "
    "being shaken afterwards is a normal reaction, not a weakness. If you can, take a real break "
    "before the next one, and tell someone you trust what happened: nobody should carry that "
    "alone."
)
BACK_WHEN_READY = (
    "When you're ready, tell me more about what happened, or we'll pick up where we were."
)


def is_hurt(text: str) -> bool:
    """Distress that comes from how someone treated the learner ("screamed at me… i ended up
    crying"): the coach's own answer to self-doubt would talk past it."""
    return distressed(text) and _HURT.search(text) is not None


def is_better(text: str) -> bool:
    """Well again, in a few words ("im back, feeling better"): glad to hear it, then on."""
    return is_feeling(text) and bool(_BETTER.search(text)) and not _UNWELL.search(text)


def is_unwell(text: str) -> bool:
    """Unwell now, with no step in it: the coach says rest and asks nothing back."""
    return is_feeling(text) and bool(_UNWELL.search(text))


def is_frustrated(text: str) -> bool:
    """Frustrated with the session, in a few words and with no plan in it."""
    said = len(_WORD.findall(text.lower().replace("’", "'")))
    return 0 < said <= 15 and bool(FRUSTRATED.search(text)) and not has_plan(text)
