"""The small text helpers the offline coach, the rubric and the guardrails all stand on:
crude stemming that makes "paying application fees" meet "pay the application fee", the
learner's own words reflected back, and a stable choice among phrasings."""

from __future__ import annotations

from collections import Counter

import pytest

from coach.text import key_phrase, pick, spelled_out, stem, stems, words


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("paying", "pay"),  # -ing removed
        ("pay", "pay"),
        ("fees", "fee"),  # -s removed, not -es (too short)
        ("fee", "fee"),
        ("guaranteed", "guar"),  # -ed removed, cut to four letters
        ("guarantee", "guar"),
        ("Applications", "appl"),  # lower-cased
        ("application", "appl"),
        ("numbers", "numb"),
        ("number", "numb"),
    ],
)
def test_stem_makes_inflected_forms_meet(word: str, expected: str) -> None:
    assert stem(word) == expected


def test_stem_leaves_short_words_alone() -> None:
    # "is" must not lose its "s", "red" must not lose its "ed".
    assert stem("is") == "is"
    assert stem("red") == "red"
    assert stem("sing") == "sing"


def test_words_keeps_apostrophes_and_hyphens_and_drops_numbers() -> None:
    assert words("Don't self-doubt: 3 tries, $49!") == ["Don't", "self-doubt", "tries"]


def test_stems_drop_stopwords_short_words_and_the_learner_role() -> None:
    assert stems("I will do it for you") == set()
    assert stems("the student and the learners") == set()
    assert stems("Should I pay the application fees?") == {"shou", "pay", "appl", "fee"}


def test_stems_are_case_insensitive_and_a_set() -> None:
    assert stems("Essay essay ESSAYS") == {"essa"}


def test_key_phrase_reflects_the_most_substantial_sentence() -> None:
    text = "Hi. I called the customer about the delayed refund yesterday. Thanks!"
    assert key_phrase(text) == "I called the customer about the delayed refund yesterday"


def test_key_phrase_trims_long_sentences_with_an_ellipsis() -> None:
    text = " ".join(f"word{i}" for i in range(20)) + "."
    phrase = key_phrase(text, max_words=5)
    assert phrase == "word0 word1 word2 word3 word4…"


def test_key_phrase_strips_trailing_punctuation_of_short_sentences() -> None:
    assert key_phrase("My essay is about my grandmother!") == "My essay is about my grandmother"


@pytest.mark.parametrize("text", ["", "   ", "\n\n"])
def test_key_phrase_of_nothing_is_empty(text: str) -> None:
    assert key_phrase(text) == ""


def test_pick_is_stable_for_the_same_keys() -> None:
    options = ["alpha", "beta", "gamma", "delta"]
    first = pick(options, 3, "the same learner text")
    assert all(pick(options, 3, "the same learner text") == first for _ in range(20))


def test_pick_is_a_pure_function_of_its_keys() -> None:
    # The choice is a CRC of the keys, so it cannot depend on process state such as
    # PYTHONHASHSEED: this exact value is the same in every process.
    assert pick(["a", "b", "c"], 1, "hello") == pick(["a", "b", "c"], 1, "hello")
    assert pick(["only"], 7, "anything") == "only"


def test_pick_spreads_over_every_option() -> None:
    options = ["alpha", "beta", "gamma", "delta", "epsilon"]
    counts = Counter(pick(options, n, "learner") for n in range(1, 201))
    assert set(counts) == set(options)
    # Roughly even: no option takes more than half of 200 rounds.
    assert max(counts.values()) < 100


def test_pick_depends_on_every_key() -> None:
    options = [str(i) for i in range(50)]
    by_round = {pick(options, n, "same text") for n in range(1, 21)}
    by_text = {pick(options, 1, f"text {n}") for n in range(1, 21)}
    assert len(by_round) > 1
    assert len(by_text) > 1


def test_key_phrase_does_not_end_a_sentence_at_a_title() -> None:
    """'ask Ms. Lee to read it' was quoted back as '…and ask Ms'."""
    text = "I'll finish the draft tonight at 8 and ask Ms. Lee to read it tomorrow."
    assert key_phrase(text, 12) == "I'll finish the draft tonight at 8 and ask Ms. Lee to…"


def test_key_phrase_quotes_the_words_without_their_formatting_marks() -> None:
    # the quote sits inside the coach's reply, which is markdown: "**angry**" turned bold
    said = "I'd tell the **angry customer** ~~not~~ `now` and offer a refund by Tuesday"
    assert key_phrase(said) == "I'd tell the angry customer not now and offer a refund by Tuesday"


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("ill call u tmrw", "i'll call you tomorrow"),
        ("tonight at 8 ill search discovery", "tonight at 8 i'll search discovery"),
        ("i feel ill today", "i feel ill today"),  # unwell, not "I'll"
        ("ill be there", "i'll be there"),  # where the sentence starts
    ],
)
def test_chat_spellings_are_written_out(typed: str, read: str) -> None:
    assert spelled_out(typed) == read
