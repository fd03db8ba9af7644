"""Hypothesis strategies for property tests of code that uses newsclean.

Needs the ``strategies`` extra (``pip install "newsclean[strategies]"``). The
boilerplate is drawn from the bundled rule packs themselves (each rule's
``examples``), so random articles really hit the rules; shrinking moves towards
the first example of the first rule and the shortest story.

Example, in a scraper's own test suite::

    from hypothesis import given
    import newsclean
    from newsclean.strategies import article_texts

    @given(article_texts(language="id"))
    def test_my_pipeline_keeps_the_story(sample):
        article = newsclean.clean_text(sample.text)
        assert [p.text for p in article.paragraphs] == list(sample.body)
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import attrs

try:
    from hypothesis import strategies as st
except ImportError as exc:  # pragma: no cover - depends on the environment
    msg = 'newsclean.strategies needs hypothesis: pip install "newsclean[strategies]"'
    raise ImportError(msg) from exc

from newsclean.article import (
    Article,
    Language,
    Media,
    Paragraph,
    Related,
    Removal,
)
from newsclean.passes import match_line_rule
from newsclean.rules import Rule, RuleSet

#: Neutral story words (no rule phrase is made of them), a few languages mixed.
_WORDS = (
    "harga",
    "beras",
    "naik",
    "lagi",
    "minggu",
    "pasar",
    "kota",
    "warga",
    "pemerintah",
    "rencana",
    "jalan",
    "baru",
    "sekolah",
    "river",
    "council",
    "budget",
    "plans",
    "water",
    "school",
    "bridge",
    "report",
    "farmers",
    "market",
    "prices",
    "weather",
    "stadt",
    "wasser",
    "brücke",
    "bericht",
    "haushalt",
    "ville",
    "rapport",
    "budget",
    "école",
    "ciudad",
    "informe",
    "puente",
    "escuela",
    "cidade",
    "relatório",
    "ponte",
)


@attrs.frozen
class ArticleText:
    """A generated scraped text and what a correct cleaner keeps of it."""

    text: str
    body: tuple[str, ...]
    title: str | None
    boilerplate: tuple[str, ...]


@lru_cache(maxsize=8)
def _examples(language: str | None) -> tuple[tuple[str, str], ...]:
    rules = RuleSet.bundled()
    pairs: list[tuple[str, str]] = []
    for rule in rules.rules:
        if language is not None and rule.language not in (language, "common"):
            continue
        if rule.match == "inline" or rule.position != "any":
            continue
        pairs.extend((example, rule.id) for example in rule.examples if _matches(rule, example))
    return tuple(pairs)


def _matches(rule: Rule, line: str) -> bool:
    return match_line_rule(rule, line)[0]


def boilerplate_lines(*, language: str | None = None) -> st.SearchStrategy[str]:
    """Lines that a bundled rule removes wherever they stand in an article.

    ``language`` limits them to one pack (plus the language-free rules).
    """
    pairs = _examples(language)
    if not pairs:
        msg = f"no boilerplate examples for language {language!r}"
        raise ValueError(msg)
    return st.sampled_from([line for line, _ in pairs])


def story_paragraphs(*, min_words: int = 12, max_words: int = 40) -> st.SearchStrategy[str]:
    """A story paragraph: a capitalised run of words ending in a full stop."""

    def build(words: list[str]) -> str:
        text = " ".join(words)
        return text[0].upper() + text[1:] + "."

    return st.lists(st.sampled_from(_WORDS), min_size=min_words, max_size=max_words).map(build)


def _independent(paragraphs: list[str]) -> list[str]:
    """Drop paragraphs that repeat part of another: a cleaner rightly removes those."""
    accepted: list[str] = []
    keys: list[str] = []
    for paragraph in paragraphs:
        key = " ".join(paragraph.casefold().rstrip(".").split())
        if not any(key in other or other in key for other in keys):
            accepted.append(paragraph)
            keys.append(key)
    return accepted


def _heading() -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(_WORDS), min_size=1, max_size=4).map(
        lambda words: " ".join(w.capitalize() for w in words)
    )


@st.composite
def article_texts(
    draw: st.DrawFn,
    *,
    language: str | None = None,
    min_paragraphs: int = 1,
    max_paragraphs: int = 8,
    with_title: bool | None = None,
) -> ArticleText:
    """Story paragraphs (and maybe a headline and subheadings) mixed with boilerplate.

    The result's ``body`` is what a correct cleaner keeps, in order; ``title`` is the
    headline line when there is one.
    """
    paragraphs = draw(
        st.lists(
            story_paragraphs(),
            min_size=min_paragraphs,
            max_size=max_paragraphs,
            unique_by=lambda p: p.casefold(),
        )
    )
    paragraphs = _independent(paragraphs)
    junk = boilerplate_lines(language=language)
    has_title = draw(st.booleans()) if with_title is None else with_title
    title = draw(_heading()) if has_title else None
    lines: list[str] = []
    body: list[str] = []
    removed: list[str] = []
    if title is not None:
        lines.append(title)
    for line in draw(st.lists(junk, max_size=3)):
        lines.append(line)
        removed.append(line)
    for n, paragraph in enumerate(paragraphs):
        if n > 0 and draw(st.integers(0, 4)) == 0:
            heading = draw(_heading())
            if heading.casefold() not in {b.casefold() for b in body}:
                lines.append(heading)
                body.append(heading)
        lines.append(paragraph)
        body.append(paragraph)
        if n + 1 < len(paragraphs):
            for line in draw(st.lists(junk, max_size=2)):
                lines.append(line)
                removed.append(line)
    for line in draw(st.lists(junk, max_size=6)):
        lines.append(line)
        removed.append(line)
    separator = draw(st.sampled_from(["\n", "\n\n", "\r\n", "\n \n"]))
    return ArticleText(
        text=separator.join(lines), body=tuple(body), title=title, boilerplate=tuple(removed)
    )


def articles() -> st.SearchStrategy[Article]:
    """Valid :class:`newsclean.Article` objects (for serialisation and consumer tests)."""
    text = st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=40)
    aware = st.datetimes(min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2100, 1, 1)).map(
        lambda d: d.replace(tzinfo=dt.timezone.utc)
    )
    paragraph = st.builds(
        Paragraph,
        text=text,
        kind=st.sampled_from(["paragraph", "heading", "quote", "list_item"]),
        lines=st.lists(st.integers(1, 10_000), max_size=3).map(lambda x: tuple(sorted(x))),
    )
    removal = st.builds(
        Removal,
        line=st.none() | st.integers(1, 10_000),
        text=text,
        rule=st.sampled_from(["structure.title", "en.read-also", "common.counter"]),
        reason=text,
        kind=st.sampled_from(["title", "related", "ad", "other"]),
        partial=st.booleans(),
    )
    # A run of identical whole lines removed by one rule is one record with a count.
    run = st.builds(
        Removal,
        line=st.integers(1, 10_000),
        text=text,
        rule=st.sampled_from(["common.ad-label", "id.read-also"]),
        reason=text,
        kind=st.sampled_from(["ad", "related"]),
        count=st.integers(2, 1_000),
    )
    return st.builds(
        Article,
        title=st.none() | text,
        paragraphs=st.lists(paragraph, max_size=4),
        language=st.sampled_from(
            [Language.undetermined("too short"), Language(code="id", confidence=0.99)]
        ),
        url=st.none() | st.just("https://example.com/a"),
        fetched_at=st.none() | aware,
        published=st.none() | aware,
        authors=st.lists(text, max_size=2).map(tuple),
        related=st.lists(st.builds(Related, title=text), max_size=2),
        media=st.lists(st.builds(Media, kind=st.just("video"), title=text), max_size=2),
        categories=st.lists(text, max_size=3).map(tuple),
        removed=st.lists(removal | run, max_size=4),
    )
