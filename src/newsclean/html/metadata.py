"""What a page says about its article in markup: JSON-LD, OpenGraph, microdata, tags.

Sources are read most reliable first, and a later source only fills what an earlier
one left empty:

1. JSON-LD objects of a news type (``NewsArticle``, ``BlogPosting``, ... found at the
   top level, in lists and in ``@graph``): written by the publisher for search engines.
2. OpenGraph and ``article:*`` meta tags, then other well-known ``<meta>`` names.
3. Microdata (``itemprop``), ``<time datetime>``, ``<html lang>``, ``<link rel=canonical>``
   and ``<title>``.

Dates become timezone-aware datetimes (a stamp without a zone gets
``Options.default_timezone``); the title loses the parts around the headline that
the page shows to be its site name or section (see :func:`_clean_title`).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

import attrs

from newsclean.article import Media
from newsclean.dates import parse_absolute
from newsclean.normalize import normalize_line

if TYPE_CHECKING:
    from lxml.html import HtmlElement

#: JSON-LD types that describe a story (schema.org Article and its news subtypes).
ARTICLE_TYPES: frozenset[str] = frozenset(
    {
        "article",
        "newsarticle",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "reviewnewsarticle",
        "backgroundnewsarticle",
        "askpublicnewsarticle",
        "satiricalarticle",
        "scholarlyarticle",
        "techarticle",
        "blogposting",
        "socialmediaposting",
        "liveblogposting",
        "report",
    }
)
_SEPARATORS = re.compile(r"\s+[|\-\u2013\u2014\u00b7\u2022:/\u00bb~]{1,2}\s+")
_KEY = re.compile(r"[\W_]+")
_AUTHOR_SPLIT = re.compile(r"\s*(?:[,;|&/]|\s(?:and|und|y|et|e|i|en|og|och|dan)\s)\s*")
_BY = re.compile(r"^(?:by|von|por|par|di|door|przez|oleh|av|af)\s+", re.IGNORECASE)
_LANG = re.compile(r"^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*$")
_MAX_FIELD_CHARS = 2000
_MAX_JSONLD_CHARS = 2_000_000

#: Meta names (lower case) that state the publication time, most trusted first.
_PUBLISHED_META = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publication_date",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.date",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
    "article.published",
    "og:published_time",
)
_MODIFIED_META = (
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "last-modified",
    "dcterms.modified",
    "article.updated",
)
_AUTHOR_META = ("author", "article:author", "dc.creator", "parsely-author", "sailthru.author")


@attrs.frozen
class PageMetadata:
    """The article facts a page's markup states (see the module docstring)."""

    title: str | None = None
    authors: tuple[str, ...] = ()
    published: dt.datetime | None = None
    published_text: str | None = None
    modified: dt.datetime | None = None
    site_name: str | None = None
    description: str | None = None
    image: str | None = None
    canonical_url: str | None = None
    categories: tuple[str, ...] = ()
    videos: tuple[Media, ...] = ()
    language: str | None = None
    body: str | None = None


@attrs.define
class _Collector:
    """Values by field, in the order sources were read (most reliable first)."""

    values: dict[str, list[str]] = attrs.field(factory=dict)

    def add(self, field: str, value: object) -> None:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            return
        text = normalize_line(value[:_MAX_FIELD_CHARS])[0]
        if text:
            self.values.setdefault(field, []).append(text)

    def first(self, field: str) -> str | None:
        found = self.values.get(field)
        return found[0] if found else None

    def all(self, field: str) -> list[str]:
        return self.values.get(field, [])


def read_metadata(
    root: HtmlElement,
    *,
    url: str | None = None,
    months: Mapping[str, int] | None = None,
    timezones: Mapping[str, int] | None = None,
    default_offset: int = 0,
) -> PageMetadata:
    """The metadata of the page ``root``; fields it does not state stay empty."""
    found = _Collector()
    videos: list[Media] = []
    for obj in _jsonld_articles(root):
        _from_jsonld(obj, found, videos)
    _from_meta(root, found, videos)
    _from_markup(root, found)
    base = found.first("canonical") or url

    def when(field: str) -> tuple[dt.datetime | None, str | None]:
        for text in found.all(field):
            stamp = parse_absolute(text, months or {}, timezones or {}, default_offset)
            if stamp is not None:
                return stamp, text
        return None, None

    published, published_text = when("published")
    modified, _ = when("modified")
    site = found.first("site_name")
    title = _clean_title(
        found.all("title"), found.all("h1"), site, base, sections=found.all("section")
    )
    image = found.first("image")
    return PageMetadata(
        title=title,
        authors=tuple(_authors(found.all("author"))),
        published=published,
        published_text=published_text,
        modified=modified,
        site_name=site,
        description=found.first("description"),
        image=_absolute(image, base) if image else None,
        canonical_url=_absolute(found.first("canonical"), url),
        categories=tuple(_unique(found.all("category"))),
        videos=tuple(_unique(videos)),
        language=primary_language(found.first("language")),
        body=found.first("body"),
    )


def primary_language(tag: str | None) -> str | None:
    """The primary subtag of a declared language tag, lower case ("pt-BR" -> "pt").

    >>> primary_language("pt-BR"), primary_language("x"), primary_language(None)
    ('pt', None, None)
    """
    if not tag:
        return None
    found = _LANG.match(tag.strip())
    return found.group(1).lower() if found else None


# --- JSON-LD ---------------------------------------------------------------------


def _jsonld_articles(root: HtmlElement) -> Iterator[Mapping[str, Any]]:
    for script in root.iter("script"):
        kind = (script.get("type") or "").lower()
        if "ld+json" not in kind:
            continue
        text = script.text or ""
        if not text.strip() or len(text) > _MAX_JSONLD_CHARS:
            continue
        try:
            data = json.loads(text.strip().rstrip(";"), strict=False)
        except (ValueError, RecursionError):
            continue
        yield from _article_objects(data)


def _article_objects(data: Any) -> Iterator[Mapping[str, Any]]:
    """Every object of an article type, walking lists and ``@graph`` iteratively."""
    stack = [data]
    seen = 0
    while stack and seen < 1000:
        seen += 1
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            if "@graph" in item:
                stack.append(item["@graph"])
            if _types(item) & ARTICLE_TYPES:
                yield item
            elif "mainEntity" in item:
                stack.append(item["mainEntity"])


def _types(obj: Mapping[str, Any]) -> set[str]:
    kind = obj.get("@type")
    names = kind if isinstance(kind, list) else [kind]
    return {n.lower().rsplit("/", 1)[-1] for n in names if isinstance(n, str)}


def _names(value: Any) -> Iterator[Any]:
    """Names or plain values of a JSON-LD value that may be a list or an object."""
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, dict):
            yield item.get("name")
        else:
            yield item


def _urls(value: Any) -> Iterator[Any]:
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, dict):
            yield item.get("url") or item.get("contentUrl") or item.get("@id")
        else:
            yield item


def _from_jsonld(obj: Mapping[str, Any], found: _Collector, videos: list[Media]) -> None:
    found.add("title", obj.get("headline"))
    found.add("title", obj.get("name"))
    for name in _names(obj.get("author")):
        found.add("author", name)
    found.add("published", obj.get("datePublished"))
    found.add("published", obj.get("dateCreated"))
    found.add("modified", obj.get("dateModified"))
    for name in _names(obj.get("publisher")):
        found.add("site_name", name)
    found.add("description", obj.get("description"))
    for image in _urls(obj.get("image")):
        found.add("image", image)
    for image in _urls(obj.get("thumbnailUrl")):
        found.add("image", image)
    for section in _names(obj.get("articleSection")):
        found.add("category", section)
        found.add("section", section)
    keywords = obj.get("keywords")
    if isinstance(keywords, str):
        keywords = keywords.split(",")
    for keyword in _names(keywords):
        found.add("category", keyword)
    found.add("language", obj.get("inLanguage") if isinstance(obj.get("inLanguage"), str) else None)
    found.add("body", obj.get("articleBody"))
    video = obj.get("video")
    for item in video if isinstance(video, list) else [video]:
        if isinstance(item, dict):
            link = item.get("contentUrl") or item.get("embedUrl") or item.get("url")
            title = item.get("name")
            if isinstance(link, str) or isinstance(title, str):
                videos.append(
                    Media(
                        kind="video",
                        title=title if isinstance(title, str) else None,
                        url=link if isinstance(link, str) else None,
                    )
                )


# --- meta tags and markup ----------------------------------------------------------


def _from_meta(root: HtmlElement, found: _Collector, videos: list[Media]) -> None:
    metas: dict[str, list[str]] = {}
    for meta in root.iter("meta"):
        content = meta.get("content")
        if content is None:
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = meta.get(attr)
            if key:
                metas.setdefault(key.strip().lower(), []).append(content)

    def add(field: str, *keys: str) -> None:
        for key in keys:
            for value in metas.get(key, ()):
                found.add(field, value)

    add("title", "og:title", "twitter:title", "headline", "dc.title")
    add("site_name", "og:site_name", "application-name", "publisher")
    add("description", "og:description", "description", "twitter:description")
    add("image", "og:image", "og:image:url", "og:image:secure_url", "twitter:image", "image")
    add("canonical", "og:url")
    add("published", *_PUBLISHED_META)
    add("modified", *_MODIFIED_META)
    add("category", "article:section", "article:tag", "news_keywords", "parsely-section")
    add("section", "article:section", "parsely-section")
    add("language", "content-language", "language", "dc.language", "og:locale")
    for key in _AUTHOR_META:
        for value in metas.get(key, ()):
            if not value.strip().lower().startswith(("http:", "https:", "www.")):
                found.add("author", value)
    for key in ("og:video", "og:video:url", "og:video:secure_url", "twitter:player"):
        for value in metas.get(key, ()):
            videos.append(Media(kind="video", url=value.strip()))


def _from_markup(root: HtmlElement, found: _Collector) -> None:
    for el in root.iter("link"):
        if "canonical" in (el.get("rel") or "").lower().split():
            found.add("canonical", el.get("href"))
    for el in root.xpath("//*[@itemprop]"):
        prop = (el.get("itemprop") or "").lower().split()
        if "headline" in prop:
            found.add("title", el.text_content())
        if "author" in prop or "creator" in prop:
            named = el.xpath(".//*[@itemprop='name']")
            found.add("author", (named[0] if named else el).text_content())
        if "datepublished" in prop:
            found.add("published", el.get("datetime") or el.get("content") or el.text_content())
        if "datemodified" in prop:
            found.add("modified", el.get("datetime") or el.get("content") or el.text_content())
    for el in root.iter("time"):
        found.add("published", el.get("datetime"))
    for el in root.iter("title"):
        found.add("title", el.text_content())
        break
    for el in root.iter("h1"):
        found.add("h1", el.text_content())
    found.add(
        "language", root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    )


def _authors(values: Iterable[str]) -> list[str]:
    names: list[str] = []
    for value in values:
        for part in _AUTHOR_SPLIT.split(_BY.sub("", value)):
            name = _BY.sub("", part.strip(" .:"))
            if (
                name
                and len(name) <= 80
                and not name.lower().startswith("http")
                and name not in names
            ):
                names.append(name)
    return names


def _unique(values: Iterable[Any]) -> list[Any]:
    seen: list[Any] = []
    for value in values:
        if value not in seen:
            seen.append(value)
    return seen


def _absolute(link: str | None, base: str | None) -> str | None:
    if not link:
        return None
    if base and not urlsplit(link).scheme:
        try:
            return urljoin(base, link)
        except ValueError:
            return link
    return link


# --- the title -----------------------------------------------------------------------

#: Letters that German (and Nordic) domain names spell out in two ASCII letters.
_SPELLED = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "æ": "ae", "ø": "oe"})
#: A title segment shorter than this (key characters) is too short to be judged.
_MIN_SEGMENT_KEY = 3


def _key(text: str) -> str:
    return _KEY.sub("", text.casefold())


def _keys(text: str) -> set[str]:
    """``_key(text)`` and its ASCII spellings: "Ökologisch" -> "ökologisch",
    "oekologisch", "okologisch" (a host name has no accents).
    """
    key = _key(text)
    bare = "".join(c for c in unicodedata.normalize("NFKD", key) if not unicodedata.combining(c))
    return {key, _key(key.translate(_SPELLED)), bare}


def _host_labels(url: str | None) -> list[str]:
    if not url:
        return []
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        host = ""
    return [p for p in host.split(".") if p and p not in {"www", "m", "amp"}]


def _site_keys(site: str | None, url: str | None) -> list[str]:
    keys = sorted(_keys(site)) if site else []
    labels = _host_labels(url)
    # "edition.cnn.com" -> "cnn"; "bbc.co.uk" -> "bbc".
    if len(labels) >= 3 and len(labels[-1]) == 2 and len(labels[-2]) <= 3:
        keys.append(_key(labels[-3]))
    elif len(labels) >= 2:
        keys.append(_key(labels[-2]))
    return [k for k in keys if len(k) >= 2]


def _section_keys(sections: Iterable[str], url: str | None) -> set[str]:
    """Keys of the page's sections: stated ones, and the folders of its address.

    "/politics/2024/05/floods-hit-the-coast" gives "politics" (the last step is
    the story's own slug, the numbers are dates).
    """
    keys = {k for section in sections for k in _keys(section)}
    if url:
        try:
            path = urlsplit(url).path
        except ValueError:
            path = ""
        for step in path.strip("/").split("/")[:-1]:
            key = _key(step)
            if not key.isdigit():
                keys.add(key)
    return {k for k in keys if len(k) >= _MIN_SEGMENT_KEY}


def _names_site(part: str, keys: list[str]) -> bool:
    return any(key and any(k in key or key in k for k in keys) for key in _keys(part))


def _clean_title(
    titles: list[str],
    headings: list[str],
    site: str | None,
    url: str | None,
    sections: Iterable[str] = (),
) -> str | None:
    """The headline without the site's name and section around it.

    A part is dropped with everything beyond it (from the end) or before it (from
    the start) when it is evidenced as the page's furniture, never on its shape
    alone: it names the site (``og:site_name``, the publisher, the host name), it
    names one of the page's sections (stated, or a folder of its address), or it
    comes twice in the title ("Headline | Town | Site - Town"). A heading that
    equals the title without some side parts is the headline itself.

    >>> _clean_title(["Floods hit the coast | Daily Planet"], [], "Daily Planet", None)
    'Floods hit the coast'
    >>> _clean_title(["Floods - a year on"], [], None, None)
    'Floods - a year on'
    >>> _clean_title(["Floods | Weather | Daily Planet"], [], "Daily Planet", None, ["Weather"])
    'Floods'
    """
    if not titles:
        return None
    title = titles[0]
    pieces = _SEPARATORS.split(title)
    if len(pieces) == 1:
        return title or None
    separators = _SEPARATORS.findall(title)
    heading_keys = {_key(h) for h in headings}
    # A heading that equals the title without some side parts is the headline.
    for start in range(len(pieces)):
        for end in range(len(pieces), start, -1):
            if (start, end) == (0, len(pieces)):
                continue
            candidate = _join(pieces, separators, start, end)
            if _key(candidate) in heading_keys:
                return candidate
    furniture = _furniture(pieces, _site_keys(site, url), _section_keys(sections, url))
    start, end = 0, len(pieces)
    tail = next((n for n in range(1, len(pieces)) if furniture[n]), None)
    if tail is not None:
        end = tail
    while end - start > 1 and furniture[start]:
        start += 1
    return _join(pieces, separators, start, end) or None


def _furniture(pieces: list[str], site: list[str], sections: set[str]) -> list[bool]:
    """For each part of a title, whether it is evidenced as site or section furniture."""
    keys = [_key(p) for p in pieces]
    out = []
    for piece, key in zip(pieces, keys, strict=True):
        judged = len(key) >= _MIN_SEGMENT_KEY
        out.append(
            _names_site(piece, site)
            or (judged and keys.count(key) > 1)
            or (judged and not _keys(piece).isdisjoint(sections))
        )
    return out


def _join(pieces: list[str], separators: list[str], start: int, end: int) -> str:
    out = pieces[start]
    for n in range(start + 1, end):
        out += separators[n - 1] + pieces[n]
    return out
