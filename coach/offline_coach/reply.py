"""The round's dispatcher: which one move the offline coach makes for a learner message,
in the order that decides ties: an interruption, the coach's limits and the learner's news,
a move about the session, the running scenario, else an answer or a critique of the
learner's words (reply_openers.py, reply_scene.py, reply_answers.py). It is kept apart from
the chat model so the reply can be composed, tested and replayed without LangChain.
"""

from __future__ import annotations

from coach.cues import normalise
from coach.game_plan import GamePlan
from coach.language import NOT_ENGLISH_REPLY, not_in_english
from coach.offline_coach.answers import no_plan_note
from coach.offline_coach.message import read_message
from coach.offline_coach.reply_answers import BEYOND_ME, answer_or_critique
from coach.offline_coach.reply_openers import interrupts, limits_and_news, session_moves
from coach.offline_coach.reply_scene import scene_moves
from coach.offline_coach.scenario import advance
from coach.offline_coach.starting import active_pack, choose_track
from coach.offline_coach.turn import CoachMemory, Turn
from coach.packs import CoachPack
from coach.red_flags import harm_flag
from coach.scam_sent import SCAM_SENT_REPLY, scam_follow_up, sent_to_scam, warned_of_scam
from coach.yes_no import said_as_news

__all__ = ["BEYOND_ME", "compose_reply"]


LAST_SAID = 240  # characters of the last message kept: a story's opening, not an essay


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
    drafted, away = m.draft, m.aside
    m.last_news = m.picked = m.aside = m.context = m.their_line = m.brief = m.draft = False
    m.not_english = m.too_short = False
    m.scene_began = False
    warned, m.warned = m.warned, None
    text = said_as_news(normalise(learner_text).strip(), question or "")
    if sent_to_scam(text, after_warning=warned_of_scam(question or "")):
        return SCAM_SENT_REPLY, m  # the chat graph answers it before any model; alike here
    if not_in_english(text):
        m.not_english = True
        return NOT_ENGLISH_REPLY, m
    follow_up = scam_follow_up(text, question or "")
    harm = harm_flag(learner_text, pack.domain_id, question) if text else None
    switched = choose_track(pack, m, text, plan, plan_aware)
    turn = Turn(active_pack(pack, m), m, text, round_number, plan, plan_aware, harm=harm)
    turn.warned, turn.after_draft, turn.question = warned, drafted, question or ""
    turn.after_aside = away
    turn.before, m.last_said = m.last_said, text[:LAST_SAID]
    if switched and pack.starting is not None:
        turn.parts.append(pack.starting.switched)
    if follow_up is not None:  # "ok i called the bank": acknowledged, then the plan
        turn.parts.append(follow_up)
        advance(turn)
        return " ".join(turn.parts), m
    msg = read_message(turn)
    for move in (interrupts, limits_and_news, session_moves, scene_moves):
        if move(turn, msg):
            break
    else:
        answer_or_critique(turn, msg)
    # where they stand, said back: no skill of the rubric's to score
    m.context = m.context or (bool(turn.newly) and all(i.context for i in turn.newly))
    no_plan_note(turn, pack.starting.note if m.starting and pack.starting else None)
    return " ".join(p.strip() for p in turn.parts if p.strip()), m
