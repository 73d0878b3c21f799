"""A learner who has already sent money or bank details to a likely scholarship scam: the
damage can still be limited today, so every coach answers the same way, in fixed words in
either mode (as a crisis is answered), the round is kept without a score, and Review and a
coach's Home name it first. A coach-review audit: "I already sent them the $75 with my debit
card last night, is that bad?" got "do not pay" and a question about the plan, was recorded as
a question, and nothing told the coach. A student who says they are about to pay is scored
(the red flag caps it); this is for what has already gone out."""

from __future__ import annotations

import re

from coach.news import SCAM_SIGNS, scam_offer

SCAM_SENT_REASON = "money or details sent to a likely scam, not an answer"
SCAM_SENT_REPLY = (
    "That sounds like a scam, and it's not your fault: these are built to look real. You can "
    "still limit the damage today. Call your bank or card company now (the number is on the "
    "back of the card), say you paid a scam, and ask them to dispute the charge and block the "
    "card or account. Don't send anything more and don't reply to them, even if they say "
    "there is one last fee. Keep the emails or texts, report it at reportfraud.ftc.gov, and "
    "tell someone you trust today (a parent, a partner or your school counselor). If you gave "
    "them your Social Security number, also freeze your credit with Equifax, Experian and "
    "TransUnion (free). Once that's done, we'll get back to the real scholarships on your "
    "plan: real ones never charge."
)

_MONEY = (
    r"\$\s?\d|\d+\s*(dollars|bucks)\b|\bfees?\b|\bmoney\b|\bpayment\b|\bgift\s*cards?\b|"
    r"\bbitcoin\b|\bcrypto\b|\bmoney\s+orders?\b|\bcash\b"
)
_DETAILS = (
    r"\b(bank\s+(details|info\w*|account|login|password|statement)|routing(\s+number)?|"
    r"account\s+(number|details|info\w*)|(debit|credit|bank)\s+card|card\s+(number|details|"
    r"info\w*)|ssn|social(\s+security)?(\s+number)?|social-security|pin|password|login)\b"
)
# "i already sent them the $75", "we paid it", "my mom gave them her card number"
_SENT = re.compile(
    r"\b(i|we|my\s+(mom|dad|mother|father|parents?|mum))\s+"
    r"((already|just|actually|literally|kinda|kind\s+of|accidentally|stupidly|also)\s+)*"
    r"(paid|sent|gave|wired|transferred|venmo'?d|zelled|mailed|bought|entered|typed|shared|"
    r"emailed|texted|uploaded|put\s+in|filled\s+in|handed\s+over)\b",
    re.I,
)
# paid with a pronoun, where the scam is named or was just called one: "i already paid it"
# ("sent it in" is an application; "sent them an email" a message)
_PAID_IT = re.compile(
    r"^\s*(them\s+)?(it|that|them|the\s+(fee|money))\b(?!\s+(in|off|an?|the|my|some|back)\b)",
    re.I,
)
_PAY_VERB = re.compile(r"(paid|sent|wired|transferred|venmo'?d|zelled|mailed)$", re.I)
_IF = re.compile(r"\b(what\s+if|if|suppose|in\s+case|unless|before|instead\s+of)\b[^,.!?]*$", re.I)
_LEGIT = re.compile(
    r"\b(fafsa|studentaid|css\s+profile|financial\s+aid\s+office|bursar|direct\s+deposit\s+form|"
    r"application\s+fee|fee\s+waiver|enrollment\s+deposit|housing\s+deposit|tuition)\b",
    re.I,
)


def sent_to_scam(text: str, *, after_warning: bool = False) -> bool:
    """Whether the learner says money or bank details already went out to a likely scam: in
    the same message as the offer's signs (a fee to release an award), or right after the
    coach called it one (`after_warning`). Asked or supposed ("what if I already paid?") is
    not said; a FAFSA or an application fee is not a scam."""
    if _LEGIT.search(text):
        return False
    if not (after_warning or scam_offer(text) or SCAM_SIGNS.search(text)):
        return False
    for m in _SENT.finditer(text):
        clause_before = re.split(r"[.!?;]", text[: m.start()])[-1]
        if _IF.search(clause_before):
            continue
        after = re.split(r"[.!?;]", text[m.end() :])[0][:70]
        if re.search(_MONEY, after, re.I) or re.search(_DETAILS, after, re.I):
            return True
        if _PAY_VERB.search(m.group(0)) and _PAID_IT.match(after):
            return True
    return False


def warned_of_scam(coach_text: str) -> bool:
    """Whether the coach's last message called something a scam: what makes "i already paid
    it" a payment to one."""
    return bool(re.search(r"\bscam", coach_text, re.I))


# the next message, after that reply: a step taken or a question about it, not an answer
SCAM_STEP_REASON = "a step after a scam, not an answer"
SCAM_STEP_REPLY = (
    "Good: that's the step that matters most. Watch that account for the next few weeks, and "
    "if they write again, don't answer."
)
SCAM_QUESTION_REPLY = (
    "Your bank or card company is the one who can say: a payment reported quickly can often be "
    "disputed, and sometimes refunded. Call them today if you haven't yet, and never pay anyone "
    "who offers to get the money back for a fee: that is a second scam."
)


def scam_follow_up(text: str, coach_text: str) -> str | None:
    """The coach's answer to a short message after the scam reply ("ok i called the bank",
    "will i get my money back?"), or None when it is something else: a question about the
    money stays with the bank's answer; anything else goes back to coaching."""
    if len(text.split()) > 25:
        return None
    if coach_text.startswith(SCAM_SENT_REPLY[:60]):
        return SCAM_QUESTION_REPLY if "?" in text else SCAM_STEP_REPLY
    if coach_text.startswith((SCAM_STEP_REPLY[:40], SCAM_QUESTION_REPLY[:40])) and (
        "?" in text and _ABOUT_THE_MONEY.search(text)
    ):
        return SCAM_QUESTION_REPLY
    return None


_ABOUT_THE_MONEY = re.compile(
    r"\b(money|back|refund\w*|bank|card|charge|dispute|scam\w*|report\w*|police|\$)", re.I
)


def scam_reason(text: str, coach_text: str) -> str | None:
    """Why the round is kept without a score, when it is about money sent to a scam: the
    message itself, or the short one after the coach's reply to it. `coach_text`: the coach's
    message the learner was answering."""
    if sent_to_scam(text, after_warning=warned_of_scam(coach_text)):
        return SCAM_SENT_REASON
    return SCAM_STEP_REASON if scam_follow_up(text, coach_text) is not None else None
