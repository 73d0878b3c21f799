"""The offline coach's state, split from the moves that change it: `CoachMemory` is what
rides between rounds in the graph's checkpoint, and `Turn` is the one round being composed
over it. Every other offline-coach module reads and writes a round through these two, so they
sit alone at the bottom of the import chain.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pydantic import BaseModel, ConfigDict, Field

from coach.game_plan import GamePlan, PlanItem
from coach.packs import ChecklistItem, CoachPack
from coach.profile_said import profile_mismatches, year_to_add
from coach.questions import is_guess
from coach.red_flags import Flag
from coach.text import and_list


class CoachMemory(BaseModel):
    """What the offline coach knows of this session. The model is rebuilt every round and
    the graph keeps only a few messages, so this rides along in the graph state; it is
    small, JSON-able and bounded by the size of the pack."""

    model_config = ConfigDict(extra="ignore")

    asked: list[str] = Field(default_factory=list)  # keys of questions already asked
    covered: list[str] = Field(default_factory=list)  # checklist ids the learner covered
    parked: list[str] = Field(default_factory=list)  # items whose questions ran out
    noted: list[str] = Field(default_factory=list)  # dimensions whose gap was pointed out
    praised: list[str] = Field(default_factory=list)  # dimensions whose strength was named
    scene: str | None = None  # the running situation
    beat: int = 0
    pressed: bool = False
    missed: list[int] = Field(default_factory=list)  # beats of the scene not handled
    told: list[int] = Field(default_factory=list)  # the scene's answers the other side gave
    explained: list[int] = Field(default_factory=list)  # beats put in plain words on request
    last_line: str | None = None  # what the other side (or the probe) said last
    scenes_done: list[str] = Field(default_factory=list)
    fits: list[str] = Field(default_factory=list)  # scenes the learner's situation matches
    notes: dict[str, str] = Field(default_factory=dict)  # week plan: item -> learner's words
    days: dict[str, str] = Field(default_factory=dict)  # week plan: item -> the day they named
    named: bool = False  # game plan: the most urgent item has been named
    offered: bool = False  # everything covered: a harder scenario or wrap-up was offered
    reported: list[str] = Field(default_factory=list)  # plan items the learner gave news of
    told_no_plan: bool = False  # game plan: told once that there is nothing on it yet
    tipped: list[str] = Field(default_factory=list)  # checklist ids whose tip was given
    clarified: list[str] = Field(default_factory=list)  # checklist ids explained on request
    counterpart: str | None = None  # whom the learner faces, in their words ("your roommate")
    peer: bool = False  # ... and it is a peer, not a customer
    authority: bool = False  # ... and one the learner answers to (a manager, a professor)
    buyer: str | None = None  # whom the learner sells to ("the buyer at one of the gyms…")
    sells: bool = False  # sales: the learner has said what they sell (said back once)
    buyer_name: str | None = None  # ... by name, when the learner gave it ("Tom Becker")
    incident: str | None = None  # an incident the learner reported, until they say it's over
    focus: str | None = None  # game plan: the item the learner is working on, by title
    last_news: bool = False  # this round's message was news the coach answered as such
    picked: bool = False  # ... or the student picking which plan item to work on
    own_system: bool = False  # design: the learner brought a system of their own to work on
    ahead: bool = False  # the conversation the learner faces has not happened yet
    aside: bool = False  # this round's message was an aside the coach set aside unscored
    not_english: bool = False  # ... or written in a language the coach cannot read; unscored
    too_short: bool = False  # ... or too short to coach: the coach asked for more; unscored
    answered: list[str] = Field(default_factory=list)  # pack answers given, by id
    asked_again: list[str] = Field(default_factory=list)  # question keys asked a second time
    # nothing tracked when the session began: the pack's starting track (chosen once; None
    # until the first round decides)
    starting: bool | None = None
    context: bool = False  # this round told the coach where the learner stands, unscored
    their_line: bool = False  # ... or what the other side says back, to answer next; unscored
    brief: bool = False  # ... or, to a design coach, the system the learner brings; unscored
    draft: bool = False  # ... or a paragraph of their own essay, pasted to be coached; unscored
    # this round's reply began the role-play: the message was said outside it ("ya" to the
    # offer), and is read as such (an audit's "ya" was scored 2/10 as a line to the member)
    scene_began: bool = False
    warned: str | None = None  # the common mistake this round's reply warned of, by id
    cautioned: list[str] = Field(default_factory=list)  # every mistake warned of, by id
    last_said: str = ""  # the learner's last message, clipped: what "her" or "it" refers to
    profile_told: bool = False  # told what to put in the Profile (said once a session)
    off_plan: str | None = None  # an application the student works on that is not on the plan

    def enter_scene(self, scene: str | None) -> None:
        """A scene starts (or, with None, ends) from its first beat."""
        self.scene, self.beat, self.pressed, self.missed, self.told = scene, 0, False, [], []
        self.explained, self.last_line = [], None


@dataclass
class Turn:
    """One round being composed: the pack, the memory being updated, the game plan."""

    pack: CoachPack
    memory: CoachMemory
    text: str
    round_number: int
    plan: GamePlan | None
    plan_aware: bool
    harm: Flag | None = None  # the harm the answer proposes, as the scorer reads it
    newly: list[ChecklistItem] = field(default_factory=list)  # covered by these words
    set_aside: str | None = None  # the key of the coach's question this message left unanswered
    warned: str | None = None  # the mistake the coach's last reply warned of, by id
    before: str = ""  # the learner's message before this one, clipped
    after_draft: bool = False  # that message was a paragraph of their essay, coached
    after_aside: bool = False  # that message stepped away ("brb")
    question: str = ""  # the coach's message the learner answered
    parts: list[str] = field(default_factory=list)

    def live_plan(self) -> GamePlan | None:
        """The plan without the items the learner just told us about: the database only
        learns of them once the student confirms on the game-plan page."""
        if self.plan is None or not self.plan_aware:
            return None
        if not self.memory.reported:
            return self.plan
        gone = set(self.memory.reported)
        return self.plan.model_copy(
            update={
                "top3": [i for i in self.plan.top3 if i.title not in gone],
                "check_ins": [c for c in self.plan.check_ins if c.title not in gone],
            }
        )

    def has_top(self) -> bool:
        plan = self.live_plan()
        return plan is not None and bool(plan.top3)

    def focused(self) -> PlanItem | None:
        """The plan item in play: the one the learner named this session, else the most
        urgent. A student working on their second item was asked about the first, turn
        after turn."""
        plan = self.live_plan()
        if plan is None or not plan.top3:
            return None
        named = next((i for i in plan.top3 if i.title == self.memory.focus), None)
        if named is None and self.memory.off_plan:
            return None  # "im applying to the gates scholarship": theirs, not on the plan
        return named or plan.top3[0]

    @property
    def said(self) -> str:
        """The learner's words without the titles on their plan, for reading cues: "the
        Future Teachers Fund" names an application, not a teacher who could help."""
        # a guess's "?" is doubt, not curiosity: "maybe read the docs?" asked nothing
        said = self.text.replace("?", ".") if is_guess(self.text) else self.text
        plan = self.live_plan()
        if plan is None:
            return said
        for title in [*(i.title for i in plan.top3), *(c.title for c in plan.check_ins)]:
            said = re.sub(re.escape(title), " ", said, flags=re.I)
        return said

    def fill(self, template: str) -> str:
        top, due = "your application", "its deadline"
        urgent, urgent_due = top, due
        nxt = "Next: open Discovery and track two or three scholarships that fit you."
        plan = self.live_plan()
        item = self.focused()
        if plan is not None and plan.top3 and (item is not None or self.memory.off_plan):
            urgent, urgent_due = plan.top3[0].title, plan.top3[0].due or "no fixed deadline"
            nxt = f"Next on your plan: {urgent}, {urgent_due}."
            top, due = (
                (item.title, item.due or "no fixed deadline")
                if item is not None
                else (self.memory.off_plan or top, due)
            )
        them = self.memory.counterpart or self.pack.counterpart
        step = self.memory.notes.get("step")
        no_step = (
            "a first search in Discovery, with a time"
            if self.memory.starting
            else "one piece of {top} and a time"
        )
        return (
            template.replace("{step}", f"“{step}”" if step else no_step)
            .replace("{top}", top)
            .replace("{due}", due)
            .replace("{urgent}", urgent)
            .replace("{urgent_due}", urgent_due)
            .replace("{next}", nxt)
            .replace("{them}", them)
            .replace("{prospect}", self.prospect())
            .replace("{buyer}", self.memory.buyer or self.pack.buyer)
            .replace("{profile}", self.profile_ask() if "{profile}" in template else "")
        )

    def profile_ask(self) -> str:
        """What to put in the Profile, or that it is already there (a plan read without the
        Profile asks for both), once a session; and what the student just said that the
        Profile has otherwise ("i live in ohio" beside Texas), whenever they say it."""
        plan = self.plan
        fixes = profile_mismatches(
            self.text,
            plan.profile_state if plan else None,
            plan.profile_gpa if plan else None,
            plan.profile_school_year if plan else None,
        )
        # a year just said, with none on the Profile: named as the choice to pick, said
        # whenever it is said (a plan not read cannot tell, so says nothing)
        year = year_to_add(self.text, plan.profile_school_year) if plan is not None else ""
        fixes += [year] if year else []
        if self.memory.profile_told:  # once a session: a second time reads as a form
            return " ".join(fixes)
        self.memory.profile_told = True
        gaps = self._profile_gaps(fixed=bool(fixes), year_said=bool(year))
        return " ".join([*fixes, gaps]).strip()

    def _profile_gaps(self, *, fixed: bool, year_said: bool) -> str:
        gaps = self.plan.profile_gaps if self.plan is not None else None
        if gaps is None:
            gaps = ["GPA", "major"]
        gaps = [g for g in gaps if not (year_said and g == "school year")]
        if not gaps and fixed:  # "already has your GPA" beside "update your GPA" reads oddly
            return ""
        if not gaps:
            return (
                "Your Profile already has your GPA, major and school year, so Discovery "
                "matches on them."
            )
        named = ["your intended major" if g == "major" else f"your {g}" for g in gaps]
        what = and_list(named)
        them = "them" if len(gaps) > 1 else "it"
        return f"Put {what} in your Profile too, because Discovery matches scholarships on {them}."

    def prospect(self) -> str:
        """Whom the sales coach plays: the person the learner named, by their name ("Tom
        Becker"), else the pack's Dana Reyes as the learner's buyer."""
        m = self.memory
        if m.buyer_name and m.buyer:
            return f"{m.buyer_name}, {m.buyer}"
        if m.buyer_name:
            return m.buyer_name
        return f"Dana Reyes, {m.buyer or self.pack.buyer}"

    def tip(self, item: ChecklistItem) -> str | None:
        """The item's tip, filled in, the first time it is given this session; None after."""
        if item.id in self.memory.tipped:
            return None
        self.memory.tipped.append(item.id)
        return self.fill(item.tip)

    def ask(self, key: str, question: str) -> bool:
        if key in self.memory.asked:
            return False
        if "on your plan" in question and not self.has_top():
            return False  # about a plan the student has no open item on yet: kept for later
        self.memory.asked.append(key)
        self.parts.append(self.fill(question))
        return True


def asked_by_key(turn: Turn, key: str, item: ChecklistItem | None = None) -> str | None:
    """The checklist question asked under `key` ("deadline.1", "stage.a0"), filled and
    lower-cased to follow "Back to my question:"; None for a key of another kind."""
    head, _, tail = key.partition(".")
    item = item or next((i for i in turn.pack.checklist if i.id == head), None)
    ahead = tail.startswith("a")
    number = tail[1:] if ahead else tail
    if item is None:
        return None
    questions = item.ahead if ahead else item.questions
    if head != item.id or not number.isdigit() or int(number) >= len(questions):
        return None
    again = turn.fill(questions[int(number)])
    first = again.split(" ", 1)[0]
    return again if first == "I" or first.isupper() else again[0].lower() + again[1:]
