"""Whether an answer takes up the coach's question: text copied from it, a restatement of
it, and talk of other things (off-topic)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from coach.answer_signals import ASK, CAUSAL, DATE, EMPATHY, FIRM, NUMBER, SOFT, names_in
from coach.answer_text import FUNCTION_WORDS, normalise, sentences, word_tokens
from coach.text import stem, stems
from coach.yes_no import last_question


def blank_copied(
    text: str, question: str | None, coach_text: str | None = None
) -> tuple[str, float]:
    """The answer with every run of three or more words that also appears in the coach's
    question, and of four or more from the coach's own words (its persona's prompt, scenario
    and opening: "Teach de-escalation, expectation management and positive framing"), blanked
    out, and the share of words that were copied: repeating the coach adds nothing, so only
    the learner's own words are read. Four for the persona's text, whose two- and three-word
    terms ("active listening") a learner rightly uses in a sentence of their own."""
    runs = [(n, _grams(t, n)) for n, t in ((3, question), (4, coach_text)) if t]
    if not runs:
        return text, 0.0
    spans = [
        (m.start(), m.end(), m.group().lower()) for m in re.finditer(r"[A-Za-z][A-Za-z']*", text)
    ]
    copied = [False] * len(spans)
    for n, grams in runs:
        for i in range(len(spans) - n + 1):
            if tuple(s[2] for s in spans[i : i + n]) in grams:
                copied[i : i + n] = [True] * n
    if not any(copied):
        return text, 0.0
    own = list(text)
    for (start, end, _), c in zip(spans, copied, strict=True):
        if c:
            own[start:end] = ";" + " " * (end - start - 1)
    return "".join(own), sum(copied) / len(spans)


@lru_cache(maxsize=64)
def _grams(text: str, n: int) -> frozenset[tuple[str, ...]]:
    words = word_tokens(normalise(text))
    return frozenset(tuple(words[i : i + n]) for i in range(len(words) - n + 1))


_SWAP = {"you": "i", "your": "my", "yours": "mine", "you're": "i'm", "yourself": "myself"}


def novelty(text: str, question: str | None) -> tuple[float, int] | None:
    """The share and count of the answer's content stems (the question's "you" read as the
    learner's "I") that the coach's question does not already contain; None without one."""
    if not question:
        return None

    def content(t: str) -> set[str]:
        tokens = (_SWAP.get(w, w) for w in word_tokens(normalise(t)))
        return {stem(w) for w in tokens if w not in FUNCTION_WORDS and len(w) > 2}

    said, asked = content(text), content(question)
    if not said:
        return None
    new = said - asked
    return len(new) / len(said), len(new)


# a day named is news the way a number is: "the hometown one is monday" answers "when?"
_DAY = re.compile(
    r"\d+|\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|today|tonight|tomorrow|"
    r"jan(?:uary)?|feb(?:ruary)?|march|april|june|july|aug(?:ust)?|sept?(?:ember)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b",
    re.I,
)


def _figures(text: str) -> set[str]:
    return {m.lower() for m in _DAY.findall(text)}


def asked_part(question: str | None) -> str | None:
    """The coach's question sentences, without what the coach said before them: "Postgres,
    orders need transactions" after an answer about Postgres and transactions restates the
    advice it takes, not the question."""
    if question is None:
        return None
    asked = [s for s in re.findall(r"[^.?!]+[.?!]*", question) if s.rstrip().endswith("?")]
    return " ".join(asked) if asked else question


# the learner's own words, quoted back by the coach ("You said: “…”."): not the coach's
_THEIR_WORDS = re.compile(
    r"\b(?:You said|Got it|Good to know|You wrote)\s*:\s*(?:“[^”]*”|\"[^\"]*\"|'[^']*')", re.I
)


def without_their_words(question: str | None) -> str | None:
    """The coach's message less the learner's words it quoted: the same plan said twice was
    capped as "repeats the coach's question" (an audit's, 7/10, then 1/10), the coach's
    "You said: …" holding it."""
    return None if question is None else _THEIR_WORDS.sub(" ", question)


_OR = re.compile(r"\bor\b", re.I)
_PICK_WORDS = stems("where which who is are the this that or pick choose")


def picks_offered(text: str, question: str | None) -> bool:
    """A word or three that pick one of the options the question lists ("Where is this deal:
    qualification, discovery, proposal or close?" - "discovery"): a choice, not the question
    said back (an audit's "discovery" read "repeats the coach's question", 2/10)."""
    if question is None or not _OR.search(question):
        return False
    said = [w.lower() for w in re.findall(r"[A-Za-z][A-Za-z'-]*", text)]
    asked = {w.lower() for w in re.findall(r"[A-Za-z][A-Za-z'-]*", question)}
    picked = [w for w in said if w not in _PICK_FILLER]  # "proposal stage", "discovery i think"
    return (
        0 < len(picked) <= 3
        and len(said) <= 5
        and "or" not in said
        and all(w in asked for w in picked)
        and not stems(" ".join(picked)) & (QUESTION_WORDS | _PICK_WORDS)
    )


_OPTIONS = re.compile(r",\s*(?:or\s+)?|\s+or\s+", re.I)


def option_picked(text: str, question: str | None) -> bool:
    """The words of one option the question's last sentence offers ("Where are you…: working
    on one, or just getting started?" - "I'm working on one"), said with filler at most:
    not a greeting ("hi" is in "Hi! I'm your coach…") nor a word of the question's own
    ("scholarships"), which a recheck found both read as a pick."""
    asked = last_question(question or "")
    if asked is None or not _OR.search(asked):
        return False
    offered = asked.rsplit(":", 1)[-1].rstrip("?")
    options = [set(re.findall(r"[a-z']+", o.lower())) for o in _OPTIONS.split(offered)]
    said = [w for w in re.findall(r"[a-z']+", text.lower()) if w not in _PICK_FILLER]
    return 0 < len(said) <= 4 and any(set(said) <= o for o in options if o)


# said around a pick without adding to it (an audit's "proposal stage" read "repeats the
# coach's question", 2/10)
_PICK_FILLER = frozenset(
    "stage phase step i i'm im think guess probably maybe prob we're were we in it's its at "
    "the".split()
)


def echoes(text: str, question: str | None) -> bool:
    """Whether the answer restates the coach's question, reordered, paraphrased or turned into
    the first person ("What system am I designing?"): hardly a content word of its own and no
    figure the question lacks. Against the whole message, only a near copy counts: the advice
    before the question is what an answer takes up ("Postgres, orders need transactions")."""
    if question is None or _figures(text) - _figures(question) or picks_offered(text, question):
        return False
    # a line in a scene takes up the other side's words ("why pay more? because…"): only a
    # near copy of the whole message is an echo there
    asked = None if in_role_play(question) else novelty(text, asked_part(question))
    if asked is not None and (asked[0] < 0.4 or (asked[1] <= 2 and asked[0] <= 0.5)):
        return True
    whole = novelty(text, question)
    return whole is not None and whole[0] < 0.25


QUESTION_WORDS = stems(
    "what would you do say your next step how why when which think tell make thing going "
    "want need could should does did like right okay something about walk through let"
)
DEFLECT = re.compile(
    r"\b(?:lol|lmao|haha+|anyway|anyways|btw|by the way|quick q(?:uestion)?|random "
    r"(?:question|q)|off[- ]topic|unrelated|can we (?:skip|talk about something else|do this "
    r"later)|change the subject|need a break)\b",
    re.I,
)


# Things a learner talks about instead of the round: pastimes, food, weather, sport, shopping,
# chat with the coach about the coach.
# A pastime's word naming a business or a product is the learner's situation, not a pastime:
# "mostly pizza places", "a music streaming app", "the front desk at the campus gym".
AS_A_BUSINESS = (
    r"(?!\s+(?:places?|shops?|stores?|restaurants?|chains?|parlou?rs?|delivery|apps?|"
    r"streaming|platforms?|venues?|compan(?:y|ies)|business(?:es)?|brands?|franchises?|"
    r"owners?|managers?|staff|members?|front desk|studios?|labels?|schools?|clubs?|teams?|"
    r"startups?|sites?|websites?|services?|sponsors?(?:hips?)?))"
)
WORK_PLACE = r"(?<!at the )(?<!at a )(?<!campus )(?<!work at )(?<!job at )"
UNRELATED = re.compile(
    r"\b(?:weather|rain(?:ing|y)?|sunny|snow(?:ing)?|hot outside|video ?games?|gaming|fortnite|"
    r"minecraft|roblox|xbox|playstation|ps5|nintendo|switch games|anime|manga|movies?|films?|"
    r"netflix|tv shows?|episode|tiktok|instagram|youtube|memes?|"
    rf"{WORK_PLACE}(?:pizza|burgers?|tacos?|sushi|gym|music|concert){AS_A_BUSINESS}|"
    r"snacks?|hungry|football|soccer|basketball|baseball|nba|"
    r"nfl|the game last night|workout|beach|"
    r"songs?|playlist|album|band|dating|girlfriend|boyfriend|crush|my cat|my dog|pets?|birthday|"
    r"laptop (?:under|for gaming)|new phone|shopping|(?:mechanical )?keyboards?|headphones|earbuds|"
    r"(?:good|best|cheap|decent) [\w-]+(?: [\w-]+)? (?:under|below|for less than) \$?\d+|"
    r"shoes|haircut|wifi password|gym discount|"
    r"paid more|horoscope|zodiac|bored|boring|who cares|whatever|lol|lmao|rofl|"
    r"haha+|are you (?:a bot|real|human|an ai|a person)|how old are you|what(?:'s| is) your "
    r"(?:name|favou?rite)|do you (?:like|have a|watch|play|know any|ever)|where are you from|"
    r"your (?:mum|mom)|that's literally my)\b",
    re.I,
)


_ASKING = re.compile(
    r"\s*(?:(?:so|and|but|also|ok|okay|hey|btw|wait|quick q(?:uestion)?|random q(?:uestion)?)\W+)*"
    r"(?:what|whats|what's|how|why|where|when|who|which|can|could|would|will|do|does|did|is|are|"
    r"should|shall|have|has|any|anyone)\b",
    re.I,
)


# said to the other side: "you", or a "we" that proposes something together ("could we figure
# out a system that works for both of us?", a line rehearsed, not a question to the coach)
_ADDRESSED = re.compile(r"\b(?:you|your)\b", re.I)
_TOGETHER = re.compile(
    r"\bboth\s+of\s+us\b|\b(?:can|could)\s+we\s+(?:figure|work\s+out|agree|split|sort|set\s+up|"
    r"come\s+up)\b",
    re.I,
)


def asks_back(own: str) -> bool:
    """Whether the answer puts a question of its own ("what's a good laptop?"), not a statement
    said with a doubtful "?" ("i think they're in Vault?")."""
    return any(
        own[a:b].rstrip().endswith("?") and bool(_ASKING.match(own[a:b])) for a, b in sentences(own)
    )


# the coach's reply ends on a line of the other side: "Customer (role-play): “…”"
ROLE_PLAY_LINE = re.compile(r"\(role-play\):\s*[“\"]")
# what the coach offered to say, before the other side's line: a hint or a stronger reply
_OFFERED = re.compile(
    r"(?:Coach's hint:|a stronger reply:|here is what works at this point:).*?"
    r"(?=\b[A-Z][\w' ]{0,40}\(role-play\):|$)",
    re.S,
)


def without_offered(question: str | None) -> str | None:
    """A scene's message without the words the coach offered the learner to say: taking up
    the hint ("Fair question, what are you comparing us with?") is no line said back to the
    other side (a role-play audit's scored 2/10 so)."""
    if question is None or not in_role_play(question):
        return question
    return _OFFERED.sub(" ", question)


# a line said in the first person to the other side of a scene
_SPOKEN = re.compile(r"\b(?:i|i'm|i've|i'd|i'll|we|we're|we've|we'll|us|let's)\b", re.I)


def in_role_play(question: str | None) -> bool:
    return bool(question and ROLE_PLAY_LINE.search(question))


@dataclass(frozen=True)
class Relevance:
    score: float | None  # None: no coach question to answer
    off_topic: bool


_WANTS_QUESTIONS = re.compile(
    r"(?:what|which)\b[^?]{0,40}\b(?:you|we|i)\b[^?]{0,20}\bask\b(?!\s+for)|"
    r"(?:what|which) questions?|questions? (?:would|will|could|should|do|did) you|"
    r"how (?:would|will|could|do) you (?:find out|uncover|probe|discover)",
    re.I,
)


# what the learner does, told in the present ("I slow down and let her finish. Then I play
# back…"): the answer to "what do you do when…", though no step is promised
_HABIT = re.compile(
    r"(?:^|[.!?;,]\s*|\b(?:then|and|first|usually|always)\s+)(?:i|we)\s+"
    r"(?:always\s+|usually\s+|just\s+|first\s+|then\s+|try\s+to\s+)?"
    r"(?!(?:am|was|were|have|had|do|did|don't|didn't|think|know|feel|felt|want|need|hope|guess|"
    r"believe|mean|like|love|hate|wish|can|could|would|will|should|might|must|may|get|got|"
    r"really|also|never|not)\b)[a-z]{3,}\b(?!['’])",
    re.I,
)
# "when" asks for a time only where the question starts with it, not in "…when the
# customer's voice rises?"
_WHEN = r"(?:^|[.!?]\s+)when\b|\bby when\b|what time|deadline|\bdate\b|\bdue\b"


LOSS = re.compile(
    r"\b(?:we|i|you)(?:'ll| will| would| can| could)?\s+(?:accept|lose|give up|sacrifice|pay|"
    r"trade)\b|\bat the (?:cost|price|expense) of\b|\bthe (?:cost|price|downside|catch) is\b|"
    r"\b(?:in exchange for|instead of)\b",
    re.I,
)


# "who could write your letter?" - "my counselor": a person named by their role
_ROLE = re.compile(
    r"\b(?:my|our|the|a|an|his|her|their)\s+(?:\w+\s+)?(?:counsell?or|teacher|coach|boss|manager|"
    r"supervisor|nurse|mentor|advis[eo]r|professor|instructor|pastor|principal|employer|aunt|uncle|"
    r"mom|dad|mother|father|friend|co-?worker|colleague|lead|director|owner|buyer|cfo|ceo|cto|vp|"
    r"champion|sponsor|recruiter|dean|tutor|neighbou?r)s?\b",
    re.I,
)
_SAY_ASKED = re.compile(r"\bwhat (?:do|would|will|could) you (?:say|tell|reply|answer)\b")


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
        topic_words == 0 or (topic_words <= 1 and (reading_steps == 0 or asks_back(own)))
    )
    if not question or not question.strip():
        return Relevance(None, (deflects and reading_steps == 0) or strays)
    q = normalise(question).lower()
    asked = stems(q) - QUESTION_WORDS
    overlap = len(stems(own) & asked)
    speech = bool(
        EMPATHY.search(own) or ASK.search(own) or re.search(r"\b(?:you|your)\b|[\":]", own)
    ) or (in_role_play(question) and bool(_SPOKEN.search(own) or "?" in own))
    # to "what do you say?" a question is the line: "Fair concern. Compared to what?"
    speech = speech or ("?" in own and bool(_SAY_ASKED.search(q)))
    kinds = [
        (_WHEN, bool(DATE.search(own))),
        (r"\bwhy\b|\breason", bool(CAUSAL.search(own))),
        (
            r"how (?:would|will|do|could|can|might) you|what (?:would|will|do|could) you "
            r"(?:do|ask)|next step|what(?:'s| is) your plan|\bplan\b|today",
            reading_steps > 0 or bool(ASK.search(own)) or bool(_HABIT.search(own)),
        ),
        (
            # "tell me about the prospect" asks for a description, not a line to say
            r"\bsay\b|\brespond|\breply|\brewrite|\bdraft|first sentence|\bopen\b|"
            r"\btell\b(?!\s+(?:me|us)\s+(?:about|more|a bit|what|how|why|where|who|which))|"
            r"\bexplain|role-play|customer:|prospect:",
            reading_steps > 0 or speech,
        ),
        (
            r"\bwho\b|\bwhom\b",
            bool(names_in(own)) or bool(ASK.search(own)) or bool(_ROLE.search(own)),
        ),
        # "what are you giving up?" is answered by the loss named: "we accept losing a few
        # seconds of clicks if a broker dies" (an audit's trade-off scored 2/10)
        (
            r"giv(?:e|ing) up|trade-?offs?|\bcosts?\b|sacrific|\blose\b|\baccept",
            bool(LOSS.search(own)),
        ),
        (r"how (?:many|much|long|fast)|\bbudget\b|\bnumbers?\b", bool(NUMBER.search(own))),
        (
            r"\bwhich\b|\bor\b|\bchoose\b|\bpick\b|\boption",
            bool(SOFT.search(own) or FIRM.search(own)) or overlap > 0,
        ),
    ]
    asked_kinds = [found for rx, found in kinds if re.search(rx, q)]
    if _WANTS_QUESTIONS.search(q) and ("?" in own or ASK.search(own)):
        asked_kinds.append(True)  # "what would you ask?": a question of one's own answers it
    kind_match = any(asked_kinds)
    if not asked_kinds:
        score = min(1.0, 0.5 + 0.25 * overlap)
    else:
        score = min(1.0, 0.3 * overlap + (0.6 if kind_match else 0.0) + (0.2 if not asked else 0.0))
    off_topic = (
        (overlap <= 1 and deflects)
        # a question back is a deflection, unless it is one the learner would put to the other
        # side, on the round's topic: "what is the manual process costing you each month?"
        or (
            overlap == 0
            and reading_steps == 0
            and asks_back(own)
            and not kind_match
            and not (topic_words > 1 and _ADDRESSED.search(own))
            and not _TOGETHER.search(own)
        )
        or (strays and overlap <= 1)
    )
    if in_role_play(question):
        # a line in a scene may name anything of it ("I'm sorry I missed your birthday"): only
        # a deflection leaves the conversation
        off_topic = deflects and overlap <= 1
    return Relevance(score, off_topic)
