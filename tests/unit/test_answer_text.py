"""Reading the learner's text: a title or an abbreviation does not end a sentence, and a
comma-separated run of terms is not a real sentence."""

from __future__ import annotations

import pytest

from coach.answer_text import Hit, gist, is_real_sentence, quote, sentences


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


def test_a_quote_cut_inside_its_sentence_says_so() -> None:
    """'"one I'll ask my supervisor for the checkout system"' was cut from "On day one" with
    nothing to show it; a cut now reads "…"."""
    text = "On day one I'll ask my supervisor for the checkout system login and shadow a shift."
    start = text.index("ask")
    phrase = quote(text, Hit(start, start + 3), 8)
    assert phrase.startswith("…") and phrase.endswith("…")
    assert phrase.strip("…") in text
    whole = "I'll call her at 3pm."
    assert quote(whole, Hit(0, len(whole)), 8) == "I'll call her at 3pm"  # nothing cut


def test_the_gist_skips_a_greeting() -> None:
    assert gist("Hi! I am starting at the campus library next week.").startswith("I am starting")
    assert gist("Hello") == "Hello"


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("ok srry. our reminder texts cut no-shows by 40%", "our reminder texts cut no-shows"),
        ("sorry, my bad. I would call him back", "I would call him back"),
        ("ok", "ok"),  # nothing else said: the words there are
    ],
)
def test_a_reason_quotes_the_answer_not_the_throat_clearing(text: str, quoted: str) -> None:
    """A browser audit: three dimensions read 'nothing yet in "ok srry"' for a message whose
    next sentence cut no-shows by 40%."""
    assert gist(text).startswith(quoted)
