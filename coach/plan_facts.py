"""Questions about the student's own game plan that have one true answer: what they have won,
when a tracked application is due (to the minute), how many they track. The scholarship
coach knows these; an audit found it answering "That one's beyond what I can answer" and
scoring the question 1/10. Pure: the plan and the clock's zone give the words."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from coach import clock
from coach.clock import days_left, plural
from coach.coach_state import AWAITING_STATES, OPEN_STATES, CoachState
from coach.feelings import LEAD
from coach.game_plan import GamePlan, TrackedItem, with_amount
from coach.news_titles import Candidate, match_title
from db.models.applications import DAY_END_UTC

_WON = re.compile(
    LEAD + r"(how\s+much\s+(money\s+)?(have|did|do)\s+i\s+(won|win|get|got|gotten|been\s+awarded)"
    r"|(what|which)\s+(ones?\s+|scholarships?\s+)?(have|did)\s+i\s+(won|win)"
    r"|(did|have)\s+i\s+(win|won|get|got|been\s+awarded)\s+(anything|any(\s+of\s+them)?|"
    r"something|money|a\s+scholarship|one)"
    r"|how\s+much\s+(debt\s+)?(have\s+i\s+|did\s+i\s+)?lift(ed)?"
    r"|what('?s|\s+is)\s+my\s+(total|debt\s+lifted))\b[^.!?]*\??\s*$",
    re.I,
)


def _name(n: int) -> str:
    return rf"(?P<name{n}>[^?.!]{{2,60}}?)"


def _last_name(n: int) -> str:
    """A name that ends the question ("…for the future teachers one"): taken whole, where a
    lazy one stopped at its first word."""
    return rf"(?P<name{n}>[^?.!]{{2,60}})"


_DUE = re.compile(
    LEAD + r"(when('?s|\s+is|\s+are)\s+" + _name(1) + r"\s+(due|closing|close)"
    r"|what\s+time\s+(exactly\s+)?(is|are)\s+" + _name(2) + r"\s+due"
    r"|when\s+(do|should|must)\s+i\s+(need\s+to\s+|have\s+to\s+)?(submit|send|turn\s+in|finish)\s+"
    + _name(3)
    + r"|what('?s|\s+is)\s+the\s+deadline\s+(for|of|on)\s+"
    + _last_name(4)
    + r"|(when|what)('?s|\s+is)\s+my\s+next\s+deadline"
    r"|what('?s|s|\s+is)\s+the\s+(deadlines?|deadlin|due\s+date)(?=\s*\??\s*$)"
    # "whats the cal grant deadline", "whats the deadlin for the lone star one" (an audit's
    # two got "beyond what I can answer", the plan holding both dates)
    r"|what('?s|s|\s+is)\s+the\s+(deadlin|due\s+date)\s+(for|of|on)\s+"
    + _last_name(7)
    + r"|what('?s|s|\s+is)\s+(?!(the\s+)?(deadlin|due\s+date))(the\s+)?"
    + _name(5)
    + r"\s+(deadlines?|deadlin|due\s+date)"
    # "what time is the deadline", "the hometown is due dec 9 right?"
    + r"|what\s+time\s+(is|does)\s+(the|its|it'?s)\s+deadline"
    r"|" + _name(6) + r"\s+(is\s+)?due\s+[^?.!]{0,20}?,?\s+(right|correct|yes)(?=\s*\?)"
    # "What's most urgent on my plan?": the deadline soonest, which the plan ranks first
    # "which of my scholarships is due soonest?", "which scholarship is due next?" (a season
    # audit's got "beyond")
    r"|(what|which)(\s+of\s+(my|them|these|those)(\s+(scholarships?|applications?))?|"
    r"\s+(scholarship|application|one|deadline))?('?s|\s+is)\s+(the\s+)?"
    r"(most\s+urgent|due\s+(first|next|soonest))"
    r"(\s+(one|thing|item|application))?(\s+(on|in)\s+my\s+(plan|list|game\s+plan))?)\b"
    r"[^.!?]*\??\s*$",
    re.I,
)
_COUNT = re.compile(
    LEAD + r"(how\s+many\s+(scholarships?\s+|applications?\s+)?(am\s+i\s+tracking|do\s+i\s+"
    r"(have|track)|have\s+i\s+(tracked|applied\s+(to|for)|sent|submitted))"
    r"|what\s+(scholarships?\s+|applications?\s+)?(am\s+i\s+tracking|do\s+i\s+track))"
    r"\b[^.!?]*\??\s*$",
    re.I,
)
# "how much is sunrise worth?", "how much does the hometown one give"
_WORTH = re.compile(
    LEAD + r"how\s+much\s+(money\s+)?(is|does|do|will|would|can)\s+(i\s+get\s+(from|for)\s+)?"
    r"(?P<name>[^?.!]{2,60}?)\s*(worth|give|pay|award|offer|for)?\s*[?.!]*\s*$",
    re.I,
)
# "why that one and not the gates?": why the plan puts one first
_WHY = re.compile(
    LEAD + r"why\s+(?P<first>that(\s+one)?|this(\s+one)?|it|[^?.!,]{2,40}?)(\s+first)?\s*,?\s*"
    r"(and\s+not|not|over|instead\s+of|before|rather\s+than)\s+(?P<other>[^?.!]{2,60}?)"
    r"(\s+first)?\s*[?.!]*\s*$",
    re.I,
)
# "did i win the coca cola one?", "have i heard back from gates?": where one application stands
_STATUS = re.compile(
    LEAD + r"(did|have)\s+i\s+(win|won|get|got|hear(d)?\s+back\s+(from|about|on))\s+"
    r"(?P<name>[^?.!]{2,60}?)\s*(yet\s*)?[?.!]*\s*$",
    re.I,
)
# a second question tacked on: "when is it due exactly? and what time", "…? be honest"
_TAIL = re.compile(
    r"^(?P<head>[^?]+\?)\s*((and|or|also)\s+[^.!?]{0,30}|be\s+honest|honestly|pls|please)"
    r"\W*$",
    re.I,
)
_FILLER = r"^(the|my)\s+|\s+(one|app|application|scholarship)$"
_OPEN = {s.value for s in OPEN_STATES}
_SENT = {s.value for s in AWAITING_STATES}


def asks_plan_fact(sentence: str) -> bool:
    """A question to the coach, not an answer to score."""
    return any(
        p.match(_head(asked))
        for asked in (sentence, *re.split(r"(?<=\?)\s+", sentence.strip()))
        for p in (_WON, _DUE, _COUNT, _WHY, _STATUS, _WORTH)
    )


def _head(text: str) -> str:
    """The question without a short one tacked on after it ("…? and what time")."""
    tail = _TAIL.match(text.strip())
    return tail["head"] if tail else text


def plan_fact_answer(text: str, plan: GamePlan) -> str | None:
    """The answer, or None when the text asks none of these (or the plan has no clock). Two
    questions in one message ("the hometown is due dec 9 right? what time is the deadline")
    get the first one's answer, which is the second's too."""
    for asked in (text, *re.split(r"(?<=\?)\s+", text.strip())):
        if (answer := _fact(_head(asked), plan)) is not None:
            return answer
    return None


def _fact(text: str, plan: GamePlan) -> str | None:
    now = plan.as_of
    if now is None:
        return None
    if _WON.match(text):
        return _won(plan)
    if asked := _DUE.match(text):
        name = next((v for k, v in asked.groupdict().items() if k.startswith("name") and v), "")
        return _due(name, plan, now)
    if _COUNT.match(text):
        return _count(plan)
    if asked := _WHY.match(text):
        return _why(asked["first"], asked["other"], plan, now)
    if asked := _STATUS.match(text):
        return _status(asked["name"], plan, now)
    if (asked := _WORTH.match(text)) and (item := _named(asked["name"], plan)) is not None:
        if item.amount is None:
            return f"The listing for {item.title} gives no amount: the sponsor's page may."
        return f"{item.title} is worth ${item.amount:,.0f}."
    return None


def _named(name: str, plan: GamePlan) -> TrackedItem | None:
    name = re.sub(_FILLER, "", name.strip(), flags=re.I)
    found = match_title(
        name, [Candidate(t.application_id, t.title, t.coach_state) for t in plan.tracked]
    )
    return next(
        (t for t in plan.tracked if found and t.application_id == found.application_id), None
    )


def _why(first_said: str, other_said: str, plan: GamePlan, now: datetime) -> str | None:
    """Why the plan puts one application before another, from their deadlines; "that one"
    is the plan's first (what the coach named first)."""
    if not plan.top3:
        return None
    pronoun = re.fullmatch(r"(that|this)(\s+one)?|it", first_said.strip(), re.I)
    top = plan.top3[0]
    first = _named(first_said, plan) if not pronoun else None
    first = first or next((t for t in plan.tracked if t.application_id == top.application_id), None)
    other = _named(other_said, plan)
    if first is None or other is None or other.application_id == first.application_id:
        return None
    ranks = (
        "The Game plan ranks by how soon each is due, how far along you are and how quick "
        "it is to finish; it's a guide, so if one matters more to you, start there."
    )
    if first.deadline is None:
        return f"{first.title} has no fixed deadline. {ranks}"
    line = f"{first.title} is due {clock.weekday_date(first.deadline, now)}"
    if other.coach_state not in _OPEN:
        done = CoachState(other.coach_state).phrase
        return f"{other.title} is already {done}, so it needs no work now. {line}: that's next."
    if other.deadline is None:
        return f"{line}; {other.title} has no fixed deadline, so it can wait. {ranks}"
    due = clock.weekday_date(other.deadline, now)
    if other.deadline > first.deadline:
        return f"{line}, sooner than {other.title} (due {due}), so it comes first. {ranks}"
    return f"{line} and {other.title} is due {due}. {ranks}"


def _status(name: str, plan: GamePlan, now: datetime) -> str:
    """Where one application stands, as the plan records it: the coach can't know a result
    nobody has told it, and says how to record one."""
    item = _named(name, plan)
    if item is None:
        shown = re.sub(_FILLER, "", name.strip(), flags=re.I)
        return (
            f"I don't see “{shown}” among the applications you track: find it in Discovery "
            "and press Track, and it shows on your Game plan."
        )
    state = CoachState(item.coach_state)
    if state is CoachState.WON:
        return f"Yes: {item.title} is recorded as won. Congratulations!"
    if state is CoachState.LOST:
        return f"{item.title} is recorded as not awarded."
    if item.coach_state in _SENT:
        return (
            f"{item.title} is {state.phrase}, and no result is recorded yet. If you've heard "
            f"back, tell me (“I won {item.title}” or “I didn't get it”) and I'll record it "
            "once you confirm."
        )
    if item.deadline is None:
        return f"{item.title} isn't submitted yet, and it has no fixed deadline."
    return f"{item.title} isn't submitted yet: it's due {clock.weekday_date(item.deadline, now)}."


def _listed(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _won(plan: GamePlan) -> str:
    won = [t for t in plan.tracked if t.coach_state == CoachState.WON.value]
    waiting = [t.title for t in plan.tracked if t.coach_state in _SENT]
    if won:
        total = sum(t.amount or 0 for t in won)
        named = _listed([with_amount(t) for t in won])
        line = f"You've won {plural(len(won), 'scholarship')}: {named}"
        line += f", ${total:,.0f} in all: that's your Debt Lifted on the Game plan."
    else:
        line = "Nothing is recorded as won yet."
    if waiting:
        line += f" Still waiting to hear back: {_listed(waiting)}."
    return line


def _due_words(item: TrackedItem, now: datetime) -> str:
    assert item.deadline is not None
    at = clock.local(item.deadline)
    clock_time = f"{clock.time_of_day(at)} {clock.zone_words()}"
    day_only = item.deadline.astimezone(UTC).time() == DAY_END_UTC
    when = clock.weekday_date(item.deadline, now) + ("" if day_only else f" at {clock_time}")
    if item.deadline < now:
        return f"{item.title} was due {when}: that deadline has passed."
    left = days_left(item.deadline, now)
    ahead = "today" if left == 0 else "tomorrow" if left == 1 else f"{left} days left"
    if day_only:
        # a listing gives the day; an audit's coach said "3:59 pm" as if the sponsor had
        return (
            f"{item.title} is due {when}: {ahead}. The listing gives only the day, so the app "
            f"counts it as closing at the day's end in UTC, {clock_time}: submit before then to be "
            "safe, and check the sponsor's site for their exact cut-off."
        )
    return f"{item.title} is due {when}: {ahead}."


def _due(name: str, plan: GamePlan, now: datetime) -> str:
    open_items = [t for t in plan.tracked if t.coach_state in _OPEN]
    name = re.sub(_FILLER, "", name.strip(), flags=re.I)
    if not name or re.fullmatch(r"(it|that|this|everything|all|they|them)", name, re.I):
        dated = sorted((t for t in open_items if t.deadline and t.deadline >= now), key=_deadline)
        if not dated:
            return "Nothing you track has a deadline ahead: Discovery finds ones to track."
        return "Your next deadline: " + _due_words(dated[0], now)
    item = _named(name, plan)
    if item is None:
        return (
            f"I don't see “{name}” among the applications you track, so I can't say its "
            "deadline: find it in Discovery and press Track, and it shows on your Game plan."
        )
    if item.coach_state in _SENT or item.coach_state == CoachState.WON.value:
        done = CoachState(item.coach_state).phrase
        return f"{item.title} is already {done}: its deadline no longer matters."
    if item.deadline is None:
        return f"{item.title} has no fixed deadline: it takes applications any time."
    return _due_words(item, now)


def _deadline(item: TrackedItem) -> datetime:
    assert item.deadline is not None
    return item.deadline


def _count(plan: GamePlan) -> str:
    groups = (
        ("open", [t.title for t in plan.tracked if t.coach_state in _OPEN]),
        ("sent and waiting", [t.title for t in plan.tracked if t.coach_state in _SENT]),
        ("won", [t.title for t in plan.tracked if t.coach_state == CoachState.WON.value]),
        ("lost", [t.title for t in plan.tracked if t.coach_state == CoachState.LOST.value]),
    )
    parts = [f"{len(titles)} {label} ({_listed(titles)})" for label, titles in groups if titles]
    if not parts:
        return "You don't track any scholarships yet: Discovery finds ones to track."
    return f"You track {plural(len(plan.tracked), 'application')}: {'; '.join(parts)}."
