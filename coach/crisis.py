"""A learner who says they may harm themselves: the one message every coach answers the same
way, with where to get help now, before any coaching and without a score. An audit found
"i want to kill myself" critiqued for the date it lacked ("What's missing: the date") and
scored. Broad on purpose: a false alarm costs a kind word; a miss costs far more. The reply
is fixed text, in either mode, so no model can get it wrong (graph/coaching.py)."""

from __future__ import annotations

import re

_SELF = r"(myself|my\s+self)"  # "this deadline is killing me" is an idiom
_CRISIS = re.compile(
    r"\b(kill(ing)?\s+" + _SELF + r"|end(ing)?\s+(my\s+life|it\s+all)\b|"
    r"take\s+my\s+(own\s+)?life|suicid\w*|"
    r"(i|i'?m|im|i\s+am)\s+((just|really|honestly)\s+)?(want|wanna|going|gonna)\s+(to\s+)?"
    r"(die|be\s+dead|disappear\s+forever)|"
    r"wish\s+i\s+(was|were|could\s+be)\s+dead|wish\s+i\s+(could\s+)?die|"
    r"(don'?t|dont|do\s+not)\s+want\s+to\s+(be\s+alive|live|exist|wake\s+up)|"
    # "i don't want to be here anymore" (a robustness audit: answered with sales encouragement)
    r"(don'?t|dont|do\s+not)\s+want\s+to\s+(be\s+(here|around)|go\s+on)\s+(any\s?more|now)\b|"
    r"(sleep|go\s+to\s+sleep)\s+and\s+(never|not)\s+wake\s+up|want\s+(it\s+all|everything)\s+to\s+end|"
    r"(everyone|everybody|they)(\s+would|'?d)\s+be\s+better\s+off\s+without\s+me|"
    r"(hurt(ing)?|harm(ing)?|cut(ting)?)\s+" + _SELF + r"|self[\s-]?harm\w*|"
    r"better\s+off\s+(dead|without\s+me)|no\s+(reason|point)\s+(to|in)\s+(live|living|go\s+on)|"
    r"can'?t\s+go\s+on\s+(living|anymore|any\s+more)|not\s+worth\s+living)",
    re.I,
)

CRISIS_REASON = "a message about your safety, not an answer"
CRISIS_REPLY = (
    "I'm really sorry you're feeling this way, and I'm glad you said it. I'm a practice coach, "
    "not the right help for this, but you don't have to go through it alone. If you might act "
    "on these thoughts or you're in danger, call 911 now. You can call or text 988, the "
    "Suicide & Crisis Lifeline (free, any time), or text HOME to 741741, and talk to a trained "
    "counselor right away. If you can, tell someone you trust today, a friend, someone in your "
    "family or a school counselor, what you told me. Everything else here can wait."
)


def in_crisis(text: str) -> bool:
    """Whether the learner says they may harm themselves, in the words people use for it."""
    return _CRISIS.search(text) is not None
