from coach.finder import finds, query_roots

NURSING = ("Texas Nursing Scholars", "Texas Higher Education Board", "For nursing majors ✓")


def found(query: str, *texts: str | None) -> bool:
    return finds(query_roots(query), texts)


def test_an_empty_box_finds_everything() -> None:
    assert found("", *NURSING)
    assert found("   ", *NURSING)


def test_every_typed_word_must_begin_a_word_of_the_listing() -> None:
    assert found("nursing texas", *NURSING)
    assert not found("nursing ohio", *NURSING)
    # inside a word is not a hit: "ing" must not find every "-ing"
    assert not found("ursing", *NURSING)


def test_a_word_in_another_form_is_found() -> None:
    assert found("nurse", *NURSING)
    assert found("nurses", *NURSING)
    assert found("teacher", "Future Teaching Fellows")
    assert found("engineers", "Society of Women Engineers")


def test_case_and_accents_do_not_matter() -> None:
    assert found("LATINA", "Becas Latiña")
    assert found("latiña", "Becas Latina")


def test_the_sponsor_and_reasons_are_searched_too() -> None:
    assert found("board", *NURSING)
    assert found("majors", *NURSING)


def test_a_missing_text_is_skipped() -> None:
    assert found("dell", "Dell Scholars", None)


def test_an_over_long_paste_is_cut() -> None:
    (only,) = query_roots("x" * 10_000)
    assert len(only) <= 100
