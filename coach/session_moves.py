"""What a learner says about the session rather than in it: wrap up, stop the role-play,
yes or not yet to the coach's offer, a hint, "how did I do?", and a question put to the coach
from inside a role-play. The offline coach's dispatcher reads its moves from these."""

from __future__ import annotations

import re

WRAP = re.compile(
    r"\b(wrap(\s|-)?(it\s+)?up|summari[sz]e|let'?s stop|can we (stop|finish|end)(?! the (role|"
    r"scene|scenario|exercise))|end (the|this) session|(that'?s|thats|that is) (all|enough|it) for "
    r"(now|today|tonight)|i'?m done for (now|today|tonight)|goodbye|bye|good\s*night)\b"
    # "thx im tired, done for today", "ok im tired gn"
    r"|(^\W*|,\s*)done\s+for\s+(now|today|tonight)\b|\bgn\W*$"
    # the whole message: "ok i think im done" (not "I'm done with the essay": news)
    r"|^\W*((ok(ay)?|so|well|alright)\b[,\s]*)*(i\s+(think|guess)\s+)?(i'?m|im)\s+done\s*[.!]*\s*$",
    re.I,
)
STOP_SCENE = re.compile(
    r"\b(stop|end|pause|exit|step out of|out of|quit)\s+(the\s+|this\s+)?(role[\s-]?play|"
    r"scenario|exercise)\b|\bbreak character\b"
    # the whole message: "stop", "ok stop", "can we stop please" (a role-play audit's bare
    # "stop" got "Say a little more…" and the other side's push-back)
    r"|^\W*((ok(ay)?|let'?s|can\s+we|please)\W+)*(stop|pause|end\s+it)(\W+(please|now|here|"
    r"it))*\W*$",
    re.I,
)
# the scene again, from its first line: "again", "from the top", "can we do that one again?"
REPLAY = re.compile(
    r"^\W*((ok(ay)?|can\s+we|could\s+we|let'?s|please|um+|so)\W+)*("
    r"again|start\s+(it\s+)?(over|again)|restart(\s+(it|the\s+(role[\s-]?play|scene|exercise)))?|"
    r"(do|try|run|practi[cs]e|play)\s+(that|it|this)(\s+one)?\s+again|one\s+more\s+time|redo(\s+it)?|"
    r"(again\s+)?from\s+the\s+(top|start|beginning))(\s+from\s+the\s+(top|start|beginning))?"
    r"(\W+please)?\W*$",
    re.I,
)
# asking the coach to play the learner's side: "switch roles", "you be the rep"
SWITCH_ROLES = re.compile(
    r"\b(switch|swap|reverse|change|trade)\s+(roles|sides|places)\b|"
    r"\byou\s+(be|play)\s+(the\s+|my\s+)?(rep|seller|salesperson|sales\s+rep|agent|me)\b",
    re.I,
)
YES = re.compile(
    r"^\s*(yes|yeah|yep|yup|ya|yah|yas|k|kk|sure|ok(ay)?|alright|aight|bet|go\s+for\s+it|"
    r"sounds\s+(good|great|fun)|why\s+not|do\s+it|let'?s\s+(do\s+it|go|try|start)|go\s+ahead|"
    r"bring\s+it\s+on|please|absolutely|definitely|for\s+sure|i'?m\s+(ready|in))\b",
    re.I,
)
# "nah, tell me more first": the offer of a role-play declined, for now
NOT_YET = re.compile(
    r"^\s*(no|nah|nope|not\s+(yet|now)|later|maybe\s+later|tell\s+me\s+more|let\s+me\s+"
    r"(tell|explain)|first)\b",
    re.I,
)
HINT = re.compile(
    r"\b(hint|what should i say|how (should|do|would) i (answer|respond|reply)|i don'?t know "
    r"what to say|help me answer|what (should|could) i have (said|done|answered)|what would "
    r"(you|a good \w+) have said|what would a (good|better|strong) (answer|reply|line) be|"
    r"what'?s a (better|good|stronger) (answer|reply|line))\b|(give|show) me an? example|"
    r"\bexample\s*\?",
    re.I,
)
# the whole message asks what the last line meant: "what do you mean?", "huh?", "i dont get
# it" (a question about the line's words, "what do you mean by too expensive?", is a line)
WHAT_MEANT = re.compile(
    r"^\W*((sorry|wait|um+|uh+|hmm+|huh|ok(ay)?|so|but)\b[,.!?\s]*)*("
    r"what\s+(do|did)\s+(you|u|ya)\s+mean(\s+by\s+(that|this|it))?|wdym|"
    r"what\s+(does|did)\s+(that|this|it)\s+mean|what|huh|come\s+again|say\s+(that|it)\s+again|"
    r"i\s+(don'?t|dont|do\s+not)\s+(get|understand)(\s+(it|that|this|the\s+question|"
    r"what\s+(you|u)\s+mean))?|(i'?m\s+)?not\s+sure\s+what\s+(you|u)\s+mean|"
    r"(can|could|would)\s+(you|u)\s+(please\s+)?(explain|rephrase|clarify)(\s+(that|this|it))?"
    r"(\s+please)?|meaning"
    r")[\s.!?]*$",
    re.I,
)
# asking the coach how it went, inside a role-play or out: "how did I do overall?"
HOW_DID_I_DO = re.compile(
    r"^\W*((ok(ay)?|so|coach|wait|and|hmm+|um+|honestly|be\s+honest)\b[,:\s]*)*("
    r"how\s+(did|am|was)\s+i\s+(do|doing|going)\b|how('?s|\s+is|\s+was)\s+(that|this|my\s+(answer|"
    r"reply|line|response|pitch))\s*(so\s+far|overall)?\s*(\?|$)|(any|some|give\s+me)\s+feedback\b|"
    r"how\s+(am\s+i|i'?m)\s+doing\b|rate\s+(me|that|my\s+\w+)\b|was\s+that\s+(good|ok(ay)?|"
    r"better|right)(\s+or\s+not)?\s*(\?|$)|is\s+that\s+(better|good\s+enough)(\s+or\s+(what|not))?"
    r"\s*(\?|$)|"
    # the learner's own last answer, asked about: "what was wrong with that? i was being
    # confident", "wait so why did mine get what it got", "what would you score that"
    r"what('?s|\s+was|\s+is)\s+wrong\s+with\s+(that|it|this|mine|my\s+\w+)\b|"
    r"why\s+did\s+(mine|i|it|that|my\s+\w+)\s+(get|score)\b|"
    r"what\s+would\s+(you|u)\s+(score|rate|give)\b)",
    re.I,
)
_YES_WORDS = frozenset(
    "yes yeah yep yup ya yas y sure ok okay k confirm confirmed correct right thats that's true "
    "please do it go ahead absolutely definitely i did did".split()
)
_NO_WORDS = frozenset("no nope nah n not now yet thanks thank you don't dont later".split())


def yes_or_no(text: str) -> bool | None:
    """A yes or a no typed to a waiting Confirm / Not now ("yep", "yes please", "not now"),
    every word of it; None for anything else, which is the conversation going on ("sure,
    what's next?" asks something)."""
    said = re.findall(r"[a-z']+", text.lower().replace("’", "'"))
    if not said or len(said) > 4 or "?" in text:
        return None
    if said[0] in ("no", "nope", "nah", "n", "not") and all(w in _NO_WORDS for w in said):
        return False
    if all(w in _YES_WORDS for w in said):
        return True
    return None


META = re.compile(
    # "How can I best reach you?" is said to the other side (a role-play audit's got "that
    # one's beyond what I can answer"): a question about "you" is a line
    r"^\s*((how (do|should|can|would) i|what (should|do|would) i)(?![^?.!]*\b(you|your|yours)\b)|"
    r"any tips|can you|could you|should i|coach,)\b",
    re.I,
)
# Asked of the coach even inside a role-play: "should i tell the professor?", "how do i say
# no without sounding rude?" (a line to the other side is "could you…", "what if we…")
# "can I offer a discount to close this week?" asks the coach; "can I offer you…" is a line
CAN_I = (
    r"can\s+i\s+(?![^?.!]*\b(you|your|yours)\b)(offer|give|throw\s+in|ask\s+for|say|mention|"
    r"bring\s+up|use|just|still|skip)\b"
)
# the next one asked for, in a role-play or out: "ok next objection", "can u give me another
# tough one"
NEXT_ONE = re.compile(
    r"^\W*((ok(ay)?|cool|alright|fine|nice|great|good)\b[,.!\s]*)*((give\s+me\s+|can\s+(you|u)\s+"
    r"(give\s+me\s+|do\s+|throw\s+(me\s+)?)?)(another|the\s+next|a\s+new)|next|another)\s+"
    r"((tough|hard(er)?|new|different)\s+)?(one|objection|scenario|question|round|case)\b",
    re.I,
)
TO_COACH = re.compile(
    r"^\s*((ok(ay)?|so|wait|but|and|hmm+|um+|fine|alright|all\s+right|yeah|yes|well|"
    r"sorry\s+to\s+step\s+out|quick\s+question|"
    r"before\s+i\s+answer(\s+(her|him|them))?)\b[,\s]*)*(how\s+(do|should|can|would)\s+i|"
    r"(is\s+it|would\s+it\s+be)\s+(better|best|ok(ay)?|smarter|wiser)\s+(to|if)|"
    r"what\s+(should|do|would)\s+i|should\s+i|" + CAN_I + r"|coach,|any\s+tips|"
    r"(can\s+(you|u)\s+)?(just\s+)?(tell|show)\s+me\s+what\s+i\s+(should|could)\s+have\b|"
    r"(is|was)\s+it\s+(ok(ay)?|fine|bad|weird|normal|rude|wrong)\s+(to|if)|"
    r"how\s+(long|much|formal|casual)\s+should|"
    # the other side named in the third person is talked about, not to: "what if she says no?"
    r"what\s+if\s+(she|he|they|my|the)\b|(will|would|does|do|is|did)\s+(she|he|they)\b[^?]*\?)",
    re.I,
)
