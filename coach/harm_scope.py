"""Whose act, and whether it is proposed: negation, refusal, warning, requests reported from
someone else and third-party subjects, so that refusing harm is not read as proposing it."""

from __future__ import annotations

import re

from coach.answer_text import SENTENCE_END, sentence_at, sentence_span, sentences
from coach.rubric_data import compiled

CLAUSE_BREAK = re.compile(
    r"[,;:()—–]|\s-\s|\b(?:but|so|then|and then|because|however|although|though|while|"
    r"whereas|otherwise|yet)\b",
    re.I,
)
_NEGATED_BEFORE = re.compile(
    r"\b(?:never|not|no|don't|do not|doesn't|does not|didn't|did not|won't|will not|wouldn't|"
    r"would not|shouldn't|should not|can't|cannot|mustn't|must not|refuse to|refusing to|"
    r"refused to|avoid|avoiding|instead of|rather than|without|stop|against|tempted to|urge "
    r"to|isn't|aren't|nobody|no one|none of|neither|nor|nothing|less|warn\w*|instinct|urge|want to "
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
_JUDGED = re.compile(
    r"\b(?:is|are|would be|'s|was|will be|would)\s+(?:never|not|a (?:bad|terrible|huge|big|"
    r"serious) (?:idea|mistake)|wrong|a mistake|unacceptable|a (?:red flag|scam|no-go)|"
    r"dangerous|risky|unsafe|unethical|how you lose|off the table|out of the question|"
    r"backfire|break (?:their|the customer's|your) trust)"
    # the act as the subject of a rejection: "setting verify=False isn't an option",
    # "blaming her won't help", "saying it shipped would just blow up later"
    r"|\b(?:isn't|is not|aren't|are not|wouldn't be|would not be|is never)\s+(?:an? )?(?:option|"
    r"allowed|okay|ok|acceptable|safe|worth it|fair|honest)\b"
    r"|\b(?:is|are|would be|'s)\s+(?:way |far |just |simply )?too (?:risky|dangerous|"
    r"much of a risk)"
    r"|\b(?:won't|will not|wouldn't|would not|doesn't|does not|never) (?:help|work|fix anything|"
    r"solve anything)\b"
    r"|\b(?:would|will|could|might)\s+(?:just |only )?(?:blow up|backfire|come back to bite|"
    r"get (?:me|us|you|them|him|her) (?:disqualified|fired|banned|sued|in trouble))"
    r"|\b(?:is|are|'s|would be)\s+(?:plagiarism|cheating|fraud|illegal|against (?:the )?(?:rules|"
    r"policy|law))\b",
    re.I,
)
_WARNING = re.compile(
    r"\b(?:scam\w*|fraud\w*|phishing|red flag|warning sign|suspicious|predatory|too good to be "
    r"true|report (?:it|them|this|the)|walk away|delete (?:it|the)|legit(?:imate)? "
    r"(?:scholarships?|awards?|programs?) (?:never|don't|do not))\b",
    re.I,
)
_NOT_WARNING = re.compile(r"\b(?:not|isn't|is not|no|wasn't|never) (?:a |an |the )?$", re.I)


# Someone else doing the act ("the sponsor will send the $2,000 to the college").
OTHER_SUBJECT = re.compile(
    r"\b(?:they|he|she|it|who|which|(?:the|their|this|that) [\w-]+)(?:'ll| will| would| can| "
    r"could| should| might| may| must| then| also| just| usually| always| to)*\s*$",
    re.I,
)
_MAIN_CLAUSE = re.compile(
    r".*\b((?:i|we)(?:'ll|'d| will| would| am going to|'m going to| just| can|'m| am|'re| are)\b"
    r"|im\b|ill\b)",
    re.I | re.S,
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
    # ", I copied …" after "so I don't have to ask": a new main clause
    r"[;!?]|,\s*(?:i|we)\s*$|,\s*(?:i|we) (?:\w+ed|put|sent|took|made|kept|got|set|ran|wrote|"
    r"built)\b|\b(?:but|so|then|because|however|instead|i'll|i will|i'd|i would|we'll|we will|we'd|"
    r"i'm going|we're going|i am going|i plan|my plan|first|next|and then|i can|we can|i just|"
    r"we just)\b",
    re.I,
)
# An act that opens its own clause ("…, even though nothing's been issued") is outside the
# scope of a negation before it ("she'll stop calling, …").
_SUBORDINATE = re.compile(
    r"(?:even though|although|though|by the time|because|while|whereas)\b", re.I
)
_EXTRA_NEG_BEFORE = re.compile(
    r"\b(?:wasn't|weren't|hardly|no matter|regardless of|never ever|not once|no longer|"
    r"shouldn't have to|nobody should|no one should|mistake to|wrong to|bad idea to|tempting to|"
    # the reason for a refusal: "I said no, because that's faking reviews"
    r"because (?:that|it|this)(?:'s| is| would be|'d be))"
    r"\b",
    re.I,
)
_REFUSED_AFTER = re.compile(
    r"\bbut (?:i|we)(?:'ll| will|'d| would)? ?(?:said no|say no|decline[ds]?|refuse[ds]?|won't|"
    r"will not|wouldn't|turned (?:it|them|him|her) down|turn (?:it|them|him|her) down|passed|pass"
    r"|didn't|did not)\b"
    # named to be turned down: "I did think about telling her X, but that isn't true"
    r"|\bbut (?:that|it|this)(?:'s| is| would be|'d be| isn't| is not| wouldn't be)\s+(?:not )?(?:"
    r"true|honest|right|wrong|lying|a lie|forgery|fraud|plagiarism|cheating|dishonest|unethical|"
    r"illegal|not something)\b|\bnot something (?:i|we)(?:'d| would| will|'ll) (?:ever )?do\b"
    # someone's idea, then the learner's answer: "…to push hers down; I said no"
    r"|[;,]\s*(?:i|we) (?:said no|declined|refused|pushed back|turned (?:it|that|them) down)\b",
    re.I,
)
_REFUSED_NEXT = re.compile(
    r"\s*(?:no|nope|no way|absolutely not|not a chance|i (?:said|say|will say|would say|'d say|'ll"
    r" say) no|i (?:declined|refused|won't|wouldn't|didn't)|that(?:'s| is| would be) (?:a scam|a "
    r"red flag|wrong|a bad idea|not ok|not okay|unethical|dishonest|risky|dangerous))\b",
    re.I,
)


def clause_before(text: str, start: int) -> str:
    sentence_start = max((b for a, b in _sentence_bounds(text) if b <= start), default=0)
    before = text[sentence_start:start]
    parts = CLAUSE_BREAK.split(before)
    return " ".join(parts[-1].split()[-7:]) if parts else ""


def _sentence_bounds(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in SENTENCE_END.finditer(text)]


# the act named as what something is: "I said no, because that's faking reviews"
_NAMED = re.compile(r"\s*(?:that|this)(?:'s| is| would be|'d be)\s*", re.I)


def negated(text: str, start: int, end: int) -> bool:
    """Whether a harmful phrase is being refused or warned against ("never pay a fee", "I'd
    flag it as a scam", "instead of hanging up") rather than proposed."""
    before = clause_before(text, start)
    if _NEGATED_BEFORE.search(before) or _NAMED.fullmatch(before):
        return True
    if _NEGATED_AFTER.search(text[end : end + 60]) or judged(text, start):
        return True
    sentence = sentence_at(text, start)
    for m in _WARNING.finditer(sentence):
        if not _NOT_WARNING.search(sentence[: m.start()][-20:]):
            return True
    return refused_after(text, start, end)


_GERUND_OPENING = re.compile(r"\s*(?:[A-Za-z]+ing)(?:\s+[\w'-]+){0,2}\s+", re.I)


def judged(text: str, start: int) -> bool:
    """Whether the clause the act opens goes on to call it wrong: "hiding the failure from the
    reviewer would be a mistake" names the act as the subject of a warning."""
    a, b = sentence_span(text, start)
    opening = text[a:start]
    clause = re.split(r"[,;:]", opening)[-1]
    if clause.strip() and not _GERUND_OPENING.fullmatch(clause):
        return False  # the act (or a gerund phrase leading to it) does not open the clause
    rest = text[start:b]
    cut = CLAUSE_BREAK.search(rest)
    if (
        cut
        and rest[cut.start()] == ","
        and (close := re.match(r",[^,.;!?]{1,40},", rest[cut.start() :]))
    ):
        rest = rest[: cut.start()] + rest[cut.start() + close.end() :]  # ", even for an hour,"
        cut = CLAUSE_BREAK.search(rest)
    return bool(_JUDGED.search(rest[: cut.start()] if cut else rest))


def refused_after(text: str, start: int, end: int) -> bool:
    """Whether the learner turns the act down right after naming it ("my cousin offered to
    write it, but I said no"; "…. No way.")."""
    _, b = sentence_span(text, start)
    return bool(_REFUSED_AFTER.search(text[end:b]) or _REFUSED_NEXT.match(text[b : b + 60]))


def negated_inside(text: str, pattern: str, start: int, end: int) -> bool:
    """Whether a later part of a gapped pattern ("SSN … fill that in") is itself refused:
    "they ask for my SSN; I won't fill that in" names the harm only to turn it down."""
    for segment in pattern.split(" … ")[1:]:
        for m in compiled(segment).finditer(text, start, end):
            if _NEGATED_BEFORE.search(clause_before(text, m.start())):
                return True
    return False


def declined(text: str, start: int, end: int) -> bool:
    """Whether a harmful act is refused, warned against, avoided, or only reported as what
    someone else asks ("the form asks me to enter my SSN") with no sign of doing it."""
    a, b = sentence_span(text, start)
    before = clause_before(text, start)
    prefix = text[a:start]
    main = _MAIN_CLAUSE.match(before)
    if main:  # "if he keeps complaining I'll just …": the act is in the main clause
        before = before[main.start(1) :]
        prefix = prefix[len(prefix) - len(before) :] if before in prefix else prefix
    request = _REQUEST.search(before) or _REPORTED.search(prefix)
    rest = _REQUEST.sub("", before) if request else before
    if _NEGATED_BEFORE.search(rest) or _EXTRA_NEG_BEFORE.search(rest) or _NAMED.fullmatch(rest):
        return True
    if request:
        after = text[end : min(len(text), b + 140)]
        return not (_COMPLY.search(after) and not _REFUSE.search(after[:80]))
    opens_clause = _SUBORDINATE.match(text, start) is not None
    for m in _SCOPE_NEG.finditer(prefix):
        if not opens_clause and not _NEW_CLAUSE.search(prefix[m.end() :]):
            return True
    if _NEGATED_AFTER.search(text[end : end + 60]):
        return True
    sentence = text[a:b]
    for m in _WARNING.finditer(sentence):
        if not _NOT_WARNING.search(sentence[: m.start()][-20:]):
            return True
    return judged(text, start) or refused_after(text, start, end)


# Asking before acting ("Should I pay it?", "They want my SSN. Is that normal?"): checking
# first is what the coach teaches, so an act the learner only asks about is not proposed.
_ASKING = re.compile(
    r"\b(?:should|shall|must|can|could|do|does) (?:i|we)\b|\bis it (?:ok|okay|safe|smart|wise|"
    r"normal|legit\w*|a good idea|a scam)\b|\b(?:wondering|not sure|unsure|asking) (?:if|whether)\b"
    r"|\bwhether (?:i|we) should\b",
    re.I,
)
_CHECKING = re.compile(
    r"\b(?:is|are|was) (?:that|this|it|they|this one|that one) (?:normal|legit\w*|real|safe|ok|"
    r"okay|a scam|standard|how it works|for real)\b|\bis (?:that|this) a scam\b",
    re.I,
)
_HOW = re.compile(
    r"\bhow (?:should|do|can|could) (?:i|we)\b|\b(?:with|using|via|through|by (?:card|check|"
    r"cheque|paypal|venmo|zelle|wire))\b",
    re.I,
)
_COMMITTED = re.compile(
    r"\b(?:i|we)(?:'ll|'d| will| would|'m going to| am going to|'m gonna| plan to| already| "
    r"just| did|'ve decided| decided)\b|\bso i(?:'ll| will)\b",
    re.I,
)


def _asks(question: str, verb: str | None) -> bool:
    """A question that asks whether, not how: "Should I pay it?", "Is that legit?"."""
    if _CHECKING.search(question):
        return True
    if not _ASKING.search(question) or _HOW.search(question):
        return False
    return verb is None or re.search(rf"\b{re.escape(verb)}", question, re.I) is not None


# a question by inversion, with or without its question mark
_ASKS_IF_I = re.compile(r"(?:should|shall|can|could|may|do|is|am)\s+(?:i|we)\b", re.I)


def asked_about(text: str, start: int, end: int) -> bool:
    """Whether the learner asks about the act rather than proposing it: the act inside a
    whether-question, or stated (as what was asked of them) with no commitment to it and
    then asked about. "I'll pay it tonight. Should I use my card?" still proposes it."""
    a, b = sentence_span(text, start)
    sentence = text[a:b]
    if _ASKS_IF_I.match(sentence.strip()):  # "can i commit directly on main or do i need a PR"
        return True
    wondering = re.search(r"\b(?:wondering|not sure|unsure) (?:if|whether)\b", sentence, re.I)
    if (sentence.rstrip().endswith("?") or wondering) and _ASKING.search(text[a:start]):
        return not _HOW.search(text[a:end])
    if _COMMITTED.search(sentence):
        return False
    verb = re.match(r"[A-Za-z]{3,}", text[start:end])
    stem = verb.group().lower()[:4] if verb else None
    return any(
        _asks(text[qa:qb], stem)
        for qa, qb in sentences(text)
        if qa >= b and text[qa:qb].rstrip().endswith("?")
    )


# "Last year I padded my GPA. This year I reported it and list my real 3.2.": a harm owned
# in the past and put right is a reflection, not a plan; the repair must be said outright.
_PAST = re.compile(
    r"\b(?:last (?:year|semester|term|time|week|month|quarter)|once|used to|back then|"
    r"years? ago|months? ago|weeks? ago|at my (?:old|last|first|previous) job|in high school|"
    r"yesterday|last night|this morning|earlier today)\b"
    r"|\b(?:i|we)\s+(?:\w+ly\s+)?(?:\w+ed|told|lied|hung|gave|sent|put|paid|shared|left|made|took|wrote|"
    r"pushed|skipped|copied|used)\b",
    re.I,
)
_INTENT = re.compile(
    r"\b(?:i'?ll|i\s+will|i'?d|i\s+would|we'?ll|we'?d|going\s+to|plan\s+to|want\s+to|"
    r"gonna|again)\b",
    re.I,
)
_REPAIR = re.compile(
    r"\b(?:(?<!right )(?<!for )(?<!just )now\s+i|these\s+days|this\s+(?:year|time|semester)|"
    r"since\s+then|from\s+now\s+on|"
    r"never\s+(?:[\w']+\s+){0,3}?again|no\s+longer|not\s+any\s?more|"
    r"(?:i|we|then\s+i|and)\s+(?:then\s+)?(?:apologi[sz]ed|corrected|reported|owned\s+up|"
    r"came\s+clean|fixed|undid|reverted|admitted|went\s+back|called\s+(?:her|him|them)\s+back|"
    r"called\s+back|told\s+(?:her|him|them)\s+the\s+truth)"
    r"|(?:want|need|have|going|plan|mean)\s+to\s+(?:fix|repair|undo|apologi[sz]e|make\s+(?:it|this|"
    r"that|things)\s+right|make\s+amends|own\s+(?:it|that|up))"
    r"|(?:i'?ll|i\s+will|i'?m\s+going\s+to)\s+(?:\w+\s+)?(?:apologi[sz]e|own\s+(?:it|up))"
    r"|owning\s+(?:it|up|that|this)"
    r"|how\s+(?:do|should|can|could)\s+i\s+(?:best\s+)?(?:apologi[sz]e|repair|fix\s+(?:it|this|that)|"
    r"make\s+(?:it|this|that|things)\s+right|own\s+(?:it|up))"
    r"|(?:which|that|it|this)\s+was\s+(?:so\s+|really\s+)?(?:wrong|out\s+of\s+line|unfair|"
    r"uncalled\s+for|not\s+ok(?:ay)?|a\s+mistake|unprofessional)"
    r"|i\s+was\s+(?:so\s+|really\s+|totally\s+)?(?:wrong|out\s+of\s+line|unfair|rude|harsh)"
    r"|i\s+shouldn'?t\s+have"
    r"|i\s+(?:really\s+|deeply\s+)?regret\s+(?:it|that|this|saying|calling|snapping|yelling|what)"
    r")\b",
    re.I,
)


_RELAPSE = re.compile(r"\b(?:again|every\s+time|each\s+time|still|keep|keeps|anyway)\b", re.I)
_NEVER_AGAIN = re.compile(r"\b(?:never|not|won'?t)\b[^.!?;]{0,30}\bagain\b", re.I)


def repaired(text: str, start: int) -> bool:
    """Whether the harm at `start` is told as something done before and since put right:
    its sentence is in the past with no intent to do it again, nothing after it says it goes
    on, and the answer says the fix."""
    a, b = sentence_span(text, start)
    sentence = text[a:b]
    if not _PAST.search(sentence) or _INTENT.search(_REPAIR.sub(" ", sentence)):
        return False
    after = _NEVER_AGAIN.sub(" ", text[start:])
    if _RELAPSE.search(after) or _INTENT.search(after) and not _REPAIR.search(text[start:]):
        return False
    return bool(_REPAIR.search(text[:a] + " " + text[b:]) or _REPAIR.search(text[start:b]))
