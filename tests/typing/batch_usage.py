"""Checked by ``mypy --strict``: batch cleaning is pleasant to type against."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import newsclean


def titles(records: Iterable[str | bytes | Mapping[str, object]]) -> list[str | None]:
    cleaner = newsclean.Cleaner()
    out: list[str | None] = []
    for result in cleaner.clean_many(records, jobs=2):
        if result.ok and result.article is not None:
            out.append(result.article.title)
        elif result.error is not None:
            out.append(f"{result.id}: {result.error.type}")
    return out


def failures(results: Iterable[newsclean.BatchResult]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for result in results:
        error: newsclean.RecordError | None = result.error
        if error is not None:
            counts[error.type] = counts.get(error.type, 0) + 1
    return counts
