"""What the learner asks about the coach's own words, answered without a model: a term
("what do you mean by latency?", "what mean pipeline hygiene?"), from the pack where it has
an answer and said plainly not to be in it where nothing in the pack uses it; and a question
the coach skipped ("you didn't answer my question"), answered from the message before."""

from __future__ import annotations

import re

from coach.offline_coach.answers import answer_question
from coach.offline_coach.scenario import advance
from coach.offline_coach.turn import Turn
from coach.text import stem, words

# a term asked about, not the question as a whole: "what do you mean by latency?"
A_TERM = re.compile(
    r"\bmean\s+by\s+(?!(that|this|it)\b)\w|\bwhat\s+does\s+(?!(that|this|it)\b)\w"
    r"|\bwhat\s+(mean|means)\s+\W*(?!(that|this|it)\b)\w|\bmeaning\s+of\s+(?!(that|this|it)\b)\w",
    re.I,
)


_TERM_ASKED = re.compile(
    r"\bmean\s+by\s+(?P<a>[^?.!]{2,40})|\bwhat\s+does\s+(?P<b>[^?.!]{2,40}?)\s+mean\b|"
    r"\bwhat\s+(?:mean|means)\s+(?P<c>[^?.!]{2,40})|\bmeaning\s+of\s+(?P<d>[^?.!]{2,40})",
    re.I,
)


def unknown_term(turn: Turn) -> str | None:
    """The term asked about when neither the pack's answers nor any of its steps use it: "I
    mean the opportunity and its stage" was a re-audit's answer to "what mean pipeline
    hygiene?", a term the coach had never used."""
    asked = _TERM_ASKED.search(turn.text)
    if asked is None:
        return None
    term = next(g for g in asked.groups() if g).strip(" '\"“”‘’")
    own = {stem(w) for w in words(term.lower()) if len(w) > 3}
    if not own:
        return None
    pack = turn.pack
    known = " ".join(
        [i.label for i in pack.checklist]
        + [q for i in pack.checklist for q in i.questions]
        + [i.tip for i in pack.checklist]
    )
    return None if own & {stem(w) for w in words(known.lower())} else term


def answer_skipped(turn: Turn) -> None:
    """ "you didn't answer my question": the question in the message before, answered now if
    the pack has an answer to it; else asked for again. An audit got the same checklist
    question a third time."""
    asked, turn.text = turn.text, turn.before
    try:
        answered = bool(turn.before) and answer_question(turn, min_hits=1)
    finally:
        turn.text = asked
    if answered:
        turn.parts.insert(len(turn.parts) - 1, "Sorry, I skipped that.")
        advance(turn)
        return
    turn.parts.append(
        "Sorry, I missed your question. Ask it again in one line and I'll answer it first, as "
        "well as I can here."
    )
