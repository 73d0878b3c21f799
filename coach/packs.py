"""Coach packs: the hand-written playbook the offline coach works from, one JSON file per
persona in seeds/coach_packs/. A persona without one (admins can add personas) gets a
generic pack built from its seed row, so the offline coach never has nothing to say.

Cues are matched as `coach.cues` says.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator

from coach.cues import cue_pattern, hits, known_part
from db.models import CoachingDomain, CoachingPersona

PACKS_DIR = Path(__file__).resolve().parent.parent / "seeds" / "coach_packs"

_PRONOUNS = [
    (r"\bthe (learner|student) (?=current\b)", "your "),
    (r"\btheir\b", "your"),
    (r"\bthey\b", "you"),
    (r"\bthem\b", "you"),
    (r"\bthe learner's\b", "your"),
    (r"\bthe learner\b", "you"),
    (r"\bthe student's\b", "your"),
    (r"\bthe student\b", "you"),
    (r"\bthemselves\b", "yourself"),
    (r"\bthe game plan\b", "your game plan"),  # said to the student: it is theirs
]


def coaching_steps(system_prompt: str) -> list[str]:
    """The numbered 'Coaching style' steps every seed persona lists."""
    section = system_prompt.split("Coaching style:", 1)[-1]
    return [m.strip() for m in re.findall(r"^\s*\d+\.\s*(.+)$", section, flags=re.M)]


def second_person(step: str) -> str:
    text = step[0].lower() + step[1:] if step else step
    for pattern, repl in _PRONOUNS:
        text = re.sub(pattern, repl, text)
    return text.rstrip(".")


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Line(_Strict):
    """One beat of a scenario: what the other side says (or the coach probes), the cues that
    show the learner dealt with it, a push-back if they did not, and a model answer."""

    say: str = Field(min_length=1)
    handled: list[str] = Field(min_length=1)
    press: str = Field(min_length=1)
    model: str = Field(min_length=1)
    means: str = Field(min_length=1)  # the line in plain words, for "what do you mean?"


class SceneAnswer(_Strict):
    """What the other side says back when the learner asks it something: a prospect who
    talks past "what are you using today?" teaches that asking does not pay, and the answer
    is what the learner's next line should use."""

    cues: list[str] = Field(min_length=1)
    say: str = Field(min_length=1)
    about: str = Field(min_length=1)  # what the learner now knows: "how they do it today"
    # the first beat it fits: the CFO tells what the competitor's 25% covers only once the
    # 25% has been said
    after: int = Field(default=0, ge=0)


class Situation(_Strict):
    id: str
    title: str
    setup: str
    role: str | None = None  # who the coach plays; None: the coach probes as itself
    # whom the learner faces: a customer's scene is no rehearsal for a roommate or a teammate
    audience: Literal["any", "customer", "peer", "authority"] = "any"
    # cues of the situation this scene is about (a refund, an outage): such a scene is
    # played only once the learner's words name it, so a gym member who yells is not Maria
    fits: list[str] = Field(default_factory=list)
    harder: bool = False
    lines: list[Line] = Field(min_length=1)
    answers: list[SceneAnswer] = Field(default_factory=list)  # asked, the other side answers

    def at(self, beat: int) -> Line:
        """The moment at `beat`; past the last, the last (a scene ending is still on it)."""
        return self.lines[min(beat, len(self.lines) - 1)]


class YesNoReply(_Strict):
    """What the coach says back to a yes and to a no; a line ending in a question asks it
    instead of the next step's."""

    yes: str = Field(min_length=1)
    no: str = Field(min_length=1)


class ChecklistItem(_Strict):
    """One success condition: covered once the learner's own words show it."""

    id: str = Field(pattern=r"^[a-z0-9_]{1,12}$")
    label: str
    dimension: str | None = None
    cues: list[str] = Field(min_length=1)
    min_hits: int = Field(default=1, ge=1)
    also: list[str] = Field(default_factory=list)  # and at least one of these (e.g. a time)
    practice: bool = False  # best covered by running the scenario
    # covered by telling what happened: the telling is not critiqued as the handling of it
    story: bool = False
    plan_day: str | None = None  # week-plan packs: the day this lands on
    questions: list[str] = Field(min_length=2)
    # asked instead when the conversation is still to come ("I haven't said anything yet"):
    # "At what moment did the conversation turn?" has no answer before it happens
    ahead: list[str] = Field(default_factory=list)
    tip: str  # what a good answer looks like, given when the questions run out
    # telling the coach where they stand ("I'm a junior, nursing"): said back with this line
    # ("{said}": their words) and not scored, since it answers no skill the rubric measures
    context: str | None = None
    # a yes or a no to one of its yes-or-no questions, said back (by the question asked)
    yes_no: dict[str, YesNoReply] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _yes_no_of_its_questions(self) -> ChecklistItem:
        unknown = set(self.yes_no) - {*self.questions, *self.ahead}
        if unknown:
            raise ValueError(f"yes_no answers no question of {self.id}: {sorted(unknown)}")
        return self

    def covered_by(self, text: str) -> bool:
        text = known_part(text)
        if hits(self.cues, text) < self.min_hits:
            return False
        return not self.also or hits(self.also, text) > 0


class Dimension(_Strict):
    cues: list[str] = Field(min_length=1)
    strong: str
    missing: str
    # what is missing from a line said inside a role-play: "say which stage this is" is for
    # the coach's questions, not for what to say to the prospect
    scene_missing: str | None = None


class Mistake(_Strict):
    id: str
    cues: list[str] = Field(min_length=1)
    note: str
    # the dimension whose strength the mistake takes back: "because that's what Uber does"
    # gives a reason, and praising it as one beside the warning contradicts it
    undoes: str | None = None
    # the pack answer that says what to do instead, for "what should i do instead?"
    answer: str | None = None


class Answer(_Strict):
    id: str
    cues: list[str] = Field(min_length=1)
    answer: str
    # Also given when the learner says it rather than asks it ("I feel lost", "I keep
    # procrastinating"): a feeling named in a few words is a request for help, not an answer
    # to critique.
    said: bool = False
    # ... or only when a statement says one of these: "they ghosted me" is news to answer,
    # while "ill follow up friday", which a question's cue "follow up" matches, is a plan
    said_cues: list[str] = Field(default_factory=list)
    # given instead when the learner faces a peer or someone they answer to: a customer's
    # script ("Three calls and still no refund") is no help with a coworker
    peer: str | None = None
    # ... and when that someone is above them (a manager giving hard feedback): the peer's
    # script ("I did most of it") is no help with a manager's "your report was sloppy"
    authority: str | None = None


class Boundaries(_Strict):
    ghostwrite: str
    insult: str
    off_topic: str
    # A persona's forbidden topic -> what the coach says instead of a bare refusal. A student
    # asking "should I pay the fee?" needs "don't pay it, here's why", not "I won't help".
    topics: dict[str, str] = Field(default_factory=dict)
    identity: str = (
        "I'm the offline practice coach: a hand-written coaching playbook, not a language "
        "model, so I can't look things up, but I can drill you on this."
    )


class NewsReply(_Strict):
    say: str
    ask: str | None = None


class News(_Strict):
    setback: NewsReply
    win: NewsReply
    done: NewsReply
    good: NewsReply | None = None  # good news that is no status: a recommender's yes
    started: NewsReply | None = None  # work begun: "i started the hometown essay"
    drafted: NewsReply | None = None  # a whole draft: "i finished my hometown draft"
    unsent: NewsReply | None = None  # a submission taken back: "i didnt hit submit"


class Wording(_Strict):
    strong: str | None = None
    missing: str | None = None


class Starting(_Strict):
    """A first session for a student with nothing tracked: its own checklist (where they
    stand, a first search, what to track, who could vouch for them, a dated step), so the
    coach does not ask about "the deadline for your application" that is not there. A
    student who names an application of their own leaves it for the pack's own checklist."""

    checklist: list[ChecklistItem] = Field(min_length=1)
    note: str  # said once, where the pack's no-plan note would be
    wrap_up: str
    dimensions: dict[str, Wording] = Field(default_factory=dict)  # gaps reworded for a start
    own_application: list[str] = Field(min_length=1)  # cues: "my essay", "it's due March 3"
    switched: str  # said when those words take the student off the starting track


class CoachPack(_Strict):
    domain_id: str
    scenario_kind: Literal["roleplay", "design", "week_plan", "game_plan", "none"] = "none"
    counterpart: str = "the other person"  # {them} in the pack's lines, until the learner says
    buyer: str = "the buyer you're selling to"  # {buyer}: the prospect a role-play plays
    situations: list[Situation] = Field(default_factory=list)
    checklist: list[ChecklistItem] = Field(min_length=1)
    dimensions: dict[str, Dimension] = Field(default_factory=dict)
    mistakes: list[Mistake] = Field(default_factory=list)
    answers: list[Answer] = Field(default_factory=list)
    boundaries: Boundaries
    news: News
    wrap_up: str
    starting: Starting | None = None
    # A paragraph pasted in is read as the student's essay (what works, the one change): the
    # scholarship coach's. Elsewhere a pasted email or PR description is the learner's answer,
    # and an audit's got "…so it leads into the rest of the essay".
    reads_essays: bool = False
    _started: CoachPack | None = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _distinct_questions_and_valid_cues(self) -> CoachPack:
        start = self.starting.checklist if self.starting is not None else []
        for items in (self.checklist, start):
            questions = [q for item in items for q in [*item.questions, *item.ahead]]
            if len(questions) != len(set(questions)):
                raise ValueError("every question in a pack must be distinct")
            if len({i.id for i in items}) != len(items):
                raise ValueError("checklist ids must be unique")
        cues = [c for item in [*self.checklist, *start] for c in [*item.cues, *item.also]]
        cues += [c for d in self.dimensions.values() for c in d.cues]
        cues += [c for m in self.mistakes for c in m.cues]
        cues += [c for a in self.answers for c in [*a.cues, *a.said_cues]]
        cues += [c for s in self.situations for line in s.lines for c in line.handled]
        cues += [c for s in self.situations for c in s.fits]
        cues += [c for s in self.situations for a in s.answers for c in a.cues]
        undone = {m.undoes for m in self.mistakes if m.undoes} - set(self.dimensions)
        if undone:
            raise ValueError(f"a mistake undoes no dimension of this pack: {sorted(undone)}")
        unanswered = {m.answer for m in self.mistakes if m.answer} - {a.id for a in self.answers}
        if unanswered:
            raise ValueError(f"a mistake names no answer of this pack: {sorted(unanswered)}")
        if not any(a.id == "stress" and a.said for a in self.answers):
            raise ValueError("a pack needs a said answer 'stress': a feeling is answered")
        if self.starting is not None:
            cues += self.starting.own_application
            unknown = set(self.starting.dimensions) - set(self.dimensions)
            if unknown:
                raise ValueError(f"starting rewords no dimension of this pack: {sorted(unknown)}")
        for cue in cues:
            try:
                cue_pattern(cue)
            except re.error as exc:
                raise ValueError(f"bad cue {cue!r}: {exc}") from exc
        return self

    def started(self) -> CoachPack:
        """The pack as a starting session uses it: the starting checklist, wrap-up and
        wording in place of the pack's own, every other move unchanged. Built once."""
        if self.starting is None:
            return self
        if self._started is None:
            start = self.starting
            dimensions = {
                name: dim.model_copy(
                    update={
                        k: v
                        for k, v in start.dimensions.get(name, Wording()).model_dump().items()
                        if v is not None
                    }
                )
                for name, dim in self.dimensions.items()
            }
            self._started = self.model_copy(
                update={
                    "checklist": start.checklist,
                    "wrap_up": start.wrap_up,
                    "dimensions": dimensions,
                    "starting": None,
                }
            )
        return self._started

    @property
    def plays_prospect(self) -> bool:
        """Whether a scene plays the learner's own prospect: what they sell is their deal."""
        return any("{prospect}" in s.setup for s in self.situations)

    def item(self, item_id: str) -> ChecklistItem | None:
        return next((i for i in self.checklist if i.id == item_id), None)


@lru_cache(maxsize=64)
def load_pack(domain_id: str) -> CoachPack | None:
    """The persona's hand-written pack, read and validated once per process."""
    if not re.fullmatch(r"[a-z0-9_]{1,63}", domain_id):
        return None
    path = PACKS_DIR / f"{domain_id}.json"
    if not path.is_file():
        return None
    return CoachPack.model_validate_json(path.read_text(encoding="utf-8"))


_FILLER = frozenset(
    "about after again all also before being every first from have help into more most "
    "other over some such than that their them then there these they this through what "
    "when where which while with your learner student".split()
)


def _cue_words(text: str) -> list[str]:
    found = [w.lower() for w in re.findall(r"[A-Za-z]{5,}", text) if w.lower() not in _FILLER]
    return list(dict.fromkeys(w[:6] for w in found))


def generic_pack(persona: CoachingPersona, domain: CoachingDomain) -> CoachPack:
    """A sensible pack from the seed row alone: one checklist item per coaching step, the
    persona's dimensions as critique lines, plain boundary sentences."""
    steps = [second_person(s) for s in coaching_steps(persona.system_prompt)]
    if not steps:
        steps = [second_person(persona.success_conditions or "set a clear goal for this session")]
    checklist = [
        ChecklistItem(
            id=f"step{n}",
            label=step,
            cues=_cue_words(step) or ["goal"],
            questions=[
                f"Let's {step}: where are you with that right now?",
                f"What would it look like, in your case, to {step}?",
                f"What is one concrete thing you could do to {step}?",
            ],
            tip=f"a good answer here is specific: {step}, with a name, a number or a date.",
        )
        for n, step in enumerate(steps, start=1)
    ]
    dimensions = {
        name: Dimension(
            cues=_cue_words(name.replace("_", " ")) or [name.split("_")[0]],
            strong=f"you speak directly to {name.replace('_', ' ')}",
            missing=f"nothing yet on {name.replace('_', ' ')}; add one concrete sentence on it",
        )
        for name in persona.dimensions
    }
    subject = domain.name.lower() if domain.name else "this"
    return CoachPack(
        domain_id=persona.domain_id,
        scenario_kind="game_plan" if persona.uses_game_plan else "none",
        checklist=checklist,
        dimensions=dimensions,
        boundaries=Boundaries(
            ghostwrite=(
                "I won't write that for you — it has to be your work — but paste one "
                "paragraph and I'll coach you through making it stronger."
            ),
            insult="Fair enough, this can be frustrating; let's keep going anyway.",
            off_topic=f"That's outside what I can help with here, so let's get back to {subject}.",
        ),
        news=News(
            setback=NewsReply(
                say=(
                    "I'm sorry, that's a setback. One lesson to take from it: write down "
                    "the moment it turned, while it's fresh."
                ),
                ask="Looking back, what is the one thing you would do differently?",
            ),
            win=NewsReply(
                say="Congratulations, that's a real result! Note what made it work.",
                ask="What made the difference, so you can repeat it?",
            ),
            done=NewsReply(
                say="Good, that's done and off your list.",
                ask="When will you check whether it landed as you hoped?",
            ),
        ),
        answers=[
            Answer(
                id="stress",
                said=True,
                cues=["i'm stressed", "i am stressed", "overwhelmed", "i'm worried", "anxious"],
                answer=(
                    "That pressure is real. Make the next step small: one piece you can "
                    "finish in 25 minutes today, then stop. A small finished step lowers the "
                    "stress faster than more planning."
                ),
            )
        ],
        wrap_up="Your next step: pick the one open item above and give it a date.",
    )


def pack_for(persona: CoachingPersona, domain: CoachingDomain) -> CoachPack:
    return load_pack(persona.domain_id) or generic_pack(persona, domain)
