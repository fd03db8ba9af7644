"""Turn a decided :class:`~newsclean.document.Document` into an :class:`~newsclean.Article`.

Kept lines become paragraphs (continuation lines joined, kinds assigned); what the
removed lines said becomes fields; every removal goes to the audit trail in input
order.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

import attrs

from newsclean.article import Article, Language, Media, Paragraph, Related, Removal, StepRecord
from newsclean.dates import parse_absolute, parse_relative
from newsclean.document import Document, Hit, Line, continues, count_words
from newsclean.passes import TITLE_MAX_WORDS

_HEADING_END = re.compile(r"[.,;:]$")
_LIST_ITEM = re.compile(r"^(?:[-\u2022*\u25aa\u25e6\u25cf\u00b7\u2013]|\d{1,2}[.)])\s+\S")
_QUOTE = re.compile(
    r"^[\"\u201c\u201e\u00ab'\u2018].{3,}[\"\u201d\u201c\u00bb'\u2019][.!?]?$", re.DOTALL
)
_WORD = re.compile(r"\w+")
_T = TypeVar("_T")
# The ideographic comma and fullwidth comma and slash separate names in Chinese
# and Japanese bylines ("记者 张三、李四").
_AUTHOR_SPLIT = re.compile(
    r"\s*(?:/|,|&|\band\b|\bdan\b|\bund\b|\bet\b|\by\b|\be\b|[\u3001\uff0c\uff0f])\s*"
)
#: A Han character (CJK Unified Ideographs and Extension A).
_HAN = "\u3400-\u4dbf\u4e00-\u9fff"
#: Two or more names of two to four Han characters each ("张三", "欧阳明"; a
#: transliterated name may go on after a middle dot: "阿里·木拉提"), with spaces and
#: nothing else between them.
_HAN_NAME = rf"[{_HAN}]{{2,4}}(?:[\u00b7\u30fb][{_HAN}]{{1,6}})?"
_HAN_NAME_RUN = re.compile(rf"{_HAN_NAME}(?:\s+{_HAN_NAME})+")
#: Languages that write a person's name as one run of Han characters with no space
#: inside it, so that in their credits a space between two such runs separates two
#: people ("记者 张三 李四"). Japanese is not one of them: a Japanese credit may put a
#: space between family and given name ("文：山田 太郎"), and both look the same.
_UNSPACED_NAME_LANGUAGES = frozenset({"zh"})
#: Languages written in Han characters: the credits of an article in one of them
#: name people of that language, whichever pack's rule caught the line.
_HAN_LANGUAGES = frozenset({"zh", "ja"})
#: What separates the items of a tag or category list: ASCII, fullwidth and
#: halfwidth-ideographic commas and the ideographic comma ("经济、股市").
_LABEL_LIST = re.compile(r"[,\uff0c\uff64\u3001]")
#: What separates the labels of a category bar: ASCII and fullwidth bars.
_LABEL_BAR = re.compile(r"[|\uff5c]")
#: Kana, Han and Hangul: scripts that write words without spaces between them.
_CJK = f"\u3040-\u30ff{_HAN}\uac00-\ud7af"
#: A space next to a CJK character: between the labels of a list written in those
#: scripts ("经济 股市", "台風 大雨"); a space between Latin words stays ("climate change").
_CJK_SPACE = re.compile(rf"(?<=[{_CJK}])\s+|\s+(?=[{_CJK}])")
#: What is trimmed off a name (spaces, dots of initials left over: "and J. Doe.")
#: and off a label (spaces, list commas, hashtag signs).
_NAME_TRIM = re.compile(r"^[\s.]+|[\s.]+$")
_LABEL_TRIM = re.compile(r"^[\s,#]+|[\s,#]+$")
_HEADING_MAX_WORDS = TITLE_MAX_WORDS // 2
_HEADING_MAX_CHARS = 100


def build_article(
    doc: Document,
    *,
    language: Language,
    url: str | None,
    fetched_at: dt.datetime | None,
    steps: Iterable[StepRecord],
) -> Article:
    """The article for a document whose passes have run.

    The document's lines are used up: each is let go as its removal record is
    made, so a text of many removed lines never holds its lines, their hits and
    the whole trail at once.
    """
    # Lines removed for the same reason share one hit; the fields only need each
    # distinct hit once, in the order it first appears.
    hits = _unique(_hits_in_order(doc.lines))
    published, published_text = _published(doc, hits, fetched_at)
    authors = _authors(hits, _name_languages(doc, language))
    related = _unique(Related(title=v) for h in hits if (v := _value(h, "related")))
    media = _unique(
        Media(kind=h.media_kind, title=h.value)  # type: ignore[arg-type]
        for h in hits
        if h.field == "media"
    )
    categories = _unique(
        part for h in hits if (v := _value(h, "categories")) for part in split_labels(v)
    )
    del hits  # from here on a line's hit lives only as long as its line
    paragraphs = build_paragraphs(doc)
    return Article(
        title=doc.title,
        paragraphs=paragraphs,
        language=language,
        url=url,
        fetched_at=fetched_at,
        dateline=doc.dateline,
        source=doc.source,
        authors=authors,
        published=published,
        published_text=published_text,
        related=related,
        media=media,
        categories=categories,
        removed=removals_in_order(_drain(doc.lines)),
        steps=steps,
    )


def _drain(lines: list[Line]) -> Iterator[Line]:
    """The lines in order, each dropped from ``lines`` as it is handed out."""
    lines.reverse()
    while lines:
        yield lines.pop()


def removals_in_order(lines: Iterable[Line]) -> list[Removal]:
    """Every removal of ``lines``, whole lines and cuts, in input order.

    A run of consecutive input lines with the same text, removed whole by the same
    hit, becomes one record with a ``count``: a text of a hundred thousand
    identical boilerplate lines gets a trail of one record, and no line is lost
    from it (the record names the first line and how many follow).
    """
    removals: list[Removal] = []
    run: Line | None = None  # first line of the open run of whole-line removals
    count = 0
    last: Line | None = None
    for line in lines:
        hit = line.hit
        if hit is not None:
            if (
                run is not None
                and last is not None
                and hit == run.hit
                and line.text == run.text
                and line.number is not None
                and last.number is not None
                and line.number == last.number + 1
            ):
                count += 1
                last = line
            else:
                _close_run(removals, run, count)
                run, count, last = line, 1, line
        if line.cuts:
            _close_run(removals, run, count)
            run, count, last = None, 0, None
            removals.extend(cut.removal(line) for cut in line.cuts)
    _close_run(removals, run, count)
    return removals


def _close_run(removals: list[Removal], first: Line | None, count: int) -> None:
    if first is None or first.hit is None:
        return
    removal = first.hit.removal(first)
    removals.append(removal if count == 1 else attrs.evolve(removal, count=count))


def _hits_in_order(lines: Iterable[Line]) -> Iterator[Hit]:
    for line in lines:
        if line.hit is not None:
            yield line.hit
        yield from line.cuts


def _value(hit: Hit, field: str) -> str | None:
    return hit.value if hit.field == field and hit.value else None


def _unique(items: Iterable[_T]) -> list[_T]:
    # dict keeps first-seen order; the items are hashable frozen values.
    return list(dict.fromkeys(items))


def split_labels(value: str) -> list[str]:
    """Category or tag names from a bar ("A | B"), a list ("a, b", "经济、股市") or hashtags.

    In a list written in Chinese, Japanese or Korean a space separates labels too
    ("经济 股市 央行"), since words of those scripts are not spaced; a space between
    two Latin words is part of one label.

    >>> split_labels("Ekonomi | Asset | Lokal")
    ['Ekonomi', 'Asset', 'Lokal']
    >>> split_labels("climate change, 经济 股市、央行")
    ['climate change', '经济', '股市', '央行']
    """
    if _LABEL_BAR.search(value):
        parts = _LABEL_BAR.split(value)
    elif value.lstrip().startswith("#"):
        parts = value.split("#")
    else:
        parts = _LABEL_LIST.split(value)
    labels: list[str] = []
    for part in parts:
        for label in _CJK_SPACE.split(part):
            name = _LABEL_TRIM.sub("", label)
            if name:
                labels.append(name)
    return labels


def _name_languages(doc: Document, language: Language) -> Callable[[str], str]:
    """The language of the names in a credit, by the id of the rule that caught it.

    The article's language when it is written in Han characters (a Chinese credit
    caught by a Japanese rule, "文／王小明 李大華", names Chinese people; a Japanese
    story's "記者 山田 太郎" names a Japanese one); otherwise the language of the
    rule's pack.
    """
    if language.code in _HAN_LANGUAGES:
        return lambda _rule: language.code
    languages: dict[str, str] | None = None

    def of(rule: str) -> str:
        nonlocal languages
        if languages is None:  # built only when an article has a credit
            languages = {r.id: r.language for r in doc.active_rules if r.field == "authors"}
        return languages.get(rule, "")

    return of


def _authors(hits: list[Hit], name_language: Callable[[str], str]) -> list[str]:
    names: list[str] = []
    for hit in hits:
        value = _value(hit, "authors")
        if value is None:
            continue
        unspaced = name_language(hit.rule) in _UNSPACED_NAME_LANGUAGES
        names.extend(split_names(value, unspaced=unspaced))
    return _unique(names)


def split_names(value: str, *, unspaced: bool = False) -> list[str]:
    """The names in the value of a credit, in order, each as the credit wrote it.

    Names are separated by "/", ",", "&", "and" (and its Indonesian, German, French,
    Spanish and Portuguese words) and by the ideographic and fullwidth commas and
    slash of Chinese and Japanese credits. With ``unspaced`` (the names are of a
    language that writes a name without a space inside it), a part that is a run
    of short Han names with only spaces between them is split at the spaces:
    Chinese credits list reporters that way. A Latin name ("John Smith") is never
    split at its spaces.

    >>> split_names("Anna Smith dan Budi Santoso")
    ['Anna Smith', 'Budi Santoso']
    >>> split_names("张三 李四", unspaced=True)
    ['张三', '李四']
    >>> split_names("山田 太郎")
    ['山田 太郎']
    """
    names: list[str] = []
    for part in _AUTHOR_SPLIT.split(value.strip("()[] ")):
        name = _NAME_TRIM.sub("", part)
        if not name:
            continue
        if unspaced and _HAN_NAME_RUN.fullmatch(name):
            names.extend(name.split())
        else:
            names.append(name)
    return names


def _published(
    doc: Document, hits: list[Hit], fetched_at: dt.datetime | None
) -> tuple[dt.datetime | None, str | None]:
    """The first stamp that can be read, and its text; else the first stamp's text.

    A stamp that cannot be read (no date in it, or no ``fetched_at`` to resolve
    it against) is still the page's statement, so its text is kept.
    """
    rules = doc.rules
    first: str | None = None
    for hit in hits:
        text = _value(hit, "published")
        if text is None:
            continue
        first = first or text
        stated = parse_absolute(
            text,
            rules.months,
            rules.timezones,
            doc.options.default_timezone,
            eras=rules.eras,
            reference=fetched_at,
        )
        if stated is not None:
            return stated, text
        age = parse_relative(text, rules.time_units)
        if age is not None:
            return _resolve(fetched_at, age), text
    return None, first


def _resolve(fetched_at: dt.datetime | None, age: dt.timedelta) -> dt.datetime | None:
    """``fetched_at - age``, or ``None`` without a fetch time or before year 1."""
    if fetched_at is None:
        return None
    try:
        return fetched_at - age
    except OverflowError:
        return None


def build_paragraphs(doc: Document) -> list[Paragraph]:
    """Kept lines as paragraphs: continuation lines joined, kinds assigned.

    Groups are made one at a time, with one group of look-ahead (a heading is
    judged against the paragraph after it), so only the paragraphs are held.
    """
    paragraphs: list[Paragraph] = []
    held: tuple[list[Line], str] | None = None
    for group in _groups(doc):
        text = " ".join(line.body for line in group)
        if held is not None:
            paragraphs.append(_paragraph(*held, following=text))
        held = (group, text)
    if held is not None:
        paragraphs.append(_paragraph(*held, following=None))
    return paragraphs


def _groups(doc: Document) -> Iterator[list[Line]]:
    """Kept lines with text, in runs that form one paragraph each."""
    join = doc.options.join_wrapped_lines
    group: list[Line] = []
    previous = -1  # position of the group's last line
    for i, line in doc.kept():
        if not line.body:
            continue
        if group and join and continues(group[-1], line, adjacent=i == previous + 1):
            group.append(line)
        else:
            if group:
                yield group
            group = [line]
        previous = i
    if group:
        yield group


def _paragraph(group: list[Line], text: str, *, following: str | None) -> Paragraph:
    return Paragraph(
        text=text,
        kind=group[0].hint or _kind(text, following),  # type: ignore[arg-type]
        lines=tuple(line.number for line in group if line.number is not None),
        path=group[0].path,
    )


def _kind(text: str, following: str | None) -> str:
    if _LIST_ITEM.match(text):
        return "list_item"
    if _QUOTE.match(text) and count_words(text) >= 3:
        return "quote"
    if following is not None and _heading_like(text) and not _heading_like(following):
        return "heading"
    return "paragraph"


def _heading_like(text: str) -> bool:
    if len(text) > _HEADING_MAX_CHARS:
        return False
    words = count_words(text)
    if not words or words > _HEADING_MAX_WORDS:
        return False
    if _HEADING_END.search(text):
        return False
    first = next((ch for ch in text if ch.isalnum()), "")
    # Scripts without case (Han, kana, Arabic, Hebrew, Thai) start headings too.
    return not first.islower()
