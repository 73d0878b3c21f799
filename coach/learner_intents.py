"""What a learner's message is doing, read without a model: asking a question, asking the
coach to do the work, insulting, changing the subject, bringing news (a setback, a win, a
submission), asking to practise or to stop. The offline coach (coach/offline_coach/)
decides its move from these; they hold no persona content (that is in the packs)."""

from __future__ import annotations

import re

TODAY = re.compile(
    r"\b(today|next step|what should i do|where (do i|should i|to) (start|begin)|now what|"
    r"what now|what'?s next|what do i do( now| next)?)\b",
    re.I,
)
QUESTION = re.compile(
    r"\?|^\s*(how|what|what's|which|why|when|where|who|should|can|could|would|is|are|do|"
    r"does|any|now)\b|\b(tips?|advice|tell me|explain|help me|"
    r"don'?t know where to (start|begin))\b",
    re.I,
)
GHOSTWRITE = re.compile(
    r"\b(write|draft|compose|do|finish|fill (in|out)|complete|make)\b[^.?!]{0,40}?"
    r"\b(essays?|cover letter|applications?|personal statement|statement|proposal|assignment|"
    r"homework|design doc|adr|emails?|answers?)\b",
    re.I,
)
DELEGATE = re.compile(
    r"\bfor me\b|\b(can|could|would|will) you\b|^\s*(please\s+)?(just\s+)?(write|draft|do)\b"
    r"|\bjust (write|do)\b",
    re.I,
)
COACH_ME = re.compile(r"\bhelp me\b|\bhow (do|should|can) i\b", re.I)
IDENTITY = re.compile(
    r"\b(are you|r u|is this)\b[^.?!]{0,20}\b(an? ai|ai|a bot|bot|robot|human|real person|"
    r"chatgpt|gpt|language model|llm|a person)\b",
    re.I,
)
INSULT = re.compile(
    r"\b(you|you're|you are|this|coach|bot)\b[^.?!]{0,25}\b(stupid|useless|idiot|dumb|moron|"
    r"pathetic|worthless|garbage|trash|crap|suck|terrible|awful|waste of (my )?time)\b"
    r"|\bshut up\b|\bstfu\b|\bhate you\b",
    re.I,
)
SILLY_QUESTION = re.compile(r"\b(stupid|dumb|silly) question", re.I)
OFF_TOPIC = re.compile(
    r"\b(weather|recipe|football|soccer|basketball|baseball|nba|nfl|movies?|netflix|song|"
    r"lyrics|joke|horoscope|bitcoin|crypto|lottery|video games?|pizza|capital of|who won the|"
    r"celebrit\w*)\b",
    re.I,
)
# "my Cal Grant essay file", "the contract draft": a thing that belongs to the prize, not it
_PRIZE = (
    r"(deal|account|client|customer|bid|contract|job|offer|role|scholarship|award|grant)\b"
    r"(?!\s+(essays?|files?|drafts?|applications?|forms?|letters?|logins?|passwords?|paperwork|"
    r"notes?|documents?|emails?|links?|info|information|details|portal|money|check|cheque|"
    r"transcripts?|recommendations?|list|number|data))"
)
SETBACK = re.compile(
    r"\b(i|we)\s+(was|were|got|have been|'ve been|just got|just been)\s+(rejected|turned down|"
    r"declined|denied|passed over)\b|\brejected (me|us|my|our)\b|\bgot a (rejection|no)\b|"
    rf"\b(i|we)\s+(just\s+)?(lost|didn't win|did not win|didn't get|did not get)\s+(it\b|"
    rf"(the|that|this|my|our)\s+(\w+\s+)?{_PRIZE})|\bnot selected\b|\bdidn't make it\b|"
    r"\b(design|proposal|pr|adr)\b[^.?!]{0,15}\b(was|got)\s+(rejected|shot down|turned down)"
    r"\b|\bescalated to my manager\b",
    re.I,
)
WIN = re.compile(
    r"\b(i|we)\s+(just\s+)?(won(?!['’]t)|got it(?=\s*([.!]|$))|got the (job|offer|role|scholarship|"
    r"award|grant|deal)|closed (it|the deal)|landed (it|the deal|the job))\b|\bwon the (deal|"
    r"scholarship|award|grant|account)\b|\b(i was|i've been|i have been|i got|we got)\s+"
    r"(awarded|selected|hired)\b|\bthey (just )?said yes\b|\bthey (just |finally )?signed"
    r"( it| the (contract|deal|order|po|agreement))?(?=\s*([.!,]|$|today\b|this (morning|"
    r"afternoon|week)\b|yesterday\b))|\b(design|proposal|adr)\b"
    r"[^.?!]{0,15}\b(was|got)\s+approved\b|\bcustomer thanked me\b",
    re.I,
)
DONE = re.compile(
    r"\b(i|we)\s+(just\s+|finally\s+)?(submitted|sent (it|in|off|the proposal)|handed (it\s+)?in|"
    r"turned (it\s+)?in|shipped|merged)\b",
    re.I,
)
WRAP = re.compile(
    r"\b(wrap(\s|-)?(it\s+)?up|summari[sz]e|let'?s stop|end (the|this) session|that'?s all for "
    r"(now|today)|i'?m done for (now|today)|goodbye|bye)\b",
    re.I,
)
PRACTICE = re.compile(
    r"\b(role[\s-]?play|practi[cs]e|let'?s try (it|one)|scenario|give me (a|another) "
    r"(problem|case|challenge|scenario)|test me|quiz me|harder|tougher|challenge me|"
    r"another one)\b",
    re.I,
)
HARDER = re.compile(r"\b(harder|tougher|challenge me|another one|advanced)\b", re.I)
STOP_SCENE = re.compile(
    r"\b(stop|end|pause|exit|step out of|out of|quit)\s+(the\s+|this\s+)?(role[\s-]?play|"
    r"scenario|exercise)\b|\bbreak character\b",
    re.I,
)
YES = re.compile(r"^\s*(yes|yeah|yep|sure|ok(ay)?|let'?s (do it|go)|go ahead|bring it on)\b", re.I)
HINT = re.compile(
    r"\b(hint|what should i say|how (should|do|would) i (answer|respond|reply)|i don'?t know "
    r"what to say|help me answer)\b",
    re.I,
)
META = re.compile(
    r"^\s*(how (do|should|can|would) i|what (should|do|would) i|any tips|can you|could you|"
    r"should i|coach,)\b",
    re.I,
)
CONCRETE = re.compile(r"\d|\$|%")
