"""Replies that answer what the learner brings instead of coaching their words: news of a
setback, a win or a submission (noted against the game plan until the student confirms it),
a question the persona's pack has a prepared answer to, and "what should I do today?" from
the game plan. Each hands back to the session's progress afterwards.
"""

from __future__ import annotations

import re
from uuid import uuid4

from coach.cues import hits
from coach.feelings import is_better, is_feeling, is_unwell
from coach.news_titles import Candidate, match_title, meant_by_it, title_named
from coach.offline_coach.scenario import advance
from coach.offline_coach.turn import CoachMemory, Turn
from coach.packs import Answer, ChecklistItem, NewsReply
from coach.plan_reply import missed_line, plan_parts
from coach.questions import PLAN_QUESTION, QUOTED
from coach.text import stem, stems, words

FEELING_ANSWER = "stress"  # every pack has one (coach/packs.py checks)
UNWELL_ANSWER = "unwell"
TRY_IT = "Now try it"  # after an explanation: what the learner answers next


# something wrong with what was just submitted
_PROBLEM = re.compile(
    r"\b(wrong|by accident|accidentally|blank|typo|forgot|missing|old (draft|version)|mistake|"
    r"misspell\w*|left out|didn'?t (attach|upload|include|add))\b",
    re.I,
)


_LEAVES_THE_PLAN = frozenset({"done", "win", "setback"})


def news(turn: Turn, reply: NewsReply, kind: str, *, asked: bool = False) -> None:
    """The pack's line for the news, then its question; when the learner also asked
    something ("I submitted it but forgot my transcript. What do I do?"), the answer to
    that instead of the question."""
    if turn.plan is not None:  # "the Hometown application", as the confirmation reads it
        titles = [i.title for i in turn.plan.top3] + [c.title for c in turn.plan.check_ins]
        named = title_named(turn.text, titles) or _meant_by_it(turn, titles)
        if named is not None and kind in ("started", "drafted", "good"):
            turn.memory.focus = named  # the one under way is what to talk about next
        elif named is not None and kind in _LEAVES_THE_PLAN and named not in turn.memory.reported:
            # sent or decided: off the open plan. A draft finished is still open (an audit's
            # coach said "Everything you track is submitted or decided" with one in Drafting)
            turn.memory.reported.append(named)
    say = reply.say
    nothing_tracked = turn.plan is not None and not turn.plan.tracked
    if kind in ("done", "win") and (
        nothing_tracked or _names_an_untracked(turn) or _already_at(turn, kind)
    ):
        # "i submitted the gates one", untracked: nothing will be asked or recorded, so the
        # pack's "recorded once you confirm it" would be a promise the chat then takes back
        say = " ".join(s for s in _SENTENCE.findall(say) if "confirm" not in s).strip() or say
    m = turn.memory
    if m.scene is not None:  # the real conversation happened: the rehearsal of it is over
        m.scenes_done.append(m.scene)
        m.enter_scene(None)
    turn.memory.last_news = True  # the round is news, not an answer to score
    turn.parts.append(turn.fill(say))
    fix = next((a for a in turn.pack.answers if a.id == "fix"), None)
    if kind == "done" and fix is not None and _PROBLEM.search(turn.text):
        turn.parts.append(turn.fill(fix.answer))  # "submitted it but forgot my transcript"
        return
    if asked and answer_question(turn):
        return
    if reply.ask is None or not turn.ask(f"news.{kind}", reply.ask):
        advance(turn)


def _meant_by_it(turn: Turn, titles: list[str]) -> str | None:
    """ "I submitted it", said to a question about one item: that one, as the chat reads it."""
    found = meant_by_it(turn.text, turn.question, [Candidate(uuid4(), t, "draft") for t in titles])
    return found.title if found is not None else None


_SENTENCE = re.compile(r"[^.!?]+[.!?]+")
_WELL = re.compile(r"\b(better|well|feel\w*|recovered|healthy)\b", re.I)
# what the plan already says for news of each kind: nothing is left to confirm
_ALREADY = {
    "done": {"Submitted", "Outcome Pending", "Won", "Lost"},
    "win": {"Won"},
}


def _already_at(turn: Turn, kind: str) -> bool:
    """The news names an application the plan already has there ("I submitted the Gates
    application!" for one marked submitted): an audit's reply promised "recorded once you
    confirm it" above the chat's "already marked submitted: nothing new to record"."""
    if turn.plan is None:
        return False
    tracked = {t.title: t.coach_state for t in turn.plan.tracked}
    named = title_named(turn.text, tracked)
    return named is not None and tracked[named] in _ALREADY[kind]


_NAMED = re.compile(
    r"\bthe\s+([\w'-]+\s+){1,4}(one|application|app|scholarship|grant|award|program)\b", re.I
)


def _names_an_untracked(turn: Turn) -> bool:
    """The news names a scholarship ("the gates one") that is none of those the student
    tracks: the chat will say so and record nothing."""
    plan = turn.plan
    if plan is None or not _NAMED.search(turn.text):
        return False
    titles = {t.title for t in plan.tracked} | {i.title for i in plan.top3}
    titles |= {c.title for c in plan.check_ins}
    return title_named(turn.text, titles) is None


# a quotation mark that opens a quote: after a space or a colon and before a word; one
# that closes ("…help?'") or a plural's apostrophe ("your parents' employers") opens nothing
_QUOTE_MARK = re.compile(r"(?P<opens>(?<![\w.!?,])['‘](?=\w))|(?<=\S)['’](?!\w)")


def _quote_left_open(text: str) -> bool:
    left_open = False
    for mark in _QUOTE_MARK.finditer(text):
        left_open = mark.group("opens") is not None
    return left_open


def whole_sentences(text: str) -> list[str]:
    """The sentences of an answer, a quoted line kept whole: "…ask for it kindly: 'Of
    course. So I can help, which part…?'" was reminded as "…kindly: 'Of course."."""
    out: list[str] = []
    for piece in re.split(r"(?<=[.!?])\s+|(?<=[.!?]['’”])\s+", text):
        if out and _quote_left_open(out[-1]):
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return out


def variant(answer: Answer, memory: CoachMemory) -> str:
    """The answer as fits whom the learner faces: a customer, a peer, or someone above them."""
    if memory.authority and answer.authority:
        return answer.authority
    if (memory.peer or memory.authority) and answer.peer:
        return answer.peer
    return answer.answer


def answer_question(
    turn: Turn, *, said: bool = False, repeat_ok: bool = True, min_hits: int = 1
) -> bool:
    """The pack's best answer for the learner's words; with `said`, only answers also given
    to a statement, and for a feeling no cue names, the pack's answer to pressure. An answer
    already given this session is not given again word for word: a reminder of its first
    sentence, or (without `repeat_ok`, when the learner said something new) nothing, so
    their words are coached instead; `min_hits` cues for a long message of the learner's own,
    where one word in passing ("… then prod after a manual approve?") is no question about it."""
    best, score = None, 0
    # said, it is the learner's own: not a feeling they quote ("she told me 'I feel like a
    # failure'" got the coach's answer to the learner's self-doubt, a re-audit)
    words_said = QUOTED.sub(" ", turn.text) if said else turn.text
    for candidate in turn.pack.answers:
        if said and not (candidate.said or candidate.said_cues):
            continue
        n = hits(
            candidate.said_cues if said and candidate.said_cues else candidate.cues, words_said
        )
        # the worry named beats the answer to pressure: "im scared ill break prod"
        if n > score or (n and n == score and best is not None and best.id == FEELING_ANSWER):
            best, score = candidate, n
    if best is not None and score < min_hits:
        best = None
    if best is None and is_better(turn.text):
        # "im back" alone, no illness before it: back at the chat (a recheck's first message)
        well = _WELL.search(turn.text)
        turn.parts.append("Glad you're feeling better." if well else "Welcome back.")
        return True
    if best is None and is_feeling(turn.text):
        # a feeling in words no cue lists ("honestly I'm really stressed") still gets the
        # pack's answer to pressure, not a critique of the words; "i feel kinda sick", rest
        kind = UNWELL_ANSWER if is_unwell(turn.text) else FEELING_ANSWER
        best = next((a for a in turn.pack.answers if a.id == kind), None)
    if best is None:
        return False
    answer = turn.fill(variant(best, turn.memory))
    if best.id in turn.memory.answered:
        if not repeat_ok:
            return False
        if best.id == UNWELL_ANSWER:  # "still sick": no reminder of what was said
            turn.parts.append("Then rest comes first. We'll pick up from here when you're better.")
            return True
        # the sentence that answers what is asked now: "can I offer a discount?" after the
        # price answer is reminded of its line on discounts, not of its first sentence
        sentences = whole_sentences(answer)
        asked = stems(turn.text)
        first = max(sentences, key=lambda s: (len(asked & stems(s)), -sentences.index(s)))
        turn.parts.append(f"As I said earlier: {first[:1].lower()}{first[1:]}")
        return True
    turn.memory.answered.append(best.id)
    turn.parts.append(answer)
    return True


_SMALL = frozenset("the and its your with from into than that this what which".split())


def _label_words(item: ChecklistItem) -> list[str]:
    return [w for w in words(item.label.lower()) if len(w) > 3 and w not in _SMALL]


def current_item(turn: Turn) -> ChecklistItem:
    """The step the learner names ("not sure what you mean by failure modes"), else the
    one the coach's last question was about, else the first one still open: what "what do
    you mean?" refers to."""
    said = {stem(w) for w in words(turn.text.lower())}
    named = [i for i in turn.pack.checklist if said & {stem(w) for w in _label_words(i)}]
    if named:  # the step whose label leads with the word, else the first that has it
        leading = [i for i in named if stem(_label_words(i)[0]) in said]
        return (leading or named)[0]
    ids = {i.id: i for i in turn.pack.checklist}
    for key in reversed(turn.memory.asked):
        item = ids.get(key.split(".", 1)[0])
        if item is not None:
            return item
    open_items = [i for i in turn.pack.checklist if i.id not in turn.memory.covered]
    return (open_items or turn.pack.checklist)[0]


def clarify(turn: Turn, *, frustrated: bool = False, unsure: bool = False) -> None:
    """What the last question meant, with the pack's example of a good answer; the question
    stands (not asked again), so the learner answers it next."""
    item = current_item(turn)
    if item.id in turn.memory.clarified:  # explained once already: move on, come back later
        turn.memory.parked.append(item.id)
        turn.parts.append(f"Let's leave {item.label} for now and come back to it.")
        advance(turn)
        return
    turn.memory.clarified.append(item.id)
    if item.id not in turn.memory.tipped:
        turn.memory.tipped.append(item.id)
    tip = turn.fill(item.tip)
    opening = (
        "Fair enough, that's on me: let me put it more simply."
        if frustrated
        else "That's fine: not knowing yet is where we start."
        if unsure
        else "Good question."
    )
    turn.parts.append(f"{opening} I mean {item.label}. For example, {tip}")
    turn.parts.append(f"{TRY_IT} for your own situation, in a sentence or two.")


def plan_question(turn: Turn) -> bool:
    """Answers "is the cal grant still on my list?" or "what's in my top 3?" from the plan,
    or returns False when the message asks no such thing. Only the Top 3 and the check-ins
    are in view here, so a title outside them is "not in your Top 3", with where to look."""
    asked = PLAN_QUESTION.match(turn.text)
    plan = turn.live_plan()
    if asked is None or plan is None:
        return False
    each = [f"{i.title}, {i.due}" if i.due else i.title for i in plan.top3]
    listed = "; ".join(each[:-1]) + "; and " + each[-1] if len(each) > 1 else "".join(each)
    name = (asked.group("name") or "").strip()
    if name:
        top = match_title(name, [Candidate(i.application_id, i.title, "draft") for i in plan.top3])
        waiting = match_title(
            name, [Candidate(c.application_id, c.title, "submitted") for c in plan.check_ins]
        )
        if top is not None:
            item = next(i for i in plan.top3 if i.application_id == top.application_id)
            rank = "the most urgent on it" if item is plan.top3[0] else "in your Top 3"
            due = f", {item.due}" if item.due else ""
            turn.parts.append(f"Yes: {item.title} is on your plan, {rank}{due}.")
            turn.memory.focus = item.title
        elif waiting is not None:
            turn.parts.append(
                f"{waiting.title} is submitted: you're waiting to hear back, and the plan "
                "will ask you to check in on it."
            )
        else:
            shown = re.sub(r"^(the|my)\s+", "", name, flags=re.I)
            where = f"your Top 3 is {listed}" if plan.top3 else "your Top 3 is empty"
            turn.parts.append(
                f"I don't see {shown} in your Top 3 right now: {where}. The Game plan page "
                "lists everything you track; if it isn't there either, find it in Discovery "
                "and press Track."
            )
    elif plan.top3:
        turn.parts.append(f"Your Top 3: {listed}.")
    else:
        turn.parts.append("Nothing is in your Top 3 yet: Discovery finds scholarships to track.")
    advance(turn)
    return True


def plan_today(turn: Turn) -> None:
    plan = turn.live_plan()
    focus = turn.focused()
    urgent = None
    if plan is not None and focus is not None and plan.top3[0] is not focus:
        # "can we do the Community Leaders Grant today?": that one, not the most urgent,
        # which is still named so its deadline is not a surprise
        urgent = plan.top3[0]
        rest = [i for i in plan.top3 if i is not focus]
        plan = plan.model_copy(update={"top3": [focus, *rest]})
    statement, key, ask = plan_parts(plan, turn.round_number, turn.memory.asked)
    if urgent is not None and urgent.due is not None:
        head, _, tail = statement.partition(" After that, ")
        tail = tail.partition(" next.")[2] if tail else ""
        keep = f" Keep {urgent.title} in view, though: it's {urgent.due}, the soonest on your plan."
        statement = head + keep + tail
    missed, missed_key = missed_line(turn.live_plan(), turn.memory.asked)
    if missed_key is not None:
        turn.memory.asked.append(missed_key)
    turn.parts.append(f"{missed} {statement}" if missed else statement)  # "it" is then the focus
    turn.memory.named = True
    turn.memory.told_no_plan = turn.memory.told_no_plan or not turn.has_top()
    # starting out, the track's next question beats "which kind would you like?"
    starting = key == "plan.start" and turn.memory.starting
    if key is None or ask is None or starting or not turn.ask(key, ask):
        advance(turn, quiet_park=True)


def no_plan_note(turn: Turn, starting: str | None = None) -> None:
    """Once a session, a game-plan coach with nothing open on the student's plan says where
    a plan comes from (before its question, so the reply still ends on what to answer);
    without it the coach would coach towards "your most urgent application" that is not
    there. `starting`: the starting track's own note, which says what the session covers."""
    m = turn.memory
    if not turn.plan_aware or m.told_no_plan or turn.has_top():
        return
    m.told_no_plan = True
    plan = turn.live_plan()
    note = starting or (
        "Everything you track is submitted or decided, so nothing on your game plan needs "
        "work right now; Discovery can find two or three more scholarships that fit you."
        if plan is not None and plan.states
        else "You're not tracking any scholarships yet: Discovery (in the sidebar) finds ones "
        "that fit your profile, and the ones you track become your game plan. Until then, "
        "let's work on the application you have in mind."
    )
    last = turn.parts[-1].rstrip() if turn.parts else ""
    asks = last.endswith("?") or last.startswith(TRY_IT)  # what to answer stays last
    turn.parts.insert(len(turn.parts) - 1 if asks else len(turn.parts), note)
