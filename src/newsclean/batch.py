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
import multiprocessing
import re
import signal
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import attrs

from newsclean.article import Article
from newsclean.errors import InvalidInputError, NewscleanError

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext

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

#: Records sent to a worker in one task: large enough that inter-process traffic
#: is a small share of the work, small enough that the window stays small.
CHUNK_SIZE = 16
#: Chunks in flight per worker; bounds memory and keeps every worker busy.
CHUNKS_PER_JOB = 3

_T = TypeVar("_T")
_R = TypeVar("_R")

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


# -- the ordered, bounded process pool ------------------------------------------------

_worker_cleaner: Cleaner | None = None


def _init_worker(cleaner: Cleaner) -> None:
    global _worker_cleaner  # noqa: PLW0603 - one cleaner per worker process
    _worker_cleaner = cleaner
    # Ctrl-C reaches the whole process group; the parent decides what to do.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _run_in_worker(task: Callable[[Cleaner, list[_T]], list[_R]], chunk: list[_T]) -> list[_R]:
    assert _worker_cleaner is not None, "worker not initialised"
    return task(_worker_cleaner, chunk)


def _chunks(items: Iterable[_T], size: int) -> Iterator[list[_T]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _context() -> BaseContext:
    # forkserver (POSIX) and spawn start clean workers, safe even when the parent
    # runs threads; both send the cleaner by pickling, as on every platform.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def _check_jobs(jobs: object) -> int:
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
        msg = f"jobs must be an integer >= 1, got {jobs!r}"
        raise InvalidInputError(msg)
    return jobs


def ordered_map(
    task: Callable[[Cleaner, list[_T]], list[_R]],
    cleaner: Cleaner,
    items: Iterable[_T],
    *,
    jobs: int = 1,
    chunk_size: int = CHUNK_SIZE,
) -> Iterator[_R]:
    """``task(cleaner, chunk)`` over chunks of ``items``, results flattened in order.

    ``task`` must be a picklable module-level callable and must not raise for
    single items (as :func:`clean_record` does not). With ``jobs > 1`` it runs in
    worker processes with at most ``jobs * CHUNKS_PER_JOB`` chunks in flight; a
    chunk whose task fails in transit (pickling, a crashed worker) runs here.
    """
    jobs = _check_jobs(jobs)
    if jobs == 1:
        return (out for chunk in _chunks(items, chunk_size) for out in task(cleaner, chunk))
    return _parallel(task, cleaner, items, jobs=jobs, chunk_size=chunk_size)


def _parallel(
    task: Callable[[Cleaner, list[_T]], list[_R]],
    cleaner: Cleaner,
    items: Iterable[_T],
    *,
    jobs: int,
    chunk_size: int,
) -> Iterator[_R]:
    pool: _Pool[_T, _R] | None = _Pool(task, cleaner, jobs)
    pending: deque[tuple[list[_T], _Submitted[_R] | None]] = deque()
    try:
        for chunk in _chunks(items, chunk_size):
            while len(pending) >= jobs * CHUNKS_PER_JOB:
                yield from _drain_one(pending, pool, task, cleaner)
            if pool is not None and pool.broken >= MAX_POOL_FAILURES:
                pool.shutdown()
                pool = None
            pending.append((chunk, pool.submit(chunk) if pool is not None else None))
        while pending:
            yield from _drain_one(pending, pool, task, cleaner)
    finally:
        if pool is not None:
            pool.shutdown()


#: After this many broken pools the rest of the stream is cleaned in this process.
MAX_POOL_FAILURES = 2


class _Pool(Generic[_T, _R]):
    """A process pool that is replaced when a worker dies, and counts how often."""

    def __init__(self, task: Callable[[Cleaner, list[_T]], list[_R]], cleaner: Cleaner, jobs: int):
        self._task, self._cleaner, self._jobs = task, cleaner, jobs
        self._executor = self._new()
        self.broken = 0

    def _new(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self._jobs,
            mp_context=_context(),
            initializer=_init_worker,
            initargs=(self._cleaner,),
        )

    def submit(self, chunk: list[_T]) -> _Submitted[_R] | None:
        """The chunk's future and the pool generation it runs in (None: run it here)."""
        try:
            return self._submit(chunk)
        except BrokenProcessPool as exc:
            self.failed(self.broken, exc)
            return None if self.broken >= MAX_POOL_FAILURES else self._submit(chunk)

    def _submit(self, chunk: list[_T]) -> _Submitted[_R]:
        return _Submitted(self._executor.submit(_run_in_worker, self._task, chunk), self.broken)

    def failed(self, generation: int, exc: BaseException) -> None:
        """Note that pool ``generation`` broke, and start a fresh one (once per pool)."""
        if generation != self.broken:
            return  # that pool has been replaced already
        self.broken += 1
        rest = "" if self.broken < MAX_POOL_FAILURES else ", and so is the rest of the stream"
        warnings.warn(
            f"newsclean worker processes failed ({exc}); the records they held are "
            f"cleaned in the main process{rest}",
            RuntimeWarning,
            stacklevel=2,
        )
        self._executor.shutdown(wait=False, cancel_futures=True)
        self._executor = self._new()

    def shutdown(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)


@attrs.frozen
class _Submitted(Generic[_R]):
    future: Future[list[_R]]
    generation: int


def _drain_one(
    pending: deque[tuple[list[_T], _Submitted[_R] | None]],
    pool: _Pool[_T, _R] | None,
    task: Callable[[Cleaner, list[_T]], list[_R]],
    cleaner: Cleaner,
) -> list[_R]:
    chunk, submitted = pending.popleft()
    if submitted is None:
        return task(cleaner, chunk)
    try:
        return submitted.future.result()
    except BrokenProcessPool as exc:
        if pool is not None:
            pool.failed(submitted.generation, exc)
        return task(cleaner, chunk)
    except Exception:  # e.g. an unpicklable record: clean the chunk here
        return task(cleaner, chunk)
