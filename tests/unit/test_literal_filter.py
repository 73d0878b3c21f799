"""The literal prefilter may only skip a pattern that cannot match: over every rubric pattern
and every labelled answer, and over generated text, "cannot match" is never wrong."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coach.literal_filter import fold, may_match, needles
from coach.rubric_data import compiled, compiled_concept, load_rubrics

DATA = Path(__file__).resolve().parent.parent / "data"


def rubric_patterns() -> list[re.Pattern[str]]:
    rubrics = load_rubrics()
    found = [compiled(p) for rule in rubrics.red_flags for p in rule.patterns]
    found += [compiled_concept(p) for concept in rubrics.concepts for p in concept.alone]
    for concept in rubrics.concepts:
        found += [compiled_concept(p.first) for p in concept.pairs]
        found += [compiled_concept(p.then) for p in concept.pairs]
    return found


PATTERNS = rubric_patterns()


def answers() -> list[str]:
    texts: list[str] = []
    for name in ("scored_rounds.json", "scored_rounds_validation.json"):
        texts += [r["learner_message"] for r in json.loads((DATA / name).read_text())]
    return texts


def test_needles_are_what_a_pattern_cannot_match_without() -> None:
    assert needles(re.compile(r"(?<!\w)(pay|wire) (the|a) fee", re.I)) == (
        frozenset({"pay", "wire"}),
        frozenset({" fee"}),
    )
    assert needles(re.compile(r"\d+ dollars?", re.I)) == (frozenset({" dollar"}),)
    # an optional part or a character class is never required
    assert needles(re.compile(r"(fee)?\w+", re.I)) == ()
    # one alternative without a literal means no set at all
    assert needles(re.compile(r"(fee|\d+)x", re.I)) == ()


def test_most_rubric_patterns_can_be_skipped_by_a_substring_test() -> None:
    assert sum(bool(needles(p)) for p in PATTERNS) >= 0.9 * len(PATTERNS)


def test_no_rubric_pattern_is_skipped_on_an_answer_it_matches() -> None:
    checked = 0
    for text in answers():
        folded = fold(text)
        for pattern in PATTERNS:
            if pattern.search(text):
                assert may_match(pattern, folded), (pattern.pattern[:80], text[:80])
                checked += 1
    assert checked > 50  # the answers do trip rubric patterns


@pytest.mark.parametrize("text", ["I'll ſend the fee", "PAY THE FEE", "Pay the \u212aey fee"])
def test_the_letters_ignorecase_maps_to_ascii_still_match(text: str) -> None:
    pattern = re.compile(r"(send|pay) the (fee|key fee)", re.I)
    assert pattern.search(text)
    assert may_match(pattern, fold(text))


def test_a_non_ascii_literal_is_never_a_needle() -> None:
    """`re` reads σ and ς as one letter under IGNORECASE; lower() does not."""
    pattern = re.compile("pay the fee σ", re.I)
    assert pattern.search("pay the fee ς")
    assert may_match(pattern, fold("pay the fee ς"))


WORDS = ["pay", "the", "fee", "send", "SSN", "bank", "details", "to", "secure", "I'll", "card"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(st.sampled_from(WORDS), st.text(alphabet="aKſıİ $.,!?-'", max_size=4)),
        max_size=14,
    )
)
def test_generated_text_never_skips_a_pattern_that_matches(parts: list[str]) -> None:
    text = " ".join(parts)
    folded = fold(text)
    for pattern in PATTERNS[:60]:
        if pattern.search(text):
            assert may_match(pattern, folded)
