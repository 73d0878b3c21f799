"""The scholarship coach's answer to "what should I do today?", from the student's game plan:
the most urgent Top 3 item with its deadline, what comes after, a due check-in, and one
question it has not asked yet this session."""

from __future__ import annotations

from collections.abc import Collection

from coach.game_plan import GamePlan, MissedItem
from coach.text import pick


def missed_key(missed: MissedItem) -> str:
    return f"plan.missed.{missed.title}"[:60]


def possessive(title: str) -> str:
    """ "Burger King Scholars' deadline", not "Scholars's" (an audit)."""
    return f"{title}'" if title.endswith("s") else f"{title}'s"


def missed_line(plan: GamePlan | None, asked: Collection[str] = ()) -> tuple[str, str | None]:
    """Once a session, the deadline that passed and what to try instead: Home and the game
    plan flag it, so a coach that plans the day without it reads as if it never happened."""
    if plan is None or not plan.missed:
        return "", None
    missed = plan.missed[0]
    key = missed_key(missed)
    if key in asked:
        return "", None
    return what_instead(missed), key


def what_instead(missed: MissedItem) -> str:
    """The deadline that passed and the similar open scholarships the Game plan offers in its
    place (the coach reads the same catalog the page does, so the two agree)."""
    line = f"{possessive(missed.title)} {missed.missed}"
    if missed.similar:
        other = missed.similar[0]
        due = f", {other.due}," if other.due else ""
        if len(missed.similar) > 1:
            line += (
                f"; Game plan lists {len(missed.similar)} similar open scholarships to track "
                f"instead, such as {other.title}{due.rstrip(',')}."
            )
        else:
            line += f"; {other.title} is similar and still open{due} and Game plan can track it."
    else:
        line += "; Discovery can find similar ones that are still open."
    return line


def plan_parts(
    plan: GamePlan | None, round_number: int, asked: Collection[str] = ()
) -> tuple[str, str | None, str | None]:
    """The game-plan answer to "what should I do today?": the statement, then the key and
    text of its question (None when every question it could ask was asked already)."""
    if plan is None or not plan.top3:
        if plan is not None and plan.check_ins:
            check = plan.check_ins[0]
            return (
                f"Nothing is due right now, but it's time to check in on {check.title}.",
                f"plan.check.{check.title}"[:60],
                "Have you heard back? If not, a short, polite status email is a good step today.",
            )
        if plan is not None and plan.states:
            return (
                "Nothing open needs work right now: your applications are submitted or "
                "decided. A good step today is discovery: find two or three new scholarships "
                "that fit you.",
                "plan.discover",
                "Which kind would you like to look for?",
            )
        return (
            "You're not tracking any applications yet, so today's step is discovery: open "
            "Discovery, run a search, and track two or three scholarships that fit you.",
            "plan.start",
            "Which kind of scholarship would you like to start with?",
        )
    first = plan.top3[0]
    due = f"it's {first.due}" if first.due is not None else "it has no fixed deadline"
    quick = (
        " It's a quick form, so it may be done in one sitting."
        if (first.application_type == "form")
        else ""
    )
    rest = ""
    if len(plan.top3) > 1:
        later = [i.title for i in plan.top3[1:]]
        rest = f" After that, {' and '.join(later)} {'is' if len(later) == 1 else 'are'} next."
    check_key = f"plan.check.{plan.check_ins[0].title}"[:60] if plan.check_ins else None
    if check_key is not None and check_key not in asked:
        # the reply's one question: "yes", "no" or "not yet" then answers it, where after
        # "Also: have you heard back…? What time today…?" it answered neither (an audit)
        statement = f"Today, focus on {first.title}: {due}.{quick}{rest}"
        return statement, check_key, f"Also: have you heard back from {plan.check_ins[0].title}?"
    it = "it"
    asks = [
        f"What is the one part of {it} you can finish in the next hour?",
        f"What is left on {it}, and which piece will you do first?",
        f"What time today will you block out for {it}?",
    ]
    ask = pick(asks, round_number, first.title)
    fresh = [a for n, a in enumerate(asks) if f"plan.{n}" not in asked]
    if ask not in fresh:
        ask = fresh[0] if fresh else ""
    key = f"plan.{asks.index(ask)}" if ask else None
    return f"Today, focus on {first.title}: {due}.{quick}{rest}", key, ask or None


def plan_reply(plan: GamePlan | None, round_number: int, asked: Collection[str] = ()) -> str:
    statement, _, ask = plan_parts(plan, round_number, asked)
    return f"{statement} {ask}" if ask else statement
