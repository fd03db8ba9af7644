"""The entry points: :class:`Cleaner` and the one-call :func:`clean_text`.

A :class:`Cleaner` holds options and rules, is immutable and picklable, and can be
reused for any number of articles (and shipped to worker processes). The module
functions build a default cleaner once and use it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import lru_cache
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import attrs

from newsclean.article import Article, Language, StepRecord
from newsclean.assemble import build_article
from newsclean.document import SHARED_LINE_CHARS, SHARED_LINES_MAX, Document, Line
from newsclean.errors import InputTooLargeError, InvalidInputError
from newsclean.language import detect_language, hint_from_url, paragraph_languages
from newsclean.normalize import iter_lines, normalize_line
from newsclean.options import Options
from newsclean.passes import PASSES
from newsclean.rules import Rule, RuleSet

if TYPE_CHECKING:
    from bs4 import BeautifulSoup

    from newsclean.batch import BatchResult


def site_of(url: str) -> str:
    """The host of ``url``, lower-cased, without ``www.`` ("" when there is none).

    >>> site_of("https://WWW.Example.co.id/news/1?x=2")
    'example.co.id'
    """
    try:
        host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
    except ValueError:  # a malformed address ("http://[::1") names no site
        return ""
    return host.lower().removeprefix("www.")


def _site_packs(value: Mapping[str, RuleSet]) -> dict[str, RuleSet]:
    packs: dict[str, RuleSet] = {}
    for site, pack in dict(value).items():
        if not isinstance(pack, RuleSet):
            msg = f"site pack for {site!r} must be a RuleSet, got {type(pack).__name__}"
            raise InvalidInputError(msg)
        packs[site_of(site) or site.lower()] = pack
    return packs


@attrs.frozen
class Cleaner:
    """Cleans scraped articles with fixed options and rules.

    >>> cleaner = Cleaner()
    >>> cleaner.clean_text("Short headline\\n\\nA story sentence that goes on for long enough "
    ...                    "to count as the body of the article.\\n\\nADVERTISEMENT").title
    'Short headline'
    """

    options: Options = attrs.field(factory=Options, validator=attrs.validators.instance_of(Options))
    rules: RuleSet = attrs.field(
        factory=RuleSet.bundled, validator=attrs.validators.instance_of(RuleSet)
    )
    sites: Mapping[str, RuleSet] = attrs.field(factory=dict, converter=_site_packs)
    _active: tuple[Rule, ...] = attrs.field(init=False, repr=False, eq=False)
    _site_active: dict[str, tuple[Rule, ...]] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        active = self.rules.active(self.options.languages, self.options.disabled_rules)
        object.__setattr__(self, "_active", active)
        # Site rules run first: they describe the one site exactly.
        site_active = {
            host: pack.active(None, self.options.disabled_rules) + active
            for host, pack in self.sites.items()
        }
        object.__setattr__(self, "_site_active", site_active)

    def rules_for(self, url: str | None) -> tuple[Rule, ...]:
        """The active rules for an article from ``url``: its site pack's, then the rest.

        A pack registered for ``example.com`` also serves ``www.example.com`` and
        ``news.example.com``.
        """
        if url is None or not self._site_active:
            return self._active
        host = site_of(url)
        while host:
            if host in self._site_active:
                return self._site_active[host]
            host = host.partition(".")[2]
        return self._active

    def learn(
        self,
        texts: Iterable[str],
        *,
        site: str = "site",
        min_share: float = 0.3,
        min_articles: int = 3,
    ) -> RuleSet:
        """Propose a rule pack from lines that recur across ``texts`` of one site.

        Review it, save it with :meth:`RuleSet.to_toml`, and use it with
        ``Cleaner(sites={site: pack})``. See :mod:`newsclean.learn`.
        """
        from newsclean.learn import learn_site_rules

        return learn_site_rules(
            self, texts, site=site, min_share=min_share, min_articles=min_articles
        )

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
        and :class:`InputTooLargeError` over ``Options.max_input_chars`` or with
        more lines than ``Options.max_lines`` allows.
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
        lines, steps = _numbered_lines(text, max_lines=self.options.line_limit(len(text)))
        return self._clean_lines(lines, steps, url=url, fetched_at=fetched_at, title=title)

    def clean_html(
        self,
        html: str | bytes | BeautifulSoup,
        *,
        url: str | None = None,
        fetched_at: dt.datetime | None = None,
    ) -> Article:
        """Clean an HTML page: find the story, read the page's metadata, clean the text.

        ``html`` is the page as ``str``, as ``bytes`` (decoded from its byte-order
        mark, declared charset, or by detection) or as a BeautifulSoup object the
        caller already holds. The story's blocks run through the same rules as
        :meth:`clean_text`; removals name the element's ``path``. What the markup
        states (JSON-LD, OpenGraph, ``<time>``, ``<html lang>``) fills the fields
        the rules left empty. See ``docs/html.md``.

        An empty page gives an empty article. Raises :class:`InvalidInputError`
        for other types, binary data or a naive ``fetched_at``, and
        :class:`InputTooLargeError` over ``Options.max_input_chars``.
        """
        from newsclean.html import clean_page

        _check_common(url, fetched_at, None)
        return clean_page(self, html, url=url, fetched_at=fetched_at)

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
        language_hint: str | None = None,
        on_decided: Callable[[Document], None] | None = None,
    ) -> Article:
        """The article for ``lines``, which are used up; ``on_decided`` sees them first.

        ``on_decided`` is called once the passes have decided every line and before
        the article is built, for callers that need the decided lines themselves.
        """
        given = normalize_line(title)[0] or None if title is not None else None
        doc = Document(
            lines=lines,
            options=self.options,
            rules=self.rules,
            active_rules=self.rules_for(url),
            given_title=given,
        )
        for _name, run in PASSES:
            run(doc)
        language = self._language(doc, url, hint=language_hint)
        if on_decided is not None:
            on_decided(doc)
        article = build_article(doc, language=language, url=url, fetched_at=fetched_at, steps=steps)
        return self._paragraph_languages(article)

    def _language(self, doc: Document, url: str | None, *, hint: str | None = None) -> Language:
        if not self.options.detect_language:
            return Language.undetermined("detection off")
        body = "\n".join(line.body for line in doc.lines if line.kept and line.body)
        # The page's own declaration, else the URL's country domain, breaks ties.
        prior = hint or hint_from_url(url)
        found = detect_language(body, hint=prior, threshold=self.options.language_threshold)
        return _with_hint(found, hint)

    def _paragraph_languages(self, article: Article) -> Article:
        # A paragraph in another language than the article's (a quote, a
        # bilingual lead) gets its own code; the rest stay None.
        if not (self.options.detect_language and self.options.paragraph_languages):
            return article
        if not article.paragraphs:
            return article
        codes = paragraph_languages(
            [p.text for p in article.paragraphs],
            article.language.code,
            threshold=self.options.language_threshold,
        )
        if not any(codes):
            return article
        paragraphs = [
            attrs.evolve(p, language=code) if code else p
            for p, code in zip(article.paragraphs, codes, strict=True)
        ]
        return attrs.evolve(article, paragraphs=paragraphs)


def _with_hint(found: Language, hint: str | None) -> Language:
    """The detected language, or the one the page declares when detection is unsure.

    A declaration ("<html lang>") is a claim, often a site-wide template default,
    so it never overrides a confident detection; it only answers where detection
    says ``"und"`` (too little text, or no language clearly ahead).
    """
    if found.is_known or hint is None or not Language.valid_code(hint):
        return found
    confidence = next((c.probability for c in found.candidates if c.code == hint), 0.0)
    return Language(
        code=hint, confidence=confidence, candidates=found.candidates, reason="declared by the page"
    )


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


def _numbered_lines(text: str, *, max_lines: int) -> tuple[list[Line], tuple[StepRecord, ...]]:
    lines: list[Line] = []
    changed: Counter[str] = Counter()
    # Boilerplate repeats ("ADVERTISEMENT", "Baca juga: ..."): a repeated short line
    # shares one string instead of holding a copy per line. The table is bounded,
    # so text of distinct lines pays nothing lasting for it.
    shared: dict[str, str] = {}
    for number, raw in enumerate(iter_lines(text), start=1):
        fixed, applied = normalize_line(raw)
        if applied:
            changed.update(applied)
        if not fixed:
            continue
        if len(lines) == max_lines:
            # Counted as the lines are made, so refusing costs at most the limit's lines.
            msg = (
                f"text has more than {max_lines:,} lines for its {len(text):,} characters"
                " (Options.max_lines)"
            )
            raise InputTooLargeError(msg)
        if len(fixed) <= SHARED_LINE_CHARS:
            if len(shared) >= SHARED_LINES_MAX:
                shared.clear()
            fixed = shared.setdefault(fixed, fixed)
        lines.append(Line(number=number, text=fixed, body=fixed))
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


def clean_html(
    html: str | bytes | BeautifulSoup,
    *,
    url: str | None = None,
    fetched_at: dt.datetime | None = None,
) -> Article:
    """Clean an HTML page with the default :class:`Cleaner`.

    See :meth:`Cleaner.clean_html`.
    """
    return _default_cleaner().clean_html(html, url=url, fetched_at=fetched_at)
