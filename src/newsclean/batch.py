"""Clean many records: one result per record, in input order, failures included.

A crawl holds thousands of records and some of them are bad: a field of the wrong
type, undecodable bytes, a page too large. :func:`clean_many` never lets one bad
record end the stream. It yields exactly one :class:`BatchResult` per input record,
in input order, holding either the :class:`~newsclean.Article` or a
:class:`RecordError` that names what went wrong.

Records are ``str`` (article text), ``bytes`` (UTF-8 text, or an HTML page when it
looks like one) or mappings with ``text`` or ``html`` and optional ``id``, ``url``,
``fetched_at`` (ISO 8601 string or aware datetime) and ``title``. A record without
an ``id`` gets its 0-based position.

With ``jobs > 1`` records are cleaned in worker processes, each holding one copy
of the cleaner (sent once, through the pool's initializer). At most a few chunks
per worker are in flight, so memory stays flat however long the input is, and
results come back in input order.

>>> from newsclean import Cleaner
>>> [r.ok for r in clean_many(Cleaner(), ["Headline\\n\\nA story.", 42])]
[True, False]
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from newsclean.article import Article
from newsclean.errors import InvalidInputError, NewscleanError
from newsclean.pool import ordered_map

if TYPE_CHECKING:
    from newsclean.api import Cleaner

#: What :func:`clean_many` accepts as one record.
Record = str | bytes | Mapping[str, Any]
RecordId = str | int

#: Error types a :class:`RecordError` may carry besides the names of
#: :class:`~newsclean.NewscleanError` subclasses (``InvalidInputError``,
#: ``InputTooLargeError``).
INVALID_RECORD = "InvalidRecord"
INVALID_JSON = "InvalidJSON"
UNSUPPORTED_INPUT = "UnsupportedInput"
READ_ERROR = "ReadError"
INTERNAL_ERROR = "InternalError"

_HTML_START = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*<(?:!doctype|html|head|body|meta|title|div|p|article|section|!--)[\s>/]",
    re.IGNORECASE,
)


@attrs.frozen
class RecordError:
    """Why a record gave no article.

    ``type`` is a short stable name (``"InvalidRecord"``, ``"UnsupportedInput"``,
    ``"InputTooLargeError"``, ...) fit for counting; ``message`` is for people.
    """

    type: str
    message: str


def _ok_or_error(instance: BatchResult, _attribute: object, _value: Article | None) -> None:
    if (instance.article is None) == (instance.error is None):
        msg = "a BatchResult holds exactly one of article and error"
        raise ValueError(msg)


@attrs.frozen
class BatchResult:
    """The outcome of one record: its ``id`` and an ``article`` or an ``error``."""

    id: RecordId
    article: Article | None = attrs.field(default=None, validator=_ok_or_error)
    error: RecordError | None = None

    @property
    def ok(self) -> bool:
        """True when the record gave an article."""
        return self.error is None

    def to_dict(self) -> dict[str, Any]:
        """``{"id", "ok", "article"}`` or ``{"id", "ok", "error": {"type", "message"}}``."""
        if self.article is not None:
            return {"id": self.id, "ok": True, "article": self.article.to_dict()}
        assert self.error is not None
        error = {"type": self.error.type, "message": self.error.message}
        return {"id": self.id, "ok": False, "error": error}

    def to_json(self) -> str:
        """The result as one line of JSON (no newline)."""
        from newsclean.serialize import dumps

        return dumps(self.to_dict())


class _RecordProblemError(Exception):
    """A record that cannot be cleaned, with the error type to report."""

    def __init__(self, error_type: str, message: str) -> None:
        super().__init__(message)
        self.error_type = error_type


def looks_like_html(data: bytes | str) -> bool:
    """True when ``data`` starts like an HTML document or fragment.

    >>> looks_like_html(b"<!DOCTYPE html><html>"), looks_like_html(b"Headline <b>")
    (True, False)
    """
    head = data[:1024]
    if isinstance(head, str):
        head = head.encode("utf-8", "replace")
    return _HTML_START.match(head) is not None


def _record_id(record: object, default: RecordId) -> RecordId:
    if not isinstance(record, Mapping):
        return default
    value = record.get("id")
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, str | int):
        msg = f"id must be a string or an integer, got {type(value).__name__}"
        raise _RecordProblemError(INVALID_RECORD, msg)
    return value


def parse_fetched_at(value: object) -> dt.datetime | None:
    """``fetched_at`` from an ISO 8601 string or a datetime; it must carry a zone.

    >>> parse_fetched_at("2024-11-14T08:00:00Z").isoformat()
    '2024-11-14T08:00:00+00:00'
    """
    if value is None:
        return None
    if isinstance(value, str):
        text = value
        try:
            value = dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
        except ValueError as exc:
            msg = f"fetched_at is not an ISO 8601 datetime: {text[:80]!r}"
            raise _RecordProblemError(INVALID_RECORD, msg) from exc
    if not isinstance(value, dt.datetime):
        msg = f"fetched_at must be an ISO 8601 string or a datetime, got {type(value).__name__}"
        raise _RecordProblemError(INVALID_RECORD, msg)
    if value.tzinfo is None or value.utcoffset() is None:
        msg = "fetched_at must carry a timezone (e.g. 2024-11-14T08:00:00+00:00)"
        raise _RecordProblemError(INVALID_RECORD, msg)
    return value


def _optional_str(record: Mapping[str, Any], key: str) -> str | None:
    value = record.get(key)
    if value is not None and not isinstance(value, str):
        msg = f"{key} must be a string, got {type(value).__name__}"
        raise _RecordProblemError(INVALID_RECORD, msg)
    return value


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        msg = f"not UTF-8 text ({exc.reason} at byte {exc.start})"
        raise InvalidInputError(msg) from exc


def _clean_html(cleaner: Cleaner, html: str | bytes, **kwargs: Any) -> Article:
    clean_html = getattr(cleaner, "clean_html", None)
    if clean_html is None:
        msg = "HTML input needs Cleaner.clean_html, which this version does not have"
        raise _RecordProblemError(UNSUPPORTED_INPUT, msg)
    article = clean_html(html, **kwargs)
    if not isinstance(article, Article):
        msg = f"clean_html returned {type(article).__name__}, not an Article"
        raise _RecordProblemError(INTERNAL_ERROR, msg)
    return article


def _clean_mapping(cleaner: Cleaner, record: Mapping[str, Any]) -> Article:
    url = _optional_str(record, "url")
    fetched_at = parse_fetched_at(record.get("fetched_at"))
    text = record.get("text")
    if text is not None:
        if isinstance(text, bytes):
            text = _decode(text)
        if not isinstance(text, str):
            msg = f"text must be a string, got {type(text).__name__}"
            raise _RecordProblemError(INVALID_RECORD, msg)
        title = _optional_str(record, "title")
        return cleaner.clean_text(text, url=url, fetched_at=fetched_at, title=title)
    html = record.get("html")
    if html is not None:
        if not isinstance(html, str | bytes):
            msg = f"html must be a string or bytes, got {type(html).__name__}"
            raise _RecordProblemError(INVALID_RECORD, msg)
        return _clean_html(cleaner, html, url=url, fetched_at=fetched_at)
    msg = "the record has neither 'text' nor 'html'"
    raise _RecordProblemError(INVALID_RECORD, msg)


def _clean(cleaner: Cleaner, record: object) -> Article:
    if isinstance(record, str):
        return cleaner.clean_text(record)
    if isinstance(record, bytes | bytearray | memoryview):
        data = bytes(record)
        if looks_like_html(data):
            return _clean_html(cleaner, data)
        return cleaner.clean_text(_decode(data))
    if isinstance(record, Mapping):
        return _clean_mapping(cleaner, record)
    msg = f"a record is str, bytes or a mapping, got {type(record).__name__}"
    raise _RecordProblemError(INVALID_RECORD, msg)


def clean_record(cleaner: Cleaner, record: object, *, default_id: RecordId) -> BatchResult:
    """Clean one record; never raises (except ``KeyboardInterrupt`` and the like).

    Errors raised on purpose by newsclean are reported under their class name;
    anything else (a bug) as ``"InternalError"`` with the exception named.
    """
    record_id = default_id
    try:
        record_id = _record_id(record, default_id)
        article = _clean(cleaner, record)
    except _RecordProblemError as exc:
        return BatchResult(record_id, error=RecordError(exc.error_type, str(exc)))
    except NewscleanError as exc:
        return BatchResult(record_id, error=RecordError(type(exc).__name__, str(exc)))
    except Exception as exc:  # one bad record must not end the stream
        message = f"{type(exc).__name__}: {exc}"
        return BatchResult(record_id, error=RecordError(INTERNAL_ERROR, message))
    return BatchResult(record_id, article=article)


def _clean_chunk(cleaner: Cleaner, chunk: list[tuple[int, object]]) -> list[BatchResult]:
    return [clean_record(cleaner, record, default_id=i) for i, record in chunk]


def clean_many(
    cleaner: Cleaner, records: Iterable[object], *, jobs: int = 1
) -> Iterator[BatchResult]:
    """One :class:`BatchResult` per record, in input order, never an exception.

    See the module docstring for what a record may be. ``jobs`` worker processes
    clean in parallel (``1``: in this process). Records and results cross process
    boundaries by pickling; a chunk that cannot (an unpicklable record) is cleaned
    in this process instead.
    """
    return ordered_map(_clean_chunk, cleaner, enumerate(records), jobs=jobs)
