"""Hostile and broken HTML: every case ends in a result or a typed error, quickly.

As in test_hostile_text.py, each bound is generous CPU time that catches a hang or
a quadratic blow-up; speed itself is measured by bench/bench_scaling.py.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsclean
from newsclean.html.extract import collapse_spaces
from tests.conftest import assert_sane_article, cpu_bound

CLEANER = newsclean.Cleaner(newsclean.Options(detect_language=False))
#: Without the element limit: dense pages are parsed, not refused, to check their time.
UNLIMITED = newsclean.Cleaner(
    newsclean.Options(detect_language=False, max_html_elements=10_000_000)
)
STORY = "Harga beras di pasar tradisional naik tajam selama sepekan terakhir menurut pedagang."
PARAS = "".join(f"<p>{STORY} Paragraf {i}.</p>" for i in range(5))


def page(body: str, head: str = "") -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


RESULT_CASES: dict[str, tuple[Callable[[], str | bytes], float]] = {
    "empty string": (lambda: "", 1),
    "empty bytes": (lambda: b"", 1),
    "empty document": (lambda: page(""), 1),
    "single 5 MB line": (lambda: page(f"<article><p>{'kata ' * 1_000_000}</p></article>"), 30),
    "10 MB of story paragraphs": (lambda: page("<article>" + PARAS * 8000 + "</article>"), 60),
    "NUL and control characters": (
        lambda: page("<article>" + PARAS.replace("</p>", "\x00\x01\x1b</p>") + "</article>"),
        5,
    ),
    "lone surrogates": (lambda: page(f"<article><p>\ud800{STORY}\udfff</p>{PARAS}</article>"), 5),
    "invalid UTF-8 bytes": (
        lambda: page(f"<article>{PARAS}</article>").encode() + b"\xff\xfe\xc3\x28\xa0\xa1",
        5,
    ),
    "mixed encodings": (
        lambda: (
            b'<meta charset="utf-8"><p>caf\xc3\xa9 </p><p>caf\xe9</p>' + page(PARAS).encode("utf-8")
        ),
        5,
    ),
    "unclosed and misnested tags": (lambda: "<div><p><b>" + PARAS + "<i></div></b><table><tr>", 5),
    "all boilerplate": (
        lambda: page(
            "".join("<p>Baca juga: Harga Naik</p><p>ADVERTISEMENT</p>" for _ in range(500))
        ),
        10,
    ),
    "no markup at all": (lambda: STORY * 100, 5),
}


@pytest.mark.parametrize("name", list(RESULT_CASES))
def test_hostile_html_ends_in_a_result(name: str) -> None:
    make, bound = RESULT_CASES[name]
    source = make()
    with cpu_bound(bound):
        article = CLEANER.clean_html(source)
    assert_sane_article(article)


def test_a_phrase_repeated_100000_times() -> None:
    html = page("<p>Read more</p>" * 100_000)
    with cpu_bound(2), pytest.raises(newsclean.InputTooLargeError, match="max_html_elements"):
        CLEANER.clean_html(html)  # too many elements for its size, refused before parsing
    with cpu_bound(60):
        article = UNLIMITED.clean_html(html)
    assert_sane_article(article)
    assert not article.paragraphs
    assert len(article.removed) == 100_000  # every repetition is on the trail


def test_nesting_100000_deep_is_a_typed_error() -> None:
    html = page("<div>" * 100_000 + STORY + "</div>" * 100_000)
    with cpu_bound(2), pytest.raises(newsclean.InputTooLargeError):
        CLEANER.clean_html(html)  # too many elements for its size, before the depth
    with cpu_bound(20), pytest.raises(newsclean.InputTooDeepError):
        UNLIMITED.clean_html(html)


def test_depth_limit_is_an_option() -> None:
    html = page("<div>" * 300 + f"<p>{STORY}</p>" + "</div>" * 300)
    assert STORY in CLEANER.clean_html(html).text
    shallow = newsclean.Cleaner(newsclean.Options(max_html_depth=100, detect_language=False))
    with pytest.raises(newsclean.InputTooDeepError, match="max_html_depth=100"):
        shallow.clean_html(html)


def test_50_mb_page_is_refused_before_parsing() -> None:
    html = "<p>" + "x" * 50_000_000 + "</p>"
    with cpu_bound(2), pytest.raises(newsclean.InputTooLargeError):
        CLEANER.clean_html(html)
    with cpu_bound(2), pytest.raises(newsclean.InputTooLargeError):
        CLEANER.clean_html(html.encode())


def test_element_limit_scales_with_the_page() -> None:
    """Up to the floor any elements pass; beyond it, elements need their average size."""
    floor = newsclean.options.DENSE_INPUT_FLOOR
    tiny = "<p>ab</p>" * (floor // 2)
    assert CLEANER.clean_html(page(tiny)).paragraphs
    with cpu_bound(2), pytest.raises(newsclean.InputTooLargeError, match="max_html_elements"):
        CLEANER.clean_html(page("<p>ab</p>" * (floor * 2)))
    roomy = f"<p>{STORY} {STORY}</p>" * (floor + 1_000)  # well over the chars per element
    assert CLEANER.clean_html(page(roomy)).paragraphs
    strict = newsclean.Cleaner(newsclean.Options(detect_language=False, max_html_elements=10))
    with pytest.raises(newsclean.InputTooLargeError, match="more than 10 elements"):
        strict.clean_html(page("<p>a</p>" * 20))


def test_mostly_control_characters_is_binary_not_html() -> None:
    with pytest.raises(newsclean.InvalidInputError, match="binary"):
        CLEANER.clean_html(page(PARAS.replace(" ", " \x00\x01\x1b")))


@pytest.mark.parametrize(
    "source",
    [b"\x00\x01\x02\x03" * 1000, b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 100, 12345, None],
)
def test_non_html_is_a_typed_error_or_a_result(source: object) -> None:
    try:
        article = CLEANER.clean_html(source)  # type: ignore[arg-type]
    except newsclean.NewscleanError:
        return
    assert isinstance(article, newsclean.Article)


def test_invisible_marks_in_html_boilerplate_are_still_recognised() -> None:
    html = page(f"<article>{PARAS}<p>\u200fRead\u200b Entire\u00a0Article\u200f</p></article>")
    article = CLEANER.clean_html(html)
    assert "Read" not in article.text
    assert "en.read-entire-article" in {r.rule for r in article.removed}


@given(st.text(max_size=200))
def test_space_collapsing_equals_split_and_join(text: str) -> None:
    """The list-free whitespace folding gives exactly ``" ".join(text.split())``."""
    assert collapse_spaces(text) == " ".join(text.split())
    # The chunked path for long texts, with chunks small enough to cut anywhere.
    for chunk in (1, 3, 8):
        assert collapse_spaces(text, chunk) == " ".join(text.split())


@given(st.text(st.sampled_from("ab \t\n\u00a0"), max_size=200))
def test_batched_text_length_equals_text_length(text: str) -> None:
    """The streamed length of text spread over many nodes, taken in batches, is its folded length."""
    from lxml.html import fragment_fromstring

    extract = importlib.import_module("newsclean.html.extract")  # the module, not the function

    el = fragment_fromstring("<div></div>")
    # Three characters a node, so words and runs of space cross node and batch borders.
    for start in range(0, len(text), 3):
        child = fragment_fromstring("<b></b>")
        child.text = text[start : start + 3]
        el.append(child)
    token = extract._LARGE_PAGE.set(True)
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(extract, "_BATCH_PIECES", 2)
            assert extract._text_len(el) == len(" ".join(text.split()))
    finally:
        extract._LARGE_PAGE.reset(token)
