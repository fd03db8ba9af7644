"""The output schema: frozen, slotted attrs classes.

An :class:`Article` is what every cleaning call returns. Nothing a page said is
lost: story text is in :attr:`Article.paragraphs`, facts stated by boilerplate
(dates, authors, related articles, videos, categories) are in their own fields,
and every line or part of a line taken out of the body is in
:attr:`Article.removed` with the rule that took it out.

Serialisation goes through a private cattrs converter (see ``serialize.py``):
:meth:`Article.to_dict`, :meth:`Article.to_json` and :meth:`Article.from_json`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any, Literal

import attrs
from attrs import validators as v

ParagraphKind = Literal["paragraph", "heading", "quote", "list_item"]
PARAGRAPH_KINDS: tuple[str, ...] = ("paragraph", "heading", "quote", "list_item")

#: The kinds of a :class:`Removal`, shared with the rule packs.
REMOVAL_KINDS: tuple[str, ...] = (
    "title",
    "dateline",
    "byline",
    "timestamp",
    "caption",
    "tags",
    "ad",
    "related",
    "video",
    "promo",
    "share",
    "nav",
    "paging",
    "code",
    "notice",
    "duplicate",
    "other",
)

_LANGUAGE_CODE = re.compile(r"^(und|[a-z]{2,3})$")

MediaKind = Literal["video", "embed", "image", "audio"]


# One converter per element type: the attrs mypy plugin cannot type a generic one.
def _tuple_of_str(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def _tuple_of_int(value: Iterable[int]) -> tuple[int, ...]:
    return tuple(value)


def _candidates(value: Iterable[LanguageCandidate]) -> tuple[LanguageCandidate, ...]:
    return tuple(value)


def _paragraphs(value: Iterable[Paragraph]) -> tuple[Paragraph, ...]:
    return tuple(value)


def _removals(value: Iterable[Removal]) -> tuple[Removal, ...]:
    return tuple(value)


def _related(value: Iterable[Related]) -> tuple[Related, ...]:
    return tuple(value)


def _media(value: Iterable[Media]) -> tuple[Media, ...]:
    return tuple(value)


def _steps(value: Iterable[StepRecord]) -> tuple[StepRecord, ...]:
    return tuple(value)


def _aware(_instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and (value.tzinfo is None or value.utcoffset() is None):
        msg = f"{attribute.name} must be timezone-aware, got {value!r}"
        raise ValueError(msg)


@attrs.frozen
class LanguageCandidate:
    """One language a detector considered, with its probability."""

    code: str
    probability: float


@attrs.frozen
class Language:
    """A language decision.

    ``code`` is an ISO 639-1 code (``"zh"`` for Chinese) or ``"und"`` when the text
    is too short or the evidence too weak; ``reason`` then says which.
    ``confidence`` is in ``[0, 1]``; ``candidates`` lists the runners-up, best first.
    """

    code: str = attrs.field(validator=v.matches_re(_LANGUAGE_CODE))
    confidence: float = attrs.field(default=0.0, validator=[v.ge(0.0), v.le(1.0)])
    candidates: tuple[LanguageCandidate, ...] = attrs.field(default=(), converter=_candidates)
    reason: str | None = None

    @classmethod
    def undetermined(cls, reason: str) -> Language:
        """The answer when no language can be named with confidence."""
        return cls(code="und", confidence=0.0, reason=reason)

    @staticmethod
    def valid_code(code: str) -> bool:
        """True when ``code`` is a well-formed language code (ISO 639 or ``"und"``)."""
        return _LANGUAGE_CODE.fullmatch(code) is not None

    @property
    def is_known(self) -> bool:
        """True when a language was named (``code`` is not ``"und"``)."""
        return self.code != "und"


@attrs.frozen
class Paragraph:
    """A block of story text.

    ``lines`` are the 1-based line numbers of the input text it came from (empty
    for HTML input, where ``path`` names the element instead). ``language`` is set
    only when this paragraph's language differs from the article's.
    """

    text: str = attrs.field(validator=v.min_len(1))
    kind: ParagraphKind = attrs.field(default="paragraph", validator=v.in_(PARAGRAPH_KINDS))
    lines: tuple[int, ...] = attrs.field(default=(), converter=_tuple_of_int)
    path: str | None = None
    language: str | None = None


@attrs.frozen
class Removal:
    """One piece of input taken out of the body, and why.

    ``rule`` is a stable rule id (``"id.read-also"``, ``"structure.title"``) that can
    be used to disable or override the rule; ``reason`` is for people. ``partial``
    is true when only part of the line was removed (a dateline prefix, an inline ad
    marker) and the rest stayed in the body. ``field`` names the article field that
    kept what the removed text said, if any.

    ``count`` makes the trail compact without losing anything: a run of
    consecutive input lines that all said ``text`` and were all removed whole by
    the same rule is one record, for lines ``line`` to ``line + count - 1``. It is
    1 for every other record (and then left out of the JSON).
    """

    line: int | None
    text: str
    rule: str
    reason: str
    kind: str = attrs.field(default="other", validator=v.in_(REMOVAL_KINDS))
    partial: bool = False
    field: str | None = None
    path: str | None = None
    count: int = attrs.field(default=1, validator=[v.instance_of(int), v.ge(1)])

    def __attrs_post_init__(self) -> None:
        if self.count > 1 and (self.line is None or self.partial):
            msg = "a Removal of several lines needs a line number and removes whole lines"
            raise ValueError(msg)

    @property
    def lines(self) -> range:
        """The input line numbers this record covers (empty for HTML blocks)."""
        if self.line is None:
            return range(0)
        return range(self.line, self.line + self.count)


@attrs.frozen
class Related:
    """A link or teaser to another article ("Next Article ...", "Read also: ...")."""

    title: str
    url: str | None = None


@attrs.frozen
class Media:
    """A video, embed or image the text names ("Video: ...", "[Gambas:Video 20detik]")."""

    kind: MediaKind = attrs.field(validator=v.in_(("video", "embed", "image", "audio")))
    title: str | None = None
    url: str | None = None


@attrs.frozen
class StepRecord:
    """A normalisation step that changed the input, and on how many lines."""

    step: str
    lines: int


@attrs.frozen
class Article:
    """A cleaned article: story text, fields, and the audit trail.

    ``published`` is timezone-aware; ``published_text`` keeps the stamp as the page
    wrote it ("3 weeks ago", "Kamis, 24 Okt 2024 14:00 WIB"), also when it cannot
    be read as a date. A relative stamp, or a date without a year ("10月24日"), is
    resolved only against the ``fetched_at`` given to the cleaner, never the clock.

    The fields from ``modified`` on are stated by a page's markup (HTML input):
    ``modified`` (timezone-aware), ``site_name``, ``description``, ``image`` (the top
    image's URL) and ``canonical_url``; they stay empty for text input.
    """

    title: str | None = None
    paragraphs: tuple[Paragraph, ...] = attrs.field(default=(), converter=_paragraphs)
    language: Language = attrs.field(factory=lambda: Language.undetermined("empty"))
    url: str | None = None
    fetched_at: dt.datetime | None = attrs.field(default=None, validator=_aware)
    dateline: str | None = None
    source: str | None = None
    authors: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_str)
    published: dt.datetime | None = attrs.field(default=None, validator=_aware)
    published_text: str | None = None
    related: tuple[Related, ...] = attrs.field(default=(), converter=_related)
    media: tuple[Media, ...] = attrs.field(default=(), converter=_media)
    categories: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_str)
    removed: tuple[Removal, ...] = attrs.field(default=(), converter=_removals)
    steps: tuple[StepRecord, ...] = attrs.field(default=(), converter=_steps)
    modified: dt.datetime | None = attrs.field(default=None, validator=_aware)
    site_name: str | None = None
    description: str | None = None
    image: str | None = None
    canonical_url: str | None = None

    @property
    def text(self) -> str:
        """The body: paragraph texts joined by blank lines (headings included)."""
        return "\n\n".join(p.text for p in self.paragraphs)

    @property
    def is_empty(self) -> bool:
        """True when no story text was found."""
        return not self.paragraphs

    def to_dict(self) -> dict[str, Any]:
        """The article as JSON-ready builtins (``text`` included for readers)."""
        from newsclean.serialize import unstructure_article

        return unstructure_article(self)

    def to_json(self, *, indent: int | None = None) -> str:
        """The article as a JSON document; :meth:`from_json` reads it back."""
        from newsclean.serialize import dumps

        return dumps(self.to_dict(), indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        """Rebuild an article from :meth:`to_dict` output."""
        from newsclean.serialize import structure_article

        return structure_article(data)

    @classmethod
    def from_json(cls, document: str | bytes) -> Article:
        """Rebuild an article from :meth:`to_json` output."""
        from newsclean.serialize import loads

        return cls.from_dict(loads(document))
