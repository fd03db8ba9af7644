"""The entry points: :class:`Cleaner` and the one-call :func:`clean_text`.

A :class:`Cleaner` holds options and rules, is immutable and picklable, and can be
reused for any number of articles (and shipped to worker processes). The module
functions build a default cleaner once and use it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

import attrs

from newsclean.article import Article, Language, StepRecord
from newsclean.assemble import build_article
from newsclean.document import Document, Line
from newsclean.errors import InputTooLargeError, InvalidInputError
from newsclean.language import detect_language
from newsclean.normalize import normalize_line, split_lines
from newsclean.options import Options
from newsclean.passes import PASSES
from newsclean.rules import Rule, RuleSet

if TYPE_CHECKING:
    from newsclean.batch import BatchResult


@attrs.frozen
class Cleaner:
    """Cleans scraped articles with fixed options and rules.

    >>> cleaner = Cleaner()
    >>> cleaner.clean_text("Short headline\\n\\nA story sentence that goes on for long enough "
    ...                    "to count as the body of the article.\\n\\nADVERTISEMENT").title
    'Short headline'
    """

    options: Options = attrs.field(factory=Options, validator=attrs.validators.instance_of(Options))
    rules: RuleSet = attrs.field(factory=RuleSet.bundled)
    _active: tuple[Rule, ...] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        active = self.rules.active(self.options.languages, self.options.disabled_rules)
        object.__setattr__(self, "_active", active)

    def clean_text(
        self,
        text: str,
        *,
        url: str | None = None,
        fetched_at: dt.datetime | None = None,
        title: str | None = None,
    ) -> Article:
        """Clean scraped article text.

        ``url`` is recorded on the article. ``fetched_at`` (timezone-aware) is when the
        page was fetched; relative stamps ("3 weeks ago") are resolved against it
        and only against it. ``title``, when the scraper has the headline, is used
        instead of guessing one, and a line repeating it is removed from the body.

        Empty or whitespace-only text gives an empty article. Raises
        :class:`InvalidInputError` for a non-``str`` text or naive ``fetched_at``,
        and :class:`InputTooLargeError` over ``Options.max_input_chars``.
        """
        if not isinstance(text, str):
            msg = f"text must be str, got {type(text).__name__}"
            raise InvalidInputError(msg)
        _check_common(url, fetched_at, title)
        if len(text) > self.options.max_input_chars:
            msg = (
                f"text has {len(text):,} characters, over max_input_chars="
                f"{self.options.max_input_chars:,}"
            )
            raise InputTooLargeError(msg)
        lines, steps = _numbered_lines(text)
        return self._clean_lines(lines, steps, url=url, fetched_at=fetched_at, title=title)

    def clean_many(self, records: Iterable[object], *, jobs: int = 1) -> Iterator[BatchResult]:
        """Clean a stream of records: one result per record, in order, never an exception.

        Records are ``str``, ``bytes`` or mappings with ``text`` or ``html`` and
        optional ``id``, ``url``, ``fetched_at``, ``title``; ``jobs`` worker
        processes clean in parallel. See :mod:`newsclean.batch`.
        """
        from newsclean.batch import clean_many

        return clean_many(self, records, jobs=jobs)

    def _clean_lines(
        self,
        lines: list[Line],
        steps: tuple[StepRecord, ...],
        *,
        url: str | None,
        fetched_at: dt.datetime | None,
        title: str | None,
    ) -> Article:
        given = normalize_line(title)[0] or None if title is not None else None
        doc = Document(
            lines=lines,
            options=self.options,
            rules=self.rules,
            active_rules=self._active,
            given_title=given,
        )
        for _name, run in PASSES:
            run(doc)
        language = self._language(doc)
        return build_article(doc, language=language, url=url, fetched_at=fetched_at, steps=steps)

    def _language(self, doc: Document) -> Language:
        if not self.options.detect_language:
            return Language.undetermined("detection off")
        body = "\n".join(line.body for line in doc.lines if line.kept and line.body)
        return detect_language(body, threshold=self.options.language_threshold)


def _check_common(url: object, fetched_at: object, title: object) -> None:
    if url is not None and not isinstance(url, str):
        msg = f"url must be str or None, got {type(url).__name__}"
        raise InvalidInputError(msg)
    if title is not None and not isinstance(title, str):
        msg = f"title must be str or None, got {type(title).__name__}"
        raise InvalidInputError(msg)
    if fetched_at is not None:
        if not isinstance(fetched_at, dt.datetime):
            msg = f"fetched_at must be a datetime, got {type(fetched_at).__name__}"
            raise InvalidInputError(msg)
        if fetched_at.tzinfo is None or fetched_at.utcoffset() is None:
            msg = "fetched_at must be timezone-aware (e.g. datetime.now(timezone.utc))"
            raise InvalidInputError(msg)


def _numbered_lines(text: str) -> tuple[list[Line], tuple[StepRecord, ...]]:
    lines: list[Line] = []
    changed: Counter[str] = Counter()
    for number, raw in enumerate(split_lines(text), start=1):
        fixed, applied = normalize_line(raw)
        changed.update(applied)
        if fixed:
            lines.append(Line(index=len(lines), number=number, text=fixed, body=fixed))
    steps = tuple(StepRecord(step=name, lines=count) for name, count in changed.items())
    return lines, steps


@lru_cache(maxsize=1)
def _default_cleaner() -> Cleaner:
    return Cleaner()


def clean_text(
    text: str,
    *,
    url: str | None = None,
    fetched_at: dt.datetime | None = None,
    title: str | None = None,
) -> Article:
    """Clean scraped article text with the default :class:`Cleaner`.

    See :meth:`Cleaner.clean_text`.
    """
    return _default_cleaner().clean_text(text, url=url, fetched_at=fetched_at, title=title)
