"""Properties of the whole text path, over arbitrary text and generated articles."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

import newsclean
from newsclean.normalize import normalize_line, split_lines
from newsclean.strategies import ArticleText, article_texts

_WORD = re.compile(r"\w+")
CLEANER = newsclean.Cleaner()
FAST = newsclean.Cleaner(newsclean.Options(detect_language=False))

# Text that looks like scraped articles: words, punctuation, line breaks, odd spaces.
scrapeish = st.lists(
    st.sampled_from(
        [
            *"abcdefghij ABCDE .,:;!?-|()/\"'\n\n\n0123",
            "\xa0",
            "\u200b",
            "&amp;",
            "\r\n",
            "Baca juga: ",
            "Read Entire Article",
            "(sef/sef)",
            "Video: ",
            "Jakarta, CNBC - ",
        ]
    ),
    max_size=120,
).map("".join)
any_text = st.text(max_size=300) | scrapeish


def _is_subsequence(needle: list[str], haystack: list[str]) -> bool:
    it = iter(haystack)
    return all(word in it for word in needle)


def check_accounting(text: str, article: newsclean.Article) -> None:
    """Every non-empty line is in exactly one place; paragraphs come from their lines."""
    raw = split_lines(text)
    nonempty = {n for n, line in enumerate(raw, 1) if normalize_line(line)[0]}
    kept = [n for p in article.paragraphs for n in p.lines]
    whole = [n for r in article.removed if not r.partial for n in r.lines]
    assert len(kept) == len(set(kept)), "a line is in two paragraphs"
    assert not set(kept) & set(whole), "a line is both kept and removed"
    assert set(kept) | set(whole) == nonempty
    # A part cut from a line is recorded on a kept line, or on a line removed after the cut.
    assert {r.line for r in article.removed if r.partial} <= set(kept) | set(whole)
    # Order kept: paragraphs follow the input.
    assert kept == sorted(kept)
    # Never invents text: each paragraph's words occur, in order, in its own lines.
    for paragraph in article.paragraphs:
        source = " ".join(normalize_line(raw[n - 1])[0] for n in paragraph.lines)
        assert _is_subsequence(_WORD.findall(paragraph.text), _WORD.findall(source))


@given(any_text)
def test_total_on_any_text(text: str) -> None:
    """Any str gives an Article (no exception at all for str input within limits)."""
    article = FAST.clean_text(text)
    assert isinstance(article, newsclean.Article)
    check_accounting(text, article)


@given(any_text)
def test_idempotent(text: str) -> None:
    """Cleaning the clean text (telling the cleaner the title it found) changes nothing."""
    first = FAST.clean_text(text)
    again = FAST.clean_text(first.text, title=first.title)
    assert again.text == first.text


@given(any_text)
def test_deterministic(text: str) -> None:
    """Same input, same options: the same article, from this or a fresh cleaner."""
    fresh = newsclean.Cleaner()
    assert CLEANER.clean_text(text) == fresh.clean_text(text)


@given(any_text)
def test_json_round_trip(text: str) -> None:
    article = FAST.clean_text(text)
    assert newsclean.Article.from_json(article.to_json()) == article


@given(article_texts())
def test_generated_articles_keep_exactly_the_story(sample: ArticleText) -> None:
    """Story paragraphs mixed with real boilerplate: the story stays, the rest goes."""
    article = CLEANER.clean_text(sample.text)
    assert tuple(p.text for p in article.paragraphs) == sample.body
    assert article.title == sample.title
    check_accounting(sample.text, article)
    assert sum(r.count for r in article.removed if not r.partial) == len(sample.boilerplate) + (
        sample.title is not None
    )


@given(article_texts())
def test_generated_articles_idempotent(sample: ArticleText) -> None:
    first = FAST.clean_text(sample.text)
    again = FAST.clean_text(first.text, title=first.title)
    assert again.text == first.text
    assert again.removed == ()
