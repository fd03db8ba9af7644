"""The class-hint data file of the HTML extractor: loads, checks itself, drives the hints."""

from __future__ import annotations

import pytest

from newsclean import RuleFileError
from newsclean.html.hints import bundled_hints, parse_hints

_MINIMAL = """
[unlikely]
patterns = ["sidebar"]
[furniture]
patterns = ["comment"]
[maybe]
patterns = ["story"]
[image_note]
subjects = ["photo"]
notes = ["credit"]
[teaser]
patterns = ["teaser"]
[positive]
patterns = ["story"]
[negative]
patterns = ["sidebar"]
[deck]
words = ["standfirst"]
[[kind]]
kind = "share"
words = ["share"]
"""


def test_bundled_hints_load() -> None:
    hints = bundled_hints()
    assert hints.unlikely.search("site-sidebar")
    assert hints.maybe.search("main-content")
    assert hints.image_note.search("post-image-credits")
    assert hints.positive.search("Article-Body")  # case-insensitive
    assert hints.negative.search("hid")
    assert not hints.negative.search("hidalgo")
    assert "bajada" in hints.deck_words
    assert ("disclaimer",) in {words for words, _ in hints.kinds}


def test_pattern_syntax_is_kept() -> None:
    """Entries are regular-expression alternatives: "lead(?!er)" spares "leader"."""
    hints = bundled_hints()
    assert hints.maybe.search("lead-paragraph")
    assert not hints.maybe.search("leaderboard")


def test_furniture_words_are_unlikely_words_too() -> None:
    """[furniture] words join the unlikely words; only they are in ``furniture``."""
    hints = parse_hints(_MINIMAL)
    assert hints.unlikely.search("story-comments")
    assert hints.unlikely.search("sidebar")
    assert hints.furniture.search("story-comments")
    assert not hints.furniture.search("sidebar")


def test_bundled_furniture_words() -> None:
    """ "meta" spares "metal", "comment" spares "commentary" (an opinion column)."""
    hints = bundled_hints()
    assert hints.furniture.search("entry-meta")
    assert not hints.furniture.search("metal-roof")
    assert hints.furniture.search("post-comments")
    assert not hints.furniture.search("article-commentary")


def test_minimal_file_parses() -> None:
    hints = parse_hints(_MINIMAL)
    assert hints.image_note.pattern == "(?:photo)[-_]*(?:credit)"
    assert hints.kinds == ((("share",), "share"),)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[unlikely", "not valid TOML"),
        (_MINIMAL.replace('[maybe]\npatterns = ["story"]', ""), "[maybe]"),
        (_MINIMAL.replace('patterns = ["sidebar"]', "patterns = []", 1), "[unlikely]"),
        (_MINIMAL.replace('patterns = ["comment"]', "patterns = []"), "[furniture]"),
        (_MINIMAL.replace('"story"]\n[image', '"(story"]\n[image'), "regular expression"),
        (_MINIMAL.replace('kind = "share"', 'kind = "gossip"'), "not a removal kind"),
        (_MINIMAL.replace('words = ["share"]', "words = [3]"), "[kind]"),
    ],
)
def test_bad_file_is_a_rule_file_error(text: str, message: str) -> None:
    with pytest.raises(RuleFileError, match=message.replace("[", r"\[").replace("]", r"\]")):
        parse_hints(text, origin="test.toml")
