"""The moves inside a running role-play or probe (stopping it, a harder one, a hint, a
question for the coach, else the scene's next line), and starting one.
"""

from __future__ import annotations

import re

from coach.answer_text import FUNCTION_WORDS
from coach.learner_intents import FEELING, SHORT, THANKS
from coach.offline_coach.answers import (
    answer_question,
)
from coach.offline_coach.message import Message
from coach.offline_coach.reply_answers import BEYOND_ME
from coach.offline_coach.scenario import (
    advance,
    asks_coach,
    back_to_scene,
    end_scene,
    next_scene,
    offered_scene,
    say_line,
    scene_turn,
    start_scene,
    wrap_up,
)
from coach.offline_coach.turn import Turn
from coach.packs import Situation
from coach.practice_requests import (
    DONT_HAVE,
    HARDER,
    NO_PROJECT,
    asks_to_practise,
)
from coach.session_moves import (
    HINT,
    REPLAY,
    STOP_SCENE,
    SWITCH_ROLES,
    TO_COACH,
    WHAT_MEANT,
    YES,
)
from coach.text import words

# thanks for the session, not a line in it: "that helped a lot", "thanks for the practice"
_THANKS_TO_COACH = re.compile(
    r"\b(that|this|it|you)\s+(really\s+)?(helped|helps|was\s+(really\s+|so\s+|very\s+)?helpful)\b|"
    r"\bthanks?\s+(coach|for\s+(the|this|your)\s+(help|practice|session|role[\s-]?play|tips?|"
    r"feedback))\b|\bthank\s+you\s+(so\s+much|coach)\b",
    re.I,
)


def _practice_problem(turn: Turn) -> Situation | None:
    """The design coach's practice problem for a learner with no system of their own ("I
    don't have one yet", "idk, can you give me one?"); "its for my capstone. a chat app" is
    one, and it stays the subject."""
    m, text = turn.memory, turn.text
    if turn.pack.scenario_kind != "design" or m.scenes_done or m.own_system or m.covered:
        return None
    if len(words(text)) >= 15 or not (NO_PROJECT.search(text) or DONT_HAVE.search(text)):
        return None
    # "Its a inventory tracker for a bakery, not sure on the numbers yet" describes one: the
    # problem is for a message that is only the "I don't have one"
    said = [
        w
        for w in words(NO_PROJECT.sub(" ", text).lower())
        if w not in FUNCTION_WORDS and w not in _NOT_A_SYSTEM and len(w) > 2
    ]
    if len(said) > 2 and not DONT_HAVE.search(text):
        return None
    return next_scene(turn.pack, m, harder=False)


# words around "I don't have one" that describe no system
_NOT_A_SYSTEM = frozenset(
    """yet really honestly tbh just still any real project system idea build make thing
    something sure clue know what can could would you pick one give numbers lol""".split()
)


def scene_moves(turn: Turn, msg: Message) -> bool:
    """Inside a running role-play or probe: stopping it, a harder one, a hint, a worry or a
    question for the coach; else the scene's next line. Outside one: starting it."""
    pack, m, text = turn.pack, turn.memory, turn.text
    situation = msg.situation
    reason = msg.reason
    role = msg.role
    cast_by_name = msg.cast_by_name
    if situation is not None and STOP_SCENE.search(text):
        end_scene(turn, situation)
        advance(turn)
        return True
    if REPLAY.match(text) and (again := situation or _last_scene(turn)) is not None:
        # "again", "from the top", "can we do that one again?" (a role-play audit's were
        # scored as lines, or started a different scene)
        turn.parts.append("Again, from the top.")
        m.enter_scene(again.id)
        m.scene_began = True  # asked of the coach, not said in the scene
        say_line(turn, again, again.lines[0].say)
        return True
    if situation is not None and situation.role and SWITCH_ROLES.search(text):
        back_to_scene(
            turn,
            situation,
            "I'll stay in my part: yours is the one you're here to practise. Back to {where}:",
        )
        return True
    if situation is not None and HARDER.search(text) and asks_to_practise(text):
        nxt = next_scene(pack, m, harder=True)  # "make it harder" mid-scene
        if nxt is not None and nxt.harder and nxt.id != situation.id:
            # the scene left is summed up first: an audit's "can you be tougher?" dropped it
            # unsaid, as if it had been played
            end_scene(turn, situation)
            start_scene(turn, nxt)
        else:
            back_to_scene(
                turn,
                situation,
                "This is the toughest one I have for this; make it hard for yourself instead: "
                "answer it in two sentences, with no filler.",
            )
        return True
    if situation is not None and (
        (asks_to_practise(text) and len(words(text)) < 8) or role is not None
    ):
        back_to_scene(turn, situation, "We're already in {where}: answer it in your own words.")
        return True
    if situation is not None and HINT.search(text):
        give_hint(turn, situation)
        return True
    if situation is not None and WHAT_MEANT.match(text):
        explain_line(turn, situation)
        return True
    if situation is not None and reason == FEELING and answer_question(turn, said=True):
        # "I'm nervous I'll blank in the real meeting" is said to the coach, not the prospect
        back_to_scene(turn, situation, "When you're ready, back to {where}, in your own words.")
        return True
    if situation is not None and asks_coach(text, situation) and answer_question(turn):
        back_to_scene(turn, situation, "Now take that back to {where}, in your own words.")
        return True
    if situation is not None and situation.role and TO_COACH.search(text) and answer_question(turn):
        # "what if she just says no?": the pack's answer, then back to the scene
        back_to_scene(turn, situation, "Now take that back to {where}, in your own words.")
        return True
    if situation is not None and situation.role and TO_COACH.search(text):
        # "should i tell the professor?" is asked of the coach, not said to the other side
        line = situation.at(m.beat)
        hint = f"here is what works at this point: {line.model} "
        if m.pressed:  # the hint for this moment was given already: not the same lines again
            hint = "trust what you already know here: say it plainly, and keep it kind. "
        m.pressed = True
        back_to_scene(
            turn,
            situation,
            f"Stepping out of the role-play: {BEYOND_ME[:1].lower()}{BEYOND_ME[1:]}, so {hint}"
            "When you're ready, back to {where}, in your own words.",
        )
        return True
    if situation is not None and reason == THANKS and _THANKS_TO_COACH.search(text):
        # "ok thanks that helped a lot" is said to the coach: the customer does not answer it
        turn.parts.append("You're welcome — glad it helped.")
        end_scene(turn, situation)
        advance(turn)
        return True
    if situation is not None and reason == THANKS:
        still_in_scene(turn, situation)
        return True
    if situation is not None:
        scene_turn(turn, situation)
        return True
    if (problem := _practice_problem(turn)) is not None:
        turn.parts.append("No problem.")
        start_scene(turn, problem)
        return True
    if (
        asks_to_practise(text)
        or role is not None
        # "ok. honestly I'm not sure our 3 engineers can run SQS" is not a yes to the offer
        or ((m.offered or offered_scene(m)) and YES.search(text) and reason in (SHORT, THANKS))
    ):
        harder = bool(HARDER.search(text)) or m.offered
        # a person cast by name is played in a scene that takes the learner's prospect, not
        # in the harder one whose CFO has a name of their own
        nxt = (cast_by_name is not None and next_scene(pack, m, harder=False)) or next_scene(
            pack, m, harder=harder
        )
        if nxt is not None:
            done_hardest = any(s.harder and s.id in m.scenes_done for s in pack.situations)
            if HARDER.search(text) and not nxt.harder and done_hardest:
                # an audit's "harder" after the hardest quietly started the easier one
                turn.parts.append("You've done the hardest one I have; here is the other one.")
            start_scene(turn, nxt)
        elif m.offered and not asks_to_practise(text) and role is None:
            # a yes to "Shall we wrap up…?" (an audit's scholarship coach answered "k" with
            # "I've no more scenarios for this; let's drill instead")
            wrap_up(turn)
        else:
            turn.parts.append("I've no more scenarios for this; let's drill instead.")
            advance(turn)
        return True
    return False


def _last_scene(turn: Turn) -> Situation | None:
    """The scene played last, for "again" once it has ended."""
    m = turn.memory
    done = m.scenes_done[-1] if m.scenes_done else None
    return next((s for s in turn.pack.situations if s.id == done), None)


def give_hint(turn: Turn, situation: Situation) -> None:
    """The moment's model answer; the moment counts as pushed back on, so a second miss moves
    the scene on."""
    m = turn.memory
    m.pressed = True
    line = situation.at(m.beat)
    back_to_scene(turn, situation, f"Coach's hint: {line.model} Now try it in your own words.")


def explain_line(turn: Turn, situation: Situation) -> None:
    """ "what do you mean?" inside a scene: the other side says its line in plain words (the
    coach, in a probe), and the moment waits for the answer; asked again, the coach's hint.
    It had been scored as the learner's line and answered with the scene's next one."""
    m = turn.memory
    if m.beat in m.explained:
        give_hint(turn, situation)
        return
    m.explained.append(m.beat)
    means = situation.at(m.beat).means
    if situation.role:
        say_line(turn, situation, means)
    else:
        turn.parts.append(f"Put another way: {means}")


def still_in_scene(turn: Turn, situation: Situation) -> None:
    """A bare "thanks" or "hi" inside a scene answers no line (the other side had moved on
    to its next one): the scene waits, and says how to leave it."""
    leave = "“stop the role-play” to step out" if situation.role else "“stop the exercise”"
    back_to_scene(
        turn, situation, f"We're still in {{where}}: answer in your own words, or say {leave}."
    )
