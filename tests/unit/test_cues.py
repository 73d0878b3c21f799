"""How a coach pack's cues find a learner's words: from a word's start, short ones whole,
typed shorthand spelled out, overlapping cues counted once, and "I don't know" not taken
for an answer."""

from __future__ import annotations

from coach.cues import cue_pattern, distinct_hits, hits, known_part


def test_a_cue_matches_from_the_start_of_a_word_and_a_short_one_only_whole() -> None:
    assert cue_pattern("negotiat").search("we negotiated the terms")
    assert not cue_pattern("negotiat").search("renegotiated")
    assert cue_pattern("cap").search("where do you land on CAP?")
    assert not cue_pattern("cap").search("my capstone project")
    assert cue_pattern("ask").search("I asked her")  # a short word whose forms are meant too


def test_a_regular_expression_cue_is_used_as_written() -> None:
    assert cue_pattern(r"re:\bq[1-4]\b").search("call me in Q3")


def test_shorthand_is_spelled_out_before_the_cues_are_counted() -> None:
    assert hits(["tomorrow", "call"], "ill call u tmrw") == 2
    assert hits(["tomorrow"], "next week") == 0


def test_overlapping_cues_are_one_place_in_the_words() -> None:
    cues = ["that's on us", "on us", "sorry"]
    assert hits(cues, "that's on us") == 2
    assert distinct_hits(cues, "that's on us") == 1
    assert distinct_hits(cues, "sorry, that's on us") == 2


def test_a_sentence_saying_the_learner_does_not_know_covers_nothing() -> None:
    said = "idk who actually approves it. I'll ask Sam on Monday."
    assert known_part(said).strip() == "I'll ask Sam on Monday."
    assert known_part("maybe the owner?") == ""
    assert known_part("The owner signs.") == "The owner signs."


def test_someone_named_but_not_met_yet_is_known() -> None:
    """An audit: "We haven't met the CFO yet, who signs anything over 50k." was read as not
    knowing who signs, and the coach asked "Who signs the contract…?" next."""
    said = "We haven't met the CFO yet, who signs anything over 50k."
    assert known_part(said) == said
    assert known_part("haven't talked to Dana yet, she owns the budget") != ""
    assert known_part("I haven't met whoever signs.") == ""
    assert known_part("never spoken to anyone who decides") == ""
