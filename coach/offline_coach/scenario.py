"""Where the practice session goes next, apart from what is said about the learner's words:
the checklist the learner covers, the persona's scenario (a role-play or a design probe) with
its beats and push-backs, the move to the next open item or a harder scenario, the first-week
plan and the wrap-up. Progress is by what is covered, never by rounds passed, and all of it
lives here so that rule is read in one place.
"""

from __future__ import annotations

import re

from coach.cues import distinct_hits, hits
from coach.offline_coach.feedback import CLAUSE, critique, day_for, joined, plan_days
from coach.offline_coach.turn import CoachMemory, Turn, asked_by_key
from coach.packs import ChecklistItem, CoachPack, SceneAnswer, Situation
from coach.questions import QUESTION, asked_for_facts
from coach.session_moves import META
from coach.text import capitalised, key_phrase, words

MIN_HANDLING_WORDS = 3
SKIPS_A_MOMENT = 2  # cues of the next moment one line must show to have done it already
SCENE_OFFER = "scene.offer"
ROLE_PLAY_OFFER = (
    "I can play {who} so you can rehearse it: shall we (say “let's practise”), or would you "
    "rather tell me more first?"
)


def is_offer(question: str) -> bool:
    """Whether the coach's message ended on an offer (a role-play, a harder scenario, a
    wrap-up): "ya" or "nah" to it is a reply, not an answer to score."""
    return question.rstrip().endswith(
        (
            "or would you rather tell me more first?",
            "or a wrap-up (say “wrap up”)?",
            "you leave with your next step?",
        )
    )


def offered_scene(memory: CoachMemory, *, ever: bool = False) -> bool:
    """Whether the coach's last question was the offer of a role-play ("yes" takes it); with
    `ever`, whether it was offered and not yet played ("ok lets do it" a few rounds on)."""
    if ever:
        return SCENE_OFFER in memory.asked and not memory.scenes_done
    return bool(memory.asked) and memory.asked[-1] == SCENE_OFFER


def scene_of(pack: CoachPack, memory: CoachMemory) -> Situation | None:
    return next((s for s in pack.situations if s.id == memory.scene), None)


def note_fits(pack: CoachPack, memory: CoachMemory, text: str) -> None:
    """Remember which situation-specific scenes the learner's words are about."""
    for s in pack.situations:
        if s.fits and s.id not in memory.fits and hits(s.fits, text) > 0:
            memory.fits.append(s.id)


# the conversation is still to come: "I haven't said anything yet", "I want to talk to her
# this weekend", "how do I bring it up?"
AHEAD = re.compile(
    r"\b(haven'?t|havent|have not|never)\s+(said|told|talked|spoken|brought|raised|mentioned|"
    r"asked)\b|\b(want|need|have|going|plan(ning)?|gonna|about|trying|scared|nervous|afraid)\s+"
    r"to\s+(talk|tell|bring\s+(it|this|that|up)|raise|confront|ask|approach|have\s+(a|the|that)\s+"
    r"(talk|conversation|chat))\b|\bhow\s+(do|should|can|would)\s+i\s+(bring\s+(it|this|that)\s+"
    r"up|tell|approach|start|raise|ask)\b|\bhow\s+to\s+(bring\s+(it|this|that)\s+up|raise\s+(it|this)|"
    r"tell\s+(him|her|them)|approach\s+(him|her|them))\b|\b(upcoming|tomorrow'?s|next\s+week'?s)\s+"
    r"(talk|conversation|meeting)\b",
    re.I,
)


def note_ahead(memory: CoachMemory, text: str) -> None:
    """Once the learner says the conversation is still ahead, the story questions ask about
    it as coming, not as past."""
    if not memory.ahead and AHEAD.search(text):
        memory.ahead = True


def next_scene(pack: CoachPack, memory: CoachMemory, *, harder: bool) -> Situation | None:
    """The scene to rehearse: one with whom the learner faces (a customer, a peer, someone
    they answer to), about their situation when a scene is written for it, else the
    audience's general one. A peer's scene is no rehearsal for asking a professor."""
    audience = "authority" if memory.authority else "peer" if memory.peer else "customer"
    fresh = [s for s in pack.situations if s.id not in memory.scenes_done]
    left = [s for s in fresh if s.audience in ("any", audience)]
    left = [s for s in left if not s.fits or s.id in memory.fits]
    left.sort(key=lambda s: not s.fits)  # the scene about their situation first
    if harder:
        left = sorted(left, key=lambda s: not s.harder)
    else:
        left = [s for s in left if not s.harder] or left
    return left[0] if left else None


def say_line(turn: Turn, situation: Situation, say: str | None = None) -> None:
    """The other side's line (the coach's, in a probe), marked so the scorer reads the next
    answer as said to it; without `say`, the last one again, for an answer still owed."""
    m = turn.memory
    say = say or m.last_line or situation.at(m.beat).say
    m.last_line = say
    if situation.role:
        role = turn.fill(situation.role)  # "{them}": "Your manager"
        turn.parts.append(f"{capitalised(role)} (role-play): “{say}”")
    else:
        turn.parts.append(f"Probe: {say}")


def back_to_scene(turn: Turn, situation: Situation, lead: str) -> None:
    """After a step out of the scene (an answer, a hint, a check on progress), the line still
    owed, said again: the reply then ends on it, and the next answer is read as said to it."""
    where = "the role-play" if situation.role else "the probe"
    turn.parts.append(lead.replace("{where}", where))
    say_line(turn, situation)


def asks_coach(text: str, situation: Situation) -> bool:
    """In a role-play a question is usually said to the other side; in a design problem,
    or when it is plainly about how to do it, it is asked of the coach."""
    if situation.role is None:
        return bool(QUESTION.search(text))
    return bool(META.search(text))


def start_scene(turn: Turn, situation: Situation) -> None:
    m = turn.memory
    m.enter_scene(situation.id)
    m.scene_began = True
    turn.parts.append(turn.fill(situation.setup))
    say_line(turn, situation, situation.lines[0].say)


def _clause_for(item: ChecklistItem, said: str) -> str:
    """The clause of the learner's words that covers the item ("get the repo running
    locally"), not the sentence's first words ("ok so for day one i'd…") for every day."""
    clauses = [c.strip() for c in CLAUSE.split(said) if len(c.split()) >= 2]
    hit = next((c for c in clauses if hits(item.cues, c)), None)
    return key_phrase(hit, 8) if hit is not None else key_phrase(said, 6)


def covered_now(turn: Turn, *, story_only: bool = False) -> list[ChecklistItem]:
    """Checklist items the learner's words cover for the first time this round; with
    `story_only`, only telling what happened (a wish to practise "handling objections" tells
    the situation, and handles no objection)."""
    m = turn.memory
    # "I said sorry, that's the policy": a common mistake in the words practises nothing
    slipped = any(hits(x.cues, turn.said) for x in turn.pack.mistakes)
    newly = [
        i
        for i in turn.pack.checklist
        if i.id not in m.covered
        and not (slipped and i.practice)
        and (i.story or i.context is not None or not story_only)
        and i.covered_by(turn.said)
    ]
    for item in newly:
        m.covered.append(item.id)
        if item.id in m.parked:
            m.parked.remove(item.id)
        # the week plan quotes the few words that gave each day; the wrap-up, the step whole
        # where they stand is said back whole, up to a sentence of two dozen words
        if item.plan_day and (day := day_for(item, turn.said)) is not None:
            m.days[item.id] = day
        m.notes[item.id] = (
            _clause_for(item, turn.said)
            if item.plan_day
            else key_phrase(turn.text, 24 if item.context else 14)
        )
    order = [i.id for i in turn.pack.checklist]
    m.covered.sort(key=order.index)
    return newly


def week_plan(turn: Turn) -> str:
    days = [
        f"{day} — {i.label} (“{turn.memory.notes[i.id]}”)"
        if turn.memory.notes.get(i.id)
        else f"{day} — {i.label}"
        for day, i in plan_days(turn, turn.pack.checklist)
    ]
    return "Here is your first week: " + "; ".join(days) + "."


def _set_aside(turn: Turn, item: ChecklistItem) -> str | None:
    """The item's question the learner set aside this round (thanks, a question of their
    own), once: parking an item they never had the chance to answer reads as giving up on
    them; asking it again a second time, as nagging."""
    key = turn.set_aside
    if key is None or key in turn.memory.asked_again:
        return None
    again = asked_by_key(turn, key, item)
    if again is not None:
        turn.memory.asked_again.append(key)
    return again


def advance(turn: Turn, *, quiet_park: bool = False) -> None:
    """The next move, chosen by what is covered: the first open checklist item's next
    unasked question, its scenario when it is best practised, or, when everything is
    covered, a harder scenario or a wrap-up on offer. `quiet_park` parks without saying so:
    right after the game plan named the deadline, "let's park the deadline" contradicts it."""
    pack, m = turn.pack, turn.memory
    for item in pack.checklist:
        if item.id in m.covered or item.id in m.parked:
            continue
        # a design probe starts unasked; a role-play is offered, so the learner's next words
        # are not taken for a line to someone they have not agreed to talk to yet
        unasked = m.scene is None and not m.scenes_done
        # a learner's own system stays the subject: the practice problem is for those
        # without one (or, later, a harder one on request)
        own = pack.scenario_kind == "design" and m.own_system
        if item.practice and unasked and not own and pack.scenario_kind in ("roleplay", "design"):
            situation = next_scene(pack, m, harder=False)
            if situation is not None and not situation.harder:
                if situation.role is None:
                    start_scene(turn, situation)
                    return
                role = situation.role
                who = turn.fill(role) if "{" in role else f"the {role.lower()}"
                if turn.ask(SCENE_OFFER, ROLE_PLAY_OFFER.replace("{who}", who)):
                    return
        ahead = m.ahead and bool(item.ahead)
        for n, question in enumerate(item.ahead if ahead else item.questions):
            if turn.ask(f"{item.id}.{'a' if ahead else ''}{n}", question):
                return
        if (again := _set_aside(turn, item)) is not None:
            turn.parts.append(f"Back to my question: {again}")
            return
        m.parked.append(item.id)
        tip = turn.tip(item)
        if quiet_park:
            continue
        if tip is None:  # given already this session
            turn.parts.append(f"For now, let's park {item.label}.")
        else:  # the label first: "…park the deadline you're working to for now" misread;
            # the tip its own sentence ("…them; what good looks like: a pain is…" ran on)
            good = tip[:1].upper() + tip[1:]
            turn.parts.append(f"For now, let's park {item.label}. What good looks like: {good}")
    done = [i.label for i in pack.checklist if i.id in m.covered]
    still = [i.label for i in pack.checklist if i.id not in m.covered]
    if m.offered:
        pass
    elif still:
        turn.parts.append(
            f"That's every step I had for today; still open, to come back to: {joined(still)}."
        )
    elif pack.scenario_kind == "week_plan":
        turn.parts.append(week_plan(turn))
    else:
        turn.parts.append(f"You've now covered the whole checklist: {joined(done)}.")
    has_scene = next_scene(pack, m, harder=True) is not None
    offer = (
        "Want a harder scenario (say “harder”) or a wrap-up (say “wrap up”)?"
        if has_scene
        else "Shall we wrap up (say “wrap up”), so you leave with your next step?"
    )
    again = (
        "Say “harder” for a tougher scenario or “wrap up” for a summary."
        if has_scene
        else "Say “wrap up” whenever you're ready for the summary."
    )
    # each once: the same line three rounds running reads as a script
    follow_ups = (
        ("offer", offer),
        ("offer.again", again),
        ("offer.open", "What else about this would you like to work through?"),
    )
    for key, line in follow_ups:
        if turn.ask(key, line):
            break
    m.offered = True


def scene_turn(turn: Turn, situation: Situation) -> None:
    """The learner answered a scenario line: critique it, then the other side reacts —
    moving on if it was handled, pushing back once if not, then showing a model answer."""
    m = turn.memory
    line = situation.at(m.beat)
    told = _their_answer(turn, situation)
    critique(turn, asked_about=told.about if told is not None else None)
    said_back = f"{told.say} " if told is not None else ""
    # a word or two ("why?", "ok") handles no objection, whatever cue it happens to carry;
    # nor does a line that makes a common mistake the critique just warned of ("I'll drop the
    # price by 30% today" carried "today", and counted as one of "3 of 3 moments": an audit)
    handled = (
        turn.harm is None
        and m.warned is None
        and len(words(turn.text)) >= MIN_HANDLING_WORDS
        and hits(line.handled, turn.text) > 0
    )
    if not handled and not m.pressed:
        m.pressed = True
        if turn.harm is not None and situation.role:
            # an insult or a threat is heard: "You're lazy…" got the teammate's scripted
            # "Okay… is something wrong?" (a role-play audit); the moment is offered again
            say_line(turn, situation, f"Hold on. I'm not okay with that. {line.say}")
            return
        say_line(turn, situation, said_back + line.press)
        return
    if not handled:
        m.missed.append(m.beat)
        turn.parts.append(f"Stepping out for a second — a stronger reply: {line.model}")
    m.beat += 1
    m.pressed = False
    # a line that already answers the next moment's question ("could i take friday off? my
    # sister is graduating" before "why now?"): the other side does not ask for what it was
    # just told; a threat or a push-back still comes, told or not
    if (
        handled
        and m.beat < len(situation.lines)
        and situation.lines[m.beat].say.rstrip().endswith("?")
        and distinct_hits(situation.lines[m.beat].handled, turn.text) >= SKIPS_A_MOMENT
    ):
        m.beat += 1
    if m.beat < len(situation.lines):
        say_line(turn, situation, said_back + situation.lines[m.beat].say)
        return
    if told is not None:  # the last moment handled with a question: answered, then the end
        say_line(turn, situation, told.say)
    end_scene(turn, situation)
    advance(turn)


def _their_answer(turn: Turn, situation: Situation) -> SceneAnswer | None:
    """What the other side answers to a question the learner puts to it, once a scene: "what
    are you using today?" got the prospect's next scripted objection, as if unheard."""
    asked = asked_for_facts(turn.text) if situation.answers and turn.harm is None else ""
    m = turn.memory
    for n, answer in enumerate(situation.answers if asked else []):
        if n not in m.told and m.beat >= answer.after and hits(answer.cues, asked):
            m.told.append(n)
            return answer
    return None


def _practised_by(turn: Turn, situation: Situation) -> ChecklistItem | None:
    """The open practice step the scene practises: one its model answers show (a complaint's
    models apologise, so it practises empathy, not active listening, which none of them
    does)."""
    models = " ".join(line.model for line in situation.lines)
    return next(
        (
            item
            for item in turn.pack.checklist
            if item.practice and item.id not in turn.memory.covered and item.covered_by(models)
        ),
        None,
    )


def end_scene(turn: Turn, situation: Situation) -> None:
    m = turn.memory
    total = len(situation.lines)
    done = min(m.beat, total)
    handled = done - len([b for b in m.missed if b < done])
    # stopped early, the moments never reached are not handled; one answered and pressed is
    # reached, and not handled
    played = min(done + (1 if m.pressed else 0), total)
    out = "End of the role-play" if situation.role else f"That's the end of “{situation.title}”"
    if played == total:
        line = f"{out}: you handled {handled} of {total} moments."
    elif played == 0:
        line = f"{out}, before your first reply."
    elif played == 1:
        line = f"{out} after its first moment of {total}" + (
            ": you handled it." if handled else "."
        )
    else:
        line = f"{out}: you handled {handled} of the {played} moments you got to (of {total})."
    if m.missed:
        line += f" The one to rehearse: “{situation.lines[m.missed[0]].say}”"
    elif 0 < played and done < total:  # stopped on a line said and not answered yet
        line += f" Left for next time: “{situation.lines[done].say}”"
    turn.parts.append(line)
    practised = _practised_by(turn, situation)
    if practised is not None and handled == total:  # every moment, not a few "ok"s
        m.covered.append(practised.id)
        m.covered.sort(key=[i.id for i in turn.pack.checklist].index)
        turn.parts.append(f"That covers {practised.label}.")
    m.scenes_done.append(situation.id)
    m.enter_scene(None)


def _coverage(turn: Turn, lead: str, covered: str) -> tuple[str, list[str]]:
    """What the session covered and what is still open, in one line after `lead`, and the
    labels covered: the wrap-up and "how did I do?" say it the same way."""
    m = turn.memory
    done = [i.label for i in turn.pack.checklist if i.id in m.covered]
    still = [i.label for i in turn.pack.checklist if i.id not in m.covered]
    line = f"{lead}{covered} {joined(done)}." if done else f"{lead}we've only just started."
    if still:
        line += f" Still open: {joined(still)}."
    return line, done


GOODBYE = re.compile(
    r"\b(bye|goodbye|see\s+you|talk\s+later|gotta\s+go|have\s+to\s+go|i'?m\s+done|"
    r"(that'?s|thats|that\s+is)\s+(all|enough|it)\s+for\s+(now|today|tonight))\b",
    re.I,
)


def wrap_up(turn: Turn) -> None:
    pack = turn.pack
    m = turn.memory
    if (situation := scene_of(pack, m)) is not None:
        if m.beat or m.pressed:
            end_scene(turn, situation)  # the role-play's own count first, then the session's
        else:  # started and not yet answered: nothing to count
            m.enter_scene(None)
    line, done = _coverage(turn, "Wrap-up: ", "you covered")
    turn.parts.append(line)
    if pack.scenario_kind == "week_plan" and done:
        turn.parts.append(week_plan(turn))
    turn.parts.append(turn.fill(pack.wrap_up))
    if GOODBYE.search(turn.text):  # "thanks bye": no question to someone on their way out
        turn.parts.append("Good luck, and come back any time.")
        return
    if "{step}" in pack.wrap_up and m.notes.get("step"):
        # their own dated step was just quoted back: asking for it again reads as not listening
        turn.parts.append("Good luck with it, and come back any time.")
        return
    turn.ask("wrap", "What's the first thing you'll do, and when?")


def progress(turn: Turn, situation: Situation | None) -> None:
    """'How did I do?': what the session has covered and what is still open, out of the
    role-play if one is running; the score of each round is under it in the chat."""
    lead = "Stepping out of the role-play: so far " if situation is not None else "So far "
    line, _ = _coverage(turn, lead, "you've covered")
    turn.parts.append(line + " Each scored round's assessment is under the coach's reply to it.")
    if situation is not None:
        back_to_scene(turn, situation, "When you're ready, back to {where}, in your own words.")
    else:
        advance(turn)
