"""What a learner's message is doing, read without a model: asking the coach to do the
work, insulting, changing the subject, a feeling, thanks, and whether it is an answer to
score at all. News (a setback, a win, a submission) is in coach/news_words.py, moves about
the session (wrap up, stop the role-play, "how did I do?") in coach/session_moves.py, whether
it asks a question in coach/questions.py, and whether it asks to practise (or brings a system
of its own) in coach/practice_requests.py.
The offline coach (coach/offline_coach/) decides its move from these; they hold no persona
content (that is in the packs)."""

from __future__ import annotations

import re

from coach.answer_fit import AS_A_BUSINESS, WORK_PLACE
from coach.counterparts import CAST, cast_name, corrected
from coach.crisis import CRISIS_REASON, in_crisis
from coach.feelings import LEAD, distressed, feeling, has_plan
from coach.ghostwriting import wants_it_written
from coach.incident import incident_handled, incident_kind
from coach.plan_facts import asks_plan_fact
from coach.practice_requests import WANTS_PRACTICE, asks_to_practise
from coach.question_forms import (
    ASKS_LAST,
    DONT_KNOW_YET,
    I_WILL,
    IS_THAT_BAD,
    LOST_ON,
    TACKED_ON,
    TOPIC_LEAD,
    asks_about_the_plan,
)
from coach.questions import PLAN_QUESTION, SEARCH_ASK, TODAY, is_question
from coach.session_moves import (
    CAN_I,
    HOW_DID_I_DO,
    NEXT_ONE,
    REPLAY,
    STOP_SCENE,
    SWITCH_ROLES,
    TO_COACH,
    WHAT_MEANT,
)
from coach.yes_no import yes_or_no

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
# "I already told you", "you just asked that": the learner has answered the step
ALREADY_SAID = re.compile(
    # said to the coach, not a report of what was said to someone: "i just said ok and went
    # quiet" is what happened
    r"\b(i|i've|i\s+have)\s+(already|just)\s+(told\s+you|said\s+(that|it|this|so)\b(?!\s+to\b)|"
    r"answered|explained(\s+(that|it|this))?|gave\s+(you\s+)?(that|it|this|an?\s+answer)|"
    r"named\s+(it|that|this|one|them)|"
    r"covered\s+(that|it|this)|mentioned\s+(that|it|this))\b|\byou\s+(already|just)\s+asked\b|\b(stop|quit)\s+asking\b|"
    r"\bdid\s+you\s+(even\s+)?read\b|\bthat'?s\s+not\s+what\s+i\s+asked\b|\bas\s+i\s+(said|mentioned)\b"
    r"(?=[\s.!?,]*$)|^\s*(?:(?:yes|yeah|yep|ok|okay|i\s+mean)[\s,]+)?i\s+know\s+"
    r"(the|my|them|it)\b[^.!?]{0,20}[.!]?\s*$",
    re.I,
)
ALREADY = "a remark to the coach, not an answer"
CORRECTED = "a correction to the coach, not an answer"
# "you didn't answer my question": the coach owes an answer, not a critique
UNANSWERED = re.compile(
    r"\byou\s+(didn'?t|did\s+not|never|still\s+(haven'?t|didn'?t))\s+(really\s+)?"
    r"(answer(ed)?|respond(ed)?\s+to)\s+(my|the|that|any\s+of\s+my)\b"
    r"|\b(that|this)\s+(doesn'?t|didn'?t|does\s+not)\s+answer\s+(my|the)\s+question",
    re.I,
)
SILLY_QUESTION = re.compile(r"\b(stupid|dumb|silly) question", re.I)
# someone else's words reported: "He told me this company is terrible", "she yelled 'useless'"
_REPORTED = re.compile(
    r"\b(?!(?:you|i|we)\b)[a-z]+\s+(?:just\s+|then\s+)?(?:said|says|told\s+(?:me|us|her|him)|"
    r"yelled|shouted|screamed|wrote|emailed|texted|thinks|called|complained|snapped|kept\s+"
    r"saying|saying)\b|[\"“‘]|(^|[\s:(])'",
    re.I,
)


def insults_the_coach(text: str) -> bool:
    """An insult aimed at the coach or the session, not one the learner reports: "when he
    said 'you people are useless' I got defensive" is the learner's story."""
    for m in INSULT.finditer(text):
        a = max(text.rfind(c, 0, m.start()) for c in ".!?\n") + 1
        if not _REPORTED.search(text, a, m.start()):
            return True
    return False


OFF_TOPIC = re.compile(
    r"\b(weather|recipe|football|soccer|basketball|baseball|nba|nfl|movies?|netflix|song|"
    rf"lyrics|joke|horoscope|bitcoin|crypto|lottery|video games?|{WORK_PLACE}pizza{AS_A_BUSINESS}|"
    r"capital of|who won the|"
    r"celebrit\w*|tv show|anime|tiktok|instagram|(the|that|last night'?s) game(?!\s+plan))\b",
    re.I,
)
# stepping away for a moment: "ugh my laptop is at 3% battery brb", "one sec"
AWAY = re.compile(
    r"\b(brb|be right back|one sec|1 sec|give me a (sec|second|min|minute)|hold on|afk)\b",
    re.I,
)
# a remark made on the side: "lol my roommate just burned popcorn", "btw did u see…"
ASIDE = re.compile(r"^\s*(lol|lmao|lmfao|haha+|hehe+|omg|ugh|btw|random but|unrelated but)\b", re.I)
# the other side's words, reported to the coach to answer: "she says: i didn't mean anything
# by it", "he'll probably say we have no budget". A past "she said that I…" is the story.
THEIR_LINE = re.compile(
    r"^\s*(?:(?:and|then|so|but|ok|okay)[\s,]+)*"
    r"(?P<who>she|he|they|(?:my|the|his|her|their|our)\s+[a-z-]+)\s*"
    r"(?:(?:says|goes|replies|answers|said|replied|answered|asks|asked)\s*(?::|[\"“'‘])"
    r"|(?:'ll|’ll|will|'d|’d|would|might|could|may)\s+(?:probably\s+|just\s+)?"
    r"(?:say|reply|answer|go|ask)\b[\s:,]*(?:[\"“'‘]|that\s+)?)"
    r"\s*(?P<line>\S.*)$",
    re.I | re.S,
)


# a number, not a digit inside a name ("S3", "k8s", "2FA", "HTTP/2", "UTF-8") or a meeting
# ("our 1:1", "a 1-on-1")
CONCRETE = re.compile(
    r"(?<![\w/.:-])(?<!\bon\s)(?!1\s*(?::|-?on-?)\s*1\b)\d[\d,.]*(?::\d\d)?"
    r"(?:%|k|m|h|ms|s|x|gb|mb|tb|am|pm)?(?![A-Za-z])|\$\d",
    re.I,
)
# A message that is not an answer to be scored: a question to the coach, thanks, a greeting,
# a request to practise or to wrap up. Scoring "What should I do first?" 1/10 punished the
# asking the coach is there for, and sank the report's averages.
_HELP = re.compile(
    LEAD + r"("
    r"(what|how|where|when|which|who|whom)\s+(should|do|can|could|would|shall|must)\s+(i|my)\b"
    # as a learner new to English asks it: "what i must write for the essay?"
    r"|(what|how|where|which)\s+i\s+(must|should|need\s+to|have\s+to)\b(?=[^.!]*\?)"
    r"|(should|do|shall|must)\s+i\b|am\s+i\s+supposed\s+to\b|" + CAN_I + r""
    # the coach's own pick: "what would u pick for the payments part tho"
    r"|(what|which)(\s+one)?\s+(would|do|should)\s+(you|u)\s+(pick|choose|recommend|suggest|"
    r"go\s+with)\b"
    r"|what('s|\s+is|\s+are)\s+(the\s+)?(next|first|best|right|most important)\b"
    r"|(what'?s?|wats)\s+(is\s+)?the\s+(difference|diff[ea]?rence|diff)\s+(between|b\/?w)\b"
    r"|(what\s+(now|next)|now\s+what|what'?s\s+next)\b"
    r"|what('?s|\s+is)\s+(the|our|your)\s+(tech\s+)?stack\b"  # the coach cannot know it
    # a debrief asked for: "what went wrong on the call?", "what did i do wrong?"
    r"|(what|where)\s+(went\s+wrong|did\s+i\s+(do|go)\s+wrong)\b"
    r"|what\s+(should|could)\s+i\s+have\s+(said|done)\b"
    r"|what\s+does\s+[^?.!]{1,40}\s+mean\b"
    r"|(can|could|would|will)\s+you\s+(please\s+)?(give\s+me|help\s+me|suggest|recommend|"
    r"teach\s+me|remind\s+me|repeat|rephrase)\b"
    r"|(any|some)\s+(tips|advice|ideas|suggestions|pointers)\b"
    r"|(give|show)\s+me\s+(an?\s+)?(example|hint|tip|idea|sample)"
    r"|(i\s+(don'?t|do\s+not)\s+(know|understand|get)|idk|dunno|no\s+idea|not\s+sure)\s+"
    r"(what|how|where|why|which|the\s+question|it|that)\b"
    r"|(is|was)\s+(it|that|this)\s+(ok(ay)?|normal|fine|allowed)\b"
    r"|where\s+(do|should|can)\s+i\s+(start|begin|find)"
    r"|(hint|help)\b"
    r")",
    re.I,
)
# "What do you mean by stage?", "like features?", "can you give me an example?": the learner
# asks what the coach's last question meant; the answer is the step's meaning, not a critique.
CLARIFY = re.compile(
    LEAD + r"(what\s+do\s+(you|u|ya)\s+mean|wdym|(i'?m\s+)?not\s+sure\s+what\s+(you|u)\s+mean|"
    r"what\s+does\s+[^?.!]{1,40}\s+mean|"
    # as a learner new to English asks it: "sorry what mean economic buyer?"
    r"what\s+(mean|means)\s+\W*\w|what\s+(is\s+)?(the\s+)?meaning\s+of\b|"
    r"(can|could|would)\s+(you|u)\s+(please\s+)?(give|show)"
    r"(\s+me)?\s+an?\s+example|(give|show)\s+me\s+an?\s+example|example\s*\?|like\s+what\b|"
    # asking back what was said: "wait what was the first thing you said i should do"
    r"what\s+(was|were)\s+the\s+[\w-]+\s+(thing|step|part|tip)s?\s+(you|u)\s+(said|mentioned|told)|"
    r"what\s+did\s+(you|u)\s+(say|mean|tell\s+me)\b|"
    r"like\s+[\w\s'-]{1,30}\?\s*$|i\s+(don'?t|do\s+not)\s+(get|understand)\s+(it|that|the\s+"
    r"question|what\s+you\s+mean)|(can|could)\s+you\s+(explain|clarify|rephrase))",
    re.I,
)
# Outside a role-play these ask the coach; inside one they are the learner's lines to the
# other side ("What do you mean by too expensive?" is a good discovery question).
_HELP_OUTSIDE_ROLE_PLAY = re.compile(
    LEAD + r"(what\s+do\s+you\s+mean\b|(can|could|would)\s+you\s+(please\s+)?(explain|clarify)\b"
    # a worry put to the coach, question mark or not: "what if i break something in my first
    # pr"; "what if we used a queue" proposes, and is an answer
    r"|what\s+if\s+(?!we\b|you\b)[^.!?]{3,80}\s*$"
    # asking what a term is: "wait whats a modular monolith exactly"
    r"|(what('?s|\s+is|\s+are)|wats)\s+(a|an)\s+[\w\s'-]{2,40}?(\s+(exactly|again|even|anyway))?"
    r"\s*\??\s*$"
    # a term without an article: "what's CQRS anyway?", "what is event sourcing?"
    r"|(what('?s|\s+is|\s+are)|wats)\s+(?!(their|your|my|his|her|our|its|the|this|that|it|"
    r"they|you|he|she|we|i)\b)[a-z][\w-]{1,30}(\s+[\w-]+){0,2}?(\s+(exactly|again|even|anyway))?"
    r"\s*\?\s*$"
    # "what about double bookings when two receptionists click the same slot?"
    r"|what\s+about\s+[^?]{3,100}\?\s*$"
    # what the coach is for: "what do you do", "who are you", "what can you help with"
    r"|(what\s+(do|can)\s+(you|u)\s+(do|help(\s+(me\s+)?with)?)|who\s+are\s+(you|u)|"
    r"what\s+(is|'?s)\s+this|what\s+are\s+(you|u)\s+for)\s*\??\s*$"
    # "whats the fafsa", "what is the css profile": a term, question mark or not
    r"|(what('?s|\s+is)|whats|wats)\s+the\s+[\w-]{2,20}(\s+[\w-]+)?\s*\??\s*$"
    # "how many scholarships should i apply to", "how long should it be"
    r"|how\s+(many|much|long|often|soon|early)\b[^.!]{0,60}\b(should|do|does|can|is|are|will|"
    r"would)\b[^.!]{0,40}\??\s*$"
    # ... and typed without one, in a few words: "what about mongodb tho"
    r"|what\s+about\s+[\w.+#-]+(\s+[\w.+#-]+){0,2}?(\s+(tho|though|instead|then|here))?\s*$"
    # "how does our deploy work? like what happens after I merge"
    r"|how\s+(does|do)\s+(our|the|this|your|a|an|we)\s+[\w\s'-]{1,30}?\s*work\b"
    r"|what\s+happens\s+(after|when|if|once)\b[^.!]{0,80}$"
    r"|how\s+(do|does|did)\s+we\s+\w+[^.!]{0,60}\?\s*$"
    # "how do users log in", "how does it scale": asked of the coach, question mark or not
    r"|how\s+(do|does|should|would|can|will)\s+(users?|people|customers?|clients?|students?|"
    r"they|it|this|that|the\s+(app|system|site|service|api))\s+\w+[^.!?]{0,50}\??\s*$"
    # "what if she says sorry isn't enough?": asked of the coach outside a role-play
    r"|what\s+if\s+[^.!]{2,100}\?\s*$"
    # "postgres or mongo?", "whats the downside of a monolith here?"
    r"|[\w.+#-]+(\s+[\w.+#-]+)?\s+or\s+[\w.+#-]+(\s+[\w.+#-]+)?\s*\?\s*$"
    r"|(what('?s|\s+is|\s+are)|wats)\s+the\s+(downside|upside|catch|risk|trade-?off|cost|"
    r"difference|point|benefit|advantage|disadvantage|alternative)s?\b[^.!]{0,80}\?\s*$)",
    re.I,
)
_TAG_QUESTION = re.compile(
    r"^\s*(what\s+do\s+you\s+think|right|is\s+that\s+(right|ok(ay)?|it)|does\s+that\s+make\s+"
    r"sense|or\s+not|any\s+ideas)\s*\?+\s*$",
    re.I,
)
_LEAVING = re.compile(
    LEAD + r"((thanks|thank\s+you|thx|ty|cheers|great|cool|perfect)\b[,!.\s]*)?"
    r"((i'?m|im|i\s+am)\s+(so\s+|really\s+|kinda\s+)?(tired|exhausted|beat|sleepy)\b[,!.\s]*"
    r"(and\s+|so\s+)?)?"
    r"(can\s+we\s+|let'?s\s+|i\s+(have\s+to|need\s+to|gotta|must)\s+|i\s+(think|guess)\s+)?"
    r"(wrap(\s|-)?(it\s+|this\s+)?up|stop(\s+here|\s+for\s+(now|today))?|end\s+(the|this)\s+session|go|leave|"
    r"(that'?s|thats|that\s+is)\s+(all|enough|it)(\s+for\s+(now|today|tonight))?|i'?m\s+done(\s+for\s+(now|today))?|goodbye|bye|"
    r"see\s+(you|u|ya)|talk\s+later|gtg|g2g|ttyl|cya|gn|good\s*night|done\s+for\s+(now|today|"
    r"tonight))\b",
    re.I,
)
_ACK = re.compile(
    r"\b(thanks|thank\s+you|thx|ty|appreciate\s+it|got\s+it|makes\s+sense|sounds\s+good|"
    r"that\s+helps|helpful|useful|fair(\s+enough)?|good\s+to\s+know|gotcha|"
    r"hi|hello|hey|yo|sup|hiya|heya|good\s+(morning|afternoon|evening)|"
    r"(that's|thats|that\s+is|sounds\s+like)\s+(the|my|a)\s+plan|i\s+get\s+it|"
    r"i'?ll\s+do\s+that)\b",
    re.I,
)
_ACK_WORDS = frozenset(
    """thanks thank you thx ty so much a lot very really ok okay got it cool great awesome
    perfect nice that that's thats this is was helps helped helpful makes sense sounds good
    actually honestly truly lol lmao haha hahaha hehe
    hi hello hey there bye goodbye see later for the help tip tips advice answer coach
    appreciate all right alright will do good morning afternoon evening yes yeah sure
    super wow amazing i understand now sorry hmm um so wait ya yah yep yup k kk bet aight
    fine go for it why not do let's lets please absolutely definitely nah no nope later thing
    first tell me more ready in i'm im plan my like get i'll ill explaining explained for
    cool useful fair enough gotcha true whatever again back yo sup hiya heya think guess
    suppose""".split()
)
_LEAVING_TAIL = frozenset("now today here please for then the day it class done tired".split())
_AFTER_LEAVING = _ACK_WORDS | _LEAVING_TAIL
_OBLIGATION = re.compile(r"^\s*i\s+(have|need|gotta)\b", re.I)  # "I have class."
# what the learner has done, told before asking the coach: "i ran discovery and tracked 3."
_DONE = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|so|well|alright)\b[,\s]*)?(?:i|we)\s+(?:just\s+|already\s+)?"
    r"(?:[a-z]+ed|did|ran|made|got|sent|wrote|took|found|read|set\s+up)\b(?![^.!?]*\b(?:i'?ll|will|"
    r"gonna|going\s+to|tomorrow|tonight|next)\b)",
    re.I,
)
_SENTENCES = re.compile(r"[^.!?\n]+[.!?]*")
# thanks before the question in one sentence: "thanks, what should I practise next?"
_ACK_LEAD = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|thanks?|thank\s+you|thx|ty|cool|great|got\s+it|nice|perfect|awesome|"
    r"alright|makes\s+sense)\b[\s,!-]*)+(?=\w)",
    re.I,
)
_WORD = re.compile(r"[a-z']+")


ASKING = "a question to the coach, not an answer"
INCIDENT = "an incident happening now, not an answer"
INCIDENT_OVER = "news that the incident is handled, not an answer"
THANKS = "a thank-you or a greeting, not an answer"
SHORT = "a short reply to the coach, not an answer"
FEELING = "a feeling shared, not an answer"
DONT_KNOW = "not knowing yet, not an answer"
MEANT = "asking what the last line meant, not an answer"
INTRO = "an introduction, not an answer"
NO_WORDS = "no words to score, not an answer"
YES_NO = "a yes or a no to the coach's question, not an answer to score"
_FEW = r"(\s+(?!(and|but|so|because)\b)[\w'-]+){0,3}"  # "to sales", not "to the team and…"
# the whole message says who they are, new: "hi im new to sales", "i'm just starting out"
_NEW_TO = re.compile(
    LEAD + r"(i'?m|im|i\s+am)\s+(((pretty|really|very|super|totally|kinda|brand)\s+)?new"
    r"(\s+(to|at|here|in)\b"
    + _FEW
    + r")?|just\s+(starting|getting\s+started)(\s+(out|in|with)\b"
    + _FEW
    + r")?|an?\s+(beginner|newbie|new\s+hire))\s*[.!]*\s*$",
    re.I,
)


# a question that is itself the answer: a line for the prospect ("What's your budget?",
# "Could you tell me more about your current process?"), about a third person ("what's their
# budget?"), a design proposed ("what about using a queue for the orders") or given with its
# reason ("Postgres or Mongo, because we need joins?")
_FOR_THE_OTHER_SIDE = re.compile(
    r"\b(your|yours|their|theirs|they|them|he|him|his|she|her|because|since|cuz|bc)\b|"
    r"^\W*((ok(ay)?|so|and|but|well)\b[,\s]*)*(what|how)\s+about\s+(\w+ing|a|an)\b|"
    r"^\W*((ok(ay)?|so|and|but|well)\b[,\s]*)*what\s+if\s+(we|i)\b",
    re.I,
)


def unscored_reason(
    text: str,
    *,
    in_role_play: bool = False,
    after_incident: bool = False,
    after_offer: bool = False,
    after_yes_no: bool = False,
) -> str | None:
    """Why a message is recorded without a score, or None when it is an answer to score.
    Strict on purpose: every sentence must ask the coach, thank, greet or take leave; a
    question posed inside the role-play ("What's your budget?"), a tentative answer ("Maybe
    call them?") or an answer that also asks ("I'd call Tuesday. Should I email first?") is
    scored."""
    if in_crisis(text):  # help first, and never a score
        return CRISIS_REASON
    if incident_kind(text) is not None:  # confessed, not proposed: no red flag, no score
        return INCIDENT
    if after_incident and len(text.split()) <= 30:  # "my lead isn't answering"
        return INCIDENT_OVER if incident_handled(text) else INCIDENT
    said = _WORD.findall(text.lower().replace("’", "'"))
    if not said and text.strip() and not re.search(r"\w", text):
        return NO_WORDS  # "👍", "🙏🙏": nothing in it to score
    if distressed(text):  # "…I feel like they made a mistake hiring me": the person first
        return FEELING
    if not said or len(said) > 30:
        return None
    if not in_role_play and len(said) <= 12 and _NEW_TO.match(text):
        return INTRO  # welcomed, then the coach's question
    if in_role_play and len(said) <= 20 and TO_COACH.search(text):
        # "what if she says no", "wait how formal should the email be": asked of the coach
        # about the other side, and answered so (offline_coach/reply_scene.py reads it alike)
        return ASKING
    if len(said) <= 20 and (REPLAY.match(text) or (in_role_play and SWITCH_ROLES.search(text))):
        return ASKING  # "again", "from the top", "switch roles": asked of the coach
    if WHAT_MEANT.match(text):  # "what do you mean?", "huh?": the line is explained
        return MEANT if in_role_play else ASKING
    if len(said) <= 10 and _ACK.search(text) and all(w in _ACK_WORDS for w in said):
        return THANKS
    if after_offer and len(said) <= 6 and all(w in _ACK_WORDS for w in said):
        return SHORT  # "ya", "sounds good": a yes or a no to the coach's offer
    if after_yes_no and not in_role_play and yes_or_no(text) is not None:
        return YES_NO  # "nope" to "Is anything due sooner?": answered, nothing to score
    if not in_role_play and len(said) <= 3 and all(w in _ACK_WORDS for w in said):
        return SHORT  # "ok", "sure", "nope": a nod to the coach, no answer to score
    if not in_role_play and DONT_KNOW_YET.match(text):
        return DONT_KNOW  # "idk": the coach explains the step; nothing said to score
    if len(said) <= 15 and ALREADY_SAID.search(text) and not has_plan(text):
        return ALREADY  # "you already asked me that"
    if len(said) <= 15 and UNANSWERED.search(text):
        return ASKING  # "you didn't answer my questions"
    if len(said) <= 15 and corrected(text) is not None:
        return CORRECTED  # "she's not a customer, she's my roommate"
    if feeling(text, len(said)):  # the words already read, not read again
        return FEELING
    if wants_it_written(text):
        return "asking the coach to write it, not an answer"
    sentences = [s.strip() for s in _SENTENCES.findall(text) if _WORD.search(s.lower())]
    if (
        not in_role_play
        and len(sentences) > 1
        and asks_about_the_plan(_ACK_LEAD.sub("", sentences[-1]))
        and not has_plan(" ".join(sentences[:-1]))
    ):
        # "im a senior, first in my family… which scholarship i should do first?": who they
        # are, then the question (an audit: 2/10, "What works: you broke it into pieces")
        return ASKING
    kinds: set[str] = set()
    for said_whole in sentences:
        sentence = TOPIC_LEAD.sub("", _ACK_LEAD.sub("", said_whole))
        words_here = _WORD.findall(sentence.lower().replace("’", "'"))
        if (
            _HELP.search(sentence)
            or ASKS_LAST.search(sentence)
            or HOW_DID_I_DO.match(sentence)
            or (
                not in_role_play
                and (
                    _HELP_OUTSIDE_ROLE_PLAY.search(sentence)
                    or CLARIFY.search(sentence)
                    or PLAN_QUESTION.match(sentence)
                    or asks_plan_fact(sentence)
                    or SEARCH_ASK.match(sentence)
                    or (TODAY.search(sentence) and "?" in sentence)
                    or (len(words_here) <= 8 and LOST_ON.match(sentence))
                    or (IS_THAT_BAD.search(sentence) and not I_WILL.search(sentence))
                    # any other question of a few words, every sentence one: "ok what else",
                    # "is that the federal one or the california one", "whats sap" (an audit:
                    # each scored 2/10 as an answer, and the report card sank)
                    or (
                        len(words_here) <= 16
                        and is_question(sentence)
                        and not has_plan(sentence)
                        and not _FOR_THE_OTHER_SIDE.search(sentence)
                        and not _LEAVING.search(sentence)
                    )
                )
            )
            or (len(words_here) <= 8 and NEXT_ONE.match(sentence))
        ):
            kinds.add("question")
        elif (asks_to_practise(sentence) or CAST.match(sentence) or cast_name(sentence)) and (
            len(words_here) <= 10
            # "can u play the salon owner and push back on price" casts a role (an audit:
            # scored 2/10, where "can u play linda…" was not)
            or (
                (WANTS_PRACTICE.search(sentence) or CAST.match(sentence) or cast_name(sentence))
                and len(words_here) <= 25
            )
        ):
            # "can we role play? you be the marketing manager", "i want to practice handling
            # price objections" (the role-play starts; the call it is for is no answer)
            kinds.add("question")
        elif kinds and len(words_here) <= 6 and TACKED_ON.match(sentence):
            continue
        elif STOP_SCENE.search(sentence) and len(words_here) <= 8:
            kinds.add("leaving")
        elif (leaving := _LEAVING.search(sentence)) and all(
            w in _AFTER_LEAVING for w in _WORD.findall(sentence[leaving.end() :].lower())
        ):
            kinds.add("leaving")
        elif _TAG_QUESTION.match(sentence) or (
            len(words_here) <= 4 and all(w in _ACK_WORDS for w in words_here)
        ):
            continue
        elif len(words_here) <= 6 and _OBLIGATION.match(sentence):
            continue
        elif len(words_here) <= 12 and _DONE.match(sentence) and "?" not in sentence:
            continue  # said with a question to the coach, it is that question's context
        else:
            return None
    if "question" in kinds:
        return ASKING
    if "leaving" in kinds:
        return "wrapping up, not an answer"
    return None
