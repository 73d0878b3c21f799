"""Widgets more than one page draws: a round of a transcript with its assessment (AI score,
feedback, dimension scores and reasons, and a coach's override where there is one), the
session's report card, and an override's history. Chat, Review and My progress use them, so
a round reads the same to the student and to the coach.

Everything a student, a coach or a model wrote goes through app_pages.render, inert."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

# plotly reads pandas from sys.modules unlocked: imported here first, a chart never sees
# it half-imported by another session's thread ("partially initialized module 'pandas'")
import pandas  # type: ignore[import-untyped]  # noqa: F401
import plotly.graph_objects as go
import streamlit as st

from app_pages.render import inert_text, show_error, show_markdown, show_text
from coach import analytics, clock
from coach.analytics.chart_text import figure_as_text, figure_title
from coach.report import (
    QuotedRound,
    awaiting_score,
    chart_rows,
    dimension_label,
    rescored_average,
    without_rescored_quotes,
)
from db.errors import AppError
from db.models import CoachingRound, SessionReport

if TYPE_CHECKING:
    from db.models import RoundReview, ScoreOverride
    from db.repository import Repository

STUDENT_PENDING = "The score will be filled in on your next message."
STUDENT_STALE = "You have talked more since this report: end the session again to update it."

# no toolbar over the charts: on a phone it sits on their titles, and a drag still zooms
# (double-click resets)
CHART_CONFIG = {"displayModeBar": False}


@dataclass(frozen=True)
class HumanScore:
    """A coach's score for a round, beside the AI's: the newest override and how many."""

    score: int
    reason: str
    by: str
    at: datetime | None
    count: int = 1


def round_of(review: RoundReview) -> CoachingRound:
    """A reviewed round as the transcript widgets read it: its score is the AI's."""
    return CoachingRound(
        id=review.round_id,
        learner_id=review.learner_id,
        domain_id=review.domain_id,
        learner_message=review.learner_message,
        coach_response=review.coach_response,
        round_number=review.round_number,
        session_id=review.session_id,
        response_time_ms=review.response_time_ms,
        score=review.ai_score,
        not_scored_reason=review.not_scored_reason,
        feedback=review.feedback,
        dimension_scores=review.dimension_scores,
        dimension_reasons=review.dimension_reasons,
        created_at=review.created_at,
    )


def human_of(review: RoundReview) -> HumanScore | None:
    """The coach's score for a reviewed round (the newest override), or None: also when a
    coach set it back to the AI's, which is how an override is undone (an audit's student
    read "AI 2/10 → coach 2/10 … changed 2 times")."""
    if review.human_score is None or review.human_score == review.ai_score:
        return None
    return HumanScore(
        score=review.human_score,
        reason=review.override_reason or "",
        by=review.override_by or "a coach",
        at=review.override_at,
        count=review.override_count,
    )


def moment(at: datetime | None) -> str:
    """ "Dec 1, 14:05 PST": when an override or a review was made, to the minute, date and
    time both in the reader's zone. A coach-review audit in Los Angeles read "Dec 4, 00:55
    UTC" for a review made on Dec 5 at 00:55 UTC: the date was the reader's, the time UTC."""
    if at is None:
        return "at an unknown time"
    here = clock.local(at)
    return f"{clock.short_date(at, clock.now())}, {here:%H:%M} {here:%Z}"


def when_column(name: str, help: str | None = None) -> Any:
    """A table's date and time column, in the reader's zone like every other date on the
    page (Streamlit shows an aware datetime in its own zone, here UTC, otherwise), the zone
    named in its heading: a coach-review audit read "Dec 5, 2026 03:32" in the table and
    "03:34 PST" just below it."""
    return st.column_config.DatetimeColumn(
        f"{name} ({clock.zone_words()})",
        format="MMM D, YYYY HH:mm",
        help=help,
        timezone=clock.zone_label(),
    )


def score_bar(value: int) -> str:
    """A 1-10 score drawn in text: ▰▰▰▰▰▰▰▱▱▱."""
    return "▰" * value + "▱" * (10 - value)


def repeats(reason: str, said: Sequence[str]) -> bool:
    """A dimension's reason that only says again what was said above it: a capped round gave
    the same red flag once in the feedback and once per dimension, five times in all."""
    quoted, _, body = reason.rpartition('": ')
    if not quoted or len(body) < 30:
        return reason in said
    return any(reason == s or (quoted.lstrip('"') in s and body in s) for s in said)


def show_dimensions(
    scores: Mapping[str, Any] | None,
    reasons: Mapping[str, str] | None,
    dimensions: Sequence[str],
    *,
    feedback: str | None = None,
) -> None:
    """Each dimension's score as a bar with the judge's reason, in the persona's order. One
    element for them all: every element is a message to the browser and a redraw there, and
    a transcript shows many of these (a progress bar and a caption each cost the chat's
    reply ~10% of its time to show)."""
    scores = scores or {}
    reasons = reasons or {}
    said = [feedback] if feedback else []
    lines: list[str] = []
    for name in [d for d in dimensions if d in scores] + [d for d in scores if d not in dimensions]:
        words = inert_text(dimension_label(name))  # as the report card names it
        value = scores[name]
        if value is None:
            lines.append(f"- **{words}**: not scored — the judge gave no score for it")
            continue
        line = f"- **{words}** {score_bar(int(value))} {int(value)}/10"
        reason = reasons.get(name)
        if reason and not repeats(reason, said):
            line += f"  \n  {inert_text(reason)}"
            said.append(reason)
        lines.append(line)
    if lines:
        st.markdown("\n".join(lines))


def show_human_score(human: HumanScore) -> None:
    """The coach's score, who gave it, when and why."""
    more = f" · changed {human.count} times" if human.count > 1 else ""
    st.markdown(
        f"**Coach's score: {human.score}/10** · by {inert_text(human.by)}, {moment(human.at)}{more}"
    )
    st.markdown(f"Why: {inert_text(human.reason)}")


def assessment_label(
    ai_score: int | None, human: HumanScore | None, *, not_scored: bool = False
) -> str:
    if human is not None:
        ai = f"AI {ai_score}/10" if ai_score is not None else "AI not scored"
        return f"Assessment · {ai} · coach {human.score}/10"
    if ai_score is not None:
        return f"Assessment · {ai_score}/10"
    return "Assessment · not scored" if not_scored else "Assessment pending"


def not_scored_note(reason: str) -> str:
    """Why a round has no score, in a sentence: "Not scored: a question to the coach, not an
    answer. …". The reason is the server's own words (coach/learner_intents.py)."""
    return f"Not scored: {reason}. Only answers are scored, so this never lowers an average."


def show_assessment(
    round_: CoachingRound,
    dimensions: Sequence[str],
    *,
    human: HumanScore | None = None,
    pending: str = STUDENT_PENDING,
    expanded: bool = False,
) -> None:
    """The AI's assessment of a round (its score is `round_.score`), and the coach's score
    above it when a coach overrode it."""
    reason = round_.not_scored_reason
    label = assessment_label(round_.score, human, not_scored=reason is not None)
    with st.expander(label, expanded=expanded):
        if human is not None:
            show_human_score(human)
        if round_.score is None:
            st.caption(pending if round_.awaits_score else not_scored_note(reason or ""))
            return
        if human is not None:
            st.markdown(f"**AI score: {round_.score}/10**")
        show_markdown(round_.feedback or "")
        show_dimensions(
            round_.dimension_scores,
            round_.dimension_reasons,
            dimensions,
            feedback=round_.feedback,
        )


def show_round(
    round_: CoachingRound,
    dimensions: Sequence[str],
    *,
    human: HumanScore | None = None,
    pending: str = STUDENT_PENDING,
) -> None:
    """One exchange: what the learner said, the coach's reply, and its assessment."""
    with st.chat_message("user"):
        show_text(round_.learner_message)
    with st.chat_message("assistant"):
        show_markdown(round_.coach_response)
        show_assessment(round_, dimensions, human=human, pending=pending)


def show_override_history(overrides: Sequence[ScoreOverride]) -> None:
    """Every score a coach gave the round, newest first, each with who, when and why."""
    if not overrides:
        return
    lines = [
        f"- **{o.score}/10** by {inert_text(o.coach_name)}, {moment(o.created_at)}: "
        f"{inert_text(o.reason)}"
        for o in overrides
    ]
    st.markdown("**Score history**  \n" + "\n".join(lines))


def show_report(
    report: SessionReport,
    *,
    scored_now: int,
    expanded: bool,
    stale_note: str = STUDENT_STALE,
    rounds: Sequence[QuotedRound] = (),
) -> None:
    """The session's report card: numbers from the rounds, words from the model or the
    offline coach (it says which), all of it inert. With the session's `rounds` as Review
    reads them: a card written before an override says the average with a coach's scores
    in it, where it had read "2.7/10" beside the table's 5.0, and a line quoting a round a
    coach scored lower is left out, saying so."""
    average_now = rescored_average(rounds)
    label = f"Report card · {report.overall_average}/10"
    if scored_now != report.rounds_scored:  # seen closed, beside today's averages
        label += f" · written after {clock.plural(report.rounds_scored, 'scored round')}"
        label += f" of {scored_now}"
    rescored = (
        scored_now == report.rounds_scored
        and average_now is not None
        and average_now != report.overall_average
    )
    if rescored:
        label += f" · {average_now}/10 now, with a coach's score"
    with st.expander(label, expanded=expanded):
        counted = clock.plural(report.rounds_scored, "scored round")
        st.markdown(f"**Overall: {report.overall_average}/10** · {counted}")
        if waiting := awaiting_score(rounds):
            st.caption(
                f"{clock.plural(waiting, 'round')} could not be scored yet and "
                f"{'is' if waiting == 1 else 'are'} not in this card: "
                f"{'it is' if waiting == 1 else 'they are'} scored when the judge answers."
            )
        rows = chart_rows(report.dimension_averages)
        if rows:
            figure = go.Figure(
                go.Bar(
                    x=[html.escape(label) for label, _ in rows],  # plotly reads tags in text
                    y=[value for _, value in rows],
                    text=[f"{value:.1f}" for _, value in rows],
                    textposition="outside",
                    hoverinfo="skip",
                )
            )
            figure.update_layout(
                yaxis={"range": [0, 10.9], "title": "average (1-10)", "dtick": 2},
                height=260,
                margin={"l": 10, "r": 10, "t": 10, "b": 10},
            )
            st.plotly_chart(figure, key=f"report_chart_{report.session_id}", config=CHART_CONFIG)
            chart_as_text(figure)
        for heading, lines in (("Strengths", report.strengths), ("Next steps", report.next_steps)):
            st.markdown(f"**{heading}**")
            shown = without_rescored_quotes(lines, rounds)
            st.markdown("\n".join(f"- {inert_text(line)}" for line in shown))
        show_text(report.summary)
        st.caption(
            f"Written by {inert_text(report.written_by)} · "
            f"{clock.short_date(report.created_at, clock.now())}"
        )
        if scored_now != report.rounds_scored:
            st.caption(stale_note)
        elif rescored:
            st.caption(
                f"Written before a coach changed a score: the session's average is now "
                f"{average_now}/10. The words above are about the scores as they were."
            )


# filters the staff pages share (Review, Learners) -----------------------------------------
PERIODS: dict[str, str] = {
    "7d": "Last 7 days",
    "30d": "Last 30 days",
    "90d": "Last 90 days",
    "all": "All time",
    "custom": "Dates…",
}


def filter_options(repository: Repository) -> dict[str, dict[str, str]]:
    """The Review filters' choices by kind (domain, learner, team): value -> label. A page
    that cannot read them says why and stops."""
    try:
        options = repository.review_filter_options()
    except AppError as exc:
        show_error(exc)
        st.stop()
    kinds: dict[str, dict[str, str]] = {"domain": {}, "learner": {}, "team": {}}
    for option in options:
        kinds.setdefault(option.kind, {})[option.value] = option.label
    return kinds


def choice(label: str, options: dict[str, str], key: str, everyone: str, column: Any) -> str | None:
    """A selectbox over `options` (value -> label) with "everyone" first: no filter (None).
    "" stands for it, since a None option would read as nothing chosen."""
    picked = column.selectbox(
        label,
        ["", *options],
        format_func=lambda v: options.get(v, v) if v else everyone,
        key=key,
    )
    return picked or None


def period_bounds(
    column: Any, today: date, *, key: str, dates_key: str, default: str = "30d"
) -> tuple[datetime | None, datetime | None]:
    """A period picker (PERIODS) as whole UTC days ending today, or the dates picked; each
    page keys its own, so one page's period never moves another's."""
    period = column.selectbox(
        "Period",
        list(PERIODS),
        index=list(PERIODS).index(default),
        format_func=PERIODS.__getitem__,
        key=key,
    )
    if period != "custom":
        return analytics.preset_bounds(period, today)
    picked = column.date_input(
        "Dates",
        value=(today - timedelta(days=29), today),
        max_value=today,
        key=dates_key,
    )
    days = [d for d in (picked if isinstance(picked, tuple | list) else [picked]) if d]
    if not days:
        return None, None
    return analytics.day_bounds(days[0], days[-1])  # one date picked so far: that day


def chart_as_text(figure: go.Figure, where: Any = st) -> None:
    """The chart's figures in words, under it (coach/analytics/chart_text.py): a screen
    reader read each chart as an unnamed image of its axis labels."""
    lines = figure_as_text(figure)
    if lines:
        with where.expander(f"{figure_title(figure)}, as text"):
            st.markdown("\n".join(f"- {inert_text(line)}" for line in lines))


def show_first_to_best(gains: Sequence[analytics.FirstToBest], key: str) -> None:
    """Each coach's first and best score: the chart, then the same figures in words."""
    st.plotly_chart(
        analytics.first_to_best_figure(gains), key=key, width="stretch", config=CHART_CONFIG
    )
    st.markdown(
        "\n".join(
            f"- **{inert_text(g.domain_name)}**: {g.first_score}/10 first, "
            f"{g.best_score}/10 best ({g.improvement:+d}) over "
            f"{clock.plural(g.rounds, 'scored round')}"
            for g in gains
        )
    )


# What a coach is for, in a student's words: the seed's categories ("workflow_coaching",
# "decision_support") read as a developer's taxonomy on the picker.
_CATEGORY = {
    "workflow_coaching": "Practice a process",
    "decision_support": "Think a decision through",
    "skill_development": "Build a skill",
    "onboarding": "Settle into a new job",
}
_LEVEL = {"beginner": "for beginners", "intermediate": "intermediate", "advanced": "advanced"}


def domain_caption(category: str, difficulty: str | None) -> str:
    """ "Build a skill · intermediate", under a coach's name on the Chat page."""
    what = _CATEGORY.get(category, category.replace("_", " ").capitalize())
    level = _LEVEL.get((difficulty or "").lower(), difficulty or "any level")
    return f"{what} · {level}"
