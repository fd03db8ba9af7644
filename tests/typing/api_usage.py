"""Checked by ``mypy --strict``: the public API is pleasant to type against."""

from __future__ import annotations

import datetime as dt

import attrs

import newsclean


def headline_and_body(text: str) -> tuple[str | None, str]:
    article: newsclean.Article = newsclean.clean_text(
        text, fetched_at=dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)
    )
    return article.title, article.text


def reusable_cleaner(texts: list[str]) -> list[str]:
    options = attrs.evolve(newsclean.Options(), languages=("id", "en"))
    cleaner = newsclean.Cleaner(options)
    return [cleaner.clean_text(t).language.code for t in texts]


def audit(article: newsclean.Article) -> dict[str, int]:
    counts: dict[str, int] = {}
    for removal in article.removed:
        counts[removal.rule] = counts.get(removal.rule, 0) + 1
    return counts


def round_trip(article: newsclean.Article) -> newsclean.Article:
    return newsclean.Article.from_json(article.to_json())


def safe_clean(text: object) -> newsclean.Article | None:
    try:
        return newsclean.clean_text(text)  # type: ignore[arg-type]
    except newsclean.NewscleanError:
        return None


def page_fields(page: bytes) -> tuple[str | None, str | None, dt.datetime | None]:
    article = newsclean.clean_html(page, url="https://example.com/a")
    return article.site_name, article.canonical_url, article.modified
