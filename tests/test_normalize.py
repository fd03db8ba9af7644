"""Each normalisation fixer: what it fixes, and its properties on any text."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsclean.normalize import FIXERS, iter_lines, normalize_line, normalize_text

FIXER_IDS = [name for name, _ in FIXERS]


@pytest.mark.parametrize(
    ("raw", "expected", "steps"),
    [
        ("Tom &amp; Jerry", "Tom & Jerry", ("unescape_entities",)),
        ("&#8220;kutipan&#8221;", "“kutipan”", ("unescape_entities",)),
        ("Cafe\u0301", "Caf\u00e9", ("compose_unicode",)),
        ("Baca\u200b juga\ufeff", "Baca juga", ("remove_invisible",)),
        ("a\x00b\x1b", "ab", ("remove_control",)),
        (
            "\u00a0Jakarta,\u2009CNBC\t\tIndonesia  ",
            "Jakarta, CNBC Indonesia",
            ("normalize_spaces",),
        ),
        ("plain text", "plain text", ()),
        ("x &nbsp; y", "x y", ("unescape_entities", "normalize_spaces")),
        ("lone \ud800 surrogate", "lone surrogate", ("remove_control", "normalize_spaces")),
        ("R&D and AT&T; &notanentity", "R&D and AT&T; &notanentity", ()),
    ],
)
def test_fixers(raw: str, expected: str, steps: tuple[str, ...]) -> None:
    assert normalize_line(raw) == (expected, steps)


def test_normalize_text_drops_empty_lines() -> None:
    assert normalize_text("a\r\n\r\n \u00a0 \nb\u2028c") == "a\nb\nc"


@pytest.mark.parametrize("name", FIXER_IDS)
@given(text=st.text(max_size=200))
def test_each_fixer_is_idempotent_and_total(name: str, text: str) -> None:
    fixer = dict(FIXERS)[name]
    once = fixer(text)
    assert fixer(once) == once


@given(st.text(max_size=300))
def test_normalize_line_is_a_fixed_point(text: str) -> None:
    once, _ = normalize_line(text)
    assert normalize_line(once) == (once, ())


@given(st.text(max_size=300))
def test_normalize_line_output_is_clean(text: str) -> None:
    once, _ = normalize_line(text)
    assert once == once.strip(" ")
    assert "  " not in once
    assert unicodedata.is_normalized("NFC", once)
    assert not any(unicodedata.category(ch) in ("Cc", "Cs") for ch in once if ch != "\t")


@given(st.text(alphabet=st.characters(categories=["L", "N"]), max_size=100))
def test_never_invents_letters(text: str) -> None:
    """Letters and digits are never added or dropped (up to NFC composition)."""
    once, _ = normalize_line(text)
    assert once == unicodedata.normalize("NFC", text)


_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"


@given(st.text(st.sampled_from(f"ab {_BREAKS}") | st.characters(), max_size=60))
def test_iter_lines_splits_like_splitlines(text: str) -> None:
    """The lazy splitter gives exactly the lines (and so the numbers) of str.splitlines."""
    assert list(iter_lines(text)) == text.splitlines()
