"""Reading the learner's text: a title or an abbreviation does not end a sentence, and a
comma-separated run of terms is not a real sentence."""

from __future__ import annotations

import pytest

from coach.answer_text import is_real_sentence, sentences


@pytest.mark.parametrize(
    "text",
    [
        "I'll email Dr. Okafor's office today.",
        "We quote the St. Jude's pilot, e.g. the 12% drop.",
        "Mr. Lee and Ms. Ruiz both signed off on Friday.",
    ],
)
def test_a_title_or_abbreviation_does_not_end_the_sentence(text: str) -> None:
    assert len(sentences(text)) == 1


def test_sentences_still_end_at_a_full_stop() -> None:
    assert len(sentences("I'll call Sam. Then I'll email the team.")) == 2


def test_a_list_of_terms_is_not_a_sentence() -> None:
    assert not is_real_sentence("microservices, Kafka, Kubernetes, Redis")
    assert is_real_sentence("Rebase on main and run the tests locally")
