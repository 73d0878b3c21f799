"""What the offline coach reads in a learner message before it picks its move: whom they
face or sell to, whom they cast, the running scene, whether the words are an answer at all,
the steps they cover. Reading it updates the session's memory (the counterpart, the buyer,
the plan item in focus); the moves only decide what to say.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from coach.counterparts import (
    above_you,
    buyer,
    buyer_name,
    cast_name,
    cast_role,
    corrected,
    counterpart,
)
from coach.learner_intents import ASKING, SHORT, YES_NO, unscored_reason
from coach.news_titles import Candidate, match_title
from coach.offline_coach.scenario import covered_now, note_ahead, note_fits, offered_scene, scene_of
from coach.offline_coach.turn import Turn
from coach.packs import ChecklistItem, Situation
from coach.practice_requests import DESCRIBED_SYSTEM, DONT_HAVE, OWN_WORK, WANTS_PRACTICE
from coach.questions import is_question as asks_coach_question
from coach.short_answers import stepping_away
from coach.yes_no import asks_yes_or_no

# picking the plan item to work on: "Let's do Community Leaders Grant.", "community leaders
# pls", "I want to focus on the Future Teachers essay today"
_PICKS = re.compile(
    r"\b(let'?s\s+(do|work\s+on|start\s+with|focus\s+on|tackle)|(want|wanna|would\s+like|'d\s+like)"
    r"\s+to\s+(do|work\s+on|focus\s+on|start\s+with)|(can|could)\s+we\s+(start|do|work)|"
    r"focus\s+on|start\s+with|pls|please|rn|right\s+now)\b",
    re.I,
)


@dataclass
class Message:
    """The facts of one learner message the moves decide on."""

    situation: Situation | None  # the running role-play or probe
    in_role_play: bool
    reason: str | None  # why it is not an answer to score, if it is not one
    asking: bool  # a question to the coach
    away: bool  # stepping away for a moment ("brb")
    is_question: bool
    picks: bool  # picking the plan item to work on
    role: str | None  # the part the learner casts the coach in
    cast_by_name: tuple[str, str | None] | None
    named_focus: bool  # a plan item named by its title
    newly: list[ChecklistItem] = field(default_factory=list)  # steps these words cover
    brought_system: bool = False  # design: these words first told the system to work on
    brought_deal: bool = False  # sales: these words first told whom the learner sells to
    named_off_plan: bool = False  # an application of their own, not on the plan, named


# what the learner sells, said in the first person: "i work part time selling gym memberships"
SELLS = re.compile(
    r"\b(i|i'?m|im|i\s+am|we|we'?re|we\s+are)\b[^.!?]{0,30}?\b(sell|selling|pitch|pitching)\s+"
    r"(?!(it|them|this|that|him|her|me|you|to)\b)\w",
    re.I,
)


# "im applying to the gates scholarship", "working on the rotary award": one of their own
_NAMES_AN_APPLICATION = re.compile(
    r"\b(?:applying|apply|applied|working|starting|doing|writing)\s+(?:to|for|on)\s+"
    r"(?:the\s+|my\s+)?((?:[\w'&.-]+\s+){1,4}?)(scholarship|grant|award|fund|fellowship|prize)\b"
    r"(?!s)",
    re.I,
)
_NOT_A_NAME = frozenset(
    """a an the this that my some any more local big small national other these those few
    many one two three another essay application""".split()
)


_ROLE_AT = re.compile(r"^the\s+[\w -]{2,40}?\s+at\s+")


def off_plan_application(text: str) -> str | None:
    """The application a student names by its name ("the gates scholarship"), when it is
    not one on their plan: the coach works on it instead of asking about the plan's first."""
    found = _NAMES_AN_APPLICATION.search(text)
    if found is None:
        return None
    name = [w for w in found.group(1).split() if w.lower() not in _NOT_A_NAME]
    if not name:
        return None
    return "the " + " ".join(w[:1].upper() + w[1:] for w in name) + " " + found.group(2).lower()


def read_message(turn: Turn) -> Message:
    """The message read once, the memory updated with what it tells."""
    pack, m, text, harm = turn.pack, turn.memory, turn.text, turn.harm
    plan, plan_aware = turn.plan, turn.plan_aware
    # whom the learner faces is read from their story; once it is told, "my team lead, Omar"
    # is someone who helps, not the one the role-play is with
    told = any(i.story and i.id in m.covered for i in pack.checklist)
    if (fixed := corrected(text)) is not None and fixed[0] != m.counterpart:
        # "she's not a customer, she's my roommate": an audit's coach went on about "the work
        # customer" after it (and a re-audit's, whose coach had only its own "the customer")
        m.counterpart, m.peer = fixed
        m.authority = above_you(m.counterpart)
        turn.parts.append(f"Sorry, I had that wrong: {m.counterpart}, then.")
    elif m.counterpart is None and not told and (who := counterpart(text)) is not None:
        m.counterpart, m.peer = who
        m.authority = above_you(m.counterpart)
    note_fits(pack, m, text)
    note_ahead(m, text)
    named_focus = named_off_plan = False
    if plan_aware and plan is not None and plan.top3:  # "the Future Teachers Fund essay"
        top = [Candidate(i.application_id, i.title, "draft") for i in plan.top3]
        named = match_title(text, top)
        # "which one first, hometown or cal grant?" asks the plan's order, picks neither
        if (
            re.search(r"\bor\b", text, re.I)
            and sum(match_title(text, [c]) is not None for c in top) > 1
        ):
            named = None
        if named is not None:
            m.focus, m.off_plan = named.title, None
            named_focus = True
        elif (
            (own := off_plan_application(text)) is not None
            and own != m.off_plan
            and match_title(
                text, [Candidate(c.application_id, c.title, "submitted") for c in plan.check_ins]
            )
            is None
        ):
            m.focus, m.off_plan = None, own
            named_off_plan = True
    brought_deal = False
    if m.buyer is None and (sold_to := buyer(text)) is not None:
        m.buyer, brought_deal = sold_to, True
    elif pack.plays_prospect and not m.covered and not m.sells and SELLS.search(text):
        brought_deal = True  # "i work part time selling gym memberships": to people, no firm
    m.sells = m.sells or brought_deal
    if m.buyer_name is None and (name := buyer_name(text)) is not None:
        m.buyer_name = name
    cast_by_name = cast_name(text)
    if (role := cast_role(text)) is not None:  # "you be the dealership marketing manager"
        if role.startswith("your "):
            m.counterpart, m.authority = role, above_you(role)
            m.peer = role.rsplit(" ", 1)[-1] not in ("customer", "client")
        else:  # asked for by name, it beats the buyer read from the situation
            m.buyer = role
    elif cast_by_name is not None:  # "can u play linda and push back on price"
        m.buyer_name, cast = cast_by_name
        if cast is not None:
            m.buyer = cast
        elif m.buyer is not None and (at := _ROLE_AT.match(m.buyer)):
            # "the office manager at the dental office" was someone else of the story: Dr.
            # Patel, cast with no role, is from the dental office, not its office manager
            m.buyer = "from " + m.buyer[at.end() :]
        role = cast or cast_by_name[0]
    situation = scene_of(pack, m)
    in_role_play = situation is not None and situation.role is not None
    # read once: a question to the coach covers no step ("what do you mean by stage?" has
    # not said the deal's stage), and thanks or "what do you mean?" get their own move
    reason = unscored_reason(
        text,
        in_role_play=in_role_play,
        after_incident=bool(m.incident),
        after_offer=offered_scene(m, ever=True) or (m.offered and m.scene is None),
        after_yes_no=asks_yes_or_no(turn.question),
    )
    asking = reason == ASKING
    # a question covers no step: "what do you mean by stage?" has not named the stage
    away = stepping_away(text)
    # "my roommate never cleans and i want to practice talking to her" asks, and tells
    telling = asking and bool(WANTS_PRACTICE.search(text))
    newly = (
        covered_now(turn, story_only=asking)
        if text and harm is None and (not asking or telling) and not away
        else []
    )
    turn.newly = newly
    is_question = asks_coach_question(text)
    # "thanks!", "how am I doing?": the question still open; "nope" passes on it
    if m.asked and ((reason not in (None, SHORT, YES_NO)) or away or (is_question and not newly)):
        turn.set_aside = m.asked[-1]
    picks = named_focus and bool(_PICKS.search(text)) and not newly
    brought_system = False
    if (
        pack.scenario_kind == "design"
        and m.scene is None
        and (newly or OWN_WORK.search(text) or DESCRIBED_SYSTEM.search(text))
        and not DONT_HAVE.search(text)
    ):
        brought_system = not m.own_system
        m.own_system = True
    return Message(
        situation=situation,
        in_role_play=in_role_play,
        reason=reason,
        asking=asking,
        away=away,
        is_question=is_question,
        picks=picks,
        role=role,
        cast_by_name=cast_by_name,
        named_focus=named_focus,
        newly=newly,
        brought_system=brought_system,
        brought_deal=brought_deal,
        named_off_plan=named_off_plan,
    )
