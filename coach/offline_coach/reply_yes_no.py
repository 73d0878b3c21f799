"""A yes or a no to the coach's yes-or-no question, taken as the whole answer it is: said
back (in the pack's words for that question, when it has them) and the conversation moves
on, where "Say a little more" had told the learner a complete answer was not enough."""

from __future__ import annotations

import re

from coach.learner_intents import YES_NO
from coach.offline_coach.message import Message
from coach.offline_coach.scenario import advance
from coach.offline_coach.turn import Turn
from coach.packs import YesNoReply
from coach.yes_no import WHAT_THEY_SAID, last_question, yes_or_no

GOT_IT = YesNoReply(yes="Got it.", no="Got it.")
# the game plan's check-in, "Also: have you heard back from River City Award?"
_HEARD_BACK = re.compile(r"^(also:\s*)?have you heard back( from .+)?\?$", re.I)
HEARD_BACK = YesNoReply(
    yes=f"If it was a yes or a no, I'll help you record it: {WHAT_THEY_SAID}",
    no="Then a short, polite email asking where your application stands is a good step this "
    "week, unless they gave a date for their decision.",
)


def _reply_for(turn: Turn, question: str) -> YesNoReply:
    if _HEARD_BACK.match(question):
        return HEARD_BACK
    asked = question.casefold()
    return next(
        (
            reply
            for item in turn.pack.checklist
            for q, reply in item.yes_no.items()
            if turn.fill(q).casefold() == asked
        ),
        GOT_IT,
    )


def yes_or_no_answer(turn: Turn, msg: Message) -> bool:
    """Whether the message was a yes or a no to the coach's question, and answered so."""
    said = yes_or_no(turn.text)
    question = last_question(turn.question)
    if msg.reason != YES_NO or msg.situation is not None or said is None or question is None:
        return False
    line = turn.fill(getattr(_reply_for(turn, question), said))
    turn.parts.append(line)
    if not line.rstrip().endswith("?"):
        advance(turn)
    return True
