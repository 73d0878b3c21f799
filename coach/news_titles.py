"""Which of a student's applications a message names ("the gates one", "Dell", "my Hometown
essay"), by the catalog title's distinctive words. Apart from the news it reads, because the
offline coach asks the same of plan items, and a title is matched one way everywhere."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from uuid import UUID, uuid4

from coach.yes_no import last_question

# Words that name no particular scholarship: a title is matched by the rest.
GENERIC = frozenset(
    """a an and the of for in on at to by with from my your our s
    scholarship scholarships scholar scholars program programme grant grants award awards
    fund foundation national college fellows fellowship prize application applications
    student students undergraduate essay contest state""".split()
)


@dataclass(frozen=True)
class Candidate:
    """One of the student's applications, by its catalog title."""

    application_id: UUID
    title: str
    status: str
    state: str = ""  # the game plan's coach state ("tracked", "drafting", …)


def words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKC", text).casefold().replace("’", "'")
    return re.findall(r"[^\W_]+", folded)


def title_words(title: str) -> list[str]:
    return [w for w in words(title) if w not in GENERIC]


_POSSESSIVE = frozenset("my our his her their your".split())
_SOME = frozenset("a an".split())
_KIND = frozenset(
    """fund grant award scholarship scholarships essay essays app application form one
    deadline rec letter interview draft drafts""".split()
)


def _not_people(said: list[str]) -> list[str]:
    """The words, less those a possessive makes people or things of the student's own: "my
    future teachers were mean" names no Future Teachers Fund; "my Future Teachers essay" and
    "my Gates application" still name theirs. After "a", a word is a kind of thing, not a
    title: "be a nurse"."""
    kept: list[str] = []
    skip = 0
    for i, word in enumerate(said):
        if skip:
            skip -= 1
            continue
        kept.append(word)
        if word in _POSSESSIVE and not _KIND.intersection(said[i + 1 : i + 5]):
            skip = 3
        elif word in _SOME and not _KIND.intersection(said[i + 1 : i + 4]):
            skip = 2  # "i want to be a nurse" names no NURSE Corps Scholarship (an audit)
    return kept


def match_title(text: str, candidates: Iterable[Candidate]) -> Candidate | None:
    """The one application the text names. A title counts as named when the text has its
    first distinctive word ("Gates", "Dell", "Cal"), two of them, half of them, or any one
    said as a name ("the Rankin deadline", "my rankin essay": an audit's student named the
    Jeannette Rankin Women's Scholarship by its surname and was told she did not track it);
    the title with the most words said wins, and a tie is no match (the coach asks which
    one: "the Jack Kent Cooke" names two Cooke scholarships equally)."""
    kept = _not_people(words(text))
    said = set(kept)
    # a word said as a scholarship's name: "the Rankin deadline", "my rankin essay"
    before_kind = {w for w, after in zip(kept, kept[1:], strict=False) if after in _KIND}
    scored: list[tuple[int, Candidate]] = []
    for candidate in candidates:
        distinctive = title_words(candidate.title)
        if not distinctive:
            continue
        hits = sum(1 for w in distinctive if w in said)
        share = hits / len(distinctive)
        if (
            distinctive[0] in said
            or hits >= 2
            or share >= 0.5
            or before_kind.intersection(distinctive)
        ):
            scored.append((hits, candidate))
    if not scored:
        return None
    scored.sort(key=lambda s: s[0], reverse=True)
    if len(scored) > 1 and scored[0][0] == scored[1][0]:
        return None
    return scored[0][1]


def title_named(text: str, titles: Iterable[str]) -> str | None:
    """Which of these titles the text names (`match_title` over bare titles): the offline
    coach reads the plan's titles, not its applications."""
    found = match_title(text, [Candidate(uuid4(), t, "draft") for t in titles])
    return found.title if found is not None else None


# "I submitted it", "that one came through": which one is the one just asked about
_IT = re.compile(r"\b(it|that\s+one|this\s+one|that\s+application)\b", re.I)


def meant_by_it(text: str, question: str, candidates: Iterable[Candidate]) -> Candidate | None:
    """ "I submitted it", answering "…what's the next piece of Hometown you'll do?": Hometown.
    An audit's student was congratulated, asked about Hometown again, and never asked to
    confirm, the chat unable to tell which one was meant."""
    asked = last_question(question)
    if asked is None or not _IT.search(text):
        return None
    return match_title(asked, candidates)
