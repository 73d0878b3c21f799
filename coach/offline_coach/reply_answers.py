"""The last moves, for words that are the learner's own: a question answered from the
pack (or as well as the playbook can), a worry answered, an aside set aside, else a
critique of what they said.
"""

from __future__ import annotations

import re
from dataclasses import replace

from coach.answer_signals import first_steps
from coach.counterparts import counterpart
from coach.feelings import is_unwell, without_worry
from coach.learner_intents import ASIDE, OFF_TOPIC, THEIR_LINE
from coach.offline_coach.answers import (
    answer_question,
    clarify,
    current_item,
    variant,
)
from coach.offline_coach.feedback import acknowledge, critique, dated_step
from coach.offline_coach.message import Message
from coach.offline_coach.reply_yes_no import yes_or_no_answer
from coach.offline_coach.scenario import (
    advance,
    next_scene,
)
from coach.offline_coach.turn import CoachMemory, Turn
from coach.packs import CoachPack
from coach.practice_requests import (
    OWN_WORK,
)
from coach.questions import STUCK, WHAT_FIRST
from coach.text import capitalised, key_phrase, spelled_out, words

_LAUGHS = frozenset("lol lmao lmfao haha hahaha hehe rofl".split())
# "ugh whatever. she wont listen to me" is the story, said in frustration, not an aside
_SOMEONE_OR_WHATEVER = re.compile(r"\b(she|he|they|him|her|them|whatever|nobody)\b", re.I)
DEFAULT_COUNTERPART = CoachPack.model_fields["counterpart"].default

# said when a question has no answer in the persona's pack; the student reads it, so it
# names no playbook
BEYOND_ME = "That one's beyond what I can answer well here"


# how a learner says what they build or sell, left out when it is said back
_LEAD_IN = r"^\W*((so|ok(ay)?|well|hi|hey)\b[,\s]*)*((i'?m|i\s+am|we'?re|we\s+are"
_BUILDING = re.compile(
    _LEAD_IN + r"|i'?ve\s+been|we'?ve\s+been)\s+)?"
    r"(designing|building|making|working\s+on|planning|creating|writing)\s+"
    r"|^\W*(i|we)\s+(have|'?ve\s+got)\s+a\s+(new\s+)?(project|app|system)\s*[:,-]\s*",
    re.I,
)


# asked when the learner reports the other side's line: each once a session
_ANSWER_IT = (
    "That's the moment to practise: how would you answer, in the words you'd actually say?",
    "What would you say back, word for word?",
    "And how would you answer that one?",
)


def their_line(turn: Turn, msg: Message) -> bool:
    """ "She says: I didn't mean anything by it" is the other side's line, brought to the
    coach to answer: asked how they'd answer it, not praised or critiqued as their own words
    (it was praised as "clear and specific") and not scored."""
    pack, m = turn.pack, turn.memory
    said = THEIR_LINE.match(turn.text)
    # something told before: in the message that tells the situation, it is the story
    told = any(i.id in m.covered and i not in turn.newly for i in pack.checklist)
    if (
        said is None
        or pack.scenario_kind != "roleplay"
        or msg.in_role_play
        or not told
        or turn.harm is not None
        or len(words(turn.text)) > 40
    ):
        return False
    line = key_phrase(said.group("line").strip(" \"“”'‘’"), 24)
    who = said.group("who").lower()
    if " " in who:  # "my coworker", "the owner": as the learner names them
        them = who.replace("my ", "your ", 1) + " comes"
    elif m.counterpart or pack.counterpart != DEFAULT_COUNTERPART:
        them = turn.fill("{them}") + " comes"
    else:
        them = "they come"
    for n, question in enumerate(_ANSWER_IT):
        if turn.ask(f"their.{n}", f"So {them} back with “{line}”. {question}"):
            m.their_line = True
            return True
    return False


# asking for the better move right after a warning: "what should i do instead?"
_INSTEAD = re.compile(
    r"\b((what|how)\s+(should|do|can|could|would)\s+(i|we)\s+(do|say|try|handle\s+it|"
    r"offer|answer)\s+(instead|then)|what\s+instead|instead\s+what|what\s+would\s+you\s+"
    r"(do|say)|what('?s|\s+is)\s+(the\s+)?(alternative|better\s+(way|move|option)))\b",
    re.I,
)


# asking why right after a warning: "why is that bad?", "whats wrong with that"
_WHY_BAD = re.compile(
    r"\b(why\s+(is|was)\s+(that|it|this)\s+(bad|wrong|a\s+problem|an\s+issue)|why\s+not\b|"
    r"what'?s\s+wrong\s+with\s+(that|it|this)|why\s+(does|would)\s+(that|it)\s+matter|"
    r"how\s+is\s+(that|it)\s+(bad|wrong))",
    re.I,
)


def instead(turn: Turn) -> bool:
    """The better move, when the learner asks for it right after being warned of a common
    mistake: "what should i do instead?" after "a discount before you understand the
    objection…" got "beyond what I can answer" and the next step's tip; "why is that bad?"
    gets the warning's reason, said whole."""
    pack, m = turn.pack, turn.memory
    mistake = next((x for x in pack.mistakes if x.id == turn.warned), None)
    if mistake is None or len(words(turn.text)) > 12:
        return False
    why, _, better = (part.strip() for part in mistake.note.partition(";"))
    if _WHY_BAD.search(turn.text) and not _INSTEAD.search(turn.text):
        reason = f"Because {why.rstrip('.')}."
        if better:
            reason += f" {capitalised(better)}"
        turn.parts.append(reason)
        m.warned = mistake.id  # "so what should i do instead?" can still follow
        return True
    if not _INSTEAD.search(turn.text):
        return False
    named = next((a for a in pack.answers if a.id == mistake.answer), None)
    if named is not None and named.id not in m.answered:
        m.answered.append(named.id)
        turn.parts.append(turn.fill(variant(named, m)))
        return True
    turn.parts.append(f"Instead: {better or why}")
    return True


# not knowing the answer, and nothing else: "idk", "not sure tbh"
DONT_KNOW = re.compile(
    r"^\W*((um+|hmm+|uh+|honestly|tbh|well|sorry)\b[,\s]*)*(idk|i\s+(don'?t|dont|do\s+not)\s+"
    r"know|dunno|not\s+sure|no\s+idea|no\s+clue|i\s+have\s+no\s+(idea|clue))"
    r"(\s+(tbh|honestly|really|yet|lol|sorry))*\W*$",
    re.I,
)


# a short question about what the learner just told: "what do i say to her?", "is that ok?"
_REFERS_BACK = re.compile(r"\b(her|him|them|they|it|that|this|those|these|now)\b", re.I)


def refers_back(turn: Turn) -> bool:
    """A short question whose subject is the learner's last message, answered from the
    two read together: "what do i say to her?" after "my counselor hasnt sent my rec
    letter" got "beyond what I can answer"."""
    if not turn.before or len(words(turn.text)) > 10 or not _REFERS_BACK.search(turn.text):
        return False
    both = replace(turn, text=f"{turn.before} {turn.text}")
    return answer_question(both)


def where_they_stand(turn: Turn, msg: Message) -> bool:
    """Where a student with a plan stands, said back as the starting track says it: "hi! im
    a junior" got "What's missing: the date — when it's due", and a score."""
    pack, m, text = turn.pack, turn.memory, turn.text
    # on the starting track the pack is already the track's; its step says it back first
    items = pack.starting.checklist if pack.starting is not None else []
    if m.starting:
        items = [i for i in pack.checklist if i.id in m.covered]
    if msg.newly or msg.is_question:
        return False
    stand = next((i for i in items if i.context), None)
    if stand is None or not stand.covered_by(turn.said) or len(words(text)) > 25:
        return False
    m.notes[stand.id] = key_phrase(text, 24)
    turn.newly = [stand]  # told where they stand: unscored, as on the starting track
    if m.asked:  # more about themselves, not an answer: the open question is asked again
        turn.set_aside = m.asked[-1]
    acknowledge(turn, [stand])
    advance(turn)
    return True


def all_covered(pack: CoachPack, m: CoachMemory) -> str:
    """What to practise next once every step is covered: "what should I practise next?" got
    "That one's beyond what I can answer well here" at the end of a session (an audit)."""
    done = "You've covered every step of this one"
    if pack.situations and next_scene(pack, m, harder=True) is not None:
        m.offered = True  # "harder" starts it, as after the checklist's own offer
        return f"{done}. Say “harder” for a tougher scenario, or “wrap up” to finish."
    return (
        f"{done}. Press End session for your report card: it says what to practise next. "
        "Or pick another coach for a new skill."
    )


def answer_or_critique(turn: Turn, msg: Message) -> None:
    """A question answered from the pack (or as well as the playbook can), a worry answered, an
    aside set aside, else the learner's words critiqued."""
    pack, m, text, plan_aware = turn.pack, turn.memory, turn.text, turn.plan_aware
    if their_line(turn, msg) or yes_or_no_answer(turn, msg):
        return
    if DONT_KNOW.match(text) and msg.situation is None:
        # "idk" got "Say a little more and I can give you real feedback on it": what the
        # question means, with an example, helps more than asking for more words
        clarify(turn, unsure=True)
        return
    asking = msg.asking
    newly = msg.newly
    # "idk what to ask the owner tbh" asks as plainly as a question mark would
    is_question = msg.is_question or asking
    if is_question and not newly and instead(turn):
        advance(turn)
        return
    # a question already answered: said again briefly, unless the learner brought words of
    # their own to coach ("ok so merge to main runs CI, builds an image, …?")
    if is_question and answer_question(
        turn,
        repeat_ok=not newly and len(words(text)) < 15,
        min_hits=2 if newly and len(words(text)) >= 15 else 1,
    ):
        acknowledge(turn, newly)
        advance(turn)
        return
    # a worry said gets its answer; a plan said is an answer to critique ("Everyone else is
    # senior, so I'll pair with them")
    if (
        not is_question
        and len(words(text)) < 20
        and not first_steps(without_worry(spelled_out(text)))
        and not any(i.also for i in newly)  # a step with its time: "ill search tonight at 8"
        and answer_question(turn, said=True)
    ):
        acknowledge(turn, newly)
        if not is_unwell(text):  # rest first: a question back would ask for work
            advance(turn)
        return
    if (
        (
            OFF_TOPIC.search(text)
            or (
                ASIDE.search(text)
                and len(words(text)) <= 12
                and not is_question
                and not _SOMEONE_OR_WHATEVER.search(text)
            )
        )
        and not newly
        and not set(words(text)) <= _LAUGHS  # "lol" alone laughs along: it is no topic
        # "my soccer coach"; in a role-play pack, "lol my roommate…" may be the story
        and (counterpart(text) is None or (pack.scenario_kind != "roleplay" and ASIDE.search(text)))
        and not OWN_WORK.search(text)  # "my side project is a recipe sharing site"
    ):
        m.aside = True
        turn.parts.append(pack.boundaries.off_topic)
        advance(turn)
        return
    if is_question and not newly and refers_back(turn):
        acknowledge(turn, newly)
        advance(turn)
        return
    if is_question and not newly and (len(words(text)) < 15 or asking):
        # a question to the coach, however long, is answered as well as the playbook can,
        # never critiqued as if it were an answer
        open_items = [i for i in pack.checklist if i.id not in m.covered] or pack.checklist
        here = current_item(turn)  # the step the last question was about, if its tip is unsaid
        # where to start or what is next: the playbook's own order, not the step last asked
        what_next = bool(WHAT_FIRST.search(text) or STUCK.search(text))
        if what_next and all(i.id in m.covered for i in pack.checklist):
            turn.parts.append(all_covered(pack, m))
            return
        item = next(
            (i for i in [*([] if what_next else [here]), *open_items] if i.id not in m.tipped),
            None,
        )
        if item is not None:
            tip = turn.tip(item) or ""
            tip = capitalised(tip)
            if what_next:
                begun = any(i.id in m.covered for i in pack.checklist)
                turn.parts.append(f"{'Next up:' if begun else 'Start with'} {item.label}. {tip}")
            else:
                turn.parts.append(
                    f"{BEYOND_ME}, so here is what matters for the step we're on "
                    f"({item.label}). {tip}"
                )
        else:
            turn.parts.append(f"{BEYOND_ME}.")
        advance(turn)
        return
    if (
        (msg.brought_system or msg.brought_deal)
        and not newly
        and not m.covered
        and turn.harm is None
        and len(words(text)) <= 30
        # "I'll call the Hendersons at 3pm tomorrow…" is a step, to score (a re-audit's was
        # taken for the deal brought, unscored)
        and not dated_step(text)
    ):
        # "im designing a notification system, push and email" is the brief, told before any
        # step: said back and built on, not critiqued for the numbers it has yet to give; so
        # is "im selling a scheduling app to hair salons" to the sales coach
        m.brief = True
        if msg.brought_system:
            system = key_phrase(_BUILDING.sub("", text, count=1) or text, 24)
            turn.parts.append(f"Good, a real system to work on: “{system}”.")
        else:
            sold = re.search(r"\b(selling|pitching|sell|pitch)\s+", text, re.I)
            deal = key_phrase(text[sold.end() :] if sold else text, 24)
            turn.parts.append(f"Good, a real deal to work on: “{deal}”.")
        advance(turn)
        return
    if where_they_stand(turn, msg):
        return
    if newly and all(i.context for i in newly):  # where they stand: no answer to critique
        acknowledge(turn, newly)
        advance(turn)
        return
    critique(turn)
    acknowledge(turn, newly)
    live = turn.live_plan()
    off_plan = (
        "{top} isn't in your Top 3 right now: if you haven't tracked it yet, track it in "
        "Discovery so its deadline is kept with the rest, or put its date in your own calendar."
    )
    if plan_aware and not m.named and live is not None and live.top3:
        m.named = True
        urgent = "Your most urgent item is {urgent}, {urgent_due}."
        focused = turn.focused()
        if focused is not None and focused is not live.top3[0]:
            urgent = "Good: {top}, {due}. The most urgent on your plan is {urgent}, {urgent_due}."
        elif msg.named_off_plan:
            urgent = f"{off_plan} The most urgent on your plan is {{urgent}}, {{urgent_due}}."
        turn.parts.append(capitalised(turn.fill(urgent)))
    elif plan_aware and msg.named_off_plan:
        turn.parts.append(capitalised(turn.fill(off_plan)))
    advance(turn)
