"""The moves that come before the learner's words are read as an answer: an interruption
(an empty message, an incident, stepping away, a role-play offered), the coach's limits and
the learner's news, and moves about the session itself (wrapping up, how it is going,
thanks). Each returns whether it made the round's move.
"""

from __future__ import annotations

import re

from coach.crisis import CRISIS_REPLY, in_crisis
from coach.feelings import (
    BACK_WHEN_READY,
    HURT_REPLY,
    LOW_REPLY,
    distressed,
    is_feeling,
    is_frustrated,
    is_hurt,
    low_mood,
)
from coach.ghostwriting import wants_it_written
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
    CLARIFY,
    CORRECTED,
    IDENTITY,
    INTRO,
    SHORT,
    SILLY_QUESTION,
    THANKS,
    UNANSWERED,
    insults_the_coach,
    unscored_reason,
)
from coach.news import (
    PROGRESS,
    news_alone,
    news_kind,
    scam_listing,
    scam_offer,
)
from coach.news_titles import Candidate, match_title
from coach.news_words import DONE, GOOD, SETBACK, WIN
from coach.offline_coach.answers import (
    answer_question,
    clarify,
    current_item,
    news,
    plan_question,
    plan_today,
)
from coach.offline_coach.feedback import acknowledge, critique
from coach.offline_coach.message import Message
from coach.offline_coach.plan_news import (
    missed_news,
    missed_passed,
    still_open,
    taken_back,
    titled_setback,
)
from coach.offline_coach.reply_asked import A_TERM, answer_skipped, unknown_term
from coach.offline_coach.reply_paragraph import coach_paragraph
from coach.offline_coach.reply_short_turns import back_at_desk, opening_pick
from coach.offline_coach.scenario import (
    advance,
    back_to_scene,
    next_scene,
    offered_scene,
    progress,
    say_line,
    scene_turn,
    start_scene,
    wrap_up,
)
from coach.offline_coach.turn import Turn
from coach.packs import NewsReply
from coach.plan_facts import plan_fact_answer
from coach.questions import SEARCH_ASK, STUCK, TODAY, ends_asking_what_next
from coach.session_moves import HOW_DID_I_DO, NOT_YET, WHAT_MEANT, WRAP, YES
from coach.text import key_phrase, words

# a pack's answer to self-doubt ("I feel like a fraud"), by the name each pack gives it
DOUBT_ANSWERS = ("doubt", "imposter")


def interrupts(turn: Turn, msg: Message) -> bool:
    """An empty message, an incident happening now, stepping away, and the offer of a role-play
    taken, put off or repeated: what comes before reading the words as an answer."""
    pack, m, text, harm = turn.pack, turn.memory, turn.text, turn.harm
    situation = msg.situation
    reason = msg.reason
    away = msg.away
    if in_crisis(text):  # the chat graph answers it before any model; said alike here
        turn.parts.append(CRISIS_REPLY)
        return True
    if not words(text):
        if situation is not None:  # "😀😀😀" in a role-play: the scene waits, its line again
            back_to_scene(turn, situation, "I need words to work with: answer {where} in a line.")
            return True
        turn.parts.append("Tell me where you are, in a sentence or two, and we'll start there.")
        advance(turn)
        return True
    if (kind := incident_kind(text)) is not None:  # the scene, if any, waits as it is
        m.incident = kind
        m.asked = [k for k in m.asked if not k.startswith("incident.")]
        turn.parts.append(incident_steps(kind))
        return True
    if m.incident is not None and incident_handled(text):
        m.incident = None
        turn.parts.append(HANDLED_REPLY)
        return True
    if m.incident is not None and asks_what_to_tell(text):
        turn.parts.append(LEAD_MESSAGE)
        return True
    if m.incident is not None and wants_to_move_on(text):
        m.incident = None
        turn.parts.append("Okay, back to it.")
        advance(turn)
        return True
    if (
        m.incident is not None
        and len(words(text)) <= 12  # "my lead isn't answering"; once each, then we go on
        and (turn.ask("incident.still", STILL_GOING) or turn.ask("incident.wait", WAITING))
    ):
        pass
        return True
    if distressed(text) and not is_feeling(text):
        # hurt or doubt inside a longer message: answered before any task, the question that
        # was open left open (a feeling said in a few words has its own answers below). It
        # comes before a red flag: "told me my code was garbage", "I'm such an idiot" are
        # the learner put down, and a re-audit's got "Stop there: insulting… a colleague"
        comfort = next((a for a in pack.answers if a.id in DOUBT_ANSWERS), None)
        turn.parts.append(
            LOW_REPLY
            if low_mood(text)
            else HURT_REPLY
            if is_hurt(text) or comfort is None
            else comfort.answer
        )
        turn.parts.append(BACK_WHEN_READY)
        return True
    if turn.after_aside and back_at_desk(turn, situation):
        return True
    if away and harm is None:
        m.aside = True  # the scene, if any, waits as it is
        turn.parts.append("No rush — I'll be here when you're back.")
        return True
    if (
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
        return True
    if situation is None and offered_scene(m) and NOT_YET.search(text):
        turn.parts.append("Sure, tell me more.")
        advance(turn)
        return True
    if (
        situation is not None
        and situation.role
        and YES.search(text)
        and len(words(text)) >= 2  # "ok lets do it", not "ok" said to the other side
        and unscored_reason(text, after_offer=True) == SHORT
    ):
        back_to_scene(turn, situation, "We're already in {where}: answer it in your own words.")
        return True
    return False


_AT_THE_COACH = re.compile(
    r"\b(coach|bot|ai|app|program|this\s+(thing|exercise|role[\s-]?play|game|practice))\b", re.I
)


def limits_and_news(turn: Turn, msg: Message) -> bool:
    """The coach's limits (who it is, no ghostwriting, insults, harm) and the learner's news (a
    rejection, a win, a submission, a recommender's yes), then the game plan's questions."""
    pack, m, text, harm, plan_aware = turn.pack, turn.memory, turn.text, turn.harm, turn.plan_aware
    situation = msg.situation
    is_question = msg.is_question
    picks = msg.picks
    if IDENTITY.search(text):
        turn.parts.append(pack.boundaries.identity)
        advance(turn)
        return True
    if wants_it_written(text):
        turn.parts.append(pack.boundaries.ghostwrite)
        advance(turn)
        return True
    if situation is None and harm is None and coach_paragraph(turn, asking=msg.asking):
        return True
    # in a role-play an insult is said to the other side ("…you idiot" to the buyer ended the
    # scene with "Fair enough — buyers will say worse", as if aimed at the coach), unless it
    # names the coach or the exercise
    said_in_scene = (
        situation is not None and situation.role is not None and not _AT_THE_COACH.search(text)
    )
    if insults_the_coach(text) and not SILLY_QUESTION.search(text) and not said_in_scene:
        turn.parts.append(pack.boundaries.insult)
        if situation is not None:  # the scene waits: its line again, not the next step's
            say_line(turn, situation)
        else:
            advance(turn)
        return True
    scam = next((a for a in pack.answers if a.id == "scam"), None)
    if scam is not None and situation is None and scam_listing(text):
        # "this one says i have to pay 25 dollars to apply" asks about a listing: read as
        # harm, it got "You said: … Stop there", as if the student meant to pay
        told = scam.id in m.answered  # the signs were just given: not the whole list again
        m.answered = m.answered if told else [*m.answered, scam.id]
        turn.parts.append(
            "Don't pay it: a real scholarship doesn't charge to apply"
            + (
                ", and a fee is the first of the scam signs I listed."
                if told
                else f". {scam.answer}"
            )
        )
        m.last_news = True  # a listing reported, not an answer to score
        advance(turn)
        return True
    if harm is not None:  # before news: "they signed a 3-year term, …" is no win to cheer
        if situation is not None:
            scene_turn(turn, situation)
        else:
            critique(turn)
            advance(turn)
        return True
    if scam is not None and scam_offer(text):  # "…i won $5000 but i have to pay a fee first"
        turn.parts.append(
            f"Don't pay it: an award that charges to pay out is a scam. {scam.answer}"
        )
        advance(turn)
        return True
    if plan_aware and (open_item := still_open(turn)) is not None:
        m.focus = open_item.title
        m.last_news = True  # news of a deadline, to check: no answer to score
        turn.parts.append(
            turn.fill(
                "Check the date first: your plan has {top} {due}, so it may still be "
                "open. If the listing says the same, you haven't missed it, and there is time "
                "to finish."
            )
        )
        advance(turn)
        return True
    if plan_aware and (gone := missed_passed(turn)) is not None:
        missed_news(turn, gone)
        return True
    if plan_aware and (titled := titled_setback(turn)) is not None:
        news(turn, pack.news.setback, "setback", asked=is_question)  # "river city said no"
        if titled not in m.reported:
            m.reported.append(titled)
        return True
    found = news_kind(text) if plan_aware else None
    if found is not None and found[0] == "unsent":
        if (taken := taken_back(turn)) is not None and pack.news.unsent is not None:
            if taken in m.reported:  # not sent: the coach plans it again
                m.reported.remove(taken)
            news(turn, pack.news.unsent, "unsent", asked=is_question)
            return True
        found = None  # nothing sent to take back: read on as anything else
    if found is not None:
        # an application's news, read as the status it would record: "I didn't get the River
        # City Award" is a rejection, not a submission to congratulate
        said_kind = {"lost": "setback", "won": "win", "submitted": "done"}.get(found[0], found[0])
        # work begun is news only said alone, of a plan item: "…and I'll finish the intro
        # tomorrow at 7" is a step to critique, "i started the essay" names none; said again,
        # a short word, not the same paragraph
        reply = getattr(pack.news, said_kind)
        if said_kind == "started" and reply is not None and "news.started" in m.asked:
            reply = NewsReply(say="Good, keep going: a whole rough draft first, polish after.")
        begun = said_kind in PROGRESS
        if reply is not None and (not begun or _begun_on_plan(turn, is_question or msg.asking)):
            news(turn, reply, said_kind, asked=is_question)
            return True
    if plan_aware and pack.news.good is not None and GOOD.search(text):
        news(turn, pack.news.good, "good", asked=is_question)  # a recommender's yes
        return True
    if SETBACK.search(text):
        news(turn, pack.news.setback, "setback")
        return True
    # a game-plan coach's wins and submissions are the applications' news, read above ("Ok I
    # got it." is no award). Elsewhere a bare "I got it!" is as likely understanding: an
    # audit's architecture coach congratulated "ok I got it" on an approved design
    if not plan_aware and (won := WIN.search(text)) and not won.group().lower().endswith("got it"):
        news(turn, pack.news.win, "win")
        return True
    if not plan_aware and DONE.search(text):
        news(turn, pack.news.done, "done")
        return True
    if plan_aware and plan_question(turn):
        return True
    if plan_aware and (search := SEARCH_ASK.match(text)) and (search["topic"] or search["about"]):
        turn.parts.append(
            "I can't search from the chat: the Discovery page does, from your profile (your "
            "intended major, state, GPA and need), and lists matches you can Track onto your "
            "plan. If what you're after isn't in your profile yet, add it there, then run "
            "Discovery again."
        )
        advance(turn, quiet_park=True)
        return True
    if plan_aware and (plan := turn.live_plan()) and (fact := plan_fact_answer(text, plan)):
        turn.parts.append(fact)  # "how much have i won?", "when is the hometown one due?"
        # a step set aside here is set aside quietly: "Your next deadline: … For now, let's
        # park the deadline you're working to" contradicted itself (an audit)
        advance(turn, quiet_park=True)
        return True
    if plan_aware and (
        (TODAY.search(text) and (is_question or ends_asking_what_next(text)))
        or STUCK.search(text)
        or picks
    ):
        m.picked = picks
        # "im a senior, nursing, 3.4, california. i dont know where to start": said back too
        acknowledge(turn, [i for i in msg.newly if i.context])
        plan_today(turn)
        return True
    return False


def _begun_on_plan(turn: Turn, is_question: bool) -> bool:
    """Work begun on an item of the plan, said alone ("i started the sunrise essay, got like
    half a page"): news, where a question with it is answered and a step with it critiqued."""
    plan = turn.plan
    if is_question or plan is None or not news_alone(turn.text):
        return False
    if ends_asking_what_next(turn.text) or STUCK.search(turn.text):  # "…what should i do first"
        return False
    items = [Candidate(i.application_id, i.title, "draft") for i in plan.top3]
    return match_title(turn.text, items) is not None


def session_moves(turn: Turn, msg: Message) -> bool:
    """Moves about the session itself: wrapping up, how it is going, "I already said that",
    frustration, "what do you mean?", thanks."""
    pack, m, text = turn.pack, turn.memory, turn.text
    situation = msg.situation
    reason = msg.reason
    asking = msg.asking
    if WRAP.search(text):
        wrap_up(turn)
        return True
    if HOW_DID_I_DO.match(text) and len(words(text)) <= 10:
        progress(turn, situation)
        return True
    if situation is None and reason == CORRECTED:  # said sorry on reading it (message.py)
        advance(turn)
        return True
    if situation is None and UNANSWERED.search(text) and len(words(text)) <= 15:
        answer_skipped(turn)
        return True
    if situation is None and reason == ALREADY:
        said_step = current_item(turn)  # "I already told you": take it as said, move on
        if said_step.id not in m.covered:
            m.covered.append(said_step.id)
            m.covered.sort(key=[i.id for i in pack.checklist].index)
        if said_step.id in m.parked:
            m.parked.remove(said_step.id)
        turn.parts.append(f"You did — sorry. I'll count {said_step.label} as covered.")
        advance(turn)
        return True
    if situation is None and is_frustrated(text):
        clarify(turn, frustrated=True)
        return True
    if situation is None and opening_pick(turn):
        return True
    if situation is not None and is_frustrated(text):
        line = situation.at(m.beat)
        m.pressed = True
        back_to_scene(
            turn,
            situation,
            f"Fair enough, let me make it easier. Coach's hint: {line.model} "
            "Now try it in your own words.",
        )
        return True
    if situation is None and asking and (CLARIFY.search(text) or WHAT_MEANT.match(text)):
        # "what do you mean by latency": the term, when the pack explains it, then the question
        if A_TERM.search(text) and answer_question(turn, repeat_ok=False):
            advance(turn)
            return True
        if (term := unknown_term(turn)) is not None:
            turn.parts.append(
                f"“{term}” isn't in my playbook, so I won't guess what it means: your manager, "
                "a colleague or a quick search will have it."
            )
            advance(turn)
            return True
        clarify(turn)
        return True
    if situation is None and reason == INTRO and not turn.plan_aware:
        welcomed = "intro" in m.notes  # once: a second "I'm new" is heard, not welcomed again
        m.notes["intro"] = key_phrase(text, 24)
        turn.parts.append(
            "Got it: we'll keep it simple."
            if welcomed
            else "Welcome! Starting out is the best time to build good habits, and we'll take "
            "it one step at a time."
        )
        advance(turn)
        return True
    if situation is None and reason == THANKS:  # not "Say a little more…"
        said = words(text.lower())
        thanked = any(w in said for w in ("thanks", "thank", "thx", "ty", "appreciate"))
        greeted = any(w in said for w in ("hi", "hello", "hey", "morning", "evening"))
        turn.parts.append("You're welcome." if thanked else "Hi!" if greeted else "Good.")
        advance(turn)
        return True
    return False
