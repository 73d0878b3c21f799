"""News about the student's own plan told in their words, read before anything else: a
rejection named by its title, a deadline the student thinks they missed that the plan still
has ahead, and one the plan has as missed (said back once, with what to try instead)."""

from __future__ import annotations

import re

from coach.coach_state import CoachState
from coach.game_plan import MissedItem, PlanItem
from coach.news_titles import Candidate, match_title, title_named
from coach.offline_coach.scenario import advance
from coach.offline_coach.turn import Turn
from coach.plan_reply import missed_key, possessive, what_instead

_TURNED_DOWN = re.compile(
    r"\b(didn'?t|didnt|did not)\s+(get|win|make)\b|\b(wasn'?t|was not|weren'?t|were not|not)\s+"
    r"(selected|chosen|picked|a finalist)\b|\bsaid\s+no\b|\bturned\s+(me|us)\s+down\b|"
    r"\brejected\b|\bwent\s+to\s+someone\s+else\b",
    re.I,
)


def titled_setback(turn: Turn) -> str | None:
    """A rejection named by the application's title, in the student's words ("i didnt get
    river city :(", "River City said no"): the title must be on the plan, so "my mom said no"
    is no rejection."""
    if turn.plan is None or not _TURNED_DOWN.search(turn.text) or turn.text.rstrip().endswith("?"):
        return None
    titles = [i.title for i in turn.plan.top3] + [c.title for c in turn.plan.check_ins]
    return title_named(turn.text, titles)


# "i missed the deadline for sunrise scholars": said of one the plan still has open
_MISSED_IT = re.compile(
    r"\b(missed|blew|forgot)\s+(the\s+|my\s+)?(deadline|due\s+date)|\bmissed\s+(it|the)\b|"
    r"\btoo\s+late\s+(for|to)\b|\bdeadline\s+(has\s+|already\s+)*(passed|closed|is\s+over)\b",
    re.I,
)


def still_open(turn: Turn) -> PlanItem | None:
    """An application the student says they missed whose deadline the plan still has ahead:
    "i missed the deadline for sunrise scholars" got the answer on late submissions, then
    "What have you done on Sunrise Scholars so far?", three days before it closed."""
    plan = turn.live_plan()
    if plan is None or not _MISSED_IT.search(turn.text) or turn.text.rstrip().endswith("?"):
        return None
    named = match_title(
        turn.text, [Candidate(i.application_id, i.title, "draft") for i in plan.top3]
    )
    return next((i for i in plan.top3 if named is not None and i.title == named.title), None)


def missed_passed(turn: Turn) -> MissedItem | None:
    """A deadline the plan has as missed, told as news ("i missed the hometown deadline"):
    the one named, else the latest. A browser audit's "i missed the deadline" was scored
    2/10 as an answer, and praised ("you're working to the deadline") when it named one."""
    plan = turn.live_plan()
    if plan is None or not plan.missed or not _MISSED_IT.search(turn.text):
        return None
    named = match_title(
        turn.text, [Candidate(i.application_id, i.title, "draft") for i in plan.missed]
    )
    if named is None:
        return plan.missed[0]
    return next(i for i in plan.missed if i.title == named.title)


def missed_news(turn: Turn, missed: MissedItem) -> None:
    """Said once, as the plan has it (the same similar scholarships the Game plan offers),
    then one way on: pick one of those, or the next open item."""
    m = turn.memory
    m.last_news = True  # news the coach acts on, not an answer to score
    if missed_key(missed) in m.asked:  # said this session already: not the whole line again
        turn.parts.append(f"I know, {possessive(missed.title)} {missed.missed}.")
        advance(turn)
        return
    m.asked.append(missed_key(missed))  # "what should I do today?" does not say it again
    turn.parts.append(
        f"Sorry, that stings, and it happens to a lot of students. {what_instead(missed)}"
    )
    key = f"news.missed.{missed.title}"[:60]
    if missed.similar:
        question = "Want to pick one of those to track, so the work you put in has somewhere to go?"
    else:
        question = "Shall we put that time into {top} instead, {due}?"
    if not ((missed.similar or turn.has_top()) and turn.ask(key, question)):
        advance(turn)


_SENT = frozenset({CoachState.SUBMITTED.value, CoachState.OUTCOME_PENDING.value})


def taken_back(turn: Turn) -> str | None:
    """The application the student says was not sent after all ("i only saved it as a draft,
    i didnt hit submit"), when the plan has it as sent: the one named, else the last they
    gave news of in this chat. None when nothing sent is meant: there is nothing to undo."""
    if turn.plan is None or not turn.plan_aware:
        return None
    sent = [t.title for t in turn.plan.tracked if t.coach_state in _SENT]
    named = title_named(turn.text, sent)
    if named is None:
        named = next((t for t in reversed(turn.memory.reported) if t in sent), None)
    return named
