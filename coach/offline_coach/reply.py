"""The round's dispatcher: which one move the offline coach makes for a learner message
(a boundary, news, the plan, a wrap-up, the running scenario, an answer or a critique), in
the order that decides ties. It is kept apart from the chat model so the reply can be
composed, tested and replayed without LangChain.
"""

from __future__ import annotations

import re
from uuid import uuid4

from coach.answer_signals import first_steps
from coach.answer_text import FUNCTION_WORDS
from coach.counterparts import above_you, buyer, buyer_name, cast_name, cast_role, counterpart
from coach.game_plan import GamePlan
from coach.incident import (
    HANDLED_REPLY,
    LEAD_MESSAGE,
    STILL_GOING,
    WAITING,
    asks_what_to_tell,
    incident_handled,
    incident_kind,
    incident_steps,
    wants_to_move_on,
)
from coach.learner_intents import (
    ALREADY,
    ASIDE,
    ASKING,
    AWAY,
    CLARIFY,
    DONE,
    FEELING,
    GOOD,
    HINT,
    HOW_DID_I_DO,
    IDENTITY,
    NOT_YET,
    OFF_TOPIC,
    SETBACK,
    SHORT,
    SILLY_QUESTION,
    STOP_SCENE,
    THANKS,
    TO_COACH,
    WIN,
    WRAP,
    YES,
    insults_the_coach,
    is_frustrated,
    unscored_reason,
    wants_it_written,
    without_worry,
)
from coach.news import Candidate, match_title, news_kind
from coach.offline_coach.answers import (
    answer_question,
    clarify,
    current_item,
    news,
    no_plan_note,
    plan_question,
    plan_today,
)
from coach.offline_coach.feedback import acknowledge, critique
from coach.offline_coach.scenario import (
    advance,
    asks_coach,
    covered_now,
    end_scene,
    next_scene,
    note_ahead,
    note_fits,
    offered_scene,
    progress,
    scene_of,
    scene_turn,
    start_scene,
    wrap_up,
)
from coach.offline_coach.turn import CoachMemory, Turn
from coach.packs import CoachPack, Situation, normalise
from coach.practice_requests import (
    DESCRIBED_SYSTEM,
    DONT_HAVE,
    HARDER,
    NO_PROJECT,
    OWN_WORK,
    asks_to_practise,
)
from coach.questions import TODAY, ends_asking_what_next
from coach.questions import is_question as asks_coach_question
from coach.red_flags import harm_flag
from coach.text import words

# picking the plan item to work on: "Let's do Community Leaders Grant.", "community leaders
# pls", "I want to focus on the Future Teachers essay today"
_PICKS = re.compile(
    r"\b(let'?s\s+(do|work\s+on|start\s+with|focus\s+on|tackle)|(want|wanna|would\s+like|'d\s+like)"
    r"\s+to\s+(do|work\s+on|focus\s+on|start\s+with)|(can|could)\s+we\s+(start|do|work)|"
    r"focus\s+on|start\s+with|pls|please|rn|right\s+now)\b",
    re.I,
)
_TURNED_DOWN = re.compile(
    r"\b(didn'?t|didnt|did not)\s+(get|win|make)\b|\b(wasn'?t|was not|weren'?t|were not|not)\s+"
    r"(selected|chosen|picked|a finalist)\b|\bsaid\s+no\b|\bturned\s+(me|us)\s+down\b|"
    r"\brejected\b|\bwent\s+to\s+someone\s+else\b",
    re.I,
)


def _titled_setback(turn: Turn) -> str | None:
    """A rejection named by the application's title, in the student's words ("i didnt get
    river city :(", "River City said no"): the title must be on the plan, so "my mom said no"
    is no rejection."""
    if turn.plan is None or not _TURNED_DOWN.search(turn.text) or turn.text.rstrip().endswith("?"):
        return None
    titles = [i.title for i in turn.plan.top3] + [c.title for c in turn.plan.check_ins]
    named = match_title(turn.text, [Candidate(uuid4(), t, "draft") for t in titles])
    return named.title if named is not None else None


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


# said when a question has no answer in the persona's pack; the student reads it, so it
# names no playbook
BEYOND_ME = "That one's beyond what I can answer well here"


def compose_reply(
    learner_text: str,
    *,
    pack: CoachPack,
    memory: CoachMemory | None = None,
    round_number: int = 1,
    plan: GamePlan | None = None,
    plan_aware: bool = False,
    question: str | None = None,
) -> tuple[str, CoachMemory]:
    """The whole reply and the memory after it, deterministic in its inputs (so tests and
    replays are stable). `question` is what the learner was answering: the scorer reads the
    answer against it, and the coach's warning about harm reads it the same way."""
    m = (memory or CoachMemory()).model_copy(deep=True)
    m.last_news = m.picked = m.aside = False
    text = normalise(learner_text).strip()
    harm = harm_flag(learner_text, pack.domain_id, question) if text else None
    turn = Turn(pack, m, text, round_number, plan, plan_aware, harm=harm)
    # whom the learner faces is read from their story; once it is told, "my team lead, Omar"
    # is someone who helps, not the one the role-play is with
    told = any(i.story and i.id in m.covered for i in pack.checklist)
    if m.counterpart is None and not told and (who := counterpart(text)) is not None:
        m.counterpart, m.peer = who
        m.authority = above_you(m.counterpart)
    note_fits(pack, m, text)
    note_ahead(m, text)
    named_focus = False
    if plan_aware and plan is not None and plan.top3:  # "the Future Teachers Fund essay"
        named = match_title(
            text, [Candidate(i.application_id, i.title, "draft") for i in plan.top3]
        )
        if named is not None:
            m.focus = named.title
            named_focus = True
    if m.buyer is None and (sold_to := buyer(text)) is not None:
        m.buyer = sold_to
    if m.buyer_name is None and (name := buyer_name(text)) is not None:
        m.buyer_name = name
    cast_by_name = cast_name(text)
    if (role := cast_role(text)) is not None:  # "you be the dealership marketing manager"
        if role.startswith("your "):
            m.counterpart, m.authority = role, above_you(role)
            m.peer = role.rsplit(" ", 1)[-1] not in ("customer", "client")
        else:  # asked for by name, it beats the buyer read from the situation
            m.buyer = role
    elif cast_by_name is not None:  # "can u play linda and push back on price"
        m.buyer_name, cast = cast_by_name
        if cast is not None:
            m.buyer = cast
        role = cast or cast_by_name[0]
    situation = scene_of(pack, m)
    in_role_play = situation is not None and situation.role is not None
    # read once: a question to the coach covers no step ("what do you mean by stage?" has
    # not said the deal's stage), and thanks or "what do you mean?" get their own move
    reason = unscored_reason(
        text,
        in_role_play=in_role_play,
        after_incident=bool(m.incident),
        after_offer=offered_scene(m, ever=True) or (m.offered and m.scene is None),
    )
    asking = reason == ASKING
    # a question covers no step: "what do you mean by stage?" has not named the stage
    # "ugh my laptop is at 3% battery brb": stepping away, whatever numbers it holds
    away = bool(AWAY.search(text)) and len(words(text)) <= 12
    newly = covered_now(turn) if text and harm is None and not asking and not away else []
    turn.newly = newly
    is_question = asks_coach_question(text)
    picks = named_focus and bool(_PICKS.search(text)) and not newly
    if (
        pack.scenario_kind == "design"
        and m.scene is None
        and (newly or OWN_WORK.search(text) or DESCRIBED_SYSTEM.search(text))
        and not DONT_HAVE.search(text)
    ):
        m.own_system = True

    if not words(text):
        turn.parts.append("Tell me where you are, in a sentence or two, and we'll start there.")
        advance(turn)
    elif (kind := incident_kind(text)) is not None:  # the scene, if any, waits as it is
        m.incident = kind
        m.asked = [k for k in m.asked if not k.startswith("incident.")]
        turn.parts.append(incident_steps(kind))
    elif m.incident is not None and incident_handled(text):
        m.incident = None
        turn.parts.append(HANDLED_REPLY)
    elif m.incident is not None and asks_what_to_tell(text):
        turn.parts.append(LEAD_MESSAGE)
    elif m.incident is not None and wants_to_move_on(text):
        m.incident = None
        turn.parts.append("Okay, back to it.")
        advance(turn)
    elif (
        m.incident is not None
        and len(words(text)) <= 12  # "my lead isn't answering"; once each, then we go on
        and (turn.ask("incident.still", STILL_GOING) or turn.ask("incident.wait", WAITING))
    ):
        pass
    elif away and harm is None:
        m.aside = True  # the scene, if any, waits as it is
        turn.parts.append("No rush — I'll be here when you're back.")
    elif (
        situation is None
        and offered_scene(m, ever=True)
        and YES.search(text)
        and reason in (SHORT, THANKS)
    ):
        nxt = next_scene(pack, m, harder=False)  # the offer taken: "ya", "go for it"
        if nxt is not None:
            start_scene(turn, nxt)
        else:
            advance(turn)
    elif situation is None and offered_scene(m) and NOT_YET.search(text):
        turn.parts.append("Sure, tell me more.")
        advance(turn)
    elif (
        situation is not None
        and situation.role
        and YES.search(text)
        and len(words(text)) >= 2  # "ok lets do it", not "ok" said to the other side
        and unscored_reason(text, after_offer=True) == SHORT
    ):
        turn.parts.append(
            "We're already in the role-play: answer the last line above, in your own words."
        )
    elif IDENTITY.search(text):
        turn.parts.append(pack.boundaries.identity)
        advance(turn)
    elif wants_it_written(text):
        turn.parts.append(pack.boundaries.ghostwrite)
        advance(turn)
    elif insults_the_coach(text) and not SILLY_QUESTION.search(text):
        turn.parts.append(pack.boundaries.insult)
        advance(turn)
    elif harm is not None:  # before news: "they signed a 3-year term, …" is no win to cheer
        if situation is not None:
            scene_turn(turn, situation)
        else:
            critique(turn)
            advance(turn)
    elif plan_aware and (titled := _titled_setback(turn)) is not None:
        news(turn, pack.news.setback, "setback", asked=is_question)  # "river city said no"
        if titled not in m.reported:
            m.reported.append(titled)
    elif plan_aware and (found := news_kind(text)) is not None:
        # an application's news, read as the status it would record: "I didn't get the River
        # City Award" is a rejection, not a submission to congratulate
        said_kind = {"lost": "setback", "won": "win", "submitted": "done"}[found[0]]
        news(turn, getattr(pack.news, said_kind), said_kind, asked=is_question)
    elif plan_aware and pack.news.good is not None and GOOD.search(text):
        news(turn, pack.news.good, "good", asked=is_question)  # a recommender's yes
    elif SETBACK.search(text):
        news(turn, pack.news.setback, "setback")
    # a game-plan coach's wins and submissions are the applications' news, read above ("Ok I
    # got it." is no award)
    elif not plan_aware and WIN.search(text):
        news(turn, pack.news.win, "win")
    elif not plan_aware and DONE.search(text):
        news(turn, pack.news.done, "done")
    elif plan_aware and plan_question(turn):
        pass
    elif plan_aware and (
        (TODAY.search(text) and (is_question or ends_asking_what_next(text))) or picks
    ):
        m.picked = picks
        plan_today(turn)
    elif WRAP.search(text):
        wrap_up(turn)
    elif HOW_DID_I_DO.match(text) and len(words(text)) <= 10:
        progress(turn, situation)
    elif situation is None and reason == ALREADY:
        said_step = current_item(turn)  # "I already told you": take it as said, move on
        if said_step.id not in m.covered:
            m.covered.append(said_step.id)
            m.covered.sort(key=[i.id for i in pack.checklist].index)
        if said_step.id in m.parked:
            m.parked.remove(said_step.id)
        turn.parts.append(f"You did — sorry. I'll count {said_step.label} as covered.")
        advance(turn)
    elif situation is None and is_frustrated(text):
        clarify(turn, frustrated=True)
    elif situation is not None and is_frustrated(text):
        line = situation.lines[min(m.beat, len(situation.lines) - 1)]
        m.pressed = True
        turn.parts.append(
            f"Fair enough, let me make it easier. Coach's hint: {line.model} "
            "Now try it in your own words."
        )
    elif situation is None and asking and CLARIFY.search(text):
        clarify(turn)
    elif situation is None and reason == THANKS:  # not "Say a little more…"
        said = words(text.lower())
        thanked = any(w in said for w in ("thanks", "thank", "thx", "ty", "appreciate"))
        greeted = any(w in said for w in ("hi", "hello", "hey", "morning", "evening"))
        turn.parts.append("You're welcome." if thanked else "Hi!" if greeted else "Good.")
        advance(turn)
    elif situation is not None and STOP_SCENE.search(text):
        end_scene(turn, situation)
        advance(turn)
    elif situation is not None and HARDER.search(text) and asks_to_practise(text):
        nxt = next_scene(pack, m, harder=True)  # "make it harder" mid-scene
        if nxt is not None and nxt.harder and nxt.id != situation.id:
            m.scenes_done.append(situation.id)
            start_scene(turn, nxt)
        else:
            turn.parts.append(
                "This is the toughest one I have for this; make it hard for yourself instead: "
                "answer the last line above in two sentences, with no filler."
            )
    elif situation is not None and (
        (asks_to_practise(text) and len(words(text)) < 8) or role is not None
    ):
        where = "in the role-play: answer the last line" if situation.role else "on the probe"
        turn.parts.append(f"We're already {where} above, in your own words.")
    elif situation is not None and HINT.search(text):
        line = situation.lines[min(m.beat, len(situation.lines) - 1)]
        m.pressed = True
        turn.parts.append(f"Coach's hint: {line.model} Now try it in your own words.")
    elif situation is not None and reason == FEELING and answer_question(turn, said=True):
        # "I'm nervous I'll blank in the real meeting" is said to the coach, not the prospect
        back = "the role-play: answer the last line" if situation.role else "the probe above"
        turn.parts.append(f"When you're ready, back to {back}, in your own words.")
    elif situation is not None and asks_coach(text, situation) and answer_question(turn):
        back = "the role-play: answer the last line" if situation.role else "the probe above"
        turn.parts.append(f"Now take that back to {back}, in your own words.")
    elif (
        situation is not None and situation.role and TO_COACH.search(text) and answer_question(turn)
    ):
        # "what if she just says no?": the pack's answer, then back to the scene
        turn.parts.append(
            "Now take that back to the role-play: answer the last line, in your own words."
        )
    elif situation is not None and situation.role and TO_COACH.search(text):
        # "should i tell the professor?" is asked of the coach, not said to the other side
        line = situation.lines[min(m.beat, len(situation.lines) - 1)]
        hint = f"here is what works at this point: {line.model} "
        if m.pressed:  # the hint for this moment was given already: not the same lines again
            hint = "trust what you already know here: say it plainly, and keep it kind. "
        m.pressed = True
        turn.parts.append(
            f"Stepping out of the role-play: {BEYOND_ME[:1].lower()}{BEYOND_ME[1:]}, so {hint}"
            "When you're ready, back to the role-play: answer the last line, in your own words."
        )
    elif situation is not None:
        scene_turn(turn, situation)
    elif (problem := _practice_problem(turn)) is not None:
        turn.parts.append("No problem.")
        start_scene(turn, problem)
    elif (
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
            start_scene(turn, nxt)
        else:
            turn.parts.append("I've no more scenarios for this; let's drill instead.")
            advance(turn)
    # a question already answered: said again briefly, unless the learner brought words of
    # their own to coach ("ok so merge to main runs CI, builds an image, …?")
    elif is_question and answer_question(
        turn,
        repeat_ok=not newly and len(words(text)) < 15,
        min_hits=2 if newly and len(words(text)) >= 15 else 1,
    ):
        acknowledge(turn, newly)
        advance(turn)
    # a worry said gets its answer; a plan said is an answer to critique ("Everyone else is
    # senior, so I'll pair with them")
    elif (
        not is_question
        and len(words(text)) < 20
        and not first_steps(without_worry(text))
        and answer_question(turn, said=True)
    ):
        acknowledge(turn, newly)
        advance(turn)
    elif (
        (
            OFF_TOPIC.search(text)
            or (ASIDE.search(text) and len(words(text)) <= 12 and not is_question)
        )
        and not newly
        # "my soccer coach"; in a role-play pack, "lol my roommate…" may be the story
        and (counterpart(text) is None or (pack.scenario_kind != "roleplay" and ASIDE.search(text)))
        and not OWN_WORK.search(text)  # "my side project is a recipe sharing site"
    ):
        m.aside = True
        turn.parts.append(pack.boundaries.off_topic)
        advance(turn)
    elif is_question and not newly and (len(words(text)) < 15 or asking):
        # a question to the coach, however long, is answered as well as the playbook can,
        # never critiqued as if it were an answer
        open_items = [i for i in pack.checklist if i.id not in m.covered] or pack.checklist
        here = current_item(turn)  # the step the last question was about, if its tip is unsaid
        item = next((i for i in [here, *open_items] if i.id not in m.tipped), None)
        if item is not None:
            tip = turn.tip(item) or ""
            turn.parts.append(
                f"{BEYOND_ME}, so here is what matters for the step we're on ({item.label}). "
                f"{tip[:1].upper()}{tip[1:]}"
            )
        else:
            turn.parts.append(f"{BEYOND_ME}.")
        advance(turn)
    else:
        critique(turn)
        acknowledge(turn, newly)
        live = turn.live_plan()
        if plan_aware and not m.named and live is not None and live.top3:
            m.named = True
            urgent = "Your most urgent item is {urgent}, {urgent_due}."
            focused = turn.focused()
            if focused is not None and focused is not live.top3[0]:
                urgent = (
                    "Good: {top}, {due}. The most urgent on your plan is {urgent}, {urgent_due}."
                )
            turn.parts.append(turn.fill(urgent))
        advance(turn)
    no_plan_note(turn)
    return " ".join(p.strip() for p in turn.parts if p.strip()), m
