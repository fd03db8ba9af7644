"""Properties of clean_html on any input: total, deterministic, never invents text."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newsclean
import newsclean.normalize
from newsclean import InvalidInputError
from newsclean.html.extract import Block

_SPACE = re.compile(r"\s+")
_TAGS = ["p", "div", "span", "a", "h2", "li", "ul", "article", "nav", "footer", "table", "tr"]
_TAGS += ["td", "script", "style", "br", "blockquote", "section", "aside", "em"]
_TAGS += ["h1", "h3", "th", "thead", "figure", "figcaption", "address", "header", "main"]
_CLASSES = ["", "content", "share", "related", "story-body", "sidebar", "comment", "menu"]
_CLASSES += ["teaser", "disclaimer", "post-image-credit", "standfirst"]

# Words that hit rules and widgets as well as plain prose.
_WORDS = st.sampled_from(
    ["The", "council", "met", "today,", "and", "voted.", "Read", "more", "Baca", "juga:",
     "ADVERTISEMENT", "Share", "&amp;", "&nbsp;", "caf\u00e9", "\u200b", "<", ">", "\u00a0"]
)  # fmt: skip


@st.composite
def _markup(draw: st.DrawFn, depth: int = 0) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        if depth < 4 and draw(st.booleans()):
            tag = draw(st.sampled_from(_TAGS))
            cls = draw(st.sampled_from(_CLASSES))
            inner = draw(_markup(depth + 1))
            attr = f' class="{cls}"' if cls else ""
            closing = f"</{tag}>" if draw(st.integers(0, 9)) else ""  # sometimes unclosed
            parts.append(f"<{tag}{attr}>{inner}{closing}")
        else:
            parts.append(" ".join(draw(st.lists(_WORDS, max_size=12))))
    return "".join(parts)


_PAGES = st.one_of(_markup(), st.text(max_size=300))
_SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _visible(page: str) -> str:
    """All text of the page as a browser would collect it, whitespace-collapsed."""
    from lxml import etree
    from lxml.html import HTMLParser, document_fromstring

    try:
        root = document_fromstring(
            page.encode("utf-8", "replace"), parser=HTMLParser(encoding="utf-8")
        )
    except (etree.ParserError, ValueError):  # an empty document has no text
        return ""
    return _SPACE.sub(" ", root.text_content())


def _clean(page: str | bytes) -> newsclean.Article | None:
    try:
        return newsclean.clean_html(page)
    except InvalidInputError:
        return None


@_SETTINGS
@given(_PAGES)
def test_total_on_any_str(page: str) -> None:
    """Any str gives an Article or a typed error, never another exception."""
    article = _clean(page)
    assert article is None or isinstance(article, newsclean.Article)


@_SETTINGS
@given(st.binary(max_size=400))
def test_total_on_any_bytes(data: bytes) -> None:
    """Any bytes give an Article or a typed error."""
    article = _clean(data)
    assert article is None or isinstance(article, newsclean.Article)


@_SETTINGS
@given(_PAGES)
def test_deterministic(page: str) -> None:
    """The same page gives the same article."""
    assert _clean(page) == _clean(page)


@_SETTINGS
@given(_markup())
def test_never_invents_text(page: str) -> None:
    """Every paragraph's characters occur, in order, in the page's text.

    Whitespace is ignored on both sides (block boundaries become spaces in a
    paragraph but nothing in the raw text), and removed elements (scripts, hidden
    spans) may stand between two characters, so the check is for a subsequence.
    """
    article = _clean(page)
    if article is None:
        return
    visible = _SPACE.sub("", newsclean.normalize.normalize_text(_visible(page)))
    for paragraph in article.paragraphs:
        remaining = iter(visible)
        assert all(ch in remaining for ch in _SPACE.sub("", paragraph.text)), paragraph.text


@_SETTINGS
@given(_markup())
def test_json_round_trip(page: str) -> None:
    """Every article from a page survives JSON."""
    article = _clean(page)
    if article is not None:
        assert newsclean.Article.from_json(article.to_json()) == article


@_SETTINGS
@given(_markup())
def test_text_length_is_counted_without_building_the_text(page: str) -> None:
    """The length counted in batches of text nodes equals the length of the text.

    Batches of one text node put batch boundaries inside words and runs of space.
    """
    import importlib

    import pytest

    from newsclean.html.decode import parse

    extract = importlib.import_module("newsclean.html.extract")  # the module
    root = parse(page)
    if root is None:
        return
    token = extract._LARGE_PAGE.set(True)  # count as on a page of megabytes
    try:
        for batch in (256, 1):
            with pytest.MonkeyPatch.context() as patch:
                patch.setattr(extract, "_BATCH_PIECES", batch)
                for el in root.iter():
                    if isinstance(el.tag, str):
                        assert extract._text_len(el) == len(extract._text(el))
    finally:
        extract._LARGE_PAGE.reset(token)


@_SETTINGS
@given(_markup())
def test_consuming_the_tree_gives_the_same_blocks(page: str) -> None:
    """Taking elements out of the tree as the walk goes changes no block."""
    from newsclean.html.decode import parse
    from newsclean.html.extract import LARGE_PAGE_CHARS, extract

    kept, consumed = parse(page), parse(page)
    if kept is None or consumed is None:
        return
    again = lambda: parse(page)  # noqa: E731
    # A large page both consumes its tree and counts text lengths without the text.
    large = extract(consumed, reparse=again, consume=True, size=LARGE_PAGE_CHARS)
    assert large == extract(kept, reparse=again)


_BLOCKS = st.lists(
    st.builds(
        lambda text, heading, removed: Block(
            text=text,
            kind="heading" if heading else "paragraph",
            path="/html/body/h2" if heading else "/html/body/p",
            removed="html.widget" if removed else None,
        ),
        st.text(min_size=1, max_size=120),
        st.booleans(),
        st.booleans(),
    ),
    max_size=12,
)


@_SETTINGS
@given(_BLOCKS)
def test_box_titles_only_remove_headings(blocks: list[Block]) -> None:
    """Box titles keep every block's text, path and order; only headings are removed."""
    from newsclean.html.extract import _box_titles

    before = list(blocks)
    after = _box_titles(list(blocks))
    assert [(b.text, b.path) for b in after] == [(b.text, b.path) for b in before]
    for old, new in zip(before, after, strict=True):
        if new != old:
            assert old.kind == "heading"
            assert old.removed is None
            assert new.removed == "html.box-title"
    assert _box_titles(list(after)) == after  # idempotent
