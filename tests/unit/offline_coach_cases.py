"""What the offline-coach tests share, kept out of any one test module so each behaviour's
tests can live in their own file: the seed personas and domains, parsed from the seed SQL,
the persona ids, the scripted sessions, a game plan, and helpers that drive the coach one
round at a time or through the chat model.

The seed SQL files are read (not executed) to get realistic prompts and tags; nothing here
touches a database. The parsed personas are shared with the scoring and guardrail tests."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from uuid import uuid4

from langchain_core.messages import HumanMessage, SystemMessage

from coach.clock import due_phrase
from coach.game_plan import CheckInItem, GamePlan, PlanItem, TrackedItem
from coach.offline_coach import CoachMemory, OfflineCoachModel, compose_reply
from coach.packs import CoachPack, pack_for
from db.models import CoachingDomain, CoachingPersona

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SEED_FILES = ("coaching_003.sql", "scholarship_coach.sql")
_STR = r"'((?:[^']|'')*)'"
_PERSONA = re.compile(
    rf"\(\s*{_STR},\s*{_STR},\s*{_STR},\s*{_STR},\s*(?:ARRAY\[([^\]]*)\],\s*)?{_STR}\s*\)", re.S
)
_DOMAIN = re.compile(rf"\(\s*'(\w+)',\s*{_STR},.*?ARRAY\[([^\]]*)\]\s*\)", re.S)


def _unquote(literal: str) -> str:
    return literal.replace("''", "'")


def _array(body: str | None) -> list[str]:
    return [_unquote(s) for s in re.findall(_STR, body or "")]


def _sections(table: str) -> list[str]:
    """The VALUES text of every `INSERT INTO <table>` in the seed files."""
    out = []
    for name in SEED_FILES:
        sql = (SEEDS / name).read_text(encoding="utf-8")
        for chunk in sql.split("INSERT INTO ")[1:]:
            if chunk.startswith(table + " "):
                out.append(chunk.split("ON CONFLICT", 1)[0])
    return out


def load_personas() -> dict[str, CoachingPersona]:
    personas = {}
    for section in _sections("coaching_personas"):
        for m in _PERSONA.finditer(section):
            domain_id, prompt, style, criteria, forbidden, success = m.groups()
            personas[domain_id] = CoachingPersona(
                domain_id=domain_id,
                system_prompt=_unquote(prompt),
                coaching_style=_unquote(style),
                evaluation_criteria=json.loads(_unquote(criteria)),
                forbidden_topics=_array(forbidden),
                success_conditions=_unquote(success),
            )
    return personas


def load_domains() -> dict[str, CoachingDomain]:
    domains = {}
    for section in _sections("coaching_domains"):
        for m in _DOMAIN.finditer(section):
            domain_id, name, tags = m.groups()
            domains[domain_id] = CoachingDomain(
                id=domain_id, name=_unquote(name), category="seed", knowledge_tags=_array(tags)
            )
    return domains


PERSONAS = load_personas()
DOMAINS = load_domains()
SCHOLARSHIP = "scholarship_coach"
NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
EMPTY = GamePlan(top3=[], check_ins=[], states={})  # a student with nothing tracked

COMMS = "communication_coach"
SALES = "sales_workflow_coach"
ARCH = "architecture_advisor"
ONBOARDING = "onboarding_mentor"


def pack(domain_id: str) -> CoachPack:
    return pack_for(PERSONAS[domain_id], DOMAINS[domain_id])


# --- helpers ------------------------------------------------------------------------------

_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|(?<![A-Za-z])'[^']*'(?![A-Za-z])")


def questions_in(text: str) -> list[str]:
    """The coach's own questions: quoted speech (role-play lines, example wording, the
    learner's words) taken out first."""
    bare = _QUOTED.sub("", text)
    return [s for s in re.split(r"(?<=[.!?])\s+", bare) if s.strip().endswith("?")]


def prompts_in(text: str) -> list[str]:
    """Everything the learner is asked to answer: the coach's questions and the lines the
    coach says in character."""
    return questions_in(text) + re.findall(r"\(role-play\): “([^”]*)”", text)


def assert_no_question_repeats(replies: list[str]) -> None:
    asked = [q for r in replies for q in prompts_in(r)]
    assert len(asked) == len(set(asked)), [q for q in asked if asked.count(q) > 1]


def drive(coach_pack: CoachPack, texts: list[str], *, plan: GamePlan | None = None) -> list[str]:
    """Rounds through the chat model itself, memory carried between them as the graph
    carries it: from the reply's metadata into the next round's model."""
    memory: dict[str, object] = {}
    out = []
    for n, text in enumerate(texts, start=1):
        coach = OfflineCoachModel(
            domain_id=coach_pack.domain_id,
            pack=coach_pack,
            memory=CoachMemory.model_validate(memory),
            round_number=n,
            plan=plan,
            plan_aware=plan is not None,
        )
        answer = coach.invoke([SystemMessage(content="persona"), HumanMessage(content=text)])
        memory = answer.response_metadata["coach_memory"]
        out.append(str(answer.content))
    return out


def turn(
    text: str, domain_id: str = COMMS, memory: CoachMemory | None = None, **kw: object
) -> tuple[str, CoachMemory]:
    return compose_reply(text, pack=pack(domain_id), memory=memory, **kw)  # type: ignore[arg-type]


def reply(text: str, round_number: int = 1, domain_id: str = COMMS, **kw: object) -> str:
    return turn(text, domain_id, round_number=round_number, **kw)[0]


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text) if s]


# A capable student's own system through the design checklist, one step a round: their
# requirements, two options, the trade-offs, failure handling, the decision.
PHYSIO_SESSION = [
    "A booking app for a 3-clinic physio practice: ~200 bookings/day, Postgres, one "
    "Django app. Main requirement: no double-booking, and SMS reminders 24h before.",
    "Option A: keep it in the Django monolith with a unique constraint. Option B: a "
    "separate booking service with a lock in Redis.",
    "A is simpler to run for a team of two; B scales further but we'd have to operate "
    "Redis and handle lock expiry.",
    "If the SMS provider is down, reminders retry with backoff and we mark them failed "
    "after 3 tries so staff can call.",
    "We chose A because two devs can't run extra infra; revisit if bookings pass 5k/day.",
]

MESSAGE = (
    "A customer shouted at me on the phone because her refund was two weeks late. "
    "I apologised but she hung up."
)

SCRIPTS = {
    SALES: [
        "I'm working a deal with a 400-bed hospital chain; two calls so far with IT.",
        "What should I ask the economic buyer?",
        "They lose about 20 hours a week reconciling supplier invoices by hand.",
        "Honestly I'm not sure who signs the contract.",
        "ok let's practise",
        "Fair question, what is the manual process costing you today?",
        "When does your next budget cycle open, and who decides?",
        "Can we book 30 minutes Thursday to walk through it with your CFO?",
        "How do I handle a price objection?",
        "The next step is a pilot review on Friday the 14th.",
    ],
    ARCH: [
        "We're building a notification service for a delivery app.",
        "We need 99.9% uptime and about 5k events per second at dinner peak.",
        "Should we use Kafka or SQS?",
        "Option one is direct calls from the order service, option two is a queue.",
        "The queue adds operational cost but keeps latency off the order path.",
        "If the SMS provider fails we retry with backoff and drop stale messages.",
        "What's an ADR supposed to contain?",
        "Our team is four people.",
        "I'd go with the queue because ordering must not wait on providers.",
        "What else should I worry about?",
    ],
    COMMS: [
        "A customer shouted at me because her refund was two weeks late and she hung up.",
        "yes, let's practise",
        "I'm so sorry, three calls and still no refund, I'd be frustrated too.",
        "Let me check what happened, I'll call you by 4 pm today with a date.",
        "I'll call you by Thursday noon either way.",
        "How do I say no without sounding rude?",
        "I usually start explaining the policy while they're still talking.",
        "I try to slow down and keep my tone calm.",
        "What should I write in an apology email?",
        "It sounds like the real problem is payroll on Friday, is that right?",
    ],
    ONBOARDING: [
        "I have three years of Python and SQL but I've never used Docker.",
        "I'm overwhelmed, where do I even start?",
        "I'll clone the repo and get the tests passing locally on Monday.",
        "Is this a dumb question: who should I ask when I'm stuck?",
        "I'll trace the sign-in request from the API route to the database.",
        "How does code review work here?",
        "I want to see how a PR goes through CI to deploy.",
        "My buddy Priya said I can pair with her on Fridays.",
        "I'll pick a small bug fix as my first ticket and ship it Thursday.",
        "What should I read about our production setup?",
    ],
    SCHOLARSHIP: [
        "What should I do today?",
        "I've filled out the form but haven't started the essay.",
        "I don't know what to write about for the essay.",
        "How do I ask a teacher for a recommendation letter?",
        "I'm stuck on the word limit.",
        "I'll outline the essay tonight at 7pm.",
        "Is a scholarship that asks for a processing fee legit?",
        "I keep putting it off because I'm so busy.",
        "My counselor could read my draft.",
        "What should I do today?",
    ],
}


def make_plan(*, check_in: bool = True, first_type: str = "form") -> GamePlan:
    def item(title: str, days: int, kind: str, momentum: float) -> PlanItem:
        return PlanItem(
            application_id=uuid4(),
            title=title,
            deadline=NOW + timedelta(days=days, hours=2),
            days_left=days,
            due=due_phrase(NOW + timedelta(days=days, hours=2), NOW),
            momentum=momentum,
            application_type=kind,
            coach_state="Drafting",
        )

    checks = (
        [CheckInItem(application_id=uuid4(), title="River City Award", due_at=NOW)]
        if check_in
        else []
    )
    top3 = [
        item("Sunrise Scholars", 3, first_type, 91.0),
        item("Future Teachers Fund", 12, "essay", 70.0),
        item("Community Leaders Grant", 25, "mixed", 55.0),
    ]
    river = checks[0].application_id if checks else uuid4()
    return GamePlan(
        top3=top3,
        check_ins=checks,
        states={"draft": 3, "submitted": 1},
        tracked=[
            *(
                TrackedItem(
                    application_id=i.application_id,
                    title=i.title,
                    coach_state="Drafting",
                    deadline=i.deadline,
                )
                for i in top3
            ),
            TrackedItem(application_id=river, title="River City Award", coach_state="Submitted"),
        ],
        as_of=NOW,
    )


def today(
    plan: GamePlan | None, text: str = "What should I do today?", round_number: int = 1
) -> str:
    return reply(text, round_number, SCHOLARSHIP, plan=plan, plan_aware=True)


def model(domain_id: str = COMMS, round_number: int = 2, **kw: object) -> OfflineCoachModel:
    return OfflineCoachModel(
        domain_id=domain_id,
        pack=pack(domain_id),
        round_number=round_number,
        **kw,  # type: ignore[arg-type]
    )


def messages(text: str = MESSAGE, domain_id: str = COMMS) -> list[SystemMessage | HumanMessage]:
    return [SystemMessage(content=PERSONAS[domain_id].system_prompt), HumanMessage(content=text)]
