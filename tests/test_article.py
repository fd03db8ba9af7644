"""The output schema: validation and JSON round trips."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from hypothesis import given

import newsclean
from newsclean.strategies import articles


@given(articles())
def test_json_round_trip_of_any_article(article: newsclean.Article) -> None:
    assert newsclean.Article.from_json(article.to_json()) == article
    assert newsclean.Article.from_dict(article.to_dict()) == article


def test_to_dict_carries_the_text_for_readers() -> None:
    article = newsclean.Article(
        paragraphs=[newsclean.Paragraph("One."), newsclean.Paragraph("Two.")]
    )
    assert article.to_dict()["text"] == "One.\n\nTwo."
    assert article.text == "One.\n\nTwo."


def test_articles_are_frozen() -> None:
    article = newsclean.Article()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        article.title = "x"  # type: ignore[misc]


@pytest.mark.parametrize(
    "make",
    [
        lambda: newsclean.Paragraph(""),
        lambda: newsclean.Paragraph("x", kind="banner"),  # type: ignore[arg-type]
        lambda: newsclean.Language(code="Indonesian"),
        lambda: newsclean.Language(code="id", confidence=1.5),
        lambda: newsclean.Article(published=dt.datetime(2024, 1, 1)),
        lambda: newsclean.Removal(line=1, text="x", rule="r", reason="r", kind="weird"),
        lambda: newsclean.Removal(line=1, text="x", rule="r", reason="r", count=0),
        lambda: newsclean.Removal(line=None, text="x", rule="r", reason="r", count=2),
        lambda: newsclean.Removal(line=1, text="x", rule="r", reason="r", partial=True, count=2),
    ],
)
def test_validators_refuse_bad_values(make: object) -> None:
    with pytest.raises((ValueError, TypeError)):
        make()  # type: ignore[operator]


@pytest.mark.parametrize(
    "document",
    ['{"title": 5, "paragraphs": "x"}', "[1, 2]", "{not json", b"\xff\xfe"],
)
def test_from_json_refuses_bad_documents(document: str | bytes) -> None:
    with pytest.raises(newsclean.InvalidInputError):
        newsclean.Article.from_json(document)


def test_a_single_removal_has_no_count_in_json() -> None:
    """Records of one line serialise exactly as before runs were folded."""
    one = newsclean.Removal(line=3, text="ADVERTISEMENT", rule="common.ad-label", reason="ad")
    data = newsclean.Article(removed=[one]).to_dict()["removed"][0]
    assert "count" not in data
    assert list(one.lines) == [3]


def test_a_run_keeps_its_count_and_lines() -> None:
    run = newsclean.Removal(
        line=4, text="ADVERTISEMENT", rule="common.ad-label", reason="ad", count=3
    )
    article = newsclean.Article(removed=[run])
    assert article.to_dict()["removed"][0]["count"] == 3
    assert newsclean.Article.from_json(article.to_json()) == article
    assert list(run.lines) == [4, 5, 6]
    html_block = newsclean.Removal(line=None, text="x", rule="html.widget", reason="r", path="/p")
    assert list(html_block.lines) == []
