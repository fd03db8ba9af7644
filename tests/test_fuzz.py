"""Fuzzing the public entry points: nothing but an Article or a NewscleanError comes out.

In CI this runs with the derandomised ``ci`` profile; the full run is
``HYPOTHESIS_PROFILE=fuzz pytest tests/test_fuzz.py`` (100,000 examples a test).
"""

from __future__ import annotations

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
    try:
        article = CLEANER.clean_text(text)
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
