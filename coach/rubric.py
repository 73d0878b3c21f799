"""The offline scorer: a deterministic rubric a human coach would recognise.

An answer earns its score with what a coach looks for, not with length or jargon: real
sentences that respond to the coach's question, concrete detail (a number, a date, a name),
a reason, a committed next step, and the persona's own skill cues for each dimension
(`seeds/rubrics.json`). Length has diminishing returns, and a long answer of unanchored
generalities costs points. Harmful advice, keyword lists, text copied from the coach and
attempts to set the score cap the round at 3 however fluent it is; an answer no cap applies
to keeps at least 2, so a thin real answer still ranks above no answer. Every dimension's
reason quotes the learner's words so the score can be checked.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from statistics import mean

from pydantic import BaseModel, Field, field_validator, model_validator

from coach.scoring import Assessment, clamp
from coach.text import STOPWORDS, stem, stems, words

RUBRICS_PATH = Path(__file__).resolve().parents[1] / "seeds" / "rubrics.json"

# --- the rubric data -------------------------------------------------------------------


class WeakCue(BaseModel):
    pattern: str
    reason: str = Field(min_length=1, max_length=140)


class DimensionRubric(BaseModel):
    strong: str = Field(min_length=1, max_length=120)
    tip: str = Field(min_length=1, max_length=160)
    cues: list[str] = Field(min_length=1)
    weak: list[WeakCue] = Field(default_factory=list)


class RedFlag(BaseModel):
    name: str
    reason: str = Field(min_length=1, max_length=170)
    instead: str = Field(min_length=1, max_length=200)
    patterns: list[str] = Field(min_length=1)
    context: str | None = None
    unless: str | None = None


class ConceptGroup(BaseModel):
    """A risky act next to a sensitive object: `actions` and `objects` are lexicons (a plain
    phrase is inflected, "re:" marks a regex); an action in `weak_actions` counts only with a
    sign of falsity in the sentence, and `where` (a regex) must also appear when given."""

    actions: list[str] = Field(min_length=1)
    objects: list[str] = Field(min_length=1)
    weak_actions: list[str] = Field(default_factory=list)
    falsity: str | None = None
    where: str | None = None
    window: int = Field(default=6, ge=1, le=12)


class HarmConcept(BaseModel):
    """A family of harm read as concepts, not phrases: any action of the family within a few
    words of any of its objects, or one of its `alone` patterns, in a sentence that neither
    refuses, warns against nor reports it."""

    name: str
    reason: str = Field(min_length=1, max_length=170)
    instead: str = Field(min_length=1, max_length=200)
    context: str | None = None
    unless: str | None = None
    groups: list[ConceptGroup] = Field(default_factory=list)
    alone: list[str] = Field(default_factory=list)


class GenericDimension(BaseModel):
    match: str
    rubric: DimensionRubric


class Rubrics(BaseModel):
    """`seeds/rubrics.json`, checked when loaded: every pattern must compile, so a typo in
    the data fails at start-up rather than silently never matching."""

    note: str = ""
    macros: dict[str, str] = Field(default_factory=dict)
    red_flags: list[RedFlag]
    concepts: list[HarmConcept] = Field(default_factory=list)
    gaming: list[str]
    domains: dict[str, dict[str, DimensionRubric]]
    topics: dict[str, str] = Field(default_factory=dict)
    generic: list[GenericDimension]
    fallback: DimensionRubric

    @model_validator(mode="before")
    @classmethod
    def _expand_macros(cls, data: object) -> object:
        if not isinstance(data, dict):
            return data
        macros = data.get("macros") or {}

        def expand(v: object) -> object:
            if isinstance(v, str):
                for name, body in macros.items():
                    v = v.replace(name, body)
                return v
            if isinstance(v, list):
                return [expand(i) for i in v]
            if isinstance(v, dict):
                return {k: expand(i) for k, i in v.items()}
            return v

        return {k: (v if k in ("macros", "note", "topics") else expand(v)) for k, v in data.items()}

    @field_validator("red_flags", "gaming", "domains", "generic", "fallback")
    @classmethod
    def _patterns_compile(cls, v: object) -> object:
        for pattern in _all_patterns(v):
            compiled(pattern)
        return v

    @field_validator("concepts")
    @classmethod
    def _concepts_compile(cls, v: list[HarmConcept]) -> list[HarmConcept]:
        for concept in v:
            for group in concept.groups:
                lexicon(tuple(group.actions), "action")
                lexicon(tuple(group.objects), "object")
                lexicon(tuple(group.weak_actions), "action")
            for extra in (concept.context, concept.unless, *concept.alone):
                if extra:
                    compiled_concept(extra)
        return v


def _all_patterns(v: object) -> list[str]:
    if isinstance(v, list):
        return [p for item in v for p in _all_patterns(item)]
    if isinstance(v, dict):
        return [p for item in v.values() for p in _all_patterns(item)]
    if isinstance(v, str):
        return [v]
    if isinstance(v, RedFlag):
        extra = [p for p in (v.context, v.unless) if p]
        # each part of a gapped pattern is also searched alone (negation inside the match)
        parts = [part for p in v.patterns if " … " in p for part in p.split(" … ")]
        return v.patterns + parts + extra
    if isinstance(v, DimensionRubric):
        return v.cues + [w.pattern for w in v.weak]
    if isinstance(v, GenericDimension):
        return [v.match, *_all_patterns(v.rubric)]
    return []


@cache
def load_rubrics(path: Path = RUBRICS_PATH) -> Rubrics:
    return Rubrics.model_validate(json.loads(path.read_text(encoding="utf-8")))


# --- built-in signals ------------------------------------------------------------------

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
    r"(?:hours?|days?|weeks?|minutes?|mins?)\b"
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
FLOOR = 2  # the lowest overall score of an answer no cap applies to
_TITLES = {"mr", "mrs", "ms", "dr", "prof", "st"}
CAUSAL = re.compile(
    r"\b(?:because|since|so that|so (?:they|she|he|we|i|the|it|you|that|their|my|our)\b|which "
    r"means|that way|in order to|due to|given (?:that|the|our|their|we)|the reason|as a result|"
    r"therefore|to avoid|to make sure|to ensure|to keep|to prevent|to protect|otherwise|which "
    r"(?:lets|gives|saves|keeps|cuts|reduces|avoids|helps|means)|to show|to prove)\b",
    re.I,
)
CONTRAST = re.compile(
    r"\b(?:but|however|whereas|although|though|at the cost of|trade-?offs?|in exchange for|"
    r"rather than|instead of|vs\.?|versus|on the other hand|the downside|the risk|at the "
    r"expense of)\b",
    re.I,
)
CONDITION = re.compile(r"\bif\b[^.!?]{3,80}?(?:,|\bthen\b|\bi'?ll\b|\bi will\b)|\bunless\b", re.I)
FIRM = re.compile(
    r"\b(?:i will|i'll|i am going to|i'm going to|i'm gonna|i plan to|i'm planning to|my "
    r"(?:next|first) step|next step is|i commit|we will|we'll|i have (?:booked|scheduled|emailed|"
    r"sent|asked|started|set)|i've (?:booked|scheduled|emailed|sent|asked|started|set)|i "
    r"(?:already )?(?:booked|scheduled|emailed|sent|asked|started|blocked|set up))\b",
    re.I,
)
SOFT = re.compile(
    r"\b(?:i'd|i would|i can|i could|i should|let me|let's|we should|we could|we'd|first,? i|"
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
    r"the same|i get (?:it|that|why|how)|i see why|i know how)\b",
    re.I,
)
HEDGE = re.compile(
    r"\b(?:maybe|perhaps|i guess|not sure|i don'?t know|idk|no idea|probably|kind of|sort of|"
    r"i suppose|hopefully|somehow|whatever|i dunno|at some point|someday|eventually|"
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
_AUX = frozenset(
    "am is are was were be been being will would shall should can could may might must do does "
    "did have has had i'm i'll i'd i've we're we'll we'd we've you're you'll they're they'll "
    "they'd it's that's he's she's there's let's don't won't can't didn't isn't aren't wasn't "
    "doesn't wouldn't shouldn't couldn't haven't hasn't need needs want wants going gonna".split()
)
_SUBJECT = frozenset("i we you they he she it".split())
_VERBS = frozenset(
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
    "tail inspect restart rerun reproduce bisect revert rollback roll delete invalidate".split()
)
_FUNCTION = STOPWORDS | frozenset(
    "not no to of the a an am been being than because before after then also too up out over "
    "down off back how why he she him her his us our i'm i'll i'd it's that's they're we're "
    "don't won't can't each any all some one first next".split()
)
_GAP = r"\s+(?:[^.!?\n]{0,60}?\s+)?"
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+|\s+[•*]\s+|^\s*[-•*]\s+", re.M)
_CLAUSE_BREAK = re.compile(
    r"[,;:()—–]|\s-\s|\b(?:but|so|then|and then|because|however|although|though|while|"
    r"whereas|otherwise|yet)\b",
    re.I,
)
_NEGATED_BEFORE = re.compile(
    r"\b(?:never|not|no|don't|do not|doesn't|does not|didn't|did not|won't|will not|wouldn't|"
    r"would not|shouldn't|should not|can't|cannot|mustn't|must not|refuse to|refusing to|"
    r"refused to|avoid|avoiding|instead of|rather than|without|stop|against|tempted to|urge "
    r"to|isn't|aren't|nobody|no one|neither|nor|nothing|less|warn\w*|instinct|urge|want to "
    r"avoid|resist\w*|before you|ask(?:s|ed)? (?:me|you|us|students?|people|them) to|"
    r"want(?:s|ed)? (?:me|you|us) to|requires? (?:me|you|us)? ?to|tell(?:s)? (?:you|me|us) to|"
    r"if (?:they|a|an|the|someone|anyone|it|you)|when (?:they|a|an|the|someone|anyone))\b",
    re.I,
)
_NEGATED_AFTER = re.compile(
    r"^\W*(?:is|are|would be|'s|was|will be|isn't|is not)\s+(?:never|not|a (?:bad|terrible|"
    r"huge|big) (?:idea|mistake)|wrong|a mistake|unacceptable|a (?:red flag|scam|no-go)|"
    r"dangerous|risky|unsafe|unethical|how you lose|off the table|out of the question)",
    re.I,
)
_WARNING = re.compile(
    r"\b(?:scam\w*|fraud\w*|phishing|red flag|warning sign|suspicious|predatory|too good to be "
    r"true|report (?:it|them|this|the)|walk away|delete (?:it|the)|legit(?:imate)? "
    r"(?:scholarships?|awards?|programs?) (?:never|don't|do not))\b",
    re.I,
)
_NOT_WARNING = re.compile(r"\b(?:not|isn't|is not|no|wasn't|never) (?:a |an |the )?$", re.I)


@lru_cache(maxsize=2048)
def compiled(pattern: str) -> re.Pattern[str]:
    """A rubric pattern as a regex: macros expanded, bounded so it matches whole words."""
    macros = {
        "@date": DATE.pattern,
        "@number": NUMBER.pattern,
        "@reason": CAUSAL.pattern,
        "@commitment": FIRM.pattern,
        "@ask": ASK.pattern,
        "@empathy": EMPATHY.pattern,
        "@question": r"\?",
        "@step": r"@step",
        "@name": r"@name",
    }
    body = macros.get(pattern.strip(), pattern).replace(" … ", _GAP)
    return re.compile(rf"(?<![\w$])(?:{body})(?![\w])", re.I)


# --- reading the answer ---------------------------------------------------------------


@dataclass(frozen=True)
class Hit:
    """A piece of the learner's text that a signal found, to quote back in a reason."""

    start: int
    end: int


@dataclass(frozen=True)
class Reading:
    """What the scorer read in one answer; every field is a fact about the learner's text."""

    text: str  # normalised answer
    own: str  # the answer with spans copied from the coach's question blanked out
    content: float  # content words in real sentences (fragments count half)
    sentence_share: float  # share of content words that sit in real sentences
    specifics: list[Hit]
    reasons: float
    commitment: float
    steps: list[Hit]
    names: list[Hit]
    questions: int
    hedges: list[Hit]
    copied_share: float
    relevance: float | None
    off_topic: bool
    anchored_share: float  # sentences carrying a detail, a step, a question or a grounded reason
    filler_share: float  # sentences of sweeping generalities with no detail
    own_topics: int  # the learner's own words about the coach's topic or question
    echo: bool  # nearly every word of the answer is a word of the coach's question
    own_stems: int


def normalise(text: str) -> str:
    return (
        text.replace("\u2019", "'")
        .replace("\u2018", "'")
        .replace("\u201c", '"')
        .replace("\u201d", '"')
        .replace("\u00a0", " ")
        .strip()
    )


def sentences(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences (and bullet items) in the text."""
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _tokens(text: str) -> list[str]:
    return [w.lower() for w in re.findall(r"[A-Za-z][A-Za-z']*", text)]


def _is_verb(token: str) -> bool:
    if token in _AUX or token in _VERBS:
        return True
    for suffix in ("ing", "ed", "es", "s"):
        if token.endswith(suffix) and len(token) > len(suffix) + 2:
            base = token[: -len(suffix)]
            if base in _VERBS or base + "e" in _VERBS or base[:-1] in _VERBS:
                return True
    return token.endswith("ed") and len(token) > 5


def is_real_sentence(piece: str) -> bool:
    """A clause a person would say: a few words, a verb, and the small words that join
    them. A comma-separated list of terms is not one, even with a verb among them."""
    tokens = _tokens(piece)
    if len(tokens) < 3:
        return False
    items = [i for i in re.split(r"[,/|]", piece) if i.strip()]
    if len(items) >= 3 and mean(len(_tokens(i)) for i in items) <= 3:
        verbs_per_item = sum(any(_is_verb(t) for t in _tokens(i)) for i in items)
        if verbs_per_item < len(items) / 2:
            return False
    has_verb = any(_is_verb(t) for t in tokens) or any(
        a in _SUBJECT and b not in _FUNCTION for a, b in zip(tokens, tokens[1:], strict=False)
    )
    function_share = sum(t in _FUNCTION for t in tokens) / len(tokens)
    if not function_share and not _is_verb(tokens[0]):
        # no small word at all and not an imperative: a run of terms ("LAST model (Listen
        # Apologize Solve Thank)"), even with verbs among them
        return False
    return has_verb and (function_share >= 0.12 or len(tokens) <= 6)


def blank_copied(text: str, question: str | None) -> tuple[str, float]:
    """The answer with every run of three or more words that also appears in the coach's
    question blanked out, and the share of words that were copied: repeating the question
    adds nothing, so only the learner's own words are read."""
    if not question:
        return text, 0.0
    q = _tokens(normalise(question))
    grams = {tuple(q[i : i + 3]) for i in range(len(q) - 2)}
    spans = [
        (m.start(), m.end(), m.group().lower()) for m in re.finditer(r"[A-Za-z][A-Za-z']*", text)
    ]
    copied = [False] * len(spans)
    for i in range(len(spans) - 2):
        if tuple(s[2] for s in spans[i : i + 3]) in grams:
            copied[i] = copied[i + 1] = copied[i + 2] = True
    if not any(copied):
        return text, 0.0
    own = list(text)
    for (start, end, _), c in zip(spans, copied, strict=True):
        if c:
            own[start:end] = ";" + " " * (end - start - 1)
    return "".join(own), sum(copied) / len(spans)


_SWAP = {"you": "i", "your": "my", "yours": "mine", "you're": "i'm", "yourself": "myself"}


def novelty(text: str, question: str | None) -> tuple[float, int] | None:
    """The share and count of the answer's content stems (the question's "you" read as the
    learner's "I") that the coach's question does not already contain; None without one."""
    if not question:
        return None

    def content(t: str) -> set[str]:
        tokens = (_SWAP.get(w, w) for w in _tokens(normalise(t)))
        return {stem(w) for w in tokens if w not in _FUNCTION and len(w) > 2}

    said, asked = content(text), content(question)
    if not said:
        return None
    new = said - asked
    return len(new) / len(said), len(new)


def echoes(text: str, question: str | None) -> bool:
    """Whether the answer restates the coach's question, reordered, paraphrased or turned into
    the first person ("What system am I designing?"): hardly a content word of its own and no
    figure the question lacks."""
    fresh = novelty(text, question)
    if fresh is None or question is None:
        return False
    share, count = fresh
    new_figures = set(re.findall(r"\d+", text)) - set(re.findall(r"\d+", question))
    return not new_figures and (share < 0.4 or (count <= 2 and share <= 0.5))


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


def _first_steps(text: str) -> list[Hit]:
    """Concrete steps: a commitment or a first-person plan with an action verb, or an
    imperative sentence starting with one ("Email Ms. Lopez tonight")."""
    hits = []
    for rx in (FIRM, SOFT):
        for m in rx.finditer(text):
            after = _tokens(text[m.end() : m.end() + 40])[:3]
            if any(_is_verb(t) and t not in {"be", "have", "do", "is", "are"} for t in after):
                hits.append(Hit(m.start(), min(len(text), m.end() + 40)))
    for a, b in sentences(text):
        tokens = _tokens(text[a:b])
        if tokens and tokens[0] in _VERBS and len(tokens) >= 3:
            hits.append(Hit(a, b))
        first = re.match(
            r"\s*(?:first|then|next|after that|finally|step \d)\W+(\w+)", text[a:b], re.I
        )
        if first and _is_verb(first.group(1).lower()):
            hits.append(Hit(a, b))
    # a sequence inside a sentence ("logs first, then diff my .env") or an imperative after a
    # dash or a semicolon ("Lopez essay (due Wed 5pm) - finish the last 150 words tonight")
    # is a plan too
    sequence = r"\b(?:then|and then|after that)\s+(\w+)|(?:\s[-–—]|;)\s+(\w+)"
    for m in re.finditer(sequence, text, re.I):
        token = (m.group(1) or m.group(2)).lower()
        if token not in _AUX and (_is_verb(token) if m.group(1) else token in _VERBS):
            end = next((b for a, b in sentences(text) if a <= m.start() < b), len(text))
            hits.append(Hit(m.start(), min(end, m.end() + 40)))
    return hits


QUESTION_WORDS = stems(
    "what would you do say your next step how why when which think tell make thing going "
    "want need could should does did like right okay something about walk through let"
)
DEFLECT = re.compile(
    r"\b(?:lol|lmao|haha+|tbh|anyway|anyways|btw|by the way|quick q(?:uestion)?|random "
    r"(?:question|q)|off[- ]topic|unrelated|can we (?:skip|talk about something else|do this "
    r"later)|change the subject|need a break)\b",
    re.I,
)


# Things a learner talks about instead of the round: pastimes, food, weather, sport, shopping,
# chat with the coach about the coach.
UNRELATED = re.compile(
    r"\b(?:weather|rain(?:ing|y)?|sunny|snow(?:ing)?|hot outside|video ?games?|gaming|fortnite|"
    r"minecraft|roblox|xbox|playstation|ps5|nintendo|switch games|anime|manga|movies?|films?|"
    r"netflix|tv shows?|episode|tiktok|instagram|youtube|memes?|pizza|burgers?|tacos?|"
    r"sushi|snacks?|hungry|football|soccer|basketball|baseball|nba|"
    r"nfl|the game last night|gym|workout|beach|concert|music|"
    r"songs?|playlist|album|band|dating|girlfriend|boyfriend|crush|my cat|my dog|pets?|birthday|"
    r"laptop (?:under|for gaming)|new phone|shopping|shoes|haircut|wifi password|gym discount|"
    r"paid more|horoscope|zodiac|bored|boring|who cares|whatever|lol|lmao|rofl|"
    r"haha+|are you (?:a bot|real|human|an ai|a person)|how old are you|what(?:'s| is) your "
    r"(?:name|favou?rite)|do you (?:like|have a|watch|play|know any|ever)|where are you from|"
    r"your (?:mum|mom)|that's literally my)\b",
    re.I,
)


@dataclass(frozen=True)
class Relevance:
    score: float | None  # None: no coach question to answer
    off_topic: bool


def relevance(
    own: str, reading_steps: int, question: str | None, topic_words: int = 1
) -> Relevance:
    """How directly the answer takes up the coach's question: shared topic words, or the
    kind of answer the question asks for (a time for "when", a reason for "why", a step or
    a line to say for "how would you"). An answer that shares nothing with the question,
    gives no step and turns to a question of its own, or deflects ("lol, can we skip
    this"), is off-topic."""
    deflects = bool(DEFLECT.search(own))
    unrelated = len(UNRELATED.findall(own))
    # Talk of other things with nothing on the round's topic (the question's words, the
    # persona's domain and rubric vocabulary), or with hardly anything and no plan on it.
    strays = unrelated > 0 and (
        topic_words == 0 or (topic_words <= 1 and (reading_steps == 0 or "?" in own))
    )
    if not question or not question.strip():
        return Relevance(None, (deflects and reading_steps == 0) or strays)
    q = normalise(question).lower()
    asked = stems(q) - QUESTION_WORDS
    overlap = len(stems(own) & asked)
    speech = bool(
        EMPATHY.search(own) or ASK.search(own) or re.search(r"\b(?:you|your)\b|[\":]", own)
    )
    kinds = [
        (r"\bwhen\b|\bby when\b|what time|deadline|\bdate\b|\bdue\b", bool(DATE.search(own))),
        (r"\bwhy\b|\breason", bool(CAUSAL.search(own))),
        (
            r"how (?:would|will|do|could|can|might) you|what (?:would|will|do|could) you "
            r"(?:do|ask)|next step|what(?:'s| is) your plan|\bplan\b|today",
            reading_steps > 0 or bool(ASK.search(own)),
        ),
        (
            r"\bsay\b|\brespond|\breply|\brewrite|\bdraft|first sentence|\bopen\b|\btell\b|"
            r"\bexplain|role-play|customer:|prospect:",
            reading_steps > 0 or speech,
        ),
        (r"\bwho\b|\bwhom\b", bool(names_in(own)) or bool(ASK.search(own))),
        (r"how (?:many|much|long|fast)|\bbudget\b|\bnumbers?\b", bool(NUMBER.search(own))),
        (
            r"\bwhich\b|\bor\b|\bchoose\b|\bpick\b|\boption",
            bool(SOFT.search(own) or FIRM.search(own)) or overlap > 0,
        ),
    ]
    asked_kinds = [found for rx, found in kinds if re.search(rx, q)]
    kind_match = any(asked_kinds)
    if not asked_kinds:
        score = min(1.0, 0.5 + 0.25 * overlap)
    else:
        score = min(1.0, 0.3 * overlap + (0.6 if kind_match else 0.0) + (0.2 if not asked else 0.0))
    off_topic = (
        (overlap <= 1 and deflects)
        or (overlap == 0 and reading_steps == 0 and "?" in own and not kind_match)
        or (strays and overlap <= 1)
    )
    return Relevance(score, off_topic)


def classify_sentences(
    own: str, steps: list[Hit], names: list[Hit], topic: set[str]
) -> tuple[float, float]:
    """Shares of sentences that are anchored (a number, date or name; a step; a question or
    an acknowledgement; or a reason about the topic) and of filler (sweeping generalities
    with no detail). A coach weighs what each sentence carries, not how many there are."""
    anchored = filler = total = 0
    for a, b in sentences(own):
        piece = own[a:b]
        if not [w for w in words(piece) if w.lower() not in _FUNCTION]:
            continue
        total += 1
        hard = bool(DATE.search(piece) or FIGURE.search(piece)) or any(
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


def read_answer(text: str, question: str | None, topic: set[str]) -> Reading:
    own, copied_share = blank_copied(text, question)
    content = 0.0
    in_sentences = 0.0
    for a, b in sentences(own):
        piece = own[a:b]
        n = len([w for w in words(piece) if w.lower() not in _FUNCTION and len(w) > 1])
        if is_real_sentence(piece):
            content += n
            in_sentences += n
        else:
            content += n / 2
    total = sum(
        len([w for w in words(own[a:b]) if w.lower() not in _FUNCTION and len(w) > 1])
        for a, b in sentences(own)
    )
    names = names_in(own)
    specifics: list[Hit] = [Hit(m.start(), m.end()) for m in DATE.finditer(own)]
    specifics += [
        Hit(m.start(), m.end())
        for m in NUMBER.finditer(own)
        if not any(h.start <= m.start() < h.end for h in specifics)
    ]
    specifics += names
    reasons = (
        len(CAUSAL.findall(own))
        + 0.75 * len(CONDITION.findall(own))
        + 0.5 * len(CONTRAST.findall(own))
    )
    steps = _first_steps(own)
    dated_firm = any(FIRM.search(own[a:b]) and DATE.search(own[a:b]) for a, b in sentences(own))
    detailed_step = any(
        DATE.search(own[h.start : h.end])
        or FIGURE.search(own[h.start : h.end])
        or any(h.start <= n.start < h.end for n in names)
        for h in steps
    )
    commitment = 1.0 if dated_firm else 0.8 if detailed_step else 0.5 if steps else 0.0
    anchored_share, filler_share = classify_sentences(own, steps, names, topic)
    own_stems = stems(own)
    fit = relevance(own, len(steps), question, len(own_stems & topic))
    return Reading(
        text=text,
        own=own,
        content=content,
        sentence_share=in_sentences / total if total else 0.0,
        specifics=specifics,
        reasons=reasons,
        commitment=commitment,
        steps=steps,
        names=names,
        questions=own.count("?") + len(ASK.findall(own)),
        hedges=[Hit(m.start(), m.end()) for m in HEDGE.finditer(own)],
        copied_share=copied_share,
        relevance=fit.score,
        off_topic=fit.off_topic,
        anchored_share=anchored_share,
        filler_share=filler_share,
        own_topics=len(own_stems & topic),
        echo=echoes(text, question),
        own_stems=len(own_stems),
    )


# --- red flags and gaming ---------------------------------------------------------------


def _clause_before(text: str, start: int) -> str:
    sentence_start = max((b for a, b in _sentence_bounds(text) if b <= start), default=0)
    before = text[sentence_start:start]
    parts = _CLAUSE_BREAK.split(before)
    return " ".join(parts[-1].split()[-7:]) if parts else ""


def _sentence_bounds(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _SENTENCE_END.finditer(text)]


def _sentence_at(text: str, pos: int) -> str:
    for a, b in sentences(text):
        if a <= pos < b:
            return text[a:b]
    return text


def negated(text: str, start: int, end: int) -> bool:
    """Whether a harmful phrase is being refused or warned against ("never pay a fee", "I'd
    flag it as a scam", "instead of hanging up") rather than proposed."""
    if _NEGATED_BEFORE.search(_clause_before(text, start)):
        return True
    if _NEGATED_AFTER.search(text[end : end + 60]):
        return True
    sentence = _sentence_at(text, start)
    for m in _WARNING.finditer(sentence):
        if not _NOT_WARNING.search(sentence[: m.start()][-20:]):
            return True
    return False


@dataclass(frozen=True)
class Flag:
    rule: RedFlag | HarmConcept
    hit: Hit


def _negated_inside(text: str, pattern: str, start: int, end: int) -> bool:
    """Whether a later part of a gapped pattern ("SSN … fill that in") is itself refused:
    "they ask for my SSN; I won't fill that in" names the harm only to turn it down."""
    for segment in pattern.split(" … ")[1:]:
        for m in compiled(segment).finditer(text, start, end):
            if _NEGATED_BEFORE.search(_clause_before(text, m.start())):
                return True
    return False


def red_flag(text: str, domain_id: str) -> Flag | None:
    rubrics = load_rubrics()
    for rule in rubrics.red_flags:
        if rule.context and domain_id != "scholarship_coach":
            if not compiled(rule.context).search(text):
                continue
        for pattern in rule.patterns:
            for m in compiled(pattern).finditer(text):
                if negated(text, m.start(), m.end()):
                    continue
                if _OTHER_SUBJECT.search(_clause_before(text, m.start())):
                    continue
                if _negated_inside(text, pattern, m.start(), m.end()):
                    continue
                if rule.unless and compiled(rule.unless).search(_sentence_at(text, m.start())):
                    continue
                return Flag(rule, Hit(m.start(), m.end()))
    return None


# --- harm as concepts: a risky act near a sensitive object ---------------------------------

# Words after an object that make it a modifier of another noun ("test data", "password
# reset", "review meeting"): the sentence is about that other thing.
_NOT_HEAD = (
    r"data|users?|env|environment|servers?|database|db|instance|cluster|files?|"
    r"fixtures?|names?|time|meetings?|process|step|queue|cases?|plan|coverage|results?|runs?|"
    r"reports?|sessions?|emails?|calls?|notes?|comments?|period|window|dates?|"
    r"deadline|stage|mode|links?|pages?|screen|forms?|fields?|messages?|requests?|reset|resets|"
    r"policy|strength|hashing|hash|hashes|manager|rotation|change|requirements?|complexity|"
    r"generator|feedback|cycle|round|slot|template|checklist|doc|docs|tickets?"
)
_PRONOUN_OBJECT = re.compile(
    r"\s+(?:[\w']+\s+)?(?:it|that|them|those|this|these|everything|all of (?:it|them|that))\b",
    re.I,
)
_PRONOUN = re.compile(r"\b(?:it|that|them|those|this|these)\b", re.I)
# Someone else doing the act ("the sponsor will send the $2,000 to the college").
_OTHER_SUBJECT = re.compile(
    r"\b(?:they|he|she|it|who|which|(?:the|their|this|that) [\w-]+)(?:'ll| will| would| can| "
    r"could| should| might| may| must| then| also| just| usually| always| to)*\s*$",
    re.I,
)
_MAIN_CLAUSE = re.compile(
    r".*\b((?:i|we)(?:'ll|'d| will| would| am going to|'m going to| just| can)\b)", re.I | re.S
)
_PASSIVE_GAP = re.compile(
    r"\s+(?:[\w']+\s+){0,2}?(?:be|is|are|was|were|get|gets|got|been|being)\s+(?:[\w']+\s+)?", re.I
)
# What someone else asks or says: what follows decides (a refusal, or doing it anyway).
_REQUEST = re.compile(
    r"\b(?:if|when|whenever|once|unless)\s*$"
    r"|\b(?:if|when|whenever|once) (?:they|a|an|the|someone|anyone|it|you|he|she)\b.*"
    r"|\b(?:ask(?:s|ed)?|want(?:s|ed)?|tell(?:s)?|told|require(?:s|d)?|expect(?:s|ed)?|"
    r"instruct(?:s|ed)?|demand(?:s|ed)?|urge(?:s|d)?) (?:me|you|us|students?|people|them|"
    r"applicants|winners)? ?to\b.*",
    re.I,
)
_REPORTED = re.compile(
    r"\b(?:says?|said|asks?|asked|reads?|wrote|writes|claims?|claimed|states?|told (?:me|us)|"
    r"wants?|wanted|requests?|requested|demands?|demanded|offers? to|offered to)\s*[:,]?\s*"
    r"[\"']?\s*(?:me|us|you)?\s*(?:to\s+)?(?:[\"']\s*)?$",
    re.I,
)
_COMPLY = re.compile(
    r"\b(?:i|we)(?:'ll|'d| will| would| did| just| am going to|'m going to| can| plan to| then)"
    r"\s+(?:just |probably |happily |quickly |go ahead and )?(?:do (?:it|that|so|what)|go ahead|"
    r"comply|send|pay|give|provide|fill|enter|share|hand|wire|transfer|submit|type|upload|email|"
    r"text|follow|agree|let)|\bso i did\b|\bi did\b|\bwhich i (?:did|will)\b",
    re.I,
)
_REFUSE = re.compile(
    r"\b(?:no|not|never|won't|wouldn't|don't|refuse\w*|declin\w*|report\w*|scam\w*|ignore (?:it|"
    r"them|that)|delete\w*|block\w*|flag\w*|say no|said no|counselor|verify|check with|red flag|"
    r"suspicious|fake|turn(?:ed)? (?:it|them|him|her) down|pass(?:ed)? on)\b|n't\b",
    re.I,
)
# A negation or warning earlier in the sentence reaches an act listed after it ("I'd never pay
# a fee or share my SSN"), until a new clause starts ("…, I'll send it tonight").
_SCOPE_NEG = re.compile(
    r"\b(?:never|don't|do not|won't|will not|wouldn't|would not|shouldn't|should not|can't|"
    r"cannot|refuse to|avoid\w*|rather than|instead of|not(?! sure| ideal| great| perfect| much| a"
    r" big deal| only)|nor|without|stop|against|wasn't|weren't|hardly|red flags?|warning signs?|"
    r"scam\w*|watch out for|be careful|beware|mistakes? (?:like|such as)|things (?:not )?to avoid|"
    r"no way|no one should|nobody should)\b",
    re.I,
)
_NEW_CLAUSE = re.compile(
    r"[;!?]|\b(?:but|so|then|because|however|instead|i'll|i will|i'd|i would|we'll|we will|we'd|"
    r"i'm going|we're going|i am going|i plan|my plan|first|next|and then|i can|we can|i just|"
    r"we just)\b",
    re.I,
)
_EXTRA_NEG_BEFORE = re.compile(
    r"\b(?:wasn't|weren't|hardly|no matter|regardless of|never ever|not once|no longer|"
    r"shouldn't have to|nobody should|no one should|mistake to|wrong to|bad idea to|tempting to)"
    r"\b",
    re.I,
)
_REFUSED_AFTER = re.compile(
    r"\bbut (?:i|we)(?:'ll| will|'d| would)? ?(?:said no|say no|decline[ds]?|refuse[ds]?|won't|"
    r"will not|wouldn't|turned (?:it|them|him|her) down|turn (?:it|them|him|her) down|passed|pass"
    r"|didn't|did not)\b",
    re.I,
)
_REFUSED_NEXT = re.compile(
    r"\s*(?:no|nope|no way|absolutely not|not a chance|i (?:said|say|will say|would say|'d say|'ll"
    r" say) no|i (?:declined|refused|won't|wouldn't|didn't)|that(?:'s| is| would be) (?:a scam|a "
    r"red flag|wrong|a bad idea|not ok|not okay|unethical|dishonest|risky|dangerous))\b",
    re.I,
)


def _inflect(word: str) -> str:
    """A verb's forms as a regex: "share" → shar(?:e|es|ed|ing), "skip" → skip(?:s|p?ed|…)."""
    w = re.escape(word)
    if word.endswith("e") and not word.endswith("ee"):
        return rf"{w[:-1]}(?:e|es|ed|ing)"
    if len(word) > 2 and word.endswith("y") and word[-2] not in "aeiou":
        return rf"{w[:-1]}(?:y|ies|ied|ying)"
    last = re.escape(word[-1])
    return rf"{w}(?:s|es|{last}?ed|{last}?ing)?"


def _lexeme(entry: str, kind: str) -> str:
    if entry.startswith("re:"):
        return entry[3:]
    parts = entry.split()
    if kind == "action":
        head = [_inflect(parts[0])] + [re.escape(p) for p in parts[1:]]
    else:
        last = parts[-1]
        plural = (
            rf"{re.escape(last[:-1])}(?:y|ies)"
            if last.endswith("y") and len(last) > 2 and last[-2] not in "aeiou"
            else rf"{re.escape(last)}(?:s|es)?"
        )
        head = [re.escape(p) for p in parts[:-1]] + [plural]
    return r"[\s-]+".join(head)


@lru_cache(maxsize=256)
def lexicon(entries: tuple[str, ...], kind: str) -> re.Pattern[str] | None:
    """One regex for a lexicon: every entry inflected, longest first, bounded as whole words;
    an object must be the head noun, not a modifier ("test data" is not "tests")."""
    if not entries:
        return None
    body = "|".join(sorted((_lexeme(e, kind) for e in entries), key=len, reverse=True))
    tail = rf"(?!\s+(?:{_NOT_HEAD})\b)" if kind == "object" else ""
    return re.compile(rf"(?<![\w$-])(?:{body})(?![\w-]){tail}", re.I)


@lru_cache(maxsize=1024)
def compiled_concept(pattern: str) -> re.Pattern[str]:
    body = pattern[3:] if pattern.startswith("re:") else pattern
    return re.compile(rf"(?<![\w$-])(?:{body})(?![\w-])", re.I)


def _sentence_span(text: str, pos: int) -> tuple[int, int]:
    for a, b in sentences(text):
        if a <= pos < b:
            return a, b
    return 0, len(text)


def declined(text: str, start: int, end: int) -> bool:
    """Whether a harmful act is refused, warned against, avoided, or only reported as what
    someone else asks ("the form asks me to enter my SSN") with no sign of doing it."""
    a, b = _sentence_span(text, start)
    before = _clause_before(text, start)
    prefix = text[a:start]
    main = _MAIN_CLAUSE.match(before)
    if main:  # "if he keeps complaining I'll just …": the act is in the main clause
        before = before[main.start(1) :]
        prefix = prefix[len(prefix) - len(before) :] if before in prefix else prefix
    request = _REQUEST.search(before) or _REPORTED.search(prefix)
    rest = _REQUEST.sub("", before) if request else before
    if _NEGATED_BEFORE.search(rest) or _EXTRA_NEG_BEFORE.search(rest):
        return True
    if request:
        after = text[end : min(len(text), b + 140)]
        return not (_COMPLY.search(after) and not _REFUSE.search(after[:80]))
    for m in _SCOPE_NEG.finditer(prefix):
        if not _NEW_CLAUSE.search(prefix[m.end() :]):
            return True
    if _NEGATED_AFTER.search(text[end : end + 60]):
        return True
    sentence = text[a:b]
    for m in _WARNING.finditer(sentence):
        if not _NOT_WARNING.search(sentence[: m.start()][-20:]):
            return True
    if _REFUSED_AFTER.search(text[end:b]) or _REFUSED_NEXT.match(text[b : b + 60]):
        return True
    return False


def _object_near(
    text: str, group: ConceptGroup, act: re.Match[str], bounds: tuple[int, int, int]
) -> int | None:
    """The end of the sensitive object the act is done to: within `window` words after it,
    named earlier and picked up by a pronoun ("the SSN … I'll send it"), or in a passive
    ("TLS gets disabled")."""
    objects = lexicon(tuple(group.objects), "object")
    assert objects is not None
    prev, a, b = bounds
    for o in objects.finditer(text, act.end(), b):
        if len(text[act.end() : o.start()].split()) <= group.window:
            return o.end()
        break
    pronoun = _PRONOUN_OBJECT.match(text, act.end(), b)
    if (pronoun or _PRONOUN.search(act.group())) and objects.search(text, prev, act.start()):
        return pronoun.end() if pronoun else act.end()
    for o in objects.finditer(text, a, act.start()):
        if _PASSIVE_GAP.fullmatch(text, o.end(), act.start()):
            return act.end()
    return None


def _concept_hits(concept: HarmConcept, text: str) -> Hit | None:
    spans = sentences(text)
    unless = compiled_concept(concept.unless) if concept.unless else None

    def clear(start: int, end: int) -> bool:
        a, b = _sentence_span(text, start)
        sentence = text[a:b].strip()
        if sentence.endswith("?") and re.match(
            r"(?:should|shall|can|could|do|does|would|is|are|why|what|how|will)\b", sentence, re.I
        ):
            return False
        if unless is not None and unless.search(text[a:b]):
            return False
        return not declined(text, start, end)

    for group in concept.groups:
        actions = lexicon(tuple(group.actions), "action")
        weak = lexicon(tuple(group.weak_actions), "action")
        assert actions is not None
        for i, (a, b) in enumerate(spans):
            prev = spans[i - 1][0] if i else a
            for act in actions.finditer(text, a, b):
                end = _object_near(text, group, act, (prev, a, b))
                if end is None:
                    continue
                sentence = text[a:b]
                if weak is not None and weak.fullmatch(act.group()):
                    if not (group.falsity and re.search(group.falsity, sentence, re.I)):
                        continue
                if group.where and not re.search(group.where, sentence, re.I):
                    continue
                if _OTHER_SUBJECT.search(_clause_before(text, act.start())):
                    continue
                if clear(act.start(), end):
                    return Hit(act.start(), end)
    for pattern in concept.alone:
        for m in compiled_concept(pattern).finditer(text):
            if clear(m.start(), m.end()):
                return Hit(m.start(), m.end())
    return None


def concept_flag(text: str, domain_id: str) -> Flag | None:
    """The first harm family whose concept the answer proposes (see `HarmConcept`)."""
    for concept in load_rubrics().concepts:
        if concept.context and domain_id != "scholarship_coach":
            if not re.search(concept.context, text, re.I):
                continue
        hit = _concept_hits(concept, text)
        if hit is not None:
            return Flag(concept, hit)
    return None


def gaming(text: str) -> Hit | None:
    for pattern in load_rubrics().gaming:
        m = compiled(pattern).search(text)
        if m:
            return Hit(m.start(), m.end())
    return None


# --- per-dimension evidence --------------------------------------------------------------


def rubric_for(domain_id: str, dimension: str) -> DimensionRubric:
    """The persona's own rubric for a dimension; for a persona an admin added, the generic
    rubric whose theme the dimension's name points at, else the general fallback."""
    rubrics = load_rubrics()
    own = rubrics.domains.get(domain_id, {}).get(dimension)
    if own is not None:
        return own
    for generic in rubrics.generic:
        if re.search(generic.match, dimension, re.I):
            return generic.rubric
    return rubrics.fallback


def dimension_tip(dimension: str, domain_id: str | None = None) -> str:
    """The one-line tip for a dimension (for the report card): the persona's own when the
    domain is known or the dimension belongs to exactly one seed persona, else the generic
    one its name points at."""
    if domain_id is None:
        owners = [d for d, dims in load_rubrics().domains.items() if dimension in dims]
        domain_id = owners[0] if len(owners) == 1 else ""
    return rubric_for(domain_id, dimension).tip


def cue_hits(rubric: DimensionRubric, reading: Reading) -> list[Hit]:
    hits: list[Hit] = []
    for cue in rubric.cues:
        if cue == "@step":
            hits += reading.steps[:1]
        elif cue == "@name":
            hits += reading.names[:1]
        else:
            m = compiled(cue).search(reading.own)
            if m:
                hits.append(Hit(m.start(), m.end()))
    return hits


def weak_hit(rubric: DimensionRubric, text: str) -> tuple[WeakCue, Hit] | None:
    for weak in rubric.weak:
        for m in compiled(weak.pattern).finditer(text):
            if not negated(text, m.start(), m.end()):
                return weak, Hit(m.start(), m.end())
    return None


def saturate(count: float, scale: float) -> float:
    return 1 - math.exp(-count / scale)


# --- quoting -------------------------------------------------------------------------


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
    if len(core) > max_words:
        core = core[:max_words]
        tail = []
    room = max_words - len(core)
    before = head[-(room // 2) :] if room // 2 else []
    after = tail[: room - len(before)]
    if len(after) < room - len(before):
        before = head[-(room - len(after)) :] if room - len(after) else []
    phrase = " ".join(before + core + after).strip(" ,;:-\"'")
    phrase = " ".join(phrase.split()).rstrip(".!?")
    if len(phrase) > 90:
        phrase = phrase[:88].rsplit(" ", 1)[0] + "…"
    return phrase


def gist(text: str) -> str:
    for a, b in sentences(text):
        piece = text[a:b]
        if words(piece):
            return quote(text, Hit(a, min(b, a + len(piece))), 8)
    return ""


def line(text: str, limit: int) -> str:
    one = " ".join(text.split())
    return one if len(one) <= limit else one[: limit - 1].rsplit(" ", 1)[0] + "…"


# --- scoring -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Cap:
    """A ceiling on the round and every dimension, with the reason the learner is shown."""

    ceiling: int
    hit: Hit | None
    reason: str
    feedback: str


def rubric_vocabulary(
    dimensions: list[str], knowledge_tags: list[str], success_conditions: str | None
) -> set[str]:
    names = " ".join(d.replace("_", " ") for d in dimensions + knowledge_tags)
    return stems(names + " " + (success_conditions or ""))


def find_cap(reading: Reading, domain_id: str, vocabulary: set[str], text: str) -> Cap | None:
    flag = red_flag(text, domain_id) or concept_flag(text, domain_id)
    if flag is not None:
        said = quote(text, flag.hit)
        return Cap(
            2,
            flag.hit,
            f'"{said}": {flag.rule.reason}',
            f'Red flag: "{said}" — {flag.rule.reason}. {flag.rule.instead}',
        )
    game = gaming(text)
    if game is not None:
        said = quote(text, game, 6)
        return Cap(
            1,
            game,
            f'"{said}" asks for a score instead of showing the skill',
            f'"{said}" is an attempt to set the score, not an answer. Answer the coach\'s '
            "question in your own words with one concrete step.",
        )
    own_words = [w for w in words(reading.own) if w.lower() not in _FUNCTION and len(w) > 1]
    if (reading.copied_share >= 0.5 and len(own_words) < 6) or reading.echo:
        return Cap(
            2,
            None,
            f'"{gist(text)}" repeats the coach\'s question and adds nothing new',
            "That repeats the coach's question. Answer it in your own words: one concrete "
            "step, a detail and the reason.",
        )
    if reading.off_topic:
        return Cap(
            2,
            None,
            f'"{gist(text)}" does not take up the coach\'s question',
            "That does not answer the coach's question. Come back to it: one concrete step "
            "on it, with a detail and the reason.",
        )
    said_stems = {stem(w) for w in own_words}
    jargon = said_stems & vocabulary
    if own_words and len(jargon) >= 4 and len(jargon) >= 0.4 * len(said_stems):
        return Cap(
            2,
            None,
            f'"{gist(text)}" names the rubric\'s terms instead of saying what you would do',
            "Naming the topics is not an answer. Say what you would do, with one concrete "
            "detail and the reason.",
        )
    if (
        reading.content >= 4
        and reading.sentence_share < 0.4
        and not DATE.search(reading.own)
        and not FIGURE.search(reading.own)
    ):
        return Cap(
            2,
            None,
            f'"{gist(text)}" is a list of fragments, not a plan in sentences',
            "A list of terms is not an answer. Write what you would do in a sentence or "
            "two, with one concrete detail and the reason.",
        )
    return None


def hollow_length(reading: Reading, density: float) -> float:
    """0-1: how much of a long answer is talk without substance. Past about thirty content
    words, every further stretch of unanchored sentences with hardly a detail counts against
    it, as a coach marks down a fluent essay that never commits to anything (the labels'
    "length earns nothing"); a long answer dense with figures, names and steps is untouched."""
    excess = max(0.0, reading.content - 30) / 30
    sparsity = 1 - min(1.0, density)
    return min(1.0, excess * (1 - reading.anchored_share) * sparsity)


_COUNT = re.compile(
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
    r"forty|fifty|hundred|thousand|million)\b",
    re.I,
)
SHORT_WORDS = 35  # up to here an answer is short, and judged on what it carries, not length


def concise(overall: int, reading: Reading, undercut: bool) -> int:
    """A short answer is scored on what it carries: a concrete detail (a number, a date, a
    name) and a step or a reason, on the coach's question, with no hedge and no habit that
    undercuts it, lands at 7-8 however few its words; a short answer with neither a detail nor
    a step or reason ("I'd be more careful next time") stays at 4 or below."""
    own = reading.own
    detail = bool(
        DATE.search(own)
        or FIGURE.search(own)
        or _COUNT.search(own)
        or any(not own[h.start : h.end].isupper() for h in reading.names)
    )
    acts = bool(reading.steps) or reading.reasons > 0 or bool(re.search(r",\s*so\b", own))
    on_question = reading.relevance is None or reading.relevance >= 0.5
    plain = not reading.hedges and not reading.filler_share and not undercut
    if detail and acts and on_question and plain:
        return min(max(overall, 7), 8)
    if not detail and not acts:
        return min(overall, 4)
    return overall


def rubric_assessment(
    learner_message: str,
    *,
    domain_id: str,
    coach_question: str | None,
    dimensions: list[str],
    knowledge_tags: list[str],
    success_conditions: str | None,
) -> Assessment:
    """Score one answer 1-10 on each of the persona's dimensions, each with a reason that
    quotes the learner, and one line of feedback. Pure: the same input, the same score."""
    text = normalise(learner_message)
    names = dimensions or ["quality"]
    vocabulary = rubric_vocabulary(dimensions, knowledge_tags, success_conditions)
    topic = (
        vocabulary
        | stems(load_rubrics().topics.get(domain_id, ""))
        | (stems(coach_question) - QUESTION_WORDS if coach_question else set())
    )
    reading = read_answer(text, coach_question, topic)
    cap = find_cap(reading, domain_id, vocabulary, text)

    substance = saturate(reading.content, 6)
    count = sum(
        0.5 if re.fullmatch(r"[a-z ]+", reading.own[h.start : h.end].lower()) else 1.0
        for h in reading.specifics
    )
    density = 10 * count / max(reading.content, 10)  # details per ten content words
    specific = saturate(count, 1.2) * min(1.0, 0.3 + 0.7 * density / 1.2)
    reasoning = saturate(reading.reasons, 0.9)
    general = (
        0.15 * substance
        + 0.3 * reading.anchored_share
        + 0.2 * specific
        + 0.15 * reasoning
        + 0.2 * reading.commitment
    )
    if reading.relevance is not None:
        general = 0.8 * general + 0.2 * reading.relevance
    penalty = 2.5 * reading.filler_share
    penalty += 3 * hollow_length(reading, density)
    penalty += min(2.0, 0.8 * len(reading.hedges) * 10 / (10 + reading.content))
    if reading.relevance is not None:
        penalty += 2.5 * (1 - reading.relevance) ** 2

    scores: dict[str, int | None] = {}
    reasons: dict[str, str] = {}
    details: dict[str, tuple[DimensionRubric, float, str]] = {}
    undercut: tuple[str, str] | None = None  # a habit that undercuts a skill, and its tip
    for name in names:
        rubric = rubric_for(domain_id, name)
        hits = cue_hits(rubric, reading)
        strength = saturate(len(hits), 1.3) * min(1.0, 0.3 + substance)
        raw = 1 + 9 * (0.55 * general + 0.45 * strength) - penalty
        weak = weak_hit(rubric, text)
        if weak is not None:
            raw = min(raw - 2, 4)
            reason = f'"{quote(text, weak[1])}" {weak[0].reason}'
            undercut = undercut or (reason, rubric.tip)
        elif hits:
            best = max(hits, key=lambda h: h.end - h.start)
            reason = f'"{quote(text, best)}" {rubric.strong}'
            if raw < 7:
                reason += f"; next: {rubric.tip}"
        elif text:
            reason = f'nothing yet in "{gist(text)}": {rubric.tip}'
        else:
            reason = f"no answer given: {rubric.tip}"
        score = clamp(raw)
        if cap is not None:
            score = min(score, cap.ceiling)
            reason = cap.reason
        scores[name] = score
        reasons[name] = line(reason, 200)
        details[name] = (rubric, raw, reason)

    raws = sorted(raw for _, raw, _ in details.values())
    shown = raws[len(raws) // 2 :]
    overall = clamp(
        0.6 * (1 + 9 * general - penalty) + 0.4 * mean(shown) - (1.5 if undercut else 0)
    )
    if cap is None and len(words(text)) <= SHORT_WORDS:
        overall = concise(overall, reading, undercut is not None)
    if cap is not None:
        overall = min(overall, cap.ceiling)
    else:
        # A real answer in the learner's own words, however thin, is more than no answer:
        # 1 is kept for what the caps catch (harm, copies, lists, attempts at the score).
        overall = max(overall, FLOOR)
    if cap is not None:
        feedback = cap.feedback
    elif undercut is not None:
        feedback = f"{undercut[0]}. Next: {undercut[1]}."
    else:
        feedback = _feedback(text, reading, details)
    return Assessment(
        score=overall,
        feedback=line(feedback, 400),
        dimension_scores=scores,
        dimension_reasons=reasons,
    )


def _feedback(
    text: str, reading: Reading, details: dict[str, tuple[DimensionRubric, float, str]]
) -> str:
    """One line: what was strong (quoting the learner), and the one thing to do next."""
    ranked = sorted(details, key=lambda d: details[d][1])
    weakest, strongest = ranked[0], ranked[-1]
    tip = details[weakest][0].tip
    if not text:
        return f"No answer yet. Next: {tip}."
    if reading.hedges and details[weakest][1] < 7:
        said = quote(text, reading.hedges[0], 5)
        return f'"{said}" hedges. Next: {tip}.'
    rubric, raw, reason = details[strongest]
    if raw >= 5 and reason.startswith('"'):
        said = reason.split('"')[1]
        return f'Strong: {rubric.strong} ("{said}"). Next: {tip}.'
    return f"Next: {tip}."
