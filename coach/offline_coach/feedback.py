"""Feedback on the learner's own words, kept apart from where the conversation goes next:
the quote with one strength and one gap against the persona's dimensions, and the line that
acknowledges checklist items just covered. Both the free-form round and a scenario's answered
line use it.
"""

from __future__ import annotations

import re

from coach.cues import cue_pattern, hits, normalise
from coach.learner_intents import CONCRETE, SHORT, unscored_reason
from coach.offline_coach.turn import CoachMemory, Turn
from coach.packs import ChecklistItem, Mistake
from coach.questions import asked_for_facts
from coach.short_answers import too_short
from coach.text import key_phrase

# what the learner did about it, in a story of what happened: "I apologised but she hung up"
# a figure that describes the task, not a commitment: "it's 500 words", "the limit is 650"
_SPEC_BEFORE = re.compile(
    r"\b(it'?s|its|is|are|was|limit(\s+is)?|max(imum)?(\s+is)?|up\s+to|at\s+most)\s+$", re.I
)


# the learner, of a step still to take: "i'll", "im gonna", "we will"
_I_WILL = r"i'?ll|i\s+will|i'?m\s+(going\s+to|gonna)|im\s+(going\s+to|gonna)|we'?ll|we\s+will"
# a figure said with a commitment around it: who will do it, or when
_COMMITTED = re.compile(
    rf"\b({_I_WILL}|"
    r"i\s+(can|plan\s+to|want\s+to|need\s+to)|by|before|until|tonight|tomorrow|today|"
    r"this\s+(week|weekend|morning|afternoon|evening)|next\s+(week|month)|every|each|per|"
    r"(mon|tues|wednes|thurs|fri|satur|sun)day|a\s+(day|week))\b",
    re.I,
)
_CLOCK_TIME = re.compile(r"\d{1,2}(:\d\d\s*(am|pm)?|\s*(am|pm))", re.I)  # 8:30, 4pm
_SENTENCE = re.compile(r"[^.!?;]+")


def commits_to_a_number(text: str) -> bool:
    """A number the learner commits to ("300 words tonight", "by 4 pm"), not the size of the
    task ("its 500 words about a challenge" was praised as "a concrete number I can hold
    you to") nor of their world ("a 40 seat deal", "12 studios")."""
    for sentence in _SENTENCE.findall(text):
        for m in CONCRETE.finditer(sentence):
            if _SPEC_BEFORE.search(sentence[: m.start()]):
                continue
            if _CLOCK_TIME.fullmatch(m.group().strip()) or _COMMITTED.search(sentence):
                return True
    return False


# a step of the learner's own with its day: "ill ask the ops director to intro me on thursday"
_DATED_STEP = re.compile(
    rf"\b({_I_WILL})\b"
    r"[^.!?]{0,80}?\b(today|tonight|tomorrow|tmrw|this\s+(week|weekend|morning|afternoon|"
    r"evening)|next\s+week|(mon|tues|wednes|thurs|fri|satur|sun)day|(mon|tue|wed|thu|fri)\b)",
    re.I,
)


# a mistake named to be turned down: "we cant run kubernetes", "no discount", "instead of"
_TURNED_DOWN = re.compile(
    r"\b(no|not|never|without|can'?t|cannot|don'?t|dont|won'?t|wont|avoid|instead\s+of|"
    r"rather\s+than|skip|no\s+need\s+for)\b[^.!?,;]{0,20}$",
    re.I,
)


def made(cues: list[str], text: str) -> bool:
    """The learner's words make the mistake, not turn it down: "i think monolith, because
    we're 3 people and cant run kubernetes" was warned to "count the operational cost" of
    the Kubernetes it had just ruled out for that reason."""
    said = normalise(text)
    return any(
        not _TURNED_DOWN.search(said[: m.start()])
        for cue in cues
        for m in cue_pattern(cue).finditer(said)
    )


def dated_step(text: str) -> bool:
    return bool(_DATED_STEP.search(text))


# the other side's words or deeds, reported: "she said my report was sloppy"
_THEY_SAID = re.compile(
    r"^\W*((so|and|then|well|basically|like|plus)\b[,\s]*)*(she|he|they|(my|the|our)\s+[\w-]+)"
    r"\s+(just\s+|then\s+|even\s+|also\s+)?(said|says|told\s+(me|us)|called|yelled|shouted|wrote|"
    r"emailed|texted|snapped|complained|blamed|accused|wanted|demanded|asked\s+for|insisted)\b",
    re.I,
)
_OWN_MOVE = re.compile(
    r"\b(i|we)\s+(apologi[sz]ed|said|told|tried|offered|explained|asked|stayed|kept|listened|"
    r"let|gave|promised|called|emailed|wrote)\b",
    re.I,
)


MORE_PLEASE = (
    "Say a little more and I can give you real feedback on it.",
    "A sentence or two in your own words, please: that's what I can coach.",
    "Tell me a bit more than that, and I'll tell you what works and what to add.",
)


def critique(turn: Turn, *, asked_about: str | None = None) -> None:
    """Quote the learner, then one strength and one gap against the persona's dimensions
    (a common mistake, when their words show one, beats a generic gap). `asked_about`: the
    line was a question the other side of a role-play answered, which is the move to praise."""
    phrase = key_phrase(turn.text, 12)
    # "I think so", "i guess": unscored as a nod, so not critiqued as an answer either
    nod = turn.memory.scene is None and unscored_reason(turn.text) == SHORT
    if (too_short(turn.text) or nod) and asked_about is None:
        # said the same way every time, it read as a script (an audit's heard it six times)
        times = int(turn.memory.notes.get("too_short", "0"))
        turn.memory.notes["too_short"] = str(times + 1)
        turn.parts.append(MORE_PLEASE[times % len(MORE_PLEASE)])
        turn.memory.too_short = True  # and so not scored: the coach asked for more
        return
    pack, m = turn.pack, turn.memory
    if turn.harm is not None:  # the scorer caps it: praising any part of it would mislead
        rule = turn.harm.rule
        turn.parts.append(f"You said: “{phrase}”. Stop there: {rule.reason}. {rule.instead}")
        return
    mistake = next((x for x in pack.mistakes if made(x.cues, turn.said)), None)
    strong = [n for n, d in pack.dimensions.items() if hits(d.cues, turn.said)]
    if asked_about is not None:  # "What's missing: a number" beside a good question misleads
        asked = key_phrase(asked_for_facts(turn.text), 12) or phrase  # the question, quoted
        # "I'm so sorry, that's really frustrating. Which class was it?" did both
        before = next((n for n in strong if n not in m.praised), None)
        works = "a real question"
        if before is not None and (mistake is None or mistake.undoes != before):
            m.praised.append(before)
            works = f"{turn.fill(pack.dimensions[before].strong)}, then asked a real question"
        line = (
            f"You asked: “{asked}”. What works: {works}. Now you know "
            f"{turn.fill(asked_about)}: use it in your next line."
        )
        if mistake is not None:
            line += f" {caution(m, mistake)}"
            m.warned = mistake.id
        turn.parts.append(line)
        return
    story = any(i.story for i in turn.newly)  # "my manager chewed me out"
    # more of the story, outside a scene: "she said my report was sloppy" is what they heard
    story = story or (
        pack.scenario_kind == "roleplay" and m.scene is None and bool(_THEY_SAID.match(turn.text))
    )
    if story and not _OWN_MOVE.search(turn.text):
        strong = []  # what happened to them is not a move of theirs to praise
    # a dimension with a step covered this session (these words' included) is no gap:
    # "What's missing: say which stage this is" came beside or after "That covers … stage"
    done = {i.dimension for i in pack.checklist if i.dimension and i.id in m.covered}
    # ... nor is one these words' speaker showed earlier in the session: "What's missing: an
    # acknowledgement of your friend's experience" came right after they were praised for it
    gaps = [n for n in pack.dimensions if n not in strong and n not in done and n not in m.praised]
    if mistake is not None and mistake.undoes in strong:
        strong.remove(mistake.undoes)
    # in a scene the line is one move, and a mistake makes it the wrong one: "What works: you
    # tied it to an outcome" beside "I'll knock 30% off" read as praise for the cave (an audit)
    caved = mistake is not None and m.scene is not None
    line = f"You said: “{phrase}”."
    if caved:
        pass
    elif strong:
        # the same praise round after round reads as a script: a strength not named yet first
        # and the strength of the step these words cover beats one a stray number shows
        # ... unless it was praised already and these words show another not named yet
        stepped = [i.dimension for i in turn.newly if i.dimension in strong]
        fresh = [n for n in [*stepped, *strong] if n not in m.praised]
        best = fresh[0] if fresh else (stepped or strong)[0]
        if best not in m.praised:
            m.praised.append(best)
        line += f" What works: {turn.fill(pack.dimensions[best].strong)}."
    elif commits_to_a_number(turn.text) and not story:
        line += " What works: a concrete number I can hold you to."
        # "What's missing: a number" beside it contradicted it (an audit)
        gaps = [n for n in gaps if not _A_NUMBER.match(pack.dimensions[n].missing)]
    elif dated_step(turn.text) and not story:
        line += " What works: a step with its day on it, which I can hold you to."
    if mistake is not None:
        line += f" {caution(m, mistake)}"
        m.warned = mistake.id
    elif gaps and not story:
        # each gap is said once a session: said again round after round, it reads as a
        # script ("What's missing: the 'because'" five times in one design session)
        fresh = [n for n in gaps if n not in m.noted]
        if fresh:
            m.noted.append(fresh[0])
            gap = pack.dimensions[fresh[0]]
            in_scene = any(s.id == m.scene and s.role for s in pack.situations)
            said = gap.scene_missing if in_scene and gap.scene_missing else gap.missing
            line += f" What's missing: {turn.fill(said)}."
    if line == f"You said: “{phrase}”.":  # nothing new to say: "You said: …" alone, a stub
        line = f"Got it: “{phrase}”."
    turn.parts.append(line)


def caution(m: CoachMemory, mistake: Mistake) -> str:
    """The warning, in full the first time; again, only its point, said to be the same one:
    an audit's session repeated "Watch out: enthusiasm isn't commitment — what did they agree
    to do, and by when?" word for word."""
    if mistake.id not in m.cautioned:
        m.cautioned.append(mistake.id)
        return f"Watch out: {mistake.note}"
    point = re.split(r"\s+[—–-]\s+|[;:]\s+", mistake.note, maxsplit=1)[0].rstrip(".")
    return f"Watch out, as before: {point}."


_A_NUMBER = re.compile(r"(a\s+)?numbers?\b", re.I)  # a gap that asks for a number


def acknowledge(turn: Turn, newly: list[ChecklistItem]) -> None:
    for item in newly:
        if item.context:  # where they stand, said back in their words
            said = turn.memory.notes.get(item.id, "")
            turn.parts.append(turn.fill(item.context).replace("{said}", said))
    newly = [i for i in newly if not i.context]
    if not newly:
        return
    if turn.pack.scenario_kind == "week_plan":
        if all(i.id in turn.memory.covered for i in turn.pack.checklist):
            return  # the whole week is about to be laid out
        covered = [i for i in turn.pack.checklist if i.id in turn.memory.covered]
        days = [f"{day}: {i.label}" for day, i in plan_days(turn, covered)]
        if days:
            turn.parts.append("Your first-week plan so far — " + "; ".join(days) + ".")
            return
    turn.parts.append(f"That covers {joined([i.label for i in newly])}.")


WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_WEEKDAY = re.compile(
    r"\b(?:(mon)(?:day)?|(tue)(?:s|sday)?|(wed)(?:nesday)?|(thu)(?:rs?|rsday)?|(fri)(?:day)?|"
    r"(sat)urday|(sun)day)\b",
    re.I,
)


def said_day(text: str) -> str | None:
    """The weekday the learner named ("with her tuesday morning"), as the plan writes it."""
    m = _WEEKDAY.search(text)
    if m is None:
        return None
    return next(g for g in m.groups() if g).capitalize()


# the clauses of a message, each one step at most: "…set up, and run the app locally"
CLAUSE = re.compile(r"[,;.!?]+|\s+(?:and|then|but|so|plus)\s+", re.I)
_NTH_DAY = re.compile(
    r"\b(?:day\s+(one|two|three|four|five|[1-5])|(first|second|third|fourth|fifth)\s+day)\b", re.I
)
_NTH = {"one": 0, "two": 1, "three": 2, "four": 3, "five": 4, "first": 0, "second": 1}
_NTH |= {"third": 2, "fourth": 3, "fifth": 4} | {str(n): n - 1 for n in range(1, 6)}


def _day_in(clause: str) -> str | None:
    if (day := said_day(clause)) is not None:
        return day
    nth = _NTH_DAY.search(clause)
    return WEEKDAYS[_NTH[(nth.group(1) or nth.group(2)).lower()]] if nth else None


def day_for(item: ChecklistItem, said: str) -> str | None:
    """The day the learner gave this step: in the clause that covers it, else the nearest one
    before it ("on day one I'll get my laptop set up and run the app locally"), else after it
    ("my manager is priya, ill book 30 min with her tuesday"). An audit's "…, and by Friday
    ship one small bug fix" put every step of the week on Friday."""
    clauses = [c.strip() for c in CLAUSE.split(said) if len(c.split()) >= 2]
    hit = next((n for n, c in enumerate(clauses) if hits(item.cues, c)), None)
    if hit is None:
        return None
    nearest = [*reversed(clauses[: hit + 1]), *clauses[hit + 1 :]]
    return next((d for c in nearest if (d := _day_in(c)) is not None), None)


def plan_days(turn: Turn, items: list[ChecklistItem]) -> list[tuple[str, ChecklistItem]]:
    """Each step of the week on the day the learner gave it, else the pack's day, in the
    week's order: "Fri: who to ask" beside "with her tuesday morning" contradicted them."""
    days = [(turn.memory.days.get(i.id, i.plan_day or ""), i) for i in items if i.plan_day]
    return sorted(days, key=lambda d: WEEKDAYS.index(d[0]) if d[0] in WEEKDAYS else 7)


def joined(labels: list[str]) -> str:
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]
