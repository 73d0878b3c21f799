"""The offline report card: averages that skip what was not scored, and strengths and next
steps that name the right dimensions in plain words against the persona's goal."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest

from coach.report import (
    NothingScored,
    ReportNumbers,
    average,
    chart_rows,
    dimension_label,
    offline_report,
    report_numbers,
    rescored_average,
    without_rescored_quotes,
)

DIMS = ["empathy", "clarity", "de_escalation", "problem_resolution"]
GOAL = "Learner demonstrates improved communication skills across multiple scenario types"


@dataclass(frozen=True)
class Round:
    round_number: int
    score: int | None
    dimension_scores: dict[str, Any] | None
    learner_message: str = "I said sorry and offered a refund by Friday."


def test_averages_skip_unscored_rounds_and_unscored_dimensions() -> None:
    rounds = [
        Round(1, 7, {"empathy": 8, "clarity": 6, "de_escalation": None, "problem_resolution": 5}),
        Round(2, 8, {"empathy": 9, "clarity": 7, "de_escalation": 6, "problem_resolution": 8}),
        Round(3, None, None),  # the judge failed: not a zero
    ]

    numbers = report_numbers(rounds, DIMS)

    assert numbers.rounds_scored == 2
    assert numbers.overall_average == Decimal("7.5")
    assert numbers.dimension_averages == {
        "empathy": Decimal("8.5"),
        "clarity": Decimal("6.5"),
        "de_escalation": Decimal("6.0"),  # one score, not (None + 6) / 2
        "problem_resolution": Decimal("6.5"),
    }
    assert list(numbers.dimension_averages) == DIMS  # the persona's order


def test_a_dimension_nobody_scored_is_absent() -> None:
    rounds = [Round(1, 6, {"empathy": 6, "clarity": None}), Round(2, 7, {"empathy": 8})]
    assert report_numbers(rounds, ["empathy", "clarity"]).dimension_averages == {
        "empathy": Decimal("7.0")
    }


def test_rounding_is_half_up_as_in_postgres() -> None:
    assert average([7, 8]) == Decimal("7.5")
    assert average([1, 1, 2]) == Decimal("1.3")
    assert average([6, 7, 7, 9]) == Decimal("7.3")  # 7.25 -> 7.3, not banker's 7.2
    assert average([7.5, 8]) == Decimal("7.8")  # 7.75 -> 7.8


def test_nothing_scored_is_refused_with_a_sentence() -> None:
    with pytest.raises(NothingScored, match="Nothing in this session has been scored yet"):
        report_numbers([Round(1, None, None)], DIMS)
    with pytest.raises(NothingScored):
        report_numbers([], DIMS)


def test_strengths_name_the_strong_dimensions_and_next_steps_the_weak_ones() -> None:
    rounds = [
        Round(
            1,
            7,
            {"empathy": 9, "clarity": 8, "de_escalation": 4, "problem_resolution": 5},
            "I told her I understood why she was upset.",
        ),
        Round(2, 7, {"empathy": 8, "clarity": 7, "de_escalation": 5, "problem_resolution": 6}),
    ]

    _, words = offline_report(rounds, dimensions=DIMS, success_conditions=GOAL)

    assert [line.split(":")[0] for line in words.strengths] == ["Empathy", "Clarity"]
    assert words.next_steps[0].startswith(  # weakest first, with a move to make
        "Work on de-escalation (4.5/10): acknowledge the frustration"
    )
    assert words.next_steps[1].startswith(
        "Work on problem resolution (5.5/10): end with what you will do and by when"
    )
    assert len(words.next_steps) == 2  # strong dimensions are not "next steps"
    assert "I told her I understood why she was upset" in words.strengths[0]  # their words
    # held against the goal, said to the learner: not "Learner demonstrates improved…"
    said = "your goal: show improved communication skills across multiple scenario types"
    assert said in words.strengths[0] and said in words.next_steps[0]
    assert "Learner" not in words.strengths[0] + words.next_steps[0] + words.summary
    assert "strongest in empathy" in words.summary
    assert "most room to grow in de-escalation" in words.summary
    assert all(len(line) <= 300 for line in words.strengths + words.next_steps)


def test_when_nothing_is_strong_yet_the_best_so_far_is_named_honestly() -> None:
    rounds = [Round(1, 4, {"empathy": 5, "clarity": 3, "de_escalation": 4})]

    _, words = offline_report(rounds, dimensions=DIMS, success_conditions=GOAL)

    [strength] = words.strengths
    assert strength.startswith("Your strongest so far is empathy, at 5.0/10")
    assert [s.split(" (")[0] for s in words.next_steps] == [
        "Work on clarity",
        "Work on de-escalation",
    ]


def test_a_low_best_is_not_called_a_strength() -> None:
    """'Your strongest so far is option evaluation, at 2.6/10' read as praise for a 2.6."""
    rounds = [Round(1, 3, {"empathy": 3, "clarity": 2, "de_escalation": 2})]

    _, words = offline_report(rounds, dimensions=DIMS, success_conditions=GOAL)

    [strength] = words.strengths
    assert strength.startswith("Nothing is a strength yet; your best so far is empathy, at 3.0/10")
    assert "counts toward your goal" not in strength
    assert "strongest" not in words.summary and "most room to grow in" in words.summary


def test_a_strong_answer_among_weak_ones_is_named_as_the_best() -> None:
    """An audit's session had a 9/10 answer and a card that said "Nothing is a strength
    yet; your best so far is requirements clarity, at 4.1/10"."""
    rounds = [
        Round(1, 2, {"empathy": 2, "clarity": 2, "de_escalation": 2}),
        Round(
            2, 9, {"empathy": 9, "clarity": 8, "de_escalation": 8}, "I hear you, let me fix it now."
        ),
        Round(3, 2, {"empathy": 2, "clarity": 2, "de_escalation": 2}),
    ]
    _, words = offline_report(rounds, dimensions=DIMS, success_conditions=GOAL)
    [strength] = words.strengths
    assert strength.startswith(
        "At your best, empathy: 9/10 when you said “I hear you, let me fix it now”. It averages "
        "4.3/10 so far, so bring that to every answer"
    )
    assert "Nothing is a strength" not in strength


def test_when_everything_is_strong_the_weakest_is_still_stretched() -> None:
    rounds = [Round(1, 9, {"empathy": 9, "clarity": 8})]
    _, words = offline_report(rounds, dimensions=["empathy", "clarity"], success_conditions=None)
    assert len(words.strengths) == 2
    assert words.next_steps == [
        "Keep stretching clarity (8.0/10): say it in one short sentence with one concrete detail."
    ]


def test_a_persona_without_dimensions_still_gets_a_report() -> None:
    numbers, words = offline_report(
        [Round(1, 6, None)], dimensions=[], success_conditions="Ship one fix"
    )
    assert numbers == ReportNumbers(
        rounds_scored=1, overall_average=Decimal("6.0"), dimension_averages={}
    )
    # a goal written some other way is quoted as the persona has it
    assert "6.0/10" in words.strengths[0] and "“Ship one fix”" in words.next_steps[0]


def test_plain_word_labels_for_the_card_and_the_chart() -> None:
    assert dimension_label("problem_resolution") == "problem resolution"
    assert dimension_label("de_escalation") == "de-escalation"
    assert dimension_label("trade_off_analysis") == "trade-off analysis"
    assert chart_rows({"de_escalation": Decimal("6.5"), "empathy": Decimal("8")}) == [
        ("de-escalation", 6.5),
        ("empathy", 8.0),
    ]


def test_the_moment_quoted_as_a_strength_is_something_said_not_asked() -> None:
    """A browser audit: a strength read "at its best when you said 'What should I do
    today'"; the round's answer was in its other sentence."""
    rounds = [
        Round(
            1,
            7,
            {"empathy": 9, "clarity": 8, "de_escalation": 8, "problem_resolution": 8},
            "What should I do today about the Hometown essay, the Cal Grant form and the "
            "STEM award? I'll block 6 to 7 pm.",
        ),
        Round(2, 8, {"empathy": 8, "clarity": 8, "de_escalation": 8, "problem_resolution": 8}),
    ]
    _, words = offline_report(rounds, dimensions=DIMS, success_conditions=GOAL)
    assert "I'll block 6 to 7 pm" in words.strengths[0]
    assert "What should I do today" not in " ".join(words.strengths)


@dataclass
class Reviewed:
    ai_score: int | None
    score: int | None


def test_the_average_with_a_coachs_scores_only_when_a_coach_changed_one() -> None:
    assert rescored_average([Reviewed(6, 6), Reviewed(4, 4), Reviewed(None, None)]) is None
    assert rescored_average([Reviewed(6, 4), Reviewed(4, 4), Reviewed(None, None)]) == Decimal(
        "4.0"
    )


def test_a_skill_shown_once_is_asked_for_every_time_not_taught_as_new() -> None:
    """An audit: "Work on decision rationale (5.0/10): write down why you chose, in one
    sentence" after a round that chose B and said why. A skill a round scored 8 or more on
    is asked for as a habit, quoting that round, and a skill never shown comes first."""
    rounds = [
        Round(1, 5, {"empathy": 8, "clarity": 4, "de_escalation": 3, "problem_resolution": 5}),
        Round(
            2,
            5,
            {"empathy": 2, "clarity": 5, "de_escalation": 5, "problem_resolution": 4},
            "I want to fix this today.",
        ),
        Round(3, 6, {"empathy": 5, "clarity": 6, "de_escalation": 6, "problem_resolution": 5}),
    ]
    _, words = offline_report(rounds, dimensions=DIMS, success_conditions=GOAL)
    habit = next(line for line in words.next_steps if "empathy" in line)
    assert habit.startswith("Make empathy a habit (5.0/10 on average): you showed it when")
    assert "I said sorry and offered a refund by Friday" in habit
    assert words.next_steps[0].startswith("Work on problem resolution")
    assert "empathy" not in words.summary.split("most room to grow in")[-1]


@dataclass(frozen=True)
class Quoted:
    round_number: int
    ai_score: int | None
    score: int | None
    learner_message: str


def test_a_line_quoting_a_round_a_coach_scored_lower_is_left_out_saying_so() -> None:
    """A coach-review audit: after the coach scored "calm down, it's our policy" 2/10, the
    card still called it the learner's best. A round a coach raised, or left, is quoted."""
    best = "If he says it's too expensive I'll say calm down, it's our policy."
    rounds = [
        Round(
            1, 5, {"empathy": 9, "clarity": 4, "de_escalation": 3, "problem_resolution": 4}, best
        ),
        Round(2, 4, {"empathy": 3, "clarity": 5, "de_escalation": 4, "problem_resolution": 4}),
    ]
    _, words = offline_report(rounds, dimensions=DIMS, success_conditions=GOAL)
    quoting = [line for line in words.strengths if "calm down" in line]
    assert quoting, words.strengths  # the card quotes it as the best answer
    lowered = [Quoted(1, 5, 2, best), Quoted(2, 4, 4, rounds[1].learner_message)]
    shown = without_rescored_quotes(words.strengths, lowered)
    assert not [line for line in shown if "calm down" in line]
    assert (
        "Left out: this line quoted round 1, which a coach has since scored 2/10 "
        "(the AI gave it 5/10)." in shown
    )
    assert len(shown) == len(words.strengths)
    raised = [Quoted(1, 5, 8, best)]
    assert without_rescored_quotes(words.strengths, raised) == words.strengths
