"""News in a student's chat message ("I submitted the Gates application", "I won Dell",
"Gates rejected me"), matched to one of their tracked applications by the catalog title.

Pure: the chat graph reads the applications and titles, this decides. A miss is cheap (the
coach still answers, the game-plan page still has the buttons); a wrong match costs the
student a "Not now". Every kind is asked about in the chat, Lost too: the state machine lets
Lost be written unconfirmed (a click on the game plan is the student's own), but a sentence
read without a model is not ("I lost my Cal Grant essay file"). Ambiguous or unmatched news
gives None: the coach asks which.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal
from uuid import UUID

from coach.news_titles import Candidate, match_title, meant_by_it, words
from coach.news_words import (
    GOOD,
    HEARD_NO,
    MANY,
    NOT_THE_PRIZE,
    NOT_TO_A_READER,
    SENT_END,
    UNSENT,
    names_one,
    understood,
)

NewsKind = Literal["submitted", "won", "lost", "started", "drafted", "unsent"]
# an application's status; "drafting" and "review" are the game plan's coach states (the
# status stays draft)
TargetStatus = Literal["submitted", "awarded", "rejected", "drafting", "review"]
PROGRESS: frozenset[NewsKind] = frozenset({"started", "drafted"})  # work on it, not its fate

TARGET: dict[NewsKind, TargetStatus] = {
    "submitted": "submitted",
    "won": "awarded",
    "lost": "rejected",
    "started": "drafting",
    "drafted": "review",
    "unsent": "drafting",  # recorded as sent, and it was not: reopened
}
_KIND_OF: dict[str, NewsKind] = {s: k for k, s in TARGET.items() if k != "unsent"}
# the statuses each kind of news can move an application from ("started": the coach state)
FROM: dict[NewsKind, frozenset[str]] = {
    "submitted": frozenset({"draft"}),
    "won": frozenset({"draft", "submitted"}),
    "lost": frozenset({"draft", "submitted"}),
    "started": frozenset({"tracked"}),
    "drafted": frozenset({"tracked", "drafting"}),
    "unsent": frozenset({"submitted"}),
}

_PRIZE = r"(scholarship|award|grant|fellowship|fund|prize|one)\b" + NOT_THE_PRIZE
_THE = r"(the|that|this|my|our)\s+([\w'’-]+\s+){0,4}"
LOST = re.compile(
    r"\b(i|we)\s+(was|were|got|have been|'ve been|just got|just been)\s+(rejected|turned "
    r"down|declined|denied|not selected)\b|\b(rejected|turned down|declined|denied)\s+(me|us)\b"
    r"|\b(application|it|essay)\s+(was|got|has been)\s+(rejected|turned down|declined|denied)\b"
    rf"|\b(i|we)\s+(just\s+)?(didn't|did not|didnt)\s+win\b|\b(i|we)\s+(just\s+)?(lost|"
    rf"didn't get|didnt get|did not get|wasn't selected for|was not selected for)\s+{_THE}"
    rf"{_PRIZE}\b|\bgot a rejection\b"
    r"|\b(i|we)\s+(didnt|didn'?t|did not)\s+get\s+(in|it|selected|chosen|picked)\b"
    r"|\b(i|we)\s+(wasn'?t|was not|weren'?t|were not)\s+(selected|chosen|picked|a finalist)\b"
    r"|\bnot\s+(a\s+)?(finalist|selected|chosen)\s+(for|this)\b|\bturned\s+(me|us)\s+down\b"
    r"|\bwent\s+to\s+someone\s+else\b"
    # the whole answer to "have you heard back from …?": "yes they said no"
    r"|^\W*((yes|yeah|yep|yup)\W+)?they\s+(just\s+)?said\s+no\W*$|" + HEARD_NO,
    re.I,
)
WON = re.compile(
    r"\b(i|we)\s+(just\s+|finally\s+|actually\s+)?(won\b(?!['’]t)|got it\b(?!\s+(done|in|off|sent|"
    r"submitted|finished|started|ready|back|wrong))|got selected\b)"
    r"|\b(i|we)\s+(was|were|have been|'ve been|got|just got)\s+(awarded|selected|chosen)\b"
    r"|\b(i|we)\s+(just\s+)?got\s+(?!(an?|the|my)\s+(extension|reply|response|email|letter|rec)\b)"
    rf"{_THE}{_PRIZE}\b|\bthey (picked|chose|selected) (me|us)\b"
    r"|^\W*((yes|yeah|yep|yup)\W+)?they\s+(just\s+)?said\s+yes\W*$",
    re.I,
)
# "an email saying I won $5,000 but I have to pay a $50 processing fee first": a win that
# asks for money or bank details is the classic scholarship scam, not news to congratulate
SCAM_SIGNS = re.compile(
    r"\b(processing|handling|release|claim(ing)?|transfer|activation|registration|"
    r"disbursement|admin(istrative)?)\s+fee\b|\bfee\s+(first|up\s*front|to\s+(claim|release|"
    r"receive|get|unlock))\b|\bpay\b[^.!?]{0,40}\b(to\s+(claim|receive|get|release|unlock)|"
    r"first|up\s*front)\b|\bbank\s+(details|account|info)|\brouting\s+number|\bgift\s+cards?\b|"
    r"\bsocial\s+security\b|\bssn\b|\bwire\s+(the|a|money|\$)",
    re.I,
)


def scam_offer(text: str) -> bool:
    """A win, or an award offered, that asks for money or bank details first."""
    return bool(SCAM_SIGNS.search(text)) and bool(
        WON.search(text) or re.search(r"\b(won|winner|award(ed)?|selected|prize)\b", text, re.I)
    )


# a listing that charges to apply, reported: "this one says i have to pay 25 dollars to apply"
_LISTING_FEE = re.compile(
    r"\b(says|said|asks?|asking|wants?|requires?|charges?|charging)\b[^.!?]{0,50}\b(pay|fee|\$\s?\d|"
    r"\d+\s*(dollars|bucks))\b[^.!?]{0,40}\b(to\s+apply|to\s+enter|application|entry|to\s+sign\s+up)\b|"
    r"\b(application|entry|sign[\s-]?up|processing|registration|admin(istration|istrative)?|"
    r"handling|release|service|membership)\s+fees?\b|\bfees?\s+(to|for)\s+(apply|enter|"
    r"process|release|submit|claim)|\b(should|do|must)\s+i\s+(really\s+)?(have\s+to\s+)?pay\b"
    r"[^.!?]{0,40}\bfee",
    re.I,
)


def scam_listing(text: str) -> bool:
    """A listing reported to ask for money to apply: the student is asking about it, not
    proposing to pay (a "You said: … Stop there" read as if they had)."""
    if scam_offer(text):  # "i won but they want a processing fee": a prize, answered as one
        return False
    return bool(_LISTING_FEE.search(text)) and not _PAYING.search(text)


# the learner's own payment, meant or made: an answer the red flag scores, not a question
_PAYING = re.compile(
    r"\b(i'?ll|i\s+will|i'?m\s+(going\s+to|gonna)|im\s+(going\s+to|gonna)|i\s+paid)\b", re.I
)


SUBMITTED = re.compile(
    r"\b(i|we)\s+(just\s+|finally\s+|already\s+)?(submitted(?!\s+(nothing|anything|none))|"
    r"sent (it\s+|them\s+)?(in|off)|"
    r"handed (it\s+)?in|turned (it\s+)?in|hit submit|applied (to|for))\b"
    r"|\b(is|was|has been|got|now)\s+submitted\b|\bsent (off|in) (the|my)\b"
    # as it is typed: "just submitted sunrise!!", "Sunrise submitted!!", "sunrise is in!"
    r"|^\s*(just\s+|finally\s+)?submitted\b(?!\s+(nothing|anything|none))"
    r"|^\s*(just\s+|finally\s+)?(turned|handed|sent)\s+in\s+(the|my)\b"
    r"|\b\w+\s+(submitted|is\s+in|sent\s+in|sent\s+off|turned\s+in)\s*!+"
    # "I finished the Hometown application!! I sent it", "I sent the Cal Grant application
    # today!", "…and submitted it" (an audit's three, each scored as an answer); sent to a
    # person to read is no submission
    r"|\b(i|we)\s+(just\s+|finally\s+|already\s+)?sent\s+((it|them)" + SENT_END + r"|(the|my)"
    r"\s+[\w'-]+(\s+[\w'-]+){0,4}?\s+(application|app|form)\b" + NOT_TO_A_READER + r")"
    r"|\b(and|then)\s+(just\s+|finally\s+)?(submitted\b|sent\s+(it|them)"
    + SENT_END
    + r")"
    + NOT_TO_A_READER
    + r"|\b(finished|done)\s+and\s+(sent|submitted)\b"
    r"|^\s*(just\s+|finally\s+)?hit\s+submit\b",
    re.I,
)
# Work begun on a tracked application: "i started the sunrise essay", "im working on the
# future teachers application", "i have a rough draft of the gates essay". Its Drafting is
# asked about, like Lost: a sentence read without a model can be wrong.
STARTED = re.compile(
    r"\b(i|we)\s+(just\s+|finally\s+|already\s+|actually\s+)?(started|began|begun)\s+"
    r"(on\s+|writing\s+|working\s+on\s+|drafting\s+)?(the|my|our)\b"
    r"|\b(i'?m|im|i\s+am|i'?ve\s+been|ive\s+been|i\s+have\s+been)\s+(now\s+|finally\s+)?"
    r"(working\s+on|writing|drafting)\s+(the|my|our)\b"
    r"|\b(i|we)\s+(just\s+|already\s+)?(wrote|drafted|have|got)\s+(a|the|my)\s+(first\s+|rough\s+)?"
    r"(draft|outline)\b",
    re.I,
)
# A whole draft: "i finished my whole hometown draft", "the gates essay is done", "i have a
# full draft of the cal grant essay" (not "finished the application": that may be sent)
DRAFTED = re.compile(
    r"\b(i|we)\s+(just\s+|finally\s+|already\s+)?(finished|completed|wrapped\s+up)\s+(the|my|a|our)\s+"
    r"([\w'-]+\s+){0,4}?(first\s+|rough\s+)?(draft|essay)\b"
    r"|\b(draft|essay)\s+(is|was|'s)\s+(all\s+|finally\s+)?(done|finished|complete|written)\b"
    r"|\b(i|we)\s+(have|got)\s+a\s+(full|complete|whole|finished)\s+draft\b",
    re.I,
)
# "If I won…", "I hope I submitted…": a wish or a plan said before the news is not news; nor
# is someone else's claim ("A website says I won a $5,000 grant", the opening of a scam)
HEDGE = re.compile(
    r"\b(if|hope|hoping|wish|unless|would|will|gonna|going to|plan(ning)? to|about to|"
    r"should|could|might|want to|need to|not yet|haven't|hasn't|didn't|did not|says|said|"
    r"claims?|claimed|told me|telling me|supposedly|apparently|email(ed)? me that)\b",
    re.I,
)
SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")


@dataclass(frozen=True)
class News:
    kind: NewsKind
    application_id: UUID
    title: str

    @property
    def status(self) -> TargetStatus:
        return TARGET[self.kind]

    def question(self) -> str:
        if self.kind == "started":
            return f"Move {mid_sentence(self.title)} to Drafting on your game plan?"
        if self.kind == "drafted":
            return f"Move {mid_sentence(self.title)} to Review on your game plan?"
        if self.kind == "unsent":
            return f"Move {mid_sentence(self.title)} back to Drafting, as not submitted?"
        what = {"submitted": "submitted", "won": "won", "lost": "lost"}[self.kind]
        return f"Mark {mid_sentence(self.title)} as {what}?"

    def recorded(self) -> str:
        """The coach's line once the status is written."""
        if self.kind == "submitted":
            return f"Recorded: {self.title} is submitted. I'll check in with you in three weeks."
        if self.kind == "started":
            return (
                f"Recorded: {self.title} is in Drafting on your game plan. Mark it ready for "
                "review there when the draft is whole."
            )
        if self.kind == "drafted":
            return (
                f"Recorded: {self.title} is ready for review on your game plan. Ask someone to "
                "read it before you submit."
            )
        if self.kind == "unsent":
            return (
                f"Recorded: {self.title} is back in Drafting, not submitted. Its deadline "
                "still counts, so let's plan what's left."
            )
        if self.kind == "won":
            return (
                f"Recorded: {self.title} is won, and it now counts toward your Debt Lifted. "
                "Congratulations!"
            )
        return f"Recorded: {self.title} is marked as lost. You can change it on the game plan."


NOT_RECORDED = "Okay, not recorded."


def mid_sentence(title: str) -> str:
    """ "The Gates Scholarship" reads "the Gates Scholarship" inside a sentence."""
    return "the" + title[3:] if title.startswith("The ") else title


# how the news is typed in a hurry: "i submited the gates application last night!!"
_TYPOS = (
    (re.compile(r"\bsub+mit+ed\b", re.I), "submitted"),
    (re.compile(r"\bsumbit+ed\b", re.I), "submitted"),
    (re.compile(r"\bsubmitt?ing\b", re.I), "submitting"),
    (re.compile(r"\brej+ec?ted\b", re.I), "rejected"),
    (re.compile(r"\bacc?ep?ted\b", re.I), "accepted"),
)


_PATTERNS: dict[NewsKind, re.Pattern[str]] = {
    "unsent": UNSENT,  # first: "i didnt hit submit" holds "hit submit"
    "lost": LOST,
    "won": WON,
    "submitted": SUBMITTED,
    "drafted": DRAFTED,
    "started": STARTED,
}
# a new clause starts with its subject: "…burger king and i dont even know…"; a list of
# titles ("the Gates, Dell and Coca-Cola") is one clause
_CLAUSE_BREAK = re.compile(
    r"\s*[;:]\s*|\s*(?:,\s*(?:(?:and|but|though|although|while|whereas|so)\s+)?|"
    r"\s+(?:and|but|though|although|while|whereas|so)\s+)(?=(?:i|i'?m|im|we|they|he|she|it|"
    r"it'?s|its)\b)",
    re.I,
)


def _clauses(text: str) -> list[str]:
    return [c for s in SENTENCE.findall(text) for c in _CLAUSE_BREAK.split(s) if c.strip()]


def _news_clause(sentence: str, kind: NewsKind) -> str:
    """The clause the news is told in: "i got rejected from burger king and i dont even know
    if coca cola is gonna come through" is Burger King's news, not Coca-Cola's (an audit's
    coach asked to mark Coca-Cola as lost)."""
    return next((c for c in _clauses(sentence) if _PATTERNS[kind].search(c)), sentence)


def _unhedged(text: str) -> str:
    """The text less its clauses of wishes and doubts ("if coca cola comes through")."""
    return " ".join(c for c in _clauses(text) if not HEDGE.search(c))


def news_kind(text: str) -> tuple[NewsKind, str] | None:
    """The kind of news and the sentence it is in; None when the message carries none. A
    question ("Should I say I submitted…?") or a hedge before the verb is not news."""
    for typo, word in _TYPOS:
        text = typo.sub(word, text)
    scam = scam_offer(text)
    for kind, pattern in _PATTERNS.items():
        if kind == "won" and scam:
            continue  # the scam is answered as one (offline coach: limits_and_news)
        for sentence in SENTENCE.findall(text):
            if sentence.rstrip().endswith("?"):
                # "just submitted sunrise but i put the wrong email on it, can i fix that?"
                head, but, _ = sentence.partition(" but ")
                if not but:
                    continue
                sentence = head
            match = pattern.search(sentence)
            if match is None or (kind != "unsent" and HEDGE.search(sentence[: match.start()])):
                continue
            if kind != "lost" and LOST.search(sentence):
                continue
            if understood(sentence, match.group()):
                continue
            return kind, sentence
    return None


def unscored_news(text: str) -> str | None:
    """Why a round is recorded without a score when it only brings news ("I submitted my
    application for the Lone Star STEM Futures Award!"): a report, not an answer to the
    coach's question. The rubric read it as the question's words repeated (the title is in
    both) and scored the good news 1/10. News with a next step in it is an answer."""
    # "…a $75 processing fee to release it. I'm going to pay it today": meant, so scored
    # (the red flag caps it), not an offer to check (a coach-review audit)
    if scam_offer(text) and len(words(text)) <= 40 and not _PAYING.search(text):
        return SCAM_REASON
    if scam_listing(text) and len(words(text)) <= 40:  # "…a $25 processing fee. Should I pay it?"
        return FEE_REASON
    if not news_alone(text):
        return None
    found = news_kind(text)
    # work begun is progress, scored, unless the offline coach took it as news of a plan item
    # ("i started the essay yesterday" names none: its critique is the coaching)
    begun = found is not None and found[0] in PROGRESS
    if (found is None or begun) and not GOOD.search(text) and not NO_NEWS_YET.search(text):
        return None  # news: "Mr. Okafor said yes to the rec!", "didn't hear back yet"
    return NEWS_REASON


def news_alone(text: str) -> bool:
    """News said on its own, in a few words with no step to come: a report, not an answer."""
    return len(words(text)) <= 20 and not has_next_step(text)


def has_next_step(text: str) -> bool:
    """A step still to come: news with one ("Mr. Okafor agreed… I'll send him the link
    tonight at 7") is also an answer, and scored."""
    return bool(_NEXT_STEP.search(text))


# the answer to a check-in's "have you heard back?" when there is nothing yet
NO_NEWS_YET = re.compile(
    r"\b(didn'?t|did\s+not|haven'?t|have\s+not|not)\s+(heard|hear)\s+back\b|"
    r"\bstill\s+waiting\b|\bno\s+(news|word|answer|response|reply)\s+yet\b|\bheard\s+nothing\b",
    re.I,
)


NEWS_REASON = "news about an application, not an answer"
NEWS_ONLY_REASON = "news, not an answer"  # a deal lost, a design approved
SCAM_REASON = "an offer to check, not an answer"
FEE_REASON = "a fee to ask about, not an answer"


# A step still to come. Not feelings.has_plan: its "today" and digits are news here
# ("I submitted my application today!", "I won $2,000!").
_NEXT_STEP = re.compile(
    r"\b(i'?ll|i\s+will|i'?m\s+going\s+to|gonna|i\s+plan|i\s+need\s+to|i\s+have\s+to|"
    r"i\s+should|next|tomorrow|tonight|this\s+week(end)?|by\s+(mon|tues|wednes|thurs|fri|satur|"
    r"sun)day)\b",
    re.I,
)


def read_news(
    text: str,
    candidates: Iterable[Candidate],
    catalog: Callable[[], Iterable[str]] = tuple,
    recent: Sequence[str] = (),
    question: str = "",
) -> News | str | None:
    """News about exactly one of the student's applications that its status can still take;
    or, when the message carries news that cannot be recorded, the note that says why (the
    application already has that status or a later one, it is not on the plan, or it is
    unclear which one is meant), so the coach's congratulations never read as a promise to
    record it; None for no news. `catalog` gives every scholarship's title, read only when
    no tracked application is named; `question`, the coach's message it answers ("I submitted
    it" means the one asked about)."""
    found = news_kind(text)
    if found is None:
        return None
    kind, sentence = found
    tracked = list(candidates)
    if kind == "unsent":
        return _unsent(sentence, text, tracked, recent)
    eligible = [c for c in tracked if (c.state if kind in PROGRESS else c.status) in FROM[kind]]
    here = match_title(_news_clause(sentence, kind), tracked)
    if here is None and not match_title(text, tracked):  # "I submitted it": the one asked about
        here = meant_by_it(sentence, question, tracked)
    match = (
        (here if here in eligible else None)
        if here is not None
        else match_title(_unhedged(sentence), eligible) or match_title(_unhedged(text), eligible)
    )
    if match is not None:
        return News(kind=kind, application_id=match.application_id, title=match.title)
    other = (
        here or match_title(_unhedged(sentence), tracked) or match_title(_unhedged(text), tracked)
    )
    if other is not None and kind in PROGRESS:  # progress on one further on already
        return None
    if other is not None:
        status = _KIND_OF.get(other.status, other.status)
        return f"{other.title} is already marked {status}: there was nothing new to record."
    elsewhere = [Candidate(UUID(int=n), title, "") for n, title in enumerate(catalog())]
    if (named := match_title(sentence, elsewhere) or match_title(text, elsewhere)) is not None:
        return (
            f"{named.title} isn't on your game plan, so nothing was recorded. To keep count of "
            "it, track it in Discovery, then mark it on the Game plan page."
        )
    if kind in PROGRESS:  # "i started the essay": no "which one?" for progress talk
        return None
    waiting = [c for c in eligible if c.status == "submitted"]
    if (
        kind in ("won", "lost")
        and len(waiting) == 1
        and not names_one(text)
        and not MANY.search(text)
        and match_title(text, waiting) is None  # named only in a doubt: "if coca cola…"
    ):
        # "i won!" with one application sent and waiting on its result: that one (an audit
        # got "I couldn't tell which" while its check-in was asking about it)
        return News(kind=kind, application_id=waiting[0].application_id, title=waiting[0].title)
    return (
        "I couldn't tell which of your tracked applications you meant, so nothing was recorded: "
        "mark it on the Game plan page (or track it in Discovery first)."
    )


def _unsent(
    sentence: str, text: str, tracked: list[Candidate], recent: Sequence[str]
) -> News | None:
    """The submission taken back: the one named if it is recorded as sent, else the last one
    recorded as sent in this chat (`recent`, oldest first); nothing to ask otherwise."""
    named = match_title(sentence, tracked) or match_title(text, tracked)
    sent = {c.title: c for c in tracked if c.status in FROM["unsent"]}
    if named is None:
        named = next((sent[t] for t in reversed(recent) if t in sent), None)
    if named is None or named.title not in sent:
        return None
    return News(kind="unsent", application_id=named.application_id, title=named.title)


def detect_news(text: str, candidates: Iterable[Candidate]) -> News | None:
    """The news to propose, if any ("I submitted" an application already submitted is not
    news to record)."""
    read = read_news(text, candidates)
    return read if isinstance(read, News) else None
