"""Reading a learner's text: sentences, tokens, real sentences versus lists, and quoting."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from statistics import mean

from coach.text import NOT_AFTER_ABBREVIATION, STOPWORDS, unformatted, words

AUX = frozenset(
    "am is are was were be been being will would shall should can could may might must do does "
    "did have has had i'm i'll i'd i've we're we'll we'd we've you're you'll they're they'll "
    "they'd it's that's he's she's there's let's don't won't can't didn't isn't aren't wasn't "
    "doesn't wouldn't shouldn't couldn't haven't hasn't need needs want wants going gonna "
    # as students type them, without the apostrophe
    "im ive dont didnt isnt arent wasnt doesnt wouldnt shouldnt couldnt havent hasnt thats "
    "theyre youre cant wont".split()
)
_SUBJECT = frozenset("i we you they he she it".split())
VERBS = frozenset(
    "ask call send email write tell say explain offer check review schedule book submit draft "
    "outline finish start choose pick use build test run deploy add move split compare measure "
    "listen apologize apologise follow propose understand know need want think plan meet show "
    "share document read learn try fix set keep make take give get go let put find acknowledge "
    "escalate confirm agree open close ship merge create update reply respond thank refund "
    "replace discuss clarify focus prioritize prioritise block spend research list break cut "
    "reach contact text message request remind pair study practice practise prepare sign fill "
    "upload print save pay lower raise reduce increase handle ask assess estimate evaluate "
    "decide document sketch map identify qualify discover negotiate present demo frame reframe "
    "quantify calculate cache shard replicate queue partition store log monitor alert profile "
    "benchmark prototype migrate refactor clone install configure debug trace watch skim note "
    "look hear see feel help stay walk talk visit attend join lead own solve resolve design "
    "pitch bring write rewrite edit proofread polish gather collect ask verify validate diff grep "
    "tail inspect restart rerun reproduce bisect revert rollback roll delete invalidate rebase "
    "link lint squash push pull commit tag search browse track".split()
)
FUNCTION_WORDS = STOPWORDS | frozenset(
    "not no to of the a an am been being than because before after then also too up out over "
    "down off back how why he she him her his us our i'm i'll i'd it's that's they're we're "
    "don't won't can't each any all some one first next im ive dont cant wont thats".split()
)
SENTENCE_END = re.compile(
    rf"(?<=[.!?]){NOT_AFTER_ABBREVIATION}\s+|\n+|\s+[•*]\s+|^\s*[-•*]\s+", re.M
)


@dataclass(frozen=True)
class Hit:
    """A piece of the learner's text that a signal found, to quote back in a reason."""

    start: int
    end: int


def normalise(text: str) -> str:
    return (
        text.replace("\u2019", "'")
        .replace("\u2018", "'")
        .replace("\u201c", '"')
        .replace("\u201d", '"')
        .replace("\u00a0", " ")
        .strip()
    )


@lru_cache(maxsize=64)
def sentences(text: str) -> tuple[tuple[int, int], ...]:
    """Spans of the sentences (and bullet items) in the text; cached because one answer's
    scoring asks for them some thirty times."""
    spans, start = [], 0
    for m in SENTENCE_END.finditer(text):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return tuple((a, b) for a, b in spans if text[a:b].strip())


def word_tokens(text: str) -> list[str]:
    return [w.lower() for w in re.findall(r"[A-Za-z][A-Za-z']*", text)]


def is_verb(token: str) -> bool:
    if token in AUX or token in VERBS:
        return True
    for suffix in ("ing", "ed", "es", "s"):
        if token.endswith(suffix) and len(token) > len(suffix) + 2:
            base = token[: -len(suffix)]
            if base in VERBS or base + "e" in VERBS or base[:-1] in VERBS:
                return True
    return token.endswith("ed") and len(token) > 5


def is_real_sentence(piece: str) -> bool:
    """A clause a person would say: a few words, a verb, and the small words that join
    them. A comma-separated list of terms is not one, even with a verb among them."""
    tokens = word_tokens(piece)
    if len(tokens) < 3:
        return False
    items = [i for i in re.split(r"[,/|]", piece) if i.strip()]
    if len(items) >= 3 and mean(len(word_tokens(i)) for i in items) <= 3:
        verbs_per_item = sum(any(is_verb(t) for t in word_tokens(i)) for i in items)
        if verbs_per_item < len(items) / 2:
            return False
    has_verb = any(is_verb(t) for t in tokens) or any(
        a in _SUBJECT and b not in FUNCTION_WORDS for a, b in zip(tokens, tokens[1:], strict=False)
    )
    function_share = sum(t in FUNCTION_WORDS for t in tokens) / len(tokens)
    if not function_share and not is_verb(tokens[0]):
        # no small word at all and not an imperative: a run of terms ("LAST model (Listen
        # Apologize Solve Thank)"), even with verbs among them
        return False
    return has_verb and (function_share >= 0.12 or len(tokens) <= 6)


def sentence_span(text: str, pos: int) -> tuple[int, int]:
    for a, b in sentences(text):
        if a <= pos < b:
            return a, b
    return 0, len(text)


def sentence_at(text: str, pos: int) -> str:
    for a, b in sentences(text):
        if a <= pos < b:
            return text[a:b]
    return text


def quote(text: str, hit: Hit, max_words: int = 9) -> str:
    """The learner's words around a hit, within its sentence, at most `max_words` words."""
    sentence_start, sentence_end = 0, len(text)
    for a, b in sentences(text):
        if a <= hit.start < b:
            sentence_start, sentence_end = a, b
            break
    start, end = hit.start, hit.end
    while start > sentence_start and not text[start - 1].isspace():
        start -= 1
    while end < sentence_end and not text[end].isspace():
        end += 1
    head = text[sentence_start:start].split()
    core = text[start:end].split()
    tail = text[end:sentence_end].split()
    cut = len(core) > max_words
    if cut:
        core = core[:max_words]
        tail = []
    room = max_words - len(core)
    before = head[-(room // 2) :] if room // 2 else []
    after = tail[: room - len(before)]
    if len(after) < room - len(before):
        before = head[-(room - len(after)) :] if room - len(after) else []
    phrase = unformatted(" ".join(before + core + after)).strip(" ,;:-\"'")
    phrase = " ".join(phrase.split()).rstrip(".!?")
    if len(phrase) > 90:
        return phrase[:88].rsplit(" ", 1)[0] + "…"
    # a cut inside the sentence shows: "…one I'll ask my supervisor", "Each book is $25 and…"
    if phrase and len(before) < len(head):
        phrase = "…" + phrase
    if phrase and (cut or len(after) < len(tail)) and not phrase.endswith("…"):
        phrase += "…"
    return phrase


_GREETING = re.compile(
    r"^\W*(hi|hello|hey|hiya|good (morning|afternoon|evening))\b[\w\s,!.]{0,12}$", re.I
)
# a sentence that only clears the throat: "ok srry.", "sorry, my bad.", "lol ok."
_FILLER = re.compile(
    r"^\W*((ok(ay)?|k|so|um+|uh+|hmm+|lol|haha+|sorry|srry|sry|my bad|oops|well|right|yeah|"
    r"yes|yep|no|nah|fair|fair enough|true|got it|i see)\b[\s,!.]*)+$",
    re.I,
)


def gist(text: str) -> str:
    """The learner's first real sentence, in up to 8 words: a long message that opens with
    "Hi!" or "ok srry." is not quoted as "Hi" or "ok srry"."""
    found = [(a, b) for a, b in sentences(text) if words(text[a:b])]
    real = [
        (a, b) for a, b in found if not (_GREETING.match(text[a:b]) or _FILLER.match(text[a:b]))
    ] or found
    for a, b in real[:1]:
        return quote(text, Hit(a, b), 8)
    return ""


def line(text: str, limit: int) -> str:
    one = " ".join(text.split())
    return one if len(one) <= limit else one[: limit - 1].rsplit(" ", 1)[0] + "…"
