"""HTML pages in: decode, parse, read the metadata, find the story, clean it as text.

:func:`clean_page` is what :meth:`newsclean.Cleaner.clean_html` runs. The story's
blocks (paragraphs, headings, list items, quotes, table rows) become the same
:class:`~newsclean.document.Line` objects the text path cleans, with the element's
path instead of a line number, so every text rule ("Read more", "Baca juga", ad
markers) runs on pages exactly as on scraped text. What the page's markup states
(JSON-LD, OpenGraph, ``<time>``, ``<html lang>``) fills the fields the text rules
left empty. See ``docs/html.md``.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import TYPE_CHECKING, Any

import attrs

from newsclean.article import Article, StepRecord
from newsclean.document import BlockLine, Line, hit
from newsclean.errors import InputTooLargeError, InvalidInputError
from newsclean.html.decode import (
    MAX_PARSER_DEPTH,
    check_depth,
    check_tag_count,
    check_text,
    decode,
    parse,
    soup_markup,
)
from newsclean.html.extract import Block, extract
from newsclean.html.metadata import PageMetadata, read_metadata
from newsclean.memory import TRIM_MIN_CHARS, release_free_memory
from newsclean.normalize import normalize_line

if TYPE_CHECKING:
    from newsclean.api import Cleaner

__all__ = ["Block", "PageMetadata", "clean_page", "page_blocks"]

#: Rule ids recorded for page structure removed inside the story's container.
HTML_RULES: dict[str, str] = {
    "html.widget": "Box inside the story whose class or id names a widget (share, related, ads)",
    "html.link-list": "List of links inside the story (related articles, tags, navigation)",
    "html.link-dense": "Box inside the story that is mostly link text",
    "html.form": "Form box inside the story (newsletter sign-up, comments, search)",
    "html.link-block": "Paragraph that is mostly a link to another page (teaser, 'read also')",
    "html.box-title": "Heading of a box removed from the story (related links, promotions)",
}


def page_text(source: object, *, max_chars: int) -> str:
    """The markup of ``source`` (``str``, ``bytes`` or a BeautifulSoup object) as text."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        return decode(bytes(source), max_chars=max_chars)
    if isinstance(source, str):
        if len(source) > max_chars:
            msg = f"html has {len(source):,} characters, over max_input_chars={max_chars:,}"
            raise InputTooLargeError(msg)
        check_text(source)
        return source
    if _is_soup(source):
        return soup_markup(source)
    msg = f"html must be str, bytes or a BeautifulSoup object, got {type(source).__name__}"
    raise InvalidInputError(msg)


def _is_soup(source: object) -> bool:
    try:
        from bs4 import BeautifulSoup
    except ImportError:  # pragma: no cover - bs4 is a dependency
        return False
    return isinstance(source, BeautifulSoup)


def page_blocks(
    text: str, *, url: str | None = None, cleaner: Cleaner | None = None
) -> tuple[list[Block], PageMetadata]:
    """The story blocks and the metadata of the page markup ``text``."""
    root = parse(text)
    if root is None:
        return [], PageMetadata()
    check_depth(root, cleaner.options.max_html_depth if cleaner is not None else MAX_PARSER_DEPTH)
    rules = cleaner.rules if cleaner is not None else None
    offset = cleaner.options.default_timezone if cleaner is not None else 0
    meta = read_metadata(
        root,
        url=url,
        months=rules.months if rules is not None else None,
        timezones=rules.timezones if rules is not None else None,
        default_offset=offset,
    )
    # The metadata is read: the tree is only needed for the blocks now.
    extraction = extract(root, reparse=lambda: parse(text), consume=True, size=len(text))
    return list(extraction.blocks), meta


def clean_page(
    cleaner: Cleaner,
    source: Any,
    *,
    url: str | None,
    fetched_at: dt.datetime | None,
) -> Article:
    """Clean one page with ``cleaner``; see :meth:`newsclean.Cleaner.clean_html`."""
    text = page_text(source, max_chars=cleaner.options.max_input_chars)
    check_tag_count(text, cleaner.options.element_limit(len(text)))
    blocks, meta = page_blocks(text, url=url, cleaner=cleaner)
    if len(text) >= TRIM_MIN_CHARS:
        release_free_memory()  # the tree is gone; its memory need not stay
    # The blocks are let go one by one as they become lines (the lines share their
    # text), so a big page never holds both in full.
    blocks.reverse()
    lines, steps = _lines(blocks)
    originals: list[str | None] = []  # the text of the block the dateline was cut from
    article = cleaner._clean_lines(
        lines,
        steps,
        url=url,
        fetched_at=fetched_at,
        title=meta.title,
        language_hint=meta.language,
        on_decided=(
            (lambda doc: originals.append(_dateline_block(doc.lines)))
            if cleaner.options.html_keep_dateline
            else None
        ),
    )
    if originals and originals[0] is not None:
        article = _dateline_back(article, originals[0])
    return _merge(article, meta)


def _dateline_block(lines: list[Line]) -> str | None:
    """The text of the block whose dateline was cut off, if one was."""
    return next(
        (line.text for line in lines if any(c.rule == "structure.dateline" for c in line.cuts)),
        None,
    )


def _dateline_back(article: Article, original: str) -> Article:
    """Put the dateline cut off the first paragraph back in front of it.

    The fields it filled (``dateline``, ``source``) stay; the removal record goes,
    because the text is no longer removed. A page prints the dateline as part of
    its first paragraph, and readers (and the body a page is compared with) read
    it there.
    """
    cut = next(
        (r for r in article.removed if r.rule == "structure.dateline" and r.partial and r.path),
        None,
    )
    if cut is None:
        return article
    paragraphs = list(article.paragraphs)
    for n, paragraph in enumerate(paragraphs):
        if paragraph.path != cut.path:
            continue
        if original.endswith(paragraph.text) and original.startswith(cut.text):
            text = original[: len(original) - len(paragraph.text)] + paragraph.text
        else:
            text = f"{cut.text} {paragraph.text}"
        paragraphs[n] = attrs.evolve(paragraph, text=text)
        removed = tuple(r for r in article.removed if r is not cut)
        return attrs.evolve(article, paragraphs=paragraphs, removed=removed)
    return article


def _lines(blocks: list[Block]) -> tuple[list[Line], tuple[StepRecord, ...]]:
    """The lines of ``blocks``, given in reverse order; the list is emptied."""
    lines: list[Line] = []
    changed: Counter[str] = Counter()
    while blocks:
        block = blocks.pop()
        fixed, applied = normalize_line(block.text)
        changed.update(applied)
        if not fixed:
            continue
        hint = block.kind if block.removed is None else None
        line = BlockLine(
            number=None, text=fixed, body=fixed, element_path=block.path, element_kind=hint
        )
        if block.removed is not None:
            # The removed text is its own value: a teaser link is the teaser, not
            # a bare "Read also" header whose list follows on the next lines.
            line.remove(hit(block.removed, HTML_RULES[block.removed], block.kind, value=fixed))
        lines.append(line)
    steps = tuple(StepRecord(step=name, lines=count) for name, count in changed.items())
    return lines, steps


def _merge(article: Article, meta: PageMetadata) -> Article:
    """Fill what the text rules left empty with what the markup states."""
    published, published_text = article.published, article.published_text
    if published is None and meta.published is not None:
        published, published_text = meta.published, meta.published_text
    media = list(article.media)
    media.extend(m for m in meta.videos if m not in media)
    categories = list(article.categories)
    categories.extend(c for c in meta.categories if c not in categories)
    return attrs.evolve(
        article,
        title=article.title or meta.title,
        authors=article.authors or meta.authors,
        published=published,
        published_text=published_text,
        modified=meta.modified,
        site_name=meta.site_name,
        description=meta.description,
        image=meta.image,
        canonical_url=meta.canonical_url,
        categories=categories,
        media=media,
    )
