"""The rubric data (`seeds/rubrics.json`): its schema, checked when loaded, and how its
patterns and lexicons compile to regular expressions."""

from __future__ import annotations

import json
import re
from functools import cache, lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, field_validator, model_validator

from coach.answer_signals import ASK, CAUSAL, DATE, EMPATHY, FIRM, NUMBER

RUBRICS_PATH = Path(__file__).resolve().parents[1] / "seeds" / "rubrics.json"


class WeakCue(BaseModel):
    pattern: str
    reason: str = Field(min_length=1, max_length=140)
    # weak only as the answer to this (a pattern on the coach's question or the other side's
    # line): "Sure, I'll send it over" is a step, except to "just send me a proposal"
    when: str | None = None


class DimensionRubric(BaseModel):
    strong: str = Field(min_length=1, max_length=120)
    tip: str = Field(min_length=1, max_length=160)
    # the next move once the first is made: "a start in 'what does it cost you?'; next: ask
    # one open question" told a learner to do what they had just done
    deeper: str | None = Field(default=None, min_length=1, max_length=160)
    # the same two for a line said inside a role-play: "name the deal's stage" is advice for
    # the coach's questions, not for what to say to the prospect across the table
    scene_tip: str | None = Field(default=None, min_length=1, max_length=160)
    scene_deeper: str | None = Field(default=None, min_length=1, max_length=160)
    cues: list[str] = Field(min_length=1)
    # a skill only some rounds call for (an objection to handle, a heated person to calm): a
    # pattern on the coach's question or the learner's answer that puts it in play, and what
    # the reason says when neither does. A coach-review audit: objection_handling 7/10 for an
    # opening line with no objection in it, praised for asking a question.
    in_play: str | None = None
    idle: str | None = Field(default=None, min_length=1, max_length=80)

    @model_validator(mode="after")
    def _idle_with_in_play(self) -> DimensionRubric:
        if (self.in_play is None) != (self.idle is None):
            raise ValueError("in_play and idle go together")
        return self

    def in_scene(self) -> DimensionRubric:
        if self.scene_tip is None:
            return self
        return self.model_copy(update={"tip": self.scene_tip, "deeper": self.scene_deeper})

    weak: list[WeakCue] = Field(default_factory=list)


class RedFlag(BaseModel):
    name: str
    reason: str = Field(min_length=1, max_length=170)
    instead: str = Field(min_length=1, max_length=200)
    patterns: list[str] = Field(min_length=1)
    context: str | None = None
    # where the rule needs no context (a scholarship coach's answers are about applications)
    context_free_in: list[str] = Field(default_factory=lambda: ["scholarship_coach"])
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


class CuePair(BaseModel):
    """Harm two cues imply together though neither names it: a claim and the learner's own word
    that it is false; a helper and the helper writing the essay. `then` follows `first` in its
    sentence or up to `reach` sentences later; with `either` it may also come up to `reach`
    sentences before. With `apart`, a `then` in `first`'s sentence must open a new clause, so
    that it is not part of what `first` says ("tell them we don't have it" is honest), and a
    `then` before `first` must be turned back from ("it's made up, but I'll quote it"). `act`
    names the cue whose scope decides (refused, warned against, asked of someone else);
    `anyone` lets another person be its subject (the cousin who writes the essay); with
    `stranger`, `then` must name someone the coach's question does not (another customer, not
    the one addressed)."""

    first: str
    then: str
    reach: int = Field(default=1, ge=0, le=3)
    either: bool = False
    apart: bool = False
    act: Literal["first", "then"] = "first"
    anyone: bool = False
    stranger: bool = False


class HarmConcept(BaseModel):
    """A family of harm read as concepts, not phrases: any action of the family within a few
    words of any of its objects, one of its `alone` patterns, or one of its `pairs` of cues, in
    a sentence that neither refuses, warns against nor reports it."""

    name: str
    reason: str = Field(min_length=1, max_length=170)
    instead: str = Field(min_length=1, max_length=200)
    context: str | None = None
    context_free_in: list[str] = Field(default_factory=lambda: ["scholarship_coach"])
    unless: str | None = None
    groups: list[ConceptGroup] = Field(default_factory=list)
    alone: list[str] = Field(default_factory=list)
    pairs: list[CuePair] = Field(default_factory=list)


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
            cues = [cue for pair in concept.pairs for cue in (pair.first, pair.then)]
            for extra in (concept.context, concept.unless, *concept.alone, *cues):
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


_GAP = r"\s+(?:[^.!?\n]{0,60}?\s+)?"


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
    if pattern.strip() == "@question":  # a "?" follows a word: no word bounds around it
        return re.compile(r"\?")
    body = macros.get(pattern.strip(), pattern).replace(" … ", _GAP)
    return re.compile(rf"(?<![\w$])(?:{body})(?![\w])", re.I)


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
