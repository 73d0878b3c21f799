"""Caps: what holds a round, and every dimension, under a ceiling however long or fluent it
is: harmful advice, an attempt to set the score, the coach's question or line said back, talk
of other things, the rubric's own terms listed, fragments with nothing in sentences, and
promises with no number or cost behind them. Apart from `rubric`, which scores the rest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coach.answer_fit import LOSS, picks_offered
from coach.answer_signals import DATE, FIGURE
from coach.answer_text import FUNCTION_WORDS, Hit, gist, quote
from coach.reading import Reading
from coach.red_flags import gaming, harm_flag
from coach.text import stem, words


@dataclass(frozen=True)
class Cap:
    """A ceiling on the round and every dimension, with the reason the learner is shown."""

    ceiling: int
    hit: Hit | None
    reason: str
    feedback: str


def find_cap(
    reading: Reading, domain_id: str, vocabulary: set[str], text: str, question: str | None = None
) -> Cap | None:
    flag = harm_flag(text, domain_id, question)
    if flag is not None:
        said = quote(text, flag.hit)
        return Cap(
            2,
            flag.hit,
            f'"{said}": {flag.rule.reason}',
            f'Red flag: "{said}" — {flag.rule.reason}. {flag.rule.instead}',
        )
    game = gaming(text)
    if game is not None:
        said = quote(text, game, 6)
        return Cap(
            1,
            game,
            f'"{said}" asks for a score instead of showing the skill',
            f'"{said}" is an attempt to set the score, not an answer. Answer the coach\'s '
            "question in your own words with one concrete step.",
        )
    own_words = [w for w in words(reading.own) if w.lower() not in FUNCTION_WORDS and len(w) > 1]
    if ((reading.copied_share >= 0.5 and len(own_words) < 6) or reading.echo) and reading.role_play:
        return Cap(
            2,
            None,
            f'"{gist(text)}" says their line back and adds nothing new',
            "That says their line back to them. Answer it in your own words: acknowledge "
            "it, ask what is behind it, or give them one concrete fact.",
        )
    copied = reading.copied_share >= 0.5 and len(own_words) < 6
    if (copied and not picks_offered(text, question)) or reading.echo:
        return Cap(
            2,
            None,
            f'"{gist(text)}" repeats the coach\'s question and adds nothing new',
            "That repeats the coach's question. Answer it in your own words: one concrete "
            "step, a detail and the reason.",
        )
    if reading.off_topic:
        return Cap(
            2,
            None,
            f'"{gist(text)}" does not take up the coach\'s question',
            "That does not answer the coach's question. Come back to it: one concrete step "
            "on it, with a detail and the reason.",
        )
    said_stems = {stem(w) for w in own_words}
    jargon = said_stems & vocabulary
    if own_words and len(jargon) >= 4 and len(jargon) >= 0.4 * len(said_stems):
        return Cap(
            2,
            None,
            f'"{gist(text)}" names the rubric\'s terms instead of saying what you would do',
            "Naming the topics is not an answer. Say what you would do, with one concrete "
            "detail and the reason.",
        )
    if (
        reading.content >= 4
        and reading.sentence_share < 0.4
        and not DATE.search(reading.own)
        and not FIGURE.search(reading.own)
        and not options_named(reading.own, question)
    ):
        return Cap(
            2,
            None,
            f'"{gist(text)}" is a list of fragments, not a plan in sentences',
            "A list of terms is not an answer. Write what you would do in a sentence or "
            "two, with one concrete detail and the reason.",
        )
    hype = [m for m in HYPE.finditer(reading.own)]
    if len(hype) >= 3 and not FIGURE.search(reading.own) and not LOSS.search(reading.own):
        return Cap(
            3,
            Hit(hype[0].start(), hype[0].end()),
            f'"{quote(text, Hit(hype[0].start(), hype[0].end()))}" is a promise with no number '
            "or cost behind it",
            "Buzzwords and promises (infinite scale, zero downtime) are not a design. Name the "
            "requirement with a number, the option you pick, and what it costs.",
        )
    return None


# claims no design can keep, and brochure words: an audit's "cloud-native, event-driven
# microservices mesh … infinite scalability, zero downtime … single pane of glass" scored 7/10
HYPE = re.compile(
    r"\b(?:infinite(?:ly)?|unlimited|limitless|zero[- ]downtime|100\s?% (?:uptime|available|"
    r"availability)|never (?:goes|go|fails?) down|best[- ]in[- ]class|world[- ]class|"
    r"cutting[- ]edge|next[- ]gen(?:eration)?|state[- ]of[- ]the[- ]art|synerg\w*|single pane of "
    r"glass|leverag\w+|seamless(?:ly)?|bulletproof|future[- ]proof|game[- ]chang\w+|"
    r"ai[- ]powered|hyper[- ]scal\w+|fully decoupled|cloud[- ]native)\b",
    re.I,
)


_ASKS_OPTIONS = re.compile(
    r"\b(two|options?|alternatives?|ways|approach(es)?|choose|choice|which|versus|vs\.?|or)\b", re.I
)
_ALTERNATIVES = re.compile(
    r"\b(or|versus|vs\.?|either|instead)\b|\b(option\s+)?[ab12]\s*[:)]", re.I
)


def options_named(own: str, question: str | None) -> bool:
    """Options asked for and named as noun phrases ("Postgres + app servers, or DynamoDB +
    Lambda") are an answer, not a list of fragments."""
    return bool(question and _ASKS_OPTIONS.search(question) and _ALTERNATIVES.search(own))
