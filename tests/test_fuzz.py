"""Fuzzing the public entry points: nothing but an Article or a NewscleanError comes out.

In CI this runs with the derandomised ``ci`` profile; the full run is
``HYPOTHESIS_PROFILE=fuzz pytest tests/test_fuzz.py`` (100,000 examples a test).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

import newsclean
from newsclean.strategies import article_texts, boilerplate_lines

CLEANER = newsclean.Cleaner(newsclean.Options(detect_language=False))

# Scraped-looking lines built from pieces that trigger rules, plus arbitrary text.
fragments = st.one_of(
    boilerplate_lines(),
    st.text(max_size=40),
    st.sampled_from(["\n", "\r\n", "\n\n", " - ", " | ", ": ", "(", ")", "[", "]", "&amp;"]),
    st.sampled_from(["Jakarta, CNBC Indonesia - ", "Baca juga:", "(sef/sef)", "WIB", "2024"]),
)
scraped = st.lists(fragments, max_size=30).map("".join)


def _clean(text: str) -> None:
    _expect_result_or_typed_error(CLEANER.clean_text, text)


def _expect_result_or_typed_error(
    clean: Callable[[Any], newsclean.Article], source: str | bytes
) -> None:
    """An Article that serialises, or a NewscleanError: nothing else may come out."""
    try:
        article = clean(source)
    except newsclean.NewscleanError:
        return
    assert isinstance(article, newsclean.Article)
    article.to_json()


@given(st.text())
def test_fuzz_arbitrary_text(text: str) -> None:
    _clean(text)


@given(scraped)
def test_fuzz_scraped_looking_text(text: str) -> None:
    _clean(text)


@given(article_texts(), st.text(max_size=20), st.integers(0, 10_000))
def test_fuzz_generated_articles_with_noise(sample: object, noise: str, at: int) -> None:
    text = sample.text  # type: ignore[attr-defined]
    position = at % (len(text) + 1)
    _clean(text[:position] + noise + text[position:])


# Page-looking markup: tags, attributes, entities and text pieces in any order.
markup = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "<html>",
                "</html>",
                "<body>",
                "<article>",
                "</article>",
                "<p>",
                "</p>",
                "<div class='share'>",
                "</div>",
                "<h1>",
                "</h1>",
                "<script>var x=1;</script>",
                "<nav>Home | News</nav>",
                '<meta property="og:title" content="T">',
                '<script type="application/ld+json">{"@type":"NewsArticle","headline":"H"}</script>',
                "<br>",
                "<!--",
                "-->",
                "&amp;",
                "&#0;",
                "<p class=",
                '"',
                "'",
                ">",
                "<",
            ]
        ),
        st.text(max_size=30),
        boilerplate_lines(),
    ),
    max_size=40,
).map("".join)


def _clean_html(source: str | bytes) -> None:
    _expect_result_or_typed_error(CLEANER.clean_html, source)


@given(markup)
def test_fuzz_html_markup(html: str) -> None:
    _clean_html(html)


@given(st.binary(max_size=300) | markup.map(lambda s: s.encode("utf-8", "surrogatepass")))
def test_fuzz_html_bytes(data: bytes) -> None:
    _clean_html(data)


SITE_CLEANER = newsclean.Cleaner(
    newsclean.Options(detect_language=False), sites={"example.com": newsclean.RuleSet()}
)


@given(st.text(max_size=60) | st.sampled_from(["http://[::1", "http://[x]/", "//", "http://"]))
def test_fuzz_any_url(url: str) -> None:
    """Any url string is recorded as given; none of them reaches a parser's exception."""
    for cleaner in (CLEANER, SITE_CLEANER):
        assert cleaner.clean_text("Harga beras naik tajam di pasar itu.", url=url).url == url
        cleaner.clean_html("<p>Harga beras naik tajam di pasar itu.</p>", url=url)
