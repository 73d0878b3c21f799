"""The offline persona coach: a real, deterministic chat model for when no language model
is configured. It works from the persona's hand-written pack (coach/packs.py): answers the
learner's question first, quotes and critiques their words against the persona's
dimensions, runs the persona's scenario (a prospect, an upset customer, a design problem,
a first-week plan, the scholarship game plan), and moves on when a success condition is
covered, never because rounds passed. What it has asked and seen is carried between rounds
in `CoachMemory`, which the graph checkpoints. The UI labels it "Offline coach"; it never
pretends to be a language model.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage, HumanMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import BaseModel, ConfigDict, Field

from coach.game_plan import GamePlan
from coach.learner_intents import (
    COACH_ME,
    CONCRETE,
    DELEGATE,
    DONE,
    GHOSTWRITE,
    HARDER,
    HINT,
    IDENTITY,
    INSULT,
    META,
    OFF_TOPIC,
    PRACTICE,
    QUESTION,
    SETBACK,
    SILLY_QUESTION,
    STOP_SCENE,
    TODAY,
    WIN,
    WRAP,
    YES,
)
from coach.packs import ChecklistItem, CoachPack, NewsReply, Situation, hits, normalise
from coach.packs import coaching_steps as coaching_steps
from coach.packs import second_person as second_person
from coach.plan_reply import plan_parts
from coach.plan_reply import plan_reply as plan_reply
from coach.text import key_phrase, words


class CoachMemory(BaseModel):
    """What the offline coach knows of this session. The model is rebuilt every round and
    the graph keeps only a few messages, so this rides along in the graph state; it is
    small, JSON-able and bounded by the size of the pack."""

    model_config = ConfigDict(extra="ignore")

    asked: list[str] = Field(default_factory=list)  # keys of questions already asked
    covered: list[str] = Field(default_factory=list)  # checklist ids the learner covered
    parked: list[str] = Field(default_factory=list)  # items whose questions ran out
    noted: list[str] = Field(default_factory=list)  # dimensions whose gap was pointed out
    scene: str | None = None  # the running situation
    beat: int = 0
    pressed: bool = False
    missed: list[int] = Field(default_factory=list)  # beats of the scene not handled
    scenes_done: list[str] = Field(default_factory=list)
    notes: dict[str, str] = Field(default_factory=dict)  # week plan: item -> learner's words
    named: bool = False  # game plan: the most urgent item has been named
    offered: bool = False  # everything covered: a harder scenario or wrap-up was offered
    reported: list[str] = Field(default_factory=list)  # plan items the learner gave news of


@dataclass
class _Turn:
    """One round being composed: the pack, the memory being updated, the game plan."""

    pack: CoachPack
    memory: CoachMemory
    text: str
    round_number: int
    plan: GamePlan | None
    plan_aware: bool
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

    def fill(self, template: str) -> str:
        top, due = "your most urgent application", "its deadline"
        nxt = "Next: open Discovery and track two or three scholarships that fit you."
        plan = self.live_plan()
        if plan is not None and plan.top3:
            first = plan.top3[0]
            top, due = first.title, first.due or "no fixed deadline"
            nxt = f"Next on your plan: {top}, {due}."
        return template.replace("{top}", top).replace("{due}", due).replace("{next}", nxt)

    def ask(self, key: str, question: str) -> bool:
        if key in self.memory.asked:
            return False
        self.memory.asked.append(key)
        self.parts.append(self.fill(question))
        return True


def _scene(pack: CoachPack, memory: CoachMemory) -> Situation | None:
    return next((s for s in pack.situations if s.id == memory.scene), None)


def _next_scene(pack: CoachPack, memory: CoachMemory, *, harder: bool) -> Situation | None:
    left = [s for s in pack.situations if s.id not in memory.scenes_done]
    if harder:
        left = sorted(left, key=lambda s: not s.harder)
    else:
        left = [s for s in left if not s.harder] or left
    return left[0] if left else None


def _role_line(situation: Situation, say: str) -> str:
    if situation.role:
        return f"{situation.role} (role-play): “{say}”"
    return f"Probe: {say}"


def asks_coach(text: str, situation: Situation) -> bool:
    """In a role-play a question is usually said to the other side; in a design problem,
    or when it is plainly about how to do it, it is asked of the coach."""
    if situation.role is None:
        return bool(QUESTION.search(text))
    return bool(META.search(text))


def start_scene(turn: _Turn, situation: Situation) -> None:
    m = turn.memory
    m.scene, m.beat, m.pressed, m.missed = situation.id, 0, False, []
    turn.parts.append(situation.setup)
    turn.parts.append(_role_line(situation, situation.lines[0].say))


def covered_now(turn: _Turn) -> list[ChecklistItem]:
    """Checklist items the learner's words cover for the first time this round."""
    m = turn.memory
    newly = [i for i in turn.pack.checklist if i.id not in m.covered and i.covered_by(turn.text)]
    for item in newly:
        m.covered.append(item.id)
        if item.id in m.parked:
            m.parked.remove(item.id)
        if item.plan_day:
            m.notes[item.id] = key_phrase(turn.text, 6)
    order = [i.id for i in turn.pack.checklist]
    m.covered.sort(key=order.index)
    return newly


def critique(turn: _Turn) -> None:
    """Quote the learner, then one strength and one gap against the persona's dimensions
    (a common mistake, when their words show one, beats a generic gap)."""
    phrase = key_phrase(turn.text, 12)
    if len(words(turn.text)) < 3:
        turn.parts.append("Say a little more and I can give you real feedback on it.")
        return
    pack, m = turn.pack, turn.memory
    strong = [n for n, d in pack.dimensions.items() if hits(d.cues, turn.text)]
    gaps = [n for n in pack.dimensions if n not in strong]
    line = f"You said: “{phrase}”."
    if strong:
        line += f" What works: {pack.dimensions[strong[0]].strong}."
    elif CONCRETE.search(turn.text):
        line += " What works: a concrete number I can hold you to."
    mistake = next((x for x in pack.mistakes if hits(x.cues, turn.text)), None)
    if mistake is not None:
        line += f" Watch out: {mistake.note}"
    elif gaps:
        fresh = [n for n in gaps if n not in m.noted]
        if not fresh:
            m.noted = [n for n in m.noted if n not in gaps]
            fresh = gaps
        m.noted.append(fresh[0])
        line += f" What's missing: {pack.dimensions[fresh[0]].missing}."
    turn.parts.append(line)


def acknowledge(turn: _Turn, newly: list[ChecklistItem]) -> None:
    if not newly:
        return
    if turn.pack.scenario_kind == "week_plan":
        if all(i.id in turn.memory.covered for i in turn.pack.checklist):
            return  # the whole week is about to be laid out
        days = [
            f"{i.plan_day}: {i.label}"
            for i in turn.pack.checklist
            if i.plan_day and i.id in turn.memory.covered
        ]
        if days:
            turn.parts.append("Your first-week plan so far — " + "; ".join(days) + ".")
            return
    turn.parts.append(f"That covers {joined([i.label for i in newly])}.")


def joined(labels: list[str]) -> str:
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]


def week_plan(turn: _Turn) -> str:
    days = [
        f"{i.plan_day} — {i.label} (“{turn.memory.notes[i.id]}”)"
        if turn.memory.notes.get(i.id)
        else f"{i.plan_day} — {i.label}"
        for i in turn.pack.checklist
        if i.plan_day
    ]
    return "Here is your first week: " + "; ".join(days) + "."


def advance(turn: _Turn) -> None:
    """The next move, chosen by what is covered: the first open checklist item's next
    unasked question, its scenario when it is best practised, or, when everything is
    covered, a harder scenario or a wrap-up on offer."""
    pack, m = turn.pack, turn.memory
    for item in pack.checklist:
        if item.id in m.covered or item.id in m.parked:
            continue
        if item.practice and m.scene is None and pack.scenario_kind in ("roleplay", "design"):
            situation = _next_scene(pack, m, harder=False)
            if situation is not None and not situation.harder:
                start_scene(turn, situation)
                return
        for n, question in enumerate(item.questions):
            if turn.ask(f"{item.id}.{n}", question):
                return
        m.parked.append(item.id)
        turn.parts.append(f"Let's park {item.label} for now; what good looks like: {item.tip}")
    done = [i.label for i in pack.checklist if i.id in m.covered]
    still = [i.label for i in pack.checklist if i.id not in m.covered]
    if m.offered:
        pass
    elif still:
        turn.parts.append(
            f"We've worked through everything on my list; still open: {', '.join(still)}."
        )
    elif pack.scenario_kind == "week_plan":
        turn.parts.append(week_plan(turn))
    else:
        turn.parts.append(f"You've now covered the whole checklist: {', '.join(done)}.")
    has_scene = _next_scene(pack, m, harder=True) is not None
    offer = (
        "Want a harder scenario (say “harder”) or a wrap-up (say “wrap up”)?"
        if has_scene
        else "Shall we wrap up (say “wrap up”), so you leave with your next step?"
    )
    if not turn.ask("offer", offer):
        turn.parts.append(
            "Say “harder” for a tougher scenario or “wrap up” for a summary."
            if has_scene
            else "Say “wrap up” whenever you're ready for the summary."
        )
    m.offered = True


def scene_turn(turn: _Turn, situation: Situation) -> None:
    """The learner answered a scenario line: critique it, then the other side reacts —
    moving on if it was handled, pushing back once if not, then showing a model answer."""
    m = turn.memory
    line = situation.lines[min(m.beat, len(situation.lines) - 1)]
    critique(turn)
    handled = hits(line.handled, turn.text) > 0
    if not handled and not m.pressed:
        m.pressed = True
        turn.parts.append(_role_line(situation, line.press))
        return
    if not handled:
        m.missed.append(m.beat)
        turn.parts.append(f"Stepping out for a second — a stronger reply: {line.model}")
    m.beat += 1
    m.pressed = False
    if m.beat < len(situation.lines):
        turn.parts.append(_role_line(situation, situation.lines[m.beat].say))
        return
    end_scene(turn, situation)
    advance(turn)


def end_scene(turn: _Turn, situation: Situation) -> None:
    m = turn.memory
    total = len(situation.lines)
    handled = total - len([b for b in m.missed if b < total])
    out = "End of the role-play" if situation.role else f"That's the end of “{situation.title}”"
    line = f"{out}: you handled {handled} of {total} moments."
    if m.missed:
        line += f" The one to rehearse: “{situation.lines[m.missed[0]].say}”"
    turn.parts.append(line)
    practised = next((i for i in turn.pack.checklist if i.practice and i.id not in m.covered), None)
    if practised is not None and handled * 2 >= total:
        m.covered.append(practised.id)
        m.covered.sort(key=[i.id for i in turn.pack.checklist].index)
        turn.parts.append(f"That covers {practised.label}.")
    m.scenes_done.append(situation.id)
    m.scene, m.beat, m.pressed, m.missed = None, 0, False, []


def news(turn: _Turn, reply: NewsReply, kind: str) -> None:
    if turn.plan is not None:
        said = turn.text.lower()
        titles = [i.title for i in turn.plan.top3] + [c.title for c in turn.plan.check_ins]
        for title in titles:
            if title.lower() in said and title not in turn.memory.reported:
                turn.memory.reported.append(title)
    turn.parts.append(turn.fill(reply.say))
    if reply.ask is None or not turn.ask(f"news.{kind}", reply.ask):
        advance(turn)


def answer_question(turn: _Turn) -> bool:
    best, score = None, 0
    for candidate in turn.pack.answers:
        n = hits(candidate.cues, turn.text)
        if n > score:
            best, score = candidate, n
    if best is None:
        return False
    turn.parts.append(turn.fill(best.answer))
    return True


def wrap_up(turn: _Turn) -> None:
    pack, m = turn.pack, turn.memory
    done = [i.label for i in pack.checklist if i.id in m.covered]
    still = [i.label for i in pack.checklist if i.id not in m.covered]
    line = "Wrap-up: "
    line += f"you covered {', '.join(done)}." if done else "we've only just started."
    if still:
        line += f" Still open: {', '.join(still)}."
    turn.parts.append(line)
    if pack.scenario_kind == "week_plan" and done:
        turn.parts.append(week_plan(turn))
    turn.parts.append(turn.fill(pack.wrap_up))
    turn.ask("wrap", "What's the first thing you'll do, and when?")


def plan_today(turn: _Turn) -> None:
    plan = turn.live_plan()
    statement, key, ask = plan_parts(plan, turn.round_number, turn.memory.asked)
    turn.parts.append(statement)
    turn.memory.named = True
    if plan is not None and plan.top3 and plan.check_ins:
        check = f"plan.check.{plan.check_ins[0].title}"[:60]
        if check not in turn.memory.asked:
            turn.memory.asked.append(check)
    if key is None or ask is None or not turn.ask(key, ask):
        advance(turn)


def compose_reply(
    learner_text: str,
    *,
    pack: CoachPack,
    memory: CoachMemory | None = None,
    round_number: int = 1,
    plan: GamePlan | None = None,
    plan_aware: bool = False,
) -> tuple[str, CoachMemory]:
    """The whole reply and the memory after it, deterministic in its inputs (so tests and
    replays are stable)."""
    m = (memory or CoachMemory()).model_copy(deep=True)
    text = normalise(learner_text).strip()
    turn = _Turn(pack, m, text, round_number, plan, plan_aware)
    newly = covered_now(turn) if text else []
    situation = _scene(pack, m)
    is_question = bool(QUESTION.search(text))

    if not words(text):
        turn.parts.append("Tell me where you are, in a sentence or two, and we'll start there.")
        advance(turn)
    elif IDENTITY.search(text):
        turn.parts.append(pack.boundaries.identity)
        advance(turn)
    elif GHOSTWRITE.search(text) and DELEGATE.search(text) and not COACH_ME.search(text):
        turn.parts.append(pack.boundaries.ghostwrite)
        advance(turn)
    elif INSULT.search(text) and not SILLY_QUESTION.search(text):
        turn.parts.append(pack.boundaries.insult)
        advance(turn)
    elif SETBACK.search(text):
        news(turn, pack.news.setback, "setback")
    elif WIN.search(text):
        news(turn, pack.news.win, "win")
    elif DONE.search(text):
        news(turn, pack.news.done, "done")
    elif plan_aware and TODAY.search(text) and is_question:
        plan_today(turn)
    elif WRAP.search(text):
        wrap_up(turn)
    elif situation is not None and STOP_SCENE.search(text):
        end_scene(turn, situation)
        advance(turn)
    elif situation is not None and PRACTICE.search(text) and len(words(text)) < 8:
        where = "in the role-play: answer the last line" if situation.role else "on the probe"
        turn.parts.append(f"We're already {where} above, in your own words.")
    elif situation is not None and HINT.search(text):
        line = situation.lines[min(m.beat, len(situation.lines) - 1)]
        m.pressed = True
        turn.parts.append(f"Coach's hint: {line.model} Now try it in your own words.")
    elif situation is not None and asks_coach(text, situation) and answer_question(turn):
        back = "the role-play: answer the last line" if situation.role else "the probe above"
        turn.parts.append(f"Now take that back to {back}, in your own words.")
    elif situation is not None:
        scene_turn(turn, situation)
    elif PRACTICE.search(text) or (m.offered and YES.search(text)):
        harder = bool(HARDER.search(text)) or m.offered
        nxt = _next_scene(pack, m, harder=harder)
        if nxt is not None:
            start_scene(turn, nxt)
        else:
            turn.parts.append("I've no more scenarios in my offline playbook; let's drill instead.")
            advance(turn)
    elif is_question and answer_question(turn):
        acknowledge(turn, newly)
        advance(turn)
    elif OFF_TOPIC.search(text) and not newly:
        turn.parts.append(pack.boundaries.off_topic)
        advance(turn)
    elif is_question and not newly and len(words(text)) < 15:
        item = next((i for i in pack.checklist if i.id not in m.covered), pack.checklist[-1])
        turn.parts.append(
            "I don't have a prepared answer to that in my offline playbook, so here is the "
            f"principle for where we are, {item.label}: {turn.fill(item.tip)}"
        )
        advance(turn)
    else:
        critique(turn)
        acknowledge(turn, newly)
        live = turn.live_plan()
        if plan_aware and not m.named and live is not None and live.top3:
            m.named = True
            turn.parts.append(turn.fill("Your most urgent item is {top}, {due}."))
        thin = not newly and len(words(text)) < 12 and not m.covered
        problem = _next_scene(pack, m, harder=False) if pack.scenario_kind == "design" else None
        if thin and problem is not None and not m.scenes_done:
            start_scene(turn, problem)
        else:
            advance(turn)
    return " ".join(p.strip() for p in turn.parts if p.strip()), m


class OfflineCoachModel(BaseChatModel):
    """A chat model that answers from the persona's pack, not from a neural network."""

    domain_id: str
    pack: CoachPack
    memory: CoachMemory = Field(default_factory=CoachMemory)
    round_number: int = 1
    plan: GamePlan | None = None
    plan_aware: bool = False

    @property
    def _llm_type(self) -> str:
        return "offline-persona-coach"

    def __repr_args__(self) -> list[tuple[str | None, Any]]:
        """LangChain puts the model's repr in every run's trace metadata; with the persona's
        whole pack in it that cost ~0.5 ms of every turn."""
        return [("domain_id", self.domain_id), ("round_number", self.round_number)]

    def _reply(self, messages: list[BaseMessage]) -> tuple[str, dict[str, Any]]:
        learner = next((m for m in reversed(messages) if isinstance(m, HumanMessage)), None)
        text = learner.content if learner is not None and isinstance(learner.content, str) else ""
        reply, memory = compose_reply(
            text,
            pack=self.pack,
            memory=self.memory,
            round_number=self.round_number,
            plan=self.plan,
            plan_aware=self.plan_aware,
        )
        return reply, {"finish_reason": "stop", "coach_memory": memory.model_dump(mode="json")}

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        reply, finished = self._reply(messages)
        message = AIMessage(content=reply, response_metadata=finished)
        return ChatResult(generations=[ChatGeneration(message=message)])

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        reply, finished = self._reply(messages)
        # a few words a chunk: each chunk costs LangChain and LangGraph a callback and a
        # stream event, and the page draws at most once a frame anyway
        for token in re.findall(r"(?:\S+\s*){1,8}", reply):
            yield ChatGenerationChunk(message=AIMessageChunk(content=token))
        # the end of the reply, said the way OpenAI says it: a complete answer
        yield ChatGenerationChunk(
            message=AIMessageChunk(content="", response_metadata=finished),
            generation_info={"finish_reason": "stop"},
        )
