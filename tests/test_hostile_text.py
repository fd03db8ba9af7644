"""Hostile and broken text: every case ends in a result or a typed error, quickly.

Bounds are stated per case as the most CPU seconds the case may use; they are
generous (ten times what a laptop needs) so that they catch a hang or a
quadratic blow-up, not a slow machine. Speed itself is measured in bench/.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

import newsclean
from newsclean.rules import RuleSet
from tests.conftest import assert_sane_article, cpu_bound

CLEANER = newsclean.Cleaner(newsclean.Options(detect_language=False))
#: Without the line limit: dense texts are cleaned, not refused, to check their time.
UNLIMITED = newsclean.Cleaner(newsclean.Options(detect_language=False, max_lines=10_000_000))
STORY = "Harga beras di pasar tradisional naik tajam selama sepekan terakhir menurut pedagang."


def _phrase_examples() -> list[str]:
    return [e for r in RuleSet.bundled().rules for e in r.examples][:400]


CASES: dict[str, tuple[Callable[[], str], float]] = {
    "single 5 MB line": (lambda: "kata " * 1_000_000, 20),
    "5 MB of one character": (lambda: "a" * 5_000_000, 20),
    "NUL and control characters": (lambda: ("\x00\x01\x1b" + STORY + "\x7f\n") * 2000, 10),
    "lone surrogates": (lambda: ("\ud800" + STORY + "\udfff\n") * 2000, 10),
    "all boilerplate": (lambda: "\n".join(_phrase_examples() * 25), 30),
    "near-miss dateline tokens": (lambda: ("A " * 50_000) + "- " + STORY, 10),
    "deeply bracketed": (lambda: "(" * 200_000 + STORY + ")" * 200_000, 20),
    "pipes without end": (lambda: "Ekonomi | " * 200_000, 20),
    "glued capitals": (lambda: "Baca juga" + "A" * 1_000_000, 10),
    "many dashes": (lambda: "Jakarta " + "- " * 500_000, 10),
    "empty": (lambda: "", 1),
}


#: Texts of more lines than the default line limit allows for their size.
DENSE: dict[str, tuple[Callable[[], str], float]] = {
    "every phrase repeated 100,000 times": (lambda: "Baca juga: Harga Naik\n" * 100_000, 30),
    "100,000 short lines": (lambda: "Harga\n" * 100_000, 30),
    "100,000 different removed lines": (
        lambda: "".join(f"Baca juga: Berita {i}\n" for i in range(100_000)),
        60,
    ),
}


@pytest.mark.parametrize("name", [*CASES, *DENSE])
def test_hostile_text_ends_in_a_result(name: str) -> None:
    """Every case is cleaned within its bound; the dense ones with the line limit off."""
    make, bound = CASES.get(name) or DENSE[name]
    cleaner = CLEANER if name in CASES else UNLIMITED
    text = make()
    with cpu_bound(bound):
        article = cleaner.clean_text(text)
    assert_sane_article(article)


@pytest.mark.parametrize("name", list(DENSE))
def test_dense_text_is_refused_quickly_by_default(name: str) -> None:
    make, _ = DENSE[name]
    with cpu_bound(2), pytest.raises(newsclean.InputTooLargeError, match="max_lines"):
        CLEANER.clean_text(make())


def test_line_limit_scales_with_the_text() -> None:
    """Up to the floor any lines pass; beyond it, lines need their average length."""
    floor = newsclean.options.DENSE_INPUT_FLOOR
    short = "Harga naik.\n" * floor  # the floor's worth of 12-character lines
    assert CLEANER.clean_text(short).paragraphs
    with pytest.raises(newsclean.InputTooLargeError):
        CLEANER.clean_text(short + "Harga naik.\n")
    per_line = newsclean.options.CHARS_PER_LINE
    long_line = "x" * (per_line - 1) + "\n"
    assert CLEANER.clean_text(long_line * (floor + 1_000)).paragraphs
    strict = newsclean.Cleaner(newsclean.Options(detect_language=False, max_lines=3))
    assert strict.clean_text("a\n\n\nb\nc").paragraphs  # blank lines do not count
    with pytest.raises(newsclean.InputTooLargeError, match="more than 3 lines"):
        strict.clean_text("a\nb\nc\nd")


def test_oversize_input_is_a_typed_error_before_any_work() -> None:
    small = newsclean.Cleaner(newsclean.Options(max_input_chars=1_000, detect_language=False))
    with cpu_bound(1), pytest.raises(newsclean.InputTooLargeError):
        small.clean_text("x" * 50_000_000)


@pytest.mark.parametrize(
    "decorated",
    [
        "Read\u200b Entire\u200b Article",  # zero-width spaces
        "\u200fRead Entire Article\u200f",  # right-to-left marks
        "\u202bRead Entire Article\u202c",  # embedding controls
        "Read\u00a0Entire\u00a0Article",  # no-break spaces
        "R\u00adead Entire Article",  # soft hyphen
    ],
)
def test_invisible_marks_do_not_hide_boilerplate(decorated: str) -> None:
    article = CLEANER.clean_text(f"{STORY}\n{decorated}")
    assert [r.rule for r in article.removed] == ["en.read-entire-article"]


def _first_phrases() -> list[tuple[str, str]]:
    found = []
    for rule in RuleSet.bundled().rules:
        sample = rule.phrases[0] if rule.phrases else (rule.examples[0] if rule.examples else "")
        if sample:
            found.append((rule.id, sample))
    return found


@pytest.mark.parametrize(("rule_id", "phrase"), _first_phrases(), ids=lambda v: str(v)[:30])
def test_every_rule_phrase_repeated_100000_times(rule_id: str, phrase: str) -> None:
    """On one line, 100,000 repetitions of a rule's phrase take linear time.

    Over ``Options.max_line_chars`` the line rules skip the line; the inline rules
    and the structural passes still read it, and none of them may backtrack.
    """
    text = " ".join([phrase] * 100_000)
    with cpu_bound(15):
        CLEANER.clean_text(text)
