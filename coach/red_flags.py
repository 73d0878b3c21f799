"""Harm detection: phrase red flags, harm read as concepts (a risky act near a sensitive
object), and attempts to set the score."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from coach.answer_text import Hit, sentence_at, sentence_span, sentences
from coach.counterparts import CAST
from coach.harm_scope import (
    OTHER_SUBJECT,
    asked_about,
    clause_before,
    declined,
    negated,
    negated_inside,
    repaired,
)
from coach.implied_harm import pair_hit
from coach.literal_filter import fold, may_match
from coach.rubric_data import (
    ConceptGroup,
    HarmConcept,
    RedFlag,
    compiled,
    compiled_concept,
    lexicon,
    load_rubrics,
)

# "Priya said she'd dump the production database onto a USB stick for me": the act is the
# learner's own plan, carried out by a colleague.
_FOR_ME = re.compile(r"\bfor (?:me|us)\b|\bso (?:that )?(?:i|we) can\b", re.I)


@dataclass(frozen=True)
class Flag:
    rule: RedFlag | HarmConcept
    hit: Hit


def red_flag(text: str, domain_id: str) -> Flag | None:
    rubrics = load_rubrics()
    folded = fold(text)
    for rule in rubrics.red_flags:
        if rule.context and domain_id not in rule.context_free_in:
            if not compiled(rule.context).search(text):
                continue
        for pattern in rule.patterns:
            regex = compiled(pattern)
            if not may_match(regex, folded):
                continue
            for m in regex.finditer(text):
                if negated(text, m.start(), m.end()):
                    continue
                if OTHER_SUBJECT.search(clause_before(text, m.start())) or someone_else_did(
                    text, m.start()
                ):
                    continue
                if negated_inside(text, pattern, m.start(), m.end()):
                    continue
                if rule.unless and compiled(rule.unless).search(sentence_at(text, m.start())):
                    continue
                if asked_about(text, m.start(), m.end()):
                    continue
                return Flag(rule, Hit(m.start(), m.end()))
    return None


_PRONOUN_OBJECT = re.compile(
    r"\s+(?:[\w']+\s+)?(?:it|that|them|those|this|these|everything|all of (?:it|them|that))\b",
    re.I,
)
_PRONOUN = re.compile(r"\b(?:it|that|them|those|this|these)\b", re.I)
_PASSIVE_GAP = re.compile(
    r"\s+(?:[\w']+\s+){0,2}?(?:be|is|are|was|were|get|gets|got|been|being)\s+(?:[\w']+\s+)?", re.I
)


_NEARER_THING = re.compile(
    r"\b(?:the|my|our|her|his|their)\s+(?:[\w'-]+\s+){0,2}?(?:essays?|drafts?|applications?|"
    r"forms?|letters?|emails?|statements?|answers?|paragraphs?|outlines?|resumes?|transcripts?|"
    r"responses?|stor(?:y|ies)|short answers?)\b",
    re.I,
)


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
    if pronoun or _PRONOUN.search(act.group()):
        named = [o.end() for o in objects.finditer(text, prev, act.start())]
        # "…a $30 'guarantee fee'; it's a scam. … I outline the essay, and Friday I send it":
        # a thing of the learner's own named since is what "it" picks up
        if named and not _NEARER_THING.search(text, named[-1], act.start()):
            return pronoun.end() if pronoun else act.end()
    for o in objects.finditer(text, a, act.start()):
        if _PASSIVE_GAP.fullmatch(text, o.end(), act.start()):
            return act.end()
    return None


# an act the learner apologises for: "i'll say sorry for cutting her off"
_APOLOGISED_FOR = re.compile(
    r"\b(?:sorry|apologi[sz]e|apologi[sz]ed|apologi[sz]ing|apology|regret)\b[^.!?]{0,15}?"
    r"\b(?:for|about|that)\s+(?:i\s+|my\s+|me\s+)?$",
    re.I,
)


def _concept_hits(concept: HarmConcept, text: str, question: str | None) -> Hit | None:
    spans = sentences(text)
    folded = fold(text)
    unless = compiled_concept(concept.unless) if concept.unless else None

    def clear(start: int, end: int) -> bool:
        a, b = sentence_span(text, start)
        sentence = text[a:b].strip()
        if sentence.endswith("?") and re.match(
            r"(?:should|shall|can|could|do|does|would|is|are|why|what|how|will)\b", sentence, re.I
        ):
            return False
        if unless is not None and unless.search(text[a:b]):
            return False
        if _APOLOGISED_FOR.search(text[max(a, start - 60) : start]):
            return False  # "say sorry for cutting her off": owned, not proposed
        return not declined(text, start, end) and not asked_about(text, start, end)

    for group in concept.groups:
        actions = lexicon(tuple(group.actions), "action")
        weak = lexicon(tuple(group.weak_actions), "action")
        assert actions is not None
        if not actions.search(text):
            continue
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
                mine = not someone_else_did(text, act.start())
                if (
                    not mine or OTHER_SUBJECT.search(clause_before(text, act.start()))
                ) and not _FOR_ME.search(text[act.end() : b]):
                    continue  # someone else's act, unless done for the learner
                if clear(act.start(), end):
                    return Hit(act.start(), end)
    for pattern in concept.alone:
        regex = compiled_concept(pattern)
        if not may_match(regex, folded):
            continue
        for m in regex.finditer(text):
            if someone_else_did(text, m.start()):
                continue  # "a coworker dropped the prod db", "the customer called me an idiot"
            if clear(m.start(), m.end()):
                return Hit(m.start(), m.end())
    for pair in concept.pairs:
        hit = pair_hit(pair, text, unless, question)
        if hit is not None:
            return hit
    return None


_PERSON = (
    r"(?:he|she|they|someone|somebody|(?:(?:a|an|the|my|our|his|her|their)\s+)?(?:[\w-]+\s+)?"
    r"(?:coworker|co-worker|colleague|customer|client|manager|boss|teammate|intern|engineer|"
    r"dev|developer|lead|senior|guy|person|member|student|friend|roommate|caller|guest))"
)
# a third person's past act, or what they called someone: told, not proposed ("she was
# threatening to close her account", "he would cancel and threatened to post a review")
_THEIR_ACT = re.compile(
    r"\b"
    + _PERSON
    + r"(?:'s|'d)?(?:\s+(?:was|were|is|are|been|has|had|have|kept|keeps|started|began|"
    r"even|also|just|literally|actually|then|again|now|already|on))*\s*$"
    r"|\b" + _PERSON + r"\s+(?:(?!(?:i|we)\b)[\w']+\s+){1,6}and\s*$",
    re.I,
)
_THEIR_WORDS = re.compile(
    _PERSON + r"\s+(?:called|yelled|shouted|screamed|swore)\b"
    r"(?![^.!?;]*\b(?:and|so|then)\s+(?:i|we)\b)[^.!?;]{0,30}$",
    re.I,
)
# the act as told: done ("threatened"), or going on ("was threatening")
_PAST = re.compile(
    r"(?:\w+ed|\w+ing|did|ran|broke|took|made|gave|sent|told|said|threw|wrote|put)\b", re.I
)


# asked, "?" or not: the inversion says it ("can i skip the PR", "should we store it in plain text")


# a quotation opened after someone else's verb of saying: "when he said 'you people are
# useless' I got defensive" reports the customer's words
_OPENING = re.compile(r"(?:^|(?<=[\s:(]))[\"“‘']")
_CLOSING = re.compile(r"(?<=\S)[\"”’'](?=\s|[.,!?;:)]|$)")
_SAID_BY_THEM = re.compile(
    _PERSON + r"\s+(?:just\s+|then\s+|literally\s+)?(?:said|says|told\s+(?:me|us)|yelled|"
    r"shouted|screamed|wrote|asked|replied|answered|snapped|emailed|texted|messaged|goes|went|"
    r"called\s+(?:me|us|it))\b[\s,:]*(?:that\s+)?$",
    re.I,
)


# a quotation given as an example or said in another's part: "Something like: 'Pay the $49
# fee…' The red flags are…", "ok as the buyer: 'ur company lied to us'"
_NOT_MY_WORDS = re.compile(
    r"(?:\bas (?:the|a|an) [\w-]+(?: [\w-]+)?|\bsomething like|\bfor example|\be\.g\.|"
    r"\bthe (?:email|text|message|letter|dm|post|scam|offer|ad)\s+(?:said|says|read|reads|went|"
    r"goes))\s*[:,-]?\s*$",
    re.I,
)


# "I'd reply with something like '…'": an example of what the learner will say is theirs
_I_SAY = re.compile(
    r"\b(?:i|we)(?:'d|'ll| would| will| am going to|'m going to|'m gonna| just| then)?\s+"
    r"(?:\w+\s+)?(?:say|said|reply|replied|write|wrote|tell|told|answer|answered|respond|responded|text|"
    r"texted|email|emailed|send|sent|post|posted|go with|open with|lead with)\b",
    re.I,
)


def quoted_from_someone_else(text: str, start: int) -> bool:
    window_start = max(0, start - 240)
    opening = None
    for m in _OPENING.finditer(text, window_start, start):
        opening = m
    if opening is None or _CLOSING.search(text, opening.end(), start):
        return False
    before = text[max(0, opening.start() - 80) : opening.start()]
    if _SAID_BY_THEM.search(before):
        return True
    return bool(_NOT_MY_WORDS.search(before)) and not _I_SAY.search(before)


# The coach casts the learner as the other side: "You be the angry customer, I'll be the
# agent", "you play the toughest buyer you can imagine". Their lines are the character's.
_CAST_AS_OTHER = re.compile(
    r"\byou(?:'ll| will)? (?:play|be|are|'re going to play|can play|could play) "
    r"(?:the |a |an |my )?(?:[\w-]+ ){0,5}?(?:buyer|customer|client|prospect|caller|parent|"
    r"manager|boss|colleague|coworker|co-worker|landlord|vp|cfo|cto|ceo|interviewer|"
    r"stakeholder|user|procurement lead|other side|counterpart)s?\b",
    re.I,
)


_DONE_TO_ME = re.compile(
    r"(?:and\s+(?:then\s+)?)?[\w'-]+(?:\s+(?:up|back|down))?\s+(?:on|at)\s+(?:me|us)\b", re.I
)


# "an email saying I won, but I have to pay a $50 fee first": the sender's demand, reported;
# the learner's plan only once they say they will ("…, so I'll pay it tonight")
_SENDER_SAYS = re.compile(
    r"\b(?:e-?mail|message|text|letter|dm|website|site|caller|recruiter|form|portal|they|it|"
    r"he|she)\b[^.!?]{0,25}\b(?:says?|saying|said|claims?|claiming|told me)\b",
    re.I,
)
_DUTY = re.compile(r"\b(?:i|we|you)\s+(?:have|need|must|'d have|would have)\s+to\s*$", re.I)
_WILL_DO = re.compile(
    r"\b(?:i|we)(?:'ll| will| did| just| paid| sent| am going to|'m going to| plan to)\b", re.I
)


def someone_else_did(text: str, start: int) -> bool:
    if _DONE_TO_ME.match(text, start):
        return True  # "the guy … hung up on me", "yelled at me": done to the learner
    a, b = sentence_span(text, start)
    prefix = text[a:start]
    if _DUTY.search(prefix) and _SENDER_SAYS.search(prefix):
        if not _WILL_DO.search(text[start:b] + text[b : b + 80]):
            return True
    before = clause_before(text, start)
    if _THEIR_WORDS.search(before) or quoted_from_someone_else(text, start):
        return True
    return bool(_THEIR_ACT.search(before) and _PAST.match(text, start))


def concept_flag(text: str, domain_id: str, question: str | None = None) -> Flag | None:
    """The first harm family whose concept the answer proposes (see `HarmConcept`); the coach's
    question tells who the learner is answering."""
    for concept in load_rubrics().concepts:
        if concept.context and domain_id not in concept.context_free_in:
            if not re.search(concept.context, text, re.I):
                continue
        hit = _concept_hits(concept, text, question)
        if hit is not None:
            return Flag(concept, hit)
    return None


def gaming(text: str) -> Hit | None:
    folded = fold(text)
    for pattern in load_rubrics().gaming:
        regex = compiled(pattern)
        m = regex.search(text) if may_match(regex, folded) else None
        if m:
            return Hit(m.start(), m.end())
    return None


@lru_cache(maxsize=256)
def harm_flag(text: str, domain_id: str, question: str | None = None) -> Flag | None:
    """The harm the answer proposes, named as a phrase or read as a concept, if any. Cached:
    the offline coach warns about it in its reply and the scorer caps the round for it, both
    on the same answer and question, so a round reads the answer for harm once."""
    if question and _CAST_AS_OTHER.search(question):
        return None
    flag = red_flag(text, domain_id) or concept_flag(text, domain_id, question)
    if flag is None:
        return None
    a, b = sentence_span(text, flag.hit.start)
    # owned and put right, or asking the coach to "pretend to be my landlord": judge the rest
    if not repaired(text, flag.hit.start) and not CAST.match(text[a:b]):
        return flag
    rest = f"{text[:a]} {text[b:]}".strip()
    return (red_flag(rest, domain_id) or concept_flag(rest, domain_id, question)) if rest else None
