"""Listing text in a plain-text email: every address a mail client would link is written
unclickable, and ordinary titles are left exactly as they are."""

from __future__ import annotations

import pytest

from coach.mail_text import defanged


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("https://evil.example/x", "hxxps://evil[.]example/x"),
        ("HTTP://EVIL.EXAMPLE", "HxxP://EVIL[.]EXAMPLE"),
        ("www.evil.example", "www[.]evil[.]example"),
        ("Scholarships.com Award", "Scholarships[.]com Award"),
        ("write to apply@fund.org", "write to apply[at]fund[.]org"),
        ("see 10.0.0.1:8080/x", "see 10[.]0[.]0[.]1:8080/x"),
        ("javascript:alert(1)", "javascript[:]alert(1)"),
        ("mailto:a@b.org", "mailto[:]a[at]b[.]org"),
    ],
)
def test_an_address_is_written_unclickable(text: str, shown: str) -> None:
    assert defanged(text) == shown


@pytest.mark.parametrize(
    "title",
    [
        "The Gates Scholarship",
        "Coca-Cola Scholars Program",
        "Dr. Smith's U.S. History Award",
        "St. Jude's $1,000.50 award, e.g. for nurses",
        "Jeannette Rankin Women's Scholarship Fund (2026-27)",
    ],
)
def test_an_ordinary_title_is_left_as_it_is(title: str) -> None:
    assert defanged(title) == title
